"""Headless preview: an editor's draft on the front end, through a signed, expiring token."""

import html
import re
from urllib.parse import parse_qs, urlsplit

from django.core.signing import b62_decode, b62_encode

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from tests.api.conftest import SECRET, bearer
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

FRONT_END = "https://preview.network.example/"
DRAFT = "Draft wording not yet published"


@pytest.fixture
def front_end(settings):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": FRONT_END},
        "ENFORCE_TRAILING_SLASH": False,
    }


def content_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "listing_summary": page.listing_summary,
        "body": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def admin_preview(client, editor, preview_url, data):
    """What the editor's preview panel shows for the form data ``data``."""
    client.force_login(editor)
    posted = client.post(preview_url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}, posted.content
    response = client.get(preview_url)
    client.logout()
    return response


def front_end_call(response):
    """The front end's URL in the admin's preview, and its query parameters."""
    assert response.status_code == 200
    match = re.search(r'<iframe src="([^"]+)"', response.content.decode())
    assert match, response.content
    url = html.unescape(match.group(1))
    query = {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
    return url, query


def preview_token(client, editor, page, **changes):
    response = admin_preview(
        client,
        editor,
        f"/admin/pages/{page.pk}/edit/preview/",
        content_form(page, **changes),
    )
    url, query = front_end_call(response)
    assert url.startswith(FRONT_END)
    return query


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def preview_api(client, query, **extra):
    return client.get("/api/v2/page_preview/", query, **extra)


def test_editor_previews_a_draft_on_the_front_end(client, front_end, superuser, public_page):
    query = preview_token(client, superuser, public_page, introduction=DRAFT)
    assert query["content_type"] == "pages.contentpage"

    response = preview_api(client, query)
    assert response.status_code == 200, response.content
    draft = response.json()
    assert draft["id"] == public_page.pk
    assert draft["introduction"] == DRAFT
    assert draft["meta"]["type"] == "pages.ContentPage"
    assert draft["meta"]["parent"]["id"] == public_page.get_parent().pk  # detail fields
    assert cache_control(response) == {"private", "no-store", "max-age=0"}

    # The page itself is unchanged: the preview saved nothing.
    published = client.get(f"/api/v2/pages/{public_page.pk}/").json()
    assert published["introduction"] == public_page.introduction != DRAFT


def test_preview_of_a_new_page_not_saved_yet(client, front_end, superuser, home_page):
    response = admin_preview(
        client,
        superuser,
        f"/admin/pages/add/pages/contentpage/{home_page.pk}/preview/",
        nested_form_data(
            {
                "title": "Escalation guide",
                "slug": "escalation-guide",
                "introduction": DRAFT,
                "listing_summary": "",
                "body": streamfield([("rich_text", rich_text("<p>Call the network office.</p>"))]),
            }
        ),
    )
    _, query = front_end_call(response)
    draft = preview_api(client, query).json()
    assert draft["id"] is None  # not saved yet
    assert "detail_url" not in draft["meta"]
    assert draft["meta"]["parent"]["id"] == home_page.pk
    assert draft["title"] == "Escalation guide"
    assert draft["introduction"] == DRAFT
    assert draft["body"][0]["type"] == "rich_text"
    assert "Call the network office." in str(draft["body"][0]["value"])


def test_without_a_front_end_wagtail_previews_the_html_itself(client, superuser, public_page):
    response = admin_preview(
        client,
        superuser,
        f"/admin/pages/{public_page.pk}/edit/preview/",
        content_form(public_page, introduction=DRAFT),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert DRAFT in content
    assert "<iframe" not in content
    assert FRONT_END not in content


def test_members_only_draft_is_reached_with_the_preview_token_alone(
    client, front_end, superuser, members_page, member_token, outsider_token
):
    query = preview_token(client, superuser, members_page, introduction=DRAFT)

    # The front end holds no account: the preview token is the capability.
    response = preview_api(client, query)
    assert response.status_code == 200
    assert response.json()["introduction"] == DRAFT
    assert cache_control(response) == {"private", "no-store", "max-age=0"}

    # Without the token, nobody reaches the draft; the pages endpoint keeps the
    # page to members, and shows them the published text only.
    for extra in ({}, bearer(outsider_token), bearer(member_token)):
        refused = preview_api(client, {"content_type": query["content_type"]}, **extra)
        assert refused.status_code == 400
        assert refused.json()["message"] == "content_type and token are required"
    detail = f"/api/v2/pages/{members_page.pk}/"
    assert client.get(detail).status_code == 404
    assert client.get(detail, **bearer(outsider_token)).status_code == 404
    member_view = client.get(detail, **bearer(member_token))
    assert member_view.json()["introduction"] == SECRET
    listing = client.get("/api/v2/pages/?type=pages.ContentPage&fields=*", **bearer(member_token))
    assert DRAFT not in listing.content.decode()
    assert SECRET in listing.content.decode()


def test_pages_endpoint_never_shows_a_saved_draft(client, public_page, members_page, member_token):
    published_introduction = public_page.introduction
    for page in (public_page, members_page):
        page.introduction = DRAFT
        page.save_revision()  # a draft, saved but not published
    unpublished = ContentPageFactory(parent=public_page, title="Unpublished", live=False)
    unpublished.introduction = DRAFT
    unpublished.save_revision()

    for extra in ({}, bearer(member_token)):
        listing = client.get("/api/v2/pages/?fields=*", **extra)
        assert listing.status_code == 200
        assert DRAFT not in listing.content.decode()
        assert "Unpublished" not in listing.content.decode()
        detail = client.get(f"/api/v2/pages/{public_page.pk}/", **extra)
        assert detail.json()["introduction"] == published_introduction
        assert client.get(f"/api/v2/pages/{unpublished.pk}/", **extra).status_code == 404


def test_expired_token_is_refused(client, front_end, superuser, public_page, settings):
    query = preview_token(client, superuser, public_page, introduction=DRAFT)
    settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE = -1  # every token is now too old
    response = preview_api(client, query)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": "This preview token has expired: preview the page again."}
    assert DRAFT not in response.content.decode()


def tampered(token):
    """The token with another page's id, a forged signature, a later timestamp..."""
    identifier, timestamp, signature = token.rsplit(":", 2)
    page_id = int(identifier.removeprefix("id="))
    flipped = "A" if signature[0] != "A" else "B"
    return [
        f"id={page_id + 1}:{timestamp}:{signature}",
        f"{identifier}:{timestamp}:{flipped}{signature[1:]}",
        f"{identifier}:{b62_encode(b62_decode(timestamp) + 3600)}:{signature}",
        signature,
        "",
    ]


def test_tampered_tokens_are_refused(client, front_end, superuser, public_page):
    query = preview_token(client, superuser, public_page, introduction=DRAFT)
    for token in tampered(query["token"]):
        response = preview_api(client, {**query, "token": token})
        if token:
            assert response.status_code == 403, token
            assert response.json() == {"message": "Invalid preview token."}
        else:
            assert response.status_code == 400
        assert DRAFT not in response.content.decode()


@pytest.mark.parametrize(
    ("content_type", "status", "message"),
    [
        ("", 400, "content_type and token are required"),
        ("pages", 400, "content_type must name a page type, e.g. pages.contentpage"),
        ("pages.nosuchpage", 400, "content_type must name a page type, e.g. pages.contentpage"),
        ("auth.user", 400, "auth.user pages cannot be previewed"),
        ("wagtailcore.page", 400, "wagtailcore.page pages cannot be previewed"),
        ("pages.sectionpage", 404, "No preview of this page type for this token."),
        ("pages.content\x00page", 400, "null characters are not allowed in 'content_type'"),
    ],
)
def test_bad_content_types_get_a_json_reason(
    client, front_end, superuser, public_page, content_type, status, message
):
    query = preview_token(client, superuser, public_page)
    response = preview_api(client, {**query, "content_type": content_type})
    assert response.status_code == status
    assert response.json() == {"message": message}


def test_a_bad_bearer_token_is_still_refused(client, front_end, superuser, public_page):
    query = preview_token(client, superuser, public_page)
    response = preview_api(client, query, HTTP_AUTHORIZATION="Bearer wagtail_bogus")
    assert response.status_code == 401
    assert response.json()["message"]
