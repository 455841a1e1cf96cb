from django.apps import AppConfig
from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def check_task_backend(app_configs, **kwargs):
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.endswith("ImmediateBackend"):
        return [
            checks.Warning(
                "Tasks run inside the request that enqueues them: webhook deliveries "
                "(and their retries) would hold up publishing.",
                hint="Set TASKS_BACKEND=database and run `manage.py db_worker`.",
                id="downstream.W001",
            )
        ]
    return []


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
