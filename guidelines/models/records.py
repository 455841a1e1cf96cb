"""What a guideline leaves behind: its published versions, consultation comments and
the review reminders already sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.blocks import BodyBlock
from core.fields import StreamField
from guidelines.vocabulary import GuidelineStatus


class GuidelineVersion(models.Model):
    """One published version (major.minor) of a guideline, kept at a stable address.

    A row is written each time a guideline is published (``signals.py``); publishing
    the same version number again (a correction) updates its row. The row keeps what
    a reader of that version saw: status, dates, summary, body and the controlled
    document. Its privacy is the guideline page's: it is only served through the page.
    """

    page = models.ForeignKey(
        "guidelines.GuidelinePage", on_delete=models.CASCADE, related_name="versions"
    )
    major = models.PositiveSmallIntegerField()
    minor = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=GuidelineStatus.choices)
    title = models.CharField(max_length=255)
    approved_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_published_at = models.DateTimeField(default=timezone.now)
    last_published_at = models.DateTimeField(default=timezone.now)

    # The access rule: a kept version's document is only as visible as its guideline.
    documents_follow_page = ("document", "page__")

    class Meta:
        ordering = ["-major", "-minor"]
        constraints = [
            models.UniqueConstraint(fields=["page", "major", "minor"], name="one_row_per_version")
        ]

    def __str__(self):
        return f"{self.page.reference} v{self.version}"

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def slug(self) -> str:
        """This version's address under its guideline, e.g. ``v3-1`` (paths allow no dots)."""
        return f"v{self.major}-{self.minor}"


class ConsultationComment(models.Model):
    """A member's comment on a guideline while it is out for consultation."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    page = models.ForeignKey(
        "guidelines.GuidelinePage", on_delete=models.CASCADE, related_name="consultation_comments"
    )
    version = models.CharField(max_length=20, help_text="The version commented on, e.g. 3.0.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField(help_text="Where the commenter hears that the guideline is approved.")
    organisation = models.CharField(max_length=255)
    section = models.CharField(
        max_length=100, help_text="The section or page commented on, e.g. '4.2 Equipment'."
    )
    comment = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    office_note = models.TextField(blank=True, help_text="Seen by the network office only.")
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the commenter was told of the approved version."
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "consultation comment"

    def __str__(self):
        return f"{self.name} on {self.page.reference} ({self.section})"


class ReviewReminder(models.Model):
    """A review reminder sent to a guideline's owner: one row per guideline, review
    date and kind, so that running the daily command again never sends it twice."""

    class Kind(models.TextChoices):
        DAYS_90 = "90-days", "90 days before review"
        DAYS_30 = "30-days", "30 days before review"
        DUE = "due", "Review date reached"

    page = models.ForeignKey(
        "guidelines.GuidelinePage", on_delete=models.CASCADE, related_name="review_reminders"
    )
    review_due = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "review_due", "kind"], name="one_reminder_per_kind_and_date"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page.reference} ({self.review_due})"
