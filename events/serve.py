"""The calendar's page routes and the event page's context, called by the page models.

``EventIndexPage``'s routes and ``EventPage.get_context`` call these; the feed views
(events.views) do not import this module, and it imports no view.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model

from core.access import visible_documents
from events import calendar
from events.models.feeds import PersonalFeedToken
from events.recurrence import to_local
from events.schema import event_json_ld


def _subpage_url(index, name, *args, **kwargs):
    return index.url + index.reverse_subpage(name, args=args or None, kwargs=kwargs or None)


def _feed_url(name, **kwargs):
    """A feed's address in the language being read (``?locale=`` unless the default)."""
    url = reverse(name, kwargs=kwargs or None)
    language = get_language()
    if language and language != settings.LANGUAGE_CODE:
        url += "?" + urlencode({"locale": language})
    return url


def _calendar_context(index, form):
    return {
        "filter_form": form,
        "filter_query": form.query_string(),
        "links": {
            "upcoming": _subpage_url(index, "upcoming"),
            "past": _subpage_url(index, "past"),
            "calendar": _subpage_url(index, "this_month"),
            "my_feed": _subpage_url(index, "my_feed"),
            "feed": _feed_url("events:calendar_feed"),
        },
    }


def occurrence_list(request, index, past):
    form = calendar.CalendarFilterForm(request.GET, index.locale_id)
    filters = form.calendar_filters()
    page = calendar.listing_page(
        request.user, filters, request.GET.get("page"), past=past, locale_id=index.locale_id
    )
    localize_categories(page.object_list, index.locale_id)
    context = _calendar_context(index, form)
    context.update(
        view="past" if past else "upcoming", page_of_results=page, filtered=bool(filters)
    )
    return index.render(request, context_overrides=context, template="events/event_index_page.html")


def this_month(request, index):
    today = to_local(timezone.now()).date()
    url = _subpage_url(index, "month", today.year, f"{today.month:02d}")
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def month(request, index, year, month_number):
    first = calendar.month_or_404(year, month_number)
    form = calendar.CalendarFilterForm(request.GET, index.locale_id)
    filters = form.calendar_filters()
    grid = calendar.month_calendar(request.user, first, filters, locale_id=index.locale_id)
    localize_categories(grid.occurrences, index.locale_id)
    context = _calendar_context(index, form)
    suffix = f"?{context['filter_query']}" if context["filter_query"] else ""
    context.update(
        view="calendar",
        month=grid,
        previous_url=grid.previous
        and _subpage_url(index, "month", grid.previous.year, f"{grid.previous.month:02d}") + suffix,
        next_url=grid.next
        and _subpage_url(index, "month", grid.next.year, f"{grid.next.month:02d}") + suffix,
        filtered=bool(filters),
    )
    return index.render(request, context_overrides=context, template="events/calendar_month.html")


def my_feed(request, index):
    """A logged-in user's personal feed address, and the button that resets it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    token, _created = PersonalFeedToken.objects.get_or_create(user=request.user)
    if request.method == "POST":
        token.reset()
        messages.success(
            request, _("Your feed address has been reset. Update it in your calendar app.")
        )
        return redirect(_subpage_url(index, "my_feed"))
    context = _calendar_context(index, calendar.CalendarFilterForm({}, index.locale_id))
    context.update(
        view="my_feed",
        feed_url=request.build_absolute_uri(
            reverse("events:personal_feed", kwargs={"token": token.token})
        ),
    )
    return index.render(request, context_overrides=context, template="events/my_feed.html")


def in_locale(snippets, locale_id):
    """``snippets`` (categories, staff groups) each in the given language where translated.

    A translated event keeps its original's categories and audience; a Welsh page shows
    their Welsh names. One query; a snippet without a translation is shown as it is.
    """
    if not snippets or all(item.locale_id == locale_id for item in snippets):
        return snippets
    model = type(snippets[0])
    translated = {
        item.translation_key: item
        for item in model.objects.filter(
            locale_id=locale_id, translation_key__in=[item.translation_key for item in snippets]
        )
    }
    return [translated.get(item.translation_key, item) for item in snippets]


def localize_categories(occurrences, locale_id):
    """Show each occurrence's categories in the listing's language (one query in all)."""
    categories = [item for occ in occurrences for item in occ.extra.get("categories", ())]
    translated = {item.translation_key: item for item in in_locale(categories, locale_id)}
    for occurrence in occurrences:
        if "categories" in occurrence.extra:
            occurrence.extra["categories"] = [
                translated.get(item.translation_key, item)
                for item in occurrence.extra["categories"]
            ]


def event_context(request, event):
    attachments = list(event.documents.select_related("document"))
    allowed = set(
        visible_documents(
            request.user,
            get_document_model().objects.filter(pk__in=[item.document_id for item in attachments]),
        ).values_list("pk", flat=True)
    )
    now = timezone.now()
    upcoming = event.occurrences_between(now, event.series_end or now)[:7]
    # A series is shown by its next date; the dates after it are listed below.
    shown_start, shown_end = upcoming[0] if event.repeats and upcoming else (event.start, event.end)
    image_url = None
    if event.image_id:
        image_url = request.build_absolute_uri(event.image.get_rendition("max-1200x1200").url)
    return {
        "categories": in_locale(list(event.categories.all()), event.locale_id),
        "staff_groups": in_locale(list(event.staff_groups.all()), event.locale_id),
        "attachments": [item for item in attachments if item.document_id in allowed],
        "shows_next": bool(event.repeats and upcoming),
        "shown_start": shown_start,
        "shown_end": shown_end,
        "next_dates": [start for start, _ in upcoming[1:]] if event.repeats else [],
        "excluded_dates": sorted(event.series.excluded) if event.repeats else [],
        "json_ld": event_json_ld(event, event.get_full_url(request), image_url),
        "ics_url": reverse("events:event_ics", args=[event.pk]),
    }
