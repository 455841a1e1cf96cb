"""Project middleware: a clear 503 when the media store is down; the CSP exception
for the Wagtail admin."""

import logging

from django.template.loader import render_to_string

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

from core.storage import StorageUnavailable

logger = logging.getLogger("core.storage")
RETRY_AFTER_SECONDS = 60


class StorageUnavailableMiddleware:
    """Answer 503 with a plain page (not a 500) when the media store cannot be reached.

    Document downloads hit this when S3 is down; pages keep serving, since their
    image URLs are built without asking the store. Admin uploads get a form error
    before they reach the store (cms/forms.py); this catches the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        from django.http import HttpResponse

        logger.warning("Media store unavailable for %s: %s", request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the one exception the Wagtail admin needs.

    The public site runs under ``CONTENT_SECURITY_POLICY`` as it stands (inline
    scripts only with the request's nonce). Wagtail's admin pages carry inline
    scripts of their own, so under /admin/ (staff only, behind login and 2FA)
    ``script-src`` also allows inline scripts; every other directive still holds.
    """

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(self.admin_prefix) and not report_only:
            replace = dict(parts.replace or {})
            replace["script-src"] = [SELF, UNSAFE_INLINE]
            parts = PolicyParts(parts.config, parts.update, replace, None)
        return parts
