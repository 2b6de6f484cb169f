"""The body map's mark dialog: one region's intensity 0-10 and qualities, by mouse or keys.

A typed modal: it returns the new Mark, "clear", or None; the Body map screen stores it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain.body import QUALITIES, QUALITY_KEYS
from backjournal.domain.symptoms import Mark, sorted_qualities


class MarkDialog(ModalScreen["Mark | str | None"]):
    """Edit one region's mark with the mouse or keys: intensity 0-10 and qualities.

    Returns the new Mark, "clear" to remove the mark, or None when cancelled.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, region: str, name: str, mark: Mark | None):
        super().__init__()
        self.region_id = region
        self.name_text = name
        self.intensity = mark.intensity if mark else None
        self.qualities = set(mark.qualities) if mark else set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.name_text} ({self.region_id})", classes="question")
            yield Static("", id="mark-intensity")
            yield Static("", id="mark-qualities")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Clear mark", variant="error", id="clear")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self._refresh()
        self.query_one("#save", Button).focus()

    def _refresh(self) -> None:
        cells = []
        for value in range(11):
            text = f" {value} "
            if value == self.intensity:
                cells.append(f"[reverse b]{text}[/]")
            else:
                cells.append(f"[@click=screen.intensity({value})]{text}[/]")
        self.query_one("#mark-intensity", Static).update("Intensity " + "".join(cells))
        toggles = []
        for quality in QUALITIES:
            box = "■" if quality in self.qualities else "□"
            toggles.append(f"[@click=screen.toggle('{quality}')]{box} {quality}[/]")
        self.query_one("#mark-qualities", Static).update("  ".join(toggles))

    def action_intensity(self, value: int) -> None:
        self.intensity = value
        self._refresh()

    def action_toggle(self, quality: str) -> None:
        self.qualities ^= {quality}
        self._refresh()

    def on_key(self, event) -> None:
        char = event.character or ""
        if char.isascii() and char.isdecimal():
            self.action_intensity(int(char))
        elif char == "x":
            self.action_intensity(10)
        elif char in QUALITY_KEYS:
            self.action_toggle(QUALITY_KEYS[char])
        else:
            return
        event.stop()

    def action_save(self) -> None:
        if self.intensity is None and not self.qualities:
            self.dismiss("clear")
            return
        self.dismiss(Mark(self.region_id, self.intensity or 0, sorted_qualities(self.qualities)))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "clear":
            self.dismiss("clear")
        else:
            self.dismiss(None)
