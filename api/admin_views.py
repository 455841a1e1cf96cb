"""Admin for downstream sites: webhook endpoints and their delivery log."""

from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from api.models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Webhooks"
    menu_name = "webhooks"
    menu_order = 603
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["name", "url", "active", "include_members_only"]
    list_filter = ["active"]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The log is written by deliveries only: nobody adds, edits or deletes entries."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = "Webhook deliveries"
    menu_name = "webhook_deliveries"
    menu_order = 604
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    exclude_form_fields = []  # required by ModelViewSet; no one may add or edit (below)
    list_display = [
        Column("event", label="Event"),
        Column("endpoint", label="Endpoint"),
        Column("page_id", label="Page id"),
        StatusTagColumn(
            "status",
            label="Status",
            accessor="get_status_display",
            primary=lambda delivery: delivery.status == WebhookDelivery.DELIVERED,
        ),
        Column("attempts", label="Attempts"),
        Column("response_status", label="Response"),
        DateColumn("created_at", label="Created"),
    ]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_fields = [
        "endpoint",
        "event",
        "page_id",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "created_at",
        "last_attempt_at",
        "delivered_at",
        "payload",
    ]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("endpoint")
