"""What a front end receives: resolved rich text links, renditions, download URLs,
translations, and the locale and translation_of filters."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Locale

import pytest
import wagtail_factories

from tests.api.conftest import bearer
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def test_rich_text_links_are_full_urls_with_api_ids(client, home_page, public_page):
    document = get_document_model().objects.create(
        title="Transfer checklist", file=ContentFile(b"pdf", name="checklist.pdf")
    )
    page = ContentPageFactory(
        parent=home_page,
        title="Transfers",
        body=[
            (
                "rich_text",
                f'<p>See <a linktype="page" id="{public_page.pk}">about</a> and '
                f'<a linktype="document" id="{document.pk}">the checklist</a>.</p>',
            )
        ],
    )
    html = client.get(f"/api/v2/pages/{page.pk}/").json()["body"][0]["value"]
    assert f'href="http://testserver/about/" data-page-id="{public_page.pk}"' in html
    assert f'href="http://testserver{document.url}" data-document-id="{document.pk}"' in html
    # The website itself keeps its site-relative links.
    assert 'href="/about/"' in client.get("/transfers/").content.decode()


def test_blocks_carry_renditions_and_download_urls(client, home_page):
    image = wagtail_factories.ImageFactory(title="Helipad", description="A helipad")
    document = get_document_model().objects.create(
        title="Rota", file=ContentFile(b"x", name="rota.pdf")
    )
    page = ContentPageFactory(
        parent=home_page,
        body=[
            ("image", {"image": image, "alt_text": "The helipad at night", "caption": ""}),
            ("document", {"document": document, "label": ""}),
        ],
    )
    body = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]
    image_value = body[0]["value"]["image"]
    assert image_value["alt"] == "The helipad at night"
    medium = image_value["renditions"]["medium"]
    assert medium["url"].startswith("http") and medium["width"] and medium["height"]
    assert body[1]["value"]["download_url"].endswith("rota.pdf")
    assert {block["type"] for block in body} == {"image", "document"}
    assert all(block["id"] for block in body)


def test_images_endpoint_serves_renditions(client, home_page):
    image = wagtail_factories.ImageFactory(title="Ward", description="A ward")
    listing = client.get("/api/v2/images/").json()
    item = listing["items"][0]
    assert item["id"] == image.pk
    assert set(item["meta"]["renditions"]) == {"small", "medium", "large"}
    detail = client.get(f"/api/v2/images/{image.pk}/").json()
    assert detail["meta"]["renditions"]["small"]["width"] <= 400


@pytest.fixture
def welsh(db):
    return Locale.objects.get_or_create(language_code="cy")[0]


@pytest.fixture
def translated(home_page, public_page, welsh):
    welsh_page = public_page.copy_for_translation(welsh, copy_parents=True)
    welsh_page.title = "Am y rhwydwaith"
    welsh_page.save_revision().publish()
    return welsh_page


def test_translations_field_lists_visible_translations(
    client, public_page, translated, members_group, member_token
):
    detail = client.get(f"/api/v2/pages/{public_page.pk}/").json()
    assert detail["meta"]["translations"] == [
        {
            "id": translated.pk,
            "locale": "cy",
            "title": "Am y rhwydwaith",
            "html_url": translated.get_full_url(),
            "detail_url": f"http://testserver/api/v2/pages/{translated.pk}/",
        }
    ]
    listing = client.get("/api/v2/pages/?fields=translations&translation_of=" + str(translated.pk))
    assert [item["id"] for item in listing.json()["items"]] == [public_page.pk]

    translated.refresh_from_db()
    translated.unpublish()
    unpublished = client.get(f"/api/v2/pages/{public_page.pk}/").json()
    assert unpublished["meta"]["translations"] == []

    # Translations keep privacy: the source language decides for every translation.
    translated.save_revision().publish()
    restrict_to_members(public_page, members_group)
    assert client.get(f"/api/v2/pages/{public_page.pk}/").status_code == 404
    member = client.get(f"/api/v2/pages/{public_page.pk}/", **bearer(member_token)).json()
    assert [t["id"] for t in member["meta"]["translations"]] == [translated.pk]


def test_translation_of_and_locale_filters(client, public_page, translated, members_group):
    by_translation = client.get(f"/api/v2/pages/?translation_of={public_page.pk}").json()
    assert [item["id"] for item in by_translation["items"]] == [translated.pk]
    welsh = client.get("/api/v2/pages/?locale=cy&type=pages.ContentPage").json()
    assert [item["id"] for item in welsh["items"]] == [translated.pk]
    english = client.get("/api/v2/pages/?locale=en-gb&type=pages.ContentPage").json()
    assert [item["id"] for item in english["items"]] == [public_page.pk]

    translated.refresh_from_db()
    translated.unpublish()
    hidden = client.get(f"/api/v2/pages/?translation_of={public_page.pk}").json()
    assert hidden["items"] == []
    translated.save_revision().publish()

    restrict_to_members(public_page, members_group)
    # A members-only page cannot be named as the source of a translation filter either.
    response = client.get(f"/api/v2/pages/?translation_of={translated.pk}")
    assert response.status_code == 400
