"""Shared taxonomies and site-wide settings.

``StaffGroup`` is the vocabulary of professional groups that training, events and
staff group pages point at; ``NetworkSettings`` says who the network is and how to
reach its office (header, footer, membership emails).
"""

from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


@register_snippet
class StaffGroup(TranslatableMixin, models.Model):
    """A professional group on the trauma and critical care pathway.

    Training, events and staff group pages point at these, so a group's courses
    and events are listed without editors repeating themselves.
    """

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = "staff group"

    def __str__(self):
        return self.name

    def get_api_representation(self):
        return {"id": self.pk, "name": self.name, "slug": self.slug}


@register_setting(icon="site")
class NetworkSettings(ClusterableModel, BaseSiteSetting):
    """Who the network is and how to reach its office; shown in the header and footer."""

    network_name = models.CharField(
        max_length=255, default="Critical Care and Major Trauma Network"
    )
    office_email = models.EmailField(blank=True)
    office_phone = models.CharField(max_length=50, blank=True)
    office_address = models.TextField(blank=True)

    panels = [
        FieldPanel("network_name"),
        MultiFieldPanel(
            [FieldPanel("office_email"), FieldPanel("office_phone"), FieldPanel("office_address")],
            heading="Network office",
        ),
        InlinePanel("footer_links", heading="Footer links", label="Footer link"),
    ]

    class Meta:
        verbose_name = "network settings"


class FooterLink(Orderable):
    setting = ParentalKey(NetworkSettings, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(max_length=100)
    link_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link_url = models.URLField(blank=True)

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    @property
    def url(self):
        return self.link_page.url if self.link_page_id else self.link_url


class MembersOnlyTeaser(models.Model):
    """An editor's opt-in to show outsiders that one members-only page exists.

    Without a teaser, someone who may not read a members-only page sees nothing of it
    (``docs/privacy.md``). With one, where the page is listed among its section's
    pages (a staff group's resources, a home page's section cards), they see the
    editor's ``title`` and ``line`` with a "Members only" tag, linking to the page's
    address (which leads to the members' sign-in page), and never the page's own
    title, summary or id. The teaser is the editor's own words for outsiders; a copy,
    alias or translation of the page has none until an editor writes one.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="members_only_teaser"
    )
    title = models.CharField(
        max_length=255, help_text="Shown to outsiders instead of the page's title."
    )
    line = models.CharField(
        max_length=300, blank=True, help_text="One line for outsiders: what members will find."
    )

    class Meta:
        verbose_name = "members-only teaser"

    def __str__(self):
        return self.title
