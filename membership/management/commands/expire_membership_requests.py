from django.core.management.base import BaseCommand

from membership.actions import erase_rejected, expire_unverified


class Command(BaseCommand):
    help = (
        "Expire membership requests left unverified for MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS "
        "(erasing their personal data) and delete rejected requests older than "
        "MEMBERSHIP_REJECTED_RETENTION_DAYS. Safe to run from cron at any interval."
    )

    def handle(self, *args, **options):
        expired = expire_unverified()
        erased = erase_rejected()
        self.stdout.write(f"Expired {expired} unverified request(s); erased {erased} rejected.")
