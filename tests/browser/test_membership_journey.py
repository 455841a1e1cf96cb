"""The whole membership journey in Chromium: request, verify, approval, password, reading."""

import io
import re

from django.core import mail
from django.core.management import call_command

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "Trauma-network-2026!"


def link_path(pattern, message):
    return re.search(pattern, message.body).group(1)


def test_request_verify_approve_set_password_and_read_members_content(live_server, page):
    from django.conf import settings
    from django.contrib.auth.models import Group

    from wagtail.models import Site

    from tests.factories import UserFactory

    call_command("load_demo_network", stdout=io.StringIO())
    Site.objects.update(hostname="localhost", port=live_server.url.rsplit(":", 1)[1])
    office = UserFactory(username="office", password="office-pass-123")
    office.groups.add(Group.objects.get(name=settings.NETWORK_OFFICE_GROUP_NAME))
    mail.outbox = []

    # A visitor is shown the members-only page, not the content.
    page.goto(live_server.url + "/members/network-handbook/")
    assert page.locator("h1").inner_text() == "This content is for members"
    assert "escalation cascade" not in page.content()

    # Register here -> the request form.
    page.goto(live_server.url + "/")
    page.locator("#register-here").get_by_role("link", name="Request membership").click()
    page.wait_for_url("**/request-membership/")
    page.get_by_label("Full name").fill("Robin Intensivist")
    page.get_by_label("Work email address").fill("robin.intensivist@nhs.net")
    page.get_by_label("Job title").fill("Consultant intensivist")
    page.get_by_label("Organisation (NHS trust or other)").fill("Leeds Teaching Hospitals")
    page.get_by_label("Staff group").select_option(index=1)
    page.get_by_label("Professional registration body (optional)").select_option("gmc")
    page.get_by_label("Registration number (optional)").fill("7654321")
    page.get_by_label("Why do you need access?").fill("I lead transfer training.")
    page.get_by_label("I agree that the network office may process").check()
    page.get_by_role("button", name="Send request").click()
    assert page.locator("h1").inner_text() == "Check your email"

    # The verification link from the outbox.
    verify = link_path(r"https?://[^/\s]+(/membership/verify/\S+)", mail.outbox[-1])
    page.goto(live_server.url + verify)
    assert page.locator("h1").inner_text() == "Email address confirmed"

    # The office approves in the admin.
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("office")
    page.get_by_label("Password").fill("office-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    assert "awaiting review" in page.content()
    page.goto(live_server.url + "/admin/membership-requests/?q=robin")
    page.get_by_role("link", name="Robin Intensivist").first.click()
    page.get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url("**/inspect/*/")
    assert re.search(r"Membership request #\d+ approved\.", page.inner_text("main"))
    page.context.clear_cookies()

    # Set a password from the approval email, log in, read members-only content.
    approval = mail.outbox[-1]
    assert approval.subject == "Your network membership is approved"
    reset = link_path(r"https?://[^/\s]+(/accounts/password-reset/\S+)", approval)
    page.goto(live_server.url + reset)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Set password").click()
    assert page.locator("h1").inner_text() == "Your password is set"
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("robin.intensivist@nhs.net")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/membership/my-membership/")
    assert "Your membership is active" in page.content()

    page.goto(live_server.url + "/members/network-handbook/")
    assert page.locator("h1").inner_text() == "Network handbook for members"
    assert "escalation cascade" in page.content()

    from wagtail.documents import get_document_model

    document = get_document_model().objects.get(collection__name="Members' documents")
    response = page.request.get(live_server.url + document.url)
    assert response.status == 200
    assert b"escalation cascade" in response.body()
