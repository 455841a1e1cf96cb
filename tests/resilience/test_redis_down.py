"""Redis stops and starts again: the site keeps serving, rate limits keep counting.

The test starts its own redis-server on a loopback port, points both cache aliases
at it (as production does with REDIS_URL), kills it with SIGKILL mid-test and
starts it again.
"""

import logging
import signal
import time

import pytest
import redis

from tests.resilience.services import RedisServer

RETRY_AFTER = 0.3


@pytest.fixture
def redis_server():
    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_caches(settings, redis_server):
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": RETRY_AFTER}
    settings.CACHES = {
        alias: {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": f"test-{alias}",
            "OPTIONS": {**options, "FALLBACK": fallback},
        }
        for alias, fallback in (("default", "none"), ("ratelimit", "local"))
    }
    yield redis_server


def redis_keys(server):
    return {key.decode() for key in redis.Redis.from_url(server.url).keys("*")}


SURFACES = [
    "/",
    "/api/v2/pages/",
    "/search/?q=transfer",
    "/accounts/login/",
    "/sitemap.xml",
    "/feeds/calendar.ics",
    "/request-membership/",
]


@pytest.mark.django_db
def test_site_keeps_serving_while_redis_is_down_and_uses_it_again(
    client, request_page, redis_caches, caplog
):
    server = redis_caches
    assert client.get("/").status_code == 200
    assert any("wagtail_site_root_paths" in key for key in redis_keys(server))

    server.kill()
    caplog.set_level(logging.WARNING, logger="cms.cache")
    for url in SURFACES:
        assert client.get(url).status_code == 200, url
    outage_lines = [r for r in caplog.records if "is unavailable" in r.getMessage()]
    assert len(outage_lines) == 1, "one warning per outage, not one per request"
    assert "serving without the shared cache" in outage_lines[0].getMessage()

    server.start()
    time.sleep(RETRY_AFTER + 0.1)
    assert client.get("/").status_code == 200
    assert any("wagtail_site_root_paths" in key for key in redis_keys(server))
    assert any("available again" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_hung_redis_costs_one_timeout_then_none_until_retry(client, home_page, settings):
    """While the outage lasts, requests do not wait for Redis at all."""
    with RedisServer() as server:
        settings.CACHES = {
            alias: {
                "BACKEND": "cms.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2, "RETRY_AFTER": 60},
            }
            for alias in ("default", "ratelimit")
        }
        assert client.get("/").status_code == 200
        server.process.send_signal(signal.SIGSTOP)  # the port accepts, nothing answers
        try:
            started = time.monotonic()
            assert client.get("/").status_code == 200
            first = time.monotonic() - started
            started = time.monotonic()
            for _ in range(5):
                assert client.get("/").status_code == 200
            later = (time.monotonic() - started) / 5
        finally:
            server.process.send_signal(signal.SIGCONT)
    assert 2 <= first < 8, "one socket timeout, not a hang"
    assert later < 1.5, "no further waiting until the retry time"


@pytest.mark.django_db
def test_rate_limits_still_count_per_process_while_redis_is_down(
    client, request_page, valid_data, redis_caches, settings
):
    settings.MEMBERSHIP_RATE_LIMIT_PER_EMAIL = (2, 3600)
    redis_caches.kill()
    url = request_page.url
    statuses = [
        client.post(url, {**valid_data, "email": f"{pad}jo.nurse@NHS.net{pad}"}).status_code
        for pad in ("", " ", "  ")
    ]
    assert statuses == [200, 200, 429]
