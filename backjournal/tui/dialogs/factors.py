"""Your own factors: up to 10 daily factors, yes/no ("long drive") or 0-10 ("stress").

The dialog lists the factors in use and adds new ones: a name and yes/no or 0-10 (←/→), Enter
adds it to the list, ctrl+s saves the new ones. A name used already (whatever the case) or an
eleventh factor is named at the field, and nothing is stored. Returns the new factors.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from backjournal.domain.clinical import MAX_FACTORS, Factor, factors_problem
from backjournal.domain.safe_text import shown
from backjournal.tui.dialogs.clinical_form import ClinicalForm
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

KIND_WORDS = {"yes/no": "yes-no", "0-10": "scale"}


class FactorsDialog(ClinicalForm):
    """The factors in use (``factors``) and the ones added here (returned)."""

    def __init__(self, factors: list[Factor]):
        super().__init__()
        self.factors = factors
        self.added: list[Factor] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog clinical-dialog"):
            yield Label("Your factors", classes="question")
            yield Static(
                "Things you suspect matter, recorded each day on Today with one key: "
                '"sat over 6 h", "long drive", "lifted heavy" (yes/no), "stress" (0-10).',
                classes="hint explanation",
            )
            yield Static("", id="factor-list", classes="listing")
            with Horizontal(classes="form-row"):
                yield Label("New", classes="field-label")
                yield Field(placeholder="a factor's name", id="factor-name", max_length=40)
                yield ChoiceCycle(
                    tuple(KIND_WORDS), "yes/no", tooltip="Answered", classes="factor-kind"
                )
            yield Static("", id="form-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield PushButton("Add", id="factor-add", tooltip="Enter in the name")
                yield PushButton("Save", id="form-save", primary=True, tooltip="ctrl+s")
                yield PushButton("Cancel", id="form-cancel", tooltip="Escape")
            yield Label("Enter adds · ctrl+s saves the new ones · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self._show_list()
        self.query_one("#factor-name", Field).focus()

    def _show_list(self) -> None:
        lines = []
        for i, factor in enumerate([*self.factors, *self.added]):
            kind = "0-10" if factor.kind == "scale" else "yes/no"
            new = "  (new)" if factor in self.added else ""
            lines.append(f"{(i + 1) % 10}  {shown(factor.name)}  ({kind}){new}")
        count = len(self.factors) + len(self.added)
        lines.append(f"{count} of {MAX_FACTORS}" if lines else "No factors yet.")
        self.query_one("#factor-list", Static).update("\n".join(lines))

    def _add(self) -> bool:
        """Add the typed factor to the list; False (and the field named) if it is refused."""
        name = self.value_of("factor-name")
        kind = KIND_WORDS[self.query_one(".factor-kind", ChoiceCycle).value]
        factor = Factor(name, kind)
        errors = factor.errors()
        problem = next(iter(errors.values()), None) or factors_problem(
            [*self.factors, *self.added, factor]
        )
        if problem:
            self.refuse("factor-name", problem)
            return False
        self.added.append(factor)
        self.query_one("#factor-name", Field).value = ""
        self.query_one("#form-error", Static).update("")
        self.query_one("#factor-name").remove_class("-error")
        self._show_list()
        return True

    # Textual also calls ClinicalForm's handlers of the same name unless the default is
    # prevented: Enter in the name adds (and stays), the form's other buttons are its own.
    def on_input_submitted(self, event: Field.Submitted) -> None:
        if event.input.id == "factor-name":
            event.prevent_default()
            event.stop()
            self._add()

    def on_push_button_pressed(self, event: PushButton.Pressed) -> None:
        if event.button.id == "factor-add":
            event.prevent_default()
            event.stop()
            self._add()

    def action_save(self) -> None:
        if self.value_of("factor-name") and not self._add():
            return
        self.dismiss(self.added)
