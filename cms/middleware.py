"""Project middleware: structured request logs, a clear 503 when the media store is
down, and the CSP exception for the Wagtail admin."""

import logging
import time
import uuid

from django.template.loader import render_to_string

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

from core.storage import StorageUnavailable

logger = logging.getLogger("cms.storage")
request_logger = logging.getLogger("cms.request")
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


class RequestLogMiddleware:
    """One structured log line per request on the ``cms.request`` logger.

    Fields: method, path (no query string: it may hold tokens), status, duration_ms,
    request_id (the proxy's X-Request-ID, else a new one, echoed in the response),
    user_id (or null). ``cms.logging.JSONFormatter`` writes them as one JSON object.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        request.request_id = request_id
        response = self.get_response(request)
        user = getattr(request, "user", None)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "request_id": request_id,
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        response["X-Request-ID"] = request_id
        return response
