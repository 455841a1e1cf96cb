from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey
from rest_framework import serializers

from core.access import visible_pages
from core.blocks import BodyBlock
from core.fields import StreamField
from core.links import page_link_api_representation
from core.mixins import HeadlessPreviewMixin, IntroductionMixin


class HomePageSectionCard(Orderable):
    """A section of the site that editors feature on the home page."""

    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="section_cards")
    target = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    heading = models.CharField(max_length=255, blank=True, help_text="Defaults to the page title.")
    summary = models.CharField(
        max_length=300, blank=True, help_text="Defaults to the page's listing summary."
    )

    panels = [PageChooserPanel("target"), FieldPanel("heading"), FieldPanel("summary")]

    @property
    def display_heading(self):
        return self.heading or self.target.title

    @property
    def display_summary(self):
        target = self.target
        return (
            self.summary
            or getattr(target, "listing_summary", "")
            or getattr(target, "introduction", "")
            or target.search_description
        )


class SectionCardsField(serializers.Field):
    """The home page's section cards, limited to the pages the requester may see."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context["request"]
        return [
            {
                "heading": card.display_heading,
                "summary": card.display_summary,
                "page": page_link_api_representation(card.target),
            }
            for card in page.visible_section_cards(request.user)
        ]


class HomePage(HeadlessPreviewMixin, IntroductionMixin, Page):
    """The network's front door: history and context, section cards, Register here."""

    body = StreamField(BodyBlock(), blank=True, help_text="Holds the Brief History and Context.")
    membership_heading = models.CharField(max_length=255, default="Register here")
    membership_text = models.TextField(
        blank=True,
        default=(
            "This website is designed for specialist professional use. To fully access the "
            "content please request membership from the network office using the button below."
        ),
    )
    membership_button_label = models.CharField(max_length=100, default="Request membership")
    membership_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the button leads: the membership request page.",
    )

    content_panels = (
        Page.content_panels
        + IntroductionMixin.introduction_panels
        + [
            InlinePanel("section_cards", heading="Section cards", label="Section card"),
            MultiFieldPanel(
                [
                    FieldPanel("membership_heading"),
                    FieldPanel("membership_text"),
                    FieldPanel("membership_button_label"),
                    PageChooserPanel("membership_page"),
                ],
                heading="Membership call to action",
            ),
        ]
    )

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = IntroductionMixin.introduction_api_fields + [
        APIField("section_cards", serializer=SectionCardsField()),
        APIField("membership_heading"),
        APIField("membership_text"),
        APIField("membership_button_label"),
        APIField("membership_url"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.SectionPage",
        "pages.ContentPage",
        "events.EventIndexPage",
        "pages.TrainingIndexPage",
        "pages.QualityImprovementIndexPage",
        "guidelines.GuidelineIndexPage",
        "membership.MembershipRequestPage",
    ]

    class Meta:
        verbose_name = "home page"

    @property
    def membership_url(self):
        return self.membership_page.full_url if self.membership_page_id else None

    def visible_section_cards(self, user):
        """The cards whose target page ``user`` may see, targets loaded as specific pages."""
        cards = list(self.section_cards.all())
        targets = visible_pages(user).filter(pk__in=[card.target_id for card in cards])
        targets = targets.specific().in_bulk()
        visible = [card for card in cards if card.target_id in targets]
        for card in visible:
            card.target = targets[card.target_id]
        return visible

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section_cards"] = self.visible_section_cards(request.user)
        return context
