"""Membership emails leave the web request: queued on commit, sent by a task, retried.

``queue_email`` registers the email with ``transaction.on_commit``, so nothing is
sent for a change that is rolled back (a bulk approval that fails half-way) and
nothing is sent from inside a row lock. The ``send_membership_email`` task renders
and sends it. With the database task backend (``TASKS_BACKEND=database``) a worker
(``manage.py db_worker``) does the sending and the visitor's request never waits
for the relay; with the in-process backend the send happens right after the
commit, bounded by ``EMAIL_TIMEOUT``.

A failed attempt is recorded on the membership request (``email_failure``, shown
to the office in the admin with a *Resend email* button) and, where the task
backend can defer, retried as a scheduled task: ``EMAIL_RETRY_BASE_SECONDS``
doubled after each attempt, up to ``EMAIL_MAX_ATTEMPTS``. Nothing ever sleeps.

The email is rendered when it is sent, from the request's current state, so a
queued task holds no link or token, only ids and the site's base URL.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from django_tasks import task

from membership.models import MembershipRequest

logger = logging.getLogger(__name__)
Status = MembershipRequest.Status

# The status a request must still have for an email of this kind to make sense.
STATUS_FOR_KIND = {
    "verify": Status.AWAITING_VERIFICATION,
    "office": Status.AWAITING_REVIEW,
    "approved": Status.APPROVED,
    "rejected": Status.REJECTED,
}


def queue_email(
    kind: str, request: MembershipRequest | None = None, *, to="", base_url="", language=""
):
    """Send one of the membership emails once the current transaction commits.

    ``kind`` names the templates ``membership/email/<kind>.txt`` and
    ``<kind>_subject.txt``. Emails about a request (``request`` given) go to the
    addresses its status calls for; ``to`` is for the emails that concern no
    recorded request (``already_member``, ``already_pending``), written in
    ``language``. An applicant's emails are in the language of their request.
    """
    request_id = request.pk if request is not None else None
    transaction.on_commit(
        partial(
            _enqueue, kind, request_id, to, base_url or settings.WAGTAILADMIN_BASE_URL, language
        )
    )


def _enqueue(kind, request_id, to, base_url, language=""):
    send_membership_email.enqueue(kind, request_id, to, base_url, 1, language=language)


@task()
def send_membership_email(
    kind: str, request_id, to: str, base_url: str, attempt: int, language: str = ""
):
    """Render and send one email; record a failure and schedule the next attempt."""
    request = None
    if request_id is not None:
        request = MembershipRequest.objects.select_related("user").filter(pk=request_id).first()
        if request is None or STATUS_FOR_KIND.get(kind, request.status) != request.status:
            return "obsolete"  # erased, or decided since: this email no longer applies
    return "sent" if deliver(kind, request, to, base_url, attempt, language) else "failed"


def email_language(kind, request, language="") -> str:
    """The language an email is written in: the office's is the site's default language;
    an applicant's is the one they wrote their request in."""
    if kind == "office":
        return settings.LANGUAGE_CODE
    if request is not None and request.language:
        return request.language
    return language or settings.LANGUAGE_CODE


def deliver(kind, request, to, base_url, attempt=1, language="") -> bool:
    """Send now (bounded by EMAIL_TIMEOUT). True when the relay accepted the email."""
    context, recipients = _context_and_recipients(kind, request, to, base_url)
    if not recipients:
        _record_failure(
            request, kind, "no recipient (set the network office email in Network settings)"
        )
        return False
    context = {"request": request, **context}
    with translation.override(email_language(kind, request, language)):
        subject = render_to_string(f"membership/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"membership/email/{kind}.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except Exception as error:  # noqa: BLE001 - any transport failure must not lose the request
        logger.warning(
            "Could not send the %s email for %s (attempt %d): %s: %s",
            kind,
            request or "a visitor",
            attempt,
            type(error).__name__,
            error,
        )
        retry_at = _schedule_retry(kind, request, to, base_url, attempt, language)
        when = (
            f"retrying at {timezone.localtime(retry_at):%H:%M}"
            if retry_at
            else "not retried: use Resend email"
        )
        _record_failure(request, kind, f"{type(error).__name__}: {error} ({when})")
        return False
    if request is not None and request.email_failure:
        request.email_failure = ""
        request.save(update_fields=["email_failure"])
    return True


def _schedule_retry(kind, request, to, base_url, attempt, language=""):
    """Queue the next attempt for later; None when there is none (or no scheduler)."""
    can_defer = send_membership_email.get_backend().supports_defer
    if attempt >= settings.EMAIL_MAX_ATTEMPTS or not can_defer:
        return None
    run_after = timezone.now() + timedelta(
        seconds=settings.EMAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1)
    )
    request_id = request.pk if request is not None else None
    send_membership_email.using(run_after=run_after).enqueue(
        kind, request_id, to, base_url, attempt + 1, language=language
    )
    return run_after


def _context_and_recipients(kind, request, to, base_url):
    from membership.actions import office_recipients, set_password_url, verification_token

    if kind == "verify":
        url = base_url + reverse("membership:verify", args=[verification_token(request)])
        hours = settings.MEMBERSHIP_VERIFICATION_MAX_AGE // 3600
        return {"verify_url": url, "hours": hours}, [request.email]
    if kind == "office":
        url = base_url + reverse("membership_requests:inspect", args=[request.pk])
        return {"review_url": url}, office_recipients()
    if kind == "approved":
        context = {
            "set_password_url": set_password_url(request.user, base_url),
            "login_url": base_url + reverse("login"),
            "username": request.user.get_username(),
        }
        return context, [request.email]
    if kind == "rejected":
        return {}, [request.email]
    if kind == "already_member":
        return {"login_url": base_url + reverse("login")}, [to]
    return {}, [to] if to else []


def _record_failure(request, kind, error):
    from wagtail.log_actions import log

    if request is None:
        return
    request.email_failure = f"{kind} email: {error}"[:255]
    request.save(update_fields=["email_failure"])
    log(request, "membership.email_failed", data={"email": kind})
