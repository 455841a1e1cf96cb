"""A page per staff group: its people, its training and its events, without double entry."""

from datetime import timedelta

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from core.api_filters import staff_group_slugs
from core.links import child_links
from core.mixins import BreadcrumbMixin, HeadlessPreviewMixin, IntroductionMixin, ListingMixin
from core.serializers import StaffGroupField
from events.occurrences import occurrences_between


class StaffGroupContact(Orderable):
    page = ParentalKey("pages.StaffGroupPage", on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]

    api_fields = [APIField("name"), APIField("role"), APIField("email"), APIField("phone")]

    class Meta(Orderable.Meta):
        verbose_name = "contact"


class StaffGroupPage(HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, IntroductionMixin, Page):
    """A professional group's page: lists its courses and calendar from their own pages."""

    staff_group = models.ForeignKey(
        "core.StaffGroup",
        on_delete=models.PROTECT,
        related_name="pages",
        help_text="Courses and events for this group are listed on the page automatically.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("staff_group"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("contacts", heading="Contacts", label="Contact"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = [
        APIField("introduction"),
        APIField("listing_summary"),
        APIField("staff_group", serializer=StaffGroupField()),
        APIField("contacts"),
        APIField("body"),
    ]
    api_query_parameters = ("staff_groups",)

    parent_page_types = ["pages.SectionPage"]
    subpage_types = ["pages.ContentPage"]

    # How far ahead the page lists the group's calendar.
    calendar_horizon = timedelta(days=365)

    class Meta:
        verbose_name = "staff group page"

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        queryset = queryset.select_related("staff_group").prefetch_related("contacts")
        slugs = staff_group_slugs(params)
        if slugs is not None:
            queryset = queryset.filter(staff_group__slug__in=slugs)
        return queryset

    def get_context(self, request, *args, **kwargs):
        # pages.staff_groups imports these models, so it is imported on first use.
        from pages.staff_groups import group_courses, training_links

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        slug = self.staff_group.slug
        context["courses"] = group_courses(request.user, self.staff_group, self.locale_id)
        context["occurrences"] = occurrences_between(
            request.user, now, now + self.calendar_horizon, {"staff_group": slug}, self.locale_id
        )
        context["training_links"] = training_links(request, self.staff_group, self.locale_id)
        context["child_links"] = child_links(self, request.user, request)
        context["contacts"] = list(self.contacts.all())
        return context
