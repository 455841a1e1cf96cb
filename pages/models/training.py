"""Training & Education: courses for the staff groups of the pathway, and their index."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core.blocks import BodyBlock
from core.fields import StreamField
from core.formats import FORMAT_FILTER_CHOICES, DeliveryFormat, format_values
from core.mixins import BreadcrumbMixin, HeadlessPreviewMixin, IntroductionMixin, ListingMixin
from core.serializers import StaffGroupsField


class Cost(models.TextChoices):
    FREE = "free", "Free"
    PAID = "paid", "Paid"


class CourseStatus(models.TextChoices):
    OPEN = "open", "Open for booking"
    WAITING_LIST = "waiting-list", "Waiting list"
    CLOSED = "closed", "Closed"


class TrainingSession(Orderable):
    """One dated run of a course: it is also what the network calendar shows."""

    page = ParentalKey(
        "pages.TrainingCoursePage", on_delete=models.CASCADE, related_name="sessions"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    venue = models.CharField(
        max_length=255, blank=True, help_text="Where it takes place, or 'Online (Microsoft Teams)'."
    )

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("venue")]

    api_fields = [APIField("start"), APIField("end"), APIField("venue")]

    class Meta(Orderable.Meta):
        verbose_name = "session"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "A session must end after it starts."})


class TrainingCoursePage(HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, Page):
    """A course offered to staff groups on the pathway, with its dated sessions."""

    summary = models.TextField(help_text="One or two sentences: who the course is for and why.")
    body = StreamField(BodyBlock(), blank=True)
    staff_groups = ParentalManyToManyField("core.StaffGroup", blank=True, related_name="courses")
    delivery_format = models.CharField(max_length=20, choices=DeliveryFormat.choices)
    provider = models.CharField(max_length=255, help_text="Who runs the course.")
    duration = models.CharField(max_length=100, blank=True, help_text="For example '1 day'.")
    cpd_points = models.PositiveSmallIntegerField("CPD points", null=True, blank=True)
    cost = models.CharField(max_length=10, choices=Cost.choices, default=Cost.FREE)
    price = models.CharField(
        max_length=100, blank=True, help_text="For paid courses, for example '£120 per place'."
    )
    accreditation = models.CharField(max_length=255, blank=True)
    prerequisites = models.TextField(blank=True)
    booking_url = models.URLField("booking link", blank=True)
    contact_name = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=20, choices=CourseStatus.choices, default=CourseStatus.OPEN
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("staff_groups", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("delivery_format"),
                FieldPanel("provider"),
                FieldPanel("duration"),
                FieldPanel("cpd_points"),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("price")]),
                FieldPanel("accreditation"),
                FieldPanel("prerequisites"),
            ],
            heading="About the course",
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("booking_url"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
            ],
            heading="Booking",
        ),
        InlinePanel("sessions", heading="Sessions", label="Session"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("provider"),
        index.SearchField("accreditation"),
        index.FilterField("delivery_format"),
        index.FilterField("cost"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("listing_summary"),
        APIField("staff_groups", serializer=StaffGroupsField()),
        APIField("delivery_format"),
        APIField("provider"),
        APIField("duration"),
        APIField("cpd_points"),
        APIField("cost"),
        APIField("price"),
        APIField("accreditation"),
        APIField("prerequisites"),
        APIField("booking_url"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("status"),
        APIField("sessions"),
        APIField("body"),
    ]
    api_query_parameters = ("format",)
    api_query_parameter_schemas = {
        "format": {"type": "string", "enum": [value for value, _ in FORMAT_FILTER_CHOICES]},
    }

    parent_page_types = ["pages.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "training course"

    def clean(self):
        super().clean()
        if self.cost == Cost.PAID and not self.price:
            raise ValidationError({"price": "Say what a paid course costs."})

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        from wagtail.api.v2.utils import BadRequestError

        queryset = queryset.prefetch_related("staff_groups", "sessions")
        value = params.get("format")
        if value is not None:
            formats = format_values(value)
            if not formats:
                known = ", ".join(value for value, _ in FORMAT_FILTER_CHOICES)
                raise BadRequestError(f"format: {value!r} is not one of {known}")
            queryset = queryset.filter(delivery_format__in=formats)
        return queryset

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        sessions = list(self.sessions.all())
        context["upcoming_sessions"] = [session for session in sessions if session.end >= now]
        context["past_sessions"] = [session for session in sessions if session.end < now]
        context["course_staff_groups"] = list(self.staff_groups.all())
        return context


class TrainingIndexPage(
    HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, IntroductionMixin, Page
):
    """Training & Education: every course, filterable, searchable, with counts."""

    content_panels = Page.content_panels + IntroductionMixin.introduction_panels
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = IntroductionMixin.introduction_api_fields + [APIField("listing_summary")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.TrainingCoursePage"]
    max_count_per_parent = 1

    per_page = 10

    class Meta:
        verbose_name = "training index page"

    def get_context(self, request, *args, **kwargs):
        # pages.training imports these models, so it is imported on first use.
        from pages.training import course_listing

        context = super().get_context(request, *args, **kwargs)
        listing = course_listing(self, request.user, request.GET)
        paginator = Paginator(listing.queryset, self.per_page)
        page_of_courses = paginator.get_page(request.GET.get("page"))
        pagination = {}
        if page_of_courses.has_previous():
            number = page_of_courses.previous_page_number()
            pagination.update(prev_url=listing.url(page=number), prev_label=f"Page {number}")
        if page_of_courses.has_next():
            number = page_of_courses.next_page_number()
            pagination.update(next_url=listing.url(page=number), next_label=f"Page {number}")
        context.update(
            listing=listing,
            courses=page_of_courses,
            total=paginator.count,
            search_query=listing.keep.get("q", ""),
            pagination=pagination,
        )
        return context
