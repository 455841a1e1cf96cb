"""Requests to join a group, in the admin: a snippet listing with approve and decline,
for the network office and, for their own groups only, each group's chair and editors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied

from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, IndexView, InspectView, SnippetViewSet

from groups import joining
from groups.models import JoinRequest, NetworkGroupPage


class JoinRequestPermissionPolicy(ModelPermissionPolicy):
    """The network office's model permissions, and for a group's chair and editors
    (``NetworkGroupPage.editors_group``) the right to see and decide the requests to
    join their own groups, and no others. Nobody adds a request in the admin."""

    CHAIR_ACTIONS = ("view", "change")

    def _edited_group_ids(self, user):
        if not (user and user.is_active and user.is_authenticated):
            return []
        return NetworkGroupPage.objects.filter(editors_group__in=user.groups.all()).values("pk")

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if super().user_has_permission(user, action):
            return True
        return action in self.CHAIR_ACTIONS and self._edited_group_ids(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "add":
            return False
        if super().user_has_permission(user, action):
            return True
        return (
            action in self.CHAIR_ACTIONS
            and self._edited_group_ids(user).filter(pk=instance.group_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        actions = [action for action in actions if action != "add"]
        if any(ModelPermissionPolicy.user_has_permission(self, user, a) for a in actions):
            return JoinRequest.objects.all()
        if not set(actions) & set(self.CHAIR_ACTIONS):
            return JoinRequest.objects.none()
        return JoinRequest.objects.filter(group__in=self._edited_group_ids(user))


register_permission_policy(JoinRequest, JoinRequestPermissionPolicy(JoinRequest))


class JoinRequestIndexView(IndexView):
    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=allowed.values("pk"))
            .select_related("group", "user")
        )


class OwnGroupsOnly:
    """A view of one request, refused unless the user may decide it (the office, or
    the chair and editors of its group)."""

    def get_object(self, queryset=None):
        join_request = super().get_object(queryset)
        policy = JoinRequestPermissionPolicy(JoinRequest)
        if not policy.user_has_permission_for_instance(self.request.user, "view", join_request):
            raise PermissionDenied
        return join_request


class JoinRequestEditView(OwnGroupsOnly, EditView):
    pass


class JoinRequestInspectView(OwnGroupsOnly, InspectView):
    pass


class JoinRequestViewSet(SnippetViewSet):
    model = JoinRequest
    index_view_class = JoinRequestIndexView
    edit_view_class = JoinRequestEditView
    inspect_view_class = JoinRequestInspectView
    copy_view_enabled = False
    icon = "group"
    menu_label = "Group join requests"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["__str__", "group", "status", "created_at", "decided_at"]
    list_filter = ["status", "group"]
    inspect_view_enabled = True
    # A decision is made with the Approve and Decline actions, which add the member to
    # the group and email them; the form itself changes nothing.
    panels = [
        FieldPanel("group", read_only=True),
        FieldPanel("user", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("decided_at", read_only=True),
        FieldPanel("decided_by", read_only=True),
    ]


class DecideBulkAction(SnippetBulkAction):
    models = [JoinRequest]
    template_name = "groups/admin/bulk_decide.html"

    def check_perm(self, obj):
        policy = JoinRequestPermissionPolicy(JoinRequest)
        allowed = policy.user_has_permission_for_instance(self.request.user, "change", obj)
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
