# The app server image: gunicorn serving cms.wsgi with production settings.
# The same image runs the task worker (`manage.py db_worker`) and the daily
# commands; docs/deployment.md says how. Build: docker build -t odn-cms .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 odn

WORKDIR /app
# Exact versions from the lock file first (a cached layer), then the project.
COPY requirements.lock pyproject.toml README.md ./
RUN pip install -r requirements.lock
COPY . .
RUN pip install --no-deps . \
    && SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --no-input -v0

USER odn
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
# Each worker is replaced after about a thousand requests: building a year's calendar
# feed or a busy month grows a worker, and CPython keeps memory it has freed
# (docs/performance.md, "Worker memory").
CMD ["sh", "-c", "exec gunicorn cms.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --timeout 30 --max-requests ${GUNICORN_MAX_REQUESTS:-1000} --max-requests-jitter 100 --access-logfile -"]
