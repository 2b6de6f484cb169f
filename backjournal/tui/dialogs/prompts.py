"""One-field prompts: a date, a folder, a line of text.

Typed modals: each returns the value with ``dismiss`` (None when cancelled); the caller does
the work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain.parse import InvalidValue, parse_date
from backjournal.paths import display_path, expand
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.plain import PlainText


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
            yield PlainText("", id="date-error", classes="error-line")
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


class FolderPrompt(ModalScreen["Path | None"]):
    """Ask for a folder, the default already typed in. Returns the folder, or None if cancelled.

    Export CSV and Back up the journal use it; the caller does the work (in a worker).
    """

    CSS_PATH = "prompts.tcss"

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
            yield PlainText("", id="folder-error", classes="error-line")
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
    """Ask for a note: one line typed, or a longer one written in $VISUAL or $EDITOR (ctrl+l,
    as on Today; its line breaks are kept and drawn as ↵). Returns it (possibly empty), or None
    if cancelled. A note over ``max_length`` is refused with a line saying so, and kept in the
    field to shorten."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+l", "edit_note", "In your editor", tooltip="Write the note in $EDITOR"),
    ]

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
            yield PlainText("", id="text-error", classes="error-line")
            yield Label(TEXT_PROMPT_HINT, classes="hint")

    def on_input_submitted(self, event: Field.Submitted) -> None:
        text = event.value.strip()
        if self.max_length and len(text) > self.max_length:
            self.query_one("#text-error", Static).update(
                f"The note has {len(text)} characters; at most {self.max_length}."
            )
            event.input.add_class("-error")
            return
        self.dismiss(text)

    def action_edit_note(self) -> None:
        """ctrl+l: the note in the user's editor (the app suspends until it exits)."""
        from backjournal.tui.editor import EditorFailed, edit_text

        field = self.query_one("#text-input", Field)
        try:
            field.value = edit_text(self.app, field.value)
        except EditorFailed as exc:
            self.notify(str(exc), title="Editor", severity="error")
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


TEXT_PROMPT_HINT = "Enter to keep · ctrl+l in your editor · Escape to cancel"
