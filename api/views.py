"""API v2: the network's content for downstream sites, at /api/v2/.

Pages and documents go through the one access rule (core.access): a
request sees exactly what its user may see on the website. The user is the
website session's or, for a downstream site, the account of its bearer token
(authentication.py). Page types add their own query filters by defining
``api_query_parameters`` (the names they accept) and
``filter_api_queryset(queryset, params)`` (raising BadRequestError for a
malformed value, which the API answers with a 400 and a JSON reason).

Cache headers (caching.py), CDN purges (purge.py) and the OpenAPI description
(schema.py) live beside this module; docs/api.md is the consumer's guide.
"""

from datetime import date
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, path
from django.utils.functional import SimpleLazyObject

from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import (
    BadRequestError,
    get_object_detail_url,
    page_models_from_string,
)
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.fields import Field
from rest_framework.response import Response

from api.authentication import APITokenAuthentication
from api.caching import apply_cache_policy
from api.preview import previewed_page
from api.rich_text import api_rich_text, prefetch_link_targets
from core.access import visible_documents, visible_pages
from core.api_filters import related_slugs
from core.blocks import RENDITION_SPECS, image_api_representation
from core.search import search_terms

# Ids and offsets beyond these are answered with a 400 rather than handed to the
# database (whose integer columns would overflow).
MAX_ID = 2**31 - 1
MAX_OFFSET = 100_000
PAGE_ID_PARAMETERS = ("child_of", "descendant_of", "ancestor_of", "translation_of")


def requested_page_model(request):
    """The single page model named by ``?type=``, or None."""
    try:
        models = page_models_from_string(request.GET.get("type", "") or "wagtailcore.Page")
    except (LookupError, ValueError) as error:
        raise BadRequestError("type doesn't exist") from error
    return models[0] if len(models) == 1 else None


def parse_id(value, name, allow_root=False):
    if allow_root and value == "root":
        return value
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= MAX_ID:
        raise BadRequestError(f"{name} must be a positive integer (page id)")
    return int(value)


def check_common_parameters(request):
    """Reject malformed values before they reach Wagtail's filters or the database."""
    for name, value in request.GET.items():
        if "\x00" in value or "\x00" in name:
            raise BadRequestError(f"null characters are not allowed in {name!r}")
    for name in PAGE_ID_PARAMETERS:
        if name in request.GET:
            parse_id(request.GET[name], name, allow_root=name != "ancestor_of")
    if "id" in request.GET:
        parse_id(request.GET["id"], "id")
    offset = request.GET.get("offset")
    if offset is not None and offset.isdigit() and int(offset) > MAX_OFFSET:
        raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
    if "random" in request.GET.get("order", "").split(","):
        raise BadRequestError("order=random is not supported: results must be cacheable")


def filterable_fields(viewset, model) -> list[str]:
    """The fields a listing of ``model`` can be narrowed by (``?<field>=<value>``, an
    exact match): the database fields among its API fields, except text bodies (rich
    text, long text, StreamFields), child objects (a course's sessions) and the locale
    (``?locale=`` takes a language code) and fields whose name the API once used for a
    filter (``RENAMED_PARAMETERS``: a staff group page's ``staff_group`` is filtered as
    ``staff_groups``). A filter the page type declares itself (``api_query_parameters``)
    takes the place of the field of the same name."""
    own = set(getattr(model, "api_query_parameters", ()))
    names = []
    for name in viewset.get_available_fields(model, db_fields_only=True):
        if name in own or name == "locale" or name in RENAMED_PARAMETERS:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.one_to_many or field.auto_created and not field.concrete:
            continue
        if isinstance(field, models.TextField | models.JSONField | StreamField):
            continue
        if field.many_to_many and not has_slug(field.related_model):
            continue
        names.append(name)
    return names


def has_slug(model) -> bool:
    try:
        model._meta.get_field("slug")
    except FieldDoesNotExist:
        return False
    return True


class ValidatedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (``?slug=``, ``?show_in_menus=``), with each value
    checked by its model field first, so a malformed date or an out-of-range
    number is a 400 instead of a database error."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        passed_on = request.GET.copy()
        # A parameter a page type declares is its own (filter_api_queryset applies it,
        # for example a guideline's ``pathway``, which also finds "both pathways"):
        # Wagtail's exact-match field filter leaves it alone.
        for name in set(getattr(queryset.model, "api_query_parameters", ())) & fields:
            fields.discard(name)
            passed_on.pop(name, None)
        for name, value in request.GET.items():
            if name not in fields or name == "locale":
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except LookupError:
                continue
            if isinstance(field, models.ManyToManyField):
                queryset = filter_by_related_slugs(queryset, field, value)
                del passed_on[name]
                continue
            if not isinstance(field, models.Field) or field.is_relation:
                if isinstance(field, models.ForeignKey):
                    parse_id(value, name)
                continue
            if isinstance(field, models.BooleanField):
                continue  # parsed (and refused when malformed) by Wagtail
            try:
                python_value = field.to_python(value)
                field.run_validators(python_value)
            except (ValidationError, ValueError, TypeError) as error:
                raise BadRequestError(f"{value!r} is not a valid value for {name}") from error
            if isinstance(python_value, date) and not 1900 <= python_value.year <= 9998:
                raise BadRequestError(f"{name} must be a date between the years 1900 and 9998")
        return super().filter_queryset(SimpleNamespace(GET=passed_on), queryset, view)


def filter_by_related_slugs(queryset, field, value):
    """``?categories=training`` or ``?staff_groups=paramedics,dietitians``: pages linked to
    any of the named items, by slug. An unknown slug is a 400 naming it."""
    slugs = related_slugs(field.name, value, field.related_model)
    through = field.remote_field.through.objects.filter(
        **{f"{field.m2m_reverse_field_name()}__slug__in": slugs}
    )
    return queryset.filter(pk__in=through.values(field.m2m_field_name()))


class VisibleSearchFilter(SearchFilter):
    """Wagtail's search over the pages (or documents) the requester may see.

    A search backend cannot translate the access rule's subquery into its own
    filters, so the visible pages are handed to it as an ``id IN (subquery)``.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = search_terms(request.GET["search"])
        if not terms:
            return queryset.none()  # nothing searchable: quotes, spaces, punctuation
        if issubclass(queryset.model, Page) and not searched_languages_named(request):
            # Without ?locale= a search answers in the site's default language, as the
            # autocomplete endpoint does, rather than listing each page once per language.
            queryset = queryset.filter(locale=Locale.get_default())
        visible = queryset.model.objects.filter(pk__in=queryset.values("pk"))
        if issubclass(queryset.model, Page):
            visible = visible.select_related("locale")
        queryset = visible.order_by(*queryset.query.order_by)
        params = request.GET.copy()
        params["search"] = terms
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


def searched_languages_named(request) -> bool:
    """Whether the request says which language's pages it wants: ``locale``, or
    ``translation_of`` (which lists every language of one page)."""
    return bool(request.GET.get("locale")) or "translation_of" in request.GET


class PageTypeFilter:
    """Applies the filters that a page type declares for itself."""

    def filter_queryset(self, request, queryset, view):
        filter_method = getattr(queryset.model, "filter_api_queryset", None)
        if filter_method is None:
            return queryset
        return filter_method(queryset, request.GET)


class TranslationsField(Field):
    """The translations of a page that the requester may see: locale, id, URLs."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        return self.context["view"].translations_of(page)


class NetworkAPIMixin:
    """Authentication, cache headers and JSON errors shared by every endpoint."""

    authentication_classes = [APITokenAuthentication, SessionAuthentication]
    private_answers = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_common_parameters(request)
        if "pk" in kwargs and not 0 < kwargs["pk"] <= MAX_ID:
            raise Http404("not found")

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.AuthenticationFailed | exceptions.NotAuthenticated):
            response = Response({"message": str(exc.detail)}, status=status.HTTP_401_UNAUTHORIZED)
            response["WWW-Authenticate"] = self.get_authenticate_header(self.request)
            return response
        if isinstance(exc, exceptions.APIException):
            return Response({"message": str(exc.detail)}, status=exc.status_code)
        return super().handle_exception(exc)

    def dispatch(self, request, *args, **kwargs):
        # The token's or the session's account, known once DRF has authenticated.
        with api_rich_text(SimpleLazyObject(lambda: self.request.user)):
            response = super().dispatch(request, *args, **kwargs)
            return apply_cache_policy(self.request, response, private=self.private_answers)


# Filter names the API once used, and the name each has now; asked for on a page type
# that does not accept the old name, they are a 400 naming the new one.
RENAMED_PARAMETERS = {"audience": "staff_groups", "staff_group": "staff_groups"}


class RequestPageHtmlUrlField(PageHtmlUrlField):
    """``html_url``, worked out with the request: Wagtail's own field asks each page
    for its ``full_url``, which reads the sites' root paths from the cache once per
    page; with the request they are read once per answer."""

    def to_representation(self, page):
        try:
            return page.get_full_url(self.context.get("request"))
        except NoReverseMatch:
            return None


class NetworkPageSerializer(PageSerializer):
    html_url = RequestPageHtmlUrlField(read_only=True)


class NetworkPagesAPIViewSet(NetworkAPIMixin, PagesAPIViewSet):
    base_serializer_class = NetworkPageSerializer
    # Wagtail's ``format`` (renderer override, off: URL_FORMAT_OVERRIDE) and ``site`` (not
    # read: the site is the request's host) would be accepted and ignored: refused instead,
    # so that a filter a page type does not take is always a 400.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"format", "site"}
    filter_backends = [
        PageTypeFilter,
        ValidatedFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        VisibleSearchFilter,  # last: search results cannot be filtered further
    ]
    meta_fields = [*PagesAPIViewSet.meta_fields, APIField("translations", TranslationsField())]

    def check_query_parameters(self, queryset):
        model = queryset.model
        extra = frozenset(getattr(model, "api_query_parameters", ()))
        allowed = self.known_query_parameters | extra | set(filterable_fields(self, model))
        unknown = sorted(set(self.request.GET) - allowed)
        if not unknown:
            return
        reasons = [
            f"{name} is now called {RENAMED_PARAMETERS[name]}: use "
            f"?{RENAMED_PARAMETERS[name]}=<slug> (several slugs separated by commas)"
            for name in unknown
            if RENAMED_PARAMETERS.get(name) in allowed
        ]
        reasons.append(
            "query parameter is not an operation or a filter of this page type: "
            + ", ".join(unknown)
            + " (see /api/v2/schema/)"
        )
        raise BadRequestError("; ".join(reasons))

    @classmethod
    def get_object_detail_urlpath(cls, model, pk, namespace=""):
        if pk is None:
            return None  # the draft of a new page (headless preview): no detail URL yet
        return super().get_object_detail_urlpath(model, pk, namespace=namespace)

    def get_queryset(self):
        # meta.locale is shown for every item: fetch it with the page, not once per item.
        return super().get_queryset().select_related("locale")

    def get_base_queryset(self):
        """The visible pages of the request's site, in every language: worked out once
        per request (the listing, the count and the detail lookup all start here),
        the access rule applied once to the site's trees."""
        if getattr(self, "_base_queryset", None) is None:
            pages = Page.objects.all()
            site = Site.find_for_request(self.request)
            if site is not None:
                roots = [site.root_page]
                if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
                    roots += list(site.root_page.get_translations())
                scoped = Page.objects.none()
                for root in roots:
                    scoped |= Page.objects.descendant_of(root, inclusive=True)
                pages = scoped
            self._base_queryset = visible_pages(self.request.user, pages)
        return self._base_queryset.all()

    def find_object(self, queryset, request):
        if "html_path" in request.GET and Site.find_for_request(request) is None:
            raise Http404("no site serves this host")
        return super().find_object(queryset, request)

    def paginate_queryset(self, queryset):
        self.serialized_pages = list(super().paginate_queryset(queryset))
        prefetch_link_targets(self.serialized_pages)
        return self.serialized_pages

    def translations_of(self, page):
        if not hasattr(self, "_translations"):
            pages = getattr(self, "serialized_pages", None) or [page]
            keys = {item.translation_key for item in pages}
            translations = (
                visible_pages(self.request.user, Page.objects.filter(translation_key__in=keys))
                .select_related("locale")
                .order_by("locale__language_code")
            )
            self._translations = {}
            for translation in translations:
                self._translations.setdefault(translation.translation_key, []).append(translation)
        return [
            {
                "id": translation.pk,
                "locale": translation.locale.language_code,
                "title": translation.title,
                "html_url": translation.get_full_url(self.request),
                "detail_url": get_object_detail_url(
                    self.request.wagtailapi_router, self.request, Page, translation.pk
                ),
            }
            for translation in self._translations.get(page.translation_key, [])
            if translation.pk != page.pk
        ]


class PagePreviewAPIViewSet(NetworkPagesAPIViewSet):
    """``page_preview/?content_type=<app.model>&token=<token>``: the draft an editor
    previews, serialised as the pages endpoint's detail (preview.py). Never cached."""

    private_answers = True

    def detail_view(self, request, pk=None):
        return super().detail_view(request, pk)

    def get_object(self):
        if not hasattr(self, "_previewed_page"):
            self._previewed_page = previewed_page(
                self.request.GET.get("content_type", ""), self.request.GET.get("token", "")
            )
        return self._previewed_page

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "detail_view"}), name="detail")]


class RenditionsField(Field):
    """An image as renditions in a few sizes, with width, height and alt text."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, image):
        return image_api_representation(image)["renditions"]


class NetworkImagesAPIViewSet(NetworkAPIMixin, ImagesAPIViewSet):
    filter_backends = [ValidatedFieldsFilter, OrderingFilter, VisibleSearchFilter]
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]
    meta_fields = [*ImagesAPIViewSet.meta_fields, APIField("renditions", RenditionsField())]
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "renditions"]

    def get_queryset(self):
        return super().get_queryset().prefetch_renditions(*RENDITION_SPECS.values())


class NetworkDocumentsAPIViewSet(NetworkAPIMixin, DocumentsAPIViewSet):
    filter_backends = [ValidatedFieldsFilter, OrderingFilter, VisibleSearchFilter]

    def get_queryset(self):
        return visible_documents(self.request.user, self.model.objects.all()).order_by("id")


class NetworkAPIRouter(WagtailAPIRouter):
    """Wagtail's router, plus the OpenAPI description of its endpoints at schema/."""

    def get_urlpatterns(self):
        from api.schema import schema_view

        return [*super().get_urlpatterns(), path("schema/", schema_view, name="schema")]


api_router = NetworkAPIRouter("wagtailapi")
api_router.register_endpoint("pages", NetworkPagesAPIViewSet)
api_router.register_endpoint("images", NetworkImagesAPIViewSet)
api_router.register_endpoint("documents", NetworkDocumentsAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
