"""The text a reader sees on a page, and the English that should not be in Welsh text."""

import re
from html.parser import HTMLParser

# Words and phrases of the site's English interface and content that have no place in
# Welsh running text (cited English titles in quotation marks are left aside).
ENGLISH = re.compile(
    r"\b(the|and|of|with|for|here|from|your|please|"
    r"Log in|Search|Menu|Register|Request|Skip to|Sections|Support links|Browse|More|"
    r"Network|Telephone|Email|Upcoming|Past events|Subscribe|Filter|Category|Training|"
    r"Cancelled|Fully booked|Study days|Governance)\b"
)
CITED_TITLE = re.compile(r"\u2018[^\u2019]*\u2019")
SKIPPED = {"script", "style", "head", "svg", "noscript", "template"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "embed"}


class _Text(HTMLParser):
    """Collects visible text, with the language each piece is declared in."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang or None, skipped)
        self.pieces = []  # (lang, text)

    def _lang(self):
        for _tag, lang, _skip in reversed(self.stack):
            if lang:
                return lang
        return ""

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        hidden = tag in SKIPPED or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        self.stack.append((tag, attrs.get("lang"), hidden))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if any(skip for _tag, _lang, skip in self.stack):
            return
        text = " ".join(data.split())
        if text:
            self.pieces.append((self._lang(), text))


def visible_text(html: str) -> list[tuple[str, str]]:
    """``(declared language, text)`` for each run of visible text in ``html``."""
    parser = _Text()
    parser.feed(html)
    return parser.pieces


def english_in_welsh(html: str) -> list[str]:
    """Runs of text declared Welsh (``lang="cy"``) that contain English words."""
    found = []
    for lang, text in visible_text(html):
        if not lang.startswith("cy"):
            continue
        bare = CITED_TITLE.sub("", text)
        if ENGLISH.search(bare):
            found.append(text)
    return found
