"""The calendar's feeds: thin views over events.feeds (page routes: events.serve)."""

from django.conf import settings
from django.http import Http404

from wagtail.models import Locale

from core.access import visible_pages
from core.cache import cached_for_audience
from events import feeds
from events.models import EventCategory, EventPage, PersonalFeedToken


def _feed_locale(request):
    """The language a feed lists, from ``?locale=`` (default: the site's default language).

    An unknown code is a 404, never a 500.
    """
    code = request.GET.get("locale")
    if not code:
        return Locale.get_default()
    locale = None
    if code in dict(settings.LANGUAGES):
        locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise Http404("No such language")
    return locale


def _feed(request, user, name, filters):
    """The feed's bytes in the language of ``?locale=``, built once per content version,
    audience and language (core.cache)."""
    locale = _feed_locale(request)

    def build():
        found = feeds.feed_occurrences(user, filters, locale_id=locale.pk)
        return feeds.build_calendar(name, found, request)

    identity = (
        f"feed|{request.scheme}://{request.get_host()}|{locale.language_code}|{name}"
        f"|{sorted(filters.items())}"
    )
    return cached_for_audience(user, identity, build)


def calendar_feed(request):
    content = _feed(request, request.user, feeds.calendar_name(), {})
    return feeds.ics_response(content, "network-calendar.ics")


def category_feed(request, category):
    category_object = EventCategory.objects.filter(slug=category, locale=_feed_locale(request))
    category_object = category_object.first()
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
