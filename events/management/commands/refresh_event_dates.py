from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from events.models import EventPage


class Command(BaseCommand):
    help = (
        "Recompute each event's stored next occurrence (used to order the API by "
        "next_occurrence). Run it daily, for example from cron."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        changed = []
        # Series still running, and series that ended since the last run.
        events = EventPage.objects.filter(
            Q(series_end__gte=now) | Q(next_occurrence__isnull=False)
        ).prefetch_related("excluded_dates")
        for event in events:
            before = (event.series_end, event.next_occurrence)
            event.refresh_dates(now)
            if (event.series_end, event.next_occurrence) != before:
                changed.append(event)
        EventPage.objects.bulk_update(changed, ["series_end", "next_occurrence"])
        self.stdout.write(f"Updated the dates of {len(changed)} event(s).")
