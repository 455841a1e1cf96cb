"""Rich-text links on the website, by the link rule (core.links).

A page link keeps its address for everyone (an address an editor chose to link is not
secret). A document link to a members-only document, for someone who may not have
it, leads to the members' sign-in page instead: the document's own address carries
its id and file name, which stay secret. Registered in wagtail_hooks.py in place of
Wagtail's own document link handler.
"""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.html import escape

from wagtail.documents.rich_text import DocumentLinkHandler

from core.links import current_viewer, document_link


def members_sign_in_url() -> str:
    """The members' sign-in address in the active language (``/cy/accounts/login/``)."""
    return resolve_url(settings.LOGIN_URL)


class RuleDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        viewer = current_viewer()
        tags = []
        for document in cls.get_many(attrs_list):
            if document is None:
                tags.append("<a>")
            elif document_link(document, viewer=viewer) is None:
                tags.append(f'<a href="{escape(members_sign_in_url())}">')
            else:
                tags.append(f'<a href="{escape(document.url)}">')
        return tags
