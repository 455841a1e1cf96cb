from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every feature app shares: blocks, page mixins, taxonomies, site settings,
    and the access and link rules. Imports no feature app (docs/architecture.md)."""

    name = "core"
    verbose_name = "Shared core"

    def ready(self):
        from core import access, cache

        cache.connect()
        access._connect_invalidation()
