"""Two-factor authentication for the admin (django-otp TOTP devices, cms/two_factor.py).

With ADMIN_2FA_REQUIRED on, the Network office and superusers reach no admin page
before set-up or verification; a correct time-based code (computed here from the
device's key with django-otp's own TOTP) lets them in, a wrong one does not.
Members' sign-in is unaffected.
"""

import html
import os
import subprocess
import sys
import time
from pathlib import Path

from django.urls import reverse

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
ROOT = Path(__file__).resolve().parents[2]


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    right = int(current_code(device))
    return f"{(right + 500_000) % 1_000_000:06d}"


def sign_in(client, user, url="/admin/login/"):
    response = client.post(url, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password step itself succeeds"
    return response


@pytest.fixture
def required(settings):
    settings.ADMIN_2FA_REQUIRED = True


@pytest.fixture
def office(office_group):
    user = UserFactory(password=PASSWORD)
    user.groups.add(office_group)
    return user


def test_office_user_must_set_up_a_device_before_any_admin_page(client, required, office):
    sign_in(client, office)
    for path in ("/admin/", "/admin/pages/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("two_factor_setup")), response.url

    page = client.get(f"{reverse('two_factor_setup')}?next=/admin/pages/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=office, confirmed=False)
    assert html.escape(device.config_url) in page.content.decode()

    wrong = client.post(
        reverse("two_factor_setup"), {"otp_token": wrong_code(device), "next": "/admin/pages/"}
    )
    assert wrong.status_code == 200
    assert "not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302, "a wrong code opens nothing"

    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait a second after a wrong one
    right = client.post(
        reverse("two_factor_setup"), {"otp_token": current_code(device), "next": "/admin/pages/"}
    )
    assert right.status_code == 302
    assert right.url == "/admin/pages/"
    assert TOTPDevice.objects.get(user=office).confirmed
    assert client.get("/admin/").status_code == 200


def test_superuser_with_a_device_must_enter_a_code_each_session(client, required):
    admin = UserFactory(password=PASSWORD, is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=admin, name="Authenticator app", confirmed=True)

    sign_in(client, admin)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))

    wrong = client.post(
        reverse("two_factor_verify"), {"otp_token": wrong_code(device), "next": "/admin/"}
    )
    assert wrong.status_code == 200
    assert client.get("/admin/pages/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait a second after a wrong one
    right = client.post(
        reverse("two_factor_verify"), {"otp_token": current_code(device), "next": "/admin/"}
    )
    assert right.status_code == 302
    assert client.get("/admin/pages/").status_code == 200

    client.logout()
    sign_in(client, admin)
    assert client.get("/admin/").status_code == 302, "a new session asks again"


def test_unsafe_next_is_ignored(client, required, office):
    device = TOTPDevice.objects.create(user=office, name="Authenticator app", confirmed=True)
    sign_in(client, office)
    answer = client.post(
        reverse("two_factor_verify"),
        {"otp_token": current_code(device), "next": "https://evil.example/"},
    )
    assert answer.status_code == 302
    assert answer.url == reverse("wagtailadmin_home")


def test_members_sign_in_is_unaffected(client, required, member, site):
    member.set_password(PASSWORD)
    member.save()
    response = sign_in(client, member, url="/accounts/login/")
    assert "2fa" not in response.url
    assert client.get("/membership/my-membership/").status_code == 200
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_off_by_default_outside_production(client, settings, office):
    assert settings.ADMIN_2FA_REQUIRED is False
    sign_in(client, office)
    assert client.get("/admin/").status_code == 200


def test_on_by_default_in_production_and_deploy_check_stays_clean():
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "")}
    for line in (ROOT / ".ci" / "production.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env["SECRET_KEY"] = "deploy-check-secret-key-with-plenty-of-entropy-0123456789abcdef"
    checked = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    shown = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ADMIN_2FA_REQUIRED)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.stdout.strip() == "True", shown.stderr
