"""Health endpoints for load balancers and orchestrators, answering JSON.

``/healthz``: the process is up (no service is touched).
``/readyz``: the database, the shared cache and the media store answer; 503 with
the failing parts named otherwise, so a load balancer stops sending traffic to a
server that cannot serve it. Neither is cached.
"""

import time

from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from cms.cache import ResilientRedisCache


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        cache.ping()
        return
    cache.set("readyz-probe", "1", 5)


def _storage():
    default_storage.exists("healthcheck/.probe")


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """{"status": "ok"|"unavailable", "checks": {name: {"ok": bool, "ms": float, "error"?}}}"""
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            results[name] = {"ok": False, "error": type(error).__name__}
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    ready = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
