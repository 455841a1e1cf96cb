from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.signals import page_published

from guidelines.actions import record_published_version, reindex_document_text
from guidelines.models import GuidelinePage


@receiver(page_published, sender=GuidelinePage)
def keep_published_version(sender, instance, revision=None, **kwargs):
    record_published_version(instance, revision)


@receiver(post_save, sender=get_document_model())
def reindex_guidelines_of_document(sender, instance, raw=False, **kwargs):
    """A controlled document's file replaced in the document library: the guidelines
    holding it are searched by the new file's words once the change is committed."""
    if raw:
        return
    document_id = instance.pk
    transaction.on_commit(lambda: reindex_document_text(document_id))
