"""Membership requests and the page that takes them (the "Register here" target)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.mixins import HeadlessPreviewMixin


class MembershipRequest(models.Model):
    """A professional's request to join the network, from the form to the decision."""

    class Status(models.TextChoices):
        AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting email verification")
        AWAITING_REVIEW = "awaiting_review", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    PENDING = (Status.AWAITING_VERIFICATION, Status.AWAITING_REVIEW)

    class RegistrationBody(models.TextChoices):
        GMC = "gmc", _("GMC (General Medical Council)")
        NMC = "nmc", _("NMC (Nursing and Midwifery Council)")
        HCPC = "hcpc", _("HCPC (Health and Care Professions Council)")
        OTHER = "other", _("Other")

    full_name = models.CharField(max_length=150)
    email = models.EmailField(max_length=150, help_text="Work email, stored in lower case.")
    job_title = models.CharField(max_length=150)
    organisation = models.CharField(max_length=200, help_text="NHS trust or other organisation.")
    staff_group = models.ForeignKey(
        "core.StaffGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_group_other = models.CharField(
        "other staff group",
        max_length=100,
        blank=True,
        help_text="The applicant's own staff group when none on the list fits.",
    )
    registration_body = models.CharField(
        max_length=10, choices=RegistrationBody.choices, blank=True
    )
    registration_number = models.CharField(max_length=30, blank=True)
    access_reason = models.TextField("why access is needed", max_length=2000)
    consented_at = models.DateTimeField("consent to data processing given at")
    language = models.CharField(
        max_length=10,
        blank=True,
        help_text="The language the applicant wrote in (cy, en-gb); their emails are in it.",
    )

    status = models.CharField(
        max_length=30, choices=Status.choices, default=Status.AWAITING_VERIFICATION, db_index=True
    )
    flagged_domain = models.BooleanField(
        default=False,
        help_text="The email domain is not on the trusted list: look more closely.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(blank=True, help_text="Internal note for the network office.")
    decision_reason = models.TextField(
        blank=True, help_text="The reason given to the applicant (sent with a rejection)."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership_requests",
        help_text="The account created or reactivated on approval.",
    )
    account_conflict = models.CharField(
        max_length=255,
        blank=True,
        help_text="Set when approval found a staff, superuser or deactivated account "
        "with this address and left it alone.",
    )
    email_failure = models.CharField(
        max_length=255,
        blank=True,
        help_text="The last email that could not be sent; use 'Resend email' once fixed.",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "membership request"
        permissions = [("review_membershiprequest", "Can approve or reject membership requests")]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(status__in=["awaiting_verification", "awaiting_review"]),
                name="membership_one_pending_request_per_email",
            )
        ]

    def __str__(self):
        # No personal data: this label is copied into the audit log.
        return f"Membership request #{self.pk}"

    @property
    def staff_group_label(self):
        """The staff group as the applicant gave it: from the list, or in their own words."""
        if self.staff_group_id:
            return self.staff_group.name
        if self.staff_group_other:
            return f"Other: {self.staff_group_other}"
        return ""

    @property
    def is_pending(self):
        return self.status in self.PENDING


class MembershipRequestPage(HeadlessPreviewMixin, Page):
    """The "Register here" target: editors write its text; visitors fill in the form."""

    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Who may join and what members can read.",
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice the consent question links to.",
    )
    submitted_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        default="<p>We have sent you an email. Follow the link in it to confirm your address; "
        "the network office then reviews your request.</p>",
        help_text="Shown after the form is sent.",
    )
    verified_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        default="<p>Thank you: your email address is confirmed and the network office will "
        "review your request. We will email you with the decision.</p>",
        help_text="Shown when the applicant follows the link in the verification email.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        PageChooserPanel("privacy_notice"),
        FieldPanel("submitted_text"),
        FieldPanel("verified_text"),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "membership request page"

    def serve(self, request, *args, **kwargs):
        # membership.serve imports this module (through the form), so on first use.
        from membership.serve import serve_request_page

        return serve_request_page(self, request)
