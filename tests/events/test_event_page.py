"""The event page: details shown plainly, attached documents, schema.org JSON-LD."""

import json
import re

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from events.models import EventDocument, EventPage
from tests.events.factories import EventPageFactory, london

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_schema_org_event(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Critical care transfer training",
        summary="Safe transfer of level 3 patients.",
        start=london(2030, 7, 2, 9, 30),
        end=london(2030, 7, 2, 16),
        format=EventPage.HYBRID,
        online_url="https://meet.example.nhs.uk/transfer",
        organiser="Network education team",
        contact_email="education@example.nhs.uk",
        booking_url="https://booking.example.nhs.uk/transfer",
        capacity=24,
        status=EventPage.FULLY_BOOKED,
    )
    data = json_ld(client.get(event.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Critical care transfer training"
    assert data["startDate"] == "2030-07-02T09:30:00+01:00"
    assert data["endDate"] == "2030-07-02T16:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["@type"] == "Place"
    assert data["location"][1] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.nhs.uk/transfer",
    }
    assert data["organizer"]["email"] == "education@example.nhs.uk"
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    assert data["maximumAttendeeCapacity"] == 24
    assert data["url"] == f"http://testserver{event.url}"


def test_json_ld_cannot_break_out_of_its_script(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Review </script><script>alert(1)</script>",
        summary="Tom & Jerry <b>",
        status=EventPage.CANCELLED,
        all_day=True,
        start=london(2030, 3, 3),
        end=london(2030, 3, 5),
    )
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["name"] == "Review </script><script>alert(1)</script>"
    assert data["description"] == "Tom & Jerry <b>"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert (data["startDate"], data["endDate"]) == ("2030-03-03", "2030-03-04")


def test_event_details_and_documents_follow_the_access_rule(client, events_index, member):
    public_collection = Collection.get_first_root_node().add_child(name="Event papers")
    private_collection = Collection.get_first_root_node().add_child(name="Members' papers")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document = get_document_model()
    agenda = Document.objects.create(
        title="Agenda", collection=public_collection, file=ContentFile(b"agenda", name="agenda.pdf")
    )
    minutes = Document.objects.create(
        title="Confidential minutes",
        collection=private_collection,
        file=ContentFile(b"minutes", name="minutes.pdf"),
    )
    event = EventPageFactory(
        parent=events_index,
        title="Network board",
        start=london(2030, 1, 1, 14),
        end=london(2030, 1, 1, 16),
        venue="Boardroom",
    )
    EventDocument.objects.create(page=event, document=agenda, sort_order=0)
    EventDocument.objects.create(page=event, document=minutes, sort_order=1)

    html = client.get(event.url).content.decode()
    assert "Tuesday 1 January 2030, 14:00 to 16:00" in html
    assert "Boardroom" in html
    assert "Agenda" in html and "Confidential minutes" not in html
    assert f"/feeds/events/{event.pk}.ics" in html
    client.force_login(member)
    assert "Confidential minutes" in client.get(event.url).content.decode()
