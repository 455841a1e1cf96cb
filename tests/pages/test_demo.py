"""The demo network's Training & Education, Quality Improvement and staff group pages."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

import pytest

from demo.membership import DEMO_MEMBER
from home.models import HomePage
from pages.models import (
    QualityImprovementIndexPage,
    QualityMeasurePage,
    StaffGroupPage,
    TrainingCoursePage,
    TrainingIndexPage,
    TrainingSession,
)

pytestmark = pytest.mark.django_db


def test_sections_are_in_the_menu_and_on_the_home_page(client, demo):
    training = TrainingIndexPage.objects.get(slug="training")
    quality = QualityImprovementIndexPage.objects.get(slug="quality-improvement")
    home = HomePage.objects.get(locale__language_code="en-gb")

    assert training.title == "Training & Education" and training.show_in_menus
    assert quality.title == "Quality Improvement" and quality.show_in_menus
    assert training.introduction.startswith("This section contains details of existing training")
    assert quality.introduction.startswith("Quality measures aim to find the most appropriate")
    targets = set(home.section_cards.values_list("target_id", flat=True))
    assert {training.pk, quality.pk} <= targets
    html = client.get("/").content.decode()
    assert 'href="/training/"' in html and 'href="/quality-improvement/"' in html


def test_courses_span_staff_groups_and_formats_with_sessions_ahead(demo):
    courses = TrainingCoursePage.objects.live()
    now = timezone.now()

    assert courses.count() >= 8
    assert set(courses.values_list("delivery_format", flat=True)) == {
        "in_person",
        "online",
        "e_learning",
        "hybrid",
    }
    assert courses.values("staff_groups").distinct().count() >= 6
    upcoming = TrainingSession.objects.filter(start__gt=now, start__lt=now + timedelta(days=180))
    assert upcoming.values("page").distinct().count() >= 6
    online_physio = courses.filter(
        staff_groups__slug="physiotherapists", delivery_format__in=["online", "e_learning"]
    )
    assert online_physio.count() >= 2


def test_measures_span_domains_and_statuses(demo):
    measures = QualityMeasurePage.objects.live()
    assert measures.count() >= 6
    assert set(measures.values_list("domain", flat=True)) == {
        "safety",
        "effectiveness",
        "patient-experience",
        "timeliness",
    }
    assert len(set(measures.values_list("status", flat=True))) == 4
    assert measures.filter(domain="safety", status="adopted").exists()
    assert measures.filter(review_date__lt=timezone.localdate()).exists()


def test_staff_group_pages_and_the_members_only_resources(client, demo):
    slugs = set(StaffGroupPage.objects.values_list("slug", flat=True))
    assert {
        "trauma-surgeons",
        "physiotherapists",
        "occupational-therapists",
        "speech-and-language-therapists",
        "critical-care-nurses",
    } <= slugs
    resources = Page.objects.get(slug="surgical-resources")
    restriction = PageViewRestriction.objects.get(page=resources)
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Network members",
        "Network office",
    }

    html = client.get("/staff-groups/trauma-surgeons/").content.decode()
    assert "Patients who have suffered a severe injury often need complex reconstruction" in html
    assert "Surgical resources" not in html  # not even its title, for outsiders (docs/privacy.md)
    assert "Resources for network surgeons" in html and "Members only" in html  # its teaser
    client.force_login(get_user_model().objects.get(email=DEMO_MEMBER))
    member_html = client.get("/staff-groups/trauma-surgeons/").content.decode()
    assert "Surgical resources" in member_html
    assert "Definitive Surgical Trauma Skills" in html
    assert "Upcoming events" in html


def test_loading_twice_adds_nothing(demo):
    pages = Page.objects.count()
    sessions = TrainingSession.objects.count()
    call_command("load_demo_network", stdout=io.StringIO())
    assert Page.objects.count() == pages
    assert TrainingSession.objects.count() == sessions
    home = HomePage.objects.get(locale__language_code="en-gb")
    assert home.section_cards.count() == len(set(home.section_cards.values_list("target_id")))
