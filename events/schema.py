"""schema.org Event data for search engines, as JSON-LD."""

from datetime import timedelta

from django.utils import timezone

from events.models import EventPage
from events.recurrence import event_timezone, to_local

EVENT_STATUS = {
    EventPage.SCHEDULED: "https://schema.org/EventScheduled",
    EventPage.FULLY_BOOKED: "https://schema.org/EventScheduled",
    EventPage.POSTPONED: "https://schema.org/EventPostponed",
    EventPage.CANCELLED: "https://schema.org/EventCancelled",
}
ATTENDANCE_MODE = {
    EventPage.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventPage.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventPage.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _moment(value, all_day):
    if all_day:
        return to_local(value).date().isoformat()
    return value.astimezone(event_timezone()).isoformat()


def event_json_ld(event: EventPage, url: str, image_url: str | None = None) -> dict:
    """The event as a schema.org Event; a series is described by its next occurrence."""
    start = event.next_occurrence_after(timezone.now()) or event.start
    end = start + (event.end - event.start)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": _moment(start, event.all_day),
        "endDate": _moment(end - timedelta(microseconds=1), True)
        if event.all_day
        else _moment(end, False),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE_MODE[event.format],
    }
    locations = []
    if event.format != EventPage.ONLINE and (event.venue or event.address):
        locations.append(
            {"@type": "Place", "name": event.venue or event.address, "address": event.address}
        )
    if event.format != EventPage.IN_PERSON:
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser:
        organiser = {"@type": "Organization", "name": event.organiser}
        if event.contact_email:
            organiser["email"] = event.contact_email
        data["organizer"] = organiser
    if event.booking_url:
        data["offers"] = {
            "@type": "Offer",
            "url": event.booking_url,
            "availability": "https://schema.org/SoldOut"
            if event.status == EventPage.FULLY_BOOKED
            else "https://schema.org/InStock",
        }
    if event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
    if image_url:
        data["image"] = [image_url]
    return data
