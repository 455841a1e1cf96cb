"""The demo calendar: about a dozen events around today, loaded idempotently."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale

import pytest
from icalendar import Calendar

from core.access import is_members_only
from events.models import EventCategory, EventPage
from events.recurrence import to_local

pytestmark = pytest.mark.django_db


def test_demo_calendar(client, member):
    call_command("load_demo_network", stdout=StringIO())
    call_command("load_demo_network", stdout=StringIO())  # a second run adds nothing
    # The calendar's own events in English; network groups' meetings are events too
    # (tests/groups), and the Welsh site has its own copies (tests/welsh).
    events = EventPage.objects.exact_type(EventPage).filter(locale=Locale.get_default())
    assert events.count() == 12
    assert EventCategory.objects.filter(locale=Locale.get_default()).count() == 4

    board = EventPage.objects.get(slug="network-governance-board")
    assert board.recurrence_description.startswith("Every month on the first Tuesday")
    assert events.get(status=EventPage.CANCELLED)
    secret = EventPage.objects.get(slug="serious-incident-learning-review")
    assert is_members_only(secret)
    # Morbidity and mortality reviews are confidential, like serious incident reviews.
    assert is_members_only(EventPage.objects.get(slug="morbidity-and-mortality-review"))
    assert [is_members_only(event) for event in events].count(True) == 2

    today = to_local(timezone.now()).date()
    starts = {to_local(event.start).date() for event in events}
    assert any(day < today.replace(day=1) for day in starts)  # last month
    assert any(day > today for day in starts)

    month = client.get(f"/events/calendar/{today.year}/{today.month:02d}/")
    assert month.status_code == 200
    assert "Network governance board" in client.get("/events/").content.decode() or (
        "Network governance board" in month.content.decode()
    )
    feed = Calendar.from_ical(client.get("/feeds/calendar.ics").content)
    titles = {str(event["SUMMARY"]) for event in feed.walk("VEVENT")}
    assert "Network governance board" in titles
    assert secret.title not in titles
    client.force_login(member)
    assert secret.title in client.get("/events/").content.decode()
