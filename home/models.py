from django.db import models
from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Locale, Orderable, Page

from modelcluster.fields import ParentalKey
from rest_framework import serializers

from core.access import visible_pages
from core.blocks import BodyBlock
from core.fields import StreamField
from core.links import (
    Viewer,
    members_only_link_api_representation,
    page_link_api_representation,
    teasers,
)
from core.mixins import HeadlessPreviewMixin, IntroductionMixin
from home.languages import preferred_language


class HomePageSectionCard(Orderable):
    """A section of the site that editors feature on the home page."""

    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="section_cards")
    target = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    heading = models.CharField(max_length=255, blank=True, help_text="Defaults to the page title.")
    summary = models.CharField(
        max_length=300, blank=True, help_text="Defaults to the page's listing summary."
    )

    panels = [PageChooserPanel("target"), FieldPanel("heading"), FieldPanel("summary")]

    # A members-only target's teaser, set by HomePage.visible_section_cards for a
    # visitor who may not see the target: the card then says only the editor's words.
    teaser = None

    @property
    def display_heading(self):
        if self.teaser is not None:
            return self.heading or self.teaser.title
        return self.heading or self.target.title

    @property
    def display_summary(self):
        if self.teaser is not None:
            return self.summary or self.teaser.line
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
                "page": (
                    members_only_link_api_representation(card.target.full_url)
                    if card.teaser is not None
                    else page_link_api_representation(card.target)
                ),
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
        "groups.NetworkGroupIndexPage",
    ]

    class Meta:
        verbose_name = "home page"

    @property
    def membership_url(self):
        target = self.membership_target
        return target.full_url if target is not None else None

    @cached_property
    def membership_target(self):
        """Where "Register here" leads: the request page in this home page's language.

        A translation keeps the page it was copied from; its button leads to that page's
        live translation in the same language, or to the original when there is none.
        """
        if not self.membership_page_id:
            return None
        target = self.membership_page
        if target.locale_id != self.locale_id:
            translated = target.get_translations().live().filter(locale_id=self.locale_id)
            target = translated.first() or target
        return target

    def visible_section_cards(self, user):
        """The cards whose target ``user`` may see, each target in this home page's language.

        A card leads to the translation of its target in this page's locale; a card
        whose target has no live translation there is left out (a Welsh home page
        never links to an English page). A members-only target is left out for
        outsiders unless it has a teaser: then the card keeps the editor's heading and
        summary, else the teaser's words, and carries ``teaser``. Targets are loaded
        as specific pages; two queries however many cards, one more when a target is
        hidden from ``user``.
        """
        cards = list(self.section_cards.select_related("target"))
        keys = {card.target.translation_key for card in cards}
        targets = visible_pages(user).filter(locale_id=self.locale_id, translation_key__in=keys)
        by_key = {page.translation_key: page for page in targets.specific()}
        locked = {}
        if keys - by_key.keys():
            hidden = Page.objects.live().filter(
                locale_id=self.locale_id, translation_key__in=keys - by_key.keys()
            )
            for teaser in teasers(hidden, Viewer(user)).values():
                by_key[teaser.page.translation_key] = teaser.page
                locked[teaser.page.translation_key] = teaser
        visible = [card for card in cards if card.target.translation_key in by_key]
        for card in visible:
            card.teaser = locked.get(card.target.translation_key)
            card.target = by_key[card.target.translation_key]
        return visible

    def serve(self, request, *args, **kwargs):
        """At the site's root address, send visitors to their preferred language's home.

        The preference is the language they chose with the switcher, else their
        browser's Accept-Language; only a live translation they may see is used.
        """
        if request.path == "/" and self.locale_id == Locale.get_default().pk:
            code = preferred_language(request)
            if code != self.locale.language_code:
                translated = (
                    visible_pages(request.user, self.get_translations())
                    .filter(locale__language_code=code)
                    .first()
                )
                if translated is not None:
                    response = HttpResponseRedirect(translated.get_url(request))
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        response = super().serve(request, *args, **kwargs)
        if request.path == "/":
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section_cards"] = self.visible_section_cards(request.user)
        return context
