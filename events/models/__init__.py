"""The Network Calendar's models: categories, the calendar page, events, personal feeds."""

from events.models.categories import EventCategory
from events.models.event import EventDocument, EventExcludedDate, EventPage
from events.models.feeds import PersonalFeedToken, new_feed_token

# Last: its routes use events.serve, which imports the models above.
from events.models.index import EventIndexPage

__all__ = [
    "EventCategory",
    "EventDocument",
    "EventExcludedDate",
    "EventIndexPage",
    "EventPage",
    "PersonalFeedToken",
    "new_feed_token",
]
