"""The bar at the top of every screen: the app's name and a tab for each screen with its key.

It replaces the footer's screen keys (which did not fit 80 columns) and lets the mouse switch
screens too. One Static with clickable links, not a widget per tab: every widget costs start-up.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class NavBar(Static):
    """``backjournal  1 Today  5 History  9 Settings`` with the current screen highlighted."""

    def __init__(self, current: str, screens: tuple[tuple[str, str, str, str], ...]):
        parts = [Content.from_markup("[b $accent] backjournal [/]")]
        for key, mode, label, _ in screens:
            if mode == current:
                parts.append(Content.from_markup(f"[b $text on $primary] {key} {label} [/]"))
            else:
                parts.append(
                    Content.from_markup(f"[@click=app.show_screen('{mode}')] {key} {label} [/]")
                )
        super().__init__(Content("").join(parts), id="navbar")
