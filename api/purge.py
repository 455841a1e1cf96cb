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
"""

from urllib.parse import urlencode

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

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


def purge_api_urls(changes):
    urls = set()
    for change in changes:
        urls |= urls_for_change(change)
    purge_urls_from_cache(sorted(urls))
