import pytest

from events.occurrences import _sources
from events.sources import event_occurrences
from tests.events.factories import EventIndexPageFactory


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def only_event_source():
    """Only the events' own calendar source, so counts do not depend on other sources."""
    saved = list(_sources)
    _sources[:] = [event_occurrences]
    yield
    _sources[:] = saved
