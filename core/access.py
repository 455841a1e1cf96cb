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
- documents follow the view restrictions of their collection and its ancestors.

Each check is one SQL clause with a correlated subquery over the restriction
table, so a listing costs the same whatever the number of restricted sections.
"""

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


def visible_documents(user, queryset: QuerySet | None = None) -> QuerySet:
    """Documents whose collection (and its ancestors) this user may see."""
    if queryset is None:
        queryset = get_document_model().objects.all()
    covering = _covering(CollectionViewRestriction.objects.all(), "collection", "collection__path")
    return queryset.filter(~Exists(_shutting_out(covering, user)))


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
