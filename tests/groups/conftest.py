"""A group with a past meeting whose papers hold minutes and actions, and its people."""

from datetime import date, timedelta

from django.utils import timezone

import pytest

from groups.models import (
    MeetingAction,
    MeetingPage,
    MeetingPapersPage,
    NetworkGroupIndexPage,
    NetworkGroupPage,
)
from tests.events.factories import EventIndexPageFactory
from tests.factories import UserFactory

MINUTES = "Rehabilitation prescription completion fell to 71 per cent"
ACTION = "Circulate the revised transfer checklist to every trauma unit"
MEETING = "Clinical governance group: March meeting"


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_group(index, title="Clinical governance group", **fields):
    return add(
        index,
        NetworkGroupPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            purpose="Oversees the quality and safety of care across the network.",
            chair="Dr Priya Natarajan, consultant in emergency medicine",
            **fields,
        ),
    )


def make_meeting(group, title, start, minutes="", status="none", actions=()):
    meeting = add(
        group,
        MeetingPage(
            title=title,
            slug=f"meeting-{start:%Y-%m-%d}",
            summary="The group's regular meeting.",
            start=start,
            end=start + timedelta(hours=2),
        ),
    )
    papers = MeetingPapersPage(
        title="Papers", slug="papers", minutes=f"<p>{minutes}</p>", minutes_status=status
    )
    for action in actions:
        papers.actions.add(MeetingAction(**action))
    add(meeting, papers)
    return meeting, MeetingPapersPage.objects.get(pk=papers.pk)


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def groups_index(home_page):
    return add(home_page, NetworkGroupIndexPage(title="Network groups", slug="groups"))


@pytest.fixture
def group(groups_index):
    return make_group(groups_index)


@pytest.fixture
def meeting(group, events_index):
    start = timezone.now() + timedelta(days=2)
    return make_meeting(
        group,
        MEETING,
        start.replace(microsecond=0),
        minutes=MINUTES,
        status="draft",
        actions=[
            {
                "description": ACTION,
                "owner_name": "Network lead nurse",
                "due_date": date(2026, 4, 30),
            }
        ],
    )


@pytest.fixture
def group_member(member, group):
    member.groups.add(group.members_group)
    return member


@pytest.fixture
def other_member(members_group):
    user = UserFactory()
    user.groups.add(members_group)
    return user
