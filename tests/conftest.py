"""Shared fixtures: a site with a home page, and a user in each role.

Property and fuzz tests run under a Hypothesis profile: ``ci`` (bounded and seeded, the
default for ``make test``) or ``fuzz`` (many more examples, ``make fuzz``), chosen by the
``HYPOTHESIS_PROFILE`` environment variable.
"""

import io
import os

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from home.models import HomePage
from tests.factories import UserFactory

_PATIENT = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much],
}
hypothesis_settings.register_profile("ci", max_examples=60, derandomize=True, **_PATIENT)
hypothesis_settings.register_profile("fuzz", max_examples=3000, **_PATIENT)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test writes media to its own folder and starts with an empty cache."""
    from django.core.cache import caches

    from core.cache import local_copies

    settings.MEDIA_ROOT = str(tmp_path / "media")
    for cache in caches.all():
        cache.clear()
    local_copies.clear()
    yield
    for cache in caches.all():
        cache.clear()
    local_copies.clear()


@pytest.fixture(scope="module")
def demo_network(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo network, loaded once for a test module (a load takes seconds).

    The load runs in a transaction that stays open while the module's tests run, each
    in its own savepoint (pytest-django's ``db``), and is rolled back after the last.
    For modules of ordinary ``db`` tests only: a transactional test would commit it.
    Yields the folder of the demo's media files.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        loading = transaction.atomic()
        loading.__enter__()
        try:
            call_command("load_demo_network", stdout=io.StringIO())
            yield media
        finally:
            transaction.set_rollback(True)
            loading.__exit__(None, None, None)


@pytest.fixture
def demo(demo_network, db, settings):
    """The demo network for one test; what the test changes is rolled back after it."""
    settings.MEDIA_ROOT = str(demo_network)


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePage(title="Test network", slug="test-home", locale=Locale.get_default())
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def members_group(db):
    return Group.objects.get(name=settings.MEMBERS_GROUP_NAME)


@pytest.fixture
def office_group(db):
    return Group.objects.get(name=settings.NETWORK_OFFICE_GROUP_NAME)


@pytest.fixture
def outsider(db):
    """Logged in, but not a member (for example, awaiting approval)."""
    return UserFactory()


@pytest.fixture
def member(members_group):
    user = UserFactory()
    user.groups.add(members_group)
    return user


@pytest.fixture
def office_user(office_group):
    user = UserFactory()
    user.groups.add(office_group)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def restrict_to_members(page, *groups):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(groups or Group.objects.filter(name=settings.MEMBERS_GROUP_NAME))
    return restriction


def members_only_collection(name="Members' papers", *groups):
    """A collection of documents that only ``groups`` (default: the "Network members"
    group) may open."""
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(groups or Group.objects.filter(name=settings.MEMBERS_GROUP_NAME))
    return collection


@pytest.fixture
def commit_hooks_run_on_commit(monkeypatch):
    """Run on-commit work (emails, tasks) when the code's own transaction ends.

    Each test runs inside a transaction that is rolled back at its end, so Django
    would hold every ``transaction.on_commit`` callback until then. With this
    fixture a callback runs where it would in production: at once when no
    transaction of the code is open, or when the code's outermost ``atomic`` block
    exits without an error (and never when it is rolled back).
    """
    from django.db import connections, transaction

    def only_test_atomics(connection):
        return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)

    def run_pending(connection):
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, func, _robust in pending:
            func()

    original_exit = transaction.Atomic.__exit__

    def atomic_exit(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        connection = connections[self.using or "default"]
        if exc_type is None and connection.in_atomic_block and only_test_atomics(connection):
            run_pending(connection)
        return result

    original_on_commit = type(connections["default"]).on_commit

    def on_commit(self, func, robust=False):
        if self.in_atomic_block and only_test_atomics(self):
            func()
        else:
            original_on_commit(self, func, robust)

    monkeypatch.setattr(transaction.Atomic, "__exit__", atomic_exit)
    monkeypatch.setattr(type(connections["default"]), "on_commit", on_commit)
