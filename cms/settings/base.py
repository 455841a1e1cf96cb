"""Settings shared by every environment.

This module is safe for production on its own: DEBUG is off, and SECRET_KEY and
ALLOWED_HOSTS come only from the environment. It is also the one place that reads
the environment; dev.py, test.py and production.py only adjust what it decides.
A service is switched on by its variable being set (DATABASE_URL, REDIS_URL,
AWS_STORAGE_BUCKET_NAME, EMAIL_HOST, ...). `.env.example` lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

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
    "groups",
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
    "wagtail.contrib.search_promotions",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "cms.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.StorageUnavailableMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.cache.AnonymousCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Rich text links rendered for this request follow the link rule for its user.
    "core.links.LinkViewerMiddleware",
    # After authentication: sends the Network office and superusers to 2FA set-up or
    # verification before any admin page when ADMIN_2FA_REQUIRED is on.
    "cms.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "membership.middleware.PrivateResponseMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
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
# REDIS_URL switches on the shared Redis cache; without it each process keeps its
# own local-memory cache. Two aliases share the one Redis: "default" (Wagtail's
# site-root paths, API answers) and "ratelimit" (login throttling, form limits).
# While Redis is unreachable the site keeps serving (cms/cache.py): "default" acts
# as an empty cache, "ratelimit" counts in each process's memory, and a warning is
# logged when Redis goes away and when it comes back.
REDIS_URL = env.get("REDIS_URL", "")
if REDIS_URL:
    _redis_options = {
        "socket_connect_timeout": float(env.get("REDIS_SOCKET_TIMEOUT", "0.5")),
        "socket_timeout": float(env.get("REDIS_SOCKET_TIMEOUT", "0.5")),
        "RETRY_AFTER": float(env.get("REDIS_RETRY_AFTER", "5")),
    }
    CACHES = {
        alias: {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "odn") + suffix,
            "OPTIONS": {**_redis_options, "FALLBACK": fallback},
        }
        for alias, suffix, fallback in (("default", "", "none"), ("ratelimit", "-rl", "local"))
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }
# Called when a process reaches Redis again after an outage: a content version it
# bumped meanwhile was lost, so it bumps again (core/cache.py).
CACHE_RECOVERY_HOOKS = ["core.cache.bump_content_version"]
# The access rule keeps the pages hidden by each set of restrictions per content
# version (core/access.py). Only where every process sees the same version: with a
# shared Redis (the tests, one process, set it too). Without it each process, a
# management command beside the dev server included, would keep its own version and
# miss the others' changes.
ACCESS_KEEP_HIDDEN_SETS = bool(REDIS_URL)


# --- Content-Security-Policy (django-csp) ----------------------------------------
# Scripts only from this site, inline ones only with the per-request nonce
# (templates/base.html); NHS.UK fonts and images from assets.nhs.uk; media from the
# bucket or its CDN; no plugins; frames only from this site (the admin's preview)
# and the video hosts that editors embed. Inline style attributes are allowed
# (NHS.UK components and the Wagtail admin use them). Documents served by Wagtail
# keep their own stricter policy (default-src 'none').
def _media_origins():
    origins = []
    for domain in (env.get("AWS_S3_PUBLIC_DOMAIN"), env.get("AWS_S3_CUSTOM_DOMAIN")):
        if domain:
            origins.append(f"https://{domain}")
    if env.get("AWS_STORAGE_BUCKET_NAME"):
        endpoint = env.get("AWS_S3_ENDPOINT_URL")
        if endpoint:
            origins.append(endpoint.rstrip("/"))
        else:
            region = env.get("AWS_S3_REGION_NAME", "eu-west-2")
            origins.append(f"https://{env['AWS_STORAGE_BUCKET_NAME']}.s3.{region}.amazonaws.com")
    return origins


NHSUK_ASSETS = "https://assets.nhs.uk"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", NHSUK_ASSETS, *_media_origins()],
        "font-src": [SELF, "data:", NHSUK_ASSETS],
        "connect-src": [SELF],
        "media-src": [SELF, *_media_origins()],
        "frame-src": [
            SELF,
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# The admin shows initials, not avatars fetched from a third party, and does not
# call out for Wagtail's release notices (upgrades are planned: docs/deployment.md).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Two-factor authentication for the admin (django-otp) -----------------------
# ADMIN_2FA_REQUIRED makes a TOTP device compulsory for superusers and the Network
# office (cms/two_factor.py). Off here (dev, tests); on in production.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = env.get("WAGTAIL_SITE_NAME", "Critical Care and Major Trauma Network")

# --- Login throttling (django-axes) ---------------------------------------------
# Member and admin logins alike: after AXES_FAILURE_LIMIT wrong passwords for one
# username (normalised), or from one address and browser, logins are refused with
# a 429 page for AXES_COOLOFF_MINUTES, even with the right password. Counted in the
# shared "ratelimit" cache, so every app server sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "ratelimit"
AXES_FAILURE_LIMIT = int(env.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
AXES_USERNAME_CALLABLE = "cms.security.login_username"
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Password reset emails: at most this many per address and per client an hour.
PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = (int(env.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "3")), 3600)
PASSWORD_RESET_RATE_LIMIT_PER_IP = (int(env.get("PASSWORD_RESET_LIMIT_PER_IP", "10")), 3600)

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
# Interface strings: locale/<code>/LC_MESSAGES/django.po, compiled to the committed
# django.mo by `make messages` (polib, so no gettext tools are needed).
LOCALE_PATHS = [BASE_DIR / "locale"]

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
# MinIO, through AWS_S3_ENDPOINT_URL). Documents are private: only ever handed out
# through Wagtail's serve view, which checks privacy first, with signed URLs.
# Images (originals and renditions) are public by design: unsigned, cacheable URLs,
# on AWS_S3_PUBLIC_DOMAIN (a CDN in front of the bucket) when set (core/s3.py).
AWS_STORAGE_BUCKET_NAME = env.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config

    STORAGES["default"] = {"BACKEND": "core.s3.MediaStorage"}
    AWS_S3_ENDPOINT_URL = env.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_PUBLIC_DOMAIN = env.get("AWS_S3_PUBLIC_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_QUERYSTRING_EXPIRE = int(env.get("AWS_QUERYSTRING_EXPIRE", "300"))
    AWS_S3_FILE_OVERWRITE = False
    AWS_LOCATION = env.get("AWS_LOCATION", "media")
    # A store that does not answer fails an attempt in seconds, not minutes.
    AWS_S3_CLIENT_CONFIG = Config(
        connect_timeout=float(env.get("AWS_S3_TIMEOUT", "3")),
        read_timeout=float(env.get("AWS_S3_TIMEOUT", "3")) * 4,
        retries={"max_attempts": 2, "mode": "standard"},
    )
# Admin uploads check that the store answers first: a form error, never a 500.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.ImageForm"

# --- Email ----------------------------------------------------------------------
# EMAIL_HOST switches on SMTP; without it mail is written to the console.
EMAIL_HOST = env.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds a relay has to answer before an attempt fails (never a hung request or
# worker). Failed membership emails are retried as scheduled tasks: the first
# retry after EMAIL_RETRY_BASE_SECONDS, doubled each time, EMAIL_MAX_ATTEMPTS in all.
EMAIL_TIMEOUT = float(env.get("EMAIL_TIMEOUT", "10"))
EMAIL_MAX_ATTEMPTS = int(env.get("EMAIL_MAX_ATTEMPTS", "5"))
EMAIL_RETRY_BASE_SECONDS = float(env.get("EMAIL_RETRY_BASE_SECONDS", "60"))
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "network.office@example.nhs.uk")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = env.get("WAGTAIL_SITE_NAME", "Critical Care and Major Trauma Network")
# The public address. `make run` sets it from HOST and PORT; production requires it.
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search: Wagtail's database backend (PostgreSQL full-text search, weighted by field
# boosts, in production; SQLite FTS locally). OPENSEARCH_URL switches to OpenSearch, the
# scale-out option (pip install opensearch-py, then `manage.py update_index`).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if env.get("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": env.get("OPENSEARCH_BACKEND", "wagtail.search.backends.opensearch2"),
        "URLS": env_list("OPENSEARCH_URL"),
        "INDEX": env.get("OPENSEARCH_INDEX", "odn"),
        "TIMEOUT": int(env.get("OPENSEARCH_TIMEOUT", "10")),
    }
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "pptx", "csv", "txt", "odt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = env.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = int(env.get("WAGTAILAPI_LIMIT_MAX", "50"))
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# URL names, reversed in the reader's language: /accounts/login/, /cy/accounts/login/.
WAGTAIL_FRONTEND_LOGIN_URL = "login"
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
# LOG_FORMAT=json writes one JSON object per line (production); "text" is plain.
# The cms.request logger writes one line per request at INFO (REQUEST_LOG_LEVEL).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "cms.logging.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.get("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "cms.request": {"level": env.get("REQUEST_LOG_LEVEL", "INFO")},
        "cms.cache": {"level": "INFO"},
    },
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
# Webhooks go to public addresses only (api/targets.py); true lets them reach
# loopback and private networks (tests, or a receiver on the same private network).
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", False)
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
    # WAGTAILADMIN_BASE_URL: the public address, used in every absolute link (API
    # detail_url and html_url, iCalendar URL, emails); without it links would name
    # http://127.0.0.1:8000.
    required = ("SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL")
    missing = [name for name in required if not env.get(name)]
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
LOGIN_REDIRECT_URL = "membership:my_membership"
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
