"""Local development: `make run`. SQLite, console email, local memory cache."""

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
SECRET_KEY = env.get("SECRET_KEY", "dev-only-secret-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Without REDIS_URL the login throttle counts per process (local memory).
SILENCED_SYSTEM_CHECKS = ["axes.W001"]
