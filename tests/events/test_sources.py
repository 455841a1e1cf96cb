"""Other calendar sources share the calendar, its feeds and its filters."""

from datetime import timedelta

from django.utils import timezone

import pytest
from icalendar import Calendar

from core.access import visible_pages
from events.models import EventPage
from events.occurrences import Occurrence, occurrences_between
from events.sources import event_occurrences
from tests.events.factories import EventPageFactory
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


_course_sessions = []


def course_sessions(user, window_start, window_end, filters):
    """The calendar source the ``course_source`` fixture puts in CALENDAR_SOURCES."""
    return _course_sessions[-1](user, window_start, window_end, filters)


@pytest.fixture
def course_source(home_page, settings):
    """A source of course sessions, as the training section registers one."""
    course = ContentPageFactory(parent=home_page, title="Airway skills course", slug="airway")
    start = timezone.now().replace(microsecond=0) + timedelta(days=4)

    def sessions(user, window_start, window_end, filters):
        if set(filters) - {"staff_group", "format"}:
            return []
        if not visible_pages(user).filter(pk=course.pk).exists():
            return []
        if not window_start <= start < window_end:
            return []
        return [
            Occurrence(
                page=course,
                start=start,
                end=start + timedelta(hours=3),
                location="Skills lab",
                kind="training",
            )
        ]

    _course_sessions.append(sessions)
    settings.CALENDAR_SOURCES = [
        *settings.CALENDAR_SOURCES,
        "tests.events.test_sources.course_sessions",
    ]
    yield course, start
    _course_sessions.remove(sessions)


def test_every_source_appears_in_the_list_month_and_feed(client, events_index, course_source):
    course, start = course_source
    EventPageFactory(parent=events_index, title="Network board", start=start + timedelta(days=1))

    listing = client.get("/events/").content.decode()
    assert listing.index("Airway skills course") < listing.index("Network board")
    assert "Training" in listing

    month = client.get(f"/events/calendar/{start:%Y}/{start:%m}/").content.decode()
    assert "Airway skills course" in month

    feed = Calendar.from_ical(client.get("/feeds/calendar.ics").content)
    sessions = [event for event in feed.walk("VEVENT") if str(event["SUMMARY"]) == course.title]
    (session,) = sessions
    assert str(session["UID"]).startswith(f"{course.translation_key}-{course.locale_id}-")
    assert session.decoded("DTSTART") == start
    assert str(session["LOCATION"]) == "Skills lab"
    assert str(session["URL"]) == f"http://testserver{course.url}"


def test_a_filter_only_events_know_leaves_other_sources_out(client, events_index, course_source):
    course, start = course_source
    from tests.events.factories import EventCategoryFactory

    governance = EventCategoryFactory(name="Governance")
    EventPageFactory(
        parent=events_index,
        title="Network board",
        start=start,
        relations__categories=[governance],
    )
    html = client.get("/events/?category=governance").content.decode()
    assert "Network board" in html and "Airway skills course" not in html
    html = client.get("/events/?format=in_person").content.decode()
    assert "Network board" in html and "Airway skills course" in html


def test_the_events_source_returns_nothing_for_a_filter_it_does_not_know(events_index):
    from django.contrib.auth.models import AnonymousUser

    now = timezone.now()
    EventPageFactory(parent=events_index, start=now + timedelta(days=1))
    window = (AnonymousUser(), now, now + timedelta(days=7))
    assert len(event_occurrences(*window, {})) == 1
    assert event_occurrences(*window, {"level": "advanced"}) == []
    assert len(event_occurrences(*window, {"format": EventPage.IN_PERSON})) == 1
    assert event_occurrences(*window, {"format": EventPage.ONLINE}) == []
    assert len(occurrences_between(*window)) >= 1
