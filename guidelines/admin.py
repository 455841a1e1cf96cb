"""The network office's side of guidelines: what is due for review (a report and a
dashboard panel) and the consultation comments (a snippet listing with exports)."""

from datetime import timedelta

from django.contrib.admin.utils import quote
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

import django_filters

from core.exports import safe_cell
from guidelines.actions import DUE_SOON_DAYS, due_for_review
from guidelines.models import ConsultationComment, GuidelinePage


def can_see_review(user) -> bool:
    """Editors who may change or publish pages see what is due for review."""
    return PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"])


# --- Due for review -----------------------------------------------------------------


class DueFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label="Review",
        choices=[("overdue", "Overdue"), ("soon", f"Due in the next {DUE_SOON_DAYS} days")],
        method="filter_due",
        empty_label="Overdue or due soon",
    )

    class Meta:
        model = GuidelinePage
        fields = []

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(review_due__lt=today)
        if value == "soon":
            return queryset.filter(review_due__gte=today)
        return queryset


class ReviewDueView(ReportView):
    """Approved guidelines whose review date is within 90 days or past, soonest first."""

    page_title = "Guidelines due for review"
    header_icon = "time"
    filterset_class = DueFilterSet
    index_url_name = "guidelines_review:index"
    index_results_url_name = "guidelines_review:results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["change", "publish"]
    export_filename = "guidelines-due-for-review"
    list_export = ["reference", "title", "version", "owner_role", "owner_email", "review_due"]
    export_headings = {"version": "Version", "owner_email": "Owner email"}
    columns = [
        Column("reference", label="Reference"),
        TitleColumn(
            "title",
            label="Title",
            url_name="wagtailadmin_pages:edit",
        ),
        Column("version", label="Version"),
        Column("owner_role", label="Owner"),
        DateColumn("review_due", label="Review due"),
        Column("review_state", label="State"),
    ]

    def get_queryset(self):
        return due_for_review(GuidelinePage.objects.all())

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for page in object_list:
            days = (page.review_due - today).days
            page.review_state = (
                f"Overdue by {-days} day{'s' if days != -1 else ''}"
                if days < 0
                else f"Due in {days} day{'s' if days != 1 else ''}"
            )
        return object_list

    def write_csv_row(self, writer, row_dict):
        return writer.writerow({field: safe_cell(value) for field, value in row_dict.items()})


class ReviewDuePanel(Component):
    """The dashboard's summary of guidelines due for review, linking to the report."""

    name = "guidelines_review_due"
    template_name = "guidelines/admin/review_due_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        due = due_for_review(GuidelinePage.objects.all(), today=today)
        counts = due.aggregate(
            overdue=Count("pk", filter=Q(review_due__lt=today)),
            soon=Count("pk", filter=Q(review_due__gte=today)),
        )
        soonest = list(due.only("id", "title", "reference", "review_due")[:10])
        for page in soonest:
            page.overdue = page.review_due < today
            page.edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        url = reverse("guidelines_review:index")
        return {
            "overdue": counts["overdue"],
            "soon": counts["soon"],
            "days": DUE_SOON_DAYS,
            "soonest": soonest,
            "overdue_url": f"{url}?due=overdue",
            "soon_url": f"{url}?due=soon",
            "url": url,
            "today_plus": today + timedelta(days=DUE_SOON_DAYS),
        }


# --- Consultation comments ----------------------------------------------------------


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody adds comments in the admin: they come
    from members on the guideline page."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


register_permission_policy(ConsultationComment, CommentPermissionPolicy(ConsultationComment))


class CommentIndexView(IndexView):
    def write_csv_row(self, writer, row_dict):
        return writer.writerow({field: safe_cell(value) for field, value in row_dict.items()})

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class CommentFilterSet(WagtailFilterSet):
    class Meta:
        model = ConsultationComment
        fields = ["page", "status"]


class ConsultationCommentViewSet(SnippetViewSet):
    model = ConsultationComment
    icon = "comment"
    menu_label = "Consultation comments"
    menu_name = "consultation_comments"
    add_to_admin_menu = True
    menu_order = 260
    url_prefix = "consultation-comments"
    admin_url_namespace = "consultation_comments"
    index_view_class = CommentIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["name", "organisation", "section", "comment"]
    filterset_class = CommentFilterSet
    list_display = ["name", "organisation", "page", "version", "section", "status", "created_at"]
    list_export = [
        "page.reference",
        "page.title",
        "version",
        "name",
        "email",
        "organisation",
        "section",
        "comment",
        "status",
        "created_at",
        "office_note",
    ]
    export_headings = {"page.reference": "Reference", "page.title": "Guideline"}
    export_filename = "consultation-comments"
    panels = [FieldPanel("status"), FieldPanel("office_note")]


class CloseCommentsBulkAction(SnippetBulkAction):
    display_name = "Close"
    action_type = "close_comments"
    aria_label = "Close the selected comments"
    template_name = "guidelines/admin/confirm_close_comments.html"
    models = [ConsultationComment]
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, **kwargs):
        ids = [comment.pk for comment in objects]
        closed = ConsultationComment.objects.filter(
            pk__in=ids, status=ConsultationComment.Status.OPEN
        ).update(status=ConsultationComment.Status.CLOSED)
        return closed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment closed", "%(count)d comments closed", num_parent_objects
        ) % {"count": num_parent_objects}


def comment_edit_url(comment) -> str:
    return reverse("consultation_comments:edit", args=[quote(comment.pk)])
