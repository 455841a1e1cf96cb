"""Staff group pages: the group's courses and calendar; members-only children for members only."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wagtail.models import Site

import pytest

from events.occurrences import occurrences_between
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory
from tests.pages.factories import StaffGroupPageFactory, TrainingCoursePageFactory, session_in

pytestmark = pytest.mark.django_db

SECRET_SUMMARY = "Damage control protocol and consultant rota"


@pytest.fixture
def surgeons_page(home_page, groups, training):
    section = SectionPageFactory(parent=home_page, title="Staff groups", slug="staff-groups")
    page = StaffGroupPageFactory(
        parent=section,
        title="Trauma Surgeons",
        staff_group=groups["trauma-surgeons"],
        introduction="Patients who have suffered a severe injury often need complex surgery.",
    )
    resources = ContentPageFactory(
        parent=page,
        title="Surgical resources",
        listing_summary=SECRET_SUMMARY,
        introduction=SECRET_SUMMARY,
    )
    restrict_to_members(resources)
    ContentPageFactory(parent=page, title="Referral guidance", listing_summary="How to refer")
    TrainingCoursePageFactory(
        parent=training,
        title="Definitive surgical trauma skills",
        staff_groups=[groups["trauma-surgeons"]],
        sessions=[session_in(30, venue="Surgical Skills Centre")],
    )
    TrainingCoursePageFactory(
        parent=training, title="Chest physiotherapy", staff_groups=[groups["physiotherapists"]]
    )
    return page


def test_lists_the_groups_courses_and_their_sessions_as_upcoming_events(client, surgeons_page):
    html = client.get("/staff-groups/trauma-surgeons/").content.decode()

    assert "Definitive surgical trauma skills" in html
    assert "Chest physiotherapy" not in html
    assert "Surgical Skills Centre" in html
    assert "Upcoming events" in html and 'nhsuk-tag--blue">Training' in html
    assert 'href="/training/?staff_group=trauma-surgeons&amp;format=remote"' in html


@pytest.mark.parametrize("login_as", [None, "outsider"])
def test_members_only_child_is_left_out_for_others(client, surgeons_page, login_as, request):
    """Nothing of a members-only child reaches anyone else: not its title, summary or link."""
    if login_as:
        client.force_login(request.getfixturevalue(login_as))
    html = client.get("/staff-groups/trauma-surgeons/").content.decode()

    assert "Surgical resources" not in html
    assert "/staff-groups/trauma-surgeons/surgical-resources/" not in html
    assert SECRET_SUMMARY not in html
    assert "How to refer" in html


def test_member_gets_a_normal_link_with_summary(client, surgeons_page, member):
    client.force_login(member)
    html = client.get("/staff-groups/trauma-surgeons/").content.decode()

    assert SECRET_SUMMARY in html
    assert "Members only" not in html


@pytest.mark.parametrize("login_as,sees", [(None, False), ("outsider", False), ("member", True)])
def test_members_only_course_is_listed_only_for_members(
    client, surgeons_page, training, groups, login_as, sees, request
):
    secret = TrainingCoursePageFactory(
        parent=training,
        title="Members-only theatre drill",
        staff_groups=[groups["trauma-surgeons"]],
        sessions=[session_in(10, venue="Theatre 4")],
    )
    restrict_to_members(secret)
    if login_as:
        client.force_login(request.getfixturevalue(login_as))
    html = client.get("/staff-groups/trauma-surgeons/").content.decode()

    assert ("Members-only theatre drill" in html) is sees
    assert ("Theatre 4" in html) is sees


def test_upcoming_events_come_from_the_calendar(surgeons_page, groups):
    now = timezone.now()
    found = occurrences_between(
        AnonymousUser(), now, now + timedelta(days=365), {"staff_group": "trauma-surgeons"}
    )
    assert [occurrence.title for occurrence in found] == ["Definitive surgical trauma skills"]


@pytest.mark.parametrize("count", [2, 30])
def test_query_budget_is_flat(
    client, surgeons_page, training, groups, count, django_assert_max_num_queries
):
    for number in range(count):
        TrainingCoursePageFactory(
            parent=training,
            title=f"Surgical course {number:02d}",
            staff_groups=[groups["trauma-surgeons"], groups["physiotherapists"]],
            sessions=[session_in(number + 1), session_in(number + 100)],
        )
        ContentPageFactory(parent=surgeons_page, title=f"Resource {number:02d}")
    # A running site has Wagtail's site root paths in its cache (the first request of
    # a process reads them once); warm it as every later request finds it.
    Site.get_site_root_paths()
    with django_assert_max_num_queries(32):
        response = client.get("/staff-groups/trauma-surgeons/")
    assert response.content.decode().count("Surgical course") >= count


def test_staff_group_page_api_inlines_the_snippet(client, surgeons_page):
    data = client.get("/api/v2/pages/?type=pages.StaffGroupPage&fields=staff_group").json()
    assert data["items"][0]["staff_group"] == {
        "id": surgeons_page.staff_group.pk,
        "name": "Trauma surgeons",
        "slug": "trauma-surgeons",
    }
