"""Membership business actions: submit, verify, approve, reject, expire, erase, leave.

Views, admin actions, the JSON endpoint and the management command all call these
plain functions. Every status change is written to Wagtail's audit log. Emails are
queued when the change is committed and sent by a task (membership/emails.py); a
failure is recorded on the request (shown in the admin, with a resend action) and
never undoes the change.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from core.access import members_group
from core.models import NetworkSettings
from membership.emails import deliver, queue_email
from membership.models import MembershipRequest

logger = logging.getLogger(__name__)
Status = MembershipRequest.Status
VERIFY_SALT = "membership.verify-email"


class InvalidTransition(Exception):
    """The request is not in a status that allows this action."""


class VerificationError(Exception):
    """A verification link that is tampered with, expired or for an unknown request."""


# --- Submission -----------------------------------------------------------------


def is_trusted_domain(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].lower()
    return any(
        domain == trusted or domain.endswith("." + trusted)
        for trusted in settings.MEMBERSHIP_TRUSTED_EMAIL_DOMAINS
    )


def existing_member(email: str):
    """The active member account using this email address, if any."""
    return (
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True, groups=members_group())
        .first()
    )


def submit_request(data: dict, base_url: str) -> MembershipRequest | None:
    """Record a new request from validated form data and email the verification link.

    A second request for an address that already has a pending request, or that
    belongs to a member, creates nothing: the address's owner gets an email saying
    where they stand. The response to the visitor is the same in every case, so the
    form does not reveal who has asked or who is a member. Returns the new request,
    or None when nothing was created.
    """
    email = data["email"].strip().lower()
    language = get_language() or settings.LANGUAGE_CODE
    member = existing_member(email)
    if member is not None:
        queue_email("already_member", to=email, base_url=base_url, language=language)
        return None
    fields = {**data, "email": email, "language": language}
    try:
        with transaction.atomic():
            request = MembershipRequest.objects.create(
                **fields,
                consented_at=timezone.now(),
                flagged_domain=not is_trusted_domain(email),
            )
            log(request, "membership.submitted", data={"status": request.status})
    except IntegrityError:
        pending = MembershipRequest.objects.filter(
            email=email, status__in=MembershipRequest.PENDING
        ).first()
        if pending and pending.status == Status.AWAITING_VERIFICATION:
            send_verification(pending, base_url)
        elif pending:
            queue_email("already_pending", to=email, base_url=base_url, language=language)
        return None
    send_verification(request, base_url)
    return request


def verification_token(request: MembershipRequest) -> str:
    return signing.dumps({"r": request.pk, "e": request.email}, salt=VERIFY_SALT)


def send_verification(request: MembershipRequest, base_url: str) -> None:
    queue_email("verify", request, base_url=base_url)


def _verification_payload(token: str) -> dict:
    try:
        payload = signing.loads(
            token, salt=VERIFY_SALT, max_age=settings.MEMBERSHIP_VERIFICATION_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise VerificationError(_("This link has expired.")) from error
    except signing.BadSignature as error:
        raise VerificationError(_("This link is not valid.")) from error
    if not isinstance(payload, dict):
        raise VerificationError(_("This link is not valid."))
    return payload


def check_verification_token(token: str) -> MembershipRequest:
    """The request a verification link is for, changing nothing. Raises VerificationError.

    Opening the link only shows a confirmation button: mail systems that open every
    link to scan it must not confirm an address on the applicant's behalf.
    """
    payload = _verification_payload(token)
    request = MembershipRequest.objects.filter(pk=payload.get("r"), email=payload.get("e")).first()
    if request is None:
        raise VerificationError(_("This link is not valid."))
    return request


def verify_email(token: str, base_url: str) -> MembershipRequest:
    """Mark the request verified and tell the office. Raises VerificationError."""
    payload = _verification_payload(token)
    with transaction.atomic():
        request = (
            MembershipRequest.objects.select_for_update()
            .filter(pk=payload.get("r"), email=payload.get("e"))
            .first()
        )
        if request is None:
            raise VerificationError(_("This link is not valid."))
        if request.status != Status.AWAITING_VERIFICATION:
            return request
        request.verified_at = timezone.now()
        _change_status(request, Status.AWAITING_REVIEW, "membership.verified")
    notify_office(request, base_url)
    return request


def office_recipients() -> list[str]:
    """The network office's address from the site settings, else its staff's addresses."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        office_email = NetworkSettings.for_site(site).office_email
        if office_email:
            return [office_email]
    return list(
        get_user_model()
        .objects.filter(
            groups__name=settings.NETWORK_OFFICE_GROUP_NAME, is_active=True, email__gt=""
        )
        .values_list("email", flat=True)
        .distinct()
    )


def notify_office(request: MembershipRequest, base_url: str = "") -> None:
    queue_email("office", request, base_url=base_url or settings.WAGTAILADMIN_BASE_URL)


# --- Decisions ------------------------------------------------------------------


class AccountConflict(InvalidTransition):
    """The address belongs to an account that approval must not touch."""


def protected_account_reason(user) -> str:
    """Why approval must leave this account alone ('' when it may make it a member)."""
    if user.is_superuser:
        return "a superuser account"
    if user.is_staff:
        return "a staff account"
    if not user.is_active:
        return "a deactivated account"
    return ""


def approve(request: MembershipRequest, reviewer, note: str = "") -> MembershipRequest:
    """Create the account (or add an ordinary active one to the members), email a link.

    Approval never reactivates or alters a superuser, staff or deactivated account
    that uses the same address: the request is flagged for the office instead
    (``account_conflict``) and ``AccountConflict`` is raised, with the change
    committed so the flag stays.
    """
    User = get_user_model()
    with transaction.atomic():
        request = _locked(request, Status.AWAITING_REVIEW)
        same_person = Q(email__iexact=request.email) | Q(username__iexact=request.email)
        user = User.objects.filter(same_person).order_by("pk").first()
        reason = protected_account_reason(user) if user is not None else ""
        if reason:
            request.account_conflict = (
                f"The address belongs to {reason} (#{user.pk}); approval leaves it alone. "
                "Change the account by hand, or reject the request."
            )
            request.save(update_fields=["account_conflict"])
            log(request, "membership.account_conflict", user=reviewer, data={"user": user.pk})
    if reason:
        raise AccountConflict(request.account_conflict)
    with transaction.atomic():
        request = _locked(request, Status.AWAITING_REVIEW)
        if user is None:
            user = User(username=request.email, email=request.email)
            user.set_unusable_password()
            first, _, last = request.full_name.partition(" ")
            user.first_name, user.last_name = first[:150], last[:150]
            user.save()
        user.groups.add(members_group())
        request.user = user
        request.reviewed_by = reviewer
        request.reviewed_at = timezone.now()
        request.review_note = note or request.review_note
        request.account_conflict = ""
        _change_status(request, Status.APPROVED, "membership.approved", reviewer)
        send_decision(request)
    return request


def reject(request: MembershipRequest, reviewer, reason: str) -> MembershipRequest:
    """Record the rejection and email the reason to the applicant."""
    with transaction.atomic():
        request = _locked(request, Status.AWAITING_REVIEW)
        request.reviewed_by = reviewer
        request.reviewed_at = timezone.now()
        request.decision_reason = reason
        _change_status(request, Status.REJECTED, "membership.rejected", reviewer)
        send_decision(request)
    return request


def set_password_url(user, base_url: str = "") -> str:
    base_url = base_url or settings.WAGTAILADMIN_BASE_URL
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url + reverse("password_reset_confirm", args=[uid, token])


def send_decision(request: MembershipRequest) -> None:
    kind = "approved" if request.status == Status.APPROVED else "rejected"
    queue_email(kind, request)


def resend_email(request: MembershipRequest, user=None) -> bool:
    """Send again, now, the email that the request's current status calls for.

    Sent within the office's request (bounded by EMAIL_TIMEOUT) so that the office
    sees at once whether the relay took it. True when it did.
    """
    kinds = {
        Status.AWAITING_VERIFICATION: "verify",
        Status.AWAITING_REVIEW: "office",
        Status.APPROVED: "approved",
        Status.REJECTED: "rejected",
    }
    if request.status not in kinds:
        raise InvalidTransition("There is no email to send for this request.")
    sent = deliver(kinds[request.status], request, "", settings.WAGTAILADMIN_BASE_URL)
    log(request, "membership.email_resent", user=user, data={"sent": sent})
    return sent


# --- Data protection ------------------------------------------------------------

ERASED = "(erased)"


def erase_personal_data(request: MembershipRequest) -> None:
    """Blank what identifies a person; the row keeps its status and dates for statistics."""
    request.full_name = ERASED
    request.email = f"erased-{request.pk}@invalid.invalid"
    request.job_title = request.organisation = ERASED
    request.registration_body = request.registration_number = ""
    request.access_reason = ERASED
    request.review_note = request.decision_reason = request.email_failure = ""
    request.save()


def expire_unverified(now=None) -> int:
    """Unverified requests older than MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS become expired."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=settings.MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS)
    count = 0
    stale = MembershipRequest.objects.filter(
        status=Status.AWAITING_VERIFICATION, created_at__lt=cutoff
    )
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            request = (
                MembershipRequest.objects.select_for_update()
                .filter(pk=pk, status=Status.AWAITING_VERIFICATION)
                .first()
            )
            if request is None:
                continue
            erase_personal_data(request)
            _change_status(request, Status.EXPIRED, "membership.expired")
            count += 1
    return count


def erase_rejected(now=None) -> int:
    """Delete rejected requests decided more than MEMBERSHIP_REJECTED_RETENTION_DAYS ago."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=settings.MEMBERSHIP_REJECTED_RETENTION_DAYS)
    old = MembershipRequest.objects.filter(status=Status.REJECTED, reviewed_at__lt=cutoff)
    count = 0
    for pk in old.values_list("pk", flat=True):
        with transaction.atomic():
            request = old.select_for_update().filter(pk=pk).first()
            if request is None:
                continue
            log(request, "wagtail.delete", data={"reason": "retention period ended"})
            request.delete()
            count += 1
    return count


def leave_network(user) -> None:
    """Deactivate the account and erase the member's personal data."""
    with transaction.atomic():
        for request in MembershipRequest.objects.select_for_update().filter(user=user):
            erase_personal_data(request)
            if request.status != Status.WITHDRAWN:
                _change_status(request, Status.WITHDRAWN, "membership.withdrawn", user)
        user.groups.clear()
        user.username = f"former-member-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.set_unusable_password()
        user.is_active = False
        user.save()


def member_data(user) -> dict:
    """Everything the site holds about a member, for 'download my data'."""
    requests = MembershipRequest.objects.filter(user=user).select_related("staff_group")
    return {
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "membership_requests": [
            {
                "full_name": r.full_name,
                "email": r.email,
                "job_title": r.job_title,
                "organisation": r.organisation,
                "staff_group": r.staff_group_label or None,
                "registration_body": r.registration_body and r.get_registration_body_display(),
                "registration_number": r.registration_number,
                "why_access_is_needed": r.access_reason,
                "status": r.get_status_display(),
                "submitted_at": r.created_at.isoformat(),
                "consent_given_at": r.consented_at.isoformat(),
                "verified_at": r.verified_at.isoformat() if r.verified_at else None,
                "decided_at": r.reviewed_at.isoformat() if r.reviewed_at else None,
                "decision_reason": r.decision_reason,
            }
            for r in requests
        ],
    }


# --- Internals ------------------------------------------------------------------


def _locked(request: MembershipRequest, expected: str) -> MembershipRequest:
    locked = MembershipRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != expected:
        raise InvalidTransition(
            f"{locked} is {locked.get_status_display().lower()}, not "
            f"{Status(expected).label.lower()}."
        )
    return locked


def _change_status(request, status, action, user=None):
    previous = request.status
    request.status = status
    request.save()
    log(request, action, user=user, data={"from": previous, "to": status})
