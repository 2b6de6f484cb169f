"""Writing CSV: rows in, text out (no SQL; the store reads the rows).

The dialect is fixed and documented in the README, so that exports stay byte-for-byte stable:
UTF-8 without BOM, a header row, commas, RFC 4180 quoting (a cell is quoted when it holds a comma,
a quote or a line break; quotes are doubled), and lines ending in CRLF (``\\r\\n``) as RFC 4180
says. A line break inside a quoted note is kept exactly as the note has it. Empty cells are
"nothing recorded". Numbers are written as Python writes them (``8046.7``, ``8000.0``, ``3``),
which reads back to exactly the same value.

**Formula neutralisation** (on by default). A spreadsheet runs a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula; a note like ``=HYPERLINK(...)`` could do
harm when the file is opened. Such a text cell gets a leading apostrophe (``'=1+1``), which
spreadsheets show as text. Numbers are never touched (``-1`` stays ``-1``): only text columns are
neutralised. A text cell that already starts with apostrophes followed by one of those characters
gets one more, so that :func:`unneutralise` gives back exactly the original text on import.
``raw=True`` (``--raw``) writes every cell as it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TextIO

LINE_TERMINATOR = "\r\n"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A cell the neutralisation changes: apostrophes (maybe none) then a formula character.
_NEEDS_APOSTROPHE = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_FIRST = frozenset("=+-@\t\r'")


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet could run it as a formula."""
    return "'" + text if _NEEDS_APOSTROPHE.match(text) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: ``unneutralise(neutralise(t)) == t`` for every text ``t``."""
    return text[1:] if _NEUTRALISED.match(text) else text


def writer(out: TextIO) -> csv.writer:
    """A csv writer in backjournal's dialect (commas, minimal quoting, CRLF)."""
    return csv.writer(out, lineterminator=LINE_TERMINATOR)


def write_rows(
    out: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    text_columns: Sequence[bool],
    *,
    raw: bool = False,
) -> int:
    """Write the header and ``rows`` to ``out``; return the number of rows written.

    ``text_columns`` says, for each column, whether it holds text. Text is neutralised wherever
    it is, a text column or not: a shared journal may hold ``=HYPERLINK(...)`` in a number
    column. A BLOB (a damaged or hostile journal's value of the wrong type) is written as its
    UTF-8 text, never as Python's ``b'...'``.
    """
    w = writer(out)
    w.writerow(header)
    rows = rows if isinstance(rows, list) else list(rows)
    fix = tuple(
        i for i, is_text in enumerate(text_columns) if _may_need_fixing(rows, i, is_text, raw)
    )
    if not fix:
        w.writerows(rows)
        return len(rows)
    first = _FIRST
    for row in rows:
        for i in fix:
            value = row[i]
            if isinstance(value, (bytes, bytearray)) or (
                not raw and isinstance(value, str) and value and value[0] in first
            ):
                row = [_cell(v, raw) if j in fix else v for j, v in enumerate(row)]
                break
        w.writerow(row)
    return len(rows)


def _cell(value: object, raw: bool) -> object:
    """One cell as written: text neutralised (unless ``raw``), a BLOB as its text."""
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, str) and not raw:
        return neutralise(value)
    return value


def _may_need_fixing(rows: list[Sequence[object]], column: int, is_text: bool, raw: bool) -> bool:
    """Whether some value of ``column`` may need :func:`_cell`: text that starts like a formula,
    or a value of a type that has no CSV form of its own (a BLOB).

    The first characters (or the types) are gathered by map/filter/set, which iterate in C: a
    column of ten years' dates or ids is cleared in a fraction of the time a Python loop over the
    rows takes, and only the columns that may need it get the row-by-row pass.
    """
    values = map(itemgetter(column), rows)
    if is_text and not raw:
        try:
            firsts = set(map(itemgetter(0), filter(None, values)))
        except TypeError:  # a value that is not text (a number in a text column): check each row
            return True
        return not firsts.isdisjoint(_FIRST) or any(not isinstance(f, str) for f in firsts)
    types = set(map(type, values))
    return bool(types & {bytes, bytearray}) or (not raw and str in types)


def to_text(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    text_columns: Sequence[bool],
    *,
    raw: bool = False,
) -> str:
    """The CSV text of ``header`` and ``rows`` (see :func:`write_rows`)."""
    buffer = io.StringIO()
    write_rows(buffer, header, rows, text_columns, raw=raw)
    return buffer.getvalue()
