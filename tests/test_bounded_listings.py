"""Feeds, the events list and the sitemap are bounded by what they show, not by the archive."""

from datetime import timedelta

from django.utils import timezone

import pytest
from icalendar import Calendar

from events import calendar as events_calendar
from membership.sitemap import PublicSitemap
from tests.conftest import restrict_to_members
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


def feed_titles(response):
    assert response.status_code == 200
    return {str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def at(days, hour=10):
    return (timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


# --- The calendar feed's window ---------------------------------------------------------


def test_feed_covers_three_months_back_and_twelve_ahead(client, events_index):
    for title, days in [
        ("Board, 4 months ago", -122),
        ("Board, 2 months ago", -60),
        ("Board, 11 months ahead", 335),
        ("Board, 13 months ahead", 396),
    ]:
        EventPageFactory(parent=events_index, title=title, start=at(days), end=at(days, 12))
    titles = feed_titles(client.get("/feeds/calendar.ics"))
    assert titles == {"Board, 2 months ago", "Board, 11 months ahead"}


def test_series_is_in_the_feed_only_when_a_date_falls_in_the_window(client, events_index):
    EventPageFactory(
        parent=events_index,
        title="Weekly huddle ended last year",
        start=at(-500),
        end=at(-500, 11),
        repeat="weekly",
        repeat_count=10,
    )
    EventPageFactory(
        parent=events_index,
        title="Weekly huddle reaching into the window",
        start=at(-150),
        end=at(-150, 11),
        repeat="weekly",
        repeat_count=30,  # its last dates fall inside the last three months
    )
    titles = feed_titles(client.get("/feeds/calendar.ics"))
    assert titles == {"Weekly huddle reaching into the window"}


def test_feed_is_cached_per_audience_and_replaced_on_publish(
    client, events_index, member, members_group, settings
):
    settings.ANONYMOUS_CACHE_SECONDS = 300
    public = EventPageFactory(parent=events_index, title="Governance board", start=at(5))
    secret = EventPageFactory(parent=events_index, title="Incident review", start=at(6))
    restrict_to_members(secret, members_group)

    client.force_login(member)
    assert feed_titles(client.get("/feeds/calendar.ics")) == {"Governance board", "Incident review"}
    client.logout()
    client.cookies.clear()
    # The member's copy is never handed to anyone else, and vice versa.
    assert feed_titles(client.get("/feeds/calendar.ics")) == {"Governance board"}
    client.force_login(member)
    assert "Incident review" in feed_titles(client.get("/feeds/calendar.ics"))
    client.logout()
    client.cookies.clear()

    public.title = "Network governance board"
    public.save_revision().publish()
    assert feed_titles(client.get("/feeds/calendar.ics")) == {"Network governance board"}


@pytest.mark.parametrize("size", [10, 60])
def test_feed_query_count_is_flat(client, events_index, size, django_assert_max_num_queries):
    for number in range(size):
        EventPageFactory(parent=events_index, title=f"Study day {number}", start=at(number + 1))
    with django_assert_max_num_queries(12):
        assert len(feed_titles(client.get("/feeds/calendar.ics"))) == size


# --- The events list --------------------------------------------------------------------


@pytest.fixture
def counted_windows(monkeypatch):
    """Record how many occurrences each call of the calendar's sources built."""
    built = []
    real = events_calendar.occurrences_between

    def counting(user, start, end, filters=None, locale_id=None):
        found = real(user, start, end, filters, locale_id)
        built.append((end - start, len(found)))
        return found

    monkeypatch.setattr(events_calendar, "occurrences_between", counting)
    return built


def test_events_list_expands_only_the_nearest_dates(client, events_index, counted_windows):
    # A daily-ish archive: two events a day for the coming year, and a weekly series.
    for day in range(1, 365, 3):
        EventPageFactory(parent=events_index, title=f"Ward round {day}", start=at(day))
    EventPageFactory(
        parent=events_index,
        title="Weekly transfer huddle",
        start=at(1, 8),
        end=at(1, 9),
        repeat="weekly",
        repeat_count=52,
    )
    response = client.get("/events/")
    assert response.status_code == 200
    assert response.content.decode().count('class="nhsuk-list"') >= 1
    assert 'page=2"' in response.content.decode()
    window, built = counted_windows[0]
    assert window <= events_calendar.FIRST_WINDOW
    assert built < 30  # not the ~170 dates of the coming year
    assert len(counted_windows) == 1


def test_events_list_pages_agree_with_the_whole_year(client, events_index, member):
    for day in range(1, 200, 4):
        EventPageFactory(parent=events_index, title=f"Session {day:03d}", start=at(day))
    whole = events_calendar.upcoming_occurrences(member, {})
    for number in (1, 2, 5):
        page = events_calendar.listing_page(member, {}, number)
        expected = whole[(number - 1) * 10 : number * 10]
        assert [item.page.pk for item in page.object_list] == [item.page.pk for item in expected]
        assert page.has_next == (len(whole) > number * 10)
    past_whole = events_calendar.past_occurrences(member, {})
    assert events_calendar.listing_page(member, {}, 1, past=True).object_list == past_whole[:10]


# --- The sitemap ------------------------------------------------------------------------


@pytest.fixture
def small_sitemaps(monkeypatch):
    monkeypatch.setattr(PublicSitemap, "limit", 5)


@pytest.mark.parametrize("size", [12, 40])
def test_sitemap_index_beyond_one_sitemap(
    client, home_page, members_group, small_sitemaps, size, django_assert_max_num_queries
):
    area = SectionPageFactory(parent=home_page, title="Members area", slug="members")
    restrict_to_members(area, members_group)
    for number in range(size):
        ContentPageFactory(parent=home_page, title=f"Report {number}", slug=f"report-{number}")
        ContentPageFactory(parent=area, title=f"Draft {number}", slug=f"draft-{number}")
    # Measured 10 at both sizes: the count, the site and the access rule's reads of the
    # restrictions, whatever the number of pages.
    with django_assert_max_num_queries(10):
        index = client.get("/sitemap.xml")
    xml = index.content.decode()
    assert "<sitemapindex" in xml
    pages = (size + 1 + 4) // 5  # the home page and the public reports, 5 to a sitemap
    assert xml.count("<sitemap>") == pages
    assert f"http://testserver/sitemap-pages.xml?p={pages}" in xml
    seen = []
    for number in range(1, pages + 1):
        with django_assert_max_num_queries(12):
            part = client.get(f"/sitemap-pages.xml?p={number}").content.decode()
        assert part.count("<loc>") <= 5
        seen += part.split("<loc>")[1:]
    assert len(seen) == size + 1
    assert not any("/members/" in loc for loc in seen)
    assert client.get(f"/sitemap-pages.xml?p={pages + 1}").status_code == 404


def test_small_site_keeps_one_sitemap(client, home_page):
    ContentPageFactory(parent=home_page, title="About", slug="about")
    xml = client.get("/sitemap.xml").content.decode()
    assert "<urlset" in xml and "http://testserver/about/" in xml


def test_sitemap_is_public_and_stored(client, home_page, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 300
    ContentPageFactory(parent=home_page, title="About", slug="about")
    first = client.get("/sitemap.xml")
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    assert client.get("/sitemap.xml")["X-Cache"] == "hit"
