"""Text that a user or a file wrote, made safe to show on a terminal.

A note, an activity name from a Strava export, a shoe name in a shared journal or a file name in
an error can hold escape sequences: ``ESC ] 0 ;`` sets the window title, OSC 52 writes the
clipboard, ``ESC [ 2 J`` clears the screen. Rich drops BEL but passes ESC through, so every place
that shows such text (every widget and every command-line line, errors and summaries included)
goes through :func:`shown` first. The data itself is stored and exported unchanged: this is a
display transform only.

Controls are shown, not hidden, so that a user can see that a value holds something odd: a C0
control becomes its Unicode "control picture" (ESC is shown as ``␛``), DEL as ``␡``, and C1
controls and bidirectional overrides (which can make text read backwards, U+202E) as ``�``.
A tab becomes a space. New lines stay only where a multi-line note is shown as such.

A journal from elsewhere can also hold values of the wrong type that pass SQLite's checks (a note
stored as a BLOB, a date of ``2026-13-45``): :func:`stored_text` and :func:`stored_date` read
them for display as :data:`UNREADABLE` or ``None`` instead of failing the screen.
"""

from __future__ import annotations

import datetime as dt
import re

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
UNREADABLE = "(unreadable)"

# C0 controls but tab and line feed, DEL, C1 controls, and the bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069); U+2028/2029 separate lines like a new line does.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\t":
        return " "
    if char == "\n" or char == "\r":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟, the Control Pictures block
    if code == 0x7F:
        return "\N{SYMBOL FOR DELETE}"
    if char in "\u2028\u2029":
        return " "
    return REPLACEMENT


def _picture_keep_lines(match: re.Match[str]) -> str:
    if match.group() == "\r":
        return ""  # CR LF shows as one new line
    if match.group() in "\u2028\u2029":
        return "\n"
    return _picture(match)


def shown(text: object, *, multiline: bool = False) -> str:
    """``text`` as it may be written to a terminal: no control sequence can reach it.

    ``multiline`` keeps line feeds (a note shown as a block); otherwise every line break becomes a
    space, so that one value stays on one line. Anything that is not a string is shown through
    ``str()`` first (a value of the wrong type in a damaged journal still shows, safely).
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if multiline:
        return _UNSAFE.sub(_picture_keep_lines, text)
    return _UNSAFE_ONE_LINE.sub(_picture, text)


def is_safe(text: str) -> bool:
    """Whether ``text`` holds nothing that :func:`shown` would change (lines kept)."""
    return _UNSAFE.search(text) is None


def stored_text(value: object, *, multiline: bool = False) -> str:
    """A text value read from a journal, as it may be shown: text through :func:`shown`,
    nothing for NULL, and :data:`UNREADABLE` for a value of another type (a BLOB, a number)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return UNREADABLE
    return shown(value, multiline=multiline)


def stored_date(value: object) -> dt.date | None:
    """A date read from a journal, or None when it is not one (``2026-13-45``, a number)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
