from django.apps import AppConfig


class DownstreamConfig(AppConfig):
    """What downstream sites get beyond API answers: their tokens in the admin,
    CDN purges of stale API answers and signed webhooks when content changes."""

    name = "downstream"
    verbose_name = "Downstream sites"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from downstream import changes, purge  # noqa: F401 - registers its listener

        changes.connect()
