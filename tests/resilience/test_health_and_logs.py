"""/healthz and /readyz answer JSON; each request leaves one structured log line."""

import json
import logging

import pytest

from cms.logging import JSONFormatter
from tests.resilience.services import RedisServer

pytestmark = pytest.mark.django_db


def test_healthz_and_readyz_answer_json(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "storage": True,
    }
    assert "no-cache" in ready["Cache-Control"]


def test_readyz_names_the_shared_cache_when_redis_is_down(client, settings):
    with RedisServer() as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "cms.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "RETRY_AFTER": 0.1},
            },
            "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
        assert client.get("/readyz").status_code == 200
        server.kill()
        ready = client.get("/readyz")
        assert client.get("/healthz").status_code == 200
    assert ready.status_code == 503
    assert ready.json()["status"] == "unavailable"
    assert ready.json()["checks"]["cache"]["ok"] is False
    assert ready.json()["checks"]["database"]["ok"] is True


def test_each_request_is_logged_as_one_json_line(client, caplog, member):
    caplog.set_level(logging.INFO, logger="cms.request")
    client.force_login(member)
    response = client.get("/healthz?token=secret-value", HTTP_X_REQUEST_ID="req-7731")
    assert response["X-Request-ID"] == "req-7731"
    [record] = [r for r in caplog.records if r.name == "cms.request"]
    line = json.loads(JSONFormatter().format(record))
    assert line["method"] == "GET" and line["path"] == "/healthz" and line["status"] == 200
    assert line["request_id"] == "req-7731" and line["user_id"] == member.pk
    assert line["duration_ms"] >= 0
    assert "secret-value" not in json.dumps(line)
