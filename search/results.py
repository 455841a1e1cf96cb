"""Site search: what a query finds, in the reader's language, as the access rule allows.

Views (the search page, the autocomplete endpoint) stay thin over these functions.
Privacy is decided inside the search query: the access rule's ``visible_pages`` is an
id subquery, so one SQL statement filters every result, however many pages are
restricted, and no list of visible ids is ever built in Python. Members-only pages
never reach anyone else, not even as titles, promoted results or autocomplete hints.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from core.access import visible_pages

MAX_QUERY_LENGTH = 200
SUMMARY_WORDS = 40

# The kinds of result a reader can filter by: key -> (label, page models as app.model).
# "page" is every other kind of page.
KINDS = {
    "event": (_("Event"), ["events.eventpage"]),
    "course": (_("Training course"), ["pages.trainingcoursepage"]),
    "measure": (_("Quality measure"), ["pages.qualitymeasurepage"]),
    "page": (_("Page"), []),
}
# Characters that are never part of a search: NUL and the other control characters
# (PostgreSQL refuses NUL in any string; none of them can be typed meaningfully).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WORD = re.compile(r"\w{2,}", re.UNICODE)


def clean_query(raw: str | None) -> str:
    """The query as searched: control characters removed, spaces collapsed, at most 200
    characters. Quotes, operators and emoji are kept as text; an empty string means no
    search."""
    text = CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query: str) -> list[str]:
    """The words of ``query`` worth highlighting (letters and digits, two or more)."""
    return list(dict.fromkeys(word.lower() for word in WORD.findall(query)))


def _content_types(labels):
    return [ContentType.objects.get_by_natural_key(*label.split(".")) for label in labels]


def _kind_of(content_type_id) -> str:
    for key, (_label, labels) in KINDS.items():
        if labels and content_type_id in {ct.pk for ct in _content_types(labels)}:
            return key
    return "page"


def search_scope(user, root, kind=None):
    """The pages under ``root`` (one language's home page) that ``user`` may see, as an id
    subquery, narrowed to one kind of result when ``kind`` is a key of ``KINDS``."""
    scope = Page.objects.descendant_of(root, inclusive=True)
    if kind in KINDS:
        typed = [ct.pk for key in KINDS if KINDS[key][1] for ct in _content_types(KINDS[key][1])]
        if KINDS[kind][1]:
            scope = scope.filter(content_type__in=_content_types(KINDS[kind][1]))
        else:
            scope = scope.exclude(content_type__in=typed)
    return visible_pages(user, scope).values("pk")


def search_pages(user, root, query, kind=None):
    """Wagtail search results for ``query`` among the pages ``user`` may see under ``root``.

    The backend is Wagtail's (database full-text search: PostgreSQL with field weights in
    production, SQLite locally; OpenSearch when configured). Results are Page objects,
    best match first.
    """
    allowed = search_scope(user, root, kind)
    return Page.objects.live().filter(pk__in=allowed).search(query)


def autocomplete_pages(user, root, query, limit=10):
    """Pages whose titles start like ``query``, among those ``user`` may see under ``root``."""
    allowed = search_scope(user, root)
    return Page.objects.live().filter(pk__in=allowed).autocomplete(query)[:limit]


def highlight(text: str, words: list[str]):
    """``text`` HTML-escaped, with each of ``words`` (case-insensitive) in ``<mark>``."""
    escaped = escape(text)
    if not words:
        return mark_safe(escaped)  # noqa: S308 (escaped above)
    pattern = re.compile("|".join(re.escape(escape(word)) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308


@dataclass
class Result:
    """One search result as the page shows it."""

    page: Page
    kind: str
    kind_label: str
    title: str
    summary: object  # safe HTML, matched words marked
    date: datetime | None
    all_day: bool
    section: str


def _summary(page) -> str:
    for name in ("search_description", "listing_summary", "summary", "introduction"):
        value = getattr(page, name, "") or ""
        if isinstance(value, str) and value.strip():
            return Truncator(value.strip()).words(SUMMARY_WORDS)
    return ""


def _date(page, now):
    """An event's next (or last) date; a course's next session."""
    if hasattr(page, "occurrences_between") and getattr(page, "start", None):
        upcoming = page.occurrences_between(now, page.series_end or now)[:1]
        return upcoming[0][0] if upcoming else page.start
    sessions = getattr(page, "sessions", None)
    if sessions is not None:
        session = sessions.filter(start__gte=now).order_by("start").first()
        return session.start if session else None
    return None


def describe(results, query, root) -> list[Result]:
    """The page of ``results`` as ``Result`` objects: specific pages, kind, highlighted
    title and summary, date for events and courses, and the section (the top-level page
    under ``root``) each belongs to. A fixed number of queries per page of results."""
    pages = list(results)
    if not pages:
        return []
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    section_length = len(root.path) + Page.steplen
    section_paths = {page.path[:section_length] for page in pages if page.depth > root.depth}
    sections = dict(Page.objects.filter(path__in=section_paths).values_list("path", "title"))
    words = query_words(query)
    now = timezone.now()
    described = []
    for page in pages:
        page = specific.get(page.pk, page)
        kind = _kind_of(page.content_type_id)
        described.append(
            Result(
                page=page,
                kind=kind,
                kind_label=KINDS[kind][0],
                title=page.title,
                summary=highlight(_summary(page), words),
                date=_date(page, now) if kind in ("event", "course") else None,
                all_day=bool(getattr(page, "all_day", False)),
                # A section's own result does not say it is in itself.
                section=""
                if len(page.path) <= section_length
                else sections.get(page.path[:section_length], ""),
            )
        )
    return described


def promoted_pages(user, root, query):
    """Pages editors promoted for ``query`` (wagtail.contrib.search_promotions), in the
    language of ``root``, that ``user`` may see, in the editors' order."""
    picks = Query.get(query).editors_picks.exclude(page__isnull=True).order_by("sort_order")
    picks = list(picks.select_related("page"))
    if not picks:
        return []
    scope = Page.objects.filter(pk__in=[pick.page_id for pick in picks], locale_id=root.locale_id)
    allowed = set(visible_pages(user, scope).values_list("pk", flat=True))
    return [
        {"page": pick.page.specific, "description": pick.description}
        for pick in picks
        if pick.page_id in allowed
    ]


def record_search(query: str) -> None:
    """Count the query in Wagtail's query log (the dashboard's popular searches)."""
    Query.get(query).add_hit()
