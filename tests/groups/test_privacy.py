"""Group papers, surface by surface: the group member reads them; another network
member and an anonymous visitor see the meeting's title and date, never the papers."""

from django.contrib.auth.models import AnonymousUser

from wagtail.models import APIToken

import pytest
from icalendar import Calendar

from core.access import can_view_page, visible_pages
from events.models import PersonalFeedToken
from events.recurrence import to_local
from groups.models import MeetingPapersPage
from tests.groups.conftest import ACTION, MEETING, MINUTES

pytestmark = pytest.mark.django_db


def _people(group_member, other_member, office_user):
    return [
        ("anonymous", None, False),
        ("other member", other_member, False),
        ("group member", group_member, True),
        ("office", office_user, True),
    ]


def _as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def test_papers_are_restricted_to_the_group_and_the_office(meeting, group):
    _, papers = meeting
    restriction = papers.view_restrictions.get()
    assert restriction.restriction_type == restriction.GROUPS
    assert {g.name for g in restriction.groups.all()} == {
        group.members_group.name,
        "Network office",
    }


def test_access_rule(meeting, group_member, other_member, office_user):
    _, papers = meeting
    assert can_view_page(group_member, papers)
    assert can_view_page(office_user, papers)
    assert not can_view_page(other_member, papers)
    assert not can_view_page(AnonymousUser(), papers)


def test_papers_page_html(client, meeting, group_member, other_member, office_user):
    _, papers = meeting
    for who, user, reads in _people(group_member, other_member, office_user):
        response = _as(client, user).get(papers.url)
        html = response.content.decode()
        assert (MINUTES in html) is reads, who
        assert (ACTION in html) is reads, who
        assert response.status_code == (200 if reads else 403), who
    response = _as(client, other_member).get(papers.url)
    assert "for the group" in response.content.decode()


def test_meeting_and_group_pages_show_the_meeting_not_the_papers(
    client, meeting, group, group_member, other_member, office_user
):
    meeting_page, papers = meeting
    for who, user, reads in _people(group_member, other_member, office_user):
        browser = _as(client, user)
        for url in (meeting_page.url, group.url, "/groups/"):
            html = browser.get(url).content.decode()
            assert MINUTES not in html and ACTION not in html, (who, url)
        for url in (meeting_page.url, group.url):
            html = browser.get(url).content.decode()
            assert MEETING in html, (who, url)
            assert (f'href="{papers.url}"' in html) is reads, (who, url)


def test_calendar_lists_the_meeting_for_everyone(
    client, meeting, group_member, other_member, office_user
):
    meeting_page, papers = meeting
    month = to_local(meeting_page.start)
    for who, user, _ in _people(group_member, other_member, office_user):
        browser = _as(client, user)
        for url in ("/events/", f"/events/calendar/{month.year}/{month.month:02d}/"):
            html = browser.get(url).content.decode()
            assert MEETING in html, (who, url)
            assert MINUTES not in html and papers.url not in html, (who, url)


def test_feeds_carry_the_meeting_never_the_papers(
    client, meeting, group_member, other_member, office_user
):
    meeting_page, _ = meeting
    for who, user, _ in _people(group_member, other_member, office_user):
        browser = _as(client, user)
        urls = ["/feeds/calendar.ics", f"/feeds/events/{meeting_page.pk}.ics"]
        if user is not None:
            token, _ = PersonalFeedToken.objects.get_or_create(user=user)
            urls.append(f"/feeds/personal/{token.token}.ics")
        for url in urls:
            response = browser.get(url)
            assert response.status_code == 200, (who, url)
            calendar = Calendar.from_ical(response.content)
            summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
            assert MEETING in summaries, (who, url)
            assert MINUTES not in response.content.decode(), (who, url)


def test_search_and_sitemap(client, meeting, group_member, other_member, office_user):
    _, papers = meeting
    for who, user, reads in _people(group_member, other_member, office_user):
        assert (papers in visible_pages(user, MeetingPapersPage.objects.all())) is reads, who
        browser = _as(client, user)
        html = browser.get("/search/", {"q": "Rehabilitation prescription"}).content.decode()
        assert (papers.url in html) is reads, who
    sitemap = _as(client, None).get("/sitemap-pages.xml").content.decode()
    assert papers.full_url not in sitemap


def test_api(client, meeting, group_member, other_member, office_user):
    meeting_page, papers = meeting
    for who, user, reads in _people(group_member, other_member, office_user):
        client.logout()
        headers = {}
        if user is not None:
            _, plaintext = APIToken.create_token(user=user, name=f"Intranet of {who}")
            headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
        listing = client.get(
            "/api/v2/pages/", {"type": "groups.MeetingPapersPage", "fields": "minutes"}, **headers
        )
        assert listing.status_code == 200
        assert (listing.json()["meta"]["total_count"] == 1) is reads, who
        assert (MINUTES in listing.content.decode()) is reads, who
        detail = client.get(f"/api/v2/pages/{papers.pk}/", **headers)
        assert (detail.status_code == 200) is reads, who
        assert MINUTES not in detail.content.decode() or reads, who
        meeting_json = client.get(f"/api/v2/pages/{meeting_page.pk}/", **headers)
        assert meeting_json.status_code == 200
        assert meeting_json.json()["network_group"]["title"] == "Clinical governance group"


def test_paper_documents(client, meeting, group, group_member, other_member, office_user):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from groups.models import MeetingPaper

    _, papers = meeting
    document = get_document_model()(
        title="Transfer exceptions report", collection=group.papers_collection
    )
    document.file.save("transfer-exceptions.txt", ContentFile(b"Exceptions: 14 transfers."))
    MeetingPaper.objects.create(page=papers, document=document, item="4")
    for who, user, reads in _people(group_member, other_member, office_user):
        browser = _as(client, user)
        response = browser.get(document.url)
        assert (response.status_code == 200) is reads, who
        if reads:
            assert b"14 transfers" in b"".join(response.streaming_content)
        html = browser.get(papers.url).content.decode()
        assert ("Transfer exceptions report" in html) is reads, who
