from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateResponseMiddleware:
    """Keep responses that depend on who asks out of shared caches.

    Anything served to a logged-in user may contain members-only content, so it
    is marked ``private, no-store``; every response varies on the session cookie.
    API responses to a bearer token are handled by the API layer the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True, max_age=0)
            response.headers.pop("Expires", None)
        return response
