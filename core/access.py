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
- the source language decides: a translation is hidden wherever the page of the
  source language (``LANGUAGE_CODE``) with the same translation key is hidden, so a
  translation is never less restricted than its source, whatever its own place in
  the tree or its own restrictions;
- an alias is hidden wherever its original is, wherever in the tree it stands;
- documents follow the view restrictions of their collection and its ancestors;
- a document that a page holds as its own (a guideline's controlled document) is
  also only as visible as that page: a model opts in by naming the fields in
  ``documents_follow_page = (document_field, page_path)`` (see ``document_holders``),
  and a document held by any page the user may not see (or that is not live) is
  hidden from that user, on every surface that asks ``visible_documents`` (editors,
  who see the whole library in the admin, excepted).

The restriction rows that shut a user out are read once per request (one small
query). The pages they hide are worked out by one statement (``_hidden_sql``) once
per content version and process, and kept (``_kept_hidden_set``): a check is then a
lookup in memory, and a listing hands the set to its query as one parameter, so
its cost grows with the rows it reads, never with pages x restrictions, and a
listing costs the same number of queries whatever the number of restricted sections.
Every queryset over pages, or over rows pointing at pages, goes through
``visible_pages`` or ``visible_page_q``; nothing else here is for surfaces to use.
"""

import contextlib
import threading
import time
from dataclasses import dataclass
from functools import cache, lru_cache

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
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


def source_language_code() -> str:
    """The language whose pages decide privacy for all their translations."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant

    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


# Bumped whenever something the rule reads changes (a restriction, its groups, a
# user's groups, a page moved or deleted), so a user's restrictions worked out earlier
# in the same request are read again. Other processes' changes are seen by the next
# request, which starts afresh.
_generation = [0]


def _changed(*args, **kwargs):
    _generation[0] += 1


def _shut_out_paths(user) -> tuple[str, ...]:
    """The tree paths of the restricted pages that shut ``user`` out: one small query
    (the restriction table, with whether the user is in one of each one's groups),
    read once per user per request."""
    active = bool(user and user.is_authenticated and user.is_active)
    key = (_generation[0], active, bool(active and user.is_superuser))
    cached = getattr(user, "_odn_shut_out_paths", None) if user is not None else None
    if cached is not None and cached[0] == key:
        return cached[1]
    restrictions = PageViewRestriction.objects.all()
    if active and not user.is_superuser:
        restrictions = restrictions.annotate(
            admits=Exists(
                PageViewRestriction.groups.through.objects.filter(
                    pageviewrestriction_id=OuterRef("pk"), group__user__pk=user.pk
                )
            )
        )
    else:
        restrictions = restrictions.annotate(admits=Value(bool(active and user.is_superuser)))
    paths = set()
    for path, restriction_type, admits in restrictions.values_list(
        "page__path", "restriction_type", "admits"
    ):
        if restriction_type == LOGIN and active:
            continue
        if restriction_type == GROUPS and admits:
            continue
        paths.add(path)
    # A path under another shut-out path adds nothing. Sorted, a subtree's paths follow
    # its root's, so one pass keeps the roots.
    roots: list[str] = []
    for path in sorted(paths):
        if not (roots and path.startswith(roots[-1])):
            roots.append(path)
    kept = tuple(roots)
    if user is not None:
        with contextlib.suppress(AttributeError):
            user._odn_shut_out_paths = (key, kept)
    return kept


def _hidden_ids(user) -> RawSQL | None:
    """The ids of the pages hidden from ``user``, as a subquery (``None`` when
    nothing is): the whole rule.

    Usually the kept hidden set, one array (PostgreSQL) or JSON (SQLite) parameter
    that the database hashes once per query (``_kept_hidden_set``); where no kept set
    may be used, the statement of ``_hidden_sql``, which the database evaluates afresh.
    """
    paths = _shut_out_paths(user)
    if not paths:
        return None
    kept = _kept_hidden_set(paths)
    return kept.subquery() if kept is not None else _evaluated_in_query(paths)


def _evaluated_in_query(paths: tuple[str, ...]) -> RawSQL:
    """The statement of ``_hidden_sql`` as a subquery, evaluated afresh by the database."""
    sql, params = _hidden_sql(connection.vendor, paths, source_language_code())
    return RawSQL(sql, params)  # noqa: S611 - values are parameters (_hidden_sql)


def _hidden_q(user) -> Q | None:
    """``_hidden_ids`` as a filter on pages."""
    hidden = _hidden_ids(user)
    return None if hidden is None else Q(pk__in=hidden)


# --- Hidden sets kept per content version -----------------------------------------------

# How long a process keeps a hidden set, at most, while the content version stands:
# a bound in case a new version was lost (Redis unreachable at the moment of a change
# and back before this process noticed).
HIDDEN_SET_SECONDS = 60

# Dialects whose one-parameter form of a set of ids is known (``HiddenSet.subquery``).
_SET_PARAMETER_SQL = {
    "postgresql": "SELECT unnest(%s::integer[])",
    "sqlite": "SELECT value FROM json_each(%s)",
}


@dataclass(frozen=True)
class HiddenSet:
    """The ids of the pages hidden by one set of shut-out paths, at one content version.

    ``ids`` answers "is this page hidden?" in memory; ``subquery()`` gives the same
    set to SQL as one parameter (a PostgreSQL integer array or a SQLite JSON array),
    which the database reads once per query and probes by hash, so a listing's cost
    grows with the rows it reads, never with pages x restrictions.
    """

    ids: frozenset[int]
    vendor: str
    parameter: str  # the ids, as the dialect's array text
    built: float  # time.monotonic() when worked out

    def subquery(self) -> RawSQL:
        return RawSQL(_SET_PARAMETER_SQL[self.vendor], (self.parameter,))  # noqa: S611


_kept: dict[tuple, HiddenSet] = {}
_kept_lock = threading.Lock()


def _kept_hidden_set(paths: tuple[str, ...]) -> HiddenSet | None:
    """The hidden set for ``paths``, worked out once per content version and process.

    The set is ``_hidden_sql`` run once and kept in this process under the content
    version (``core.cache.content_version``), which every change that can move a page
    in or out of it replaces: a restriction or its groups saved or deleted, a page
    created, saved, moved, copied, aliased, translated or deleted (``core.cache``). So
    a set is right for as long as its version stands, and a change makes it
    unreachable at once, in every process. ``None`` (the caller then lets the
    database evaluate the statement in its query) when:

    - the open transaction has changed content (``changed_in_open_transaction``): its
      reads may be rolled back and no other process sees them;
    - the database is neither PostgreSQL nor SQLite;
    - ``ACCESS_KEEP_HIDDEN_SETS`` is off: processes that do not share one content
      version (several processes without Redis) would miss each other's changes.

    A kept set is also dropped after ``HIDDEN_SET_SECONDS``. While the shared cache
    is unreachable each ask gets a new version, so nothing is reused.
    """
    from django.conf import settings

    from core.cache import changed_in_open_transaction, content_version

    vendor = connection.vendor
    if not settings.ACCESS_KEEP_HIDDEN_SETS or vendor not in _SET_PARAMETER_SQL:
        return None
    if changed_in_open_transaction():
        return None
    # The version is read before the set is worked out: a change committed in
    # between leaves this set under the older version, where nobody looks any more.
    version = content_version()["token"]
    language = source_language_code()
    key = (connection.alias, connection.settings_dict["NAME"], version, paths, language)
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and now - kept.built < HIDDEN_SET_SECONDS:
        return kept
    sql, params = _hidden_sql(vendor, paths, language)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = frozenset(row[0] for row in cursor.fetchall())
    # Written out once, as text: an array literal for PostgreSQL, JSON for SQLite.
    listed = ",".join(str(pk) for pk in sorted(ids))
    parameter = f"{{{listed}}}" if vendor == "postgresql" else f"[{listed}]"
    kept = HiddenSet(ids=ids, vendor=vendor, parameter=parameter, built=now)
    with _kept_lock:
        for stale in [other for other in _kept if other[2] != version or other[:2] != key[:2]]:
            del _kept[stale]
        _kept[key] = kept
    return kept


@lru_cache(maxsize=256)
def _hidden_sql(vendor: str, paths: tuple[str, ...], source_language: str):
    """``(sql, params)``: one statement selecting the ids of the pages hidden by these
    shut-out paths, for ``pk IN (...)``.

    A page is hidden when a restriction on it or on an ancestor shuts the user out
    (its path starts with a shut-out path); when it is a translation of a
    source-language page hidden that way (the source language decides, whatever the
    translation's own place or restrictions); and when it is an alias of a hidden
    page, followed ``ALIAS_DEPTH`` aliases down a chain (an alias shows its
    original's content wherever it stands). An alias further down a chain than that
    is hidden from everyone.

    Written as common table expressions (PostgreSQL and SQLite alike) so that the
    database reads the pages under the shut-out paths once and follows translations
    and aliases from that set through their indexes; the restrictions are constants
    here, so its cost grows with the pages, never with pages x restrictions. The
    statement holds no page ids: it stays right whatever is added, moved or
    restricted later, and is cached by dialect and paths.
    """
    quote = connection.ops.quote_name
    page = quote(Page._meta.db_table)
    locale = quote(Page._meta.get_field("locale").related_model._meta.db_table)
    under, params = [], []
    by_length: dict[int, list[str]] = {}
    for path in paths:
        by_length.setdefault(len(path), []).append(path)
    for length, same_depth in sorted(by_length.items()):
        marks = ", ".join(["%s"] * len(same_depth))
        under.append(f"SUBSTR(path, 1, {int(length)}) IN ({marks})")
        params += sorted(same_depth)
    deeper_joins = " ".join(
        f"JOIN {page} a{n} ON a{n - 1}.alias_of_id = a{n}.id" for n in range(1, ALIAS_DEPTH + 1)
    )
    # Only quoted table names and integers are written into the text; every path and
    # the language code are parameters.
    sql = f"""
        WITH RECURSIVE
        shut AS (SELECT id, translation_key, locale_id FROM {page} WHERE {" OR ".join(under)}),
        own AS (
            SELECT id FROM shut
            UNION
            SELECT p.id FROM {page} p WHERE p.translation_key IN (
                SELECT s.translation_key FROM shut s JOIN {locale} l ON l.id = s.locale_id
                WHERE l.language_code = %s
            )
        ),
        hidden (id, depth) AS (
            SELECT id, 0 FROM own
            UNION
            SELECT p.id, h.depth + 1 FROM {page} p JOIN hidden h ON p.alias_of_id = h.id
            WHERE h.depth < {int(ALIAS_DEPTH)}
        )
        SELECT id FROM hidden
        UNION
        SELECT a0.id FROM {page} a0 {deeper_joins} WHERE a{ALIAS_DEPTH}.alias_of_id IS NOT NULL
    """  # noqa: S608
    return " ".join(sql.split()), (*params, source_language)


# How many aliases the rule follows down a chain (an alias of an alias of a hidden
# page is hidden). An alias further down a chain is hidden from everyone but editors:
# the rule never shows what it has not checked. Kept short so that the statement stays
# within SQLite's parser limits.
ALIAS_DEPTH = 2


def visible_page_q(user, page_field: str = "page") -> Q:
    """A filter on a queryset of rows pointing at a page (``page_field``) keeping the
    rows whose page ``user`` may see and that is live: the whole listing rule, for
    calendar sources, sessions, feeds and webhooks."""
    live = Q(**{f"{page_field}__live": True})
    hidden = _hidden_ids(user)
    if hidden is None:
        return live
    return live & ~Q(**{f"{page_field}__in": hidden})


def visible_pages(user, queryset: QuerySet | None = None) -> QuerySet:
    """Live pages from ``queryset`` (default: every page) that ``user`` may see.

    The rule is applied as ``NOT (id IN (hidden ids))``, a filter on ``id`` that
    Wagtail's search backends accept, so that the result can still be handed to
    ``.search()`` (the site's search, the API's ``?search=``). It is still one SQL
    statement.
    """
    if queryset is None:
        queryset = Page.objects.all()
    hidden = _hidden_q(user)
    if hidden is None:
        return queryset.live()
    return queryset.live().exclude(hidden)


def _shown(user, page: Page, **conditions) -> bool:
    """Whether no restriction keeps ``page`` from ``user`` (and the page, as stored,
    meets ``conditions``): the rule applied to the one row, in one query whose cost
    does not grow with the number of pages."""
    pages = Page.objects.filter(pk=page.pk, **conditions)
    paths = _shut_out_paths(user)
    if not paths:
        return pages.exists()
    kept = _kept_hidden_set(paths)
    if kept is not None:
        return page.pk not in kept.ids and pages.exists()
    return pages.exclude(pk__in=_evaluated_in_query(paths)).exists()


def can_view_page(user, page: Page) -> bool:
    """Whether ``page`` is live and ``user`` may see it (``visible_pages`` for one page)."""
    return _shown(user, page, live=True)


def is_members_only(page: Page) -> bool:
    """Whether the page is kept from anonymous visitors by a restriction: its own,
    an ancestor's, its translation source's or its alias original's."""
    from django.contrib.auth.models import AnonymousUser

    return not _shown(AnonymousUser(), page)


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

    An editor is not held back from the documents of the pages they may edit (Wagtail's
    page permissions, "change" or "add" on their own pages): they open the files of
    the drafts they are writing. Anyone else with admin access, a group's chair for
    instance, is held back from another page's draft like any reader.
    """
    clause = Q()
    if user and user.is_active and user.is_superuser:
        return clause
    editable = None
    if user and user.is_active and user.has_perm("wagtailadmin.access_admin"):
        from wagtail.permissions import page_permission_policy

        editable = page_permission_policy.instances_user_has_any_permission_for(
            user, {"change"}
        ).values("pk")
    hidden = _hidden_ids(user)
    for model, document_field, page_prefix in document_holders():
        held_back = Q(**{f"{page_prefix}live": False})
        if hidden is not None:
            held_back |= Q(**{f"{page_prefix}pk__in": hidden})
        hidden_holders = model._default_manager.filter(**{document_field: OuterRef("pk")}).filter(
            held_back
        )
        if editable is not None:
            hidden_holders = hidden_holders.exclude(**{f"{page_prefix}pk__in": editable})
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
    with transaction.atomic():
        restriction = own_members_restrictions(page).first()
        if restriction is None:
            restriction = PageViewRestriction(page=page, restriction_type=GROUPS)
            restriction.save(user=user)
            restriction.groups.set(members_only_groups())
    return restriction


def clear_members_only(page: Page, user=None) -> int:
    """Remove the page's own members-only restriction; inherited ones stay. How many went."""
    with transaction.atomic():
        restrictions = list(own_members_restrictions(page))
        for restriction in restrictions:
            restriction.delete(user=user)
    return len(restrictions)


def _connect_invalidation():
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail.signals import post_page_move

    post_save.connect(_changed, sender=PageViewRestriction, dispatch_uid="odn_access_saved")
    post_delete.connect(_changed, sender=PageViewRestriction, dispatch_uid="odn_access_deleted")
    m2m_changed.connect(
        _changed, sender=PageViewRestriction.groups.through, dispatch_uid="odn_access_groups"
    )
    m2m_changed.connect(
        _changed, sender=get_user_model().groups.through, dispatch_uid="odn_access_members"
    )
    post_page_move.connect(_changed, dispatch_uid="odn_access_moved")
    post_delete.connect(_changed, sender=Page, dispatch_uid="odn_access_page_deleted")
