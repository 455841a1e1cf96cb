from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def switch_language(request, code):
    """Remember the visitor's choice of language, then go to ``next`` (that language's page).

    The choice is kept in Django's language cookie, so the root address sends the
    visitor to the language they chose rather than their browser's preference.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404("Unknown language")
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
