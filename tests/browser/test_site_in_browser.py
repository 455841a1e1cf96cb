import io

from django.core.management import call_command

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


def test_visitor_reads_the_demo_home_page_and_moves_through_the_menu(live_server, page):
    call_command("load_demo_network", stdout=io.StringIO())
    from wagtail.models import Site

    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])

    page.goto(live_server.url + "/")

    assert page.locator("h2", has_text="Brief History and Context").is_visible()
    assert page.get_by_text(
        "This website is designed for specialist professional use."
    ).is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.get_by_role("link", name="About the network").first.click()
    page.wait_for_url("**/about/")
    assert page.locator("h1").inner_text() == "About the network"
    assert "Members area" not in page.content()
