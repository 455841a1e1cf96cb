"""Which languages a page can be read in, and the visitor's preferred one.

The switcher in the header and the ``hreflang`` alternates list only the
languages in which the current page has a live translation that the visitor may
see (the access rule decides, so a members-only translation never leaks its URL).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from wagtail.models import Page

from core.access import visible_pages


def page_languages(request, page):
    """The live, visible translations of ``page``, in the order of the site's languages.

    Returns a list of dicts: ``code`` (the BCP 47 language code), ``name`` (the
    language's own name, such as "Cymraeg"), ``url`` and ``full_url`` of that
    translation, ``switch_url`` (which remembers the choice, then goes there) and
    ``current``. One query; an empty list when there is no page.
    """
    if page is None or not isinstance(page, Page) or not page.pk:
        return view_languages(request)
    user = getattr(request, "user", None)
    translations = visible_pages(user, Page.objects.filter(translation_key=page.translation_key))
    by_code = {p.locale.language_code: p for p in translations.select_related("locale")}
    languages = []
    for code, label in settings.WAGTAIL_CONTENT_LANGUAGES:
        translated = by_code.get(code)
        if translated is None:
            continue
        url = translated.get_url(request)
        if not url:
            continue
        languages.append(
            _language(code, label, url, translated.get_full_url(request), translated.pk == page.pk)
        )
    return languages


def _language(code, label, url, full_url, current) -> dict:
    """One entry of the switcher (the shape ``page_languages`` documents)."""
    return {
        "code": code,
        # Labels read "Own name (English name)": the switcher shows the own name.
        "name": label.split(" (")[0],
        "url": url,
        "full_url": full_url,
        "switch_url": reverse("switch_language", args=[code]) + "?" + urlencode({"next": url}),
        "current": current,
    }


def view_languages(request):
    """The languages of a view that is not a page (log in, search, My membership), in
    the same shape as ``page_languages``.

    A view under ``i18n_patterns`` (cms/urls.py) answers in every interface language at
    its own address (``/accounts/login/``, ``/cy/accounts/login/``), query string kept.
    An empty list for an address that is the same in every language (feeds, the API),
    and for a page address that served no page.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":
        # A page's address that served no page (not found, or the members-only
        # prompt): its other languages are unknown, so none is offered.
        return []
    path = request.get_full_path()
    current = translation.get_language()
    urls = {code: translate_url(path, code) for code, _ in settings.LANGUAGES}
    if len(set(urls.values())) < 2:
        return []
    return [
        _language(code, label, urls[code], request.build_absolute_uri(urls[code]), code == current)
        for code, label in settings.LANGUAGES
    ]


def preferred_language(request):
    """The content language the visitor prefers: their earlier choice, else Accept-Language."""
    code = translation.get_language_from_request(request, check_path=False)
    return translation.get_supported_language_variant(code)
