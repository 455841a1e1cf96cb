"""What the Network Calendar shows: dated occurrences from any source.

Events are one source; training course sessions are another. Each source is a
function ``source(user, start, end, filters)``, named by its dotted path in the
``CALENDAR_SOURCES`` setting (so the calendar imports none of the apps that feed
it), that returns the occurrences falling between ``start`` and ``end``
(timezone-aware datetimes) which ``user`` may see, decided by ``core.access``.
``filters`` is a dict of the calendar's filters (``category``, ``staff_group``,
``format``); a source returns nothing for a filter it does not support, so a filtered
calendar never shows unrelated entries. A source runs a fixed number of queries whatever it returns.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string

from wagtail.models import Page


@dataclass(frozen=True)
class Occurrence:
    page: Page
    start: datetime
    end: datetime | None = None
    all_day: bool = False
    status: str = "scheduled"
    location: str = ""
    kind: str = "event"
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def title(self):
        return self.page.title


def calendar_sources():
    """The functions named in ``settings.CALENDAR_SOURCES``, in that order."""
    return [import_string(path) for path in settings.CALENDAR_SOURCES]


def occurrences_between(user, start, end, filters=None, locale_id=None) -> list[Occurrence]:
    """Every source's occurrences in the window, soonest first.

    With ``locale_id``, only occurrences of pages in that language: a Welsh calendar
    lists the Welsh pages and links within Welsh; untranslated pages are left out.
    """
    filters = filters or {}
    found = [
        occurrence
        for source in calendar_sources()
        for occurrence in source(user, start, end, filters)
    ]
    if locale_id is not None:
        found = [occurrence for occurrence in found if occurrence.page.locale_id == locale_id]
    return sorted(found, key=lambda occurrence: (occurrence.start, occurrence.title))
