"""Other copies of members-only content: webhooks, footer links, tokens, media files."""

import json

from django.urls import Resolver404, clear_url_caches, resolve
from django.views.static import serve as static_serve

from wagtail.models import APIToken, PageViewRestriction

import pytest

from api.models import WebhookEndpoint
from core.models import FooterLink, NetworkSettings
from tests.api.servers import RecordingServer
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory
from tests.privacy.conftest import MEMBERS_DOCUMENT_BYTES

pytestmark = pytest.mark.django_db

SECRET = "Major haemorrhage protocol for members"


@pytest.fixture(autouse=True)
def local_receiver_allowed(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True


@pytest.fixture
def receiver():
    with RecordingServer() as server:
        yield server


@pytest.fixture
def members_page(home_page, members_group):
    area = SectionPageFactory(parent=home_page, title="Members area", slug="members")
    restrict_to_members(area, members_group)
    return ContentPageFactory(parent=area, title=SECRET, slug="protocol", introduction=SECRET)


def test_publishing_a_public_alias_tells_a_public_endpoint_only_the_id(
    receiver, home_page, members_page, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(
        name="Regional portal", url=f"{receiver.url}/hooks", events=["page.published"]
    )
    public = SectionPageFactory(parent=home_page, title="Resources", slug="resources")

    with django_capture_on_commit_callbacks(execute=True):
        members_page.create_alias(parent=public, update_slug="protocol")
    with django_capture_on_commit_callbacks(execute=True):
        # Republishing the original republishes its alias in the public section.
        members_page.save_revision().publish()

    payloads = [json.loads(request.body) for request in receiver.received]
    assert payloads, "the publish was announced"
    for payload in payloads:
        assert payload["members_only"] is True
        assert set(payload["page"]) == {"id"}
        assert SECRET not in json.dumps(payload) and "protocol" not in json.dumps(payload)


def test_restriction_changes_on_a_source_never_announce_its_translation_as_public(
    receiver,
    home_page,
    members_page,
    members_group,
    office_group,
    django_capture_on_commit_callbacks,
):
    from wagtail.models import Locale

    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    home_page.copy_for_translation(welsh).save_revision().publish()
    source = ContentPageFactory(parent=home_page, title=SECRET, slug="rota", introduction=SECRET)
    restriction = restrict_to_members(source, members_group)
    copy = source.copy_for_translation(welsh)
    copy.save_revision().publish()
    WebhookEndpoint.objects.create(
        name="Regional portal", url=f"{receiver.url}/hooks", events=["page.privacy_changed"]
    )

    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.set([office_group])
        restriction.restriction_type = PageViewRestriction.LOGIN
        restriction.save()

    payloads = [json.loads(request.body) for request in receiver.received]
    assert {payload["page"]["id"] for payload in payloads} >= {copy.pk}
    for payload in payloads:
        assert payload["members_only"] is True and set(payload["page"]) == {"id"}


def test_deleting_a_restricted_page_announces_its_deletion_and_nothing_else(
    receiver, home_page, members_group, django_capture_on_commit_callbacks
):
    """Found by the privacy state machine: the restrictions deleted with a page used to
    be announced as a privacy change that made the page public, with its title; its
    Welsh translation, which keeps that title, is still members-only."""
    from wagtail.models import Locale

    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    home_page.copy_for_translation(welsh).save_revision().publish()
    source = ContentPageFactory(parent=home_page, title=SECRET, slug="rota", introduction=SECRET)
    restrict_to_members(source, members_group)
    translation = source.copy_for_translation(welsh)
    translation.save_revision().publish()
    WebhookEndpoint.objects.create(
        name="Regional portal",
        url=f"{receiver.url}/hooks",
        events=["page.deleted", "page.unpublished", "page.privacy_changed"],
    )

    with django_capture_on_commit_callbacks(execute=True):
        source.delete()

    payloads = [json.loads(request.body) for request in receiver.received]
    assert [(p["event"], p["members_only"], p["page"]) for p in payloads] == [
        ("page.deleted", True, {"id": source.pk})
    ]
    assert PageViewRestriction.objects.get(page=translation).restriction_type == "groups"


def test_footer_links_give_outsiders_the_label_and_address_only(client, site, members_page, member):
    network = NetworkSettings.for_site(site)
    draft = ContentPageFactory(parent=site.root_page, title="Draft rota", slug="draft-rota")
    draft.unpublish()
    FooterLink.objects.create(setting=network, label="Protocols", link_page=members_page)
    FooterLink.objects.create(setting=network, label="Rota", link_page=draft)

    html = client.get("/").content.decode()

    assert 'href="/members/protocol/"' in html and "Protocols" in html
    assert SECRET not in html
    assert "/draft-rota/" not in html


def test_a_members_token_downloads_what_it_can_list(client, members_document, member, outsider):
    _, token = APIToken.create_token(user=member, name="Trust intranet")
    header = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    listing = client.get("/api/v2/documents/", **header).json()
    [item] = [i for i in listing["items"] if i["id"] == members_document.pk]
    download = client.get(item["meta"]["download_url"].replace("http://testserver", ""), **header)

    assert download.status_code == 200
    assert b"".join(download.streaming_content) == MEMBERS_DOCUMENT_BYTES
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]

    _, other = APIToken.create_token(user=outsider, name="Other site")
    refused = client.get(members_document.url, HTTP_AUTHORIZATION=f"Bearer {other}")
    assert refused.status_code in (302, 403)
    assert client.get(members_document.url).status_code in (302, 403)


def test_development_server_never_serves_document_files_from_media(settings):
    settings.DEBUG = True
    import importlib

    import cms.urls

    try:
        clear_url_caches()
        importlib.reload(cms.urls)
        with pytest.raises(Resolver404):
            resolve(f"{settings.MEDIA_URL}documents/theatre-rota.pdf", urlconf=cms.urls)
        image = resolve(f"{settings.MEDIA_URL}images/photo.jpg", urlconf=cms.urls)
        assert image.func is static_serve
    finally:
        settings.DEBUG = False
        importlib.reload(cms.urls)
        clear_url_caches()
