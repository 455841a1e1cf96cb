from django.urls import include, path

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from core.access import visible_pages
from guidelines import admin
from guidelines.actions import STATUS_CHANGED
from guidelines.vocabulary import GuidelineStatus

register_snippet(admin.ConsultationCommentViewSet)
hooks.register("register_bulk_action", admin.CloseCommentsBulkAction)


@hooks.register("register_log_actions")
def register_guideline_log_actions(actions):
    @actions.register_action(STATUS_CHANGED)
    class StatusChanged(LogFormatter):
        label = "Change guideline status"

        def format_message(self, log_entry):
            labels = dict(GuidelineStatus.choices)
            data = log_entry.data or {}
            before = labels.get(data.get("from"), "none")
            after = labels.get(data.get("to"), data.get("to"))
            return f"Status changed from {before} to {after} (version {data.get('version')})"


@hooks.register("register_admin_urls")
def guideline_review_urls():
    urls = [
        path("", admin.ReviewDueView.as_view(), name="index"),
        path("results/", admin.ReviewDueView.as_view(results_only=True), name="results"),
    ]
    return [path("reports/guidelines-due-for-review/", include((urls, "guidelines_review")))]


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return admin.can_see_review(request.user)


@hooks.register("register_reports_menu_item")
def register_review_due_menu_item():
    from django.urls import reverse

    return ReviewDueMenuItem(
        "Guidelines due for review",
        reverse("guidelines_review:index"),
        icon_name="time",
        order=150,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if admin.can_see_review(request.user):
        panels.append(admin.ReviewDuePanel())


@hooks.register("network_group_outputs")
def guidelines_approved_by_group(request, group):
    """The approved guidelines whose approving group is this network group (the
    guideline's "approving group" ends with the group's name, whatever the case:
    "Network Clinical Governance Group" for the "Clinical governance group"), in the
    group's language and only those the visitor may see."""
    from guidelines.models import GuidelinePage

    approved = visible_pages(
        request.user,
        GuidelinePage.objects.filter(
            approving_group__iendswith=group.title,
            status=GuidelineStatus.APPROVED,
            locale_id=group.locale_id,
        ),
    ).order_by("reference")
    return [
        {
            "title": f"{guideline.reference} {guideline.title}",
            "url": guideline.get_url(request),
            "description": f"Guideline approved {guideline.approved_on:%B %Y}"
            if guideline.approved_on
            else "Guideline",
        }
        for guideline in approved.only("id", "title", "url_path", "reference", "approved_on")
    ]
