"""What the calendar pages show: filters, listing windows, pages of results, month grids."""

import calendar as stdlib_calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.formats import DeliveryFormat
from core.models import StaffGroup
from events.models import EventCategory
from events.occurrences import Occurrence, occurrences_between
from events.recurrence import from_local, to_local

PER_PAGE = 10
LISTING_HORIZON = timedelta(days=365)
# The upcoming and past lists first look this far per page shown (see listing_page).
FIRST_WINDOW = timedelta(days=28)
FIRST_YEAR, LAST_YEAR = 1900, 2999


class CalendarFilterForm(forms.Form):
    """The calendar's filters, read from the query string."""

    category = forms.ChoiceField(required=False, label=_("Category"))
    staff_group = forms.ChoiceField(required=False, label=_("Staff group"))
    format = forms.ChoiceField(required=False, label=_("Format"))

    def __init__(self, data, locale_id):
        super().__init__(data)
        categories = EventCategory.objects.filter(locale_id=locale_id).values_list("slug", "name")
        groups = StaffGroup.objects.filter(locale_id=locale_id).values_list("slug", "name")
        self.fields["category"].choices = [("", _("All categories")), *categories]
        self.fields["staff_group"].choices = [("", _("All staff groups")), *groups]
        self.fields["format"].choices = [("", _("Any format")), *DeliveryFormat.choices]

    def calendar_filters(self) -> dict:
        """The valid filters as calendar source keys; invalid ones are reported, not applied."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        filters = {
            "category": cleaned.get("category"),
            "staff_group": cleaned.get("staff_group"),
            "format": cleaned.get("format"),
        }
        return {key: value for key, value in filters.items() if value}

    def query_string(self) -> str:
        filters = self.calendar_filters()
        return urlencode(filters)


def upcoming_occurrences(user, filters, now=None, locale_id=None):
    """Occurrences not yet over, in the coming year, soonest first."""
    now = now or timezone.now()
    return occurrences_between(user, now, now + LISTING_HORIZON, filters, locale_id)


def past_occurrences(user, filters, now=None, locale_id=None):
    """Occurrences that ended in the past year, most recent first."""
    now = now or timezone.now()
    found = occurrences_between(user, now - LISTING_HORIZON, now, filters, locale_id)
    return [item for item in reversed(found) if max(item.end or item.start, item.start) <= now]


@dataclass
class ListPage:
    """One page of a listing whose length is not counted (the template's paginator)."""

    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next or self.has_previous

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def _page_number(number) -> int:
    try:
        return max(int(number), 1)
    except (TypeError, ValueError, OverflowError):
        return 1


def listing_page(
    user, filters, number, past=False, now=None, per_page=PER_PAGE, locale_id=None
) -> ListPage:
    """Page ``number`` of the upcoming (or past) list, built from the nearest dates only.

    Occurrences are expanded first in a window of ``FIRST_WINDOW`` per page asked
    for, and over the whole year only when that window holds too few, so showing
    ten events does not build a year of them. A page past the end is a 404.
    """
    now = now or timezone.now()
    number = _page_number(number)
    wanted = number * per_page + 1  # one more tells whether a next page exists
    span = min(FIRST_WINDOW * min(number, 14), LISTING_HORIZON)
    while True:
        if past:
            found = occurrences_between(user, now - span, now, filters, locale_id)
            found = [i for i in reversed(found) if max(i.end or i.start, i.start) <= now]
            if span < LISTING_HORIZON:
                # A long event begun before the window may sort after dates not yet read.
                found = [item for item in found if item.start >= now - span]
        else:
            found = occurrences_between(user, now, now + span, filters, locale_id)
        if len(found) >= wanted or span >= LISTING_HORIZON:
            break
        span = LISTING_HORIZON
    shown = found[(number - 1) * per_page : number * per_page]
    if number > 1 and not shown:
        raise Http404("No such page of events")
    return ListPage(object_list=shown, number=number, has_next=len(found) >= wanted)


def page_of(items, number, per_page=PER_PAGE):
    """One page of ``items``: a malformed or negative number is the first page, past the end 404."""
    paginator = Paginator(items, per_page)
    number = _page_number(number)
    if number > paginator.num_pages:
        raise Http404("No such page of events")
    return paginator.page(number)


def last_local_day(item: Occurrence) -> date:
    start = to_local(item.start).date()
    if item.end is None or item.end <= item.start:
        return start
    return (to_local(item.end) - timedelta(microseconds=1)).date()


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list
    previous: date | None
    next: date | None
    occurrences: list

    @property
    def is_empty(self):
        return not self.occurrences


def month_or_404(year: int, month: int) -> date:
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404("No such month")
    return date(year, month, 1)


def month_calendar(user, first: date, filters, today: date | None = None, locale_id=None) -> Month:
    """The month grid (weeks from Monday) with each day's occurrences."""
    today = today or to_local(timezone.now()).date()
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_start, grid_end = weeks[0][0], weeks[-1][-1]
    found = occurrences_between(
        user,
        from_local(datetime.combine(grid_start, time.min)),
        from_local(datetime.combine(grid_end + timedelta(days=1), time.min)),
        filters,
        locale_id,
    )
    days = {
        day: Day(date=day, in_month=day.month == first.month, is_today=day == today)
        for week in weeks
        for day in week
    }
    for item in found:
        day = max(to_local(item.start).date(), grid_start)
        last = min(last_local_day(item), grid_end)
        while day <= last:
            days[day].occurrences.append(item)
            day += timedelta(days=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    in_month = [
        item
        for item in found
        if to_local(item.start).date() <= date(first.year, first.month, _last_day(first))
        and last_local_day(item) >= first
    ]
    return Month(
        first=first,
        weeks=[[days[day] for day in week] for week in weeks],
        previous=previous if previous.year >= FIRST_YEAR else None,
        next=following if following.year <= LAST_YEAR else None,
        occurrences=in_month,
    )


def _last_day(first: date) -> int:
    return stdlib_calendar.monthrange(first.year, first.month)[1]
