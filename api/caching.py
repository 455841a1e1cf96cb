"""Cache headers of API answers.

An answer to an anonymous request holds only public content, so shared caches
and browsers may keep it for ``WAGTAILAPI_CACHE_MAX_AGE`` seconds and a CDN for
``HTTP_CACHE_S_MAXAGE`` (purged sooner on publish and privacy change); it carries an
ETag, and a conditional GET with a matching ``If-None-Match`` gets a 304. An
answer to a token or a website session may hold members-only content: it is
``private, no-store``. Every answer varies on ``Authorization`` and ``Cookie``.
"""

from django.conf import settings
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)


def api_base_url():
    """Where the API answers, without a trailing slash (``WAGTAILAPI_BASE_URL``)."""
    return settings.WAGTAILAPI_BASE_URL.rstrip("/")


def is_personal(request) -> bool:
    """Whether the answer depends on who asks (a token or a logged-in session)."""
    return bool(request.META.get("HTTP_AUTHORIZATION")) or request.user.is_authenticated


def apply_cache_policy(request, response, private=False):
    """``private``: the answer is never shared, whoever asks (a page's draft)."""
    patch_vary_headers(response, ("Authorization", "Cookie"))
    if private or is_personal(request):
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response
    if response.status_code != 200:
        patch_cache_control(response, no_cache=True)
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    patch_cache_control(
        response,
        public=True,
        max_age=settings.WAGTAILAPI_CACHE_MAX_AGE,
        s_maxage=settings.HTTP_CACHE_S_MAXAGE,
    )
    set_response_etag(response)
    return get_conditional_response(request._request, etag=response["ETag"], response=response)
