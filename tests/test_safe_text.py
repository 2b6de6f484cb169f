"""The one function that makes user text safe to show: controls visible, lines as asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backjournal.domain.safe_text import is_safe, shown


def test_escape_sequences_are_shown_as_pictures():
    """ESC of a title-setting OSC and of a screen clear is shown as ␛, never passed on."""
    assert shown("\x1b]0;pwned\x1b\\ run") == "␛]0;pwned␛\\ run"
    assert shown("\x1b[2J") == "␛[2J"


def test_c1_controls_and_bidi_overrides_are_replaced():
    """C1 (here CSI as one byte, U+009B) and a right-to-left override become U+FFFD."""
    assert shown("a\x9b2Jb\u202ecod.exe") == "a\ufffd2Jb\ufffdcod.exe"


def test_new_lines_only_in_multiline():
    """A note keeps its lines only when shown as a block; CR LF is one line break."""
    assert shown("one\r\ntwo\tthree") == "one  two three"
    assert shown("one\r\ntwo", multiline=True) == "one\ntwo"


def test_non_strings_show_through_str():
    """A value of the wrong type (a BLOB, a number) from a damaged journal still shows."""
    assert shown(None) == ""
    assert shown(12) == "12"
    assert shown(b"\x1b") == "b'\\x1b'"


@given(st.text())
def test_nothing_unsafe_survives(text):
    """Whatever the text, what is shown holds no C0, C1, DEL or bidi control."""
    out = shown(text)
    assert is_safe(out) and "\n" not in out
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out)
    assert is_safe(shown(text, multiline=True))
