"""A visitor uses the demo calendar in a real Chromium."""

import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from events.recurrence import to_local

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


def test_visitor_browses_the_month_and_filters_it(live_server, page):
    call_command("load_demo_network", stdout=io.StringIO())
    from wagtail.models import Site

    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])
    today = to_local(timezone.now()).date()

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Network Calendar & Events").first.click()
    page.wait_for_url("**/events/")
    assert page.locator("h1").inner_text() == "Network Calendar & Events"
    assert "Serious incident learning review" not in page.content()

    page.get_by_role("link", name="Month calendar").click()
    page.wait_for_url(f"**/events/calendar/{today.year}/{today.month:02d}/")
    assert page.locator("table caption").inner_text() == f"{today:%B %Y}"
    assert page.locator('td[aria-current="date"]').count() == 1

    page.get_by_label("Category").select_option("training")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**category=training**")
    cells = page.locator("table").inner_text()
    assert "Network governance board" not in cells
    page.get_by_role("link", name="Next").first.click()
    page.wait_for_url("**category=training**")
    assert page.locator("table caption").inner_text() != f"{today:%B %Y}"


def test_month_grid_on_a_phone(live_server, page):
    call_command("load_demo_network", stdout=io.StringIO())
    from wagtail.models import Site

    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])
    today = to_local(timezone.now()).date()

    # On a phone (320 and 400 px) the grid shows day numbers and a dot on days with
    # events, which are listed under it: nothing overlaps, nothing is clipped.
    month_url = f"{live_server.url}/events/calendar/{today.year}/{today.month:02d}/"
    for width in (320, 400):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(month_url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        container = page.locator(".nhsuk-table-container")
        assert container.evaluate("el => el.scrollWidth <= el.clientWidth")
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('.odn-calendar td')].flatMap(td => {
                const cell = td.getBoundingClientRect();
                return [...td.querySelectorAll('*')].filter(el => {
                    const box = el.getBoundingClientRect();
                    const outside = box.left < cell.left - 0.5 || box.right > cell.right + 0.5;
                    return box.width && outside;
                }).map(el => el.outerHTML.slice(0, 80));
            })"""
        )
        assert overflowing == [], (width, overflowing)
        assert not page.locator(".odn-calendar__events").first.is_visible()
        assert page.locator('td[aria-current="date"] .odn-calendar__today').is_hidden()
        assert page.get_by_role("heading", name=f"Events in {today:%B %Y}").is_visible()
