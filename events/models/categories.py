from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class EventCategory(TranslatableMixin, models.Model):
    """A kind of network event: governance, study day, training, audit and review."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = "event category"
        verbose_name_plural = "event categories"

    def __str__(self):
        return self.name

    def get_api_representation(self):
        return {"id": self.pk, "name": self.name, "slug": self.slug}
