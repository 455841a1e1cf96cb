"""Training course sessions on the network calendar: one source of truth for dates.

A course's sessions are entered once, on the course; the calendar, its feeds, the
API and the staff group pages all read them from here.
"""

from django.core.validators import slug_re
from django.db.models import Q

from core.access import visible_page_q
from core.formats import format_values
from events.occurrences import Occurrence
from pages.models import TrainingSession

KNOWN_FILTERS = {"staff_group", "format"}


def training_sessions(user, start, end, filters):
    """Sessions overlapping ``start``-``end`` of the courses ``user`` may see."""
    if any(value for key, value in filters.items() if key not in KNOWN_FILTERS):
        return []
    sessions = TrainingSession.objects.filter(
        Q(start__lt=end) & Q(end__gt=start),
        visible_page_q(user, "page"),
    )
    if filters.get("staff_group"):
        if not slug_re.match(str(filters["staff_group"])):
            return []
        sessions = sessions.filter(page__staff_groups__slug=filters["staff_group"])
    if filters.get("format"):
        sessions = sessions.filter(page__delivery_format__in=format_values(filters["format"]))
    # The course's body is never shown in a calendar: decoding its JSON for every
    # session of a feed's window cost more than the rest of the row.
    sessions = sessions.select_related("page").defer("page__body")
    sessions = list(sessions.order_by("start", "pk").distinct())
    # One page object per course, however many of its sessions are in the window.
    courses = {}
    for session in sessions:
        session.page = courses.setdefault(session.page_id, session.page)
    return [
        Occurrence(
            page=session.page,
            start=session.start,
            end=session.end,
            location=session.venue,
            kind="training",
            extra={
                "format": session.page.delivery_format,
                "booking_status": session.page.status,
                "booking_url": session.page.booking_url,
            },
        )
        for session in sessions
    ]
