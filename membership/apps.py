from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = "Network membership"

    def ready(self):
        from membership import signals  # noqa: F401
