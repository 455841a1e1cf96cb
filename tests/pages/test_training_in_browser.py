"""A visitor finds every physiotherapy course available online in two clicks."""

import io

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

import pytest

from membership.access import visible_pages
from pages.models import TrainingCoursePage
from pages.models.training import ONLINE_FORMATS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_physiotherapy_courses_available_online_in_two_clicks(live_server, page):
    call_command("load_demo_network", stdout=io.StringIO())
    from wagtail.models import Site

    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])
    expected = set(
        visible_pages(AnonymousUser(), TrainingCoursePage.objects)
        .filter(staff_groups__slug="physiotherapists", delivery_format__in=ONLINE_FORMATS)
        .values_list("title", flat=True)
    )
    assert len(expected) >= 2

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Training & Education").first.click()
    page.wait_for_url("**/training/")

    page.get_by_role("link", name="Physiotherapists").click()  # click 1
    page.wait_for_url("**/training/?staff_group=physiotherapists")
    page.get_by_role("link", name="Online (virtual or e-learning)").click()  # click 2
    page.wait_for_url("**/training/?staff_group=physiotherapists&format=online")

    shown = set(page.locator("h3.nhsuk-card__heading a").all_inner_texts())
    assert shown == expected
    assert page.locator("h2#results-heading").inner_text().startswith(f"{len(expected)} course")
