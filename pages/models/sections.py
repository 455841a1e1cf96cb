from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages.mixins import (
    BreadcrumbMixin,
    HeadlessPreviewMixin,
    IntroductionMixin,
    ListingMixin,
    visible_children,
)


class SectionPage(HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, IntroductionMixin, Page):
    """The landing page of a section: an introduction and a card per child page."""

    content_panels = Page.content_panels + IntroductionMixin.introduction_panels
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = IntroductionMixin.introduction_api_fields + [APIField("listing_summary")]

    parent_page_types = ["home.HomePage", "pages.SectionPage"]
    subpage_types = ["pages.SectionPage", "pages.ContentPage", "pages.StaffGroupPage"]

    class Meta:
        verbose_name = "section page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cards"] = list(visible_children(self, request.user).specific())
        return context


class ContentPage(HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, IntroductionMixin, Page):
    """A page of prose and components: history and context, guidance, resources."""

    content_panels = Page.content_panels + IntroductionMixin.introduction_panels
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = IntroductionMixin.introduction_api_fields + [APIField("listing_summary")]

    parent_page_types = ["home.HomePage", "pages.SectionPage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = "content page"


@register_snippet
class StaffGroup(TranslatableMixin, models.Model):
    """A professional group on the trauma and critical care pathway.

    Training, events and staff group pages point at these, so a group's courses
    and events are listed without editors repeating themselves.
    """

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = "staff group"

    def __str__(self):
        return self.name

    def get_api_representation(self):
        return {"id": self.pk, "name": self.name, "slug": self.slug}
