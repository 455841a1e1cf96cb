import json
from datetime import time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core.blocks import BodyBlock
from core.fields import StreamField
from core.formats import EVENT_FORMAT_CHOICES, DeliveryFormat
from core.mixins import BreadcrumbMixin, HeadlessPreviewMixin, ListingMixin
from events import api
from events.forms import EventPageForm
from events.models.categories import EventCategory
from events.recurrence import (
    MONTHLY,
    NONE,
    POSITION_CHOICES,
    REPEAT_CHOICES,
    Series,
    describe,
    setting_errors,
    to_local,
    whole_days,
)

MONTHLY_ONLY = {"data-w-rules": json.dumps({"repeat": [MONTHLY]})}


class EventPage(HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, Page):
    """One network event, or a series of them: a board, a study day, a training session."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    FULLY_BOOKED = "fully_booked"
    STATUS_CHOICES = [
        (SCHEDULED, _("Scheduled")),
        (CANCELLED, _("Cancelled")),
        (POSTPONED, _("Postponed")),
        (FULLY_BOOKED, _("Fully booked")),
    ]
    # The shared delivery-format vocabulary (core.formats), without self-paced e-learning.
    IN_PERSON = DeliveryFormat.IN_PERSON.value
    ONLINE = DeliveryFormat.ONLINE.value
    HYBRID = DeliveryFormat.HYBRID.value
    FORMAT_CHOICES = EVENT_FORMAT_CHOICES

    summary = models.TextField(help_text="What the event is and who it is for, in a sentence.")
    body = StreamField(BodyBlock(), blank=True)
    start = models.DateTimeField(help_text="UK time (Europe/London).")
    end = models.DateTimeField(
        help_text=(
            "UK time. For an all-day event, the last day it runs on (the time is ignored): "
            "12 May to 13 May is a two-day event."
        )
    )
    all_day = models.BooleanField(default=False, help_text="Runs all day, without times.")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=SCHEDULED)
    format = models.CharField(max_length=20, choices=FORMAT_CHOICES, default=IN_PERSON)
    venue = models.CharField(max_length=255, blank=True)
    address = models.TextField(blank=True)
    online_url = models.URLField(blank=True, verbose_name="joining link")
    online_details = models.TextField(
        blank=True, verbose_name="joining details", help_text="Meeting ID, passcode, dial-in."
    )
    organiser = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    booking_url = models.URLField(blank=True, verbose_name="booking link")
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Places available.")
    categories = ParentalManyToManyField(EventCategory, blank=True, related_name="events")
    staff_groups = ParentalManyToManyField(
        "core.StaffGroup", blank=True, related_name="events", help_text="Who it is for."
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    repeat = models.CharField(max_length=10, choices=REPEAT_CHOICES, default=NONE, blank=True)
    repeat_interval = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        verbose_name="every",
        help_text="1 for every week or month, 2 for every other one, and so on.",
    )
    repeat_position = models.SmallIntegerField(
        choices=POSITION_CHOICES,
        null=True,
        blank=True,
        verbose_name="week of the month",
        help_text=(
            "Monthly only: for example 'first' repeats on the first Tuesday when the first "
            "event is on a Tuesday. Leave empty to repeat on the same date each month."
        ),
    )
    repeat_until = models.DateField(null=True, blank=True, verbose_name="last date")
    repeat_count = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name="number of times"
    )
    # Kept current on save (and by `manage.py refresh_event_dates`): the end of the
    # last occurrence bounds calendar queries; the next occurrence orders the API.
    series_end = models.DateTimeField(null=True, editable=False, db_index=True)
    next_occurrence = models.DateTimeField(null=True, editable=False, db_index=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("repeat_interval"),
                # Monthly only: Wagtail's own rules controller (no script of ours) shows
                # the field for a monthly series and disables it otherwise, so a hidden
                # value is never sent. Without scripts the field stays visible.
                FieldPanel(
                    "repeat_position",
                    widget=forms.Select(attrs=MONTHLY_ONLY | {"data-w-rules-target": "enable"}),
                    attrs=MONTHLY_ONLY | {"data-w-rules-target": "show"},
                ),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "repeat_until",
                            help_text="The date of the last event in the series. Fill in "
                            "this or the number of times, not both.",
                        ),
                        FieldPanel(
                            "repeat_count",
                            help_text="How many events the series has, the first one "
                            "included. Fill in this or the last date, not both.",
                        ),
                    ]
                ),
                InlinePanel("excluded_dates", label="Date", heading="Except on"),
            ],
            heading="Repeats",
            attrs={"data-controller": "w-rules", "data-action": "change->w-rules#resolve"},
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_url"),
                FieldPanel("online_details"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldRowPanel([FieldPanel("booking_url"), FieldPanel("capacity")]),
            ],
            heading="Organiser and booking",
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("staff_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("documents", label="Document", heading="Documents"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start"),
        index.FilterField("status"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("last_day", serializer=api.LastDayField()),
        APIField("next_occurrence", serializer=api.NextOccurrenceField()),
        APIField("recurrence", serializer=api.RecurrenceField()),
        APIField("status"),
        APIField("format"),
        APIField("location", serializer=api.LocationField()),
        APIField("organiser"),
        APIField("contact_email"),
        APIField("contact_phone"),
        APIField("booking_url"),
        APIField("capacity"),
        APIField("categories", serializer=api.SnippetListField()),
        APIField("staff_groups", serializer=api.SnippetListField()),
        APIField("image", serializer=api.ImageField()),
        APIField("body"),
    ]
    api_query_parameters = api.QUERY_PARAMETERS
    api_query_parameter_schemas = api.QUERY_PARAMETER_SCHEMAS

    base_form_class = EventPageForm

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "event page"

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        return api.filter_events(queryset, params)

    def get_context(self, request, *args, **kwargs):
        # events.serve imports this module's EventPage, so it is imported on first use.
        from events.serve import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, self))
        return context

    # --- Dates -------------------------------------------------------------------

    @property
    def series(self) -> Series:
        return Series.for_event(self)

    @property
    def repeats(self) -> bool:
        return self.series.repeats

    @property
    def recurrence_description(self) -> str:
        return describe(self.series)

    def occurrences_between(self, start, end):
        return self.series.between(start, end)

    def next_occurrence_after(self, moment):
        return self.series.next_after(moment)

    @property
    def last_day(self):
        """The last calendar day of an all-day event (its stored end is exclusive)."""
        return (to_local(self.end) - timedelta(microseconds=1)).date()

    @property
    def location_text(self) -> str:
        """Venue, address and online link on one line, in the active language."""
        parts = [self.venue, ", ".join(line.strip() for line in self.address.splitlines())]
        if self.format != self.IN_PERSON and self.online_url:
            parts.append(gettext("Online: %(url)s") % {"url": self.online_url})
        elif self.format == self.ONLINE:
            parts.append(gettext("Online"))
        return ", ".join(part for part in parts if part)

    def clean(self):
        """Every problem at once: the dates and the series' settings are checked together."""
        super().clean()
        if self.start is None or self.end is None:
            errors = setting_errors(
                self.repeat, self.repeat_position, self.repeat_until, self.repeat_count
            )
        else:
            if self.all_day:
                self._normalise_all_day()
            if self.end <= self.start:
                errors = setting_errors(
                    self.repeat, self.repeat_position, self.repeat_until, self.repeat_count
                )
                errors["end"] = "The event must end after it starts."
            else:
                errors = self.series.errors()
        if errors:
            raise ValidationError(errors)

    def _normalise_all_day(self):
        """All-day events run from midnight of the first day to midnight after the last.

        Runs on every save, so it must not move a stored end again: a midnight after the
        first day is already the exclusive end. The editor's form turns the last day the
        editor chose into that end first (``EventPageForm``); code passes ``whole_days``.
        """
        first = to_local(self.start).date()
        local_end = to_local(self.end)
        last = local_end.date()
        if local_end.time() == time.min and last > first:
            last -= timedelta(days=1)
        self.start, self.end = whole_days(first, last)

    def refresh_dates(self, now=None):
        """Recompute the stored end of the series and the next occurrence."""
        series = self.series
        self.series_end = series.last_end() if series.repeats else max(self.end, self.start)
        self.next_occurrence = series.next_after(now or timezone.now())

    def save(self, *args, **kwargs):
        if self.start is not None and self.end is not None:
            # Whole seconds, as iCalendar and recurrence rules count them.
            self.start = self.start.replace(microsecond=0)
            self.end = self.end.replace(microsecond=0)
            self.refresh_dates()
        return super().save(*args, **kwargs)


class EventExcludedDate(models.Model):
    """A date on which a repeating event does not take place.

    A plain list in date order: the editor adds or removes dates, there is nothing to
    reorder.
    """

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="excluded_dates")
    date = models.DateField()

    panels = [FieldPanel("date")]

    class Meta:
        ordering = ["date"]
        verbose_name = "excluded date"

    def __str__(self):
        return self.date.strftime("%-d %B %Y")


class EventDocument(Orderable):
    """A document attached to an event: agenda, papers, slides."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=255, blank=True, help_text="Defaults to the title.")

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "event document"

    @property
    def display_label(self):
        return self.label or self.document.title
