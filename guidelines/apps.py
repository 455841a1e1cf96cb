from django.apps import AppConfig


class GuidelinesConfig(AppConfig):
    name = "guidelines"
    verbose_name = "Guidelines and policies"

    def ready(self):
        from guidelines import signals  # noqa: F401
