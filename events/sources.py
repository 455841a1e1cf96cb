"""Events as a source of the Network Calendar (see events.occurrences)."""

from core.access import visible_pages
from events.models import EventPage
from events.occurrences import Occurrence

FILTERS = frozenset({"category", "staff_group", "format"})


def visible_events(user, start, end, filters):
    """Events ``user`` may see with an occurrence in the window, matching ``filters``.

    Four queries whatever the number of events: the events, then their categories,
    staff groups and excluded dates.
    """
    events = visible_pages(user, EventPage.objects.all()).filter(
        start__lt=end, series_end__gte=start
    )
    if category := filters.get("category"):
        events = events.filter(
            pk__in=EventPage.categories.through.objects.filter(eventcategory__slug=category).values(
                "eventpage_id"
            )
        )
    if staff_group := filters.get("staff_group"):
        events = events.filter(
            pk__in=EventPage.staff_groups.through.objects.filter(
                staffgroup__slug=staff_group
            ).values("eventpage_id")
        )
    if attendance := filters.get("format"):
        events = events.filter(format=attendance)
    # The body is never shown in a calendar, and decoding its JSON for every event of
    # a feed's window cost more than the rest of the row.
    return events.defer("body").prefetch_related("categories", "staff_groups", "excluded_dates")


def event_occurrences(user, start, end, filters):
    if any(value for key, value in filters.items() if key not in FILTERS):
        return []
    found = []
    for event in visible_events(user, start, end, filters):
        extra = {"categories": list(event.categories.all()), "format": event.format}
        found += [
            Occurrence(
                page=event,
                start=occurrence_start,
                end=occurrence_end,
                all_day=event.all_day,
                status=event.status,
                location=event.location_text,
                kind="event",
                extra=extra,
            )
            for occurrence_start, occurrence_end in event.occurrences_between(start, end)
        ]
    return found
