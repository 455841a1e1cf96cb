"""Every public template and the Wagtail admin work under the Content-Security-Policy.

Chromium loads one page of each public page type from the demo network, the
site's own views, and the admin's main screens (editing a page of each type), and
reports any CSP violation it sees in the console or as a securitypolicyviolation
event.
"""

import io

from django.core.management import call_command

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]
PASSWORD = "Office-pass-2026!"  # noqa: S105

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def visit(page, url, problems):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status < 500, url
    page.wait_for_timeout(150)
    assert "content-security-policy" in response.all_headers(), url
    for violation in page.evaluate("window.__csp || []"):
        problems.append(f"{url}: {violation}")


def test_public_templates_and_admin_have_no_csp_violations(live_server, page):
    from django.contrib.auth import get_user_model

    from wagtail.models import Page, Site

    call_command("load_demo_network", stdout=io.StringIO())
    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])
    get_user_model().objects.create_superuser("csp-admin", "admin@example.nhs.uk", PASSWORD)

    problems = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and problems.append(f"{page.url}: {message.text}")
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)

    one_of_each = {}
    for live in Page.objects.live().public().specific().exclude(depth=1):
        one_of_each.setdefault(type(live).__name__, live)
    assert len(one_of_each) >= 8, sorted(one_of_each)
    public_urls = [live.get_url() for live in one_of_each.values()]
    public_urls += [
        "/search/?q=transfer",
        "/accounts/login/",
        "/accounts/password-reset/",
        "/no-such-page/",
    ]
    for url in public_urls:
        visit(page, live_server.url + url, problems)

    visit(page, live_server.url + "/admin/login/", problems)
    page.get_by_label("Username").fill("csp-admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    admin_urls = [
        "/admin/",
        f"/admin/pages/{Site.objects.get().root_page_id}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/membership-requests/",
        "/admin/users/",
    ]
    admin_urls += [f"/admin/pages/{live.pk}/edit/" for live in one_of_each.values()]
    for url in admin_urls:
        visit(page, live_server.url + url, problems)

    assert problems == []
