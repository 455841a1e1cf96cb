from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.mixins import BreadcrumbMixin, ListingMixin, visible_children


class SectionPage(BreadcrumbMixin, ListingMixin, Page):
    """The landing page of a section: an introduction and a card per child page."""

    introduction = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("introduction"),
        APIField("listing_summary"),
        APIField("body"),
    ]

    parent_page_types = ["home.HomePage", "pages.SectionPage"]
    subpage_types = ["pages.SectionPage", "pages.ContentPage"]

    class Meta:
        verbose_name = "section page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cards"] = list(visible_children(self, request.user).specific())
        return context


class ContentPage(BreadcrumbMixin, ListingMixin, Page):
    """A page of prose and components: history and context, guidance, resources."""

    introduction = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("introduction"),
        APIField("listing_summary"),
        APIField("body"),
    ]

    parent_page_types = ["home.HomePage", "pages.SectionPage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = "content page"
