"""Admin template tags about where a page's privacy is set."""

from django import template

from wagtail.models import Page

from membership.signals import source_page

register = template.Library()


@register.simple_tag
def privacy_source(obj):
    """The source-language page whose privacy ``obj`` follows, when ``obj`` is a
    translation of it; else ``None`` (a source page, a page with no source, or not a
    page at all: the dialog is shared with collections)."""
    if not isinstance(obj, Page) or obj.pk is None:
        return None
    source = source_page(obj)
    return source if source.pk != obj.pk else None
