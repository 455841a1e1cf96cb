"""The office edits an event in a real Chromium: monthly-only fields follow Repeat."""

import io

from django.core.management import call_command

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]
PASSWORD = "Office-pass-2026!"  # noqa: S105


def test_week_of_the_month_appears_only_for_a_monthly_series(live_server, page):
    from django.contrib.auth import get_user_model

    from events.models import EventIndexPage

    call_command("load_demo_network", stdout=io.StringIO())
    get_user_model().objects.create_superuser("office", "office@example.nhs.uk", PASSWORD)
    index = EventIndexPage.objects.first()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("office")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/admin/pages/add/events/eventpage/{index.pk}/")

    position = page.locator("#id_repeat_position")
    repeat = page.locator("#id_repeat")
    page.wait_for_timeout(300)
    assert not position.is_visible() and position.is_disabled()
    repeat.select_option("monthly")
    page.wait_for_timeout(300)
    assert position.is_visible() and position.is_enabled()
    repeat.select_option("weekly")
    page.wait_for_timeout(300)
    assert not position.is_visible() and position.is_disabled()
    assert errors == []
