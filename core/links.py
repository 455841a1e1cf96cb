"""The link rule: what a link to a page or document shows, decided by the access rule.

Every place that renders a link (StreamField link and card blocks, rich-text links in
HTML and in API answers, document blocks, footer, menus, child links) asks here.

- A target the visitor may see is linked normally: its URL, and where the renderer
  wants them its title and id.
- A members-only page the visitor may not see keeps the editor's own link text and
  its URL (an address an editor chose to link is not secret: following it leads to
  the members' sign-in page), and nothing of the target: not its title, not its id.
- A members-only document the visitor may not see keeps the editor's own link text
  only: a document's address carries its id and file name, so it is left out.
- A link to a page that is not live, or that nobody may reach, keeps only its text.

Who is looking: the user of the request being answered (set by
``LinkViewerMiddleware`` for the website and by the API for a token's account). Away
from a request (webhooks, feeds built for a stranger, commands) it is an anonymous
visitor, so a link never shows more than an outsider may see.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from wagtail.models import Page

from core.access import hidden_collection_ids, hidden_held_document_ids, visible_pages


class Viewer:
    """Who is looking, with what the link rule has already worked out for them.

    Pages: one query per batch of new targets, then none for the same targets.
    Documents: two queries per viewer, whatever the number of documents.
    """

    def __init__(self, user):
        self.user = user
        self._pages: dict[int, bool] = {}
        self._hidden_documents: tuple[frozenset, frozenset] | None = None

    def see_pages(self, page_ids) -> dict[int, bool]:
        wanted = {int(pk) for pk in page_ids if pk is not None}
        missing = wanted - self._pages.keys()
        if missing:
            found = set(
                visible_pages(self.user, Page.objects.filter(pk__in=missing)).values_list(
                    "pk", flat=True
                )
            )
            self._pages.update({pk: pk in found for pk in missing})
        return {pk: self._pages[pk] for pk in wanted}

    def sees_page(self, page) -> bool:
        return page is not None and self.see_pages([page.pk])[page.pk]

    def sees_document(self, document) -> bool:
        """Two queries the first time (the collections and the pages kept from this
        viewer), then none, however many documents are linked."""
        if document is None:
            return False
        if self._hidden_documents is None:
            self._hidden_documents = (
                hidden_collection_ids(self.user),
                hidden_held_document_ids(self.user),
            )
        hidden_collections, hidden_held = self._hidden_documents
        return document.collection_id not in hidden_collections and document.pk not in hidden_held


_viewer: ContextVar[Viewer | None] = ContextVar("odn_link_viewer", default=None)


@contextmanager
def viewing_as(user):
    """Links rendered inside this block follow the rule for ``user``."""
    token = _viewer.set(Viewer(user))
    try:
        yield
    finally:
        _viewer.reset(token)


def current_viewer() -> Viewer:
    viewer = _viewer.get()
    return viewer if viewer is not None else Viewer(AnonymousUser())


def viewer_for(context=None) -> Viewer:
    """The viewer of a template or serializer context (its ``request``), else the
    current one. The same request always gets the same viewer."""
    request = (context or {}).get("request") if isinstance(context, dict) else context
    if request is None or not hasattr(request, "user"):
        return current_viewer()
    viewer = getattr(request, "_odn_link_viewer", None)
    if viewer is None:
        current = _viewer.get()
        viewer = current if current is not None and current.user is request.user else None
        viewer = viewer or Viewer(request.user)
        request._odn_link_viewer = viewer
    return viewer


class LinkViewerMiddleware:
    """Rich text rendered while answering a request follows the link rule for its user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with viewing_as(request.user):
            return self.get_response(request)


@dataclass(frozen=True)
class PageLink:
    """A link to a page as the viewer may have it."""

    text: str
    url: str | None
    page: Page | None  # the target, only when the viewer may see it

    @property
    def members_only(self) -> bool:
        return self.page is None and self.url is not None

    def api(self) -> dict | None:
        """``{"id", "title", "url"}`` for a page the viewer may see; for a members-only
        page only ``{"url", "members_only": true}``; ``None`` when there is no target."""
        if self.page is not None:
            return page_link_api_representation(self.page)
        if self.url is not None:
            return members_only_link_api_representation(self.url)
        return None


def page_link(page, text: str = "", viewer: Viewer | None = None, request=None) -> PageLink:
    """The link rule for a link to ``page`` with the editor's own ``text``."""
    viewer = viewer or current_viewer()
    if page is None:
        return PageLink(text=text, url=None, page=None)
    if viewer.sees_page(page):
        url = page.get_url(request) if request is not None else page.full_url
        return PageLink(text=text or page.title, url=url, page=page)
    if page.live:
        url = page.get_url(request) if request is not None else page.full_url
        return PageLink(text=text, url=url, page=None)
    return PageLink(text=text, url=None, page=None)


def document_link(document, text: str = "", viewer: Viewer | None = None):
    """The document itself when the viewer may have it, else ``None`` (the renderer
    keeps the editor's own ``text`` and nothing of the document)."""
    viewer = viewer or current_viewer()
    if document is not None and viewer.sees_document(document):
        return document
    return None


def page_link_api_representation(page):
    """A page the requester may see (the caller has checked), as the API links it."""
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.full_url}


def members_only_link_api_representation(url):
    """A link to a page the requester may not see, as the API gives it: its address only."""
    return {"url": url, "members_only": True}


@dataclass(frozen=True)
class ChildLink:
    """One entry of a section's list of pages, as the viewer may have it.

    ``locked`` entries are members-only pages with a teaser: ``title`` and ``summary``
    are the editor's words for outsiders, ``url`` the page's address."""

    title: str
    url: str
    summary: str = ""
    locked: bool = False


def teasers(pages, viewer: Viewer) -> dict[int, "MembersOnlyTeaser"]:  # noqa: F821
    """The teasers of those live ``pages`` (a page queryset) the viewer may not see,
    by page id.

    A members-only page without a teaser is absent: outsiders see nothing of it.
    One query, and one more when any of the pages has a teaser."""
    from core.models import MembersOnlyTeaser

    found = MembersOnlyTeaser.objects.filter(
        page_id__in=pages.values("pk"), page__live=True
    ).select_related("page")
    found = {teaser.page_id: teaser for teaser in found}
    seen = viewer.see_pages(found) if found else {}
    return {pk: teaser for pk, teaser in found.items() if not seen[pk]}


def child_links(page, user, request=None) -> list[ChildLink]:
    """The live children of ``page`` as ``user`` may have them, in tree order.

    A child the user may see is listed with its title and summary (its listing
    summary, else its introduction, else its search description). A members-only
    child is left out for anyone else, unless an editor gave it a teaser: then it is
    listed locked, in the teaser's words (``MembersOnlyTeaser``). One query more than
    the children themselves, two when a child has a teaser.
    """
    children = page.get_children().live()
    shown = list(visible_pages(user, children).order_by("path").specific())
    locked = teasers(children.exclude(pk__in=[child.pk for child in shown]), Viewer(user))
    entries = [(child.path, child, None) for child in shown]
    if locked:
        teased = Page.objects.filter(pk__in=locked)
        entries += [(child.path, child, locked[child.pk]) for child in teased]
    links = []
    for _path, child, teaser in sorted(entries, key=lambda entry: entry[0]):
        if teaser is None:
            summary = (
                getattr(child, "listing_summary", "")
                or getattr(child, "introduction", "")
                or child.search_description
            )
            links.append(ChildLink(title=child.title, url=_url(child, request), summary=summary))
        else:
            url = _url(child, request)
            links.append(ChildLink(title=teaser.title, url=url, summary=teaser.line, locked=True))
    return links


def _url(page, request):
    return page.get_url(request) if request is not None else page.full_url
