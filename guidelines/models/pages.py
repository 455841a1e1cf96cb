"""Guidelines & policies: the index (and its categories) and the guideline page."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Locale, Page
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField

from core.blocks import BodyBlock
from core.fields import StreamField
from core.mixins import BreadcrumbMixin, HeadlessPreviewMixin, IntroductionMixin, ListingMixin
from core.serializers import StaffGroupsField
from guidelines import serve
from guidelines.extract import extract_text
from guidelines.serializers import (
    DocumentDownloadField,
    SupersededByField,
    SupersedesField,
    VersionsField,
)
from guidelines.vocabulary import (
    DOCUMENT_EXTENSIONS,
    DocumentType,
    GuidelineStatus,
    Pathway,
)

REFERENCE_PATTERN = re.compile(r"^[A-Z]{1,6}(-[A-Z0-9]{1,6}){1,3}$")


class GuidelineIndexPage(
    RoutablePageMixin, HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, IntroductionMixin, Page
):
    """Guidelines & policies, or one category of them: every guideline below it,
    filterable by pathway, document type, staff group and status, and searchable by
    reference and by the words of the documents. A category restricted to members
    makes every guideline in it members-only."""

    content_panels = Page.content_panels + IntroductionMixin.introduction_panels
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = IntroductionMixin.introduction_api_fields + [APIField("listing_summary")]

    parent_page_types = ["home.HomePage", "guidelines.GuidelineIndexPage"]
    subpage_types = ["guidelines.GuidelineIndexPage", "guidelines.GuidelinePage"]

    per_page = 20

    class Meta:
        verbose_name = "guidelines index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(serve.index_context(self, request, GuidelinePage))
        return context


class GuidelinePage(RoutablePageMixin, HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, Page):
    """A controlled document: a clinical guideline, pathway, policy, SOP or patient
    information leaflet, with its reference, version, status, owner and review date.

    The page shows the current version; every published version stays readable at
    ``<page>/v<major>/`` (the latest of that major version) and
    ``<page>/v<major>-<minor>/`` (page paths allow no dots).
    """

    reference = models.CharField(
        max_length=30,
        help_text="The network's document reference, for example CC-G-012. Unique in each "
        "language.",
    )
    document_type = models.CharField(max_length=30, choices=DocumentType.choices)
    pathway = models.CharField(max_length=30, choices=Pathway.choices)
    staff_groups = ParentalManyToManyField("core.StaffGroup", blank=True, related_name="guidelines")
    version_major = models.PositiveSmallIntegerField("major version", default=1)
    version_minor = models.PositiveSmallIntegerField("minor version", default=0)
    status = models.CharField(
        max_length=20, choices=GuidelineStatus.choices, default=GuidelineStatus.DRAFT
    )
    owner_role = models.CharField(
        max_length=255, help_text="The role that owns the document, e.g. 'Lead transfer nurse'."
    )
    owner_name = models.CharField(max_length=255, blank=True)
    owner_email = models.EmailField(help_text="Review reminders are sent here.")
    approving_group = models.CharField(
        max_length=255, help_text="e.g. 'Network Clinical Governance Group'."
    )
    approved_on = models.DateField("approval date", null=True, blank=True)
    review_due = models.DateField("next review date", null=True, blank=True)
    summary = models.TextField(help_text="What the document covers and who it is for.")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The controlled document (PDF or Word .docx) from the document library.",
    )
    body = StreamField(BodyBlock(), blank=True)
    related = ParentalManyToManyField(
        "guidelines.GuidelinePage", blank=True, symmetrical=False, related_name="related_from"
    )
    supersedes = models.ForeignKey(
        "guidelines.GuidelinePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
        help_text="The guideline this one replaces; that guideline links here.",
    )
    # The text of the controlled document, extracted on publish for the search index.
    document_text = models.TextField(blank=True, editable=False)
    document_text_source = models.CharField(max_length=255, blank=True, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("reference"),
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("pathway")]),
                FieldPanel("staff_groups", widget=forms.CheckboxSelectMultiple),
            ],
            heading="What it is",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("version_major"), FieldPanel("version_minor")]),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("approved_on"), FieldPanel("review_due")]),
                FieldPanel("approving_group"),
            ],
            heading="Document control",
        ),
        MultiFieldPanel(
            [FieldPanel("owner_role"), FieldPanel("owner_name"), FieldPanel("owner_email")],
            heading="Owner",
        ),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
        FieldPanel("related", widget=forms.CheckboxSelectMultiple),
        FieldPanel("supersedes"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + [
        index.SearchField("reference", boost=5),
        index.AutocompleteField("reference"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("document_text"),
        index.SearchField("approving_group"),
        index.FilterField("status"),
        index.FilterField("pathway"),
        index.FilterField("document_type"),
        index.FilterField("review_due"),
    ]

    api_fields = [
        APIField("reference"),
        APIField("document_type"),
        APIField("pathway"),
        APIField("staff_groups", serializer=StaffGroupsField()),
        APIField("version"),
        APIField("status"),
        APIField("owner_role"),
        APIField("owner_name"),
        APIField("owner_email"),
        APIField("approving_group"),
        APIField("approved_on"),
        APIField("review_due"),
        APIField("summary"),
        APIField("listing_summary"),
        APIField("document_url", serializer=DocumentDownloadField(source="document")),
        APIField("body"),
        APIField("versions", serializer=VersionsField()),
        APIField("supersedes", serializer=SupersedesField()),
        APIField("superseded_by", serializer=SupersededByField()),
    ]
    api_query_parameters = (
        "status",
        "pathway",
        "document_type",
        "staff_groups",
        "review_due_before",
    )
    api_query_parameter_schemas = {"review_due_before": {"type": "string", "format": "date"}}

    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types = []

    # The access rule: the controlled document is only as visible as this page.
    documents_follow_page = ("document", "")

    class Meta:
        verbose_name = "guideline"

    def __str__(self):
        return f"{self.reference} {self.title}"

    # --- Document control -----------------------------------------------------------

    @property
    def version(self) -> str:
        return f"{self.version_major}.{self.version_minor}"

    def is_overdue(self, today: date | None = None) -> bool:
        """Approved and past its review date: still current guidance until replaced."""
        today = today or timezone.localdate()
        return (
            self.status == GuidelineStatus.APPROVED
            and self.review_due is not None
            and self.review_due < today
        )

    def status_line(self, today: date | None = None) -> str:
        """What a visitor reads first, e.g. 'Approved, review due March 2027'."""
        label = self.get_status_display()
        if self.status == GuidelineStatus.APPROVED and self.review_due:
            when = self.review_due.strftime("%B %Y")
            if self.is_overdue(today):
                return f"{label}, review was due {when}"
            return f"{label}, review due {when}"
        if self.status == GuidelineStatus.CONSULTATION:
            return f"{label}: draft version {self.version}"
        return label

    def clean(self):
        super().clean()
        errors = {}
        reference = (self.reference or "").strip().upper()
        self.reference = reference
        if reference and not REFERENCE_PATTERN.match(reference):
            errors["reference"] = (
                "Write the reference as letters and numbers in parts joined by hyphens, "
                "for example CC-G-012."
            )
        elif reference and not self.alias_of_id:  # an alias shows its original's reference
            locale_id = self.locale_id or Locale.get_default().pk
            clash = (
                GuidelinePage.objects.filter(
                    locale_id=locale_id, reference=reference, alias_of__isnull=True
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                errors["reference"] = (
                    f"{reference} is already the reference of \u201c{clash.title}\u201d. "
                    "Each guideline needs its own reference."
                )
        if self.status in (GuidelineStatus.APPROVED, GuidelineStatus.SUPERSEDED):
            if not self.approved_on:
                errors["approved_on"] = "An approved guideline needs its approval date."
            if self.status == GuidelineStatus.APPROVED and not self.review_due:
                errors["review_due"] = "An approved guideline needs its next review date."
        if self.approved_on and self.review_due and self.review_due <= self.approved_on:
            errors["review_due"] = "The next review date must come after the approval date."
        if self.document is not None:
            extension = self.document.file_extension.lower()
            if extension not in DOCUMENT_EXTENSIONS:
                errors["document"] = (
                    f"The controlled document must be a PDF or Word (.docx) file, "
                    f"not .{extension or '(none)'}."
                )
        if self.document is None and not self.body:
            errors["document"] = "Choose the controlled document, or write the guideline's body."
        if self.supersedes_id and self.supersedes_id == self.pk:
            errors["supersedes"] = "A guideline cannot supersede itself."
        if self.pk:
            latest = self.versions.order_by("-major", "-minor").first()
            if latest and (self.version_major, self.version_minor) < (latest.major, latest.minor):
                errors["version_minor"] = (
                    f"Version {self.version} is older than the published version "
                    f"{latest.version}: publish a new version with a higher number."
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A copy in the same language (the admin's Copy) cannot keep the reference: it
        # gets the next free one (CC-G-012-2), which the editor changes before publishing;
        # the editor's form refuses a taken reference with a message (``clean``).
        if self.locale_id is None and self.path:
            parent = self.get_parent()
            self.locale_id = parent.locale_id if parent else Locale.get_default().pk
        if self.reference and not self.alias_of_id and self.locale_id:
            self.reference = self.free_reference(self.reference)
        self.refresh_document_text()
        return super().save(*args, **kwargs)

    def free_reference(self, reference: str) -> str:
        """``reference``, or ``reference-2``, ``-3``... if another guideline in this
        language already holds it."""
        taken = set(
            GuidelinePage.objects.filter(
                locale_id=self.locale_id, reference__startswith=reference, alias_of__isnull=True
            )
            .exclude(pk=self.pk)
            .values_list("reference", flat=True)
        )
        candidate, number = reference, 1
        while candidate in taken:
            number += 1
            candidate = f"{reference}-{number}"
        return candidate

    def refresh_document_text(self):
        """Extract the controlled document's text when the document (or its file) changed."""
        document = self.document if self.document_id else None
        source = f"{document.pk}:{document.file_hash or document.file.name}" if document else ""
        if source != self.document_text_source:
            self.document_text = extract_text(document) if document else ""
            self.document_text_source = source

    # --- API ------------------------------------------------------------------------

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        """``status``, ``pathway``, ``document_type``, ``staff_group`` and
        ``review_due_before`` (an ISO date); a malformed value is a 400 with a reason."""
        # Wagtail's API utilities need the app registry ready, so this is imported late.
        from guidelines.filters import filter_guidelines

        return filter_guidelines(queryset, params)

    # --- Routes ---------------------------------------------------------------------

    @re_path(r"^v(?P<major>[0-9]{1,4})(?:-(?P<minor>[0-9]{1,4}))?/$", name="version")
    def version_view(self, request, major, minor=None):
        return serve.version(self, request, int(major), None if minor is None else int(minor))

    @path("comment/", name="comment")
    def comment_view(self, request):
        return serve.comment(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(serve.guideline_context(self, request))
        return context
