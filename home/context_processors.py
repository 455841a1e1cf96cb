from django.utils.functional import SimpleLazyObject

from home.navigation import footer_links, home_url, main_navigation


def site_chrome(request):
    """The header and footer links, each computed only when a template shows it."""
    return {
        "main_navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "footer_links": SimpleLazyObject(lambda: footer_links(request)),
        "home_url": SimpleLazyObject(lambda: home_url(request)),
    }
