"""A one-line button that costs what a Static costs.

Textual's ``Button`` brings 7,000 characters of default CSS (every variant, flat and default
styles, ANSI themes) that the stylesheet parses and matches at start-up; on the Today screen the
six small buttons of the date bar and run rows cost about 10 ms of the first paint, a sixth of
it. This widget keeps what those buttons need: a label, focus with Enter or Space, a click, a
tooltip, ``disabled``, a primary look, a ``Pressed`` message that ``@on(PushButton.Pressed,
"#id")`` can select, and an ``action`` to run when pressed (``action="screen.save_day"``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class PushButton(Static, can_focus=True):
    """A compact button: ``PushButton("Save", id="save", primary=True, tooltip="...")``."""

    DEFAULT_CSS = """
    PushButton {
        width: auto;
        min-width: 3;
        height: 1;
        padding: 0 1;
        text-style: bold;
        text-align: center;
        background: $surface-lighten-1;
        color: $foreground;
        pointer: pointer;
        &:hover { background: $primary-muted; }
        &:focus { background: $primary; color: $text; text-style: bold reverse; }
        &.-primary { background: $primary; color: $text; }
        &:disabled { color: $text-disabled; background: $surface; pointer: not-allowed; }
    }
    """
    BINDINGS = [Binding("enter,space", "press", "Press", show=False)]

    @dataclass
    class Pressed(Message):
        """The button was pressed (click, Enter or Space)."""

        button: PushButton

        @property
        def control(self) -> PushButton:
            return self.button

    def __init__(
        self,
        label: str,
        *,
        id: str | None = None,
        classes: str | None = None,
        tooltip: str | None = None,
        primary: bool = False,
        disabled: bool = False,
        action: str | None = None,
    ) -> None:
        super().__init__(label, id=id, classes=classes, disabled=disabled, markup=False)
        # An action to run when pressed, as a binding names it ("screen.next_day"): most buttons
        # only repeat a key, and a handler each would repeat the same three lines.
        self.action = action
        if tooltip:
            self.tooltip = tooltip
        if primary:
            self.add_class("-primary")

    def action_press(self) -> None:
        """Post :class:`Pressed` unless disabled."""
        if not self.disabled:
            self.post_message(self.Pressed(self))
            if self.action:
                self.call_next(self.run_action, self.action)

    def _on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
