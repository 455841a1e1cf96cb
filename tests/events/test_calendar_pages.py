"""The calendar pages: upcoming and past lists, the month grid, filters, bad input."""

from datetime import date, timedelta

from django.utils import timezone

import pytest

from core.models import StaffGroup
from events.models import EventPage
from events.recurrence import WEEKLY, to_local
from tests.events.factories import EventCategoryFactory, EventPageFactory, london

pytestmark = pytest.mark.django_db


def soon(days, hour=10):
    moment = to_local(timezone.now()) + timedelta(days=days)
    return london(moment.year, moment.month, moment.day, hour)


def test_upcoming_lists_soonest_first_and_past_lists_latest_first(client, events_index):
    EventPageFactory(parent=events_index, title="Later study day", start=soon(20), end=soon(20, 16))
    EventPageFactory(parent=events_index, title="Sooner board", start=soon(3), end=soon(3, 12))
    EventPageFactory(parent=events_index, title="Old review", start=soon(-30), end=soon(-30, 12))
    EventPageFactory(parent=events_index, title="Older review", start=soon(-60), end=soon(-60, 12))

    upcoming = client.get("/events/").content.decode()
    assert upcoming.index("Sooner board") < upcoming.index("Later study day")
    assert "Old review" not in upcoming

    past = client.get("/events/past/").content.decode()
    assert past.index("Old review") < past.index("Older review")
    assert "Sooner board" not in past


def test_page_numbers_never_break_the_list(client, events_index):
    for day in range(12):
        EventPageFactory(parent=events_index, title=f"Session {day:02d}", start=soon(day + 1))
    first = client.get("/events/")
    assert "Session 00" in first.content.decode() and "Session 11" not in first.content.decode()
    assert 'page=2"' in first.content.decode()
    assert "Session 11" in client.get("/events/?page=2").content.decode()
    for garbage in ("abc", "-1", "0", "", "1.5", "%00"):
        response = client.get(f"/events/?page={garbage}")
        assert response.status_code == 200, garbage
        assert "Session 00" in response.content.decode()
    assert client.get("/events/?page=3").status_code == 404
    assert client.get("/events/?page=99999999999999999999").status_code == 404


def test_month_grid_is_an_accessible_table_with_today_marked(client, events_index):
    today = to_local(timezone.now()).date()
    EventPageFactory(
        parent=events_index,
        title="Trauma study day",
        start=london(today.year, today.month, 1),
        end=london(today.year, today.month, 2, 23),
        all_day=True,
    )
    response = client.get(f"/events/calendar/{today.year}/{today.month:02d}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<caption class="nhsuk-table__caption nhsuk-table__caption--l">{today:%B %Y}</caption>'
        in html
    )
    assert html.count('scope="col"') == 7
    assert html.count('aria-current="date"') == 1
    assert html.count(">Trauma study day</a>") == 3  # two days in the grid, once in the list
    assert 'rel="alternate" type="text/calendar"' in html
    previous = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    assert f"/events/calendar/{previous.year}/{previous.month:02d}/" in html


def test_this_month_redirects_to_its_own_address(client, events_index):
    today = to_local(timezone.now()).date()
    response = client.get("/events/calendar/?category=board")
    assert response.status_code == 302
    assert (
        response["Location"] == f"/events/calendar/{today.year}/{today.month:02d}/?category=board"
    )


def test_a_multi_day_event_spans_the_days_of_the_grid(client, events_index):
    EventPageFactory(
        parent=events_index,
        title="Transfer course",
        start=london(2026, 12, 30, 9),
        end=london(2027, 1, 1, 17),
    )
    december = client.get("/events/calendar/2026/12/").content.decode()
    assert december.count(">09:00 Transfer course</a>") == 3  # 30, 31 December and 1 January
    january = client.get("/events/calendar/2027/01/").content.decode()
    assert ">09:00 Transfer course</a>" in january


@pytest.mark.parametrize(
    "url",
    [
        "/events/calendar/2026/13/",
        "/events/calendar/2026/0/",
        "/events/calendar/2026/00/",
        "/events/calendar/abc/",
        "/events/calendar/2026/abc/",
        "/events/calendar/99999/1/",
        "/events/calendar/0000/01/",
        "/events/calendar/9999/12/",
        "/events/calendar/2026/",
    ],
)
def test_impossible_months_are_not_found(client, events_index, url):
    assert client.get(url).status_code == 404


def test_filters_by_category_staff_group_and_format(client, events_index):
    governance = EventCategoryFactory(name="Governance")
    education = EventCategoryFactory(name="Education")
    nurses = StaffGroup.objects.create(name="Critical care nurses", slug="critical-care-nurses")
    EventPageFactory(
        parent=events_index,
        title="Network board",
        start=soon(5),
        format=EventPage.ONLINE,
        relations__categories=[governance],
    )
    EventPageFactory(
        parent=events_index,
        title="Transfer training",
        start=soon(6),
        repeat=WEEKLY,
        repeat_count=3,
        relations__categories=[education],
        relations__staff_groups=[nurses],
    )

    def titles(query):
        html = client.get(f"/events/?{query}").content.decode()
        return {
            title for title in ("Network board", "Transfer training") if f">{title}</a>" in html
        }

    assert titles("") == {"Network board", "Transfer training"}
    assert titles("category=governance") == {"Network board"}
    assert titles("staff_group=critical-care-nurses") == {"Transfer training"}
    assert titles("format=online") == {"Network board"}
    assert titles("format=in_person&category=education") == {"Transfer training"}
    assert titles("format=hybrid") == set()
    # A weekly series shows each of its occurrences.
    html = client.get("/events/?category=education").content.decode()
    assert html.count(">Transfer training</a>") == 3


def test_unknown_filter_values_are_reported_not_fatal(client, events_index):
    EventPageFactory(parent=events_index, title="Network board", start=soon(5))
    response = client.get("/events/?category=nonsense&format=%3Cscript%3E")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some filters could not be applied" in html
    assert "<script>" not in html.split("</header>", 1)[-1].replace("<script>document", "")
    assert ">Network board</a>" in html
    for garbage in ("category=%00", "staff_group=%00&format=x", "category=a%20b&page=%00"):
        assert client.get(f"/events/?{garbage}").status_code == 200
        assert client.get(f"/events/calendar/2026/12/?{garbage}").status_code == 200


def test_empty_states_say_what_to_do_next(client, events_index):
    assert "There are no upcoming events yet" in client.get("/events/").content.decode()
    assert (
        "There have been no events in the past year" in client.get("/events/past/").content.decode()
    )
    assert (
        "There are no events in December 2030"
        in client.get("/events/calendar/2030/12/").content.decode()
    )
    EventCategoryFactory(name="Governance")
    assert (
        "No upcoming events match these filters"
        in client.get("/events/?category=governance").content.decode()
    )


def test_event_page_shows_status_plainly(client, events_index):
    event = EventPageFactory(
        parent=events_index,
        title="Cancelled review",
        start=london(2026, 3, 3, 10),
        end=london(2026, 3, 3, 12),
        status=EventPage.CANCELLED,
    )
    html = client.get(event.url).content.decode()
    assert "This event is cancelled" in html
    assert "Tuesday 3 March 2026, 10:00 to 12:00" in html
    listing = client.get("/events/calendar/2026/03/").content.decode()
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Cancelled</strong>' in listing


def _populate(events_index, count, categories, groups, start_index=0):
    base = soon(1)
    for number in range(start_index, start_index + count):
        options = {}
        if number % 2:
            options = {"repeat": WEEKLY, "repeat_count": 4}
        EventPageFactory(
            parent=events_index,
            title=f"Event {number}",
            start=base + timedelta(hours=number % 100),
            end=base + timedelta(hours=number % 100, minutes=30),
            relations__categories=categories,
            relations__staff_groups=groups,
            **options,
        )


def test_listings_run_a_fixed_number_of_queries(
    client, events_index, django_assert_max_num_queries, only_event_source
):
    categories = [EventCategoryFactory(name="Governance"), EventCategoryFactory(name="Education")]
    groups = [StaffGroup.objects.create(name="Paramedics", slug="paramedics")]
    first = base_month = to_local(soon(1)).date().replace(day=1)
    month_url = f"/events/calendar/{base_month.year}/{base_month.month:02d}/"
    urls = ["/events/", "/events/?page=2&category=governance", month_url, "/events/past/"]
    # Site chrome (site, menus, settings, breadcrumbs, the page's languages) plus 2 for
    # the filter choices, 4 for the events (pages, categories, staff groups, excluded dates)
    # and 1 for the access rule's one read of the restrictions per request.
    budget = 27
    _populate(events_index, 10, categories, groups)
    for url in urls:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
    _populate(events_index, 190, categories, groups, start_index=10)
    assert EventPage.objects.count() == 200
    for url in urls:
        with django_assert_max_num_queries(budget):
            response = client.get(url)
            assert response.status_code == 200
    assert first == date(first.year, first.month, 1)
