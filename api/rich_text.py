"""Rich text links as a front end needs them in API answers.

On the website an internal link is a site-relative URL. In an API answer
(``WAGTAILAPI_RICH_TEXT_FORMAT = "html"``) a downstream site needs the full URL,
and for a page the target's API id so it can fetch it:
``<a href="https://network.example.nhs.uk/about/" data-page-id="3">``; a document
link carries the full download URL and ``data-document-id``. The API turns this
on for the duration of a request (``api_rich_text``); the link handlers are
registered in wagtail_hooks.py and behave as Wagtail's own everywhere else.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from core.links import current_viewer, document_link, page_link, viewing_as
from core.rich_text import RuleDocumentLinkHandler, members_sign_in_url

# Link targets already fetched during this API request, by link type and id.
_targets = ContextVar("odn_api_link_targets", default=None)
LINK = re.compile(r"<a\b[^>]*>")
LINKTYPE = re.compile(r'linktype=\\?"(page|document)\\?"')
LINK_ID = re.compile(r'\bid=\\?"(\d+)\\?"')


@contextmanager
def api_rich_text(user):
    """Rich text in API answers for ``user`` (a token's account or the session's),
    whose links follow the link rule for that user."""
    token = _targets.set({"page": {}, "document": {}})
    try:
        with viewing_as(user):
            yield
    finally:
        _targets.reset(token)


def prefetch_link_targets(objects):
    """Fetch the targets of every internal link in these objects' StreamFields at
    once (one query per link type), so that a listing costs the same at any size."""
    targets = _targets.get()
    if targets is None or not objects:
        return
    wanted = {"page": set(), "document": set()}
    stream_fields = [f for f in type(objects[0])._meta.fields if isinstance(f, StreamField)]
    for obj in objects:
        for field in stream_fields:
            raw = str(field.value_from_object(obj).raw_data)
            for tag in LINK.findall(raw):
                linktype, link_id = LINKTYPE.search(tag), LINK_ID.search(tag)
                if linktype and link_id:
                    wanted[linktype.group(1)].add(int(link_id.group(1)))
    models = {"page": Page, "document": get_document_model()}
    for linktype, ids in wanted.items():
        missing = ids - targets[linktype].keys()
        if missing:
            targets[linktype].update(models[linktype].objects.in_bulk(missing))


def _get_many(handler, attrs_list, linktype):
    targets = _targets.get()[linktype]
    ids = [int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()]
    missing = set(ids) - targets.keys()
    if missing:
        targets.update(handler.get_model().objects.in_bulk(missing))
    return [
        targets.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
        for attrs in attrs_list
    ]


def _absolute(url):
    if url is None or "://" in url:
        return url
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url


def _page_tag(page, viewer):
    if page is None:
        return "<a>"
    link = page_link(page, viewer=viewer)
    if link.url is None:
        return "<a>"
    if link.page is None:  # members-only, for someone who may not see it
        return f'<a href="{escape(link.url)}">'
    return f'<a href="{escape(link.url)}" data-page-id="{page.pk}">'


def _document_tag(document, viewer):
    if document is None:
        return "<a>"
    if document_link(document, viewer=viewer) is None:
        return f'<a href="{escape(_absolute(members_sign_in_url()))}">'
    return f'<a href="{escape(_absolute(document.url))}" data-document-id="{document.pk}">'


class APIPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        if _targets.get() is None:
            return super().expand_db_attributes_many(attrs_list)
        viewer = current_viewer()
        pages = _get_many(cls, attrs_list, "page")
        viewer.see_pages([page.pk for page in pages if page is not None])
        return [_page_tag(page, viewer) for page in pages]


class APIDocumentLinkHandler(RuleDocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        if _targets.get() is None:
            return super().expand_db_attributes_many(attrs_list)
        viewer = current_viewer()
        documents = _get_many(cls, attrs_list, "document")
        return [_document_tag(document, viewer) for document in documents]
