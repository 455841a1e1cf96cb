"""Project middleware: a clear 503 when the media store is down."""

import logging

from django.template.loader import render_to_string

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
