"""Issue 6, end to end: a downstream site holding a member's token lists upcoming
members-only events; anonymous requests get the public ones only."""

from datetime import timedelta

from django.utils import timezone

import pytest

from tests.api.conftest import bearer
from tests.conftest import restrict_to_members
from tests.events.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

UPCOMING = "/api/v2/pages/?type=events.EventPage&upcoming=true&fields=*"
PUBLIC = "Regional trauma network board"
MEMBERS_ONLY = "Serious incident review"
PAST = "Last year's incident review"


@pytest.fixture
def events(home_page, members_group, office_group):
    events_index = EventIndexPageFactory(parent=home_page)
    soon = (timezone.now() + timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
    public = EventPageFactory(parent=events_index, title=PUBLIC, start=soon)
    members_only = EventPageFactory(
        parent=events_index,
        title=MEMBERS_ONLY,
        start=soon + timedelta(days=1),
        venue="Seminar room 2, Major Trauma Centre",
    )
    restrict_to_members(members_only, members_group, office_group)
    past = EventPageFactory(parent=events_index, title=PAST, start=soon - timedelta(days=400))
    restrict_to_members(past, members_group, office_group)
    return public, members_only


def listed(response):
    assert response.status_code == 200, response.content
    return {item["title"]: item for item in response.json()["items"]}


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_member_token_lists_members_only_upcoming_events(
    client, events, member_token, outsider_token
):
    member_answer = client.get(UPCOMING, **bearer(member_token))
    items = listed(member_answer)
    assert set(items) == {PUBLIC, MEMBERS_ONLY}
    assert items[MEMBERS_ONLY]["location"]["venue"] == "Seminar room 2, Major Trauma Centre"
    assert {"private", "no-store"} <= cache_control(member_answer)
    assert "public" not in cache_control(member_answer)

    anonymous_answer = client.get(UPCOMING)
    assert set(listed(anonymous_answer)) == {PUBLIC}
    assert MEMBERS_ONLY not in anonymous_answer.content.decode()
    assert "public" in cache_control(anonymous_answer)
    assert "private" not in cache_control(anonymous_answer)
    assert anonymous_answer["ETag"]

    outsider_answer = client.get(UPCOMING, **bearer(outsider_token))
    assert set(listed(outsider_answer)) == {PUBLIC}
    assert {"private", "no-store"} <= cache_control(outsider_answer)

    for answer in (member_answer, anonymous_answer, outsider_answer):
        assert {"Authorization", "Cookie"} <= {part.strip() for part in answer["Vary"].split(",")}
