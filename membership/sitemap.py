"""The XML sitemap: only what an anonymous visitor may see, through the access rule."""

from django.contrib.auth.models import AnonymousUser

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, Site

from core.access import visible_pages


class PublicSitemap(Sitemap):
    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        pages = Page.objects.none()
        for root in [site.root_page, *site.root_page.get_translations()]:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return (
            visible_pages(AnonymousUser(), pages).order_by("path").defer_streamfields().specific()
        )


def sitemap(request):
    return wagtail_sitemap_views.sitemap(request, sitemaps={"wagtail": PublicSitemap(request)})
