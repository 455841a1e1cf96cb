from wagtail.api import APIField
from wagtail.models import Page

from core.links import child_links
from core.mixins import (
    BreadcrumbMixin,
    HeadlessPreviewMixin,
    IntroductionMixin,
    ListingMixin,
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
        context["cards"] = child_links(self, request.user, request)
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
