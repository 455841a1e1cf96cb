"""Receiving a membership request: one path for the request page's form and the JSON
endpoint, with the honeypot and the rate limits in front of ``actions.submit_request``."""

from django.utils.translation import gettext_lazy as _

from membership import actions
from membership.forms import MembershipRequestForm
from membership.ratelimit import allow_submission

RATE_LIMITED = _("Too many requests from here. Wait an hour and try again.")


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def handle_submission(request, data) -> tuple[MembershipRequestForm, bool]:
    """Validate and record a submission; returns the form and whether it was accepted.

    A filled honeypot is accepted without recording anything, so that a bot learns
    nothing; rate limits are counted for every attempt.
    """
    form = MembershipRequestForm(data)
    email = data.get("email") if isinstance(data.get("email"), str) else None
    if not allow_submission(request, email):
        form.is_valid()
        form.errors.clear()
        form.add_error(None, RATE_LIMITED)
        form.rate_limited = True
        return form, False
    if form.is_spam:
        return form, True
    if not form.is_valid():
        return form, False
    created = actions.submit_request(form.request_data(), base_url(request))
    # With the in-process task backend the email has been tried by now; with a
    # worker it is still queued. Either way the visitor is told what happened.
    if created is not None:
        created.refresh_from_db(fields=["email_failure"])
        form.email_failed = bool(created.email_failure)
    return form, True
