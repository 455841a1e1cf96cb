"""Cache headers of API answers and CDN purges when content changes."""

from wagtail.models import PageViewRestriction

import pytest

from tests.api.conftest import bearer
from tests.api.servers import RecordingServer
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_anonymous_answers_are_public_with_etag_and_304(client, public_page, settings):
    settings.WAGTAILAPI_CACHE_MAX_AGE = 120
    url = f"/api/v2/pages/{public_page.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=120" in first["Cache-Control"]
    assert {"Authorization", "Cookie"} <= {v.strip() for v in first["Vary"].split(",")}
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    public_page.title = "About us"
    public_page.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["title"] == "About us"
    assert changed["ETag"] != etag


def test_listing_is_cacheable_too(client, public_page):
    response = client.get("/api/v2/pages/")
    assert "public" in response["Cache-Control"]
    assert client.get("/api/v2/pages/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_token_answers_are_private_and_never_304(client, members_page, member_token):
    url = f"/api/v2/pages/{members_page.pk}/"
    response = client.get(url, **bearer(member_token))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control
    assert "ETag" not in response
    assert {"Authorization", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


def test_session_answers_are_private(client, public_page, member):
    client.force_login(member)
    response = client.get(f"/api/v2/pages/{public_page.pk}/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_errors_are_not_cached_publicly(client, public_page):
    response = client.get("/api/v2/pages/?limit=abc")
    assert response.status_code == 400
    assert "public" not in response["Cache-Control"]
    unauthorised = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Bearer nope")
    assert "no-store" in unauthorised["Cache-Control"]


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


def test_publish_purges_detail_and_listings(
    purge_server, public_page, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        public_page.save_revision().publish()

    paths = purged(purge_server)
    assert f"/api/v2/pages/{public_page.pk}/" in paths
    assert "/api/v2/pages/" in paths
    assert f"/api/v2/pages/?child_of={home_page.pk}" in paths
    assert "/api/v2/pages/?type=pages.ContentPage" in paths
    assert "/api/v2/pages/find/?html_path=%2Fabout%2F" in paths
    assert purge_server.received[0].headers["Host"] == "testserver"


def test_nothing_is_purged_before_commit(
    purge_server, public_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        public_page.save_revision().publish()
    api_paths = {p for p in purged(purge_server) if p.startswith("/api/")}
    assert api_paths == set()
    assert callbacks


def test_unpublish_delete_and_move_purge(
    purge_server, public_page, members_area, home_page, django_capture_on_commit_callbacks
):
    child = ContentPageFactory(parent=public_page, title="Child")
    with django_capture_on_commit_callbacks(execute=True):
        child.unpublish()
    assert f"/api/v2/pages/{child.pk}/" in purged(purge_server)

    purge_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        public_page.move(members_area, pos="last-child")
    paths = purged(purge_server)
    assert f"/api/v2/pages/?child_of={home_page.pk}" in paths
    assert f"/api/v2/pages/?child_of={members_area.pk}" in paths
    assert f"/api/v2/pages/{child.pk}/" in paths  # descendants move with it
    assert "/api/v2/pages/find/?html_path=%2Fabout%2F" in paths  # its old path
    assert "/api/v2/pages/find/?html_path=%2Fmembers%2Fabout%2F" in paths

    purge_server.received.clear()
    page_id = public_page.pk
    with django_capture_on_commit_callbacks(execute=True):
        public_page.delete()
    assert f"/api/v2/pages/{page_id}/" in purged(purge_server)


def test_privacy_change_purges_the_branch(
    purge_server, public_page, members_group, django_capture_on_commit_callbacks
):
    child = ContentPageFactory(parent=public_page, title="Child")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict_to_members(public_page, members_group)
    paths = purged(purge_server)
    assert {f"/api/v2/pages/{public_page.pk}/", f"/api/v2/pages/{child.pk}/"} <= paths

    purge_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(pk=restriction.pk).delete()
    assert f"/api/v2/pages/{child.pk}/" in purged(purge_server)
