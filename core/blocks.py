"""StreamField blocks shared by every page type.

NHS.UK components come from wagtail-nhsuk-frontend; the subclasses here only add
what a headless front end needs: every block's API representation is complete
(rich text as display HTML, images as renditions with width, height and alt text,
documents with their download URL, pages with their id and URL) so that a
downstream site renders it without further look-ups.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from wagtailnhsukfrontend import blocks as nhsuk

from core.links import document_link, page_link, viewer_for

RENDITION_SPECS = {"small": "max-400x400", "medium": "max-800x800", "large": "max-1600x1600"}


def image_api_representation(image, alt_text=""):
    """An image as renditions a front end can use directly."""
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITION_SPECS.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt_text or getattr(image, "default_alt_text", "") or "",
        "renditions": {
            name: {
                "url": renditions[spec].full_url,
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in RENDITION_SPECS.items()
        },
    }


class PageLinkChooserBlock(blocks.PageChooserBlock):
    """A chosen page, shown by the link rule (core.links): its id and title only to
    someone who may see it."""

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return page_link(value, viewer=viewer_for(context)).api()


class APIImageChooserBlock(ImageChooserBlock):
    def get_api_representation(self, value, context=None):
        return image_api_representation(value)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "pages/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        help_text=(
            "Images are always public, even on members-only pages. "
            "Put sensitive material in a document in the members-only collection."
        )
    )
    alt_text = blocks.CharBlock(
        max_length=255,
        help_text="Describe the image for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "pages/blocks/image.html"

    def get_api_representation(self, value, context=None):
        return {
            "image": image_api_representation(value["image"], value["alt_text"]),
            "caption": value["caption"],
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, max_length=255, help_text="Defaults to the title.")

    class Meta:
        icon = "doc-full"
        template = "pages/blocks/document_link.html"

    @staticmethod
    def is_visible(value, context):
        """Members-only documents are never shown, not even by title, to anyone else."""
        return document_link(value["document"], viewer=viewer_for(context)) is not None

    def render(self, value, context=None):
        if not self.is_visible(value, context):
            return ""
        return super().render(value, context)

    def get_api_representation(self, value, context=None):
        if not self.is_visible(value, context):
            return None
        document = value["document"]
        return {
            "id": document.pk,
            "title": value["label"] or document.title,
            "download_url": document.url,
            "file_extension": document.file_extension,
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "pages/blocks/quote.html"


class APIEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        template = "pages/blocks/embed.html"

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {"url": value.url, "html": value.html}


class ActionLinkBlock(nhsuk.ActionLinkBlock):
    internal_page = PageLinkChooserBlock(label="Internal page", required=False)

    def get_api_representation(self, value, context=None):
        page = value.get("internal_page")
        link = page_link(page, value["text"], viewer=viewer_for(context))
        return {
            "text": value["text"],
            "url": link.url if page else value["external_url"],
            "page": link.api(),
            "new_window": value["new_window"],
        }


class CardBlock(blocks.StructBlock):
    """An NHS.UK clickable card pointing at a page or an address."""

    heading = blocks.CharBlock(max_length=255)
    body = blocks.TextBlock(required=False)
    internal_page = PageLinkChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "pages/blocks/card.html"

    def get_api_representation(self, value, context=None):
        page = value.get("internal_page")
        link = page_link(page, value["heading"], viewer=viewer_for(context))
        return {
            "heading": value["heading"],
            "body": value["body"],
            "url": link.url if page else value["url"],
            "page": link.api(),
        }


class CardGroupBlock(blocks.StructBlock):
    cards = blocks.ListBlock(CardBlock())

    class Meta:
        icon = "table"
        template = "pages/blocks/card_group.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="pages/blocks/rich_text.html",
    )
    image = ImageBlock()
    document = DocumentLinkBlock()
    quote = QuoteBlock()
    embed = APIEmbedBlock()
    inset_text = nhsuk.InsetTextBlock()
    warning_callout = nhsuk.WarningCalloutBlock()
    details = nhsuk.DetailsBlock()
    expander = nhsuk.ExpanderBlock()
    action_link = ActionLinkBlock()
    card_group = CardGroupBlock()
    table = nhsuk.TableBlock()
