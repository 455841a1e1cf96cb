"""Input at the edges: each example that was a server error, with the answer it gets now.

Filters by slug on many-to-many links, dates at the ends of the calendar, search text
that is punctuation or NUL, JSON nested too deep, and JSON errors under the API.
"""

import json

import pytest

from core.models import StaffGroup
from core.search import search_terms
from tests.events.factories import EventCategoryFactory, EventIndexPageFactory, EventPageFactory
from tests.pages.factories import TrainingCoursePageFactory, TrainingIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(home_page):
    surgeons = StaffGroup.objects.create(name="Trauma surgeons", slug="trauma-surgeons")
    nurses = StaffGroup.objects.create(name="Critical care nurses", slug="critical-care-nurses")
    training = EventCategoryFactory(name="Training", slug="training")
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(
        parent=events,
        title="Trauma team training",
        relations__staff_groups=[surgeons],
        relations__categories=[training],
    )
    EventPageFactory(parent=events, title="Nursing forum", relations__staff_groups=[nurses])
    courses = TrainingIndexPageFactory(parent=home_page)
    TrainingCoursePageFactory(parent=courses, title="ATLS", staff_groups=[surgeons])
    return {"surgeons": surgeons, "nurses": nurses}


def titles(response):
    assert response.status_code == 200, response.content[:300]
    return sorted(item["title"] for item in response.json()["items"])


def test_many_to_many_filters_take_slugs(client, linked):
    events = "/api/v2/pages/?type=events.EventPage"
    assert titles(client.get(f"{events}&staff_groups=trauma-surgeons")) == ["Trauma team training"]
    assert titles(client.get(f"{events}&categories=training")) == ["Trauma team training"]
    assert titles(client.get(f"{events}&staff_groups=trauma-surgeons,critical-care-nurses")) == [
        "Nursing forum",
        "Trauma team training",
    ]
    courses = "/api/v2/pages/?type=pages.TrainingCoursePage"
    assert titles(client.get(f"{courses}&staff_groups=trauma-surgeons")) == ["ATLS"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "type=pages.TrainingCoursePage&staff_groups=abc",
            "staff_groups: no staff group has the slug 'abc'",
        ),
        (
            "type=events.EventPage&staff_groups=nobody",
            "staff_groups: no staff group has the slug 'nobody'",
        ),
        (
            "type=events.EventPage&categories=training,x%20y",
            "categories: no event category has the slug 'x y'",
        ),
        ("type=events.EventPage&categories=,", "categories takes one or more"),
    ],
)
def test_unknown_slugs_are_a_400_with_a_reason(client, linked, query, message):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith(message)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
@pytest.mark.parametrize("name", ["start_after", "start_before"])
def test_dates_at_the_ends_of_the_calendar_are_a_400(client, home_page, name, day):
    response = client.get(f"/api/v2/pages/?type=events.EventPage&{name}={day}")
    assert response.status_code == 400
    assert response.json() == {
        "message": f"{name} must be between 1900-01-01 and 9998-12-31",
    }


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "0001-01-01"])
def test_datetime_field_filters_at_the_ends_of_the_calendar_are_a_400(client, home_page, value):
    for query in ("first_published_at", "type=events.EventPage&start"):
        response = client.get(f"/api/v2/pages/?{query}={value}")
        assert response.status_code == 400, (query, value)
        assert "between the years 1900 and 9998" in response.json()["message"]


def test_year_1900_is_answered(client, home_page):
    response = client.get("/api/v2/pages/?type=events.EventPage&start_after=1900-01-01")
    assert response.status_code == 200


def test_search_terms_keep_words_only():
    assert search_terms("'\"<>") == ""
    assert search_terms(" ") == ""
    assert search_terms("\x00") == ""
    assert search_terms('trauma "team" -training*') == "trauma team training"
    assert search_terms("Gofal critigol ŵyr") == "Gofal critigol ŵyr"
    assert len(search_terms("a" * 10_000)) == 200


@pytest.mark.parametrize("text", ["%00", "%20", "'%22<>", "%22", "a%22b", "NEAR(", "*", "-x"])
def test_search_text_is_never_a_server_error(client, home_page, text):
    TrainingIndexPageFactory(parent=home_page)
    for url in (f"/search/?q={text}", f"/training/?q={text}"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/?search={text}")
        # NUL is refused with a reason; everything else is searched for its words.
        assert response.status_code == (400 if text == "%00" else 200), (endpoint, text)
        assert response["Content-Type"] == "application/json"


def test_search_for_punctuation_finds_nothing_and_words_still_match(client, home_page):
    assert client.get("/api/v2/pages/?search='%22<>").json()["items"] == []
    found = client.get("/api/v2/pages/?search=%22Test%20network%22").json()["items"]
    assert [item["title"] for item in found] == ["Test network"]


def test_deeply_nested_json_is_a_400(client, home_page):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/membership/api/requests/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"message": "The request body is not valid JSON."}


def test_lone_surrogates_in_json_are_a_400(client, home_page):
    response = client.post(
        "/membership/api/requests/",
        data='{"full_name": "\\ud800"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"message": "The request body is not valid JSON."}


@pytest.mark.parametrize("url", ["/api/v2/nothing/", "/api/v3/", "/membership/api/nothing/"])
def test_api_addresses_answer_json_even_when_nothing_matches(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"message": "not found"}


def test_other_addresses_keep_the_html_error_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
