from wagtail.models import Site

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
    """The footer links chosen in the network settings, by the link rule: the editor's
    label and the page's address (a members-only page's address is not secret; its
    title is never used), and nothing for a page that is not live."""
    network = NetworkSettings.for_request(request)
    links = list(network.footer_links.select_related("link_page"))
    viewer = viewer_for(request)
    viewer.see_pages([link.link_page_id for link in links if link.link_page_id])
    items = []
    for link in links:
        if not link.link_page_id:
            items.append({"label": link.label, "url": link.link_url})
            continue
        page_url = page_link(link.link_page, link.label, viewer=viewer, request=request).url
        if page_url:
            items.append({"label": link.label, "url": page_url})
    return items
