"""Property test: the site, the API and the iCalendar feed give the same dates.

Hypothesis builds event series in UK time as an editor can set them (all-day and timed;
weekly and monthly, every N, by date or by week of the month; until a date or a number
of times; excluded dates), biased towards the nights the clocks change. For each:

- the site's occurrences are what the calendar pages and the month grid use
  (``EventPage.occurrences_between``);
- the feed's are the event's VEVENT, written to text and expanded again by
  recurring-ical-events, an implementation of RFC 5545 that shares no code with ours;
- the API's ``next_occurrence``, asked at each feed occurrence's start, must name it.

Bounded and seeded for ``make test`` (the ``ci`` profile in tests/conftest.py); ``make
fuzz`` runs the ``fuzz`` profile with many more examples.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import recurring_ical_events
from hypothesis import assume, given
from hypothesis import event as note
from hypothesis import strategies as st
from icalendar import Calendar

from events.api import next_occurrence_representation
from events.feeds import event_component, new_calendar
from events.models import EventExcludedDate, EventPage
from events.recurrence import (
    MONTHLY,
    NONE,
    WEEKLY,
    Series,
    clock_change,
    from_local,
    to_local,
    weekday_position,
    whole_days,
)

pytestmark = pytest.mark.django_db  # only for the page's content type, looked up once

# Last Sundays of March and October, when the clocks change in the UK.
CLOCK_CHANGES = [
    date(2026, 3, 29),
    date(2026, 10, 25),
    date(2027, 3, 28),
    date(2027, 10, 31),
    date(2028, 3, 26),
    date(2028, 10, 29),
]


@st.composite
def first_days(draw):
    how = draw(st.sampled_from(["same weekday", "near", "any"]))
    change = draw(st.sampled_from(CLOCK_CHANGES))
    if how == "same weekday":  # a weekly series from here meets the clock change
        return change - timedelta(weeks=draw(st.integers(1, 8)))
    if how == "near":
        return change + timedelta(days=draw(st.integers(-70, 3)))
    return draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)))


@st.composite
def events(draw):
    first = draw(first_days())
    # A quarter of the series aim at a clock change: weekly on its Sunday night.
    aimed = draw(st.integers(0, 3)) == 0
    if aimed:
        first = draw(st.sampled_from(CLOCK_CHANGES)) - timedelta(weeks=draw(st.integers(1, 4)))
    all_day = False if aimed else draw(st.booleans())
    if all_day:
        start, end = whole_days(first, first + timedelta(days=draw(st.integers(0, 3))))
    else:
        # Mostly the small hours, where the clocks change.
        hour = 1 if aimed else draw(st.one_of(st.integers(0, 3), st.integers(0, 23)))
        local_start = datetime.combine(first, time(hour, draw(st.sampled_from([0, 15, 30, 45]))))
        longest = 90 if aimed else 36 * 60
        local_end = local_start + timedelta(minutes=draw(st.integers(15, longest)))
        # The admin form refuses a first date that does not exist or happens twice.
        assume(clock_change(local_start) is None and clock_change(local_end) is None)
        start, end = from_local(local_start), from_local(local_end)

    repeat = WEEKLY if aimed else draw(st.sampled_from([NONE, WEEKLY, MONTHLY]))
    options = {"repeat": repeat, "repeat_interval": 1}
    if aimed:
        options["repeat_count"] = draw(st.integers(5, 10))
    elif repeat:
        options["repeat_interval"] = draw(st.one_of(st.integers(1, 3), st.integers(1, 12)))
        if repeat == MONTHLY and draw(st.booleans()):
            position, is_last = weekday_position(first)
            options["repeat_position"] = -1 if is_last and draw(st.booleans()) else position
            assume(position <= 4 or options["repeat_position"] == -1)
        if draw(st.booleans()):
            options["repeat_count"] = draw(st.integers(1, 14))
        else:
            options["repeat_until"] = first + timedelta(days=draw(st.integers(0, 400)))
    event = EventPage(
        title="Series",
        slug="series",
        summary="A series.",
        start=start,
        end=end,
        all_day=all_day,
        **options,
    )
    plain = Series.for_event(event, excluded=[])
    assume(not plain.errors())
    if plain.repeats:
        dates = sorted({start.date() for start in plain.rule()})
        excluded = draw(st.lists(st.sampled_from(dates), unique=True, max_size=3))
        assume(len(excluded) < len(dates))
        event.excluded_dates = [EventExcludedDate(date=day) for day in excluded]
    assume(not event.series.errors())
    return event


def _instant(value):
    """A feed time as something comparable: a UTC instant, or a date for all-day events."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return value


def site_occurrences(event):
    found = event.occurrences_between(
        from_local(datetime(2025, 1, 1)), from_local(datetime(2035, 1, 1))
    )
    if event.all_day:
        return [(to_local(start).date(), to_local(end).date()) for start, end in found]
    return found


def feed_occurrences(event):
    calendar = new_calendar("Test")
    calendar.add_component(event_component(event, "https://odn.example.nhs.uk/events/series/"))
    calendar.add_missing_timezones()
    text = calendar.to_ical()
    expanded = recurring_ical_events.of(Calendar.from_ical(text)).between(
        date(2025, 1, 1), date(2035, 1, 1)
    )
    return sorted((_instant(item["DTSTART"].dt), _instant(item["DTEND"].dt)) for item in expanded)


@given(event=events())
def test_site_api_and_feed_agree(event):
    for kind in sorted({kind for _, _, kind in event.series.clock_changes()}):
        note(f"an occurrence in the {kind}")
    site = site_occurrences(event)
    feed = feed_occurrences(event)
    assert site == feed
    assert len(site) == (len(event.series.all()))
    if event.series.count:
        assert len(site) == event.series.count
    for start, end in feed:
        moment = from_local(datetime.combine(start, time.min)) if event.all_day else start
        shown = next_occurrence_representation(event, moment)
        assert shown is not None
        assert datetime.fromisoformat(shown) == moment, (start, end, shown)
