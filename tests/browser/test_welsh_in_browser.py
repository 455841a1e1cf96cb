"""Welsh pages in Chromium: axe-core finds no accessibility violations, and every
element's language is declared (WCAG 3.1.1 and 3.1.2)."""

import io

from django.core.management import call_command

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]

WELSH_PAGES = [
    "/cy/",
    "/cy/am-y-rhwydwaith/",
    "/cy/digwyddiadau/",
    "/cy/digwyddiadau/diwrnod-astudio-trawma/",
    "/cy/grwpiau-staff/llawfeddygon-trawma/",
    "/cy/gwneud-cais-am-aelodaeth/",
    "/cy/hysbysiad-preifatrwydd/",
    "/cy/datganiad-hygyrchedd/",
    "/cy/accounts/login/",
    "/cy/accounts/password-reset/",
    "/cy/search/?q=trawma",
]


def test_welsh_pages_pass_axe_and_declare_their_language(live_server, page):
    from wagtail.models import Site

    from axe_playwright_python.sync_playwright import Axe

    call_command("load_demo_network", stdout=io.StringIO())
    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])
    axe = Axe()
    for path in WELSH_PAGES:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "cy", path
        results = axe.run(page)
        assert results.violations_count == 0, (path, results.generate_report())
        # Every run of text not inside a Welsh element is marked as another language.
        undeclared = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.closest('[lang]').lang !== 'cy')
                .map(el => el.closest('[lang]').lang)"""
        )
        assert set(undeclared) <= {"en-gb"}, path

    # The switcher leads to the English page, which declares English.
    page.goto(live_server.url + "/cy/am-y-rhwydwaith/")
    page.locator("#language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url("**/about/")
    assert page.locator("html").get_attribute("lang") == "en-gb"
