"""iCalendar (RFC 5545) feeds of the Network Calendar, built with the icalendar library.

An event page becomes one VEVENT carrying its rule (RRULE) and exclusions (EXDATE);
entries from other calendar sources become one VEVENT per occurrence. Times carry
TZID=Europe/London with its VTIMEZONE, so calendar apps follow the clock changes.
"""

from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from icalendar import Calendar, Event, vRecur

from events.models import EventPage
from events.occurrences import occurrences_between
from events.recurrence import MONTHLY, WEEKLY, event_timezone, to_local

# How far a feed reaches: 3 months back and 12 ahead. Calendar apps keep what they
# have already seen; a series is expanded only inside this window to decide whether
# it belongs in the feed (its VEVENT then carries the whole rule).
FEED_PAST = timedelta(days=90)
FEED_FUTURE = timedelta(days=365)

STATUS = {
    EventPage.SCHEDULED: "CONFIRMED",
    EventPage.FULLY_BOOKED: "CONFIRMED",
    EventPage.POSTPONED: "TENTATIVE",
    EventPage.CANCELLED: "CANCELLED",
}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def uid_domain():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "odn-cms"


def event_uid(page) -> str:
    """Stable and globally unique: the page's translation key and locale never change."""
    return f"{page.translation_key}-{page.locale_id}@{uid_domain()}"


def calendar_name() -> str:
    return f"{settings.WAGTAIL_SITE_NAME}: events"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Network Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _local(value: datetime) -> datetime:
    return value.astimezone(event_timezone())


def _stamp(page) -> datetime:
    return page.last_published_at or page.latest_revision_created_at or timezone.now()


def _summary(title: str, status: str) -> str:
    if status in (EventPage.CANCELLED, EventPage.POSTPONED, EventPage.FULLY_BOOKED):
        return f"{dict(EventPage.STATUS_CHOICES)[status]}: {title}"
    return title


def _event_properties(event: EventPage, url: str) -> tuple:
    """What the VEVENT of an event page says, as ``(property, plain value)`` pairs.

    Plain, hashable values (strings, dates, tuples), so that the pairs are also the
    key of the VEVENT's serialised form (``_serialised``).
    """
    properties = [
        ("uid", event_uid(event)),
        ("dtstamp", _stamp(event)),
        ("last-modified", _stamp(event)),
        ("summary", str(_summary(event.title, event.status))),
        ("description", event.summary),
        ("url", url),
        ("status", STATUS[event.status]),
    ]
    if event.location_text:
        properties.append(("location", event.location_text))
    properties += [("categories", category.name) for category in event.categories.all()]
    if event.all_day:
        properties += [
            ("dtstart", to_local(event.start).date()),
            ("dtend", to_local(event.end).date()),
        ]
    else:
        properties += [("dtstart", _local(event.start)), ("dtend", _local(event.end))]
    series = event.series
    if series.repeats:
        properties.append(("rrule", tuple(_rrule(event).items())))
        excluded = sorted(series.excluded)
        if excluded and event.all_day:
            properties.append(("exdate", tuple(excluded)))
        elif excluded:
            start_time = to_local(event.start).time()
            exdates = tuple(
                datetime.combine(day, start_time).replace(tzinfo=event_timezone())
                for day in excluded
            )
            properties.append(("exdate", exdates))
    return tuple(properties)


def _rrule(event: EventPage) -> dict:
    series = event.series
    rule = {"freq": "WEEKLY" if series.repeat == WEEKLY else "MONTHLY"}
    if series.interval != 1:
        rule["interval"] = series.interval
    if series.repeat == MONTHLY and series.position:
        weekday = WEEKDAY_CODES[to_local(event.start).weekday()]
        rule["byday"] = f"{series.position}{weekday}"
    if series.count:
        rule["count"] = series.rule_count
    elif event.all_day:
        rule["until"] = series.until
    else:
        # UNTIL is in UTC when DTSTART has a time zone (RFC 5545, 3.3.10).
        last_moment = datetime.combine(series.until, time.max).replace(tzinfo=event_timezone())
        rule["until"] = last_moment.astimezone(UTC).replace(microsecond=0)
    return rule


def _occurrence_properties(item, url: str) -> tuple:
    """An entry from another calendar source (one VEVENT per occurrence), as pairs."""
    page = item.page
    start_code = item.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    properties = [
        ("uid", f"{page.translation_key}-{page.locale_id}-{start_code}@{uid_domain()}"),
        ("dtstamp", _stamp(page)),
        ("summary", str(_summary(page.title, item.status))),
        ("url", url),
        ("status", STATUS.get(item.status, "CONFIRMED")),
    ]
    if item.location:
        properties.append(("location", item.location))
    if item.all_day:
        properties.append(("dtstart", to_local(item.start).date()))
        if item.end:
            properties.append(("dtend", to_local(item.end).date()))
    else:
        properties.append(("dtstart", _local(item.start)))
        if item.end:
            properties.append(("dtend", _local(item.end)))
    return tuple(properties)


def _component(properties: tuple) -> Event:
    component = Event()
    for name, value in properties:
        if name == "rrule":
            value = vRecur(dict(value))
        elif name == "exdate":
            value = list(value)
        component.add(name, value)
    return component


def event_component(event: EventPage, url: str) -> Event:
    """The VEVENT of an event page: its times, its rule (RRULE) and exclusions (EXDATE)."""
    return _component(_event_properties(event, url))


def occurrence_component(item, url: str) -> Event:
    """An entry from another calendar source: one VEVENT per occurrence."""
    return _component(_occurrence_properties(item, url))


# How many serialised VEVENTs a process keeps (about 0.5 KB each): more than a feed's
# window holds at a network's archive size.
KEPT_VEVENTS = 8192


@lru_cache(maxsize=KEPT_VEVENTS)
def _serialised(properties: tuple) -> bytes:
    """A VEVENT as icalendar writes it, kept by what it says.

    The key is every value the VEVENT carries, so a kept form is never out of date:
    a changed title, time, rule, status, category or address is a new key. A feed
    rebuilt after a publish serialises only the events that changed (icalendar's
    serialisation is most of a feed's cost: about 2.5 ms per VEVENT).
    """
    return _component(properties).to_ical()


@lru_cache(maxsize=1)
def _vtimezone() -> bytes:
    """The VTIMEZONE that icalendar adds for the events' time zone (``TIME_ZONE``)."""
    calendar = Calendar()
    calendar.add_component(_component((("uid", "zone"), ("dtstart", _local(timezone.now())))))
    calendar.add_missing_timezones()
    [zone] = calendar.walk("VTIMEZONE")
    return zone.to_ical()


def build_calendar(name: str, occurrences, request) -> bytes:
    """A VCALENDAR of the given occurrences: one VEVENT per event page (with its rule),
    one per occurrence of another calendar source; the VTIMEZONE first when any
    carries a time."""
    seen = set()
    events = []
    for item in occurrences:
        if isinstance(item.page, EventPage):
            if item.page.pk in seen:
                continue
            seen.add(item.page.pk)
            url = item.page.get_full_url(request)
            events.append(_serialised(_event_properties(item.page, url)))
        else:
            url = item.page.get_full_url(request)
            events.append(_serialised(_occurrence_properties(item, url)))
    head = new_calendar(name).to_ical()
    end = b"END:VCALENDAR\r\n"
    zoned = any(b"DTSTART;TZID=" in event for event in events)
    return b"".join([head[: -len(end)], _vtimezone() if zoned else b"", *events, end])


def feed_occurrences(user, filters, now=None, locale_id=None):
    now = now or timezone.now()
    return occurrences_between(user, now - FEED_PAST, now + FEED_FUTURE, filters, locale_id)


def event_calendar(event: EventPage, request) -> bytes:
    calendar = new_calendar(event.title)
    calendar.add_component(event_component(event, event.get_full_url(request)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_response(content: bytes, filename: str, private: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store, max-age=0"
    return response
