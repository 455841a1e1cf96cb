"""CDN purges after a privacy change or a move, received by a real HTTP server."""

from wagtail.models import Locale, PageViewRestriction

import pytest

from tests.api.servers import RecordingServer
from tests.conftest import restrict_to_members
from tests.events.factories import EventCategoryFactory
from tests.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def purge_server(settings):
    with RecordingServer() as server:
        settings.WAGTAILFRONTENDCACHE = {
            "http": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": server.url,
            }
        }
        yield server


def purged(server):
    assert all(request.method == "PURGE" for request in server.received)
    return {request.path for request in server.received}


@pytest.fixture
def tree(home_page):
    """A public section with a page and its child, a Welsh copy and a public alias."""
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    welsh_home = home_page.copy_for_translation(welsh)
    welsh_home.save_revision().publish()
    resources = SectionPageFactory(parent=home_page, title="Resources", slug="resources")
    guide = ContentPageFactory(parent=resources, title="Escalation guide", slug="guide")
    annex = ContentPageFactory(parent=guide, title="Annex", slug="annex")
    welsh_resources = resources.copy_for_translation(welsh)
    welsh_resources.save_revision().publish()
    welsh_guide = guide.copy_for_translation(welsh)
    welsh_guide.save_revision().publish()
    about = ContentPageFactory(parent=home_page, title="About", slug="about")
    alias = guide.create_alias(parent=about, update_slug="guide-alias")
    EventCategoryFactory(name="Governance", slug="governance")
    return {"resources": resources, "guide": guide, "annex": annex, "alias": alias}


def test_privacy_change_purges_every_copy_of_the_page(
    purge_server, tree, members_group, django_capture_on_commit_callbacks
):
    guide = tree["guide"]
    with django_capture_on_commit_callbacks(execute=True):
        restrict_to_members(guide, members_group)
    paths = purged(purge_server)
    expected = {
        "/resources/guide/",  # the page
        "/resources/guide/annex/",  # below it
        "/cy/resources/guide/",  # its translation
        "/about/guide-alias/",  # its alias
        "/resources/",  # the listing that holds it
        "/cy/resources/",  # the translated listing
        "/about/",  # the alias's listing
        "/",  # home: section cards and menu
        "/cy/",
        "/sitemap.xml",
        "/feeds/calendar.ics",
        "/feeds/category/governance.ics",
        f"/api/v2/pages/{guide.pk}/",
        f"/api/v2/pages/{tree['annex'].pk}/",
        "/api/v2/pages/",
    }
    assert expected <= paths, expected - paths


def test_removing_the_restriction_purges_too(
    purge_server, tree, members_group, django_capture_on_commit_callbacks
):
    restrict_to_members(tree["guide"], members_group)
    purge_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=tree["guide"]).delete()
    paths = purged(purge_server)
    assert {"/resources/guide/", "/cy/resources/guide/", "/about/guide-alias/"} <= paths


def test_move_into_a_restricted_section_purges_old_and_new_places(
    purge_server, home_page, tree, members_group, django_capture_on_commit_callbacks
):
    members = SectionPageFactory(parent=home_page, title="Members area", slug="members")
    restrict_to_members(members, members_group)
    purge_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tree["guide"].move(members, pos="last-child")
    paths = purged(purge_server)
    assert {
        "/resources/guide/",  # where it was
        "/resources/guide/annex/",
        "/members/guide/",  # where it is now
        "/resources/",
        "/members/",
        "/cy/resources/guide/",
        "/sitemap.xml",
    } <= paths


def test_a_menu_page_purges_every_page_of_its_site(
    purge_server, home_page, tree, members_group, django_capture_on_commit_callbacks
):
    resources = tree["resources"]
    resources.show_in_menus = True
    resources.save_revision().publish()
    purge_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restrict_to_members(resources, members_group)
    assert "/about/" in purged(purge_server)  # every page shows the menu


def test_nothing_is_sent_without_a_configured_cdn(
    tree, members_group, django_capture_on_commit_callbacks, settings
):
    from api.changes import nobody_listens

    settings.WAGTAILFRONTENDCACHE = {}
    assert nobody_listens()  # no CDN, no webhook endpoint: a change is not even recorded
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        restrict_to_members(tree["guide"], members_group)
    assert not [callback for callback in callbacks if "_Pending" in repr(callback)]
