"""Cells of every spreadsheet the office exports (CSV and XLSX), written safely.

Cells hold the text as written: no HTML escaping (``O'Brien``, ``Leeds & York``). A
cell that a spreadsheet would run as a formula is shown as text instead, by a leading
apostrophe, following OWASP's CSV injection guidance: the cell begins, possibly after
spaces, with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return, a line feed, ``|``
or ``;``, or with the full-width forms ``＝``, ``＋``, ``－``, ``＠`` that some
spreadsheets read as their ASCII twins.
"""

FORMULA_TRIGGERS = frozenset("=+-@\t\r\n|;\uff1d\uff0b\uff0d\uff20")


def safe_cell(value) -> str:
    """``value`` as the text of one exported cell, never run as a formula.

    None is an empty cell; everything else is ``str(value)``, with an apostrophe in
    front when the first character, or the first after leading whitespace, is a trigger.
    """
    if value is None:
        return ""
    text = str(value)
    first = text[:1]
    first_visible = text.lstrip()[:1]
    if first in FORMULA_TRIGGERS or first_visible in FORMULA_TRIGGERS:
        return "'" + text
    return text
