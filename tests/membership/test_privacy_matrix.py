"""The privacy matrix: every surface against every kind of visitor.

Members-only text (titles, introductions, summaries) and documents are marked with
unique words; each surface is fetched as each kind of visitor, and the words must
appear exactly where the visitor is allowed them.
"""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from demo.membership import ensure_members_collection
from home.models import HomePageSectionCard
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

AREA_TITLE = "Quartz members area"
AREA_SUMMARY = "Quartz area summary for members"
PAGE_TITLE = "Quartz handbook"
PAGE_TEXT = "Quartz escalation cascade for members"
CHILD_TITLE = "Quartz restricted resource"
DOC_TITLE = "Quartz rota document"
DOC_BYTES = b"Quartz rota file content"
MARKERS = (AREA_TITLE, AREA_SUMMARY, PAGE_TITLE, PAGE_TEXT, CHILD_TITLE, DOC_TITLE)

WHO = {
    "anonymous": False,
    "outsider": False,
    "awaiting_user": False,
    "member": True,
    "office_user": True,
}


@pytest.fixture
def world(home_page, members_group, office_group):
    area = SectionPageFactory(
        parent=home_page,
        title=AREA_TITLE,
        slug="members",
        show_in_menus=True,
        listing_summary=AREA_SUMMARY,
        introduction=AREA_SUMMARY,
    )
    restrict_to_members(area, members_group, office_group)
    handbook = ContentPageFactory(
        parent=area,
        title=PAGE_TITLE,
        slug="handbook",
        introduction=PAGE_TEXT,
        listing_summary=PAGE_TEXT,
    )
    # A public section with one members-only child: the section's cards must hide it.
    resources = SectionPageFactory(parent=home_page, title="Public resources", slug="resources")
    ContentPageFactory(parent=resources, title="Public leaflet", slug="leaflet")
    restricted_child = ContentPageFactory(
        parent=resources, title=CHILD_TITLE, slug="restricted", introduction=PAGE_TEXT
    )
    restrict_to_members(restricted_child, members_group, office_group)
    HomePageSectionCard.objects.create(page=home_page, target=area, sort_order=0)
    HomePageSectionCard.objects.create(page=home_page, target=resources, sort_order=1)

    collection = ensure_members_collection([members_group, office_group])
    document = get_document_model()(title=DOC_TITLE, collection=collection)
    document.file.save("quartz-rota.txt", ContentFile(DOC_BYTES))
    return {"area": area, "handbook": handbook, "resources": resources, "document": document}


def surfaces(client, world):
    """Every surface's response text, by surface name."""
    area, handbook, document = world["area"], world["handbook"], world["document"]

    def text(url, **params):
        return client.get(url, params).content.decode()

    file_response = client.get(document.url)
    file_body = (
        b"".join(file_response.streaming_content)
        if file_response.streaming
        else file_response.content
    )
    return {
        "home page (cards and menu)": text("/"),
        "section page HTML": text("/members/"),
        "page HTML": text("/members/handbook/"),
        "section cards": text("/resources/"),
        "breadcrumbs of the public leaflet": text("/resources/leaflet/"),
        "search": text("/search/", q="Quartz"),
        "sitemap": text("/sitemap.xml"),
        "API list": text("/api/v2/pages/"),
        "API list fields=*": text("/api/v2/pages/", type="pages.ContentPage", fields="*"),
        "API home fields=* (section cards)": text(
            "/api/v2/pages/", type="home.HomePage", fields="*"
        ),
        "API detail": text(f"/api/v2/pages/{handbook.pk}/"),
        "API find": text("/api/v2/pages/find/", html_path="/members/handbook/"),
        "API child_of": text("/api/v2/pages/", child_of=area.pk),
        "API descendant_of": text(
            "/api/v2/pages/", descendant_of=area.pk, type="pages.ContentPage", fields="*"
        ),
        "API search": text("/api/v2/pages/", search="Quartz"),
        "documents API list": text("/api/v2/documents/"),
        "documents API detail": text(f"/api/v2/documents/{document.pk}/"),
        "document file": file_body.decode(),
    }


@pytest.mark.parametrize("who", list(WHO))
def test_no_members_only_content_reaches_anyone_outside(client, world, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    allowed = WHO[who]
    seen = surfaces(client, world)

    if allowed:
        expectations = {
            "home page (cards and menu)": (AREA_TITLE,),
            "section page HTML": (AREA_TITLE, PAGE_TITLE),
            "page HTML": (PAGE_TITLE, PAGE_TEXT),
            "section cards": (CHILD_TITLE,),
            "search": (PAGE_TITLE, AREA_TITLE),
            "API list": (PAGE_TITLE, AREA_TITLE, CHILD_TITLE),
            "API list fields=*": (PAGE_TEXT,),
            "API home fields=* (section cards)": (AREA_TITLE,),
            "API detail": (PAGE_TEXT,),
            "API child_of": (PAGE_TITLE,),
            "API descendant_of": (PAGE_TEXT,),
            "API search": (PAGE_TITLE,),
            "documents API list": (DOC_TITLE,),
            "documents API detail": (DOC_TITLE,),
            "document file": ("Quartz rota file content",),
        }
        for surface, markers in expectations.items():
            for marker in markers:
                assert marker in seen[surface], f"{who} should see {marker!r} in {surface}"
        # The sitemap is for crawlers: never members-only, whoever asks.
        assert not any(marker in seen["sitemap"] for marker in MARKERS)
        assert "/members/" not in seen["sitemap"]
    else:
        for surface, body in seen.items():
            for marker in MARKERS + ("Quartz rota file content",):
                assert marker not in body, f"{who} sees {marker!r} in {surface}"
        assert "/members/" not in seen["sitemap"]
        assert "Public leaflet" in seen["section cards"]
        assert "Public resources" in seen["breadcrumbs of the public leaflet"]


@pytest.mark.parametrize("who", list(WHO))
def test_status_codes_for_each_visitor(client, world, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    expected_page = 200 if WHO[who] else 403
    expected_api = 200 if WHO[who] else 404
    handbook, document = world["handbook"], world["document"]
    assert client.get("/members/handbook/").status_code == expected_page
    assert client.get(document.url).status_code == expected_page
    assert client.get(f"/api/v2/pages/{handbook.pk}/").status_code == expected_api
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == expected_api
    find = client.get("/api/v2/pages/find/", {"html_path": "/members/handbook/"})
    assert find.status_code in ((302,) if WHO[who] else (404,))


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_responses_that_depend_on_who_asks_are_not_shared_cached(client, world, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in ["/", "/members/handbook/", "/search/?q=Quartz", "/api/v2/pages/"]:
        response = client.get(url)
        assert "Cookie" in response.get("Vary", "")
        if who != "anonymous":
            assert "private" in response["Cache-Control"]
            assert "no-store" in response["Cache-Control"]
