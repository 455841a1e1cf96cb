import json
from datetime import timedelta

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from events.recurrence import to_local

register = template.Library()

# As Django's json_script: nothing in the data can close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``data`` as a JSON-LD script element, escaped like Django's json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def when(start, end=None, all_day=False):
    """A date range in words, in UK time: "Tuesday 3 March 2026, 10:00 to 12:30"."""
    local_start = to_local(start)
    # Django's date format: day and month names in the language being read.
    first_day = date_format(local_start, "l j F Y")
    to = _("to")
    if all_day:
        if end is None or end <= start:
            return first_day
        last = (to_local(end) - timedelta(microseconds=1)).date()
        if last == local_start.date():
            return first_day
        return f"{first_day} {to} {date_format(last, 'l j F Y')}"
    if end is None or end <= start:
        return f"{first_day}, {local_start:%H:%M}"
    local_end = to_local(end)
    if local_end.date() == local_start.date():
        return f"{first_day}, {local_start:%H:%M} {to} {local_end:%H:%M}"
    return (
        f"{first_day}, {local_start:%H:%M} {to} "
        f"{date_format(local_end, 'l j F Y')}, {local_end:%H:%M}"
    )
