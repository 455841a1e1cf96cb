"""The whole membership journey in Chromium: request, verify, approval, password, reading.

The site runs as its own process (``manage.py runserver`` on a fresh SQLite file
with the demo network), the way an editor runs it, and its console email backend
is the outbox: links are read from what the server prints. Running outside the
test database keeps this journey independent of the order of other tests.
"""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.resilience.services import free_port

pytestmark = pytest.mark.browser
PASSWORD = "Trauma-network-2026!"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site_process(tmp_path):
    """A demo site served by runserver; yields (base URL, function reading its output)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'journey.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["load_demo_network"]):
        subprocess.run(  # noqa: S603 - our own manage.py
            manage + command, env=env, cwd=ROOT, check=True, capture_output=True
        )
    office_script = (
        "from django.contrib.auth.models import Group, User; from django.conf import settings;"
        "u = User.objects.create_user('office', 'office@example.nhs.uk', 'office-pass-123');"
        "u.groups.add(Group.objects.get(name=settings.NETWORK_OFFICE_GROUP_NAME))"
    )
    subprocess.run(  # noqa: S603 - our own manage.py
        manage + ["shell", "-c", office_script], env=env, cwd=ROOT, check=True, capture_output=True
    )
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        # Generous: on a busy machine runserver can take a minute to import and check.
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=10)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"The site did not start:\n{log_path.read_text(errors='replace')}")
                time.sleep(0.5)
        yield base, lambda: log_path.read_text(errors="replace")
    finally:
        server.terminate()
        server.wait(timeout=10)


def last_link(output, path_pattern):
    """The last link matching ``path_pattern`` that the server's console email printed."""
    return re.findall(r"https?://[^/\s]+(" + path_pattern + r"\S+)", output)[-1]


def test_request_verify_approve_set_password_and_read_members_content(site_process, page):
    base, server_output = site_process

    # A visitor is shown the members-only page, not the content.
    page.goto(base + "/members/network-handbook/")
    assert page.locator("h1").inner_text() == "This content is for members"
    assert "escalation cascade" not in page.content()

    # Register here -> the request form.
    page.goto(base + "/")
    page.locator("#register-here").get_by_role("link", name="Request membership").click()
    page.wait_for_url("**/request-membership/")
    page.get_by_label("Full name").fill("Robin Intensivist")
    page.get_by_label("Work email address").fill("robin.intensivist@nhs.net")
    page.get_by_label("Job title").fill("Consultant intensivist")
    page.get_by_label("Organisation (NHS trust or other)").fill("Leeds Teaching Hospitals")
    page.get_by_label("Staff group", exact=True).select_option(index=1)
    page.get_by_label("Professional registration body (optional)").select_option("gmc")
    page.get_by_label("Registration number (optional)").fill("7654321")
    page.get_by_label("Why do you need access?").fill("I lead transfer training.")
    page.get_by_label("I agree that the network office may process").check()
    page.get_by_role("button", name="Send request").click()
    assert page.locator("h1").inner_text() == "Check your email"

    # The verification link from the outbox.
    # The verification link from the outbox: opening it confirms nothing (mail systems'
    # link scanners open every link); the applicant presses the button.
    page.goto(base + last_link(server_output(), "/membership/verify/"))
    assert page.locator("h1").inner_text() == "Confirm your email address"
    assert "Membership request awaiting review" not in server_output()
    page.get_by_role("button", name="Confirm my email address").click()
    assert page.locator("h1").inner_text() == "Email address confirmed"
    assert "Membership request awaiting review" in server_output()

    # The office approves in the admin.
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("office")
    page.get_by_label("Password").fill("office-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    assert "awaiting review" in page.content()
    page.goto(base + "/admin/membership-requests/?q=robin")
    page.get_by_role("link", name="Robin Intensivist").first.click()
    page.get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url("**/inspect/*/")
    assert re.search(r"Membership request #\d+ approved\.", page.inner_text("main"))
    page.context.clear_cookies()

    # Set a password from the approval email, log in, read members-only content.
    assert "Your network membership is approved" in server_output()
    page.goto(base + last_link(server_output(), "/accounts/password-reset/"))
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Set password").click()
    assert page.locator("h1").inner_text() == "Your password is set"
    page.locator("#maincontent").get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("robin.intensivist@nhs.net")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/membership/my-membership/")
    assert "Your membership is active" in page.content()

    page.goto(base + "/members/network-handbook/")
    assert page.locator("h1").inner_text() == "Network handbook for members"
    assert "escalation cascade" in page.content()

    # The members-only document, found through the documents API and served to the member.
    documents = page.request.get(base + "/api/v2/documents/").json()["items"]
    rota = next(d for d in documents if d["title"] == "Critical care escalation cascade")
    response = page.request.get(rota["meta"]["download_url"])
    assert response.status == 200
    assert b"escalation cascade" in response.body()
