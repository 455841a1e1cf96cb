from wagtail.models import Site

from core.access import visible_pages
from core.models import NetworkSettings


def main_navigation(request):
    """The site's top-level pages marked "show in menus" that the visitor may see."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page.localized
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


def footer_links(request):
    """The footer links chosen in the network settings, with their pages' URLs."""
    network = NetworkSettings.for_request(request)
    links = network.footer_links.select_related("link_page")
    return [{"label": link.label, "url": link.url} for link in links]
