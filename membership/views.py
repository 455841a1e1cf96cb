"""Thin views over membership.actions: the request page, verification, members' pages."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt

from wagtail import hooks

from core.access import is_member
from core.rich_text import members_sign_in_url
from membership import actions
from membership.forms import MemberPasswordResetForm
from membership.models import MembershipRequest, MembershipRequestPage
from membership.ratelimit import allow_password_reset
from membership.submission import RATE_LIMITED, base_url, handle_submission


def request_page(language=None):
    """The live membership request page (the Register-here target), if there is one:
    its version in ``language`` (default: the language being read) when that is live,
    else the first."""
    pages = MembershipRequestPage.objects.live().order_by("path")
    translated = pages.filter(locale__language_code=language or translation.get_language())
    return translated.first() or pages.first()


def verify(request, token):
    """The link in the verification email: a button to confirm (GET), the confirmation (POST)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    page = request_page()
    try:
        if request.method == "POST":
            membership_request = actions.verify_email(token, base_url(request))
        else:
            membership_request = actions.check_verification_token(token)
    except actions.VerificationError as error:
        context = {"error": str(error), "request_page": page}
        return TemplateResponse(request, "membership/verify.html", context, status=400)
    # The page speaks the language the applicant asked in, as the email did.
    if membership_request.language in dict(settings.LANGUAGES):
        translation.activate(membership_request.language)
        request.LANGUAGE_CODE = membership_request.language
    context = {
        "membership_request": membership_request,
        "request_page": request_page(membership_request.language),
        "confirmed": membership_request.status != MembershipRequest.Status.AWAITING_VERIFICATION,
    }
    return TemplateResponse(request, "membership/verify.html", context)


@csrf_exempt
def submit_json(request):
    """POST a membership request as JSON, for headless front ends.

    The applicant's language is the body's ``language`` (``en-gb`` or ``cy``), else the
    request's ``Accept-Language``: the answer's messages and every email about the
    request are in it. Answers 202 accepted, 400 ``{"message", "errors"}``, 429 when
    rate-limited.

    CSRF protection is off because this endpoint uses no cookie or session: it acts
    for nobody, so a forged cross-site POST gains nothing that a direct POST would
    not. The honeypot and the per-IP and per-email rate limits protect it instead.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    with translation.override(translation.get_language_from_request(request)):
        try:
            data = json.loads(request.body)
            # Lone surrogates ("\ud800") parse but cannot be stored or sent by email.
            json.dumps(data, ensure_ascii=False).encode()
        except (ValueError, UnicodeError, RecursionError):
            # RecursionError: JSON nested thousands of levels deep.
            return JsonResponse({"message": _("The request body is not valid JSON.")}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"message": _("Send a JSON object of form fields.")}, status=400)
        languages = [code for code, _name in settings.LANGUAGES]
        language = data.pop("language", None) or translation.get_language()
        if language not in languages:
            message = _("language must be one of: %(codes)s") % {"codes": ", ".join(languages)}
            return JsonResponse({"message": message}, status=400)
    with translation.override(language):
        return _submit_json(request, data)


def _submit_json(request, data):
    data = {key: _form_value(value) for key, value in data.items()}
    form, accepted = handle_submission(request, data)
    if getattr(form, "rate_limited", False):
        return JsonResponse({"message": str(RATE_LIMITED)}, status=429)
    if not accepted:
        errors = {
            field: [error["message"] for error in field_errors]
            for field, field_errors in form.errors.get_json_data().items()
        }
        return JsonResponse({"message": _("Correct the errors."), "errors": errors}, status=400)
    if getattr(form, "email_failed", False):
        message = _(
            "Your request is recorded, but the email to confirm your address could not be "
            "sent yet. The network office will send it again; do not send the form again."
        )
        return JsonResponse({"message": message, "email_sent": False}, status=202)
    return JsonResponse(
        {"message": _("Thank you. Follow the link in the email we sent to confirm your address.")},
        status=202,
    )


def _form_value(value):
    """JSON values as a form would post them (booleans for the consent checkbox)."""
    if value is True:
        return "on"
    if value is False or value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return value if isinstance(value, str) else ""


def member_sections(request) -> list[str]:
    """The sections other apps add to My membership (the network groups' app adds the
    member's groups, meetings and actions), as HTML. Each app registers a function
    ``section(request)`` with the ``my_membership_sections`` Wagtail hook; it returns
    the section's HTML, or None to add nothing."""
    sections = (section(request) for section in hooks.get_hooks("my_membership_sections"))
    return [html for html in sections if html]


# The names of the groups that migrations create, for the catalogue: My membership shows
# them in the reader's language. A group an administrator adds shows its own name.
GROUP_NAMES = (gettext_noop("Network members"), gettext_noop("Network office"))


@login_required
def my_membership(request):
    requests = MembershipRequest.objects.filter(user=request.user).select_related("staff_group")
    context = {
        "membership_requests": list(requests),
        "is_member": is_member(request.user),
        "groups": sorted(_(name) for name in request.user.groups.values_list("name", flat=True)),
        "sections": member_sections(request),
    }
    return TemplateResponse(request, "membership/my_membership.html", context)


@login_required
def download_my_data(request):
    response = JsonResponse(actions.member_data(request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-membership-data.json"'
    return response


@login_required
def leave(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, "Tick the box to confirm that you want to leave.")
            return TemplateResponse(
                request, "membership/leave.html", {"confirm_error": True}, status=400
            )
        user = request.user
        logout(request)
        actions.leave_network(user)
        return TemplateResponse(request, "membership/left.html")
    return TemplateResponse(request, "membership/leave.html")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, throttled per client and per (normalised) address.

    Over the client's limit, the form says so (429). Over the address's limit, the
    visitor sees the usual "check your email" page but no email is sent, so the
    form neither floods an inbox nor reveals which addresses have accounts.
    """

    form_class = MemberPasswordResetForm

    def form_valid(self, form):
        client_ok, address_ok = allow_password_reset(self.request, form.cleaned_data["email"])
        if not client_ok:
            form.add_error(None, RATE_LIMITED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not address_ok:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        page = request_page()
        context = super().get_context_data(**kwargs)
        context["request_page_url"] = page.url if page else None
        return context


def members_only_response(request, page=None, status=403):
    """What someone without access sees instead of members-only content.

    Never the content, its title or its summary: only the buttons to log in or to
    request membership, or, for a logged-in user without access, where they stand.
    """
    user = request.user
    pending = None
    if user.is_authenticated:
        pending = (
            MembershipRequest.objects.filter(user=user)
            .exclude(status=MembershipRequest.Status.EXPIRED)
            .order_by("-created_at")
            .first()
        ) or (
            MembershipRequest.objects.filter(email__iexact=user.email, email__gt="")
            .filter(status__in=MembershipRequest.PENDING)
            .first()
            if user.email
            else None
        )
    join = request_page()
    context = {
        "login_url": _login_url(request),
        "request_page_url": join.url if join else None,
        "membership_request": pending,
    }
    return TemplateResponse(request, "membership/members_only.html", context, status=status)


def _login_url(request):
    from django.utils.http import urlencode

    return f"{members_sign_in_url()}?{urlencode({'next': request.get_full_path()})}"
