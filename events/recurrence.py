"""Dates of an event: its occurrences, expanded only inside the window asked for.

Editors describe a series in plain words (every 2 weeks; monthly on the first
Tuesday; until a date or for a number of times; except some dates). This module
turns those words into a python-dateutil rule and into iCalendar's RRULE, so the
HTML calendar, the feeds and the API agree on every date.

Rules are expanded in the network's wall-clock time (Europe/London): a meeting at
18:00 stays at 18:00 across the changes to and from British Summer Time.

Clock changes, as RFC 5545 (3.3.5) reads a local time, so the page, the API and every
calendar app agree:

- a wall-clock time that does not exist (the spring gap, 01:00 to 02:00 on the last
  Sunday of March) is read with the offset before the gap: 01:30 is 02:30 BST;
- a wall-clock time that happens twice (the autumn overlap, 01:00 to 02:00 on the last
  Sunday of October) is the first of the two: 01:30 BST.

``clock_changes`` lists the occurrences this touches, so the editor can be told.

"Number of times" counts the events that take place: 8 times with one excluded date
is 8 events over 9 weeks (the iCalendar COUNT is the number of times plus the excluded
dates, as RFC 5545 counts before removing EXDATEs).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from dateutil import rrule

NONE = ""
WEEKLY = "weekly"
MONTHLY = "monthly"
REPEAT_CHOICES = [(NONE, "Does not repeat"), (WEEKLY, "Weekly"), (MONTHLY, "Monthly")]

POSITION_CHOICES = [
    (1, "first"),
    (2, "second"),
    (3, "third"),
    (4, "fourth"),
    (-1, "last"),
]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# A series must stop: at most this many occurrences, within this many years.
MAX_OCCURRENCES = 260
MAX_SERIES_YEARS = 5


def event_timezone():
    return ZoneInfo(settings.TIME_ZONE)


def to_local(value: datetime) -> datetime:
    """An aware datetime as naive wall-clock time in the network's time zone."""
    # Through UTC: an aware value built with the zone's own tzinfo may name a time in
    # the spring gap, which astimezone() to the same zone would hand back unchanged.
    return value.astimezone(UTC).astimezone(event_timezone()).replace(tzinfo=None)


def from_local(value: datetime) -> datetime:
    """Naive UK wall-clock time as an aware datetime, read as RFC 5545 reads it.

    In the spring gap the offset before the gap applies (01:30 becomes 02:30 BST); in
    the autumn overlap the first of the two times (BST). The answer is in UTC: aware
    datetimes of one zone compare by their wall-clock fields, which is wrong across a
    clock change, and pages and feeds show it in UK time anyway.
    """
    return value.replace(tzinfo=event_timezone(), fold=0).astimezone(UTC)


def whole_days(first: date, last: date) -> tuple[datetime, datetime]:
    """The stored (start, end) of an all-day event from its first to its last day, inclusive.

    The end is exclusive: midnight after the last day, as iCalendar's DTEND;VALUE=DATE.
    """
    return (
        from_local(datetime.combine(first, time.min)),
        from_local(datetime.combine(last + timedelta(days=1), time.min)),
    )


GAP = "gap"
OVERLAP = "overlap"


def clock_change(value: datetime) -> str | None:
    """Whether naive UK wall-clock ``value`` is in the spring gap, the autumn overlap or neither."""
    zone = event_timezone()
    first, second = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    return GAP if to_local(from_local(value)) != value else OVERLAP


def weekday_position(day: date) -> tuple[int, bool]:
    """Which occurrence of its weekday ``day`` is in its month, and whether it is the last."""
    position = (day.day - 1) // 7 + 1
    is_last = (day + timedelta(days=7)).month != day.month
    return position, is_last


@dataclass(frozen=True)
class Series:
    """The recurrence settings of one event, independent of how they are stored."""

    start: datetime
    end: datetime
    repeat: str = NONE
    interval: int = 1
    position: int | None = None
    until: date | None = None
    count: int | None = None
    excluded: frozenset = frozenset()
    all_day: bool = False

    @classmethod
    def for_event(cls, event, excluded=None):
        if excluded is None:
            excluded = [row.date for row in event.excluded_dates.all()]
        return cls(
            start=event.start,
            end=event.end or event.start,
            repeat=event.repeat or NONE,
            interval=event.repeat_interval or 1,
            position=event.repeat_position,
            until=event.repeat_until,
            count=event.repeat_count,
            excluded=frozenset(excluded),
            all_day=bool(event.all_day),
        )

    @property
    def repeats(self) -> bool:
        return self.repeat in (WEEKLY, MONTHLY)

    @property
    def wall_duration(self) -> timedelta:
        return to_local(self.end) - to_local(self.start)

    @property
    def rule_count(self) -> int | None:
        """The rule's COUNT: the number of times, plus the excluded dates it skips."""
        return self.count + len(self.excluded) if self.count else None

    def rule(self) -> rrule.rrule:
        start = to_local(self.start)
        options = {"dtstart": start, "interval": self.interval}
        if self.repeat == MONTHLY and self.position:
            options["byweekday"] = rrule.weekday(start.weekday())(self.position)
        if self.count:
            options["count"] = self.rule_count
        else:
            options["until"] = datetime.combine(self.until, time.max)
        frequency = rrule.WEEKLY if self.repeat == WEEKLY else rrule.MONTHLY
        return rrule.rrule(frequency, **options)

    def _local_starts(self, after=None, before=None):
        if not self.repeats:
            yield to_local(self.start)
            return
        rule = self.rule()
        starts = rule.xafter(after, inc=True) if after is not None else iter(rule)
        for start in starts:
            if before is not None and start >= before:
                return
            if start.date() not in self.excluded:
                yield start

    def _occurrence(self, local_start):
        return from_local(local_start), from_local(local_start + self.wall_duration)

    def between(self, window_start: datetime, window_end: datetime):
        """(start, end) of each occurrence overlapping the window, soonest first."""
        after = to_local(window_start) - self.wall_duration - timedelta(days=1)
        before = to_local(window_end) + timedelta(days=1)
        found = []
        for local_start in self._local_starts(after, before):
            start, end = self._occurrence(local_start)
            overlaps = end > window_start if end > start else start >= window_start
            if start < window_end and overlaps:
                found.append((start, end))
        return found

    def all(self):
        """Every occurrence of a bounded series (validation keeps it bounded)."""
        return [self._occurrence(local_start) for local_start in self._local_starts()]

    def has_start_between(self, window_start: datetime, window_end: datetime | None) -> bool:
        """Whether an occurrence starts at or after ``window_start`` and before ``window_end``."""
        after = to_local(window_start) - timedelta(days=1)
        for local_start in self._local_starts(after):
            start = from_local(local_start)
            if window_end is not None and start >= window_end:
                return False
            if start >= window_start:
                return True
        return False

    def next_after(self, moment: datetime):
        """The first occurrence not yet over at ``moment`` (its start), or None."""
        after = to_local(moment) - self.wall_duration - timedelta(days=1)
        for local_start in self._local_starts(after):
            start, end = self._occurrence(local_start)
            if max(end, start) >= moment:
                return start
        return None

    def clock_changes(self) -> list[tuple[datetime, str, str]]:
        """Occurrences whose wall-clock start or end falls in a clock change.

        Each is ``(naive UK wall-clock time, "start" or "end", GAP or OVERLAP)``; all-day
        events have none (midnight never moves in the UK).
        """
        if self.all_day:
            return []
        found = []
        for local_start in self._local_starts():
            for moment, which in (
                (local_start, "start"),
                (local_start + self.wall_duration, "end"),
            ):
                kind = clock_change(moment)
                if kind:
                    found.append((moment, which, kind))
        return found

    def last_end(self) -> datetime:
        occurrences = self.all()
        return occurrences[-1][1] if occurrences else self.end

    def errors(self) -> dict[str, str]:
        """What an editor must fix for this series to make sense, by field name."""
        errors = setting_errors(self.repeat, self.position, self.until, self.count)
        local_start = to_local(self.start)
        if not self.repeats:
            return errors
        if self.until:
            if self.until < local_start.date():
                errors["repeat_until"] = "The series must end on or after the first event's date."
            elif self.until > _add_years(local_start.date(), MAX_SERIES_YEARS):
                errors["repeat_until"] = (
                    f"A series can run for at most {MAX_SERIES_YEARS} years; "
                    "create a new series after that."
                )
        if self.repeat == MONTHLY and self.position:
            position, is_last = weekday_position(local_start.date())
            matches = is_last if self.position == -1 else position == self.position
            if not matches:
                wanted = dict(POSITION_CHOICES)[self.position]
                weekday = WEEKDAY_NAMES[local_start.weekday()]
                errors["start"] = (
                    f"The first event must itself fall on the {wanted} {weekday} of its month."
                )
        if self.repeat == MONTHLY and not self.position and local_start.day > 28:
            errors["repeat_position"] = (
                "Not every month has this date. Choose a week of the month instead "
                "(for example the last Friday)."
            )
        if self.wall_duration >= _period(self.repeat, self.interval):
            errors["end"] = "Each event in a series must end before the next one starts."
        if not errors and self.count:
            last = max(self.rule()).date()
            if last > _add_years(local_start.date(), MAX_SERIES_YEARS):
                errors["repeat_count"] = (
                    f"A series can run for at most {MAX_SERIES_YEARS} years; these "
                    f"{self.count} times would end on {last:%-d %B %Y}. "
                    "Create a new series after that."
                )
        if not errors:
            dates = {start.date() for start in self.rule()}
            strays = sorted(day for day in self.excluded if day not in dates)
            if strays:
                listed = ", ".join(day.strftime("%-d %B %Y") for day in strays)
                errors["repeat"] = f"These excluded dates are not dates of this series: {listed}."
        return errors


def setting_errors(repeat, position, until, count) -> dict[str, str]:
    """The errors in a series' settings that do not depend on its first date.

    The form shows them even when the start or end needs correcting too, so the
    editor sees every problem on one submit.
    """
    errors = {}
    if repeat not in (WEEKLY, MONTHLY):
        return errors
    if count and until:
        errors["repeat_count"] = (
            "Give either the date the series ends or the number of times, not both."
        )
    elif not count and not until:
        errors["repeat_until"] = (
            "Choose when the series stops: the date of the last event or the number of times."
        )
    if count and count > MAX_OCCURRENCES:
        errors["repeat_count"] = f"A series can have at most {MAX_OCCURRENCES} events."
    if position and repeat != MONTHLY:
        errors["repeat_position"] = "The week of the month only applies to monthly series."
    return errors


def _period(repeat: str, interval: int) -> timedelta:
    return timedelta(weeks=interval) if repeat == WEEKLY else timedelta(days=28 * interval)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def describe(series: Series) -> str:
    """The series in words, as shown to visitors: "Every 2 weeks until 3 March 2027"."""
    if not series.repeats:
        return ""
    local_start = to_local(series.start)
    if series.repeat == WEEKLY:
        unit = "week" if series.interval == 1 else f"{series.interval} weeks"
        words = f"Every {unit} on {WEEKDAY_NAMES[local_start.weekday()]}"
    else:
        unit = "month" if series.interval == 1 else f"{series.interval} months"
        if series.position:
            position = dict(POSITION_CHOICES)[series.position]
            words = f"Every {unit} on the {position} {WEEKDAY_NAMES[local_start.weekday()]}"
        else:
            words = f"Every {unit} on day {local_start.day}"
    if series.count:
        return f"{words}, {series.count} times"
    return f"{words} until {series.until.strftime('%-d %B %Y')}"


def describe_clock_change(moment: datetime, which: str, kind: str) -> str:
    """A sentence for the editor about one occurrence touched by a clock change."""
    day = f"{moment:%A} {moment.day} {moment:%B %Y}"
    if kind == GAP:
        shown = to_local(from_local(moment))
        return (
            f"{day}: the clocks go forward that night, so {moment:%H:%M} does not exist; "
            f"this event's {which} is at {shown:%H:%M} BST (as calendar apps read it)."
        )
    return (
        f"{day}: the clocks go back that night, so {moment:%H:%M} happens twice; "
        f"this event's {which} is the first {moment:%H:%M} (BST)."
    )
