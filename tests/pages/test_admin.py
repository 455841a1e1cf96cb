"""Editors create courses, measures and staff group pages in the Wagtail admin."""

import pytest

from pages.models import TrainingCoursePage
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


def test_add_forms_render_for_each_page_type(editor_client, home_page, training, quality, groups):
    section = SectionPageFactory(parent=home_page, title="Staff groups")
    for model, parent in [
        ("trainingcoursepage", training),
        ("qualitymeasurepage", quality),
        ("staffgrouppage", section),
    ]:
        response = editor_client.get(f"/admin/pages/add/pages/{model}/{parent.pk}/")
        assert response.status_code == 200, model


def test_course_with_sessions_is_created_from_the_admin_form(editor_client, training, groups):
    form = {
        "title": "Tracheostomy care",
        "slug": "tracheostomy-care",
        "summary": "Caring for patients with a tracheostomy.",
        "staff_groups": [groups["physiotherapists"].pk],
        "delivery_format": "online",
        "provider": "Network Education Team",
        "cost": "free",
        "status": "open",
        "body-count": "0",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-start": "2030-03-01 09:00",
        "sessions-0-end": "2030-03-01 12:00",
        "sessions-0-venue": "Online (Teams)",
        "sessions-0-ORDER": "1",
        "sessions-0-DELETE": "",
        "action-publish": "publish",
    }
    response = editor_client.post(f"/admin/pages/add/pages/trainingcoursepage/{training.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    course = TrainingCoursePage.objects.get(slug="tracheostomy-care")
    assert course.live
    (session,) = course.sessions.all()
    assert session.start.tzinfo is not None and session.venue == "Online (Teams)"
    assert list(course.staff_groups.values_list("slug", flat=True)) == ["physiotherapists"]


def test_admin_form_refuses_a_session_ending_before_it_starts(editor_client, training, groups):
    form = {
        "title": "Backwards course",
        "slug": "backwards",
        "summary": "x",
        "delivery_format": "online",
        "provider": "Network",
        "cost": "free",
        "status": "open",
        "body-count": "0",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-start": "2030-03-01 12:00",
        "sessions-0-end": "2030-03-01 09:00",
        "sessions-0-venue": "Leeds",
        "sessions-0-ORDER": "1",
        "sessions-0-DELETE": "",
        "action-publish": "publish",
    }
    response = editor_client.post(f"/admin/pages/add/pages/trainingcoursepage/{training.pk}/", form)
    assert response.status_code == 200
    assert "A session must end after it starts." in response.content.decode()
    assert not TrainingCoursePage.objects.filter(slug="backwards").exists()
