from django.conf import settings
from django.utils.functional import SimpleLazyObject

from home.navigation import footer_links, home_url, main_navigation, network_name


def site_chrome(request):
    """The header and footer links, each computed only when a template shows it."""
    return {
        "main_navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "footer_links": SimpleLazyObject(lambda: footer_links(request)),
        "home_url": SimpleLazyObject(lambda: home_url(request)),
        "network_name": SimpleLazyObject(lambda: network_name(request)),
        "DEFAULT_LANGUAGE_CODE": settings.LANGUAGE_CODE,
    }
