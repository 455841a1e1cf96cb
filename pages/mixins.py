"""Small behaviours shared by page types, each carrying its own panels."""

from django.db import models

from wagtail.admin.panels import FieldPanel

from membership.access import visible_pages


class BreadcrumbMixin:
    """Hands templates the breadcrumb trail, computed once in get_context."""

    def get_breadcrumbs(self):
        # Ancestors of a page the visitor may see are visible too: restrictions
        # are inherited downwards, never upwards.
        return list(self.get_ancestors().live().filter(depth__gt=1).only("id", "title", "url_path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class ListingMixin(models.Model):
    """What a page shows of itself on cards and listings elsewhere."""

    listing_summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences shown on cards and listings. Defaults to the introduction.",
    )

    promote_panels = [FieldPanel("listing_summary")]

    class Meta:
        abstract = True


def visible_children(page, user):
    """The live children of ``page`` that ``user`` may see, in tree order."""
    return visible_pages(user, page.get_children()).order_by("path")
