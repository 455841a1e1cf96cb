from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from core.access import can_view_document, can_view_page
from membership import admin
from membership.members_only import MembersOnlyButton, members_only_view
from membership.models import MembershipRequest
from membership.signals import keep_members_only_on_copy
from membership.views import members_only_response

register_snippet(admin.MembershipRequestViewSet)
hooks.register("register_bulk_action", admin.ApproveBulkAction)
hooks.register("register_bulk_action", admin.RejectBulkAction)


@hooks.register("insert_global_admin_css")
def membership_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("membership/admin.css"))


@hooks.register("register_admin_urls")
def membership_review_urls():
    urls = [
        path("<int:pk>/approve/", admin.approve_view, name="approve"),
        path("<int:pk>/reject/", admin.reject_view, name="reject"),
        path("<int:pk>/resend/", admin.resend_view, name="resend"),
    ]
    return [path("membership-review/", include((urls, "membership_review")))]


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    actions.register_action("membership.submitted", "Submit", "Membership request submitted")
    actions.register_action("membership.verified", "Verify email", "Email address verified")
    actions.register_action("membership.approved", "Approve", "Membership request approved")
    actions.register_action("membership.rejected", "Reject", "Membership request rejected")
    actions.register_action("membership.withdrawn", "Withdraw", "Member left the network")
    actions.register_action("membership.expired", "Expire", "Unverified request expired")
    actions.register_action("membership.email_failed", "Email failed", "An email could not be sent")
    actions.register_action(
        "membership.account_conflict",
        "Account left alone",
        "Approval found a staff, superuser or deactivated account with this address",
    )
    actions.register_action("membership.email_resent", "Resend email", "Email sent again")


class AwaitingReviewPanel(Component):
    name = "membership_awaiting_review"
    template_name = "membership/admin/awaiting_review_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        status = MembershipRequest.Status.AWAITING_REVIEW
        return {
            "count": MembershipRequest.objects.filter(status=status).count(),
            "url": reverse("membership_requests:list") + f"?status={status}",
        }


@hooks.register("construct_homepage_panels")
def add_awaiting_review_panel(request, panels):
    if admin.can_review(request.user):
        panels.append(AwaitingReviewPanel())


@hooks.register("before_serve_page", order=-10)
def members_only_page(page, request, serve_args, serve_kwargs):
    """Replace Wagtail's login redirect for restricted pages by a clear members-only page.

    Password restrictions keep Wagtail's own password form.
    """
    # One query for the common case, a page the visitor may see; the restrictions
    # themselves are read only for pages the visitor is kept from.
    if can_view_page(request.user, page):
        return None
    restrictions = page.get_view_restrictions()
    if any(r.restriction_type == r.PASSWORD for r in restrictions):
        return None
    return members_only_response(request).render()


@hooks.register("before_serve_document", order=-10)
def members_only_document(document, request):
    # The access rule decides: a restricted collection, or a page the visitor may
    # not see holding the document (a members-only guideline's controlled document).
    if can_view_document(request.user, document):
        return None
    restrictions = document.collection.get_view_restrictions()
    if any(r.restriction_type == r.PASSWORD for r in restrictions):
        return None
    return members_only_response(request).render()


@hooks.register("after_copy_page")
def copies_stay_members_only(request, page, new_page):
    keep_members_only_on_copy(page, new_page)


@hooks.register("register_admin_urls")
def members_only_urls():
    urls = [path("<int:page_id>/", members_only_view, name="page")]
    return [path("members-only/", include((urls, "members_only")))]


@hooks.register("register_page_header_buttons")
def members_only_header_button(page, user, view_name, next_url=None):
    yield MembersOnlyButton(page=page, next_url=next_url, priority=40)


@hooks.register("register_page_listing_more_buttons")
def members_only_listing_button(page, user, next_url=None):
    yield MembersOnlyButton(page=page, next_url=next_url, priority=45, show_state=False)
