from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Network calendar and events"

    def ready(self):
        # Registers the events' calendar source.
        from events import sources  # noqa: F401
