"""The site search page and the autocomplete endpoint: thin views over search.results."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Site

from core.search import search_terms
from search.results import (
    KINDS,
    autocomplete_pages,
    clean_query,
    describe,
    promoted_pages,
    record_search,
    search_pages,
)

RESULTS_PER_PAGE = 10


def _language_root(request):
    """The site's home page in the language being read (None without a site)."""
    site = Site.find_for_request(request)
    return site.root_page.localized if site is not None else None


def search(request):
    """Results for ``?q=`` (optionally ``&type=`` one of KINDS, ``&page=``) in the
    reader's language: typed, summarised, with a total, promoted results first."""
    query = clean_query(request.GET.get("q"))
    terms = search_terms(query)
    kind = request.GET.get("type") if request.GET.get("type") in KINDS else ""
    root = _language_root(request)
    context = {"query": query, "kind": kind, "kinds": KINDS, "results": None, "promoted": []}
    if terms and root is not None:
        paginator = Paginator(search_pages(request.user, root, terms, kind), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        context["results"] = results
        context["described"] = describe(results.object_list, query, root)
        if results.number == 1:
            if not kind:
                context["promoted"] = promoted_pages(request.user, root, query)
            record_search(query)
    return TemplateResponse(request, "search/search.html", context)


def autocomplete(request):
    """``GET /api/v2/autocomplete/?q=<start of a title>``: up to 10 pages the requester
    may see, in the language of ``?locale=`` (default: the site's default language).

    Answers ``{"items": [{"id", "title", "type", "url"}]}``; a missing or empty ``q`` is
    a 400 with ``{"message": ...}``, never a 500.
    """
    query = search_terms(clean_query(request.GET.get("q")))
    if not query:
        return JsonResponse({"message": _("Give the start of a title in ?q=.")}, status=400)
    site = Site.find_for_request(request)
    if site is None:
        return JsonResponse({"items": []})
    root = site.root_page
    code = request.GET.get("locale")
    if code:
        if code not in dict(settings.LANGUAGES):
            return JsonResponse({"message": _("Unknown locale.")}, status=400)
        root = root.get_translations(inclusive=True).filter(locale__language_code=code).first()
        if root is None:
            return JsonResponse({"message": _("Unknown locale.")}, status=400)
    pages = autocomplete_pages(request.user, root, query)
    items = [
        {
            "id": page.pk,
            "title": page.title,
            "type": f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}",
            "url": page.get_url(request),
        }
        for page in pages
    ]
    response = JsonResponse({"items": items})
    response["Cache-Control"] = "private, no-store"
    return response
