from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Network sections"

    def ready(self):
        # Registers training sessions as a source of the network calendar.
        from pages import calendar  # noqa: F401
