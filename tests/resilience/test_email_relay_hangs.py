"""An SMTP relay that accepts the connection and never answers.

Before: the membership request hung until gunicorn killed the worker, and the
failure was lost. Now the email leaves the request on commit, each attempt is
bounded by EMAIL_TIMEOUT, a failure is recorded on the request for the office
(with Resend), retries are scheduled tasks, and the visitor is told the truth.
"""

import time

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest

from membership.models import MembershipRequest
from tests.resilience.services import SMTP_BLACKHOLE_PORT, BlackholeSMTP

pytestmark = pytest.mark.django_db
TASK = "membership.emails.send_membership_email"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def hung_relay(settings):
    with BlackholeSMTP() as relay:
        settings.EMAIL_BACKEND = SMTP
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = SMTP_BLACKHOLE_PORT
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 1
        yield relay


def test_visitor_is_told_the_truth_and_the_office_can_resend(
    client, request_page, valid_data, hung_relay, settings, office_user
):
    started = time.monotonic()
    response = client.post(request_page.url, valid_data)
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed < 5, "the relay's silence is bounded by EMAIL_TIMEOUT"
    assert hung_relay.connections, "the relay was really tried"
    html = response.content.decode()
    assert "Your request is saved, but we could not send the email" in html
    assert "Check your email" not in html

    recorded = MembershipRequest.objects.get(email="jo.clinician@nhs.net")
    assert recorded.status == MembershipRequest.Status.AWAITING_VERIFICATION
    assert recorded.email_failure.startswith("verify email: ")
    assert "timed out" in recorded.email_failure

    client.force_login(office_user)
    listing = client.get("/admin/membership-requests/").content.decode()
    assert "verify email: " in listing
    inspect = client.get(f"/admin/membership-requests/inspect/{recorded.pk}/").content.decode()
    assert "Resend email" in inspect

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # relay mended
    resend = reverse("membership_review:resend", args=[recorded.pk])
    assert resend in inspect
    client.post(resend)
    recorded.refresh_from_db()
    assert recorded.email_failure == ""
    assert [m.to for m in mail.outbox] == [["jo.clinician@nhs.net"]]
    assert "/membership/verify/" in mail.outbox[0].body


def test_with_a_worker_the_request_never_waits_and_retries_are_scheduled(
    client, request_page, valid_data, hung_relay, settings, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    def email_tasks():
        return DBTaskResult.objects.filter(task_path=TASK, status="READY")

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker runs inside this test's transaction: it must not close the connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.EMAIL_MAX_ATTEMPTS = 3
    settings.EMAIL_RETRY_BASE_SECONDS = 600

    started = time.monotonic()
    response = client.post(request_page.url, valid_data)
    assert time.monotonic() - started < settings.EMAIL_TIMEOUT
    assert not hung_relay.connections, "nothing is sent inside the visitor's request"
    assert "Check your email" in response.content.decode()
    recorded = MembershipRequest.objects.get(email="jo.clinician@nhs.net")
    assert email_tasks().count() == 1

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    recorded.refresh_from_db()
    assert "timed out" in recorded.email_failure and "retrying at" in recorded.email_failure
    retry = email_tasks().get()
    assert retry.run_after is not None
    assert retry.args_kwargs["args"][-1] == 2, "the second attempt"

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert email_tasks().get().pk == retry.pk, "not before its time"

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # relay mended
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    recorded.refresh_from_db()
    assert recorded.email_failure == ""
    assert [m.to for m in mail.outbox] == [["jo.clinician@nhs.net"]]
