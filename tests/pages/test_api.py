"""API v2 for courses, measures and staff group pages: filters, 400s, privacy, budgets."""

import pytest

from tests.conftest import restrict_to_members
from tests.pages.factories import (
    QualityMeasurePageFactory,
    TrainingCoursePageFactory,
    session_in,
)

pytestmark = pytest.mark.django_db

COURSES = "/api/v2/pages/?type=pages.TrainingCoursePage"
MEASURES = "/api/v2/pages/?type=pages.QualityMeasurePage"


@pytest.fixture
def courses(training, groups):
    physio = groups["physiotherapists"]
    return [
        TrainingCoursePageFactory(
            parent=training,
            title="Chest physiotherapy webinar",
            delivery_format="online",
            staff_groups=[physio],
            sessions=[session_in(20, venue="Online (Teams)")],
        ),
        TrainingCoursePageFactory(
            parent=training,
            title="Mobilisation e-learning",
            delivery_format="e_learning",
            staff_groups=[physio, groups["critical-care-nurses"]],
        ),
        TrainingCoursePageFactory(
            parent=training,
            title="Rehabilitation workshop",
            staff_groups=[physio],
        ),
        TrainingCoursePageFactory(
            parent=training, title="Trauma skills", staff_groups=[groups["trauma-surgeons"]]
        ),
    ]


@pytest.fixture
def measures(quality):
    return [
        QualityMeasurePageFactory(parent=quality, title="Return to theatre", domain="safety"),
        QualityMeasurePageFactory(
            parent=quality, title="Discharge at night", domain="safety", status="proposed"
        ),
        QualityMeasurePageFactory(parent=quality, title="CT in 60 minutes", domain="timeliness"),
    ]


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


@pytest.mark.parametrize(
    "query,expected",
    [
        ("&staff_groups=physiotherapists", 3),
        ("&staff_groups=physiotherapists&format=remote", 2),
        ("&format=online", 1),
        ("&format=in_person", 2),
        ("&staff_groups=trauma-surgeons&format=e_learning", 0),
    ],
)
def test_course_filters(client, courses, query, expected):
    assert len(titles(client.get(COURSES + query))) == expected


def test_course_fields_inline_staff_groups_and_sessions(client, courses, groups):
    data = client.get(f"{COURSES}&fields=*&format=online").json()
    (item,) = data["items"]

    assert item["staff_groups"] == [
        {
            "id": groups["physiotherapists"].pk,
            "name": "Physiotherapists",
            "slug": "physiotherapists",
        }
    ]
    assert item["delivery_format"] == "online" and item["cost"] == "free"
    assert item["sessions"][0]["venue"] == "Online (Teams)"
    assert item["sessions"][0]["start"].endswith("Z") or "+" in item["sessions"][0]["start"]


@pytest.mark.parametrize(
    "query,expected",
    [("&domain=safety", 2), ("&status=adopted", 2), ("&domain=safety&status=adopted", 1)],
)
def test_measure_filters(client, measures, query, expected):
    assert len(titles(client.get(MEASURES + query))) == expected


@pytest.mark.parametrize(
    "url,reason",
    [
        (f"{COURSES}&staff_groups=dentists", "staff_group"),
        (f"{COURSES}&staff_groups=", "staff_group"),
        (f"{COURSES}&staff_groups=%00", "staff_group"),
        (f"{COURSES}&staff_groups=../../etc", "staff_group"),
        (f"{MEASURES}&domain=%00", "domain"),
        (f"{COURSES}&format=carrier-pigeon", "format"),
        (f"{COURSES}&format=json", "format"),
        (f"{COURSES}&colour=blue", "colour"),
        (f"{MEASURES}&domain=fun", "domain"),
        (f"{MEASURES}&status=%27%3B--", "status"),
        (f"{MEASURES}&staff_group=physiotherapists", "staff_group"),
        ("/api/v2/pages/?type=pages.StaffGroupPage&staff_groups=nobody", "no staff group"),
        ("/api/v2/pages/?type=pages.StaffGroupPage&staff_groups=%00", "staff_groups"),
        (
            "/api/v2/pages/?type=pages.StaffGroupPage&staff_group=physiotherapists",
            "staff_group is now called staff_groups",
        ),
    ],
)
def test_bad_values_get_a_400_with_a_json_reason(client, courses, measures, url, reason):
    response = client.get(url)
    assert response.status_code == 400
    assert reason in response.json()["message"]


@pytest.mark.parametrize(
    "login_as,sees", [(None, False), ("outsider", False), ("member", True), ("office_user", True)]
)
def test_members_only_course_and_measure(
    client, courses, measures, members_group, office_group, login_as, sees, request
):
    restrict_to_members(courses[0], members_group, office_group)
    restrict_to_members(measures[0], members_group, office_group)
    if login_as:
        client.force_login(request.getfixturevalue(login_as))

    course_titles = titles(client.get(f"{COURSES}&staff_groups=physiotherapists&format=remote"))
    measure_titles = titles(client.get(f"{MEASURES}&domain=safety"))
    course_detail = client.get(f"/api/v2/pages/{courses[0].pk}/")

    assert ("Chest physiotherapy webinar" in course_titles) is sees
    assert ("Return to theatre" in measure_titles) is sees
    assert (course_detail.status_code == 200) is sees


@pytest.mark.parametrize("count", [5, 100])
def test_course_api_query_budget_is_flat(
    client, training, groups, count, django_assert_max_num_queries
):
    for number in range(count):
        TrainingCoursePageFactory(
            parent=training,
            delivery_format="online",
            staff_groups=[groups["physiotherapists"], groups["trauma-surgeons"]],
            sessions=[session_in(number + 1), session_in(number + 30)],
        )
    # 12, and 1 for the access rule's one read of the restrictions per request.
    with django_assert_max_num_queries(13):
        response = client.get(
            f"{COURSES}&fields=*&staff_groups=physiotherapists&format=remote&limit=50"
        )
    assert len(response.json()["items"]) == min(count, 50)


@pytest.mark.parametrize("count", [5, 100])
def test_measure_api_query_budget_is_flat(client, quality, count, django_assert_max_num_queries):
    for _ in range(count):
        QualityMeasurePageFactory(parent=quality)
    with django_assert_max_num_queries(10):
        response = client.get(f"{MEASURES}&fields=*&domain=safety&status=adopted&limit=50")
    assert len(response.json()["items"]) == min(count, 50)


def test_index_pages_are_in_the_api(client, training, quality):
    data = client.get("/api/v2/pages/?type=pages.TrainingIndexPage&fields=introduction").json()
    assert data["items"][0]["introduction"] == training.introduction
    data = client.get(
        "/api/v2/pages/?type=pages.QualityImprovementIndexPage&fields=introduction"
    ).json()
    assert data["items"][0]["introduction"] == quality.introduction
