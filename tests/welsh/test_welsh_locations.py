"""An event's one-line location (page, API ``location.text``, iCal ``LOCATION``) is in
the reader's language."""

from django.utils import translation

import pytest

from events.models import EventPage

pytestmark = pytest.mark.django_db


def location(language, **fields):
    with translation.override(language):
        return EventPage(title="Trauma study day", **fields).location_text


def test_an_online_event_says_online_in_welsh():
    assert location("cy", format=EventPage.ONLINE) == "Ar-lein"
    assert location("en-gb", format=EventPage.ONLINE) == "Online"


def test_a_hybrid_events_link_is_introduced_in_welsh():
    fields = {
        "format": EventPage.HYBRID,
        "venue": "Canolfan Addysg, Ysbyty Athrofaol Cymru",
        "online_url": "https://teams.example.nhs.uk/j/123",
    }
    assert location("cy", **fields) == (
        "Canolfan Addysg, Ysbyty Athrofaol Cymru, Ar-lein: https://teams.example.nhs.uk/j/123"
    )
    assert location("en-gb", **fields).endswith(", Online: https://teams.example.nhs.uk/j/123")
