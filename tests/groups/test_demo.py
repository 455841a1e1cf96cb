"""The demo network groups: four groups, a year of meetings on working days, draft
and approved minutes, actions that carry over; the demo member is in one group."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

import pytest

from core.access import visible_pages
from demo.groups import DEMO_CHAIR
from demo.membership import DEMO_MEMBER
from events.recurrence import to_local
from groups.models import MeetingAction, MeetingPage, MeetingPapersPage, NetworkGroupPage

pytestmark = pytest.mark.django_db


def test_demo_groups(client):
    call_command("load_demo_network", stdout=StringIO())
    counts = (MeetingPage.objects.count(), MeetingPapersPage.objects.count())
    call_command("load_demo_network", stdout=StringIO())  # a second run adds nothing
    assert (MeetingPage.objects.count(), MeetingPapersPage.objects.count()) == counts

    groups = {group.slug: group for group in NetworkGroupPage.objects.all()}
    assert set(groups) == {
        "network-board",
        "clinical-effectiveness-committee",
        "clinical-governance-group",
        "rehabilitation-working-group",
    }
    today = to_local(timezone.now()).date()
    days = [to_local(meeting.start).date() for meeting in MeetingPage.objects.all()]
    assert all(day.weekday() < 5 for day in days)
    assert (max(days) - min(days)).days > 300
    assert min(days) < today < max(days)
    assert MeetingPapersPage.objects.filter(minutes_status="draft").count() == 4
    assert MeetingPapersPage.objects.filter(minutes_status="approved").exists()
    assert MeetingAction.objects.outstanding().exists()
    assert all(action.due_date.weekday() < 5 for action in MeetingAction.objects.all())

    member = get_user_model().objects.get(username=DEMO_MEMBER)
    in_groups = [group.slug for group in groups.values() if group.is_member(member)]
    assert in_groups == ["clinical-governance-group"]
    readable = visible_pages(member, MeetingPapersPage.objects.all())
    assert readable.exists()
    assert all(page.path.startswith(groups["clinical-governance-group"].path) for page in readable)

    # The governance group's latest minutes: the demo member reads them, others do not.
    latest = (
        MeetingPapersPage.objects.descendant_of(groups["clinical-governance-group"])
        .filter(minutes_status="draft")
        .get()
    )
    client.force_login(member)
    response = client.get(latest.url)
    assert response.status_code == 200
    assert "Draft until approved" in response.content.decode()
    assert "Actions carried over" in response.content.decode()
    board_papers = MeetingPapersPage.objects.descendant_of(groups["network-board"]).first()
    assert client.get(board_papers.url).status_code == 403
    client.logout()
    assert "Draft until approved" not in client.get(latest.url).content.decode()

    # The demo chair edits the governance group's pages and papers, and no other group's.
    chair = get_user_model().objects.get(username=DEMO_CHAIR)
    governance = groups["clinical-governance-group"]
    assert governance.permissions_for_user(chair).can_publish()
    assert latest.permissions_for_user(chair).can_edit()
    assert not groups["network-board"].permissions_for_user(chair).can_edit()

    # My membership: the demo member's group, its next meetings and their open actions.
    client.force_login(member)
    html = client.get("/membership/my-membership/").content.decode()
    assert "Clinical governance group" in html
    assert "Your next meetings" in html and "Your outstanding actions" in html
    assert "No actions are assigned to you." not in html
