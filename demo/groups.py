"""Demo network groups: the board, the clinical effectiveness committee, the clinical
governance group and the rehabilitation working group, each with a year of meetings
(nine months back, three ahead) on working days, papers with draft and approved
minutes, and an action log. The demo member belongs to the clinical governance group,
whose chair and editors group holds the demo chair's account: signed in to the admin,
the demo chair edits and publishes that group's pages and papers and nothing else.

Dates are relative to the day the demo is first loaded; later runs find each page by
slug and leave it alone.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from core.demo import ensure_child, rich_text, working_day
from demo.events import OFFICE, TEAMS, at, month_offset, nth_weekday
from demo.membership import DEMO_MEMBER
from events.models import EventPage
from events.recurrence import to_local
from groups.models import (
    MeetingAction,
    MeetingPage,
    MeetingPapersPage,
    NetworkGroupIndexPage,
    NetworkGroupPage,
    RosterEntry,
)

DEMO_CHAIR = "demo.chair@example.nhs.uk"

GROUPS = [
    {
        "slug": "network-board",
        "title": "Network board",
        "kind": NetworkGroupPage.Kind.BOARD,
        "purpose": "Sets the network's strategy and annual work plan, and holds the network "
        "to account for the quality and safety of trauma and critical care in the region.",
        "chair": "Mrs Helen Okafor, network board chair (independent)",
        "vice_chair": "Dr James Whitfield, network clinical director",
        "frequency": NetworkGroupPage.Frequency.BIMONTHLY,
        "reports_to": "NHS England specialised commissioning",
        "every": 2,
        "weekday": 1,  # Tuesday
        "week": 2,
        "hour": 14,
        "roster": [
            ("Helen Okafor", "Chair", "Independent"),
            (
                "Dr James Whitfield",
                "Vice-chair, clinical director",
                "Leeds Teaching Hospitals NHS Trust",
            ),
            ("Sarah Bennett", "Network manager", "Network office"),
            ("Dr Amira Hassan", "Medical director", "Mid Yorkshire Teaching NHS Trust"),
            (
                "Mark Fielding",
                "Director of nursing",
                "Bradford Teaching Hospitals NHS Foundation Trust",
            ),
            ("Claire Dunn", "Commissioner", "NHS England North East and Yorkshire"),
        ],
        "items": [
            "Network performance report: TARN and ICNARC dashboards",
            "Risk register",
            "Annual work plan: progress",
            "Finance and workforce",
        ],
    },
    {
        "slug": "clinical-effectiveness-committee",
        "title": "Clinical effectiveness committee",
        "kind": NetworkGroupPage.Kind.COMMITTEE,
        "purpose": "Reviews the network's quality measures, national audit results and "
        "clinical guidelines, and recommends guidelines to the board for approval.",
        "chair": "Dr Rachel Moss, consultant intensivist",
        "vice_chair": "Tom Ashworth, consultant nurse, critical care",
        "frequency": NetworkGroupPage.Frequency.QUARTERLY,
        "reports_to": "Network board",
        "every": 3,
        "weekday": 2,  # Wednesday
        "week": 3,
        "hour": 10,
        "roster": [
            ("Dr Rachel Moss", "Chair", "Leeds Teaching Hospitals NHS Trust"),
            ("Tom Ashworth", "Vice-chair", "Calderdale and Huddersfield NHS Foundation Trust"),
            ("Dr Ifeoma Eze", "Audit lead", "Airedale NHS Foundation Trust"),
            (
                "Lucy Parkinson",
                "Pharmacist, critical care",
                "Harrogate and District NHS Foundation Trust",
            ),
        ],
        "items": [
            "ICNARC quarterly report: unit comparison",
            "Guidelines due for review",
            "Quality measures: exceptions",
        ],
    },
    {
        "slug": "clinical-governance-group",
        "title": "Clinical governance group",
        "kind": NetworkGroupPage.Kind.GROUP,
        "purpose": "Reviews serious incidents, morbidity and mortality and transfer "
        "exceptions across the network, and shares the learning with every unit.",
        "chair": "Dr Priya Natarajan, consultant in emergency medicine",
        "vice_chair": "Karen Walsh, trauma coordinator",
        "frequency": NetworkGroupPage.Frequency.MONTHLY,
        "reports_to": "Clinical effectiveness committee",
        "every": 1,
        "weekday": 3,  # Thursday
        "week": 1,
        "hour": 13,
        "roster": [
            ("Dr Priya Natarajan", "Chair", "Leeds Teaching Hospitals NHS Trust"),
            ("Karen Walsh", "Vice-chair", "Mid Yorkshire Teaching NHS Trust"),
            ("Demo Member", "Member", "Network office"),
            (
                "Dr Owen Price",
                "Member, anaesthetics",
                "Bradford Teaching Hospitals NHS Foundation Trust",
            ),
            ("Joanne Riley", "Governance facilitator", "Network office"),
        ],
        "items": [
            "Serious incidents and learning",
            "Transfer exceptions",
            "Morbidity and mortality themes",
        ],
        "demo_member": True,
        "demo_chair": True,
    },
    {
        "slug": "rehabilitation-working-group",
        "title": "Rehabilitation working group",
        "kind": NetworkGroupPage.Kind.WORKING_GROUP,
        "purpose": "Improves rehabilitation after major trauma and critical illness: the "
        "rehabilitation prescription, follow-up clinics and handover to community teams.",
        "chair": "Anna Kowalski, consultant physiotherapist",
        "vice_chair": "Ben Adeyemi, occupational therapist",
        "frequency": NetworkGroupPage.Frequency.BIMONTHLY,
        "reports_to": "Clinical effectiveness committee",
        "every": 2,
        "weekday": 0,  # Monday
        "week": 2,
        "hour": 11,
        "roster": [
            ("Anna Kowalski", "Chair", "Leeds Teaching Hospitals NHS Trust"),
            ("Ben Adeyemi", "Vice-chair", "Mid Yorkshire Teaching NHS Trust"),
            ("Grace Holt", "Speech and language therapist", "Airedale NHS Foundation Trust"),
            (
                "Dr Sunil Mehta",
                "Consultant in rehabilitation medicine",
                "Leeds Community Healthcare NHS Trust",
            ),
        ],
        "items": [
            "Rehabilitation prescription completion (TARN)",
            "Follow-up clinic capacity",
            "Patient and family feedback",
        ],
    },
]

ACTIONS = [
    ("Circulate the revised transfer checklist to every trauma unit", "Network manager"),
    ("Present the unit comparison to the next meeting with the unit leads' comments", "Audit lead"),
    ("Agree a date for the annual review of the terms of reference", "Chair"),
    ("Write to trust medical directors about the exception reports", "Clinical director"),
]


def meeting_dates(spec, today):
    """Working days (Monday to Friday) from nine months ago to three months ahead."""
    days = []
    for offset in range(-9, 4):
        if offset % spec["every"]:
            continue
        day = working_day(nth_weekday(*month_offset(today, offset), spec["weekday"], spec["week"]))
        days.append(day)
    return days


def load(demo):
    index = ensure_child(
        demo.home,
        NetworkGroupIndexPage,
        "network-groups",
        title="Network groups",
        introduction="The network is run through its board, committees and working groups. "
        "Each publishes its terms of reference and meeting dates; its papers are for its "
        "members and the network office.",
    )
    demo.pages["network_groups"] = index
    today = to_local(timezone.now()).date()
    member = get_user_model().objects.filter(username=DEMO_MEMBER).first()
    for spec in GROUPS:
        group = ensure_child(
            index,
            NetworkGroupPage,
            spec["slug"],
            title=spec["title"],
            kind=spec["kind"],
            purpose=spec["purpose"],
            chair=spec["chair"],
            vice_chair=spec["vice_chair"],
            meeting_frequency=spec["frequency"],
            reports_to=spec["reports_to"],
            contact_email="network.office@example.nhs.uk",
            terms_of_reference=[
                (
                    "paragraph",
                    rich_text(
                        f"The {spec['title'].lower()} {lower_first(spec['purpose'])}",
                        "A meeting is quorate when the chair or vice-chair and half of the "
                        "members are present. Papers are circulated a week before each meeting; "
                        "draft minutes within ten working days, for approval at the next meeting.",
                    ),
                ),
            ],
        )
        if not group.roster.exists():
            for order, (name, role, organisation) in enumerate(spec["roster"]):
                RosterEntry.objects.create(
                    page=group,
                    sort_order=order,
                    name=name,
                    role=role,
                    organisation=organisation,
                    user=member if name == "Demo Member" else None,
                )
        if spec.get("demo_member") and member is not None:
            member.groups.add(group.members_group)
        if spec.get("demo_chair"):
            give_chair_account(demo, group)
        load_meetings(group, spec, today, member if spec.get("demo_member") else None)


def give_chair_account(demo, group):
    """The demo chair's account, in the group's "chair and editors" group."""
    if group.editors_group_id is None:
        editors, _ = Group.objects.get_or_create(name=f"Chair and editors: {group.title}"[:150])
        group.editors_group = editors
        group.save_revision().publish()
    User = get_user_model()
    chair = User.objects.filter(username=DEMO_CHAIR).first()
    if chair is None:
        password = secrets.token_urlsafe(12)
        chair = User.objects.create_user(
            DEMO_CHAIR, DEMO_CHAIR, password, first_name="Demo", last_name="Chair"
        )
        demo.stdout.write(
            f"Log in at /admin/ as '{DEMO_CHAIR}' (chair of the {group.title.lower()}), "
            f"password: {password}"
        )
    chair.groups.add(
        group.editors_group,
        group.members_group,
        Group.objects.get(name=settings.MEMBERS_GROUP_NAME),
    )


def load_meetings(group, spec, today, member):
    dates = meeting_dates(spec, today)
    past = [day for day in dates if day < today]
    for number, day in enumerate(dates):
        slug = f"meeting-{day:%Y-%m-%d}"
        if group.get_children().filter(slug=slug).exists():
            continue
        start = at(day, spec["hour"])
        meeting = ensure_child(
            group,
            MeetingPage,
            slug,
            title=f"{spec['title']}: {day:%B %Y}",
            summary=f"The {spec['title'].lower()}'s {spec['frequency'].label.lower()} meeting.",
            start=start,
            end=start + timedelta(hours=2),
            format=EventPage.HYBRID,
            venue=OFFICE[0],
            address=OFFICE[1],
            online_url=TEAMS,
            organiser=spec["title"],
            contact_email="network.office@example.nhs.uk",
        )
        held = day < today
        latest_held = held and day == past[-1]
        minutes_status = (
            MeetingPapersPage.MinutesStatus.DRAFT
            if latest_held
            else MeetingPapersPage.MinutesStatus.APPROVED
            if held
            else MeetingPapersPage.MinutesStatus.NONE
        )
        next_day = dates[number + 1] if number + 1 < len(dates) else None
        papers = MeetingPapersPage(
            title="Papers",
            slug="papers",
            agenda=[
                (
                    "paragraph",
                    rich_text(
                        "1. Apologies and declarations of interest",
                        "2. Minutes of the last meeting and action log",
                        *[f"{n}. {item}" for n, item in enumerate(spec["items"], start=3)],
                        f"{len(spec['items']) + 3}. Any other business",
                    ),
                ),
            ],
            minutes=rich_text(
                f"Present: {', '.join(name for name, _, _ in spec['roster'][:4])}.",
                f"The {spec['title'].lower()} discussed {spec['items'][0].lower()} and "
                f"{spec['items'][1].lower()}. Actions are recorded in the action log.",
            )
            if held
            else "",
            minutes_status=minutes_status,
            minutes_approved_on=next_day if minutes_status == "approved" else None,
        )
        if held:
            description, owner = ACTIONS[number % len(ACTIONS)]
            assigned = member if number % 2 == 0 else None
            # The two most recent meetings leave actions open, so they carry over.
            status = (
                MeetingAction.Status.OPEN
                if day >= past[max(len(past) - 2, 0)]
                else MeetingAction.Status.DONE
            )
            papers.actions.add(
                MeetingAction(
                    reference=f"{initials(spec['title'])}-{day:%y%m}-1",
                    description=description,
                    owner_name="Demo Member" if assigned else owner,
                    owner=assigned,
                    due_date=working_day(day + timedelta(days=28)),
                    status=status,
                )
            )
        meeting.add_child(instance=papers)
        papers.save_revision().publish()


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def initials(title: str) -> str:
    return "".join(word[0] for word in title.split()).upper()
