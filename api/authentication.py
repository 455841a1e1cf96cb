"""Bearer tokens for downstream sites: Wagtail's own APIToken, read by DRF.

An office administrator creates a token per consumer in the admin (Settings >
API tokens), for the account whose access the consumer should have; the
plaintext is shown once. A request carrying ``Authorization: Bearer <token>``
is then answered as that account, so ``core.access`` decides what it
sees exactly as it does on the website. Resolution mirrors Wagtail's own
``wagtail.api.v3.auth.BearerTokenAuth`` (which is written for django-ninja):
digests for the current and fallback secret keys, revoked tokens and inactive
accounts refused, ``last_used_at`` refreshed at most once a minute.
"""

from django.conf import settings
from django.utils import timezone

from wagtail.models import APIToken

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

KEYWORD = "Bearer"


class APITokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != KEYWORD.lower() or not token or " " in token:
            raise exceptions.AuthenticationFailed(
                "Malformed Authorization header: expected 'Bearer <token>'."
            )
        if not APIToken.validate_token_format(token):
            raise exceptions.AuthenticationFailed("Invalid token.")
        api_token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(token))
            .first()
        )
        if api_token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if api_token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This token has been revoked.")
        if not api_token.user.is_active:
            raise exceptions.AuthenticationFailed("The account of this token is inactive.")
        touch_last_used(api_token)
        return api_token.user, api_token

    def authenticate_header(self, request):
        return f'{KEYWORD} realm="api"'


def touch_last_used(api_token):
    interval = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
    if interval is None:
        return
    now = timezone.now()
    last_used = api_token.last_used_at
    if last_used is None or (now - last_used).total_seconds() >= interval:
        APIToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        api_token.last_used_at = now
