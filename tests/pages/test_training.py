"""Training & Education: the course listing, its filters, search, pages and privacy."""

import re

from django.core.exceptions import ValidationError

import pytest

from home.models import HomePage
from pages.models import (
    QualityImprovementIndexPage,
    SectionPage,
    StaffGroupPage,
    TrainingIndexPage,
    TrainingSession,
)
from tests.conftest import restrict_to_members
from tests.pages.factories import TrainingCoursePageFactory, session_in

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<h3 class="nhsuk-card__heading[^"]*"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def courses(training, groups):
    physio, surgeons = groups["physiotherapists"], groups["trauma-surgeons"]
    return {
        "webinar": TrainingCoursePageFactory(
            parent=training,
            title="Chest physiotherapy webinar",
            delivery_format="online",
            staff_groups=[physio],
            sessions=[session_in(20)],
        ),
        "elearning": TrainingCoursePageFactory(
            parent=training,
            title="Early mobilisation e-learning",
            delivery_format="e_learning",
            provider="e-Learning for Healthcare",
            staff_groups=[physio, groups["critical-care-nurses"]],
        ),
        "rehab": TrainingCoursePageFactory(
            parent=training,
            title="Spinal rehabilitation workshop",
            delivery_format="in_person",
            cost="paid",
            price="£180",
            staff_groups=[physio],
            sessions=[session_in(-10)],
        ),
        "dsts": TrainingCoursePageFactory(
            parent=training,
            title="Definitive surgical trauma skills",
            delivery_format="in_person",
            provider="Royal College of Surgeons",
            cost="paid",
            price="£1,250",
            staff_groups=[surgeons],
            sessions=[session_in(40, venue="Leeds")],
        ),
    }


def test_listing_shows_every_visible_course_with_counts(client, courses):
    html = client.get("/training/").content.decode()

    assert sorted(titles(html)) == sorted(course.title for course in courses.values())
    assert "4 courses" in html
    assert 'data-facet="staff_group" data-value="physiotherapists">Physiotherapists (3)' in html
    assert 'data-value="remote">Online or e-learning (2)' in html
    assert 'data-facet="cost" data-value="paid">Paid (2)' in html
    assert 'data-value="yes">Has upcoming dates (2)' in html


@pytest.mark.parametrize(
    "query,expected",
    [
        ("staff_group=physiotherapists", {"webinar", "elearning", "rehab"}),
        ("staff_group=physiotherapists&format=remote", {"webinar", "elearning"}),
        ("format=online", {"webinar"}),
        ("format=in_person&cost=paid", {"rehab", "dsts"}),
        ("cost=free", {"webinar", "elearning"}),
        ("provider=Royal+College+of+Surgeons", {"dsts"}),
        ("upcoming=yes", {"webinar", "dsts"}),
        ("upcoming=yes&staff_group=physiotherapists", {"webinar"}),
    ],
)
def test_filters_narrow_the_listing(client, courses, query, expected):
    html = client.get(f"/training/?{query}").content.decode()
    assert sorted(titles(html)) == sorted(courses[key].title for key in expected)


def test_counts_of_one_facet_take_the_other_filters_into_account(client, courses):
    html = client.get("/training/?staff_group=physiotherapists").content.decode()
    # Format counts among the physiotherapy courses; the staff group links keep the format.
    assert 'data-value="in_person">In person (1)' in html
    assert '<strong aria-current="true">Physiotherapists (3)</strong>' in html
    assert 'href="?staff_group=physiotherapists&amp;format=remote"' in html


@pytest.mark.parametrize(
    "query",
    [
        "staff_group=dentists",
        "format=carrier-pigeon",
        "cost=%00",
        "provider=Nobody",
        "upcoming=maybe",
        "page=abc",
        "page=-3",
        "page=99999",
        "staff_group=physiotherapists&staff_group=dentists",
        "q=" + "x" * 500,
        "format=%F0%9F%92%A9",
        "q=%00",
        "q=a%00b&staff_group=%00&provider=%00",
    ],
)
def test_garbage_is_ignored_never_a_server_error(client, courses, query):
    response = client.get(f"/training/?{query}")
    assert response.status_code == 200


def test_unknown_value_is_shown_as_not_applied(client, courses):
    html = client.get("/training/?format=carrier-pigeon&cost=free").content.decode()

    assert "The delivery format filter was not applied" in html
    assert "carrier-pigeon" in html
    assert sorted(titles(html)) == sorted([courses["webinar"].title, courses["elearning"].title])


def test_keyword_search_within_training(client, courses):
    html = client.get("/training/?q=mobilisation").content.decode()
    assert titles(html) == ["Early mobilisation e-learning"]
    # A filter link keeps the search.
    assert "q=mobilisation" in html


def test_search_combines_with_filters(client, courses):
    assert titles(client.get("/training/?q=surgical").content.decode()) == [
        "Definitive surgical trauma skills"
    ]
    html = client.get("/training/?q=surgical&format=online").content.decode()
    assert titles(html) == []
    assert "No courses match these filters" in html


def test_empty_state(client, training):
    html = client.get("/training/").content.decode()
    assert "0 courses" in html
    assert "No courses match these filters" in html


def test_pagination_keeps_the_filters(client, training, groups):
    for number in range(12):
        TrainingCoursePageFactory(
            parent=training,
            title=f"Physio course {number:02d}",
            staff_groups=[groups["physiotherapists"]],
        )
    first = client.get("/training/?staff_group=physiotherapists").content.decode()
    second = client.get("/training/?staff_group=physiotherapists&page=2").content.decode()
    beyond = client.get("/training/?staff_group=physiotherapists&page=7").content.decode()

    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert 'href="?staff_group=physiotherapists&amp;page=2"' in first
    assert "Page 2 of 2" in second
    assert titles(beyond) == titles(second)


@pytest.mark.parametrize("login_as,sees", [(None, False), ("outsider", False), ("member", True)])
def test_members_only_course_only_reaches_members(
    client, courses, training, groups, login_as, sees, request
):
    secret = TrainingCoursePageFactory(
        parent=training,
        title="Members-only major haemorrhage drill",
        delivery_format="online",
        staff_groups=[groups["physiotherapists"]],
    )
    restrict_to_members(secret)
    if login_as:
        client.force_login(request.getfixturevalue(login_as))

    listing = client.get("/training/?staff_group=physiotherapists").content.decode()
    search = client.get("/training/?q=haemorrhage").content.decode()

    assert ("Members-only major haemorrhage drill" in listing) is sees
    assert ("Members-only major haemorrhage drill" in search) is sees
    expected_count = 4 if sees else 3
    assert f"Physiotherapists ({expected_count})" in listing


@pytest.mark.parametrize("count", [5, 100])
def test_listing_query_budget_is_flat(
    client, training, groups, count, django_assert_max_num_queries
):
    physio = groups["physiotherapists"]
    for number in range(count):
        TrainingCoursePageFactory(
            parent=training,
            title=f"Course {number:03d}",
            provider=f"Provider {number % 7}",
            staff_groups=[physio, groups["trauma-surgeons"]],
            sessions=[session_in(number + 1), session_in(number + 60)],
        )
    # 33, and 1 for the access rule's one read of the restrictions per request.
    with django_assert_max_num_queries(34):
        response = client.get("/training/?staff_group=physiotherapists&upcoming=yes&q=course")
    assert response.status_code == 200
    assert len(titles(response.content.decode())) == min(count, 10)


def test_course_page_shows_details_sessions_and_booking(client, courses):
    course = courses["dsts"]
    course.cpd_points = 18
    course.accreditation = "RCS England"
    course.booking_url = "https://example.nhs.uk/book"
    course.save_revision().publish()

    html = client.get(course.url).content.decode()

    assert "Royal College of Surgeons" in html
    assert "Paid: £1,250" in html
    assert '<dd class="nhsuk-summary-list__value">18</dd>' in html
    assert "Leeds" in html
    assert 'href="https://example.nhs.uk/book"' in html and "Book a place" in html
    assert "Trauma surgeons" in html


def test_past_sessions_are_not_upcoming(client, courses):
    html = client.get(courses["rehab"].url).content.decode()
    assert "There are no upcoming dates for this course." in html


def test_session_must_end_after_it_starts(courses):
    start, _, venue = session_in(5)
    with pytest.raises(ValidationError):
        TrainingSession(page=courses["dsts"], start=start, end=start, venue=venue).full_clean()


def test_paid_course_needs_a_price(courses):
    course = courses["dsts"]
    course.price = ""
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "price" in error.value.message_dict


def test_page_tree_rules(home_page):
    assert TrainingIndexPage in HomePage.allowed_subpage_models()
    assert QualityImprovementIndexPage in HomePage.allowed_subpage_models()
    assert StaffGroupPage in SectionPage.allowed_subpage_models()
