"""The Register-here journey up to the office: form, spam protection, verification."""

import re

from django.core import mail
from django.test import Client

from wagtail.models import ModelLogEntry

import pytest

from membership.models import MembershipRequest
from tests.factories import UserFactory
from tests.membership.conftest import make_request
from tests.resilience.services import free_port

pytestmark = pytest.mark.django_db
URL = "/request-membership/"
Status = MembershipRequest.Status


def verify_link(message):
    return re.search(r"http://testserver(/membership/verify/[^/\s]+/)", message.body).group(1)


def test_home_register_here_button_leads_to_the_request_page(client, request_page):
    html = client.get("/").content.decode()
    assert f'href="{URL}"' in html


def test_form_shows_every_field_with_a_label(client, request_page, staff_group):
    html = client.get(URL).content.decode()
    for label in [
        "Full name",
        "Work email address",
        "Job title",
        "Organisation (NHS trust or other)",
        "Staff group",
        "Professional registration body (optional)",
        "Registration number (optional)",
        "Why do you need access?",
        "I agree that the network office may process these details",
    ]:
        assert label in html
    assert "Critical care nurses" in html
    assert 'name="website"' in html  # the honeypot, hidden from people


def test_valid_request_is_recorded_and_asks_to_verify(client, request_page, valid_data):
    response = client.post(URL, valid_data)
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    request = MembershipRequest.objects.get()
    assert request.status == Status.AWAITING_VERIFICATION
    assert request.email == "jo.clinician@nhs.net"
    assert request.staff_group.name == "Critical care nurses"
    assert request.consented_at is not None
    assert not request.flagged_domain
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jo.clinician@nhs.net"]
    assert "/membership/verify/" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="membership.submitted").count() == 1


def test_untrusted_domain_is_flagged_not_refused(client, request_page, valid_data):
    client.post(URL, {**valid_data, "email": "jo@gmail.com"})
    assert MembershipRequest.objects.get().flagged_domain


def test_trust_subdomain_is_trusted(client, request_page, valid_data):
    client.post(URL, {**valid_data, "email": "Jo@LeedsTH.NHS.UK"})
    request = MembershipRequest.objects.get()
    assert request.email == "jo@leedsth.nhs.uk"
    assert not request.flagged_domain


def test_honeypot_is_answered_like_success_but_records_nothing(client, request_page, valid_data):
    response = client.post(URL, {**valid_data, "website": "http://spam.example"})
    assert "Check your email" in response.content.decode()
    assert not MembershipRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Enter your full name."),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format"),
        ({"email": "x" * 60 + "@" + ("d" * 50 + ".") * 2 + "nhs.net"}, "email", "at most 150"),
        ({"job_title": "x" * 151}, "job_title", "at most 150 characters"),
        ({"access_reason": "x" * 2001}, "access_reason", "at most 2000 characters"),
        ({"consent": ""}, "consent", "Agree to the processing of your details"),
        ({"staff_group": "999999"}, "staff_group", "Select a staff group from the list."),
        ({"staff_group": "'; drop table"}, "staff_group", "Select a staff group from the list."),
        ({"registration_body": "xyz"}, "registration_body", "Select a valid choice"),
        (
            {"registration_body": ""},
            "registration_body",
            "Select the body that holds your registration number.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message(client, request_page, valid_data, changes, field, message):
    response = client.post(URL, {**valid_data, **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert f'href="#id_{field}"' in html
    assert not MembershipRequest.objects.exists()


def test_failed_submit_follows_the_nhs_error_pattern(client, request_page, valid_data):
    """Error: starts the title; the summary takes focus; each message says what to do."""
    response = client.post(URL, {**valid_data, "full_name": "", "staff_group": ""})
    html = response.content.decode()
    assert re.search(r"<title>Error: Request membership - ", html)
    assert 'data-module="nhsuk-error-summary"' in html
    assert '<a href="#id_staff_group">Select your staff group' in html
    assert '<a href="#id_full_name">Enter your full name.</a>' in html
    assert "This field is required" not in html
    assert "<title>Request membership - " in client.get(URL).content.decode()


def test_other_staff_group_is_kept_in_the_applicants_words(
    client, request_page, valid_data, staff_group
):
    html = client.get(URL).content.decode()
    assert '<option value="other">Other</option>' in html
    assert "Your staff group, if you selected Other" in html

    response = client.post(URL, {**valid_data, "staff_group": "other"})
    assert "Enter your staff group." in response.content.decode()
    assert not MembershipRequest.objects.exists()

    client.post(URL, {**valid_data, "staff_group": "other", "staff_group_other": "Pharmacists"})
    request = MembershipRequest.objects.get()
    assert request.staff_group is None
    assert request.staff_group_label == "Other: Pharmacists"
    assert "Staff group: Other: Pharmacists" not in mail.outbox[0].body  # not sent until verified


def test_a_listed_staff_group_clears_the_other_answer(client, request_page, valid_data):
    client.post(URL, {**valid_data, "staff_group_other": "Pharmacists"})
    request = MembershipRequest.objects.get()
    assert request.staff_group.name == "Critical care nurses"
    assert request.staff_group_other == ""


def test_html_in_fields_is_escaped_on_the_page_and_in_emails(client, request_page, valid_data):
    script = "<script>alert(1)</script>"
    response = client.post(URL, {**valid_data, "full_name": script, "email": "bad"})
    assert script not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    client.post(URL, {**valid_data, "full_name": script})
    assert MembershipRequest.objects.get().full_name == script
    assert script not in mail.outbox[0].body
    assert "&lt;script&gt;" in mail.outbox[0].body


def test_second_request_for_a_pending_email_creates_no_duplicate(client, request_page, valid_data):
    client.post(URL, valid_data)
    mail.outbox.clear()
    response = client.post(URL, {**valid_data, "email": "JO.Clinician@nhs.net"})
    assert "Check your email" in response.content.decode()
    assert MembershipRequest.objects.count() == 1
    # Not yet verified: the verification link is sent again.
    assert "/membership/verify/" in mail.outbox[0].body


def test_second_request_while_awaiting_review_gets_a_friendly_email(
    client, request_page, valid_data
):
    make_request(email="jo.clinician@nhs.net")
    response = client.post(URL, valid_data)
    assert "Check your email" in response.content.decode()
    assert MembershipRequest.objects.count() == 1
    assert "already with the network office" in mail.outbox[0].subject


def test_request_from_an_existing_member_creates_nothing(client, request_page, valid_data, member):
    response = client.post(URL, {**valid_data, "email": member.email.upper()})
    assert "Check your email" in response.content.decode()
    assert not MembershipRequest.objects.exists()
    assert mail.outbox[0].subject == "You are already a network member"
    assert "/accounts/login/" in mail.outbox[0].body


def test_rate_limit_per_email(client, request_page, valid_data, settings):
    settings.MEMBERSHIP_RATE_LIMIT_PER_EMAIL = (2, 3600)
    for address in ["10.0.0.1", "10.0.0.2"]:
        assert client.post(URL, valid_data, REMOTE_ADDR=address).status_code == 200
    response = client.post(URL, valid_data, REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_rate_limit_per_client_ip(client, request_page, valid_data, settings):
    settings.MEMBERSHIP_RATE_LIMIT_PER_IP = (3, 3600)
    for n in range(3):
        data = {**valid_data, "email": f"person{n}@nhs.net"}
        assert client.post(URL, data, REMOTE_ADDR="10.0.0.9").status_code == 200
    response = client.post(URL, {**valid_data, "email": "other@nhs.net"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert MembershipRequest.objects.count() == 3
    # Another client is not held back.
    other = client.post(URL, {**valid_data, "email": "x@nhs.net"}, REMOTE_ADDR="10.0.0.10")
    assert other.status_code == 200


def test_forwarded_address_is_used_behind_a_trusted_proxy(
    client, request_page, valid_data, settings
):
    settings.MEMBERSHIP_RATE_LIMIT_PER_IP = (1, 3600)
    settings.MEMBERSHIP_TRUSTED_PROXY_COUNT = 1
    first = {**valid_data, "email": "a@nhs.net"}
    second = {**valid_data, "email": "b@nhs.net"}
    assert client.post(URL, first, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    assert client.post(URL, second, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 200
    third = {**valid_data, "email": "c@nhs.net"}
    assert client.post(URL, third, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


def test_missing_csrf_token_gets_a_clear_403(request_page, valid_data):
    response = Client(enforce_csrf_checks=True).post(URL, valid_data)
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert not MembershipRequest.objects.exists()


def test_verification_link_sends_the_request_to_the_office(
    client, request_page, valid_data, office_user
):
    client.post(URL, valid_data)
    link = verify_link(mail.outbox[0])
    mail.outbox.clear()
    response = client.post(link)
    assert response.status_code == 200
    assert "Email address confirmed" in response.content.decode()
    request = MembershipRequest.objects.get()
    assert request.status == Status.AWAITING_REVIEW
    assert request.verified_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [office_user.email]
    assert f"/admin/membership-requests/inspect/{request.pk}/" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="membership.verified").count() == 1
    # Confirming again changes nothing and sends nothing.
    assert client.post(link).status_code == 200
    assert len(mail.outbox) == 1


def test_opening_the_verification_link_only_offers_a_button(client, request_page, valid_data):
    """Link scanners in NHS mail systems open every link: opening it confirms nothing."""
    client.post(URL, valid_data)
    link = verify_link(mail.outbox[0])
    mail.outbox.clear()
    for _ in range(2):
        response = client.get(link)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<title>Confirm your email address - " in html
        assert re.search(r'<form method="post"[^>]*>', html)
        assert "Confirm my email address</button>" in html
    assert MembershipRequest.objects.get().status == Status.AWAITING_VERIFICATION
    assert mail.outbox == []


def test_confirming_needs_the_csrf_token(client, request_page, valid_data):
    client.post(URL, valid_data)
    link = verify_link(mail.outbox[0])
    assert Client(enforce_csrf_checks=True).post(link).status_code == 403
    assert MembershipRequest.objects.get().status == Status.AWAITING_VERIFICATION


def test_office_email_from_network_settings_is_preferred(
    client, request_page, valid_data, office_user, site
):
    from core.models import NetworkSettings

    network = NetworkSettings.for_site(site)
    network.office_email = "office@network.nhs.uk"
    network.save()
    client.post(URL, valid_data)
    link = verify_link(mail.outbox[0])
    client.post(link)
    assert mail.outbox[-1].to == ["office@network.nhs.uk"]


def test_unverified_requests_never_reach_the_office(client, request_page, valid_data):
    client.post(URL, valid_data)
    assert [m.subject for m in mail.outbox] == [
        "Confirm your email address for your membership request"
    ]


@pytest.mark.parametrize("mangle", [lambda t: t[:-3] + "abc", lambda t: "garbage", lambda t: "x:y"])
def test_tampered_link_is_refused(client, request_page, valid_data, mangle):
    client.post(URL, valid_data)
    token = verify_link(mail.outbox[0]).split("/")[-2]
    response = client.get(f"/membership/verify/{mangle(token)}/")
    assert response.status_code == 400
    assert client.post(f"/membership/verify/{mangle(token)}/").status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert MembershipRequest.objects.get().status == Status.AWAITING_VERIFICATION


def test_expired_link_is_refused(client, request_page, valid_data, settings):
    client.post(URL, valid_data)
    link = verify_link(mail.outbox[0])
    settings.MEMBERSHIP_VERIFICATION_MAX_AGE = -1
    response = client.post(link)
    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()
    assert MembershipRequest.objects.get().status == Status.AWAITING_VERIFICATION


def test_request_is_kept_when_email_cannot_be_sent(client, request_page, valid_data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_TIMEOUT = 2
    response = client.post(URL, valid_data)
    assert response.status_code == 200
    request = MembershipRequest.objects.get()
    assert request.email_failure.startswith("verify email: ConnectionRefusedError")
    assert ModelLogEntry.objects.filter(action="membership.email_failed").exists()


def test_existing_account_that_is_not_a_member_may_request(client, request_page, valid_data):
    UserFactory(email="jo.clinician@nhs.net")
    client.post(URL, valid_data)
    assert MembershipRequest.objects.count() == 1
