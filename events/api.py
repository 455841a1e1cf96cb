"""Events over API v2: inline objects for related data, and the events' own filters.

``/api/v2/pages/?type=events.EventPage`` accepts, on top of Wagtail's own
parameters:

- ``start_after=YYYY-MM-DD``: events with an occurrence starting on or after that day;
- ``start_before=YYYY-MM-DD``: events with an occurrence starting before that day;
- ``upcoming=true``: events with an occurrence that is not over yet; ``upcoming=false``:
  past events, every occurrence of which is over;
- ``category=<slug>``: events in that category.

Days are UK days (Europe/London). Ordering by ``?order=next_occurrence`` uses the
stored next occurrence (kept current on save and by ``manage.py refresh_event_dates``).
"""

import re
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from rest_framework import serializers

from core.blocks import image_api_representation
from events.recurrence import NONE, Series, from_local

# Days a date filter may name: the network's calendar starts in 1900, and a day near the
# ends of the calendar (0001-01-01, 9999-12-31) cannot be turned into UK time.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(9998, 12, 31)
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
QUERY_PARAMETERS = frozenset({"start_after", "start_before", "upcoming", "category"})
QUERY_PARAMETER_SCHEMAS = {
    "start_after": {"type": "string", "format": "date"},
    "start_before": {"type": "string", "format": "date"},
    "upcoming": {"type": "string", "enum": ["true", "false"]},
    "category": {
        "type": "string",
        "pattern": r"^[-a-zA-Z0-9_]+$",
        "x-slugs-of": "events.EventCategory",
        "description": "an event category, by slug (an unknown slug finds no events)",
    },
}
DATE_TIME_OR_NULL = {"type": "string", "format": "date-time", "nullable": True}
SNIPPETS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "slug": {"type": "string"},
        },
    },
}


def _bad_request(message):
    # Imported here: wagtail.api.v2.utils loads the page model, and models.py imports this module.
    from wagtail.api.v2.utils import BadRequestError

    return BadRequestError(message)


def _iso_date(params, name) -> date | None:
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise _bad_request(f"{name} must be a date written YYYY-MM-DD, not '{value}'") from error
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise _bad_request(
            f"{name} must be between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}"
        )
    return day


def _start_of(day: date) -> datetime:
    return from_local(datetime.combine(day, time.min))


def filter_events(queryset, params):
    """Apply the events' API filters; a malformed value is a 400 with a JSON reason."""
    after = _iso_date(params, "start_after")
    before = _iso_date(params, "start_before")
    upcoming = params.get("upcoming", "")
    if upcoming not in ("", "true", "false"):
        raise _bad_request(f"upcoming must be 'true' or 'false', not '{upcoming}'")
    if after and before and after >= before:
        raise _bad_request("start_after must be earlier than start_before")

    queryset = queryset.select_related("image").prefetch_related(
        "categories", "staff_groups", "excluded_dates", "image__renditions"
    )
    category = params.get("category", "")
    if category and not SLUG.fullmatch(category):
        raise _bad_request(f"category must be a category slug, not '{category}'")
    if category:
        from events.models import EventCategory

        if not EventCategory.objects.filter(slug=category).exists():
            raise _bad_request(f"category: no event category has the slug '{category}'")
        through = queryset.model.categories.through.objects
        queryset = queryset.filter(
            pk__in=through.filter(eventcategory__slug=category).values("eventpage_id")
        )
    if upcoming == "true":
        queryset = queryset.filter(series_end__gte=timezone.now())
    elif upcoming == "false":
        queryset = queryset.filter(series_end__lt=timezone.now())
    if before:
        queryset = queryset.filter(start__lt=_start_of(before))
    if after:
        window_start = _start_of(after)
        window_end = _start_of(before) if before else None
        queryset = queryset.filter(
            Q(repeat=NONE, start__gte=window_start)
            | (~Q(repeat=NONE) & Q(series_end__gte=window_start))
        )
        queryset = queryset.exclude(
            pk__in=_series_without_start_between(queryset, window_start, window_end)
        )
    return queryset


def _series_without_start_between(queryset, window_start, window_end):
    """Ids of repeating events in ``queryset`` with no occurrence starting in the window."""
    series = queryset.exclude(repeat=NONE).prefetch_related(None).prefetch_related("excluded_dates")
    return [
        event.pk
        for event in series.select_related(None)
        if not Series.for_event(event).has_start_between(window_start, window_end)
    ]


class NextOccurrenceField(serializers.Field):
    """The start of the next occurrence not yet over, worked out from the rule."""

    openapi_schema = DATE_TIME_OR_NULL

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return next_occurrence_representation(page, timezone.now())


def next_occurrence_representation(page, now) -> str | None:
    """The API's ``next_occurrence`` at ``now``: ISO 8601 with the UK offset, or None."""
    moment = page.next_occurrence_after(now)
    return serializers.DateTimeField().to_representation(moment) if moment else None


class LastDayField(serializers.Field):
    """The last day an all-day event runs on (``YYYY-MM-DD``, inclusive); None for timed events."""

    openapi_schema = {"type": "string", "format": "date", "nullable": True}

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page.last_day.isoformat() if page.all_day else None


class RecurrenceField(serializers.Field):
    openapi_schema = {
        "type": "object",
        "nullable": True,
        "description": "null for a single event",
        "properties": {
            "frequency": {"type": "string", "enum": ["weekly", "monthly"]},
            "interval": {"type": "integer", "minimum": 1},
            "week_of_month": {"type": "integer", "enum": [1, 2, 3, 4, -1], "nullable": True},
            "until": {"type": "string", "format": "date", "nullable": True},
            "count": {
                "type": "integer",
                "nullable": True,
                "description": "events held (excluded dates do not count)",
            },
            "excluded_dates": {"type": "array", "items": {"type": "string", "format": "date"}},
            "description": {"type": "string"},
        },
    }

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        series = page.series
        if not series.repeats:
            return None
        return {
            "frequency": series.repeat,
            "interval": series.interval,
            "week_of_month": series.position,
            "until": series.until.isoformat() if series.until else None,
            "count": series.count,
            "excluded_dates": sorted(day.isoformat() for day in series.excluded),
            "description": page.recurrence_description,
        }


class LocationField(serializers.Field):
    openapi_schema = {
        "type": "object",
        "properties": {
            "format": {"type": "string"},
            "venue": {"type": "string"},
            "address": {"type": "string"},
            "online_url": {"type": "string"},
            "online_details": {"type": "string"},
            "text": {"type": "string"},
        },
    }

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return {
            "format": page.format,
            "venue": page.venue,
            "address": page.address,
            "online_url": page.online_url,
            "online_details": page.online_details,
            "text": page.location_text,
        }


class SnippetListField(serializers.Field):
    """Related snippets as objects (id, name, slug), from the prefetched relation."""

    openapi_schema = SNIPPETS

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, related):
        return [item.get_api_representation() for item in related.all()]


class ImageField(serializers.Field):
    openapi_schema = {
        "type": "object",
        "nullable": True,
        "description": "renditions (small, medium, large: url, width, height) and alt text",
    }

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, image):
        return image_api_representation(image)
