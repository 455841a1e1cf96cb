"""Rich text links as a front end needs them in API answers.

On the website an internal link is a site-relative URL. In an API answer
(``WAGTAILAPI_RICH_TEXT_FORMAT = "html"``) a downstream site needs the full URL,
and for a page the target's API id so it can fetch it:
``<a href="https://network.example.nhs.uk/about/" data-page-id="3">``; a document
link carries the full download URL and ``data-document-id``. The API turns this
on for the duration of a request (``api_rich_text``); the link handlers are
registered in wagtail_hooks.py and behave as Wagtail's own everywhere else.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.html import escape

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

_in_api = ContextVar("odn_api_rich_text", default=False)


@contextmanager
def api_rich_text():
    token = _in_api.set(True)
    try:
        yield
    finally:
        _in_api.reset(token)


def _absolute(url):
    if url is None or "://" in url:
        return url
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url


class APIPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        if not _in_api.get():
            return super().expand_db_attributes_many(attrs_list)
        return [
            f'<a href="{escape(page.get_full_url() or "")}" data-page-id="{page.pk}">'
            if page
            else "<a>"
            for page in cls.get_many(attrs_list)
        ]


class APIDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        if not _in_api.get():
            return super().expand_db_attributes_many(attrs_list)
        return [
            f'<a href="{escape(_absolute(document.url))}" data-document-id="{document.pk}">'
            if document
            else "<a>"
            for document in cls.get_many(attrs_list)
        ]
