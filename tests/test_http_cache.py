"""HTTP caching: the policy per kind of visitor, server-side copies under the content
version, 304s from the stored validator, invalidation on publish and on privacy change."""

import time

from django.db import connection
from django.utils.http import http_date

from wagtail.models import APIToken, PageViewRestriction

import pytest

from core import cache as http_cache
from core.models import NetworkSettings
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Escalation cascade for members"


@pytest.fixture(autouse=True)
def server_cache(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 300
    settings.HTTP_CACHE_MAX_AGE = 60
    settings.HTTP_CACHE_S_MAXAGE = 240


@pytest.fixture
def public_page(site):
    # The network settings row is made on the first page view; make it beforehand so
    # that the first view does not change the content version.
    NetworkSettings.for_site(site)
    return ContentPageFactory(parent=site.root_page, title="About the network", slug="about")


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_anonymous_html_is_public_for_browsers_and_cdns(client, public_page):
    response = client.get("/about/")
    assert response.status_code == 200
    assert {"public", "max-age=60", "s-maxage=240"} <= directives(response)
    assert "Cookie" in response["Vary"]
    assert response["ETag"] and response["Last-Modified"]


def test_signed_in_html_is_private_and_never_stored(client, public_page, member):
    client.force_login(member)
    first = client.get("/about/")
    assert {"private", "no-store"} <= directives(first)
    assert "public" not in directives(first)
    assert "X-Cache" not in client.get("/about/")
    # An anonymous visitor is never handed the signed-in visitor's copy.
    client.logout()
    client.cookies.clear()
    assert "X-Cache" not in client.get("/about/")
    assert client.get("/about/")["X-Cache"] == "hit"


def test_token_answers_are_private_and_never_served_from_the_anonymous_copy(
    client, home_page, public_page, members_group
):
    area = ContentPageFactory(parent=home_page, title="Members area", slug="members")
    restrict_to_members(area, members_group)
    ContentPageFactory(parent=area, title="Handbook", introduction=SECRET)
    member = members_group.user_set.create(username="reader", email="reader@nhs.net")
    _, token = APIToken.create_token(user=member, name="Trust intranet")

    anonymous = client.get(
        "/api/v2/pages/", {"type": "pages.ContentPage", "fields": "introduction"}
    )
    assert SECRET not in anonymous.content.decode()
    assert (
        client.get("/api/v2/pages/", {"type": "pages.ContentPage", "fields": "introduction"})[
            "X-Cache"
        ]
        == "hit"
    )

    with_token = client.get(
        "/api/v2/pages/",
        {"type": "pages.ContentPage", "fields": "introduction"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert SECRET in with_token.content.decode()
    assert "X-Cache" not in with_token
    assert {"private", "no-store"} <= directives(with_token)


def test_a_session_that_is_not_signed_in_is_not_shared(client, public_page):
    client.cookies["sessionid"] = "left-over-from-a-logout"
    response = client.get("/about/")
    assert response.status_code == 200
    assert {"private", "no-cache"} <= directives(response)
    assert "X-Cache" not in client.get("/about/")


def test_personal_feed_is_private(client, home_page, member):
    from events.models import PersonalFeedToken

    token = PersonalFeedToken.objects.create(user=member)
    first = client.get(f"/feeds/personal/{token.token}.ics")
    assert {"private", "no-store"} <= directives(first)
    assert "X-Cache" not in client.get(f"/feeds/personal/{token.token}.ics")


def test_a_stored_answer_costs_no_query(client, public_page, django_assert_num_queries):
    client.get("/about/")
    with django_assert_num_queries(0):
        again = client.get("/about/")
    assert again.status_code == 200 and again["X-Cache"] == "hit"
    assert "About the network" in again.content.decode()


def test_if_none_match_is_answered_304_without_building(
    client, public_page, django_assert_num_queries
):
    etag = client.get("/about/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/about/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "s-maxage=240" in response["Cache-Control"]


def test_api_list_304_without_building(client, public_page, django_assert_num_queries):
    first = client.get("/api/v2/pages/?limit=20")
    assert {"public", "s-maxage=240"} <= directives(first)
    with django_assert_num_queries(0):
        response = client.get("/api/v2/pages/?limit=20", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304


def test_if_modified_since_is_answered_304_without_building(
    client, public_page, django_assert_num_queries
):
    time.sleep(1.1)  # HTTP dates have a resolution of one second
    first = client.get("/about/")
    with django_assert_num_queries(0):
        response = client.get("/about/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 304
    older = http_date(time.time() - 3600)
    assert client.get("/about/", HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_if_modified_since_is_not_trusted_within_the_second_of_a_change(client, public_page):
    first = client.get("/about/")
    public_page.title = "About us"
    public_page.save_revision().publish()
    # Built in the same second as the change: the date cannot tell the copies apart.
    response = client.get("/about/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert "About us" in response.content.decode()


def test_publish_replaces_the_stored_copy(client, public_page):
    etag = client.get("/about/")["ETag"]
    assert client.get("/about/")["X-Cache"] == "hit"
    public_page.title = "About us"
    public_page.save_revision().publish()
    response = client.get("/about/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "About us" in response.content.decode()


def test_a_process_serves_its_own_copy_without_redis_until_content_changes(
    client, public_page, django_assert_num_queries
):
    """The process's own copy is kept under the same content version as the shared
    one: it saves the fetch from Redis and never outlives a change."""
    client.get("/about/")
    http_cache.cache.clear()  # the shared copy and the version, gone
    http_cache.bump_content_version()
    client.get("/about/")
    version = http_cache.content_version()
    for key in [key for key in http_cache.local_copies._entries if version["token"] in key]:
        http_cache.cache.delete(key)  # only this process's copy is left
    with django_assert_num_queries(0):
        assert client.get("/about/")["X-Cache"] == "hit"
    public_page.title = "About us"
    public_page.save_revision().publish()
    response = client.get("/about/")
    assert "X-Cache" not in response and "About us" in response.content.decode()


def test_a_process_keeps_copies_up_to_its_byte_bound():
    copies = http_cache.LocalCopies(capacity=1000)
    for n in range(4):
        copies.put(f"k{n}", {"content": b"x" * 300}, timeout=60)
    assert copies.size <= 1000 and copies.get("k0") is None and copies.get("k3")
    copies.put("big", {"content": b"x" * 600}, timeout=60)  # over half the bound: not kept
    assert copies.get("big") is None
    copies.put("gone", {"content": b"x"}, timeout=0)  # the shared copy has expired
    assert copies.get("gone") is None


def test_privacy_change_removes_every_stored_public_copy(
    client, home_page, public_page, members_group
):
    child = ContentPageFactory(parent=public_page, title="Escalation guide", introduction=SECRET)
    urls = [
        "/about/",
        "/about/escalation-guide/",
        "/api/v2/pages/?type=pages.ContentPage&fields=introduction",
        "/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Cache"] == "hit"
    assert (
        SECRET
        in client.get("/api/v2/pages/?type=pages.ContentPage&fields=introduction").content.decode()
    )

    restrict_to_members(public_page, members_group)

    for url in ("/about/", "/about/escalation-guide/"):
        response = client.get(url)
        assert response.status_code == 403, url  # the members-only notice
        assert "X-Cache" not in response
    listing = client.get("/api/v2/pages/?type=pages.ContentPage&fields=introduction")
    assert "X-Cache" not in listing
    assert SECRET not in listing.content.decode()
    assert child.title not in listing.content.decode()


def test_copy_stored_while_a_privacy_change_commits_is_never_served(
    client, public_page, members_group, django_capture_on_commit_callbacks
):
    """A reader who read the page just before the change commits stores a public copy
    under the version of that moment; the bump after the commit makes it unreachable."""
    # The test's own transaction never commits: forget the bump its set-up left
    # pending, so that the change below starts as a fresh transaction would.
    connection.run_on_commit = [
        entry for entry in connection.run_on_commit if entry[1] is not http_cache._bump_after_commit
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        restrict_to_members(public_page, members_group)
        # The concurrent reader's copy, stored under the version current before commit.
        version = http_cache.content_version()
        request_key = http_cache.AnonymousCacheMiddleware._key(_request_for("/about/"), version)
        from django.core.cache import cache

        cache.set(
            request_key,
            {
                "content": b"About the network (stale public copy)",
                "headers": [("Content-Type", "text/html"), ("Cache-Control", "public")],
                "etag": '"stale"',
                "built": int(time.time()),
                "trust_date": False,
            },
        )
        assert client.get("/about/")["X-Cache"] == "hit"  # before the commit
    assert http_cache._bump_after_commit in callbacks
    response = client.get("/about/")
    assert response.status_code == 403
    assert b"stale" not in response.content


def _request_for(path):
    from django.test import RequestFactory

    return RequestFactory().get(path)


def test_removing_a_restriction_replaces_the_stored_redirect_too(
    client, public_page, members_group
):
    restrict_to_members(public_page, members_group)
    assert client.get("/about/").status_code == 403
    PageViewRestriction.objects.filter(page=public_page).delete()
    assert client.get("/about/").status_code == 200


def test_forms_and_errors_are_not_stored(client, home_page):
    login = client.get("/accounts/login/")
    assert login.status_code == 200
    assert "public" not in directives(login)
    assert "X-Cache" not in client.get("/accounts/login/")
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "public" not in directives(missing)


def test_storing_can_be_switched_off(client, public_page, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 0
    client.get("/about/")
    response = client.get("/about/")
    assert "X-Cache" not in response
    assert "public" in directives(response)


def test_version_changes_with_content_only(public_page, member):
    before = http_cache.content_version()["token"]
    member.last_login = None
    member.save()  # saving a user changes nothing a visitor sees
    assert http_cache.content_version()["token"] == before
    public_page.save_revision().publish()
    assert http_cache.content_version()["token"] != before


def test_version_survives_a_lost_cache_as_a_new_token(public_page):
    from django.core.cache import cache

    before = http_cache.content_version()["token"]
    cache.delete(http_cache.VERSION_KEY)
    assert http_cache.content_version()["token"] != before


def test_on_commit_bump_is_registered_once_per_transaction(home_page):
    from django.db import transaction

    with transaction.atomic():
        for n in range(5):
            ContentPageFactory(parent=home_page, title=f"Page {n}", slug=f"page-{n}")
        pending = [
            func for _, func, _ in connection.run_on_commit if func is http_cache._bump_after_commit
        ]
        assert len(pending) == 1
