"""The calendar at its edges: multi-day all-day events, clock changes, counted series.

Each test is an example an editor or a visitor met, with the exact right answer on the
page, in the API and in the iCalendar feed (expanded by recurring-ical-events, not by
the code that wrote it).
"""

import json
import re
from datetime import UTC, date, datetime

from wagtail.test.utils.form_data import inline_formset

import pytest
import recurring_ical_events
from icalendar import Calendar

from events.models import EventPage
from events.recurrence import WEEKLY, event_timezone
from tests.events.factories import EventPageFactory, london
from tests.events.test_editor import form

pytestmark = pytest.mark.django_db
LONDON = event_timezone()


def feed_starts(client, event, first=date(2020, 1, 1), last=date(2035, 1, 1)):
    """Every occurrence in the event's own .ics, expanded by recurring-ical-events."""
    response = client.get(f"/feeds/events/{event.pk}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return [
        (as_utc(component["DTSTART"].dt), as_utc(component["DTEND"].dt))
        for component in recurring_ical_events.of(calendar).between(first, last)
    ]


def as_utc(value):
    """A datetime as UTC (a date stays a date): wall-clock fields in a clock change compare
    unequal to every other zone's (PEP 495), so compare instants."""
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def add_in_admin(client, events_index, superuser, **overrides):
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/events/eventpage/{events_index.pk}/",
        form(**{"action-publish": "publish", **overrides}),
        follow=True,
    )
    assert response.status_code == 200
    return EventPage.objects.get(slug="network-governance-board"), response


# --- A two-day all-day event -------------------------------------------------


def test_a_two_day_all_day_event_is_two_days_everywhere(client, events_index, superuser):
    event, _ = add_in_admin(
        client,
        events_index,
        superuser,
        all_day="on",
        start="2027-05-12 00:00",
        end="2027-05-13 00:00",
        repeat="",
        repeat_position="",
        repeat_count="",
        excluded_dates=inline_formset([]),
    )
    assert event.start == london(2027, 5, 12)
    assert event.end == london(2027, 5, 14)  # exclusive: midnight after the last day
    assert event.last_day == date(2027, 5, 13)

    page = client.get(event.url).content.decode()
    assert "Wednesday 12 May 2027 to Thursday 13 May 2027" in page
    json_ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert (json_ld["startDate"], json_ld["endDate"]) == ("2027-05-12", "2027-05-13")

    ics = client.get(f"/feeds/events/{event.pk}.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20270512" in ics
    assert "DTEND;VALUE=DATE:20270514" in ics

    item = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert item["all_day"] is True
    assert item["last_day"] == "2027-05-13"
    assert item["start"].startswith("2027-05-1")  # midnight UK time, whatever the offset
    assert datetime.fromisoformat(item["end"]) == london(2027, 5, 14)

    # Editing shows the last day again, and saving twice never adds a day.
    edit_url = f"/admin/pages/{event.pk}/edit/"
    shown = client.get(edit_url).context["form"]
    assert shown["end"].value().astimezone(LONDON).date() == date(2027, 5, 13)
    client.post(
        edit_url,
        form(
            all_day="on",
            start="2027-05-12 00:00",
            end="2027-05-13 00:00",
            repeat="",
            repeat_position="",
            repeat_count="",
            excluded_dates=inline_formset([]),
            **{"action-publish": "publish"},
        ),
    )
    event.refresh_from_db()
    assert event.end == london(2027, 5, 14)


def test_a_one_day_all_day_event_is_one_day(client, events_index, superuser):
    event, _ = add_in_admin(
        client,
        events_index,
        superuser,
        all_day="on",
        start="2027-05-12 09:00",
        end="2027-05-12 17:00",
        repeat="",
        repeat_position="",
        repeat_count="",
        excluded_dates=inline_formset([]),
    )
    assert (event.start, event.end) == (london(2027, 5, 12), london(2027, 5, 13))
    ics = client.get(f"/feeds/events/{event.pk}.ics").content.decode()
    assert "DTEND;VALUE=DATE:20270513" in ics


def test_the_demo_conference_runs_two_days(client, events_index):
    from demo.events import event_specs

    conference = next(
        spec for spec in event_specs(date(2026, 11, 30)) if spec["slug"].endswith("conference")
    )
    event = EventPageFactory(
        parent=events_index,
        **{key: conference[key] for key in ("title", "start", "end", "all_day")},
    )
    event.full_clean()
    assert (event.last_day - event.start.astimezone(LONDON).date()).days == 1
    assert event.start.astimezone(LONDON).weekday() == 1  # a Tuesday and a Wednesday


# --- Clock changes -----------------------------------------------------------


@pytest.fixture
def sunday_small_hours(events_index):
    """Weekly on Sundays at 01:30 from 21 March 2027: 28 March is the spring gap."""
    return EventPageFactory(
        parent=events_index,
        title="Overnight systems check",
        start=london(2027, 3, 21, 1, 30),
        end=london(2027, 3, 21, 1, 45),
        repeat=WEEKLY,
        repeat_count=3,
    )


def test_a_time_in_the_spring_gap_is_the_same_everywhere(client, events_index, sunday_small_hours):
    # 01:30 does not exist on 28 March 2027: read as RFC 5545 reads it, 02:30 BST.
    expected = (
        datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
        datetime(2027, 3, 28, 1, 45, tzinfo=UTC),
    )
    site = sunday_small_hours.occurrences_between(london(2027, 3, 28), london(2027, 3, 29))
    assert site == [expected]
    month = client.get(f"{events_index.url}calendar/2027/03/").content.decode()
    assert "02:30 Overnight systems check" in month
    assert "01:30 Overnight systems check" in month  # 21 March, before the change
    feed = feed_starts(client, sunday_small_hours)
    assert feed[1] == expected
    assert feed[1][0].astimezone(LONDON).strftime("%H:%M %Z") == "02:30 BST"
    api = client.get(
        "/api/v2/pages/?type=events.EventPage&start_after=2027-03-28&start_before=2027-03-29"
    ).json()
    assert [item["title"] for item in api["items"]] == ["Overnight systems check"]

    from events.api import next_occurrence_representation

    shown = next_occurrence_representation(sunday_small_hours, london(2027, 3, 22))
    assert datetime.fromisoformat(shown.replace("Z", "+00:00")) == expected[0]


def test_a_time_in_the_autumn_overlap_is_the_first_of_the_two(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Night handover audit",
        start=london(2027, 10, 24, 1, 30),
        end=london(2027, 10, 24, 1, 45),
        repeat=WEEKLY,
        repeat_count=2,
    )
    (start, end), *_ = event.occurrences_between(london(2027, 10, 31), london(2027, 11, 1))
    assert start.astimezone(LONDON).strftime("%H:%M %Z") == "01:30 BST"
    assert start == datetime.fromisoformat("2027-10-31T00:30:00+00:00")
    assert feed_starts(client, event)[1] == (start, end)
    month = client.get(f"{events_index.url}calendar/2027/10/").content.decode()
    assert month.count("01:30 Night handover audit") == 2


def test_the_editor_is_told_when_a_series_meets_a_clock_change(client, events_index, superuser):
    _, response = add_in_admin(
        client,
        events_index,
        superuser,
        start="2027-03-21 01:30",
        end="2027-03-21 01:45",
        repeat="weekly",
        repeat_position="",
        repeat_count="3",
        excluded_dates=inline_formset([]),
    )
    text = response.content.decode()
    assert (
        "Sunday 28 March 2027: the clocks go forward that night, so 01:30 does not exist; "
        "this event&#x27;s start is at 02:30 BST" in text
    )


def test_no_warning_for_a_series_clear_of_clock_changes(client, events_index, superuser):
    _, response = add_in_admin(client, events_index, superuser)
    assert "the clocks go" not in response.content.decode()


# --- Number of times ---------------------------------------------------------


def test_eight_times_with_one_excluded_date_is_eight_events(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Transfer simulation",
        start=london(2027, 1, 6, 15),
        end=london(2027, 1, 6, 16),
        repeat=WEEKLY,
        repeat_count=8,
        relations__excluded=[date(2027, 1, 20)],
    )
    site = event.series.all()
    assert len(site) == 8
    assert date(2027, 1, 20) not in {start.date() for start, _ in site}
    assert site[-1][0] == london(2027, 3, 3, 15)
    assert event.recurrence_description == "Every week on Wednesday, 8 times"
    assert feed_starts(client, event) == site
    assert "COUNT=9" in client.get(f"/feeds/events/{event.pk}.ics").content.decode()
