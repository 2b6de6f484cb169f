"""Shown in place of the screens while the terminal is smaller than backjournal supports.

The screens are laid out for 80x24 at least; below that fields overlap or vanish, and a runner
could type into a field they cannot see. The app pushes this screen when the terminal gets too
small and pops it when it is large enough again (``BackjournalApp._check_size``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static


class TooSmallScreen(Screen[None]):
    """A notice saying the size needed and the size there is, centred, until resized."""

    is_size_notice = True  # how the app tells this screen apart without importing it

    def __init__(self, size: Size, minimum: tuple[int, int]):
        super().__init__()  # no id: each mode may hold one of these at once
        self._size = size
        self._minimum = minimum

    def compose(self) -> ComposeResult:
        yield Static(self._message(), id="too-small-message")

    def show_size(self, size: Size) -> None:
        """Say the terminal's new size (it was resized, but is still too small)."""
        self._size = size
        self.query_one("#too-small-message", Static).update(self._message())

    def _message(self) -> str:
        width, height = self._minimum
        return (
            f"[b]backjournal needs at least {width}x{height};[/b]\n"
            f"this terminal is {self._size.width}x{self._size.height}.\n\n"
            "Make the window larger (or the font smaller) and the journal comes back "
            "as you left it.\n"
            "ctrl+q quits."
        )
