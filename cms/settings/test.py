"""pytest-django settings. DATABASE_URL and REDIS_URL from the environment decide
whether the suite runs on PostgreSQL and Redis (CI) or SQLite and local memory."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="odn-test-media-")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# Without REDIS_URL the login throttle counts per process (local memory).
SILENCED_SYSTEM_CHECKS = ["axes.W001"]
# Server-side copies of anonymous answers are switched on by the tests that check them.
ANONYMOUS_CACHE_SECONDS = 0
# One process: its local-memory content version is the only one (tests that start
# servers give them their own settings).
ACCESS_KEEP_HIDDEN_SETS = True
