"""Content changes that downstream consumers hear about.

Wagtail's signals (publish, unpublish, move, delete) and changes to page view
restrictions are turned into ``PageChange`` records: a snapshot of the page taken
when the change happens (a deleted page is gone by the time anyone is told),
deduplicated per transaction. When the transaction commits, they go to the CDN
purge of API URLs and then to the publish webhooks; a rolled-back transaction
tells nobody anything.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from api import purge, webhooks
from api.caching import api_base_url
from core.access import is_members_only

PUBLISHED = "page.published"
UNPUBLISHED = "page.unpublished"
MOVED = "page.moved"
DELETED = "page.deleted"
PRIVACY_CHANGED = "page.privacy_changed"
EVENTS = [PUBLISHED, UNPUBLISHED, MOVED, DELETED, PRIVACY_CHANGED]
EVENT_CHOICES = [
    (PUBLISHED, "Page published"),
    (UNPUBLISHED, "Page unpublished"),
    (MOVED, "Page moved"),
    (DELETED, "Page deleted"),
    (PRIVACY_CHANGED, "Page privacy changed"),
]


@dataclass(frozen=True)
class PageChange:
    event: str
    page: dict
    members_only: bool
    # Pages below this one whose API answers change with it (move, privacy).
    descendant_ids: tuple = ()
    previous: dict = field(default_factory=dict)
    occurred_at: datetime = field(default_factory=timezone.now)


def page_snapshot(page) -> dict:
    """What a consumer needs to identify a page and fetch it again."""
    site_relative = page.get_url_parts()
    html_path = site_relative[2] if site_relative else None
    return {
        "id": page.pk,
        "type": f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}"
        if page.specific_class
        else "wagtailcore.Page",
        "title": page.title,
        "slug": page.slug,
        "locale": page.locale.language_code if page.locale_id else None,
        "parent_id": page.get_parent().pk if page.depth > 1 else None,
        "html_path": html_path,
        "html_url": page.get_full_url(),
        "detail_url": f"{api_base_url()}/api/v2/pages/{page.pk}/",
    }


def _deliver(changes):
    purge.purge_api_urls(changes)
    webhooks.queue_webhooks(changes)


class _Pending:
    """A change waiting for its transaction to commit.

    A later change of the same kind to the same page in the same transaction
    replaces it (a restriction and its groups are saved separately), and deleting
    a page cancels its pending unpublish (Wagtail unpublishes a page it deletes) and
    any privacy change its deletion makes (its restrictions go with it).
    """

    def __init__(self, change):
        self.change = change
        self.cancelled = False

    def deliver(self):
        pending = connection.__dict__.get("odn_api_pending", {})
        key = (self.change.page["id"], self.change.event)
        if pending.get(key) is self:
            del pending[key]
        if not self.cancelled:
            _deliver([self.change])


def nobody_listens() -> bool:
    """No CDN to purge and no active webhook endpoint: a change has nobody to tell.
    (An endpoint registered later hears of later changes only.)"""
    from api.models import WebhookEndpoint

    return (
        not settings.WAGTAILFRONTENDCACHE
        and not WebhookEndpoint.objects.filter(active=True).exists()
    )


def _waiting(pending, key) -> bool:
    """Whether the change ``key`` waits for this transaction's commit (a rolled-back
    transaction's changes, left in ``pending``, no longer do)."""
    waiting = pending.get(key)
    return waiting is not None and any(
        entry[1] == waiting.deliver for entry in connection.run_on_commit
    )


def record(event: str, page, **extra):
    if nobody_listens():
        return
    pending = connection.__dict__.setdefault("odn_api_pending", {})
    if event in (UNPUBLISHED, PRIVACY_CHANGED) and _waiting(pending, (page.pk, DELETED)):
        # A page being deleted loses its restrictions (and is unpublished) on the way:
        # its deletion, told while its privacy still stood, is the whole news.
        return
    page = page.specific_deferred if type(page) is Page else page
    if event in (MOVED, PRIVACY_CHANGED):
        extra.setdefault(
            "descendant_ids", tuple(page.get_descendants().values_list("pk", flat=True))
        )
    change = PageChange(
        event=event, page=page_snapshot(page), members_only=is_members_only(page), **extra
    )
    if not connection.in_atomic_block:
        _deliver([change])
        return
    replaced = [(page.pk, event)] + ([(page.pk, UNPUBLISHED)] if event == DELETED else [])
    for key in replaced:
        if key in pending:
            pending.pop(key).cancelled = True
    pending[(page.pk, event)] = waiting = _Pending(change)
    transaction.on_commit(waiting.deliver)


def _on_published(sender, instance, **kwargs):
    record(PUBLISHED, instance)


def _on_unpublished(sender, instance, **kwargs):
    record(UNPUBLISHED, instance)


def site_path(url_path):
    """A page's path on its site from its tree ``url_path`` (None outside any site)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return url_path[len(root.root_path) - 1 :]
    return None


def _on_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, **kw):
    previous = {
        "parent_id": parent_page_before.pk,
        "url_path": url_path_before,
        "html_path": site_path(url_path_before),
    }
    record(MOVED, instance, previous=previous)


def _on_deleted(sender, instance, **kwargs):
    record(DELETED, instance)


def _on_restriction_changed(sender, instance, **kwargs):
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:  # the page itself is being deleted
        return
    record(PRIVACY_CHANGED, page)


def _on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _on_restriction_changed(sender, instance)


def connect():
    page_published.connect(_on_published, dispatch_uid="odn_api_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="odn_api_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="odn_api_moved")
    pre_delete.connect(_on_deleted, sender=Page, dispatch_uid="odn_api_deleted")
    post_save.connect(
        _on_restriction_changed, sender=PageViewRestriction, dispatch_uid="odn_api_privacy"
    )
    post_delete.connect(
        _on_restriction_changed, sender=PageViewRestriction, dispatch_uid="odn_api_privacy_del"
    )
    m2m_changed.connect(
        _on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="odn_api_privacy_groups",
    )
