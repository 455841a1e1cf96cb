"""Error answers under the API's addresses are JSON, never the HTML error pages.

Django's handlers (``handler400``, ``handler403``, ``handler404``, ``handler500`` in
cms/urls.py) answer for addresses that no view matched or for exceptions that no view
caught; for the API's addresses they give ``{"message": ...}`` with the same status.
"""

from django.http import JsonResponse
from django.utils.translation import get_language_from_path
from django.views import defaults

API_PREFIXES = ("/api/", "/membership/api/")


def is_api(request) -> bool:
    """Whether the request is under an API address, in any language (``/cy/membership/api/``)."""
    path = request.path_info
    language = get_language_from_path(path)
    if language:
        path = path.removeprefix(f"/{language}")
    return path.startswith(API_PREFIXES)


def bad_request(request, exception):
    if is_api(request):
        return JsonResponse({"message": "bad request"}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return JsonResponse({"message": "permission denied"}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return JsonResponse({"message": "not found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return JsonResponse({"message": "server error"}, status=500)
    return defaults.server_error(request)
