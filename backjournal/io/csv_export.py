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

    ``text_columns`` says, for each column, whether it holds text: only those are neutralised.
    """
    w = writer(out)
    w.writerow(header)
    text_idx = tuple(i for i, is_text in enumerate(text_columns) if is_text)
    rows = rows if isinstance(rows, list) else list(rows)
    text_idx = () if raw else tuple(i for i in text_idx if _may_need_apostrophe(rows, i))
    if not text_idx:
        w.writerows(rows)
        return len(rows)
    first = _FIRST
    for row in rows:
        for i in text_idx:
            value = row[i]
            if value and value[0] in first:
                row = [
                    neutralise(v) if j in text_idx and isinstance(v, str) else v
                    for j, v in enumerate(row)
                ]
                break
        w.writerow(row)
    return len(rows)


def _may_need_apostrophe(rows: list[Sequence[object]], column: int) -> bool:
    """Whether some value of ``column`` starts like a formula (or is not text, to be safe).

    The first characters are gathered by map/filter/set, which iterate in C: a column of ten
    years' dates or ids is cleared in a fraction of the time a Python loop over the rows takes,
    and only the columns that may hold a formula get the row-by-row pass.
    """
    try:
        firsts = set(map(itemgetter(0), filter(None, map(itemgetter(column), rows))))
    except TypeError:  # a value that is not text (a number in a text column): check each row
        return True
    return not firsts.isdisjoint(_FIRST) or any(not isinstance(f, str) for f in firsts)


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
