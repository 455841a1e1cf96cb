import secrets
from importlib import import_module
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

# Each capability adds its own step; they run in this order.
DEMO_STEPS = [
    "demo.home",
    "demo.pages",
    "demo.events",
    "demo.membership",
    "demo.legal",
    "demo.guidelines",
    "demo.groups",
    "demo.welsh",
]


class Command(BaseCommand):
    help = "Build (or complete) the demo network site. Safe to run any number of times."

    def handle(self, *args, **options):
        demo = SimpleNamespace(home=None, pages={}, stdout=self.stdout)
        with transaction.atomic():
            for step in DEMO_STEPS:
                import_module(step).load(demo)
        self._ensure_superuser()
        self.stdout.write(self.style.SUCCESS(f"Demo network ready at {demo.home.full_url}"))

    def _ensure_superuser(self):
        import os

        User = get_user_model()
        username = "admin"
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                "Admin user 'admin' already exists (password unchanged; "
                "set DEMO_ADMIN_PASSWORD and delete the user to reset it)."
            )
            return
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username, "admin@example.nhs.uk", password)
        self.stdout.write(
            self.style.WARNING(f"Log in at /admin/ as 'admin' with password: {password}")
        )
