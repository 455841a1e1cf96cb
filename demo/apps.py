from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo network (`manage.py load_demo_network`). At the top of the import
    graph: it may import every feature app, and nothing imports it."""

    name = "demo"
    verbose_name = "Demo content"
