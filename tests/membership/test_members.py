"""The members' side: log in, log out, password reset, My membership, leave, my data."""

import json
import re

from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from membership import actions
from membership.models import MembershipRequest
from tests.membership.conftest import make_request

pytestmark = pytest.mark.django_db


def test_login_logout(client, member, request_page):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'for="id_username"' in html and 'href="/request-membership/"' in html
    response = client.post(
        "/accounts/login/", {"username": member.username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/membership/my-membership/"
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/membership/my-membership/").status_code == 302


def test_wrong_password_gets_a_clear_message(client, member):
    response = client.post("/accounts/login/", {"username": member.username, "password": "no"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "enter a correct username and password" in response.content.decode()


def test_password_reset_by_email(client, member):
    response = client.post("/accounts/password-reset/", {"email": member.email})
    assert response.status_code == 302
    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Set your password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-Strong-pass-91", "new_password2": "a-new-Strong-pass-91"},
    )
    assert response.status_code == 302
    client.logout()
    login = client.post(
        "/accounts/login/", {"username": member.username, "password": "a-new-Strong-pass-91"}
    )
    assert login.status_code == 302
    assert client.get("/membership/my-membership/").status_code == 200


def test_approved_member_without_a_password_can_ask_for_a_reset_link(client, office_user):
    request = actions.approve(make_request(), office_user)
    assert not request.user.has_usable_password()
    mail.outbox = []
    client.post("/accounts/password-reset/", {"email": "PAT.applicant@nhs.net"})
    assert len(mail.outbox) == 1
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_no_reset_email_for_unknown_or_former_members(client, office_user):
    request = actions.approve(make_request(), office_user)
    actions.leave_network(request.user)
    mail.outbox = []
    response = client.post("/accounts/password-reset/", {"email": "pat.applicant@nhs.net"})
    assert response.status_code == 302  # the same answer, whoever asks
    client.post("/accounts/password-reset/", {"email": "nobody@nhs.net"})
    assert mail.outbox == []


def test_used_reset_link_is_refused_clearly(client):
    response = client.get("/accounts/password-reset/MQ/set-password/", follow=True)
    assert "This link cannot be used" in response.content.decode()


def test_my_membership_shows_details(client, office_user):
    request = actions.approve(make_request(full_name="Pat <Applicant>"), office_user)
    client.force_login(request.user)
    html = client.get("/membership/my-membership/").content.decode()
    assert "Your membership is active" in html
    assert "pat.applicant@nhs.net" in html
    assert "Approved" in html
    assert "Pat &lt;Applicant&gt;" in html


def test_download_my_data(client, office_user):
    request = actions.approve(make_request(), office_user)
    client.force_login(request.user)
    response = client.get("/membership/my-membership/data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "pat.applicant@nhs.net"
    assert data["account"]["groups"] == ["Network members"]
    assert data["membership_requests"][0]["organisation"] == "York and Scarborough NHS Trust"


def test_leave_the_network_deactivates_and_erases(client, office_user):
    request = actions.approve(make_request(), office_user)
    user = request.user
    client.force_login(user)
    refused = client.post("/membership/my-membership/leave/", {})
    assert refused.status_code == 400
    assert "Tick the box" in refused.content.decode()
    response = client.post("/membership/my-membership/leave/", {"confirm": "yes"})
    assert "You have left the network" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active and user.email == "" and user.first_name == ""
    assert not user.groups.exists()
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.WITHDRAWN
    assert "pat" not in (request.full_name + request.email).lower()
    assert not get_user_model().objects.filter(email__iexact="pat.applicant@nhs.net").exists()
    assert client.get("/membership/my-membership/").status_code == 302


def test_members_pages_need_login(client):
    for url in ["/membership/my-membership/", "/membership/my-membership/data.json"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
