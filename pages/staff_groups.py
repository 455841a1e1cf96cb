"""What a staff group page gathers from elsewhere: its courses and training links
(its child pages are linked by the link rule, core.links)."""

from urllib.parse import urlencode

from core.access import visible_pages
from core.formats import REMOTE
from pages.models import TrainingCoursePage, TrainingIndexPage
from pages.training import with_upcoming_sessions


def group_courses(user, staff_group, locale_id):
    """The courses for ``staff_group`` that ``user`` may see, wherever they are filed."""
    courses = TrainingCoursePage.objects.filter(
        locale_id=locale_id, staff_groups__slug=staff_group.slug
    )
    return list(with_upcoming_sessions(visible_pages(user, courses).order_by("title", "pk")))


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
        "online": f"{url}?{urlencode({'staff_group': staff_group.slug, 'format': REMOTE})}",
    }
