"""The JSON endpoint for headless front ends: same rules as the form."""

import json

from django.core import mail
from django.test import Client

import pytest

from membership.models import MembershipRequest
from tests.membership.conftest import make_request

pytestmark = pytest.mark.django_db
URL = "/membership/api/requests/"


def post(client, body, **extra):
    payload = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, payload, content_type="application/json", **extra)


@pytest.fixture
def payload(valid_data):
    data = {key: value for key, value in valid_data.items() if key != "website"}
    data["consent"] = True
    data["staff_group"] = int(data["staff_group"])
    return data


def test_valid_request_is_accepted_without_csrf(payload):
    response = post(Client(enforce_csrf_checks=True), payload)
    assert response.status_code == 202
    assert "Follow the link" in response.json()["message"]
    request = MembershipRequest.objects.get()
    assert request.status == MembershipRequest.Status.AWAITING_VERIFICATION
    assert "/membership/verify/" in mail.outbox[0].body


def test_field_errors_come_back_field_by_field(client, payload):
    response = post(client, {**payload, "email": "nope", "consent": False, "full_name": ""})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["email"] == ["Enter an email address in the correct format, like name@nhs.net."]
    assert errors["consent"] == ["Agree to the processing of your details to continue."]
    assert errors["full_name"] == ["Enter your full name."]
    assert not MembershipRequest.objects.exists()


@pytest.mark.parametrize(
    "body", ["{not json", "", "[1, 2]", '"text"', "null", b"\xff\xfe", '{"email": {"a": 1}}']
)
def test_malformed_json_is_a_400_with_a_reason(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["message"]


def test_wrong_method(client):
    assert client.get(URL).status_code == 405


def test_honeypot_is_accepted_silently(client, payload):
    response = post(client, {**payload, "website": "http://spam"})
    assert response.status_code == 202
    assert not MembershipRequest.objects.exists()


def test_rate_limited(client, payload, settings):
    settings.MEMBERSHIP_RATE_LIMIT_PER_IP = (1, 3600)
    assert post(client, payload).status_code == 202
    response = post(client, {**payload, "email": "other@nhs.net"})
    assert response.status_code == 429
    assert "Too many requests" in response.json()["message"]


def test_duplicate_is_not_recorded(client, payload):
    make_request(email=payload["email"])
    assert post(client, payload).status_code == 202
    assert MembershipRequest.objects.count() == 1


def test_session_user_plays_no_part(client, payload, member):
    client.force_login(member)
    assert post(client, payload).status_code == 202
    assert MembershipRequest.objects.get().user is None
