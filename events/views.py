"""The calendar's feeds: thin views over events.feeds (page routes: events.serve)."""

from django.http import Http404

from core.access import visible_pages
from events import feeds
from events.models import EventCategory, EventPage, PersonalFeedToken


def calendar_feed(request):
    found = feeds.feed_occurrences(request.user, {})
    return feeds.ics_response(
        feeds.build_calendar(feeds.calendar_name(), found, request), "network-calendar.ics"
    )


def category_feed(request, category):
    category_object = EventCategory.objects.filter(slug=category).first()
    if category_object is None:
        raise Http404("No such event category")
    found = feeds.feed_occurrences(request.user, {"category": category})
    name = f"{feeds.calendar_name()}: {category_object.name}"
    return feeds.ics_response(feeds.build_calendar(name, found, request), f"{category}.ics")


def personal_feed(request, token):
    """The feed of whoever holds the token: what that user may see, decided by the access rule.

    A deactivated account's token sees what anyone may see: the access rule treats
    inactive users as anonymous.
    """
    holder = PersonalFeedToken.objects.select_related("user").filter(token=token).first()
    if holder is None:
        raise Http404("No such feed")
    found = feeds.feed_occurrences(holder.user, {})
    content = feeds.build_calendar(feeds.calendar_name(), found, request)
    return feeds.ics_response(content, "my-network-calendar.ics", private=True)


def event_ics(request, page_id):
    """One event as a calendar file, if the visitor may see the event."""
    events = visible_pages(request.user, EventPage.objects.filter(pk=page_id))
    event = events.prefetch_related("categories", "excluded_dates").first()
    if event is None:
        raise Http404("No such event")
    return feeds.ics_response(feeds.event_calendar(event, request), f"{event.slug}.ics")
