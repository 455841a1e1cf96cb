"""Quality Improvement: the network's quality measures and their index."""

from django.db import models
from django.http import HttpResponse
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.fields import StreamField
from core.mixins import BreadcrumbMixin, HeadlessPreviewMixin, IntroductionMixin, ListingMixin


class Domain(models.TextChoices):
    SAFETY = "safety", "Safety"
    EFFECTIVENESS = "effectiveness", "Effectiveness"
    PATIENT_EXPERIENCE = "patient-experience", "Patient experience"
    TIMELINESS = "timeliness", "Timeliness"


class MeasureType(models.TextChoices):
    STRUCTURE = "structure", "Structure"
    PROCESS = "process", "Process"
    OUTCOME = "outcome", "Outcome"


class DataSource(models.TextChoices):
    TARN = "tarn", "TARN (Trauma Audit and Research Network)"
    ICNARC = "icnarc", "ICNARC (Case Mix Programme)"
    LOCAL = "local", "Local data"
    OTHER_AUDIT = "other-audit", "Other national audit"


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"


class MeasureStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    UNDER_REVIEW = "under-review", "Under review"
    ADOPTED = "adopted", "Adopted"
    RETIRED = "retired", "Retired"


def _check_choice(params, name, choices):
    from wagtail.api.v2.utils import BadRequestError

    value = params.get(name)
    if value is not None and value not in choices.values:
        raise BadRequestError(f"{name}: {value!r} is not one of {', '.join(choices.values)}")
    return value


def measure_code_owner(code: str, locale_id: int, exclude_pk: int | None = None):
    """The measure (not an alias) already holding ``code`` in the locale, or None."""
    found = QualityMeasurePage.objects.filter(
        measure_code=code, locale_id=locale_id, alias_of__isnull=True
    )
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.first()


def free_measure_code(code: str, locale_id: int, exclude_pk: int | None = None) -> str:
    """``code`` if it is free in the locale, else the first free ``code-2``, ``code-3``..."""
    candidate, number = code, 1
    while measure_code_owner(candidate, locale_id, exclude_pk) is not None:
        number += 1
        suffix = f"-{number}"
        candidate = code[: 20 - len(suffix)] + suffix
    return candidate


class QualityMeasurePageForm(WagtailAdminPageForm):
    """Refuses a measure code another measure already holds in the same language."""

    def clean(self):
        cleaned_data = super().clean()
        code = cleaned_data.get("measure_code")
        instance = self.instance
        if code and instance.locale_id and not instance.alias_of_id:
            owner = measure_code_owner(code, instance.locale_id, instance.pk)
            if owner is not None:
                self.add_error(
                    "measure_code",
                    f"{code} is already the code of \u201c{owner.title}\u201d in "
                    f"{instance.locale.get_display_name()}. Each quality measure needs "
                    "its own code in each language.",
                )
        return cleaned_data


class QualityMeasurePage(HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, Page):
    """A measure the network uses to improve the quality of care, with its definition."""

    measure_code = models.CharField(
        max_length=20,
        help_text=(
            "The network's code for the measure, e.g. MT-S01. Unique in each language; "
            "a translation keeps the code of the measure it translates."
        ),
    )
    domain = models.CharField(max_length=20, choices=Domain.choices)
    measure_type = models.CharField("type", max_length=20, choices=MeasureType.choices)
    rationale = models.TextField(help_text="Why the network measures this.")
    numerator = models.TextField()
    denominator = models.TextField()
    exclusions = models.TextField(blank=True)
    target = models.CharField("target or threshold", max_length=255, blank=True)
    data_source = models.CharField(max_length=20, choices=DataSource.choices)
    reporting_frequency = models.CharField(max_length=20, choices=ReportingFrequency.choices)
    status = models.CharField(
        max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PROPOSED
    )
    evidence = RichTextField(
        "evidence and references", blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    measure_owner = models.CharField(
        "owner", max_length=255, help_text="The person or group accountable for the measure."
    )
    last_reviewed = models.DateField(null=True, blank=True)
    review_date = models.DateField(help_text="When the measure is next due for review.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("measure_code"),
        MultiFieldPanel(
            [
                FieldPanel("domain"),
                FieldPanel("measure_type"),
                FieldPanel("status"),
                FieldPanel("measure_owner"),
            ],
            heading="Classification",
        ),
        FieldPanel("rationale"),
        MultiFieldPanel(
            [
                FieldPanel("numerator"),
                FieldPanel("denominator"),
                FieldPanel("exclusions"),
                FieldPanel("target"),
            ],
            heading="Definition",
        ),
        MultiFieldPanel(
            [FieldPanel("data_source"), FieldPanel("reporting_frequency")],
            heading="Reporting",
        ),
        FieldPanel("evidence"),
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("review_date")], heading="Review"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + [
        index.SearchField("measure_code"),
        index.SearchField("rationale"),
        index.SearchField("numerator"),
        index.SearchField("denominator"),
        index.FilterField("domain"),
        index.FilterField("status"),
    ]

    api_fields = [
        APIField("measure_code"),
        APIField("listing_summary"),
        APIField("domain"),
        APIField("measure_type"),
        APIField("rationale"),
        APIField("numerator"),
        APIField("denominator"),
        APIField("exclusions"),
        APIField("target"),
        APIField("data_source"),
        APIField("reporting_frequency"),
        APIField("status"),
        APIField("evidence"),
        APIField("measure_owner"),
        APIField("last_reviewed"),
        APIField("review_date"),
        APIField("body"),
    ]
    api_query_parameters = ("domain", "status")

    parent_page_types = ["pages.QualityImprovementIndexPage"]
    subpage_types = []

    # Read by the NHS.UK review-date component (wagtailnhsukfrontend/review_date.html).
    last_review_label = "Measure last reviewed:"
    next_review_label = "Next review due:"

    base_form_class = QualityMeasurePageForm

    class Meta:
        verbose_name = "quality measure"

    def save(self, *args, **kwargs):
        # A copy in the same language (the admin's Copy) cannot keep the code: it gets
        # the next free one (MT-S01-2), which the editor changes before publishing. The
        # editor's form refuses a taken code with a message (QualityMeasurePageForm).
        if self.locale_id is None and self.path:
            parent = self.get_parent()  # Wagtail's own default, set here a step earlier
            self.locale_id = parent.locale_id if parent else Locale.get_default().pk
        if self.measure_code and not self.alias_of_id and self.locale_id:
            self.measure_code = free_measure_code(self.measure_code, self.locale_id, self.pk)
        return super().save(*args, **kwargs)

    @property
    def last_review_date(self):
        return self.last_reviewed

    @property
    def next_review_date(self):
        return self.review_date

    @property
    def review_overdue(self):
        return self.review_date < timezone.localdate()

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        domain = _check_choice(params, "domain", Domain)
        status = _check_choice(params, "status", MeasureStatus)
        if domain is not None:
            queryset = queryset.filter(domain=domain)
        if status is not None:
            queryset = queryset.filter(status=status)
        return queryset


class QualityImprovementIndexPage(
    HeadlessPreviewMixin, RoutablePageMixin, BreadcrumbMixin, ListingMixin, IntroductionMixin, Page
):
    """Quality Improvement: the measures, filterable by domain and status, and as CSV."""

    content_panels = Page.content_panels + IntroductionMixin.introduction_panels
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = IntroductionMixin.introduction_api_fields + [APIField("listing_summary")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.QualityMeasurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "quality improvement index page"

    def get_context(self, request, *args, **kwargs):
        # pages.quality imports these models, so it is imported on first use.
        from pages.quality import measure_listing

        context = super().get_context(request, *args, **kwargs)
        listing = measure_listing(self, request.user, request.GET)
        context["listing"] = listing
        context["measures"] = list(listing.queryset)
        context["csv_url"] = (
            self.get_url(request) + self.reverse_subpage("measures_csv") + listing.url()
        )
        return context

    @path("csv/", name="measures_csv")
    def measures_csv(self, request):
        # pages.quality imports these models, so it is imported on first use.
        from pages.quality import measure_listing, write_measures_csv

        listing = measure_listing(self, request.user, request.GET)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="quality-measures.csv"'
        write_measures_csv(listing.queryset, response)
        return response
