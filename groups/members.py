"""The signed-in member's groups on their "My membership" page.

The membership app knows nothing of groups: it renders every section that an app
registers with the ``my_membership_sections`` Wagtail hook (``wagtail_hooks.py``).
Everything listed here is read through the access rule (``core.access``), in a fixed
number of queries whatever the number of groups, meetings or actions.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.models import Locale

from core.access import is_member, visible_pages
from groups.models import (
    MeetingAction,
    MeetingPage,
    MeetingPapersPage,
    NetworkGroupIndexPage,
    NetworkGroupPage,
)

NEXT_MEETINGS_SHOWN = 10


def _group_of(path: str, groups: dict) -> NetworkGroupPage | None:
    """The group (of ``groups``, by tree path) that a meeting or papers page is under."""
    return next((group for prefix, group in groups.items() if path.startswith(prefix)), None)


def my_groups(user, now=None) -> dict:
    """The user's groups (in the active language), their next meetings and the
    outstanding actions assigned to the user, each with its group."""
    now = now or timezone.now()
    groups_query = visible_pages(
        user,
        NetworkGroupPage.objects.filter(
            members_group__in=user.groups.all(), locale=Locale.get_active()
        ),
    ).order_by("title")
    groups = {group.path: group for group in groups_query.only("id", "title", "url_path", "path")}
    meetings = []
    if groups:
        below = MeetingPage.objects.none()
        for path in groups:
            below |= MeetingPage.objects.filter(path__startswith=path)
        upcoming = (
            visible_pages(user, below.filter(start__gte=now))
            .order_by("start")
            .only("id", "title", "url_path", "path", "start", "end", "all_day", "status")
        )
        meetings = [
            {"meeting": meeting, "group": _group_of(meeting.path, groups)}
            for meeting in upcoming[:NEXT_MEETINGS_SHOWN]
        ]
    actions = (
        MeetingAction.objects.outstanding()
        .filter(owner=user, page__in=visible_pages(user, MeetingPapersPage.objects.all()))
        .select_related("page")
        .order_by("due_date", "pk")
    )
    actions = list(actions)
    # A papers page sits two levels below its group (group > meeting > papers).
    group_paths = {action.page.path[: -2 * MeetingPapersPage.steplen] for action in actions}
    owning_groups = (
        {
            group.path: group
            for group in NetworkGroupPage.objects.filter(path__in=group_paths).only(
                "id", "title", "path", "url_path"
            )
        }
        if group_paths
        else {}
    )
    return {
        "my_groups": list(groups.values()),
        "next_meetings": meetings,
        "my_actions": [
            {"action": action, "group": _group_of(action.page.path, owning_groups)}
            for action in actions
        ],
    }


def my_groups_section(request):
    """The "Your groups" section of My membership, for network members."""
    user = request.user
    if not is_member(user):
        return None
    context = my_groups(user)
    group_index = (
        visible_pages(user, NetworkGroupIndexPage.objects.filter(locale=Locale.get_active()))
        .order_by("path")
        .first()
    )
    context["group_index"] = group_index
    return render_to_string("groups/my_membership_section.html", context, request=request)
