"""Small behaviours shared by page types, each carrying its own panels."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from wagtail_headless_preview.models import HeadlessPreviewMixin as PackagePreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings

from core.blocks import BodyBlock
from core.fields import StreamField


class HeadlessPreviewMixin(PackagePreviewMixin):
    """The editor's preview, on the front end at HEADLESS_PREVIEW_URL when one is set.

    wagtail-headless-preview stores the draft under a signed token and shows the
    front end at ``<url>?content_type=<app.model>&token=<token>``, which fetches the
    draft from /api/v2/page_preview/ (cms/api/preview.py). Without a front end
    configured, Wagtail's own HTML preview is served. Listed first among a page's
    bases, so that it comes before Page (and RoutablePageMixin) in the MRO.
    """

    def serve_preview(self, request, mode_name):
        if headless_preview_settings.CLIENT_URLS:
            return super().serve_preview(request, mode_name)
        return super(PackagePreviewMixin, self).serve_preview(request, mode_name)


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


class IntroductionMixin(models.Model):
    """An introduction and a body of shared blocks: how most network pages open."""

    introduction = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    introduction_panels = [FieldPanel("introduction"), FieldPanel("body")]
    introduction_search_fields = [index.SearchField("introduction"), index.SearchField("body")]
    introduction_api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        abstract = True


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
