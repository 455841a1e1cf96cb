"""iCalendar feeds, parsed back with the icalendar library and checked field by field."""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

import pytest
from icalendar import Calendar

from events.models import EventPage
from events.recurrence import MONTHLY, WEEKLY, event_timezone, to_local
from tests.events.factories import EventCategoryFactory, EventPageFactory, london

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def this_year(month, day, hour=0, minute=0):
    year = to_local(timezone.now()).year
    return london(year, month, day, hour, minute)


def test_recurring_event_across_the_clock_changes_with_exclusions(client, events_index):
    # Weekly on Sundays at 18:00, from before the last Sunday in March to after the last
    # Sunday in October of this year, skipping one week.
    year = to_local(timezone.now()).year
    last_sunday_march = max(
        date(year, 3, day) for day in range(25, 32) if date(year, 3, day).weekday() == 6
    )
    last_sunday_october = max(
        date(year, 10, day) for day in range(25, 32) if date(year, 10, day).weekday() == 6
    )
    first = last_sunday_march - timedelta(weeks=1)
    skipped = last_sunday_march + timedelta(weeks=2)
    event = EventPageFactory(
        parent=events_index,
        title="Sunday handover huddle",
        start=london(first.year, first.month, first.day, 18),
        end=london(first.year, first.month, first.day, 18, 30),
        repeat=WEEKLY,
        repeat_until=last_sunday_october + timedelta(weeks=1),
        relations__excluded=[skipped],
    )
    calendar = parse(client.get(f"/feeds/events/{event.pk}.ics"))
    (vevent,) = calendar.walk("VEVENT")

    assert str(vevent["UID"]) == f"{event.translation_key}-{event.locale_id}@testserver"
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert vevent.decoded("DTSTART") == london(first.year, first.month, first.day, 18)
    assert vevent.decoded("DTEND") == london(first.year, first.month, first.day, 18, 30)
    rule = vevent["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    until = rule["UNTIL"][0]
    assert until.utcoffset() == timedelta(0)
    assert to_local(until).date() == last_sunday_october + timedelta(weeks=1)
    exdates = [value.dt for value in vevent["EXDATE"].dts]
    assert exdates == [london(skipped.year, skipped.month, skipped.day, 18)]
    assert vevent["EXDATE"].params["TZID"] == "Europe/London"
    assert str(vevent["URL"]) == f"http://testserver{event.url}"
    assert str(vevent["LOCATION"]) == "Network Office, Trust Headquarters, Leeds LS1 4AP"
    assert str(vevent["STATUS"]) == "CONFIRMED"

    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/London"
    assert {component.name for component in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}

    # Calendar apps expand the feed to the same UK times on both sides of each change.
    expanded = _expand(vevent)
    by_day = {start.date(): start for start in expanded}
    assert skipped not in by_day
    for day in (last_sunday_march, last_sunday_october, first, last_sunday_october - timedelta(7)):
        assert by_day[day].astimezone(event_timezone()).hour == 18
    assert by_day[last_sunday_march].utcoffset() == timedelta(hours=1)
    assert by_day[last_sunday_october].utcoffset() == timedelta(0)
    assert by_day[first].utcoffset() == timedelta(0)
    assert len(expanded) == len(event.series.all())


def _expand(vevent):
    from dateutil.rrule import rrulestr

    # As a calendar app does: the rule runs in the wall-clock time of DTSTART's zone.
    start = vevent.decoded("DTSTART")
    rule = rrulestr(vevent["RRULE"].to_ical().decode(), dtstart=start)
    excluded = {value.dt.astimezone(UTC) for value in vevent["EXDATE"].dts}
    return [moment for moment in rule if moment.astimezone(UTC) not in excluded]


def test_monthly_first_tuesday_rule(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Network governance board",
        start=london(2026, 1, 6, 14),
        end=london(2026, 1, 6, 16),
        repeat=MONTHLY,
        repeat_position=1,
        repeat_count=12,
    )
    (vevent,) = parse(client.get(f"/feeds/events/{event.pk}.ics")).walk("VEVENT")
    assert vevent["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=12;BYDAY=1TU"


def test_all_day_and_multi_day_events_use_dates(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Regional trauma conference",
        start=london(2026, 10, 24, 9),
        end=london(2026, 10, 26, 17),
        all_day=True,
    )
    event.full_clean()
    event.save()
    (vevent,) = parse(client.get(f"/feeds/events/{event.pk}.ics")).walk("VEVENT")
    assert vevent.decoded("DTSTART") == date(2026, 10, 24)
    assert vevent.decoded("DTEND") == date(2026, 10, 27)  # exclusive, as RFC 5545 says
    assert vevent["DTSTART"].params["VALUE"] == "DATE"


def test_multi_day_timed_event_crossing_the_autumn_change(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Simulation weekend",
        start=london(2026, 10, 24, 9),
        end=london(2026, 10, 25, 17),
    )
    (vevent,) = parse(client.get(f"/feeds/events/{event.pk}.ics")).walk("VEVENT")
    assert vevent.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert vevent.decoded("DTEND").utcoffset() == timedelta(0)
    start, end = (vevent.decoded(name).astimezone(UTC) for name in ("DTSTART", "DTEND"))
    assert end - start == timedelta(hours=33)  # 32 hours of wall clock, plus the hour gained


def test_cancelled_event_says_so(client, events_index):
    EventPageFactory(
        parent=events_index,
        title="M&M review",
        start=this_year(12, 1, 10) if to_local(timezone.now()).month < 12 else timezone.now(),
        status=EventPage.CANCELLED,
    )
    EventPageFactory(
        parent=events_index, title="Network board", start=timezone.now() + timedelta(days=3)
    )
    found = vevents(parse(client.get("/feeds/calendar.ics")))
    assert str(found["Cancelled: M&M review"]["STATUS"]) == "CANCELLED"
    assert str(found["Network board"]["STATUS"]) == "CONFIRMED"


def test_whole_calendar_and_category_feeds(client, events_index):
    governance = EventCategoryFactory(name="Governance")
    soon = timezone.now() + timedelta(days=2)
    EventPageFactory(
        parent=events_index,
        title="Network board",
        start=soon,
        repeat=WEEKLY,
        repeat_count=10,
        relations__categories=[governance],
    )
    EventPageFactory(parent=events_index, title="Transfer training", start=soon)
    whole = parse(client.get("/feeds/calendar.ics"))
    assert set(vevents(whole)) == {"Network board", "Transfer training"}  # one VEVENT per series
    assert str(whole["X-WR-CALNAME"]).endswith("events")
    board = parse(client.get("/feeds/category/governance.ics"))
    assert set(vevents(board)) == {"Network board"}
    assert [str(c) for c in vevents(board)["Network board"]["CATEGORIES"].cats] == ["Governance"]
    assert client.get("/feeds/category/no-such-category.ics").status_code == 404


def test_uid_is_stable_across_edits(client, events_index):
    event = EventPageFactory(parent=events_index, title="Study day")
    before = parse(client.get(f"/feeds/events/{event.pk}.ics")).walk("VEVENT")[0]["UID"]
    event.title = "Trauma study day"
    event.start = event.start + timedelta(days=1)
    event.end = event.end + timedelta(days=1)
    event.save_revision().publish()
    after = parse(client.get(f"/feeds/events/{event.pk}.ics")).walk("VEVENT")[0]["UID"]
    assert before == after


def test_calendar_page_announces_its_feed(client, events_index):
    html = client.get("/events/").content.decode()
    assert '<link rel="alternate" type="text/calendar"' in html
    assert 'href="/feeds/calendar.ics"' in html


def test_bad_feed_addresses_are_not_found(client, events_index):
    assert client.get("/feeds/events/999999.ics").status_code == 404
    assert client.get("/feeds/events/99999999999999999999999999.ics").status_code == 404
    assert client.get("/feeds/events/-1.ics").status_code == 404
    assert client.get("/feeds/personal/not-a-real-token-at-all-xyz.ics").status_code == 404
    assert client.get("/feeds/personal/short.ics").status_code == 404


def test_feed_window_is_bounded(client, events_index):
    EventPageFactory(
        parent=events_index,
        title="Long ago",
        start=datetime(2001, 5, 1, 10, tzinfo=event_timezone()),
        end=datetime(2001, 5, 1, 11, tzinfo=event_timezone()),
    )
    assert vevents(parse(client.get("/feeds/calendar.ics"))) == {}
