"""The link rule: what a link to a page shows, decided by the access rule (core.access).

A page the visitor may see is linked normally, with its summary. A members-only page
the visitor may not see is a locked link: its title and a "Members only" label, never
its summary (the address an editor chose to link is not secret: it leads to the
sign-in page). Any other page the visitor may not see is left out. Every surface that
links to pages (page templates, blocks, the API) asks here.
"""

from dataclasses import dataclass

from wagtail.models import Page

from core.access import members_only_q, visible_pages


def page_link_api_representation(page):
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.full_url}


@dataclass
class ChildLink:
    page: Page
    locked: bool
    summary: str = ""


def child_links(page, user):
    """The live children of ``page``: a normal link when ``user`` may see one, else locked.

    A locked link carries the title and a "Members only" label, never the summary.
    """
    children = page.get_children().live().order_by("path")
    visible_ids = set(visible_pages(user, children).values_list("pk", flat=True))
    members_only_ids = set(children.filter(members_only_q()).values_list("pk", flat=True))
    links = []
    for child in children.specific():
        if child.pk in visible_ids:
            summary = getattr(child, "listing_summary", "") or getattr(child, "introduction", "")
            links.append(ChildLink(page=child, locked=False, summary=summary))
        elif child.pk in members_only_ids:
            links.append(ChildLink(page=child, locked=True))
    return links
