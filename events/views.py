"""The calendar's feeds: thin views over events.feeds (page routes: events.serve)."""

from django.http import Http404

from core.access import visible_pages
from core.cache import cached_for_audience
from events import feeds
from events.models import EventCategory, EventPage, PersonalFeedToken


def _feed(request, user, name, filters):
    """The feed's bytes, built once per content version and audience (core.cache)."""

    def build():
        found = feeds.feed_occurrences(user, filters)
        return feeds.build_calendar(name, found, request)

    identity = f"feed|{request.scheme}://{request.get_host()}|{name}|{sorted(filters.items())}"
    return cached_for_audience(user, identity, build)


def calendar_feed(request):
    content = _feed(request, request.user, feeds.calendar_name(), {})
    return feeds.ics_response(content, "network-calendar.ics")


def category_feed(request, category):
    category_object = EventCategory.objects.filter(slug=category).first()
    if category_object is None:
        raise Http404("No such event category")
    name = f"{feeds.calendar_name()}: {category_object.name}"
    content = _feed(request, request.user, name, {"category": category})
    return feeds.ics_response(content, f"{category}.ics")


def personal_feed(request, token):
    """The feed of whoever holds the token: what that user may see, decided by the access rule.

    A deactivated account's token sees what anyone may see: the access rule treats
    inactive users as anonymous.
    """
    holder = PersonalFeedToken.objects.select_related("user").filter(token=token).first()
    if holder is None:
        raise Http404("No such feed")
    content = _feed(request, holder.user, feeds.calendar_name(), {})
    return feeds.ics_response(content, "my-network-calendar.ics", private=True)


def event_ics(request, page_id):
    """One event as a calendar file, if the visitor may see the event."""
    events = visible_pages(request.user, EventPage.objects.filter(pk=page_id))
    event = events.prefetch_related("categories", "excluded_dates").first()
    if event is None:
        raise Http404("No such event")
    return feeds.ics_response(feeds.event_calendar(event, request), f"{event.slug}.ics")
