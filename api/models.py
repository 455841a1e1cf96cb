import secrets

from django import forms
from django.core.validators import URLValidator
from django.db import models

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from api.changes import EVENT_CHOICES, EVENTS
from api.targets import validate_webhook_url


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="The changes this site is told about.",
    )


class WebhookEndpoint(models.Model):
    """A downstream site that is told, by a signed POST, when content changes."""

    name = models.CharField(max_length=100, help_text="Who receives these, e.g. 'Trust intranet'.")
    url = models.URLField(
        max_length=500,
        verbose_name="URL",
        validators=[URLValidator(schemes=["http", "https"]), validate_webhook_url],
        help_text="A public http(s) address; redirects are not followed.",
    )
    secret = models.CharField(
        max_length=200,
        default=new_secret,
        help_text="Shared with the receiving site, which checks each request's signature with it.",
    )
    events = models.JSONField(default=list)
    include_members_only = models.BooleanField(
        default=False,
        verbose_name="May describe members-only content",
        help_text=(
            "Only for sites that hold a members' API token. Otherwise changes to "
            "members-only pages are sent with the page id alone."
        ),
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = WebhookEndpointForm
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("events"),
        FieldPanel("include_members_only"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook endpoint"

    def __str__(self):
        return self.name

    def wants(self, event):
        return self.active and event in self.events and event in EVENTS


class WebhookDelivery(models.Model):
    """One change sent to one endpoint: the delivery log shown in the admin."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    STATUS_CHOICES = [(PENDING, "Pending"), (DELIVERED, "Delivered"), (FAILED, "Failed")]

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=EVENT_CHOICES)
    page_id = models.PositiveIntegerField()
    payload = models.JSONField()
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} of page {self.page_id} to {self.endpoint}"
