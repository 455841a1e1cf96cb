"""Settings shared by every environment.

This module is safe for production on its own: DEBUG is off, and SECRET_KEY and
ALLOWED_HOSTS come only from the environment. It is also the one place that reads
the environment; dev.py, test.py and production.py only adjust what it decides.
A service is switched on by its variable being set (DATABASE_URL, REDIS_URL,
AWS_STORAGE_BUCKET_NAME, EMAIL_HOST, ...). `.env.example` lists every variable.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"
env = os.environ


def env_list(name, default=""):
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return env.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


# --- Security -------------------------------------------------------------------
DEBUG = False
SECRET_KEY = env.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Applications ---------------------------------------------------------------
# Layers (docs/architecture.md): the core, the feature apps, the API app, the demo loader.
INSTALLED_APPS = [
    "core",
    "home",
    "pages",
    "events",
    "membership",
    "search",
    "guidelines",
    "api",
    "demo",
    "wagtail_headless_preview",
    "wagtailnhsukfrontend",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.cache.AnonymousCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "membership.middleware.PrivateResponseMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
# DATABASE_URL selects the database (PostgreSQL in production and CI); without it,
# a SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------
# REDIS_URL switches on the shared Redis cache (rate limits, sessions-independent
# counters); without it each process keeps its own local-memory cache.
REDIS_URL = env.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "odn"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous answers (no session cookie, no Authorization header): seconds a copy is
# kept server-side under the content version (0: never stored), and the
# Cache-Control given to browsers (max-age) and to a CDN (s-maxage). A publish or a
# privacy change makes server-side copies unreachable at once and purges the CDN;
# s-maxage bounds how long a CDN copy can outlive a lost purge (docs/privacy.md).
ANONYMOUS_CACHE_SECONDS = int(env.get("ANONYMOUS_CACHE_SECONDS", "600"))
HTTP_CACHE_MAX_AGE = int(env.get("HTTP_CACHE_MAX_AGE", "60"))
HTTP_CACHE_S_MAXAGE = int(env.get("HTTP_CACHE_S_MAXAGE", "300"))

# --- Passwords ------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -------------------------------------------------------
# On from the first migration so that translations never need a data migration.
# CONTENT_LANGUAGES lists the content languages as "code:Name" pairs, English first.
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    tuple(pair.split(":", 1))
    for pair in env_list("CONTENT_LANGUAGES", "en-gb:English,cy:Cymraeg (Welsh)")
]

# --- Static files and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "collected-static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.storage.StaticFilesStorage"},
}

# AWS_STORAGE_BUCKET_NAME switches media to S3 (or any S3-compatible store such as
# MinIO, through AWS_S3_ENDPOINT_URL). Files are private: documents are only ever
# handed out through Wagtail's serve view, which checks privacy first.
AWS_STORAGE_BUCKET_NAME = env.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    AWS_LOCATION = env.get("AWS_LOCATION", "media")

# --- Email ----------------------------------------------------------------------
# EMAIL_HOST switches on SMTP; without it mail is written to the console.
EMAIL_HOST = env.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "network.office@example.nhs.uk")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = env.get("WAGTAIL_SITE_NAME", "Critical Care and Major Trauma Network")
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "pptx", "csv", "txt", "odt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = env.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = int(env.get("WAGTAILAPI_LIMIT_MAX", "50"))
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_URL = WAGTAIL_FRONTEND_LOGIN_URL

# CDN purges on publish through wagtail.contrib.frontend_cache, switched on by
# FRONTEND_CACHE_CLOUDFLARE_TOKEN+ZONEID, FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID
# or FRONTEND_CACHE_URL (a plain HTTP PURGE target such as Varnish).
WAGTAILFRONTENDCACHE = {}
if env.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env["FRONTEND_CACHE_URL"],
    }
if env.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
    }
if env.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
        "ZONEID": env.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
    }

# --- Network membership ---------------------------------------------------------
# The group whose members may read members-only content, and the network office
# group that reviews membership requests. Both are created by migrations.
MEMBERS_GROUP_NAME = "Network members"
NETWORK_OFFICE_GROUP_NAME = "Network office"

# --- Network calendar -----------------------------------------------------------
# The sources of the calendar, its feeds and the API's occurrences, as dotted paths to
# functions ``source(user, start, end, filters)`` (see events/occurrences.py). An app
# that puts entries on the calendar adds its function here; events imports none of them.
CALENDAR_SOURCES = [
    "pages.calendar.training_sessions",
    "events.sources.event_occurrences",
]

# --- Logging --------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# --- Headless API (api/; docs/api.md) -------------------------------------------
# Seconds that shared caches and the CDN may keep an anonymous API answer (answers
# to a token or a session are never stored); publishing purges them sooner.
WAGTAILAPI_CACHE_MAX_AGE = int(env.get("WAGTAILAPI_CACHE_MAX_AGE", "300"))
# Browser front ends on other origins may read the API (and only the API): the
# allow-list of origins (with scheme), without cookies unless switched on.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_CREDENTIALS = env_bool("CORS_ALLOW_CREDENTIALS", False)
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag"]
# Publish webhooks (api/webhooks.py): attempts per delivery, the first retry's
# delay (doubled each time after) and the time a receiving site has to answer.
WEBHOOK_MAX_ATTEMPTS = int(env.get("WEBHOOK_MAX_ATTEMPTS", "5"))
WEBHOOK_RETRY_BASE_SECONDS = float(env.get("WEBHOOK_RETRY_BASE_SECONDS", "30"))
WEBHOOK_TIMEOUT_SECONDS = float(env.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
# Background tasks (django-tasks: webhooks, and Wagtail's own CDN purges and reference
# index). Without TASKS_BACKEND they run in the process that enqueues them, after the
# commit; TASKS_BACKEND=database queues them in the database for `manage.py db_worker`,
# so that publishing never waits for a downstream site.
if env.get("TASKS_BACKEND") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def require_production_settings():
    """Fail loudly when a production process starts without its essentials."""
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env.get(name)]
    if missing:
        raise ImproperlyConfigured(
            f"Set {', '.join(missing)} in the environment (see .env.example)."
        )


# --- Membership requests --------------------------------------------------------
# Addresses on these domains (and their subdomains) are trusted; others are flagged
# for a closer look by the office, not refused.
MEMBERSHIP_TRUSTED_EMAIL_DOMAINS = [
    domain.lower() for domain in env_list("MEMBERSHIP_TRUSTED_EMAIL_DOMAINS", "nhs.net,nhs.uk")
]
MEMBERSHIP_VERIFICATION_MAX_AGE = int(env.get("MEMBERSHIP_VERIFICATION_HOURS", "48")) * 3600
MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS = int(env.get("MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS", "14"))
MEMBERSHIP_REJECTED_RETENTION_DAYS = int(env.get("MEMBERSHIP_REJECTED_RETENTION_DAYS", "180"))
# (attempts, seconds) per client IP and per email address, counted in the cache.
MEMBERSHIP_RATE_LIMIT_PER_IP = (int(env.get("MEMBERSHIP_RATE_LIMIT_PER_IP", "10")), 3600)
MEMBERSHIP_RATE_LIMIT_PER_EMAIL = (int(env.get("MEMBERSHIP_RATE_LIMIT_PER_EMAIL", "3")), 3600)
# Proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
MEMBERSHIP_TRUSTED_PROXY_COUNT = int(env.get("MEMBERSHIP_TRUSTED_PROXY_COUNT", "0"))
LOGIN_REDIRECT_URL = "/membership/my-membership/"
LOGOUT_REDIRECT_URL = "/"
# --- Training & Education, Quality Improvement ----------------------------------
# The API's page-type filters include `format` (a course's delivery format), so DRF's
# `?format=` renderer override is switched off; renderers are chosen by the Accept header.
REST_FRAMEWORK = {"URL_FORMAT_OVERRIDE": None}
# --- Headless preview (wagtail-headless-preview) -----------------------------------
# With HEADLESS_PREVIEW_URL set, an editor's preview shows that front end at
# <url>?content_type=<app.model>&token=<token>; the front end reads the draft from
# /api/v2/page_preview/ with both. Unset, Wagtail's own HTML preview is served.
# A preview token is refused once HEADLESS_PREVIEW_TOKEN_MAX_AGE seconds old.
HEADLESS_PREVIEW_URL = env.get("HEADLESS_PREVIEW_URL", "")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL} if HEADLESS_PREVIEW_URL else {},
    "ENFORCE_TRAILING_SLASH": False,
}
HEADLESS_PREVIEW_TOKEN_MAX_AGE = int(env.get("HEADLESS_PREVIEW_TOKEN_MAX_AGE", "300"))
