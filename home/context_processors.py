from django.utils.functional import SimpleLazyObject

from home.navigation import main_navigation


def site_chrome(request):
    """The main navigation, computed only when a template shows it."""
    return {"main_navigation": SimpleLazyObject(lambda: main_navigation(request))}
