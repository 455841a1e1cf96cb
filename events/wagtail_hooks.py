"""Tells the editor, after saving an event, which dates a clock change touches."""

from django.contrib import messages

from wagtail import hooks

from events.models import EventPage
from events.recurrence import describe_clock_change

MAX_LISTED = 3


def warn_about_clock_changes(request, page):
    if not isinstance(page, EventPage):
        return
    touched = page.series.clock_changes()
    for moment, which, kind in touched[:MAX_LISTED]:
        messages.warning(request, describe_clock_change(moment, which, kind))
    if len(touched) > MAX_LISTED:
        messages.warning(
            request, f"{len(touched) - MAX_LISTED} more dates of this series meet a clock change."
        )


@hooks.register("after_create_page")
def warn_after_create(request, page):
    warn_about_clock_changes(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    warn_about_clock_changes(request, page)
