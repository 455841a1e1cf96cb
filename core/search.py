"""What a visitor typed into a search box, made safe for every search backend.

Wagtail's database backend hands the words to SQLite FTS5 or PostgreSQL full-text
search. Punctuation that those engines read as syntax (quotes, ``*``, ``^``, ``:``,
``-``, brackets), a NUL character (refused by PostgreSQL) or a lone surrogate (not
encodable) must never reach them: search matches words, so only the words are kept.
The site search, the training listing and the API's ``?search=`` all use this.
"""

import re

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"[^\W_]+")


def search_terms(text: str | None, max_length: int = MAX_QUERY_LENGTH) -> str:
    """The words of ``text`` (letters and digits in any script) joined by single spaces.

    At most ``max_length`` characters are read. Empty when nothing searchable is left
    (``'"<>``, a space, NUL): callers then show no results, never an error.
    """
    if not text:
        return ""
    return " ".join(WORD.findall(text[:max_length]))
