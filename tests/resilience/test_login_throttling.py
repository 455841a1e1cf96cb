"""Login throttling and lockout (django-axes on the shared cache), throttled resets.

Before: 30 wrong passwords, then the right one, signed in, at the member login and
at the admin login; password reset sent any number of emails.
"""

from django.core import mail

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RIGHT = "correct-horse-battery"


def spellings(username):
    """The same username as an attacker might vary it to dodge a per-value limit."""
    return [username, f" {username}", username.upper(), f"{username} ", f"  {username.title()}"]


@pytest.mark.parametrize(
    ("login_url", "after_login"),
    [("/accounts/login/", "/membership/my-membership/"), ("/admin/login/", "/admin/")],
)
def test_wrong_passwords_lock_the_login_even_for_the_right_password(
    client, settings, login_url, after_login
):
    user = UserFactory(username="jo.nurse@nhs.net", is_staff=True, is_superuser=True)
    for attempt, spelling in enumerate(spellings(user.username)):
        response = client.post(login_url, {"username": spelling, "password": f"guess-{attempt}"})
        assert response.status_code in (200, 429)
    response = client.post(login_url, {"username": user.username, "password": RIGHT})
    assert response.status_code == 429
    assert "Too many attempts to log in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(after_login).status_code in (302, 403)


def test_a_right_password_before_the_limit_signs_in_and_clears_the_count(client):
    user = UserFactory(username="ali.physio@nhs.net")
    for attempt in range(4):
        client.post("/accounts/login/", {"username": user.username, "password": f"x{attempt}"})
    response = client.post("/accounts/login/", {"username": user.username, "password": RIGHT})
    assert response.status_code == 302
    client.logout()
    for attempt in range(4):
        client.post("/accounts/login/", {"username": user.username, "password": f"y{attempt}"})
    response = client.post("/accounts/login/", {"username": user.username, "password": RIGHT})
    assert response.status_code == 302, "the earlier failures were forgotten on success"


def test_password_reset_emails_are_limited_per_normalised_address(client, member, settings):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = (2, 3600)
    for spelling in spellings(member.email):
        response = client.post("/accounts/password-reset/", {"email": spelling})
        assert response.status_code == 302, "the visitor always sees the same answer"
    assert len(mail.outbox) == 2


def test_password_reset_is_limited_per_client(client, settings):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_IP = (3, 3600)
    statuses = [
        client.post("/accounts/password-reset/", {"email": f"n{i}@nhs.net"}).status_code
        for i in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
