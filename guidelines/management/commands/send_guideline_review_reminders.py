from datetime import date

from django.core.management.base import BaseCommand, CommandError

from guidelines.actions import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email guideline owners 90 and 30 days before the review date and on the day. "
        "Run daily; each reminder is sent once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    f"--date {options['date']!r} is not a date (YYYY-MM-DD)"
                ) from error
        sent = send_review_reminders(today)
        for reminder in sent:
            self.stdout.write(f"Sent: {reminder} to {reminder.recipient}")
        self.stdout.write(f"{len(sent)} review reminder(s) sent.")
