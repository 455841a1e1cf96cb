from wagtail.models import Page, Site

from core.access import visible_pages
from core.models import NetworkSettings


def localized_root(request):
    """The site's home page in the language being read (worked out once per request)."""
    if not hasattr(request, "_localized_root"):
        site = Site.find_for_request(request)
        request._localized_root = site.root_page.localized if site is not None else None
    return request._localized_root


def main_navigation(request):
    """The site's top-level pages marked "show in menus" that the visitor may see.

    They are the children of the home page in the language being read, so a Welsh
    menu lists the Welsh pages and untranslated sections are left out.
    """
    root = localized_root(request)
    if root is None:
        return []
    pages = visible_pages(request.user, root.get_children()).filter(show_in_menus=True)
    current_path = request.path
    items = []
    for page in pages.order_by("path"):
        url = page.get_url(request)
        items.append(
            {
                "label": page.title,
                "url": url,
                "active": bool(url) and url != "/" and current_path.startswith(url),
                "current": url == current_path,
            }
        )
    return items


def home_url(request):
    """The URL of the home page in the language being read (the site root otherwise)."""
    root = localized_root(request)
    return (root.get_url(request) if root is not None else None) or "/"


def network_name(request):
    """The network's name in the language being read.

    The home page is titled with the network's name, so its translation names the
    network in that language; without one, the name from the network settings.
    """
    root = localized_root(request)
    site = Site.find_for_request(request)
    if root is not None and site is not None and root.pk != site.root_page_id:
        return root.title
    from core.models import NetworkSettings

    return NetworkSettings.for_request(request).network_name


def footer_links(request):
    """The footer links chosen in the network settings, in the language being read.

    A link to a page leads to that page's translation when there is one (titled in
    that language); otherwise it keeps the page's own label and declares its language.
    One query for the links and, only on a translated page, one for their translations.
    """
    network = NetworkSettings.for_request(request)
    links = list(network.footer_links.select_related("link_page__locale"))
    root = localized_root(request)
    locale_id = root.locale_id if root is not None else None
    foreign = [
        link.link_page
        for link in links
        if link.link_page_id and locale_id and link.link_page.locale_id != locale_id
    ]
    translations = {}
    if foreign:
        translated = Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in foreign], locale_id=locale_id
        )
        translations = {page.translation_key: page for page in translated}
    items = []
    for link in links:
        page = link.link_page
        if page is None:
            items.append({"label": link.label, "url": link.link_url, "lang": ""})
            continue
        translation = translations.get(page.translation_key)
        if translation is not None:
            items.append(
                {"label": translation.title, "url": translation.get_url(request), "lang": ""}
            )
        else:
            lang = page.locale.language_code if page.locale_id != locale_id else ""
            items.append({"label": link.label, "url": page.get_url(request), "lang": lang})
    return items
