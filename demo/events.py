"""Demo content for the Network Calendar: about a dozen events around today.

Dates are set relative to the day the demo is first loaded (last month, this month
and the coming months); later runs find each event by slug and leave it alone.
"""

import calendar as stdlib_calendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

from core.demo import ensure_child, is_working_day, rich_text, working_day
from demo.home import arrange_section_cards
from events.models import EventCategory, EventExcludedDate, EventIndexPage, EventPage
from events.recurrence import MONTHLY, WEEKLY, from_local, to_local, whole_days
from home.models import HomePageSectionCard

CATEGORIES = [
    ("Governance", "governance", "Network board and clinical governance meetings."),
    ("Study days", "study-days", "Clinical study days and conferences."),
    ("Training", "training", "Simulation, transfer and skills training."),
    ("Audit and review", "audit-and-review", "Morbidity and mortality reviews and audit."),
]

MTC = (
    "Education Centre, Major Trauma Centre",
    "Leeds General Infirmary\nGreat George Street\nLeeds LS1 3EX",
)
OFFICE = ("Network Office", "Trust Headquarters\nLeeds LS1 4AP")
TEAMS = "https://teams.example.nhs.uk/meet/network"


def nth_weekday(year, month, weekday, n):
    """The n-th (1-4, or -1 for last) given weekday of a month."""
    days = [
        day
        for day in range(1, stdlib_calendar.monthrange(year, month)[1] + 1)
        if date(year, month, day).weekday() == weekday
    ]
    return date(year, month, days[n - 1 if n > 0 else -1])


def month_offset(day, months):
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def at(day, hour=0, minute=0):
    return from_local(datetime.combine(day, time(hour, minute)))


def monthly_dates(first, position, count):
    """The dates of a monthly series on the ``position``-th weekday of ``first``."""
    return [
        nth_weekday(*month_offset(first, months), first.weekday(), position)
        for months in range(count)
    ]


def bank_holidays_in(dates):
    """The dates of a series that fall on a bank holiday: the series skips them."""
    return [day for day in dates if not is_working_day(day)]


def event_specs(today):
    """What the demo calendar holds, relative to ``today``; every date a working day."""
    last_year, last_month = month_offset(today, -1)
    board_first = nth_weekday(last_year, last_month, 1, 1)  # first Tuesday of last month
    board_skip = nth_weekday(*month_offset(today, 3), 1, 1)
    review_first = nth_weekday(last_year, last_month, 3, -1)  # last Thursday of last month
    drop_in_first = today - timedelta(days=today.weekday()) + timedelta(days=2)  # this Wednesday
    in_eight_weeks = today + timedelta(days=55)
    conference_first = in_eight_weeks - timedelta(days=in_eight_weeks.weekday() - 1)  # a Tuesday
    while not (
        is_working_day(conference_first) and is_working_day(conference_first + timedelta(1))
    ):
        conference_first += timedelta(weeks=1)
    return [
        {
            "slug": "network-governance-board",
            "title": "Network governance board",
            "summary": "The network board: performance, risks, quality measures and decisions.",
            "start": at(board_first, 14),
            "end": at(board_first, 16),
            "format": EventPage.HYBRID,
            "place": OFFICE,
            "online_url": TEAMS,
            "repeat": MONTHLY,
            "repeat_position": 1,
            "repeat_count": 12,
            "excluded": sorted({board_skip, *bank_holidays_in(monthly_dates(board_first, 1, 12))}),
            "organiser": "Network office",
            "categories": ["governance"],
            "staff_groups": ["trauma-surgeons", "emergency-physicians", "critical-care-nurses"],
        },
        {
            "slug": "trauma-study-day",
            "title": "Regional trauma study day",
            "summary": "Cases, pathways and updates from the Major Trauma Centre and Trauma Units.",
            "start": at(working_day(today + timedelta(days=20))),
            "end": at(working_day(today + timedelta(days=20))),
            "all_day": True,
            "place": MTC,
            "booking_url": "https://booking.example.nhs.uk/trauma-study-day",
            "capacity": 120,
            "organiser": "Major trauma education team",
            "categories": ["study-days"],
            "staff_groups": ["trauma-surgeons", "emergency-physicians", "paramedics"],
        },
        {
            "slug": "critical-care-transfer-training",
            "title": "Critical care transfer training",
            "summary": "Simulation training for safe transfers of level 3 patients.",
            "start": at(working_day(today + timedelta(days=9)), 9),
            "end": at(working_day(today + timedelta(days=9)), 16, 30),
            "place": MTC,
            "status": EventPage.FULLY_BOOKED,
            "booking_url": "https://booking.example.nhs.uk/transfer-training",
            "capacity": 16,
            "organiser": "Critical care education team",
            "categories": ["training"],
            "staff_groups": ["critical-care-nurses", "paramedics"],
        },
        {
            "slug": "critical-care-transfer-training-spring",
            "title": "Critical care transfer training (second course)",
            "summary": "A second run of the transfer course, with places still available.",
            "start": at(working_day(today + timedelta(days=45)), 9),
            "end": at(working_day(today + timedelta(days=45)), 16, 30),
            "place": MTC,
            "booking_url": "https://booking.example.nhs.uk/transfer-training",
            "capacity": 16,
            "categories": ["training"],
            "staff_groups": ["critical-care-nurses", "paramedics"],
        },
        {
            "slug": "morbidity-and-mortality-review",
            "title": "Trauma morbidity and mortality review",
            "summary": "Monthly confidential review of trauma deaths and serious complications. "
            "Network members only.",
            "start": at(review_first, 12, 30),
            "end": at(review_first, 13, 30),
            "format": EventPage.ONLINE,
            "online_url": TEAMS,
            "online_details": "Meeting ID and passcode are sent with the calendar invitation.",
            "repeat": MONTHLY,
            "repeat_position": -1,
            "repeat_count": 6,
            "excluded": bank_holidays_in(monthly_dates(review_first, -1, 6)),
            "categories": ["audit-and-review"],
            "staff_groups": ["trauma-surgeons", "emergency-physicians"],
            # Case reviews are confidential: for network members only.
            "members_only": True,
        },
        {
            "slug": "rehabilitation-pathway-workshop",
            "title": "Rehabilitation pathway workshop",
            "summary": "Planning rehabilitation after major trauma across providers.",
            "start": at(working_day(today + timedelta(days=5)), 10),
            "end": at(working_day(today + timedelta(days=5)), 15),
            "place": OFFICE,
            "status": EventPage.CANCELLED,
            "categories": ["study-days"],
            "staff_groups": [
                "physiotherapists",
                "occupational-therapists",
                "rehabilitation-coordinators",
            ],
        },
        {
            "slug": "serious-incident-learning-review",
            "title": "Serious incident learning review (members)",
            "summary": "Confidential learning from recent serious incidents. Network members only.",
            "start": at(working_day(today + timedelta(days=12)), 13),
            "end": at(working_day(today + timedelta(days=12)), 15),
            "format": EventPage.ONLINE,
            "online_url": TEAMS,
            "categories": ["audit-and-review"],
            "staff_groups": ["trauma-surgeons", "critical-care-nurses"],
            "members_only": True,
        },
        {
            "slug": "regional-trauma-conference",
            "title": "Regional trauma and critical care conference",
            "summary": "Two days of talks, workshops and posters from across the network.",
            # Tuesday and Wednesday: the stored end is midnight after the second day.
            "start": whole_days(conference_first, conference_first + timedelta(days=1))[0],
            "end": whole_days(conference_first, conference_first + timedelta(days=1))[1],
            "all_day": True,
            "place": MTC,
            "booking_url": "https://booking.example.nhs.uk/conference",
            "capacity": 300,
            "categories": ["study-days"],
        },
        {
            "slug": "transfer-simulation-drop-in",
            "title": "Transfer simulation drop-in",
            "summary": "Weekly drop-in practice with the transfer trolley and ventilator.",
            "start": at(drop_in_first, 15),
            "end": at(drop_in_first, 16),
            "place": MTC,
            "repeat": WEEKLY,
            "repeat_count": 6,
            "excluded": sorted(
                {
                    drop_in_first + timedelta(weeks=2),
                    *bank_holidays_in(drop_in_first + timedelta(weeks=n) for n in range(6)),
                }
            ),
            "categories": ["training"],
            "staff_groups": ["critical-care-nurses"],
        },
        {
            "slug": "dysphagia-update",
            "title": "Dysphagia after critical illness: update",
            "summary": "Swallowing assessment after intubation and tracheostomy.",
            "start": at(working_day(today + timedelta(days=30)), 14),
            "end": at(working_day(today + timedelta(days=30)), 16),
            "format": EventPage.ONLINE,
            "online_url": TEAMS,
            "status": EventPage.POSTPONED,
            "categories": ["study-days"],
            "staff_groups": ["speech-and-language-therapists"],
        },
        {
            "slug": "winter-planning-meeting",
            "title": "Critical care winter planning meeting",
            "summary": "Surge capacity and mutual aid between units for the winter.",
            "start": at(working_day(today - timedelta(days=20)), 10),
            "end": at(working_day(today - timedelta(days=20)), 12),
            "place": OFFICE,
            "categories": ["governance"],
            "staff_groups": ["critical-care-nurses"],
        },
        {
            "slug": "respiratory-physiotherapy-study-day",
            "title": "Respiratory physiotherapy study day",
            "summary": "Airway clearance and early mobilisation on the critical care unit.",
            "start": at(working_day(today - timedelta(days=10))),
            "end": at(working_day(today - timedelta(days=10))),
            "all_day": True,
            "place": MTC,
            "categories": ["study-days"],
            "staff_groups": ["physiotherapists"],
        },
    ]


def load(demo):
    locale = Locale.get_default()
    categories = {}
    for name, slug, description in CATEGORIES:
        categories[slug], _ = EventCategory.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name, "description": description}
        )
    index = ensure_child(
        demo.home,
        EventIndexPage,
        "events",
        title="Network Calendar & Events",
        show_in_menus=True,
        introduction=(
            "Network board and governance meetings, study days, morbidity and mortality "
            "reviews and transfer training across the network."
        ),
    )
    demo.pages["events"] = index
    if not HomePageSectionCard.objects.filter(page=demo.home, target=index).exists():
        HomePageSectionCard.objects.create(
            page=demo.home, target=index, sort_order=demo.home.section_cards.count()
        )

    arrange_section_cards(
        demo.home,
        [index, *(demo.pages[key] for key in ("quality", "training", "trauma_surgeons"))],
    )

    today = to_local(timezone.now()).date()
    member_groups = Group.objects.filter(
        name__in=[settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME]
    )
    for spec in event_specs(today):
        event = index.get_children().filter(slug=spec["slug"]).first()
        if event is None:
            event = _create_event(index, spec, categories, demo.staff_groups)
        if spec.get("members_only") and not PageViewRestriction.objects.filter(page=event).exists():
            restriction = PageViewRestriction.objects.create(
                page=event, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set(member_groups)


def _create_event(index, spec, categories, staff_groups):
    spec = dict(spec)
    venue, address = spec.pop("place", ("", ""))
    category_slugs = spec.pop("categories", [])
    group_slugs = spec.pop("staff_groups", [])
    excluded = spec.pop("excluded", [])
    spec.pop("members_only", None)
    details = spec.pop("details", [])
    event = EventPage(
        venue=venue,
        address=address,
        contact_email="network.office@example.nhs.uk",
        # The summary is the lede; the body holds only what the summary does not say.
        body=[("rich_text", rich_text(*details))] if details else [],
        **spec,
    )
    event.categories = [categories[slug] for slug in category_slugs]
    event.staff_groups = [staff_groups[slug] for slug in group_slugs if slug in staff_groups]
    event.excluded_dates = [EventExcludedDate(date=day) for day in excluded]
    index.add_child(instance=event)
    event.save_revision().publish()
    return event
