"""A Welsh reader's site: Welsh text, the language switcher, Welsh listings."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from wagtail.models import Locale, Page

import polib
import pytest
from wagtail_localize.models import StringTranslation, TranslationSource

from core.models import StaffGroup
from events.models import EventCategory, EventPage
from tests.welsh.visible_text import english_in_welsh, visible_text

WELSH_PAGES = [
    "/cy/",
    "/cy/am-y-rhwydwaith/",
    "/cy/grwpiau-staff/",
    "/cy/grwpiau-staff/llawfeddygon-trawma/",
    "/cy/digwyddiadau/",
    "/cy/digwyddiadau/diwrnod-astudio-trawma/",
    "/cy/digwyddiadau/hyfforddiant-trosglwyddo-gofal-critigol/",
]


def links(html):
    return re.findall(r'<a [^>]*href="([^"#]+)"', html)


def test_the_welsh_catalogue_is_complete_and_its_compiled_file_is_current(tmp_path):
    po_path = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    assert len(catalogue) > 200
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    call_command("compile_translations", stdout=None)
    fresh = tmp_path / "django.mo"
    catalogue.save_as_mofile(str(fresh))
    assert po_path.with_suffix(".mo").read_bytes() == fresh.read_bytes()


@pytest.mark.django_db
def test_the_welsh_home_page_says_everything_in_welsh(client, welsh_demo):
    response = client.get("/cy/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="cy">' in html
    assert english_in_welsh(html) == []
    text = " ".join(piece for _lang, piece in visible_text(html))
    for welsh in (
        "Rhwydwaith Gofal Critigol a Thrawma Mawr",
        "Hanes a Chyd-destun yn Gryno",
        "Cofrestrwch yma",
        "Gwneud cais am aelodaeth",
        "Mewngofnodi",
        "Chwilio",
        "Neidio i\u2019r prif gynnwys",
        "Dolenni cymorth",
    ):
        assert welsh in text
    # Whatever is not Welsh says so: the language switcher's "English", the postal address.
    other = {lang for lang, _text in visible_text(html) if not lang.startswith("cy")}
    assert other <= {"en-gb"}


@pytest.mark.django_db
def test_the_english_check_catches_english_in_welsh_pages():
    html = '<html lang="cy"><body><p>Cofrestrwch yma</p><p>Register here</p></body></html>'
    assert english_in_welsh(html) == ["Register here"]
    marked = '<html lang="cy"><body><p lang="en-gb">Register here</p></body></html>'
    assert english_in_welsh(marked) == []


@pytest.mark.django_db
def test_every_welsh_page_is_welsh_and_links_within_welsh(client, welsh_demo):
    for url in WELSH_PAGES:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="cy">' in html, url
        assert english_in_welsh(html) == [], url
        page_links = [
            link for link in links(html) if link.startswith("/") and "/static/" not in link
        ]
        # Content, menus, search and log in link within Welsh; the switcher's English
        # and the shared feed and language addresses are not pages of a language.
        stray = [
            link
            for link in page_links
            if not link.startswith(("/cy/", "/language/", "/feeds/"))
            and link != "/"
            # A link to a page that has no Welsh version says that it leads to English.
            and f'href="{link}" lang="en-gb" hreflang="en-gb"' not in html
        ]
        assert stray == [], (url, stray)


@pytest.mark.django_db
def test_the_welsh_content_was_made_through_wagtail_localize(welsh_demo):
    welsh = Locale.objects.get(language_code="cy")
    home = Page.objects.get(depth=2, locale=Locale.get_default())
    source = TranslationSource.objects.get_for_instance(home)
    assert source.translations.filter(target_locale=welsh, enabled=True).exists()
    assert StringTranslation.objects.filter(locale=welsh, data="Cofrestrwch yma").exists()
    assert home.get_translation(welsh).live
    # Snippets with visible text are translated the same way.
    assert StaffGroup.objects.get(slug="trauma-surgeons", locale=welsh).name == (
        "Llawfeddygon trawma"
    )
    assert set(EventCategory.objects.filter(locale=welsh).values_list("name", flat=True)) == {
        "Archwilio ac adolygu",
        "Llywodraethu",
        "Diwrnodau astudio",
        "Hyfforddiant",
    }
    # Running the loader again updates the translations in place.
    call_command("load_demo_network", stdout=None)
    assert EventPage.objects.filter(locale=welsh).count() == 2


@pytest.mark.django_db
def test_the_language_switcher_offers_only_live_translations(client, welsh_demo):
    about = client.get("/cy/am-y-rhwydwaith/").content.decode()
    switcher = re.search(r'<nav[^>]*id="language-switcher".*?</nav>', about, re.S).group(0)
    assert 'href="/language/en-gb/?next=%2Fabout%2F"' in switcher
    assert 'hreflang="en-gb"' in switcher and 'aria-current="true">Cymraeg' in switcher
    assert '<link rel="alternate" hreflang="cy" href="http://' in about
    assert '<link rel="alternate" hreflang="en-gb" href="http://' in about

    # A page with no Welsh version offers no switch and no Welsh alternate.
    training = client.get("/training/").content.decode()
    assert 'id="language-switcher"' not in training
    assert 'hreflang="cy"' not in training

    # Unpublishing the Welsh version takes it out of the switcher.
    welsh_about = Page.objects.get(slug="am-y-rhwydwaith")
    welsh_about.unpublish()
    english_about = client.get("/about/").content.decode()
    assert 'id="language-switcher"' not in english_about
    assert client.get("/cy/am-y-rhwydwaith/").status_code == 404


@pytest.mark.django_db
def test_the_root_follows_the_visitors_language(client, welsh_demo):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy,en-GB;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/cy/"
    assert "Accept-Language" in response["Vary"]

    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert english.status_code == 200
    assert "Accept-Language" in english["Vary"]

    # Choosing English with the switcher is remembered over the browser's preference.
    chosen = client.get("/language/en-gb/", {"next": "/"}, HTTP_ACCEPT_LANGUAGE="cy")
    assert chosen.status_code == 302 and chosen["Location"] == "/"
    assert chosen.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en-gb"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="cy").status_code == 200
    assert client.get("/language/cy/", {"next": "/cy/"})["Location"] == "/cy/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")["Location"] == "/cy/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/language/xx/", "/language/cy/?next=https://evil.example/", "/language/cy/?next=%00"]
)
def test_the_language_switch_refuses_unknown_languages_and_other_sites(client, url):
    response = client.get(url)
    if "xx" in url:
        assert response.status_code == 404
    else:
        assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_listings_show_the_current_languages_pages(client, welsh_demo):
    welsh_calendar = client.get("/cy/digwyddiadau/").content.decode()
    assert "Diwrnod astudio trawma rhanbarthol" in welsh_calendar
    assert "Hyfforddiant trosglwyddo gofal critigol" in welsh_calendar
    assert "Network governance board" not in welsh_calendar
    assert "/cy/digwyddiadau/diwrnod-astudio-trawma/" in welsh_calendar
    assert "Diwrnodau astudio" in welsh_calendar  # the category, in Welsh

    english_calendar = client.get("/events/").content.decode()
    assert "Regional trauma study day" in english_calendar
    assert "Diwrnod astudio" not in english_calendar

    month = client.get("/cy/digwyddiadau/calendar/", follow=True).content.decode()
    assert "Network governance board" not in month and "Calendr y mis" in month

    feed = client.get("/feeds/calendar.ics", {"locale": "cy"}).content.decode()
    assert "Diwrnod astudio trawma rhanbarthol" in feed
    assert "Network governance board" not in feed
    assert "Diwrnod astudio" not in client.get("/feeds/calendar.ics").content.decode()
    assert client.get("/feeds/calendar.ics", {"locale": "xx\x00"}).status_code == 404

    # Menus and cards: the Welsh pages only.
    home = client.get("/cy/").content.decode()
    menu = re.search(r'<nav class="nhsuk-header__navigation.*?</nav>', home, re.S).group(0)
    assert "Am y rhwydwaith" in menu and "Training" not in menu
    assert "Hyfforddiant ac Addysg" not in menu

    # A staff group page lists the events of its own language.
    group = client.get("/cy/grwpiau-staff/llawfeddygon-trawma/").content.decode()
    assert "Diwrnod astudio trawma rhanbarthol" in group
    assert "Regional trauma study day" not in group

    # The API filters by language as before.
    api = client.get("/api/v2/pages/", {"locale": "cy", "type": "events.EventPage"}).json()
    assert {item["title"] for item in api["items"]} == {
        "Diwrnod astudio trawma rhanbarthol",
        "Hyfforddiant trosglwyddo gofal critigol",
    }


@pytest.mark.django_db
def test_members_only_translations_stay_out_of_the_switcher(client, welsh_demo):
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    english_about = Page.objects.get(slug="about", locale=Locale.get_default())
    restriction = PageViewRestriction.objects.create(
        page=english_about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=settings.MEMBERS_GROUP_NAME))
    welsh_home = client.get("/cy/").content.decode()
    assert "am-y-rhwydwaith" not in welsh_home
    assert "Am y rhwydwaith" not in welsh_home


@pytest.mark.django_db
def test_the_welsh_request_page_is_welsh(client, welsh_demo):
    html = client.get("/cy/gwneud-cais-am-aelodaeth/").content.decode()
    assert english_in_welsh(html) == []
