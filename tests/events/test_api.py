"""Events over API v2: fields, filters, ordering, bad input and a query budget."""

import io
from datetime import UTC, date, timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from core.models import StaffGroup
from events.models import EventPage
from events.recurrence import MONTHLY, WEEKLY
from tests.events.factories import EventCategoryFactory, EventPageFactory, london

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=events.EventPage"


def titles(client, query=""):
    response = client.get(f"{LIST}{query}")
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def calendar(events_index):
    governance = EventCategoryFactory(name="Governance")
    education = EventCategoryFactory(name="Education")
    paramedics = StaffGroup.objects.create(name="Paramedics", slug="paramedics")
    board = EventPageFactory(
        parent=events_index,
        title="Network board",
        start=london(2026, 1, 6, 14),
        end=london(2026, 1, 6, 16),
        repeat=MONTHLY,
        repeat_position=1,
        repeat_count=24,
        relations__categories=[governance],
        relations__excluded=[date(2026, 2, 3)],
    )
    study_day = EventPageFactory(
        parent=events_index,
        title="Trauma study day",
        start=london(2026, 2, 10),
        end=london(2026, 2, 11),
        all_day=True,
        relations__categories=[education],
        relations__staff_groups=[paramedics],
    )
    old = EventPageFactory(
        parent=events_index,
        title="Old review",
        start=london(2025, 6, 1, 10),
        end=london(2025, 6, 1, 12),
    )
    return board, study_day, old


def test_event_fields_are_inline_objects(client, calendar):
    board, study_day, _ = calendar
    item = client.get(f"/api/v2/pages/{study_day.pk}/").json()
    assert item["start"] == "2026-02-10T00:00:00Z"
    assert item["all_day"] is True
    assert item["status"] == "scheduled"
    assert item["location"]["venue"] == "Network Office"
    assert item["location"]["text"] == "Network Office, Trust Headquarters, Leeds LS1 4AP"
    assert item["categories"] == [
        {"id": study_day.categories.get().pk, "name": "Education", "slug": "education"}
    ]
    assert item["staff_groups"][0]["slug"] == "paramedics"
    assert item["recurrence"] is None
    series = client.get(f"/api/v2/pages/{board.pk}/").json()
    assert series["recurrence"]["frequency"] == "monthly"
    assert series["recurrence"]["week_of_month"] == 1
    assert series["recurrence"]["excluded_dates"] == ["2026-02-03"]
    assert series["recurrence"]["description"] == "Every month on the first Tuesday, 24 times"


def test_next_occurrence_is_worked_out_from_the_rule(client, events_index):
    now = timezone.now().replace(microsecond=0)
    series = EventPageFactory(
        parent=events_index,
        title="Weekly huddle",
        start=now - timedelta(days=10),
        end=now - timedelta(days=10) + timedelta(hours=1),
        repeat=WEEKLY,
        repeat_count=4,
    )
    item = client.get(f"/api/v2/pages/{series.pk}/").json()
    expected = (now + timedelta(days=4)).astimezone(UTC)
    assert item["next_occurrence"] == expected.strftime("%Y-%m-%dT%H:%M:%SZ")
    old = EventPageFactory(parent=events_index, start=now - timedelta(days=30))
    assert client.get(f"/api/v2/pages/{old.pk}/").json()["next_occurrence"] is None


def test_date_filters(client, calendar):
    # The board's only February date (3 February) is excluded.
    assert set(titles(client, "&start_after=2026-02-01&start_before=2026-02-28")) == {
        "Trauma study day"
    }
    assert set(titles(client, "&start_after=2026-02-01&start_before=2026-03-04")) == {
        "Network board",
        "Trauma study day",
    }
    assert set(titles(client, "&start_before=2025-12-31")) == {"Old review"}
    assert set(titles(client, "&start_after=2026-02-11")) == {"Network board"}
    # 24 times with one excluded date: the 24th board is on Tuesday 4 January 2028.
    assert set(titles(client, "&start_after=2028-01-04")) == {"Network board"}
    assert set(titles(client, "&start_after=2028-01-05")) == set()
    assert set(titles(client, "&category=governance")) == {"Network board"}
    unknown = client.get(f"{LIST}&category=unknown")
    assert unknown.status_code == 400
    assert unknown.json() == {"message": "category: no event category has the slug 'unknown'"}


def test_upcoming(client, events_index):
    now = timezone.now()
    EventPageFactory(parent=events_index, title="Next week", start=now + timedelta(days=7))
    EventPageFactory(parent=events_index, title="Last week", start=now - timedelta(days=7))
    EventPageFactory(
        parent=events_index,
        title="Weekly series still running",
        start=now - timedelta(days=14),
        repeat=WEEKLY,
        repeat_count=4,
    )
    assert set(titles(client, "&upcoming=true")) == {"Next week", "Weekly series still running"}
    assert set(titles(client, "&upcoming=false")) == {"Last week"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "&start_after=yesterday",
            "start_after must be a date written YYYY-MM-DD, not 'yesterday'",
        ),
        (
            "&start_before=2026-13-01",
            "start_before must be a date written YYYY-MM-DD, not '2026-13-01'",
        ),
        (
            "&start_after=2026-02-30",
            "start_after must be a date written YYYY-MM-DD, not '2026-02-30'",
        ),
        ("&upcoming=yes", "upcoming must be 'true' or 'false', not 'yes'"),
        (
            "&start_after=2026-03-01&start_before=2026-02-01",
            "start_after must be earlier than start_before",
        ),
        ("&order=bogus", "cannot order by 'bogus' (unknown field)"),
        ("&category=%00", "null characters are not allowed in 'category'"),
        ("&category=a%20b", "category must be a category slug, not 'a b'"),
    ],
)
def test_malformed_values_get_a_400_with_a_reason(client, calendar, query, message):
    response = client.get(f"{LIST}{query}")
    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_event_filters_need_the_event_type(client, calendar):
    response = client.get("/api/v2/pages/?start_after=2026-01-01")
    assert response.status_code == 400
    assert "start_after" in response.json()["message"]


def test_order_by_next_occurrence(client, events_index):
    now = timezone.now()
    EventPageFactory(parent=events_index, title="In three weeks", start=now + timedelta(days=21))
    EventPageFactory(
        parent=events_index,
        title="Weekly, next in two days",
        start=now - timedelta(days=5),
        repeat=WEEKLY,
        repeat_count=5,
    )
    EventPageFactory(parent=events_index, title="Tomorrow", start=now + timedelta(days=1))
    assert titles(client, "&upcoming=true&order=next_occurrence") == [
        "Tomorrow",
        "Weekly, next in two days",
        "In three weeks",
    ]
    assert titles(client, "&upcoming=true&order=-next_occurrence")[0] == "In three weeks"


def test_refresh_command_moves_next_occurrence_on(events_index):
    now = timezone.now()
    event = EventPageFactory(
        parent=events_index,
        title="Weekly",
        start=now + timedelta(days=1),
        repeat=WEEKLY,
        repeat_count=3,
    )
    EventPage.objects.filter(pk=event.pk).update(next_occurrence=now - timedelta(days=30))
    output = io.StringIO()
    call_command("refresh_event_dates", stdout=output)
    assert output.getvalue() == "Updated the dates of 1 event(s).\n"
    assert EventPage.objects.get(pk=event.pk).next_occurrence == event.start


def test_api_list_runs_a_fixed_number_of_queries(
    client, events_index, django_assert_max_num_queries
):
    categories = [EventCategoryFactory(name="Governance"), EventCategoryFactory(name="Education")]
    groups = [StaffGroup.objects.create(name="Paramedics", slug="paramedics")]
    now = timezone.now()
    fields = (
        "start,end,all_day,next_occurrence,status,location,categories,staff_groups,recurrence,image"
    )
    url = (
        f"{LIST}&fields={fields}&upcoming=true&start_after={now.date()}"
        "&limit=50&order=next_occurrence"
    )

    def add(count, offset):
        for number in range(offset, offset + count):
            options = {"repeat": WEEKLY, "repeat_count": 3} if number % 2 else {}
            EventPageFactory(
                parent=events_index,
                title=f"Event {number}",
                start=now + timedelta(days=1, hours=number),
                relations__categories=categories,
                relations__staff_groups=groups,
                **options,
            )

    add(10, 0)
    # 13 plus 1 for the access rule's one read of the restrictions per request.
    with django_assert_max_num_queries(14):
        assert len(client.get(url).json()["items"]) == 10
    add(190, 10)
    with django_assert_max_num_queries(14):
        response = client.get(url).json()
    assert response["meta"]["total_count"] == 200
    assert len(response["items"]) == 50
