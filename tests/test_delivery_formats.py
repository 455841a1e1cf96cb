"""One delivery-format vocabulary and one name for the staff-group link.

Events and courses choose their format from ``core.formats.DeliveryFormat``, so the
calendar's "In person" filter finds in-person courses; the link to staff groups is
``staff_groups`` on every page type in the API, and the old ``audience`` is refused
with a reason naming the new parameter.
"""

import pytest

from core.formats import LEGACY_COURSE_FORMATS, DeliveryFormat, format_values
from core.models import StaffGroup
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.pages.factories import TrainingCoursePageFactory, TrainingIndexPageFactory, session_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_page):
    surgeons = StaffGroup.objects.create(name="Trauma surgeons", slug="trauma-surgeons")
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(
        parent=events,
        title="Trauma team training",
        format=DeliveryFormat.IN_PERSON,
        relations__staff_groups=[surgeons],
    )
    EventPageFactory(parent=events, title="Network board online", format=DeliveryFormat.ONLINE)
    courses = TrainingIndexPageFactory(parent=home_page)
    TrainingCoursePageFactory(
        parent=courses,
        title="Major trauma skills day",
        delivery_format=DeliveryFormat.IN_PERSON,
        sessions=[session_in(9, venue="Leeds General Infirmary")],
    )
    TrainingCoursePageFactory(
        parent=courses,
        title="Trauma imaging e-learning",
        delivery_format=DeliveryFormat.E_LEARNING,
        sessions=[session_in(12)],
    )
    return events


def test_a_face_to_face_course_session_is_under_the_calendars_in_person_filter(client, calendar):
    html = client.get("/events/?format=in_person").content.decode()
    assert ">Major trauma skills day</a>" in html
    assert ">Trauma team training</a>" in html
    assert "Network board online" not in html and "Trauma imaging e-learning" not in html

    html = client.get("/events/?format=e_learning").content.decode()
    assert ">Trauma imaging e-learning</a>" in html and "Major trauma skills day" not in html


def test_the_calendar_filter_offers_every_format_with_the_shared_labels(client, calendar):
    html = client.get("/events/").content.decode()
    for value, label in DeliveryFormat.choices:
        assert f'<option value="{value}">{label}</option>' in html


def test_the_staff_group_filter_of_the_site_is_staff_group(client, calendar):
    html = client.get("/events/?staff_group=trauma-surgeons").content.decode()
    assert ">Trauma team training</a>" in html and "Network board online" not in html


def test_the_api_filters_events_by_staff_groups_and_refuses_audience(client, calendar):
    events = "/api/v2/pages/?type=events.EventPage"
    response = client.get(f"{events}&staff_groups=trauma-surgeons&fields=staff_groups")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Trauma team training"]
    assert items[0]["staff_groups"][0]["slug"] == "trauma-surgeons"

    response = client.get(f"{events}&audience=trauma-surgeons")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "staff_groups" in response.json()["message"]
    assert response.json()["message"].startswith("audience is now called staff_groups")


def test_the_api_filters_courses_by_staff_groups_and_names_it_for_staff_group(client, calendar):
    courses = "/api/v2/pages/?type=pages.TrainingCoursePage"
    response = client.get(f"{courses}&staff_group=trauma-surgeons")
    assert response.status_code == 400
    assert response.json()["message"].startswith("staff_group is now called staff_groups")


def test_every_legacy_course_format_maps_into_the_vocabulary():
    assert set(LEGACY_COURSE_FORMATS.values()) == set(DeliveryFormat.values)
    assert format_values("remote") == ["online", "e_learning"]
    assert format_values("face-to-face") == []
