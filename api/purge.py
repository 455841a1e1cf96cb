"""CDN purge of the API answers that a content change makes stale.

Only anonymous answers are ever stored by a shared cache (see caching.py), and
they are stored for ``WAGTAILAPI_CACHE_MAX_AGE`` seconds at most. When a page is
published, unpublished, moved, deleted or its privacy changes, the exact URLs a
consumer is most likely to hold are purged at once through
``wagtail.contrib.frontend_cache`` (the backends configured from the
environment): the page's detail, the page listing, the listing of its parent
(before and after a move), the listing of its type and its ``find`` by path
(the old path too, after a move).
A move or a privacy change also purges the details of every page below it.

The site's own HTML and feeds are purged with them (``html_urls_for_change``):
the page, the pages below it, their translations and aliases, the parents that
list them (before and after a move), the home pages (section cards), the
sitemap and the calendar feeds. When the page is in a site's main menu (a
top-level page shown in menus), every page of that site carries it, so every live
page of the site is purged.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from api.caching import api_base_url


def detail_url(page_id) -> str:
    return f"{api_base_url()}/api/v2/pages/{page_id}/"


def listing_url(**params) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"{api_base_url()}/api/v2/pages/{query}"


def urls_for_change(change) -> set[str]:
    page = change.page
    urls = {detail_url(page["id"]), listing_url(), listing_url(type=page["type"])}
    if page["parent_id"]:
        urls.add(listing_url(child_of=page["parent_id"]))
    if change.previous.get("parent_id"):
        urls.add(listing_url(child_of=change.previous["parent_id"]))
    for html_path in (page["html_path"], change.previous.get("html_path")):
        if html_path:
            query = urlencode({"html_path": html_path})
            urls.add(f"{api_base_url()}/api/v2/pages/find/?{query}")
    urls.update(detail_url(page_id) for page_id in change.descendant_ids)
    return urls


def _site_urls(path_names) -> set[str]:
    """Absolute URLs of the named site-wide paths on every site."""
    urls = set()
    paths = []
    for name, kwargs in path_names:
        try:
            paths.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    for site in Site.objects.all():
        urls.update(site.root_url + path for path in paths)
    return urls


def _feed_paths():
    from events.models import EventCategory  # the feeds' categories

    names = [("sitemap", None), ("events:calendar_feed", None)]
    names += [
        ("events:category_feed", {"category": slug})
        for slug in EventCategory.objects.values_list("slug", flat=True).distinct()
    ]
    return names


def html_urls_for_change(change) -> set[str]:
    """Every HTML page and feed URL that could hold the changed page (see module doc)."""
    page_ids = {change.page["id"], *change.descendant_ids}
    pages = Page.objects.filter(pk__in=page_ids)
    keys = pages.values("translation_key")
    related = Page.objects.filter(
        Q(pk__in=page_ids) | Q(translation_key__in=keys) | Q(alias_of_id__in=page_ids)
    )
    related = Page.objects.filter(
        Q(pk__in=related.values("pk")) | Q(alias_of_id__in=related.values("pk"))
    ).live()
    related = list(related.only("pk", "path", "depth", "url_path", "show_in_menus"))
    parent_paths = {page.path[: -Page.steplen] for page in related if page.depth > 1}
    parent_ids = {change.page.get("parent_id"), change.previous.get("parent_id")} - {None}
    parents = Page.objects.filter(Q(path__in=parent_paths) | Q(pk__in=parent_ids)).live()
    roots = Page.objects.filter(pk__in=Site.objects.values("root_page_id"))
    homes = Page.objects.filter(translation_key__in=roots.values("translation_key")).live()

    urls = {url for url in (change.page.get("html_url"),) if url}
    shown = {*related, *parents, *homes}
    home_depths = {home.depth for home in homes}
    if any(page.show_in_menus and page.depth - 1 in home_depths for page in related):
        # In the main menu of every page of its site.
        for home in homes:
            shown.update(Page.objects.descendant_of(home).live().only("pk", "url_path"))
    for page in shown:
        url = page.get_full_url()
        if url:
            urls.add(url)
    previous_path = change.previous.get("html_path")
    new_url = change.page.get("html_url")
    if previous_path:
        for site in Site.objects.all():
            old_url = site.root_url + previous_path
            urls.add(old_url)
            if new_url:  # the pages below it were at the old address too
                urls |= {old_url + url[len(new_url) :] for url in urls if url.startswith(new_url)}
    urls |= _site_urls(_feed_paths())
    return urls


def purge_api_urls(changes):
    if not settings.WAGTAILFRONTENDCACHE:
        return  # no CDN to tell
    urls = set()
    for change in changes:
        urls |= urls_for_change(change)
        urls |= html_urls_for_change(change)
    purge_urls_from_cache(sorted(urls))
