"""Translations keep privacy: the source language decides.

Every translation of a page carries exactly the view restrictions set on the page of
the source language (``core.access.source_language_code``). Whenever restrictions
change anywhere in a translation set, the source's restrictions are written again to
every translation, in place (a restriction is updated, never deleted and re-created)
and inside one transaction, so no reader sees a moment in which a copy has lost its
restriction. A change made on a translation is therefore undone: a translation can
never be made less (or differently) restricted than its source.

The access rule does not rely on these copies alone: a translation of a hidden
source-language page is hidden wherever it stands (core.access), so restrictions
inherited from the source's ancestors hold too. The copies keep Wagtail's own view
checks and the admin's privacy indicator in step.

A "groups" restriction with no groups is never written: the admin saves a restriction
before its groups, and copying waits until the groups are set.
"""

from contextvars import ContextVar

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction

from core.access import is_members_only, source_language_code

_syncing: ContextVar[bool] = ContextVar("membership_syncing_restrictions", default=False)
_deleting: ContextVar[frozenset] = ContextVar("membership_deleting_pages", default=frozenset())


def source_page(page: Page) -> Page:
    """The page whose privacy ``page`` follows: its source-language version (itself
    when it is one, or when there is none)."""
    source = (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=source_language_code()
        )
        .exclude(pk__in=_deleting.get())
        .first()
    )
    return source or page


def _wanted(source: Page):
    """The source's restrictions as (type, password, group ids), or None while one of
    its "groups" restrictions has no groups yet (its groups are about to be set)."""
    wanted = []
    for restriction in PageViewRestriction.objects.filter(page=source).order_by("pk"):
        group_ids = frozenset(restriction.groups.values_list("pk", flat=True))
        if restriction.restriction_type == PageViewRestriction.GROUPS and not group_ids:
            return None
        wanted.append((restriction.restriction_type, restriction.password, group_ids))
    return wanted


def _apply(target: Page, wanted, keep=None) -> None:
    """Make ``target``'s own restrictions equal ``wanted``, updating rows in place.

    The row ``keep`` (one just saved by the code that triggered this sync, which may
    still set its groups) is updated rather than removed."""
    existing = sorted(
        PageViewRestriction.objects.filter(page=target), key=lambda r: (r.pk != keep, r.pk)
    )
    for index, (restriction_type, password, group_ids) in enumerate(wanted):
        if index < len(existing):
            restriction = existing[index]
            if (restriction.restriction_type, restriction.password) != (restriction_type, password):
                restriction.restriction_type, restriction.password = restriction_type, password
                restriction.save(update_fields=["restriction_type", "password"])
        else:
            restriction = PageViewRestriction.objects.create(
                page=target, restriction_type=restriction_type, password=password
            )
        current = set(restriction.groups.values_list("pk", flat=True))
        if current != set(group_ids):
            # Add before removing, so the row never passes through "no groups".
            restriction.groups.add(*(set(group_ids) - current))
            restriction.groups.remove(*(current - set(group_ids)))
    for extra in existing[len(wanted) :]:
        # A row just saved on a translation by code that will still set its groups is
        # removed when its groups are set (the sync that follows passes no ``keep``).
        if extra.pk != keep:
            extra.delete()


def sync_translations_of(page_id: int, keep=None) -> None:
    """Write the source's restrictions to every translation of the page ``page_id``
    (and back onto the page itself when it is a translation)."""
    if page_id in _deleting.get():
        return
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    source = source_page(page)
    wanted = _wanted(source)
    if wanted is None:
        return
    targets = (
        Page.objects.filter(translation_key=source.translation_key)
        .exclude(pk=source.pk)
        .exclude(pk__in=_deleting.get())
    )
    token = _syncing.set(True)
    try:
        with transaction.atomic():
            for target in targets:
                _apply(target, wanted, keep=keep)
    finally:
        _syncing.reset(token)


def _changed(page_id, keep=None):
    if not _syncing.get():
        sync_translations_of(page_id, keep=keep)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _changed(instance.page_id, keep=instance.pk)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, **kwargs):
    _changed(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        _changed(instance.page_id)


@receiver(pre_delete)
def page_being_deleted(sender, instance, **kwargs):
    # A deleted page's restrictions go with it: that is no change to copy.
    if isinstance(instance, Page):
        _deleting.set(_deleting.get() | {instance.pk})


def _forget_deleting(pk):
    if pk in _deleting.get():
        _deleting.set(_deleting.get() - {pk})


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    # The page's own row (the base Page row) goes last: its type's row, its
    # restrictions and anything else pointing at it are gone before it.
    if type(instance) is Page:
        _forget_deleting(instance.pk)


@receiver(post_save)
def translation_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page):
        _forget_deleting(instance.pk)  # an id used again after a rolled-back deletion
        if not _syncing.get():
            sync_translations_of(instance.pk)


def keep_members_only_on_copy(original: Page, copy: Page) -> None:
    """A copy of a members-only page stays members-only wherever it is put: where the
    copy would otherwise be public (its privacy came from the original's ancestors),
    it gets the restrictions that covered the original as its own. An editor who
    means it to be public lifts them on purpose."""
    if not is_members_only(original) or is_members_only(copy):
        return
    with transaction.atomic():
        for restriction in original.get_view_restrictions().order_by("-page__depth"):
            group_ids = list(restriction.groups.values_list("pk", flat=True))
            if restriction.restriction_type == PageViewRestriction.GROUPS and not group_ids:
                continue
            created = PageViewRestriction.objects.create(
                page=copy,
                restriction_type=restriction.restriction_type,
                password=restriction.password,
            )
            created.groups.set(group_ids)
