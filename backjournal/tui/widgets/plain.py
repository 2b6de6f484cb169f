"""A line of text that may quote what the user typed or what the journal holds.

An error line says ``'[/]' is not a date``: given to a ``Static`` as a string, that is read as
markup, and Textual fails on the closing tag that closes nothing (the app ended with a
MarkupError); a note quoted in a message could also carry an escape sequence. ``PlainText`` is
never markup, and shows its text through :func:`~backjournal.domain.safe_text.shown`.
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static

from backjournal.domain.safe_text import shown


class PlainText(Static):
    """A ``Static`` whose strings are plain text, made safe to show (their lines kept)."""

    def __init__(self, content: str = "", **kwargs) -> None:
        super().__init__(shown(content, multiline=True), markup=False, **kwargs)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        if isinstance(content, str):
            content = shown(content, multiline=True)
        super().update(content, layout=layout)
