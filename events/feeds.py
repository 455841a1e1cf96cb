"""iCalendar (RFC 5545) feeds of the Network Calendar, built with the icalendar library.

An event page becomes one VEVENT carrying its rule (RRULE) and exclusions (EXDATE);
entries from other calendar sources become one VEVENT per occurrence. Times carry
TZID=Europe/London with its VTIMEZONE, so calendar apps follow the clock changes.
"""

from datetime import UTC, datetime, time, timedelta
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


def event_component(event: EventPage, url: str) -> Event:
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", _stamp(event))
    component.add("last-modified", _stamp(event))
    component.add("summary", _summary(event.title, event.status))
    component.add("description", event.summary)
    component.add("url", url)
    component.add("status", STATUS[event.status])
    if event.location_text:
        component.add("location", event.location_text)
    for category in event.categories.all():
        component.add("categories", category.name)
    if event.all_day:
        component.add("dtstart", to_local(event.start).date())
        component.add("dtend", to_local(event.end).date())
    else:
        component.add("dtstart", _local(event.start))
        component.add("dtend", _local(event.end))
    series = event.series
    if series.repeats:
        component.add("rrule", _rrule(event))
        excluded = sorted(series.excluded)
        if excluded:
            if event.all_day:
                component.add("exdate", excluded)
            else:
                start_time = to_local(event.start).time()
                component.add(
                    "exdate",
                    [
                        datetime.combine(day, start_time).replace(tzinfo=event_timezone())
                        for day in excluded
                    ],
                )
    return component


def _rrule(event: EventPage) -> vRecur:
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
    return vRecur(rule)


def occurrence_component(item, url: str) -> Event:
    """An entry from another calendar source: one VEVENT per occurrence."""
    page = item.page
    component = Event()
    start_code = item.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    component.add("uid", f"{page.translation_key}-{page.locale_id}-{start_code}@{uid_domain()}")
    component.add("dtstamp", _stamp(page))
    component.add("summary", _summary(page.title, item.status))
    component.add("url", url)
    component.add("status", STATUS.get(item.status, "CONFIRMED"))
    if item.location:
        component.add("location", item.location)
    if item.all_day:
        component.add("dtstart", to_local(item.start).date())
        if item.end:
            component.add("dtend", to_local(item.end).date())
    else:
        component.add("dtstart", _local(item.start))
        if item.end:
            component.add("dtend", _local(item.end))
    return component


def build_calendar(name: str, occurrences, request) -> bytes:
    """A VCALENDAR of the given occurrences: one VEVENT per event page (with its rule)."""
    calendar = new_calendar(name)
    seen = set()
    for item in occurrences:
        url = item.page.get_full_url(request)
        if isinstance(item.page, EventPage):
            if item.page.pk in seen:
                continue
            seen.add(item.page.pk)
            calendar.add_component(event_component(item.page, url))
        else:
            calendar.add_component(occurrence_component(item, url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


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
