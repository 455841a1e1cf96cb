from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page, Site

from core.access import visible_pages
from core.search import MAX_QUERY_LENGTH, search_terms

RESULTS_PER_PAGE = 10


def search_pages(user, site, query):
    """Pages of ``site`` (in every language) that ``user`` may see, matching ``query``.

    Wagtail's search backends only filter on indexed fields, so the access rule is
    applied as an id subquery: one SQL statement however many pages are restricted.
    """
    scope = Page.objects.none()
    for root in [site.root_page, *site.root_page.get_translations()]:
        scope |= Page.objects.descendant_of(root, inclusive=True)
    allowed_ids = visible_pages(user, scope).values("pk")
    return Page.objects.live().filter(pk__in=allowed_ids).search(query)


def search(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    site = Site.find_for_request(request)
    results = None
    if terms and site is not None:
        paginator = Paginator(search_pages(request.user, site, terms), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    context = {"query": query, "results": results}
    return TemplateResponse(request, "search/search.html", context)
