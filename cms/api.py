"""API v2: the network's content for downstream sites, at /api/v2/.

Pages and documents go through the one access rule (membership.access): a
request sees exactly what its user may see on the website. Page types add their
own query filters by defining ``api_query_parameters`` (the names they accept)
and ``filter_api_queryset(queryset, params)`` (raising BadRequestError for a
malformed value, which the API answers with a 400 and a JSON reason).
"""

from django.conf import settings

from wagtail.api.v2.filters import BaseFilterBackend
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from membership.access import visible_documents, visible_pages


def requested_page_model(request):
    """The single page model named by ``?type=``, or None."""
    try:
        models = page_models_from_string(request.GET.get("type", "") or "wagtailcore.Page")
    except (LookupError, ValueError) as error:
        raise BadRequestError("type doesn't exist") from error
    return models[0] if len(models) == 1 else None


class PageTypeFilter(BaseFilterBackend):
    """Applies the filters that a page type declares for itself."""

    def filter_queryset(self, request, queryset, view):
        filter_method = getattr(queryset.model, "filter_api_queryset", None)
        if filter_method is None:
            return queryset
        return filter_method(queryset, request.GET)


class NetworkPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [PageTypeFilter, *PagesAPIViewSet.filter_backends]

    def check_query_parameters(self, queryset):
        model = queryset.model
        extra = frozenset(getattr(model, "api_query_parameters", ()))
        original = self.known_query_parameters
        self.known_query_parameters = original | extra
        try:
            super().check_query_parameters(queryset)
        finally:
            self.known_query_parameters = original

    def get_queryset(self):
        # meta.locale is shown for every item: fetch it with the page, not once per item.
        return super().get_queryset().select_related("locale")

    def get_base_queryset(self):
        queryset = visible_pages(self.request.user, Page.objects.all())
        site = Site.find_for_request(self.request)
        if site is None:
            return queryset
        roots = [site.root_page]
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            roots += list(site.root_page.get_translations())
        scoped = Page.objects.none()
        for root in roots:
            scoped |= queryset.descendant_of(root, inclusive=True)
        return scoped


class NetworkDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return visible_documents(self.request.user, self.model.objects.all()).order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", NetworkPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", NetworkDocumentsAPIViewSet)
