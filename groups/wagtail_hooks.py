from django.template.response import TemplateResponse

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.access import can_view_page, is_member
from groups import admin
from groups.members import my_groups_section
from groups.models import MeetingPapersPage, NetworkGroupPage


@hooks.register("before_serve_page", order=-20)
def group_papers_page(page, request, serve_args, serve_kwargs):
    """A network member outside the group gets a plain "for the group's members" answer.

    Everyone else the page shuts out gets the members-only answer (membership's hook);
    nobody without access gets the papers, their title or the meeting's details.
    """
    if not isinstance(page, MeetingPapersPage) or not is_member(request.user):
        return None
    if can_view_page(request.user, page):
        return None
    group = NetworkGroupPage.objects.filter(
        path=page.path[: page.steplen * (page.depth - 2)]
    ).first()
    return TemplateResponse(
        request, "groups/papers_for_group.html", {"network_group": group}, status=403
    ).render()


hooks.register("my_membership_sections", my_groups_section)

register_snippet(admin.JoinRequestViewSet)
hooks.register("register_bulk_action", admin.ApproveBulkAction)
hooks.register("register_bulk_action", admin.DeclineBulkAction)
