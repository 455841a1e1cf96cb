from django import template

from home.languages import page_languages as _page_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The languages the context's page can be read in (see home.languages)."""
    request = context.get("request")
    if request is None:
        return []
    return _page_languages(request, context.get("page"))
