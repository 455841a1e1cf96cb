"""Review of membership requests in the Wagtail admin (a snippet viewset with actions).

The snippet viewset is Wagtail's ModelViewSet with bulk actions and history on
top; membership requests are not editable content, so editing is limited to the
office's internal note and there is no "add" (requests come from the public form).
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from core.exports import safe_cell
from membership import actions
from membership.models import MembershipRequest

REVIEW_PERMISSION = "membership.review_membershiprequest"


class RequestPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody adds requests in the admin.

    Requests only come from the public form (or its JSON endpoint), with consent
    recorded; the admin reviews them.
    """

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


register_permission_policy(MembershipRequest, RequestPermissionPolicy(MembershipRequest))


def can_review(user) -> bool:
    return user.has_perm(REVIEW_PERMISSION)


class MembershipRequestIndexView(IndexView):
    def _get_title_column(self, *args, **kwargs):
        # Names wrap between words, never inside one (see membership/admin.css).
        return super()._get_title_column(*args, **kwargs, classname="odn-person-name")

    def get_edit_url(self, instance):
        # A request's name leads to its detail view, where it is approved or rejected
        # (editing is limited to the internal note, one click further).
        return self.get_inspect_url(instance)

    def write_csv_row(self, writer, row_dict):
        # Text as written, formulas guarded (core.exports). XLSX cells are already
        # stored as text by Wagtail's export, never as formulas.
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


# What an empty field means on the request's screen, in the office's words.
NOT_YET = {
    "verified_at": "Not yet verified",
    "reviewed_at": "Not yet reviewed",
    "reviewed_by": "Not yet reviewed",
    "user": "No account yet",
    "email_failure": "Nothing recorded",
    "account_conflict": "Nothing recorded",
    "review_note": "No note",
    "decision_reason": "Not decided yet",
}


class MembershipRequestInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is True:
            return "Yes"
        if value is False:
            return "No"
        if value is None or value == "":
            return NOT_YET.get(field_name, "Not given")
        return value

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        request = self.object
        if can_review(self.request.user) and request.status == request.Status.AWAITING_REVIEW:
            buttons += [
                HeaderButton(
                    _("Approve"), url=reverse("membership_review:approve", args=[quote(request.pk)])
                ),
                HeaderButton(
                    _("Reject"), url=reverse("membership_review:reject", args=[quote(request.pk)])
                ),
            ]
        if can_review(self.request.user) and request.email_failure:
            buttons.append(
                HeaderButton(
                    _("Resend email"),
                    url=reverse("membership_review:resend", args=[quote(request.pk)]),
                    icon_name="mail",
                )
            )
        return buttons


class MembershipRequestViewSet(SnippetViewSet):
    model = MembershipRequest
    icon = "group"
    menu_label = "Membership requests"
    menu_name = "membership_requests"
    add_to_admin_menu = True
    menu_order = 250
    url_prefix = "membership-requests"
    admin_url_namespace = "membership_requests"
    index_view_class = MembershipRequestIndexView
    inspect_view_class = MembershipRequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None  # ORM search over the fields below; no search index needed
    search_fields = ["full_name", "email", "organisation", "job_title"]
    list_display = [
        "full_name",
        "email",
        "organisation",
        "staff_group",
        "status",
        "flagged_domain",
        Column("email_failure", label="Email failure"),
        Column("account_conflict", label="Account left alone"),
        "created_at",
    ]
    list_filter = ["status", "staff_group", "organisation", "flagged_domain"]
    list_export = [
        "pk",
        "full_name",
        "email",
        "job_title",
        "organisation",
        "staff_group",
        "staff_group_other",
        "registration_body",
        "registration_number",
        "access_reason",
        "status",
        "flagged_domain",
        "created_at",
        "verified_at",
        "reviewed_at",
        "reviewed_by",
        "decision_reason",
    ]
    export_filename = "membership-requests"
    inspect_view_fields = [
        "full_name",
        "email",
        "job_title",
        "organisation",
        "staff_group",
        "staff_group_other",
        "registration_body",
        "registration_number",
        "access_reason",
        "status",
        "flagged_domain",
        "email_failure",
        "account_conflict",
        "consented_at",
        "created_at",
        "verified_at",
        "reviewed_at",
        "reviewed_by",
        "review_note",
        "decision_reason",
        "user",
    ]
    panels = [FieldPanel("review_note")]

    def get_queryset(self, request):
        return MembershipRequest.objects.select_related("staff_group", "reviewed_by")


# --- Single-request actions -----------------------------------------------------


class ApproveForm(forms.Form):
    note = forms.CharField(
        label="Internal note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason (sent to the applicant)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason: it is sent to the applicant."},
    )


def _decision_view(request, pk, form_class, decide, verb):
    if not can_review(request.user):
        raise PermissionDenied
    membership_request = get_object_or_404(MembershipRequest, pk=pk)
    inspect_url = reverse("membership_requests:inspect", args=[quote(pk)])
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            decide(membership_request, request.user, *form.cleaned_data.values())
        except actions.InvalidTransition as error:
            messages.error(request, str(error))
        else:
            membership_request.refresh_from_db()
            messages.success(request, f"{membership_request} {verb}.")
            if membership_request.email_failure:
                messages.warning(
                    request, f"The email could not be sent: {membership_request.email_failure}"
                )
        return redirect(inspect_url)
    context = {
        "membership_request": membership_request,
        "form": form,
        "verb": verb,
        "inspect_url": inspect_url,
    }
    return TemplateResponse(request, "membership/admin/decide.html", context)


def approve_view(request, pk):
    return _decision_view(request, pk, ApproveForm, actions.approve, "approved")


def reject_view(request, pk):
    return _decision_view(request, pk, RejectForm, actions.reject, "rejected")


def resend_view(request, pk):
    if not can_review(request.user):
        raise PermissionDenied
    membership_request = get_object_or_404(MembershipRequest, pk=pk)
    if request.method == "POST":
        try:
            sent = actions.resend_email(membership_request, request.user)
        except actions.InvalidTransition as error:
            messages.error(request, str(error))
        else:
            if sent:
                messages.success(request, "Email sent.")
            else:
                membership_request.refresh_from_db()
                messages.error(
                    request, f"The email could not be sent: {membership_request.email_failure}"
                )
        return redirect("membership_requests:inspect", quote(pk))
    context = {"membership_request": membership_request}
    return TemplateResponse(request, "membership/admin/resend.html", context)


# --- Bulk actions ---------------------------------------------------------------


class ReviewBulkAction(SnippetBulkAction):
    models = [MembershipRequest]
    template_name = "membership/admin/bulk_decide.html"

    def check_perm(self, obj):
        return can_review(self.request.user) and obj.status == obj.Status.AWAITING_REVIEW

    def get_execution_context(self):
        self.skipped = []
        return {
            "user": self.request.user,
            "form_data": self.cleaned_form.cleaned_data,
            "skipped": self.skipped,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "verb": self.verb}

    def get_success_message(self, num_parent_objects, num_child_objects):
        for reason in getattr(self, "skipped", []):
            messages.warning(self.request, f"Skipped: {reason}")
        return ngettext(
            "%(count)d membership request %(verb)s.",
            "%(count)d membership requests %(verb)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "verb": self.verb}

    @classmethod
    def decide_each(cls, objects, skipped, decide):
        """Decide each request in its own transaction; skip (and report) those that
        another reviewer changed meanwhile or whose account approval must not touch.
        Emails leave when the whole batch commits."""
        done = 0
        for membership_request in objects:
            try:
                decide(membership_request)
            except actions.InvalidTransition as error:
                skipped.append(str(error))
            else:
                done += 1
        return done, 0


class ApproveBulkAction(ReviewBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected membership requests")
    action_priority = 10
    verb = "approved"
    form_class = ApproveForm

    @classmethod
    def execute_action(cls, objects, user=None, form_data=None, skipped=None, **kwargs):
        note = form_data.get("note", "")
        return cls.decide_each(
            objects,
            skipped if skipped is not None else [],
            lambda r: actions.approve(r, user, note),
        )


class RejectBulkAction(ReviewBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject selected membership requests")
    action_priority = 20
    verb = "rejected"
    form_class = RejectForm

    @classmethod
    def execute_action(cls, objects, user=None, form_data=None, skipped=None, **kwargs):
        reason = form_data["reason"]
        return cls.decide_each(
            objects,
            skipped if skipped is not None else [],
            lambda r: actions.reject(r, user, reason),
        )
