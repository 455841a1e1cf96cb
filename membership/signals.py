"""Translations keep privacy: every translation of a page carries its view restrictions.

Whenever a page's restrictions change (added, edited, group list changed or
removed), the same restrictions are written to all its translations; a page newly
created as a translation (or alias) of a restricted page starts restricted. The
change made last is the one every language version shares.
"""

from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction

_syncing: ContextVar[bool] = ContextVar("membership_syncing_restrictions", default=False)


def copy_restrictions(source: Page, targets) -> None:
    """Make the direct view restrictions of each target page equal to the source's."""
    wanted = [
        (r.restriction_type, r.password, sorted(r.groups.values_list("pk", flat=True)))
        for r in PageViewRestriction.objects.filter(page=source).prefetch_related("groups")
    ]
    token = _syncing.set(True)
    try:
        for target in targets:
            PageViewRestriction.objects.filter(page=target).delete()
            for restriction_type, password, group_ids in wanted:
                copy = PageViewRestriction.objects.create(
                    page=target, restriction_type=restriction_type, password=password
                )
                copy.groups.set(group_ids)
    finally:
        _syncing.reset(token)


def sync_translations_of(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        copy_restrictions(page, page.get_translations())


def _schedule_sync(page_id):
    # A restriction is saved before its groups are set: the copies start with no
    # groups (admitting nobody) and are synced again when the groups are set.
    if not _syncing.get():
        sync_translations_of(page_id)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _schedule_sync(instance.page_id)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, **kwargs):
    _schedule_sync(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        _schedule_sync(instance.page_id)


@receiver(post_save)
def translation_created(sender, instance, created=False, raw=False, **kwargs):
    if not created or raw or not isinstance(instance, Page) or _syncing.get():
        return
    source = (
        Page.objects.filter(translation_key=instance.translation_key)
        .exclude(pk=instance.pk)
        .filter(view_restrictions__isnull=False)
        .first()
    )
    if source is not None:
        copy_restrictions(source, [instance])
