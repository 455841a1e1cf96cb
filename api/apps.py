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
                id="api.W001",
            )
        ]
    return []


class APIConfig(AppConfig):
    """The headless API and what downstream sites get beyond its answers: viewsets,
    authentication, caching, the OpenAPI description, preview, their tokens in the
    admin, CDN purges of stale API answers and signed webhooks when content changes."""

    name = "api"
    label = "api"
    verbose_name = "API and downstream sites"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from api import changes
        from api.admin_views import ReadOnlyPermissionPolicy
        from api.models import WebhookDelivery

        changes.connect()

        register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))
