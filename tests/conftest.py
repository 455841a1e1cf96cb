"""Shared fixtures: a site with a home page, and a user in each role."""

from django.conf import settings
from django.contrib.auth.models import Group

from wagtail.models import Locale, Page, PageViewRestriction, Site

import pytest

from home.models import HomePage
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test writes media to its own folder and starts with an empty cache."""
    from django.core.cache import caches

    settings.MEDIA_ROOT = str(tmp_path / "media")
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


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
