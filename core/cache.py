"""HTTP caching of what anonymous visitors see, and the content version that invalidates it.

Three layers, each safe on its own:

- **The content version**: one short token in the shared cache (Redis in
  production), replaced by a new, never reused token whenever anything visitors
  can see may have changed: any content model saved or deleted (pages, view
  restrictions and their groups, snippets, settings, documents, collections),
  once when the change happens and again when its transaction commits. Every
  server-side copy below is stored under the version it was built with, so a
  change makes every earlier copy unreachable at once: no copy survives a
  publish, a move or a privacy change. If the cache loses the token, a new one
  is made, which is only ever a miss.
- **Server-side copies of anonymous answers** (``AnonymousCacheMiddleware``): a GET
  without an ``Authorization`` header and without a session cookie cannot come
  from a signed-in visitor or a token holder, so its answer is the public one.
  When that answer is marked ``public`` it is stored for
  ``ANONYMOUS_CACHE_SECONDS`` (0 switches storing off) and later requests for
  the same URL are served from it without touching the database.
- **Validators and headers**: a stored answer keeps its ETag (an MD5 of the body)
  and its Last-Modified time, so ``If-None-Match``/``If-Modified-Since`` are
  answered 304 from the stored copy without building the page. Anonymous HTML,
  iCalendar and XML answers get ``Cache-Control: public, max-age=HTTP_CACHE_MAX_AGE,
  s-maxage=HTTP_CACHE_S_MAXAGE``; anything a session or a token sees is
  ``private, no-store`` (``membership.middleware``, the API's caching module).

A CDN in front of the site is purged on publish and privacy change by the API
app's purge listener; ``HTTP_CACHE_S_MAXAGE`` bounds how long it can keep a copy
when a purge is lost (docs/privacy.md, "Caches and CDNs").
"""

import hashlib
import math
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

VERSION_KEY = "odn:content-version"

# Models whose rows never change what a visitor sees: saving them must not
# invalidate every cached page (a login saves the session and the user; a page
# view may create an image rendition).
IGNORED_MODELS = frozenset(
    {
        "admin.logentry",
        "auth.user",
        "auth.permission",
        "contenttypes.contenttype",
        "sessions.session",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.referenceindex",
        "wagtailcore.uploadedfile",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.pagelock",
        "wagtailimages.rendition",
        "wagtailembeds.embed",
        "wagtailsearch.indexentry",
        "wagtailsearch.sqliteftsindexentry",
        "wagtailsearch.postgresindexentry",
        "wagtailsearch.querydailyhits",
        "wagtailsearch.query",
        # The search log (the dashboard's popular searches), written by every search.
        "wagtailsearchpromotions.querydailyhits",
        "wagtailsearchpromotions.query",
        "wagtailadmin.admin",
        "wagtailusers.userprofile",
        "django_tasks_database.dbtaskresult",
        "django_tasks_db.dbtaskresult",
        "membership.membershiprequest",
        "events.personalfeedtoken",
        "wagtailcore.apitoken",
    }
)
# Apps whose rows are about tokens and deliveries, never about content.
IGNORED_APPS = frozenset({"api", "sessions", "django_tasks_db"})

CACHEABLE_TYPES = ("text/html", "text/calendar", "application/xml", "text/xml")
MAX_STORED_BYTES = 5 * 1024 * 1024


# --- The content version ----------------------------------------------------------


def _new_version() -> dict:
    now = time.time()
    return {"token": f"{time.time_ns():x}", "since": now}


def content_version() -> dict:
    """The current version: ``{"token": str, "since": epoch seconds}`` (one cache read)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        fresh = _new_version()
        # add() keeps a token another process made meanwhile.
        cache.add(VERSION_KEY, fresh, timeout=None)
        version = cache.get(VERSION_KEY) or fresh
    return version


def bump_content_version() -> dict:
    """Make every stored anonymous answer unreachable; returns the new version."""
    version = _new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def _bump_after_commit():
    bump_content_version()


def _bump_now_and_on_commit():
    bump_content_version()
    if not connection.in_atomic_block:
        return
    # Once per transaction: the bump that counts is the one after the commit, when
    # readers can see the change; the one before it serves readers inside the same
    # transaction. A rollback discards the pending callback with the transaction.
    if any(func is _bump_after_commit for _, func, _ in connection.run_on_commit):
        return
    transaction.on_commit(_bump_after_commit)


def changed_in_open_transaction() -> bool:
    """Whether the transaction now open has changed content and not yet committed.

    Its reads see changes that other processes do not, and that a rollback would
    take back: nothing worked out from them may be kept beyond the transaction
    (``core.access`` keeps hidden sets only when this is false).
    """
    if not connection.in_atomic_block:
        return False
    return any(func is _bump_after_commit for _, func, _ in connection.run_on_commit)


def affects_visitors(model) -> bool:
    meta = model._meta
    if meta.app_label in IGNORED_APPS:
        return False
    return meta.label_lower not in IGNORED_MODELS


def _on_saved_or_deleted(sender, **kwargs):
    # Rows loaded from a fixture (``raw``) are content too: a loaded alias or path
    # changes what a visitor may see.
    if affects_visitors(sender):
        _bump_now_and_on_commit()


def _on_m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and affects_visitors(sender):
        _bump_now_and_on_commit()


def _on_tree_paths_changed(sender, **kwargs):
    # A move, or treebeard's repair of a tree (``fixtree --full``), rewrites tree paths
    # with an UPDATE that sends no per-row signal.
    _bump_now_and_on_commit()


def connect():
    """Bump the version on every change to content (called once, from CoreConfig.ready)."""
    from wagtail.signals import post_page_move

    from treebeard.mp_tree import path_updated

    post_page_move.connect(_on_tree_paths_changed, dispatch_uid="odn_content_version_move")
    path_updated.connect(_on_tree_paths_changed, dispatch_uid="odn_content_version_paths")
    post_save.connect(_on_saved_or_deleted, dispatch_uid="odn_content_version_save")
    post_delete.connect(_on_saved_or_deleted, dispatch_uid="odn_content_version_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="odn_content_version_m2m")


# --- Who is asking ----------------------------------------------------------------------


def is_anonymous_request(request) -> bool:
    """A request that cannot carry a signed-in session or a token (no database needed)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("HTTP_AUTHORIZATION")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def audience_key(user) -> str:
    """What the access rule reads of a user, as a cache key part.

    Two users with the same key see the same pages: anonymous and inactive users
    are ``anon``; superusers ``su``; everyone else is their sorted group ids (the
    "login" restriction admits them all alike). One query for a signed-in user.
    """
    if not (user and user.is_authenticated and user.is_active):
        return "anon"
    if user.is_superuser:
        return "su"
    group_ids = sorted(user.groups.values_list("pk", flat=True))
    return "g" + "-".join(str(pk) for pk in group_ids)


def cached_for_audience(user, name: str, build, timeout=None):
    """``build()`` once per content version and audience, then from the cache.

    ``name`` identifies what is built (for example the feed and its filters and
    host). Used for answers that signed-in users and token holders share with
    everyone of their audience, such as iCalendar feeds.
    """
    if timeout is None:
        timeout = settings.ANONYMOUS_CACHE_SECONDS
    if not timeout:
        return build()
    key = "odn:aud:{}:{}:{}".format(
        content_version()["token"],
        audience_key(user),
        hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest(),
    )
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


# --- Headers --------------------------------------------------------------------------


def patch_public(response, max_age=None):
    """Mark an answer that holds only public content as cacheable by browsers and CDNs."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HTTP_CACHE_MAX_AGE if max_age is None else max_age,
        s_maxage=settings.HTTP_CACHE_S_MAXAGE,
    )


def patch_private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response.headers.pop("Expires", None)


def _cache_control(response) -> set[str]:
    return {
        part.strip().split("=", 1)[0].lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


def is_shareable(response) -> bool:
    directives = _cache_control(response)
    return "public" in directives and not directives & {"private", "no-store", "no-cache"}


# --- This process's own copies ------------------------------------------------------------

# Bytes of stored answers a process also keeps in its own memory, the most recently
# served first, so that a large answer (a year's calendar feed is most of a megabyte
# at an archive's size) is not fetched from Redis on every request.
LOCAL_COPY_BYTES = 4 * 1024 * 1024


class LocalCopies:
    """The stored answers this process served last, by the same keys as the shared
    cache (so under the content version: a change makes them unreachable at once) and
    for no longer than the shared copy (``ANONYMOUS_CACHE_SECONDS``)."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.size = 0
        self._entries: OrderedDict[str, tuple[float, dict, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] <= time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key, entry, timeout):
        size = len(entry["content"])
        if size > self.capacity // 2 or timeout <= 0:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (time.monotonic() + timeout, entry, size)
            self.size += size
            while self.size > self.capacity:
                self._drop(next(iter(self._entries)))

    def _drop(self, key):
        self.size -= self._entries.pop(key)[2]

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.size = 0


local_copies = LocalCopies(LOCAL_COPY_BYTES)


# --- The middleware ---------------------------------------------------------------------


class AnonymousCacheMiddleware:
    """Serve and store anonymous answers by content version; give every answer a policy.

    Placed early (after WhiteNoise), so a stored answer skips sessions,
    authentication and the database. See the module docstring for the rules.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_request(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                # A session that is not signed in (any more): never shared.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        version = content_version()
        key = self._key(request, version)
        entry = self._stored(key) if key else None
        if entry is not None:
            return self._from_entry(request, entry, version)
        response = self.get_response(request)
        self._apply_default_policy(request, response)
        if key and request.method == "GET":
            self._store(request, key, response, version)
        return response

    @staticmethod
    def _key(request, version):
        if not settings.ANONYMOUS_CACHE_SECONDS:
            return None
        try:
            host = request.get_host()
        except Exception:  # noqa: BLE001 - a bad Host header is answered 400 downstream
            return None
        identity = "\n".join(
            (host, request.get_full_path(), request.META.get("HTTP_ACCEPT", ""))
        ).encode()
        digest = hashlib.sha1(identity, usedforsecurity=False).hexdigest()
        return f"odn:anon:{version['token']}:{digest}"

    @staticmethod
    def _apply_default_policy(request, response):
        if "Cache-Control" in response:
            return
        if response.status_code != 200:
            patch_cache_control(response, no_cache=True)
            return
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        personal = request.META.get("CSRF_COOKIE_USED") or response.cookies
        if content_type in CACHEABLE_TYPES and not personal:
            patch_public(response)
        else:
            patch_cache_control(response, no_cache=True)

    @staticmethod
    def _store(request, key, response, version):
        if response.status_code != 200 or response.streaming or response.cookies:
            return
        if not is_shareable(response) or len(response.content) > MAX_STORED_BYTES:
            return
        if "ETag" not in response:
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
        built = math.floor(time.time())
        if "Last-Modified" not in response:
            response["Last-Modified"] = http_date(built)
        entry = {
            "content": response.content,
            "headers": list(response.items()),
            "etag": response["ETag"],
            "built": built,
            # If-Modified-Since is trusted only when no older version can share this
            # second (HTTP dates have a resolution of one second).
            "trust_date": built > math.floor(version["since"]),
        }
        cache.set(key, entry, settings.ANONYMOUS_CACHE_SECONDS)
        local_copies.put(key, entry, settings.ANONYMOUS_CACHE_SECONDS)

    @staticmethod
    def _stored(key):
        entry = local_copies.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                # Kept no longer than the shared copy lives.
                left = entry["built"] + settings.ANONYMOUS_CACHE_SECONDS - time.time()
                local_copies.put(key, entry, left)
        return entry

    @staticmethod
    def _from_entry(request, entry, version):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Cache"] = "hit"
        if request.method == "HEAD":
            response.content = b""
        if not entry["trust_date"]:
            request.META.pop("HTTP_IF_MODIFIED_SINCE", None)
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["built"], response=response
        )
