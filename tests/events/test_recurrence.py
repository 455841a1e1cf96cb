"""Recurrence an editor sets in plain words, its validation and its expansion."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError

import pytest

from events.models import EventExcludedDate, EventPage
from events.recurrence import MONTHLY, WEEKLY, Series, describe
from tests.events.factories import EventPageFactory, london

pytestmark = pytest.mark.django_db


def series(start, end, **options):
    return Series(start=start, end=end, **options)


def test_weekly_meeting_keeps_its_uk_time_across_both_clock_changes():
    # 18:00 UK every Sunday through the last Sunday of March (29 March 2026) and of
    # October (25 October 2026): the UTC time moves, the UK time does not.
    weekly = series(london(2026, 3, 22, 18), london(2026, 3, 22, 19), repeat=WEEKLY, count=32)
    occurrences = weekly.between(london(2026, 3, 1), london(2026, 11, 8))
    # Occurrences are UTC instants; shown in UK time.
    starts = [start.astimezone(london(2026, 1, 1).tzinfo) for start, _ in occurrences]
    assert {start.hour for start in starts} == {18}
    by_day = {start.date(): start for start in starts}
    assert by_day[date(2026, 3, 22)].utcoffset() == timedelta(0)
    assert by_day[date(2026, 3, 29)].utcoffset() == timedelta(hours=1)  # BST begins
    assert by_day[date(2026, 10, 18)].utcoffset() == timedelta(hours=1)
    assert by_day[date(2026, 10, 25)].utcoffset() == timedelta(0)  # BST ends
    assert all(end - start == timedelta(hours=1) for start, end in occurrences)


def test_monthly_on_the_first_tuesday_with_exclusions():
    board = series(
        london(2026, 1, 6, 14),
        london(2026, 1, 6, 16),
        repeat=MONTHLY,
        position=1,
        until=date(2026, 12, 31),
        excluded=frozenset({date(2026, 8, 4)}),
    )
    starts = [start.date() for start, _ in board.all()]
    assert starts == [
        date(2026, 1, 6),
        date(2026, 2, 3),
        date(2026, 3, 3),
        date(2026, 4, 7),
        date(2026, 5, 5),
        date(2026, 6, 2),
        date(2026, 7, 7),
        date(2026, 9, 1),
        date(2026, 10, 6),
        date(2026, 11, 3),
        date(2026, 12, 1),
    ]
    assert describe(board) == "Every month on the first Tuesday until 31 December 2026"


def test_last_weekday_of_the_month_and_interval():
    review = series(
        london(2026, 1, 30, 12),
        london(2026, 1, 30, 13),
        repeat=MONTHLY,
        position=-1,
        count=3,
        interval=2,
    )
    assert [start.date() for start, _ in review.all()] == [
        date(2026, 1, 30),
        date(2026, 3, 27),
        date(2026, 5, 29),
    ]


def test_expansion_stays_inside_the_window():
    weekly = series(london(2026, 1, 5, 9), london(2026, 1, 5, 10), repeat=WEEKLY, count=200)
    found = weekly.between(london(2026, 2, 1), london(2026, 2, 15))
    assert [start.date() for start, _ in found] == [date(2026, 2, 2), date(2026, 2, 9)]
    assert weekly.between(london(2030, 1, 1), london(2030, 2, 1)) == []


def test_a_multi_day_event_overlaps_each_window_it_touches():
    conference = series(london(2026, 6, 30, 9), london(2026, 7, 2, 17))
    assert conference.between(london(2026, 7, 1), london(2026, 7, 2)) != []
    assert conference.between(london(2026, 7, 3), london(2026, 7, 4)) == []


def test_all_day_and_multi_day_dates_are_normalised_on_save(events_index):
    study_day = EventPageFactory.build(
        start=london(2026, 3, 3, 9), end=london(2026, 3, 5, 17), all_day=True
    )
    events_index.add_child(instance=study_day)
    study_day.full_clean()
    study_day.save()
    assert study_day.start == london(2026, 3, 3)
    assert study_day.end == london(2026, 3, 6)
    assert study_day.last_day == date(2026, 3, 5)
    study_day.full_clean()  # editing again keeps the same days
    assert study_day.end == london(2026, 3, 6)


def _errors(**fields):
    event = EventPageFactory.build(**fields)
    with pytest.raises(ValidationError) as raised:
        event.clean()
    return raised.value.message_dict


def test_the_editor_is_told_what_to_fix(events_index):
    start = london(2026, 5, 5, 10)
    assert _errors(start=start, end=start - timedelta(hours=1)) == {
        "end": ["The event must end after it starts."]
    }
    assert "repeat_until" in _errors(start=start, end=start + timedelta(hours=1), repeat=WEEKLY)
    assert _errors(
        start=start,
        end=start + timedelta(hours=1),
        repeat=WEEKLY,
        repeat_until=date(2026, 6, 1),
        repeat_count=3,
    ) == {
        "repeat_count": ["Give either the date the series ends or the number of times, not both."]
    }
    assert (
        "at most 5 years"
        in _errors(
            start=start,
            end=start + timedelta(hours=1),
            repeat=WEEKLY,
            repeat_until=date(2040, 1, 1),
        )["repeat_until"][0]
    )
    assert (
        "at most 260"
        in _errors(start=start, end=start + timedelta(hours=1), repeat=WEEKLY, repeat_count=1000)[
            "repeat_count"
        ][0]
    )
    # 5 May 2026 is the first Tuesday, not the second.
    assert _errors(
        start=start,
        end=start + timedelta(hours=1),
        repeat=MONTHLY,
        repeat_position=2,
        repeat_count=3,
    ) == {"start": ["The first event must itself fall on the second Tuesday of its month."]}
    assert (
        "Not every month"
        in _errors(
            start=london(2026, 1, 31, 10),
            end=london(2026, 1, 31, 11),
            repeat=MONTHLY,
            repeat_count=3,
        )["repeat_position"][0]
    )
    assert (
        "must end before the next one starts"
        in _errors(start=start, end=start + timedelta(days=8), repeat=WEEKLY, repeat_count=3)[
            "end"
        ][0]
    )


def test_excluded_dates_must_be_dates_of_the_series(events_index):
    event = EventPageFactory(
        parent=events_index,
        start=london(2026, 5, 5, 10),
        end=london(2026, 5, 5, 11),
        repeat=WEEKLY,
        repeat_count=4,
        relations__excluded=[date(2026, 5, 12)],
    )
    EventExcludedDate.objects.create(page=event, date=date(2026, 5, 13))
    event = EventPage.objects.get(pk=event.pk)
    with pytest.raises(ValidationError) as raised:
        event.clean()
    assert raised.value.message_dict["repeat"] == [
        "These excluded dates are not dates of this series: 13 May 2026."
    ]


def test_stored_series_end_and_next_occurrence(events_index):
    event = EventPageFactory(
        parent=events_index,
        start=london(2026, 5, 5, 10),
        end=london(2026, 5, 5, 11),
        repeat=WEEKLY,
        repeat_count=4,
        relations__excluded=[date(2026, 5, 26)],
    )
    # Four times, not on 26 May: 5, 12 and 19 May and 2 June.
    event.refresh_dates(now=london(2026, 5, 13))
    assert event.series_end == london(2026, 6, 2, 11)
    assert event.next_occurrence == london(2026, 5, 19, 10)
    event.refresh_dates(now=london(2026, 6, 1))
    assert event.next_occurrence == london(2026, 6, 2, 10)
    event.refresh_dates(now=london(2026, 6, 3))
    assert event.next_occurrence is None
    assert EventPage.objects.get(pk=event.pk).series_end == london(2026, 6, 2, 11)
