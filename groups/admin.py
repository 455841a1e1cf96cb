"""Requests to join a group, in the admin: a snippet listing with approve and decline."""

from django.contrib import messages

from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from groups import joining
from groups.models import JoinRequest


class JoinRequestViewSet(SnippetViewSet):
    model = JoinRequest
    icon = "group"
    menu_label = "Group join requests"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["__str__", "group", "status", "created_at", "decided_at"]
    list_filter = ["status", "group"]
    inspect_view_enabled = True


class DecideBulkAction(SnippetBulkAction):
    models = [JoinRequest]
    template_name = "groups/admin/bulk_decide.html"

    def check_perm(self, obj):
        user = self.request.user
        allowed = user.is_superuser or user.has_perm("groups.change_joinrequest")
        return allowed and obj.status == JoinRequest.Status.PENDING

    def get_execution_context(self):
        self.skipped = []
        return {"user": self.request.user, "skipped": self.skipped}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "verb": self.verb}

    def get_success_message(self, num_parent_objects, num_child_objects):
        for reason in getattr(self, "skipped", []):
            messages.warning(self.request, f"Skipped: {reason}")
        return f"{num_parent_objects} request(s) {self.verb}."

    @classmethod
    def decide_each(cls, objects, user, skipped, decide):
        done = 0
        for join_request in objects:
            try:
                decide(join_request, user)
            except joining.JoinError as error:
                skipped.append(str(error))
            else:
                done += 1
        return done, 0


class ApproveBulkAction(DecideBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve selected requests to join a group"
    action_priority = 10
    verb = "approved"

    @classmethod
    def execute_action(cls, objects, user=None, skipped=None, **kwargs):
        return cls.decide_each(
            objects, user, skipped if skipped is not None else [], joining.approve
        )


class DeclineBulkAction(DecideBulkAction):
    display_name = "Decline"
    action_type = "decline"
    aria_label = "Decline selected requests to join a group"
    action_priority = 20
    verb = "declined"

    @classmethod
    def execute_action(cls, objects, user=None, skipped=None, **kwargs):
        return cls.decide_each(
            objects, user, skipped if skipped is not None else [], joining.decline
        )
