import pytest

from tests.events.factories import EventIndexPageFactory


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def only_event_source(settings):
    """Only the events' own calendar source, so counts do not depend on other sources."""
    settings.CALENDAR_SOURCES = ["events.sources.event_occurrences"]
