from wagtail.models import Page, Site

from core.access import visible_pages
from core.links import page_link, viewer_for
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
    """The footer links chosen in the network settings, in the language being read,
    by the link rule.

    A link to a page leads to that page's translation when there is one; otherwise it
    keeps the editor's label and declares the page's language. The link rule decides
    what each page link shows (``core.links.page_link``): a translation's own title
    only to a reader who may see it, else the editor's label with the page's address
    (an address is not secret; a members-only title is). Nothing for a page that is
    not live. One query for the links, one for the viewer's access to their pages and,
    only on a translated page, one for their translations.
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
    viewer = viewer_for(request)
    targets = {
        link.pk: translations.get(link.link_page.translation_key, link.link_page)
        for link in links
        if link.link_page_id
    }
    viewer.see_pages([page.pk for page in targets.values()])
    items = []
    for link in links:
        if not link.link_page_id:
            items.append({"label": link.label, "url": link.link_url, "lang": ""})
            continue
        target = targets[link.pk]
        shown = page_link(target, link.label, viewer=viewer, request=request)
        if not shown.url:
            continue
        if target.pk != link.link_page_id and shown.page is not None:
            # The reader may see the translation: its own title, in the reader's language.
            items.append({"label": target.title, "url": shown.url, "lang": ""})
            continue
        original = link.link_page
        lang = original.locale.language_code if original.locale_id != locale_id else ""
        items.append({"label": link.label, "url": shown.url, "lang": lang})
    return items
