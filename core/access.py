"""The one access rule of the network site.

Every surface that shows content (page HTML, listings and section cards, menus,
search, feeds, the sitemap, API v2, documents) asks this module who may see what;
none has its own idea of it. The rule is Wagtail's own view restrictions, read
for a *user* rather than a request so that API tokens resolve to the same answer:

- a page is visible when it is live and no view restriction on it or on any of
  its ancestors shuts the user out;
- a "login" restriction admits any active, logged-in user; a "groups" restriction
  admits superusers and members of one of its groups (the "Network members" group
  for members-only content); a "password" restriction admits nobody in listings
  (its page is only reachable through Wagtail's password form);
- documents follow the view restrictions of their collection and its ancestors;
- a document that a page holds as its own (a guideline's controlled document) is
  also only as visible as that page: a model opts in by naming the fields in
  ``documents_follow_page = (document_field, page_path)`` (see ``document_holders``),
  and a document held by any page the user may not see (or that is not live) is
  hidden from that user, on every surface that asks ``visible_documents`` (editors,
  who see the whole library in the admin, excepted).

Each check is one SQL clause with a correlated subquery over the restriction
table, so a listing costs the same whatever the number of restricted sections.
"""

from functools import cache

from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr

from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

LOGIN = BaseViewRestriction.LOGIN
GROUPS = BaseViewRestriction.GROUPS


def _covering(restrictions: QuerySet, tree_field: str, outer_path: str) -> QuerySet:
    """Restrictions set on the object referenced by ``outer_path`` or an ancestor.

    Wagtail's trees are materialised paths: an ancestor's path is a prefix of
    its descendants' paths, so "covers" is "my path starts with its path".
    """
    prefix_of_outer = Substr(OuterRef(outer_path), 1, Length(f"{tree_field}__path"))
    return restrictions.filter(**{f"{tree_field}__path": prefix_of_outer})


def _shutting_out(restrictions: QuerySet, user) -> QuerySet:
    """Narrow ``restrictions`` to the ones that this user does not pass."""
    if not (user and user.is_authenticated and user.is_active):
        return restrictions
    restrictions = restrictions.exclude(restriction_type=LOGIN)
    if user.is_superuser:
        return restrictions.exclude(restriction_type=GROUPS)
    membership = restrictions.model.groups.through.objects.filter(
        **{f"{restrictions.model._meta.model_name}_id": OuterRef("pk")},
        group_id__in=user.groups.values("pk"),
    )
    return restrictions.exclude(Q(restriction_type=GROUPS) & Exists(membership))


def page_visibility_q(user, path_field: str = "path") -> Q:
    """A filter on a page queryset keeping the pages this user may see.

    ``path_field`` names the page path from the queried model, for querysets of
    models that point at a page (for example ``"page__path"``).
    """
    covering = _covering(PageViewRestriction.objects.all(), "page", path_field)
    return ~Exists(_shutting_out(covering, user))


def members_only_q(path_field: str = "path") -> Q:
    """A filter keeping pages that carry any view restriction, for teaser labels."""
    return Exists(_covering(PageViewRestriction.objects.all(), "page", path_field))


def visible_pages(user, queryset: QuerySet | None = None) -> QuerySet:
    """Live pages from ``queryset`` (default: every page) that ``user`` may see.

    The rule is applied as ``pk IN (visible page ids)`` rather than as the bare
    ``NOT EXISTS`` clause, so that the result can still be handed to Wagtail's search
    (``.search()``, the API's ``?search=``), whose backends only accept filters on
    indexed fields. It is still one SQL statement.
    """
    if queryset is None:
        queryset = Page.objects.all()
    passing = Page.objects.filter(page_visibility_q(user))
    # An alias shows its original's content, so it is visible only where the
    # original is too, wherever in the tree the alias stands.
    visible_ids = passing.filter(
        Q(alias_of__isnull=True) | Q(alias_of__in=passing.values("pk"))
    ).values("pk")
    return queryset.live().filter(pk__in=visible_ids)


def can_view_page(user, page: Page) -> bool:
    return visible_pages(user, Page.objects.filter(pk=page.pk)).exists()


def is_members_only(page: Page) -> bool:
    """Whether any view restriction applies to this page (directly or inherited)."""
    return Page.objects.filter(pk=page.pk).filter(members_only_q()).exists()


@cache
def document_holders() -> tuple[tuple[type, str, str], ...]:
    """``(model, document field, page path prefix)`` for every model whose rows hold a
    document on behalf of a page.

    A model opts in with a class attribute ``documents_follow_page = ("document", "")``
    (a page type holding a document in its own field) or ``("document", "page__")``
    (a row pointing at a page, such as a kept version of it). No import of the
    feature apps is needed: the models declare it, this rule reads it.
    """
    holders = []
    for model in apps.get_models():
        spec = getattr(model, "documents_follow_page", None)
        if spec and not model._meta.abstract:
            document_field, page_prefix = spec
            holders.append((model, document_field, page_prefix))
    return tuple(holders)


def _held_by_hidden_page(user) -> Q:
    """Documents held by a page that ``user`` may not see, or that is not live.

    Editors (anyone who may use the admin) are not held back: they see every document
    in the admin's library anyway, and open the files of the drafts they are writing.
    """
    clause = Q()
    if user and user.is_active and user.has_perm("wagtailadmin.access_admin"):
        return clause
    for model, document_field, page_prefix in document_holders():
        hidden_holders = model._default_manager.filter(**{document_field: OuterRef("pk")}).filter(
            Q(**{f"{page_prefix}live": False})
            | ~page_visibility_q(user, path_field=f"{page_prefix}path")
        )
        clause |= Exists(hidden_holders)
    return clause


def visible_documents(user, queryset: QuerySet | None = None) -> QuerySet:
    """Documents whose collection (and its ancestors) this user may see, and that no
    page hidden from this user holds as its own (``document_holders``)."""
    if queryset is None:
        queryset = get_document_model().objects.all()
    covering = _covering(CollectionViewRestriction.objects.all(), "collection", "collection__path")
    queryset = queryset.filter(~Exists(_shutting_out(covering, user)))
    held = _held_by_hidden_page(user)
    return queryset.exclude(held) if held else queryset


def hidden_collection_ids(user) -> frozenset[int]:
    """Ids of the collections whose documents this user may not see (one query)."""
    covering = _covering(CollectionViewRestriction.objects.all(), "collection", "path")
    hidden = Collection.objects.filter(Exists(_shutting_out(covering, user)))
    return frozenset(hidden.values_list("pk", flat=True))


def hidden_collection_ids_for_request(request) -> frozenset[int]:
    """``hidden_collection_ids`` for the request's user, worked out once per request,
    so that a page with many document links costs one query, not one per link."""
    if request is None:
        return hidden_collection_ids(None)
    cached = getattr(request, "_hidden_collection_ids", None)
    if cached is None:
        cached = hidden_collection_ids(getattr(request, "user", None))
        request._hidden_collection_ids = cached
    return cached


def hidden_held_document_ids(user) -> frozenset[int]:
    """Ids of the documents held by a page this user may not see (one query)."""
    held = _held_by_hidden_page(user)
    if not held:
        return frozenset()
    Document = get_document_model()
    return frozenset(Document.objects.filter(held).values_list("pk", flat=True))


def document_hidden_for_request(request, document) -> bool:
    """Whether ``document`` is kept from the request's user: its collection is
    restricted, or a page hidden from the user holds it. Two queries per request,
    however many documents a page links to."""
    if document.collection_id in hidden_collection_ids_for_request(request):
        return True
    cached = getattr(request, "_hidden_held_document_ids", None) if request else None
    if cached is None:
        cached = hidden_held_document_ids(getattr(request, "user", None))
        if request is not None:
            request._hidden_held_document_ids = cached
    return document.pk in cached


def can_view_document(user, document) -> bool:
    model = type(document)
    return visible_documents(user, model.objects.filter(pk=document.pk)).exists()


def members_group() -> Group:
    from django.conf import settings

    return Group.objects.get(name=settings.MEMBERS_GROUP_NAME)


def is_member(user) -> bool:
    """A member: an active account in the members' group (or a superuser)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    from django.conf import settings

    return user.groups.filter(name=settings.MEMBERS_GROUP_NAME).exists()


def members_only_groups() -> QuerySet:
    """The groups a members-only restriction admits: members and the network office."""
    from django.conf import settings

    return Group.objects.filter(
        name__in=[settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME]
    )


def own_members_restrictions(page: Page) -> QuerySet:
    """The page's own members-only restrictions (not those inherited from its ancestors)."""
    from django.conf import settings

    return PageViewRestriction.objects.filter(
        page=page, restriction_type=GROUPS, groups__name=settings.MEMBERS_GROUP_NAME
    ).distinct()


def make_members_only(page: Page, user=None) -> PageViewRestriction:
    """Restrict ``page`` (and so its subpages) to members; logged like Wagtail's own dialog."""
    restriction = own_members_restrictions(page).first()
    if restriction is None:
        restriction = PageViewRestriction(page=page, restriction_type=GROUPS)
        restriction.save(user=user)
        restriction.groups.set(members_only_groups())
    return restriction


def clear_members_only(page: Page, user=None) -> int:
    """Remove the page's own members-only restriction; inherited ones stay. How many went."""
    restrictions = list(own_members_restrictions(page))
    for restriction in restrictions:
        restriction.delete(user=user)
    return len(restrictions)
