"""Members-only events, surface by surface, for an anonymous visitor, an outsider and a member."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest
from icalendar import Calendar

from events.models import PersonalFeedToken
from events.recurrence import to_local
from tests.conftest import restrict_to_members
from tests.events.factories import EventCategoryFactory, EventPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Serious incident review (members)"
PUBLIC = "Network governance board"


@pytest.fixture
def events(events_index, members_group, office_group):
    category = EventCategoryFactory(name="Audit and review", slug="audit")
    start = timezone.now() + timedelta(days=3)
    public = EventPageFactory(
        parent=events_index, title=PUBLIC, start=start, relations__categories=[category]
    )
    secret = EventPageFactory(
        parent=events_index,
        title=SECRET,
        start=start + timedelta(hours=3),
        relations__categories=[category],
    )
    restrict_to_members(secret, members_group, office_group)
    return public, secret


def _client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _people(outsider, member, office_user):
    return [(None, False), (outsider, False), (member, True), (office_user, True)]


def _feed_titles(response):
    assert response.status_code == 200
    return {str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def test_html_listings(client, events, outsider, member, office_user):
    month = to_local(events[1].start)
    for user, sees in _people(outsider, member, office_user):
        client.logout()
        browser = _client_for(client, user)
        for url in (
            "/events/",
            "/events/?category=audit",
            f"/events/calendar/{month.year}/{month.month:02d}/",
        ):
            html = browser.get(url).content.decode()
            assert PUBLIC in html, url
            assert (SECRET in html) is sees, (user, url)


def test_event_page_and_its_ics(client, events, outsider, member, office_user):
    public, secret = events
    for user, sees in _people(outsider, member, office_user):
        client.logout()
        browser = _client_for(client, user)
        assert browser.get(public.url).status_code == 200
        assert browser.get(f"/feeds/events/{public.pk}.ics").status_code == 200
        page = browser.get(secret.url)
        ics = browser.get(f"/feeds/events/{secret.pk}.ics")
        if sees:
            assert page.status_code == 200 and SECRET in page.content.decode()
            assert _feed_titles(ics) == {SECRET}
        else:
            assert page.status_code in (302, 403) and SECRET not in page.content.decode()
            assert ics.status_code == 404


def test_feeds(client, events, outsider, member, office_user):
    for user, sees in _people(outsider, member, office_user):
        client.logout()
        browser = _client_for(client, user)
        for url in ("/feeds/calendar.ics", "/feeds/category/audit.ics"):
            titles = _feed_titles(browser.get(url))
            assert PUBLIC in titles
            assert (SECRET in titles) is sees, (user, url)


def test_api_list_and_detail(client, events, outsider, member, office_user):
    public, secret = events
    for user, sees in _people(outsider, member, office_user):
        client.logout()
        browser = _client_for(client, user)
        for query in ("", "&upcoming=true", "&category=audit"):
            listing = browser.get(f"/api/v2/pages/?type=events.EventPage{query}").json()
            titles = {item["title"] for item in listing["items"]}
            assert PUBLIC in titles
            assert (SECRET in titles) is sees, (user, query)
        assert (browser.get(f"/api/v2/pages/{secret.pk}/").status_code == 200) is sees


def _feed_url(browser):
    html = browser.get("/events/calendar/my-feed/").content.decode()
    start = html.index("http://testserver/feeds/personal/")
    return html[start : html.index('"', start)].replace("http://testserver", "")


def test_personal_feed_follows_its_owner(client, events, outsider, member):
    anonymous_page = client.get("/events/calendar/my-feed/")
    assert anonymous_page.status_code == 302 and "/accounts/login/" in anonymous_page["Location"]

    client.force_login(member)
    member_feed = _feed_url(client)
    client.force_login(outsider)
    outsider_feed = _feed_url(client)
    client.logout()

    # Calendar apps fetch without a session: the token alone decides.
    response = client.get(member_feed)
    assert "private" in response["Cache-Control"]
    assert _feed_titles(response) == {PUBLIC, SECRET}
    assert _feed_titles(client.get(outsider_feed)) == {PUBLIC}
    assert client.get("/feeds/personal/" + "x" * 43 + ".ics").status_code == 404

    member.is_active = False
    member.save()
    assert _feed_titles(client.get(member_feed)) == {PUBLIC}


def test_resetting_the_personal_feed_revokes_the_old_address(client, events, member):
    client.force_login(member)
    old = _feed_url(client)
    assert _feed_url(client) == old  # stable until reset
    response = client.post("/events/calendar/my-feed/")
    assert response.status_code == 302
    new = _feed_url(client)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert _feed_titles(client.get(new)) == {PUBLIC, SECRET}
    assert PersonalFeedToken.objects.filter(user=member).count() == 1


def test_the_calendar_source_itself(events, outsider, member):
    from events.occurrences import occurrences_between

    now = timezone.now()
    for user, sees in [(AnonymousUser(), False), (outsider, False), (member, True)]:
        titles = {item.title for item in occurrences_between(user, now, now + timedelta(days=30))}
        assert PUBLIC in titles
        assert (SECRET in titles) is sees
