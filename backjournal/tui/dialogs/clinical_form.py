"""What the clinical record's dialogs share: a form whose bad field is named and marked.

Each dialog (treatment, appointment, PSFS, factors) is a typed modal that returns what the user
entered, already checked with the domain's own rules, or None; the Today screen does the write.
A field that is wrong is marked and named on the error line, the focus goes to it, and nothing
is returned. ctrl+s saves, Escape cancels, Enter moves to the next field.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from backjournal.domain.parse import parse_date
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

FORM_HINT = "ctrl+s save · Enter next field · Escape cancel"


def read_day(text: str, today: dt.date, *, future: bool = False) -> str:
    """A date as typed (ISO, ``today``, ``-3``...) in ISO form; raises InvalidValue."""
    return parse_date(text, today, allow_future=future).isoformat()


class ClinicalForm(ModalScreen):
    """A form dialog: ``save`` checks the fields and dismisses with a value, or names the
    first bad field (``refuse``)."""

    CSS_PATH = "clinical_form.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def refuse(self, field_id: str | None, message: str) -> None:
        """Name what is wrong on the error line and mark its field; nothing is returned."""
        for widget in self.query(".-error"):
            widget.remove_class("-error")
        self.query_one("#form-error", Static).update(message[:1].upper() + message[1:])
        if field_id:
            widget = self.query_one(f"#{field_id}")
            widget.add_class("-error")
            widget.focus()

    def value_of(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Field).value.strip()

    def on_input_submitted(self, event: Field.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_push_button_pressed(self, event: PushButton.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        elif event.button.id == "form-cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError
