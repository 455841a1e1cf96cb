"""What the group pages show, called by the page models' ``get_context``.

Every listing starts from the access rule (``core.access``): meetings the visitor may
see, papers pages the visitor may see. A visitor outside the group sees a meeting's
title and date (where the meeting itself is visible to them) and, for its papers,
only that they are for the group's members. Each function runs a fixed number of
queries whatever the number of meetings, papers or actions.
"""

from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.documents import get_document_model

from core.access import is_member, visible_documents, visible_pages
from groups.models import (
    JoinRequest,
    MeetingAction,
    MeetingPage,
    MeetingPapersPage,
    NetworkGroupPage,
)

PAST_MEETINGS_SHOWN = 12
UPCOMING_MEETINGS_SHOWN = 6


def index_context(request, index):
    groups = (
        visible_pages(request.user, NetworkGroupPage.objects.child_of(index))
        .order_by("path")
        .only("id", "title", "slug", "url_path", "purpose", "kind", "listing_summary", "chair")
    )
    return {"network_groups": list(groups)}


def _papers_by_meeting(user, group):
    """Papers pages under ``group``, by their meeting's path: ``(page, visible)``."""
    papers = MeetingPapersPage.objects.descendant_of(group).live()
    visible_ids = set(visible_pages(user, papers).values_list("pk", flat=True))
    steplen = MeetingPapersPage.steplen
    return {
        page.path[:-steplen]: (page, page.pk in visible_ids)
        for page in papers.only("id", "path", "title", "url_path", "minutes_status")
    }


def _meeting_rows(meetings, papers):
    return [
        {"meeting": meeting, "papers": papers.get(meeting.path, (None, False))}
        for meeting in meetings
    ]


def group_context(request, group):
    user = request.user
    now = timezone.now()
    meetings = group.meetings(user).only(
        "id", "path", "title", "url_path", "start", "end", "all_day", "status", "venue"
    )
    papers = _papers_by_meeting(user, group)
    upcoming = list(meetings.filter(start__gte=now)[:UPCOMING_MEETINGS_SHOWN])
    past = list(meetings.filter(start__lt=now).order_by("-start")[:PAST_MEETINGS_SHOWN])
    is_group_member = group.is_member(user)
    return {
        "outputs": group_outputs(request, group),
        "roster": list(group.roster.all()),
        "upcoming_meetings": _meeting_rows(upcoming, papers),
        "past_meetings": _meeting_rows(past, papers),
        "is_group_member": is_group_member,
        "join_state": _join_state(user, group, is_group_member),
        "join_url": reverse("groups:join", args=[group.pk]),
        "leave_url": reverse("groups:leave", args=[group.pk]),
    }


def group_outputs(request, group) -> list[dict]:
    """What the group has published, as ``{"title", "url", "description"}`` links, from
    every app that registers a ``network_group_outputs`` Wagtail hook (the guidelines
    app lists the guidelines the group approved). Each hook asks the access rule itself,
    so a visitor is only shown what they may see."""
    outputs = []
    for outputs_of in hooks.get_hooks("network_group_outputs"):
        outputs.extend(outputs_of(request, group))
    return outputs


def _join_state(user, group, is_group_member):
    """ "member", "pending", "can_join" for a network member, else None."""
    if is_group_member:
        return "member"
    if not is_member(user):
        return None
    pending = group.join_requests.filter(user=user, status=JoinRequest.Status.PENDING)
    return "pending" if pending.exists() else "can_join"


def meeting_context(request, meeting):
    group = NetworkGroupPage.objects.filter(path=meeting.path[: -MeetingPage.steplen]).first()
    papers_page = MeetingPapersPage.objects.child_of(meeting).live().first()
    papers_visible = bool(
        papers_page
        and visible_pages(
            request.user, MeetingPapersPage.objects.filter(pk=papers_page.pk)
        ).exists()
    )
    return {
        "network_group": group,
        "papers_page": papers_page,
        "papers_visible": papers_visible,
    }


def carried_over_actions(user, papers_page, meeting=None, group=None):
    """Outstanding actions raised at this group's earlier meetings, due date first.

    Read through the access rule: only actions on papers pages ``user`` may see.
    """
    meeting = meeting or papers_page.get_parent().specific
    group = group or NetworkGroupPage.objects.get(path=meeting.path[: -MeetingPage.steplen])
    earlier = MeetingPage.objects.child_of(group).filter(start__lt=meeting.start)
    steplen = MeetingPage.steplen
    earlier_paths = set(earlier.values_list("path", flat=True))
    visible_papers = visible_pages(user, MeetingPapersPage.objects.descendant_of(group))
    actions = (
        MeetingAction.objects.outstanding()
        .filter(page__in=visible_papers)
        .exclude(page=papers_page)
        .select_related("page")
        .order_by("due_date", "pk")
    )
    return [action for action in actions if action.page.path[:-steplen] in earlier_paths]


def papers_context(request, papers_page):
    meeting = papers_page.get_parent().specific
    group = NetworkGroupPage.objects.get(path=meeting.path[: -MeetingPage.steplen])
    items = list(papers_page.papers.select_related("document"))
    allowed = set(
        visible_documents(
            request.user,
            get_document_model().objects.filter(pk__in=[item.document_id for item in items]),
        ).values_list("pk", flat=True)
    )
    return {
        "meeting": meeting,
        "network_group": group,
        "papers": [item for item in items if item.document_id in allowed],
        "actions_raised": list(papers_page.actions.all()),
        "actions_carried_over": carried_over_actions(request.user, papers_page, meeting, group),
    }
