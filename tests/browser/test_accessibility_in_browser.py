"""axe-core (pinned through axe-playwright-python) over every public template, at a
desktop and a phone width: no WCAG 2.2 A or AA violation.

With SCREENSHOTS_DIR set (`make screenshots`), each page is also saved there as
``<name>-<viewport>.png``, so a reviewer can look without running anything.
"""

import io
import os
from pathlib import Path

from django.core.management import call_command

import pytest

from tests.browser.public_pages import VIEWPORTS, open_page, public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def demo_site(migration_data, live_server):
    from wagtail.models import Site

    call_command("load_demo_network", stdout=io.StringIO())
    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])
    return live_server.url


def test_public_templates_have_no_axe_violations(demo_site, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    screenshots = os.environ.get("SCREENSHOTS_DIR")
    if screenshots:
        Path(screenshots).mkdir(parents=True, exist_ok=True)
    failures = []
    for viewport_name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, path in public_pages():
            open_page(page, demo_site, name, path)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            if results.violations_count:
                failures.append((name, viewport_name, results.generate_report()))
            if screenshots:
                page.screenshot(
                    path=str(Path(screenshots) / f"{name}-{viewport_name}.png"), full_page=True
                )
        context.close()
    assert not failures, "\n\n".join(f"{n} at {v}:\n{report}" for n, v, report in failures)


def test_the_request_form_errors_follow_the_nhs_pattern(demo_site, page):
    """On a failed submit the error summary takes focus and the title starts with Error:."""
    open_page(page, demo_site, "request-form-errors", "/request-membership/")
    assert page.title().startswith("Error: Request membership")
    assert page.evaluate("document.activeElement.classList.contains('nhsuk-error-summary')")
    summary = page.locator(".nhsuk-error-summary")
    assert summary.get_by_role("link", name="Select your staff group").is_visible()
    assert summary.get_by_role("link", name="Enter your full name.").is_visible()
