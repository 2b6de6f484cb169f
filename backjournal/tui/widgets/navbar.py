"""The bar at the top of every screen: the app's name and a tab for each screen with its key.

It replaces the footer's screen keys (which did not fit 80 columns) and lets the mouse switch
screens too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Label, Static


class ScreenTab(Static):
    """One screen's tab: ``1 Today``. Clicking it shows that screen."""

    def __init__(self, key: str, mode: str, label: str, current: bool):
        super().__init__(
            f" {key} {label} ", classes="screen-tab" + (" -current" if current else "")
        )
        self.mode = mode

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.app.run_action(f"show_screen('{self.mode}')")


class NavBar(Horizontal):
    """``backjournal │ 1 Today  5 History  9 Settings`` with the current screen highlighted."""

    def __init__(self, current: str, screens: tuple[tuple[str, str, str, str], ...]):
        super().__init__(id="navbar")
        self.current = current
        self.screens = screens

    def compose(self) -> ComposeResult:
        yield Label(" backjournal ", id="app-name")
        for key, mode, label, _ in self.screens:
            yield ScreenTab(key, mode, label, mode == self.current)
        yield Label("ctrl+p commands", id="palette-hint")
