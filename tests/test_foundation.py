import io
import json
import os
import subprocess
import sys

from django.core.management import call_command

from wagtail.models import Page

import pytest

from home.models import HomePage, HomePageSectionCard
from pages.models import ContentPage, SectionPage
from tests.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_renders_history_cards_and_call_to_action(client, home_page):
    about = ContentPageFactory(
        parent=home_page, title="About the network", slug="about", show_in_menus=True
    )
    HomePageSectionCard.objects.create(page=home_page, target=about, summary="Who we are")
    home_page.body = [("rich_text", "<p>Brief History and Context</p>")]
    home_page.save_revision().publish()

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Brief History and Context" in html
    assert 'href="/about/">About the network' in html
    assert "Who we are" in html
    assert "Register here" in html
    assert 'class="nhsuk-skip-link"' in html
    assert '<html lang="en-gb">' in html


def test_section_page_lists_its_children_as_cards(client, home_page):
    section = SectionPageFactory(parent=home_page, title="Staff groups")
    ContentPageFactory(parent=section, title="Physiotherapists", listing_summary="Rehab")
    ContentPageFactory(parent=section, title="Draft page", live=False)

    html = client.get("/staff-groups/").content.decode()

    assert "Physiotherapists" in html and "Rehab" in html
    assert "Draft page" not in html
    assert 'aria-label="Breadcrumb"' in html


def test_content_page_renders_every_body_block(client, home_page):
    page = ContentPageFactory(
        parent=home_page,
        body=[
            ("heading", {"text": "Transfers", "level": "h2"}),
            ("rich_text", "<p>Level 3 transfers</p>"),
            ("quote", {"quote": "Follow the patient", "attribution": "Network lead"}),
            ("inset_text", {"body": "<p>Inset</p>"}),
            ("warning_callout", {"title": "Important", "heading_level": 3, "body": "<p>Warn</p>"}),
            (
                "card_group",
                {"cards": [{"heading": "Card", "body": "", "url": "https://example.org"}]},
            ),
        ],
    )

    html = client.get(page.url).content.decode()

    for text in ("<h2>Transfers</h2>", "Level 3 transfers", "Follow the patient", "Inset", "Warn"):
        assert text in html


def test_parent_and_child_rules(home_page):
    assert {SectionPage, ContentPage} <= set(HomePage.allowed_subpage_models())
    assert ContentPage.can_create_at(home_page)
    section = SectionPageFactory(parent=home_page)
    content = ContentPageFactory(parent=section)
    assert SectionPage.can_create_at(section)
    assert not SectionPage.can_create_at(content)
    assert not HomePage.can_create_at(home_page)


def test_unknown_url_gets_the_styled_not_found_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_api_serves_each_page_type_with_its_fields(client, home_page):
    section = SectionPageFactory(parent=home_page, introduction="Section intro")
    ContentPageFactory(
        parent=section,
        title="Guidance",
        body=[("rich_text", f'<p>See <a linktype="page" id="{section.pk}">the section</a></p>')],
    )

    listing = client.get("/api/v2/pages/?type=pages.ContentPage&fields=*").json()
    detail = client.get(f"/api/v2/pages/{home_page.pk}/").json()
    sections = client.get("/api/v2/pages/?type=pages.SectionPage&fields=introduction").json()

    body = listing["items"][0]["body"][0]
    assert body["type"] == "rich_text"
    assert f'href="{section.url}"' in body["value"] or section.full_url in body["value"]
    assert detail["meta"]["type"] == "home.HomePage"
    assert detail["membership_heading"] == "Register here"
    assert sections["items"][0]["introduction"] == "Section intro"


def test_demo_loader_builds_the_network_and_is_idempotent(client, demo):
    pages_after_first_run = Page.objects.count()
    call_command("load_demo_network", stdout=io.StringIO())

    assert Page.objects.count() == pages_after_first_run
    home = HomePage.objects.get(locale__language_code="en-gb")
    assert home.get_site().root_page_id == home.pk
    html = client.get("/").content.decode()
    assert "Brief History and Context" in html
    assert "Comprehensive Critical Care" in html
    assert "This website is designed for specialist professional use." in html
    assert client.get("/cy/").status_code == 200


@pytest.mark.parametrize(
    "first, second",
    [
        ("/search/?q=trauma", "/search/?q=sepsis+rehabilitation"),
        ("/api/v2/pages/?search=trauma", "/api/v2/pages/?search=tracheostomy"),
        ("/events/", "/events/?page=2"),
        ("/feeds/calendar.ics", "/feeds/calendar.ics"),
        ("/sitemap.xml", "/sitemap.xml"),
        ("/", "/cy/"),
    ],
)
def test_reading_the_site_never_changes_the_content_version(client, demo, first, second):
    """A visitor's reading must not throw away every stored answer and every kept
    hidden set: only a change to content may (core/cache.py). A search is logged for
    the dashboard's popular searches (a new term and its daily hits); that log is
    not content. The first view of a site may make its settings row, so the check is
    on a second view, with a search term not seen before."""
    from core.cache import content_version

    assert client.get(first).status_code == 200
    before = content_version()["token"]
    assert client.get(second).status_code == 200
    assert content_version()["token"] == before


def test_base_settings_are_safe_without_an_environment():
    code = (
        "import json, cms.settings.base as s;"
        "print(json.dumps([s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(out.stdout) == [False, "", []]


def test_production_settings_refuse_to_start_without_secret_key():
    required = {"SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in required}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import cms.settings.production"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY, ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL in the environment" in (
        result.stderr
    )


def test_production_settings_refuse_to_start_without_a_public_address():
    env = {k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"}
    env.update(SECRET_KEY="x" * 50, ALLOWED_HOSTS="network.example.nhs.uk")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import cms.settings.production"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode != 0
    assert "Set WAGTAILADMIN_BASE_URL in the environment" in result.stderr


def test_demo_loader_creates_the_staff_groups_once(demo):
    from core.models import StaffGroup

    call_command("load_demo_network", stdout=io.StringIO())
    physiotherapists = StaffGroup.objects.filter(slug="physiotherapists")
    assert sorted(physiotherapists.values_list("locale__language_code", flat=True)) == [
        "cy",
        "en-gb",
    ]
    assert StaffGroup.objects.filter(locale__language_code="en-gb").count() == 12


def test_server_error_page_renders_without_the_database(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("en-gb"):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_header_offers_log_in_or_my_membership(client, home_page, member):
    anonymous = client.get("/").content.decode()
    client.force_login(member)
    signed_in = client.get("/").content.decode()

    assert 'href="/accounts/login/?next=/"' in anonymous
    assert "My membership" not in anonymous
    assert 'href="/membership/my-membership/"' in signed_in
    assert "Log in" not in signed_in


def test_breadcrumbs_use_the_nhs_back_link(client, home_page):
    section = SectionPageFactory(parent=home_page, title="Staff groups")
    ContentPageFactory(parent=section, title="Physiotherapists")

    html = client.get("/staff-groups/physiotherapists/").content.decode()

    assert 'class="nhsuk-back-link" href="/staff-groups/"' in html


def test_demo_site_answers_at_the_configured_address(settings):
    from wagtail.models import Site

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    call_command("load_demo_network", stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_page.full_url == "http://127.0.0.1:8000/"
