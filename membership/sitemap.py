"""The XML sitemap: only what an anonymous visitor may see, through the access rule.

While the site fits in one sitemap (``PublicSitemap.limit`` pages), ``/sitemap.xml``
is that sitemap. Beyond it, ``/sitemap.xml`` is a sitemap index (one query to
count the pages, one for the latest change) listing ``/sitemap-pages.xml?p=1``,
``?p=2``..., each of at most ``limit`` pages, so no answer grows with the archive. Both are
public answers, stored by the anonymous cache until the next content change.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, Site

from core.access import visible_pages

SECTION = "pages"


class PublicSitemap(Sitemap):
    limit = 1000

    def _pages(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        pages = Page.objects.none()
        for root in [site.root_page, *site.root_page.get_translations()]:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return visible_pages(AnonymousUser(), pages)

    def items(self):
        return self._pages().order_by("path").defer_streamfields().specific()

    def get_latest_lastmod(self):
        """The newest publication date, in one aggregate query (Django's default
        would load every page)."""
        return self._pages().aggregate(latest=Max("last_published_at"))["latest"]


def sitemap_index(request):
    """The sitemap itself for a site that fits in one, else the index of its pages."""
    public = PublicSitemap(request)
    if public.paginator.num_pages <= 1:
        return wagtail_sitemap_views.sitemap(request, sitemaps={SECTION: public})
    return wagtail_sitemap_views.index(
        request, sitemaps={SECTION: public}, sitemap_url_name="sitemap_section"
    )


def sitemap(request, section=SECTION):
    return wagtail_sitemap_views.sitemap(
        request, sitemaps={SECTION: PublicSitemap(request)}, section=section
    )
