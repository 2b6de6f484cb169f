"""Typed modal dialogs: each returns a value with ``dismiss``; the caller does the work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain.body import QUALITIES, QUALITY_KEYS
from backjournal.domain.parse import InvalidValue, parse_date
from backjournal.domain.symptoms import Mark, sorted_qualities
from backjournal.paths import display_path, expand
from backjournal.tui.widgets.fields import Field


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question before something that destroys data. Returns True for yes."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str, yes: str = "Delete", no: str = "Keep"):
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class UnsavedDialog(ModalScreen[str]):
    """Unsaved changes are about to be left: returns "save", "discard" or "cancel"."""

    BINDINGS = [
        Binding("escape,c", "answer('cancel')", "Cancel"),
        Binding("s", "answer('save')", "Save"),
        Binding("d", "answer('discard')", "Discard"),
    ]

    def __init__(self, what: str):
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.what} has unsaved changes.", classes="question")
            with Horizontal(classes="buttons"):
                yield Button("Save (s)", variant="primary", id="save")
                yield Button("Discard (d)", variant="error", id="discard")
                yield Button("Cancel (c)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_answer(self, value: str) -> None:
        self.dismiss(value)


class DatePrompt(ModalScreen["dt.date | None"]):
    """Ask for a date (ISO, today, yesterday or -N days). Returns the date, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: dt.date, title: str = "Go to date"):
        super().__init__()
        self.today = today
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question")
            yield Field(placeholder="YYYY-MM-DD, today, yesterday or -3", id="date-input")
            yield Static("", id="date-error", classes="error-line")
            yield Label("Enter to go · Escape to cancel", classes="hint")

    def on_input_submitted(self, event: Field.Submitted) -> None:
        try:
            day = parse_date(event.value, self.today)
        except InvalidValue as exc:
            self.query_one("#date-error", Static).update(str(exc))
            event.input.add_class("-error")
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)


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


class FolderPrompt(ModalScreen["Path | None"]):
    """Ask for a folder, the default already typed in. Returns the folder, or None if cancelled.

    Export CSV and Back up the journal use it; the caller does the work (in a worker).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, explanation: str, default: Path, action: str = "Export"):
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.default = default
        self.action = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question")
            yield Static(self.explanation, classes="hint explanation")
            yield Label("Folder", classes="field-label")
            yield Field(display_path(self.default), id="folder-input", tooltip="~ is your home")
            yield Static("", id="folder-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button(self.action, variant="primary", id="go")
                yield Button("Cancel", id="cancel")
            yield Label("Enter to go · Escape to cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#folder-input", Field).focus()

    def _submit(self) -> None:
        field = self.query_one("#folder-input", Field)
        text = field.value.strip()
        if not text:
            self.query_one("#folder-error", Static).update("a folder is needed")
            field.add_class("-error")
            return
        folder = expand(text)
        if folder.exists() and not folder.is_dir():
            self.query_one("#folder-error", Static).update(f"{text} is a file, not a folder")
            field.add_class("-error")
            return
        self.dismiss(folder)

    def on_input_submitted(self, event: Field.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen["str | None"]):
    """Ask for one line of text (a note). Returns it (possibly empty), or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", max_length: int = 0):
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question")
            yield Field(
                self.value,
                placeholder=self.placeholder,
                id="text-input",
                max_length=self.max_length,
            )
            yield Label("Enter to keep · Escape to cancel", classes="hint")

    def on_input_submitted(self, event: Field.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
