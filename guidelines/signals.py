from django.dispatch import receiver

from wagtail.signals import page_published

from guidelines.actions import record_published_version
from guidelines.models import GuidelinePage


@receiver(page_published, sender=GuidelinePage)
def keep_published_version(sender, instance, revision=None, **kwargs):
    record_published_version(instance, revision)
