"""The demo network as a clinician, the network office and an auditor first see it.

The demo is loaded once, on a Sunday before Christmas, so that every date it sets
must step over a weekend and the Christmas bank holidays.
"""

import io
import re
from datetime import UTC, date, datetime, timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.models import Locale, Page

import pytest

from core.access import is_members_only
from core.demo import bank_holidays, is_working_day, working_day

# A Sunday, with Christmas Day, Boxing Day (moved to Monday 28th) and New Year's Day ahead.
SUNDAY = datetime(2026, 12, 20, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("offset", range(7))
def test_working_day_is_a_weekday_on_or_after_the_day(offset):
    day = date(2026, 11, 30) + timedelta(days=offset)  # a Monday, then each day of its week
    result = working_day(day)
    assert result.weekday() < 5 and result >= day and result - day < timedelta(days=3)


def test_bank_holidays_of_england_and_wales():
    assert bank_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),  # Boxing Day falls on a Saturday
    }
    assert working_day(date(2026, 12, 25)) == date(2026, 12, 29)


@pytest.mark.django_db
def test_the_demo_as_a_new_user_sees_it(monkeypatch, django_user_model):
    """One load of the demo (it is slow), then what each kind of visitor notices."""
    started = timezone.now()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: SUNDAY + (real_now() - started))
    call_command("load_demo_network", stdout=io.StringIO())
    monkeypatch.undo()

    check_dates_fall_on_working_days()
    check_legal_pages_are_in_the_footer_and_behind_the_consent_question()
    check_welsh_footer_links_lead_to_the_welsh_legal_pages()
    check_titles_and_text_a_clinician_would_trust()
    check_staff_groups_on_the_request_form()
    check_members_only_content(django_user_model)
    check_joining_links_are_links()
    check_home_page_shows_the_seed_sections_in_order()


def _html(path, client=None):
    response = (client or Client()).get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def check_dates_fall_on_working_days():
    from events.models import EventPage
    from events.recurrence import to_local
    from pages.models import TrainingSession

    sessions = TrainingSession.objects.all()
    assert sessions.exists()
    for session in sessions:
        assert is_working_day(to_local(session.start).date()), session
    events = EventPage.objects.exact_type(EventPage).filter(locale=Locale.get_default())
    for event in events:
        for start, _end in event.occurrences_between(
            event.start - timedelta(days=1), event.start + timedelta(days=400)
        ):
            assert is_working_day(to_local(start).date()), (event.slug, start)


def check_legal_pages_are_in_the_footer_and_behind_the_consent_question():
    home = _html("/")
    footer = home[home.index("nhsuk-footer") :]
    for slug, title in [
        ("accessibility-statement", "Accessibility statement"),
        ("privacy-notice", "Privacy notice"),
        ("cookies", "Cookies"),
    ]:
        assert f'href="/{slug}/">{title}</a>' in footer
    assert "network network" not in home.lower()
    assert "<strong>Network office</strong>" in footer

    form = _html("/request-membership/")
    assert 'Read our <a href="/privacy-notice/">privacy notice</a>' in form

    statement = _html("/accessibility-statement/")
    for text in [
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018",
        "Equality and Human Rights Commission",
        "Equality Advisory and Support Service",
        "partially compliant with the",
        "Preparation of this accessibility statement",
        "network.office@example.nhs.uk",
    ]:
        assert text in statement, text

    notice = _html("/privacy-notice/")
    for text in [
        "UK General Data Protection Regulation",
        "Article 6(1)(e)",
        "professional registration body and registration number",
        "erase your details after 14 days",
        "we delete it 180 days after our decision",
        "ico.org.uk/make-a-complaint",
        "0303 123 1113",
    ]:
        assert text in notice, text

    cookies = _html("/cookies/")
    assert "csrftoken" in cookies and "sessionid" in cookies
    assert "do not use cookies to measure" in cookies


# Each legal page in Welsh: its address, its title, Welsh it must say and English it must not.
WELSH_LEGAL_PAGES = [
    (
        "datganiad-hygyrchedd",
        "Datganiad hygyrchedd",
        [
            "Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau ac Apiau Symudol) "
            "(Rhif 2) 2018",
            "Comisiwn Cydraddoldeb a Hawliau Dynol",
            "Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2",
            "Paratoi’r datganiad hygyrchedd hwn",
        ],
        [
            "Public Sector Bodies (Websites and Mobile Applications)",
            "Equality and Human Rights Commission",
            "partially compliant with the",
            "Preparation of this accessibility statement",
            "How accessible this website is",
        ],
    ),
    (
        "hysbysiad-preifatrwydd",
        "Hysbysiad preifatrwydd",
        [
            "GDPR y DU",
            "Erthygl 6(1)(e)",
            "byddwn yn dileu eich manylion ar ôl 14 diwrnod",
            "Swyddfa’r Comisiynydd Gwybodaeth",
            "0303 123 1113",
        ],
        [
            "UK General Data Protection Regulation",
            "erase your details after",
            "Information Commissioner",
            "professional registration body",
            "Your rights",
        ],
    ),
    (
        "cwcis",
        "Cwcis",
        ["<strong>csrftoken</strong>", "<strong>sessionid</strong>", "cwcis hysbysebu"],
        [
            "Cookies are small files",
            "do not use cookies to measure",
            "Keeps you signed in",
            "privacy-enhanced mode",
            "Expires after",
        ],
    ),
]


def check_welsh_footer_links_lead_to_the_welsh_legal_pages():
    from tests.welsh.visible_text import english_in_welsh

    html = _html("/cy/")
    footer = html[html.index("nhsuk-footer") :]
    for slug, title, _welsh, _english in WELSH_LEGAL_PAGES:
        link = f'<a class="nhsuk-footer__list-item-link" href="/cy/{slug}/">{title}</a>'
        assert link in footer
    # No footer link leads to an English page any more.
    assert 'hreflang="en-gb"' not in footer
    assert 'href="/privacy-notice/"' not in footer
    assert "Swyddfa’r rhwydwaith" in footer

    for slug, title, welsh, english in WELSH_LEGAL_PAGES:
        page = _html(f"/cy/{slug}/")
        assert '<html lang="cy">' in page, slug
        assert f"<h1>{title}</h1>" in page, slug
        for text in welsh:
            assert text in page, (slug, text)
        for text in english:
            assert text not in page, (slug, text)
        assert english_in_welsh(page) == [], slug
    # The office's address in the Welsh text is the one on the English page.
    assert 'href="mailto:network.office@example.nhs.uk"' in _html("/cy/cwcis/")
    # The Welsh request form's consent question reads the Welsh privacy notice.
    form = _html("/cy/gwneud-cais-am-aelodaeth/")
    assert '<a href="/cy/hysbysiad-preifatrwydd/">' in form
    assert 'href="/privacy-notice/"' not in form


def check_titles_and_text_a_clinician_would_trust():
    from demo.home import BRIEF_HISTORY
    from pages.models import StaffGroupPage, TrainingCoursePage

    home = _html("/")
    assert "<title>Critical Care and Major Trauma Network</title>" in home
    assert "<title>About the network - Critical Care and Major Trauma Network</title>" in _html(
        "/about/"
    )
    # About says who the network is; the history is the home page's.
    about = _html("/about/")
    assert BRIEF_HISTORY[0][:60] not in about
    assert "Who we are" in about
    # No truncated ledes, no lede repeated as the body.
    for page in StaffGroupPage.objects.filter(locale=Locale.get_default()):
        assert not page.introduction.endswith("..."), page.title
        assert page.listing_summary == page.introduction
    for course in TrainingCoursePage.objects.all():
        assert course.summary not in str(course.body)


def check_staff_groups_on_the_request_form():
    html = _html("/request-membership/")
    options = re.findall(r"<option value=\"[^\"]*\"[^>]*>([^<]+)</option>", html)
    for name in [
        "Intensivists",
        "Anaesthetists",
        "Emergency physicians",
        "Paramedics",
        "Trauma surgeons",
        "Other",
    ]:
        assert name in options
    # Sentence case: only the first word is capitalised.
    groups = options[1 : options.index("Other") + 1]
    assert all(name[1:] == name[1:].lower() for name in groups), groups


def check_joining_links_are_links():
    html = _html("/events/")
    assert re.search(r'<a href="https://teams\.example\.nhs\.uk/meet/network"', html)
    assert "Online: https://teams.example.nhs.uk/meet/network," not in html


def check_members_only_content(django_user_model):
    from events.models import EventPage

    review = EventPage.objects.get(slug="morbidity-and-mortality-review")
    assert is_members_only(review)
    assert "Trauma morbidity and mortality review" not in _html("/events/")

    member = django_user_model.objects.get(username="demo.member@example.nhs.uk")
    client = Client()
    client.force_login(member)
    handbook = _html("/members/network-handbook/", client)
    assert "Critical care escalation cascade" in handbook
    assert re.search(r'<a [^>]*href="/documents/\d+/', handbook)


def check_home_page_shows_the_seed_sections_in_order():
    home = Page.objects.get(depth=2, locale=Locale.get_default()).specific
    headings = [card.display_heading for card in home.section_cards.order_by("sort_order")]
    assert headings[:4] == [
        "Network Calendar & Events",
        "Quality Improvement",
        "Training & Education",
        "Trauma Surgeons",
    ]
    html = _html("/")
    assert "occupational therapists and speech and language therapists." in html
