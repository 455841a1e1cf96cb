from django.apps import AppConfig


class DownstreamConfig(AppConfig):
    """What downstream sites get beyond API answers: their tokens in the admin,
    CDN purges of stale API answers and signed webhooks when content changes."""

    name = "downstream"
    verbose_name = "Downstream sites"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from downstream import changes, purge, webhooks  # noqa: F401 - register listeners

        changes.connect()

        from wagtail.permissions import register_permission_policy

        from downstream.models import WebhookDelivery
        from downstream.views import ReadOnlyPermissionPolicy

        register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))
