"""Two-factor authentication for the Wagtail admin, on django-otp's TOTP devices.

With ``ADMIN_2FA_REQUIRED`` on (the production default), a superuser or a member of
the Network office group (``NETWORK_OFFICE_GROUP_NAME``) who signs in to the admin
is sent, before any other admin page, to

- ``/admin/2fa/setup/`` when they have no confirmed TOTP device: it shows a new
  secret key (base32, and as an ``otpauth://`` address for an authenticator app)
  and confirms the device once they enter a 6-digit code from it;
- ``/admin/2fa/verify/`` when they have one: a 6-digit code from it.

A correct code marks the session verified (``django_otp.login``) for the rest of
the session. A wrong code is a form error and leaves every admin page closed; codes
are also throttled by django-otp after repeated failures. Other admin users are not
asked; members' (non-staff) sign-in never is. A lost device is removed by another
superuser in the Django shell (``TOTPDevice.objects.filter(user=...).delete()``)
or with ``manage.py shell``.
"""

from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

import django_otp
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN_PATHS_OPEN = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
)
DEVICE_NAME = "Authenticator app"


def two_factor_required_for(user) -> bool:
    """Whether ``ADMIN_2FA_REQUIRED`` makes a second factor compulsory for ``user``."""
    if not settings.ADMIN_2FA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=settings.NETWORK_OFFICE_GROUP_NAME).exists()


class AdminTwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (``request.user.is_verified()``), plus the admin gate.

    Redirects (302) an unverified superuser or Network office member from any admin
    URL except sign-in/out and the 2FA pages to set-up or verification, with
    ``?next=`` the page they asked for.
    """

    sync_capable = True
    async_capable = False

    def __call__(self, request):
        self._install_lazy_accessors(request)
        redirect = self._gate(request)
        if redirect is not None:
            return redirect
        return self.get_response(request)

    def _gate(self, request):
        user = request.user
        admin_root = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_root) or request.path.startswith(admin_root + "2fa/"):
            return None
        if not two_factor_required_for(user) or user.is_verified():
            return None
        if any(request.path.startswith(_reverse_prefix(name)) for name in ADMIN_PATHS_OPEN):
            return None
        target = (
            "two_factor_verify"
            if django_otp.user_has_device(user, confirmed=True)
            else "two_factor_setup"
        )
        return HttpResponseRedirect(f"{reverse(target)}?next={quote(request.get_full_path())}")


def _reverse_prefix(name):
    try:
        return reverse(name)
    except Exception:  # noqa: BLE001 - a URL name Wagtail may rename; then nothing is open by it
        return "\0"


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Too many wrong codes. Wait a minute, then try again.")
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                "That code is not right. Enter the current code from your app."
            )
        return token


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("otp_token")
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Add a TOTP device: GET shows its key, POST with a correct code confirms it."""
    if django_otp.user_has_device(request.user, confirmed=True):
        return HttpResponseRedirect(
            f"{reverse('two_factor_verify')}?next={quote(_next_url(request))}"
        )
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        django_otp.login(request, device)
        return HttpResponseRedirect(_next_url(request))
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "key": _base32(device),
            "config_url": device.config_url,
            "next": _next_url(request),
        },
    )


@never_cache
@sensitive_post_parameters("otp_token")
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Enter a code from the user's confirmed device; a correct one verifies the session."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return HttpResponseRedirect(
            f"{reverse('two_factor_setup')}?next={quote(_next_url(request))}"
        )
    form = TokenForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        return HttpResponseRedirect(_next_url(request))
    return render(request, "two_factor/verify.html", {"form": form, "next": _next_url(request)})


def _base32(device):
    from base64 import b32encode

    return b32encode(device.bin_key).decode()
