"""What a staff group page gathers from elsewhere: its courses and its child pages."""

from dataclasses import dataclass
from urllib.parse import urlencode

from wagtail.models import Page

from membership.access import members_only_q, visible_pages
from pages.models import TrainingCoursePage, TrainingIndexPage
from pages.models.training import ONLINE
from pages.training import with_upcoming_sessions


def group_courses(user, staff_group, locale_id):
    """The courses for ``staff_group`` that ``user`` may see, wherever they are filed."""
    courses = TrainingCoursePage.objects.filter(
        locale_id=locale_id, staff_groups__slug=staff_group.slug
    )
    return list(with_upcoming_sessions(visible_pages(user, courses).order_by("title", "pk")))


@dataclass
class ChildLink:
    page: Page
    locked: bool
    summary: str = ""


def child_links(page, user):
    """The live children of ``page``: a normal link when ``user`` may see one, else locked.

    A locked link carries the title and a "Members only" label, never the summary.
    """
    children = page.get_children().live().order_by("path")
    visible_ids = set(visible_pages(user, children).values_list("pk", flat=True))
    members_only_ids = set(children.filter(members_only_q()).values_list("pk", flat=True))
    links = []
    for child in children.specific():
        if child.pk in visible_ids:
            summary = getattr(child, "listing_summary", "") or getattr(child, "introduction", "")
            links.append(ChildLink(page=child, locked=False, summary=summary))
        elif child.pk in members_only_ids:
            links.append(ChildLink(page=child, locked=True))
    return links


def training_links(request, staff_group, locale_id):
    """Links to the training listing filtered for ``staff_group`` (all, and online only)."""
    index = (
        visible_pages(request.user, TrainingIndexPage.objects.filter(locale_id=locale_id))
        .order_by("path")
        .first()
    )
    if index is None:
        return {}
    url = index.get_url(request)
    return {
        "all": f"{url}?{urlencode({'staff_group': staff_group.slug})}",
        "online": f"{url}?{urlencode({'staff_group': staff_group.slug, 'format': ONLINE})}",
    }
