"""Two app servers on one PostgreSQL database and one Redis see the same site.

Two gunicorn processes with production settings serve the pytest-django test
database (data committed by this transactional test) and share a throwaway Redis.
Anonymous answers are stored by both under the content version (core/cache.py); a
publish made by another process (Wagtail's ``publish_scheduled`` command with the
servers' environment) and a privacy change made in the database are seen through
both servers at once, because each bumps the one version in Redis.
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.utils import timezone

import pytest

from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory
from tests.resilience.services import Gunicorn, RedisServer

pytestmark = pytest.mark.django_db(transaction=True)
REDIS_PORT = 18901
SERVER_PORTS = (18910, 18911)
KEY_PREFIX = "odn-two-servers"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def postgres_url(transactional_db):
    """The test database's address for other processes (PostgreSQL only: SQLite's is in memory)."""
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share one PostgreSQL database (CI runs this on PostgreSQL)")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def migration_data(transactional_db, settings):
    """What migrations create, back again if an earlier transactional test flushed it."""
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        Page.add_root(title="Root", slug="root", locale=locale)
    for name in (settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME):
        Group.objects.get_or_create(name=name)


@pytest.fixture
def shared_redis(settings):
    """A throwaway Redis that the test process and both servers use as their cache."""
    with RedisServer(port=REDIS_PORT) as redis:
        settings.CACHES = {
            alias: {
                "BACKEND": "cms.cache.ResilientRedisCache",
                "LOCATION": redis.url,
                "KEY_PREFIX": KEY_PREFIX + suffix,
                "OPTIONS": {"socket_timeout": 2, "FALLBACK": fallback},
            }
            for alias, suffix, fallback in (("default", "", "none"), ("ratelimit", "-rl", "local"))
        }
        yield redis


@pytest.fixture
def server_env(postgres_url, shared_redis, tmp_path):
    return {
        "DATABASE_URL": postgres_url,
        "REDIS_URL": shared_redis.url,
        "CACHE_KEY_PREFIX": KEY_PREFIX,
        "ANONYMOUS_CACHE_SECONDS": "600",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def servers(server_env):
    started = [Gunicorn(port, server_env) for port in SERVER_PORTS]
    try:
        for server in started:
            server.wait_ready()
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def network(migration_data):
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    home = HomePage(title="Two-server network", slug="two-server-home", locale=Locale.get_default())
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
    return home


def titles(server):
    status, body, headers = server.get("/api/v2/pages/?limit=50")
    assert status == 200, body[:500]
    return {item["title"] for item in json.loads(body)["items"]}, headers.get("X-Cache")


def warm(servers, path):
    """Fetch twice on each server; the second answer must come from the shared store."""
    for server in servers:
        server.get(path)
        status, _body, headers = server.get(path)
        assert (status, headers.get("X-Cache")) == (200, "hit"), (server.url, path)


def test_publish_and_privacy_change_are_seen_through_both_servers(network, servers, server_env):
    guidance = ContentPageFactory(parent=network, title="Massive transfusion guidance", live=False)
    guidance.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    listed = ContentPageFactory(parent=network, title="TARN data submission")
    listed_url = f"/{listed.slug}/"
    guidance_url = f"/{guidance.slug}/"

    for server in servers:
        assert server.get(guidance_url)[0] == 404
    warm(servers, "/api/v2/pages/?limit=50")
    warm(servers, listed_url)

    # A change no signal sees: both servers keep answering from their stored copies,
    # which shows the copies are really used.
    type(listed).objects.filter(pk=listed.pk).update(title="TARN data submission (revised)")
    for server in servers:
        names, cache_state = titles(server)
        assert cache_state == "hit"
        assert "TARN data submission" in names

    # Publish from another process with the servers' environment.
    published = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "publish_scheduled"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "two-server-test-secret-key-with-enough-length-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            **server_env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert published.returncode == 0, published.stdout + published.stderr
    guidance.refresh_from_db()
    assert guidance.live

    for server in servers:
        names, cache_state = titles(server)
        assert cache_state != "hit", f"{server.url} served a copy from before the publish"
        assert {"Massive transfusion guidance", "TARN data submission (revised)"} <= names
        status, body, _headers = server.get(guidance_url)
        assert status == 200
        assert b"Massive transfusion guidance" in body
    warm(servers, guidance_url)
    warm(servers, "/api/v2/pages/?limit=50")

    # Restrict the page to members, as the admin's privacy dialog does.
    restrict_to_members(guidance)
    for server in servers:
        status, body, headers = server.get(guidance_url)
        assert headers.get("X-Cache") != "hit"
        assert status in (302, 403), status
        assert b"Massive transfusion" not in body
        names, _cache_state = titles(server)
        assert "Massive transfusion guidance" not in names
        assert "TARN data submission (revised)" in names
