"""The programme editor of the Exercises screen: the phase, the exercises in order, the dose and
days of each. A typed modal that returns (phase, items, why); the screen writes them, from the
day it shows, through the journal (the command line shares that path).
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from backjournal.domain.exercises import (
    Exercise,
    ProgrammeItem,
    format_weekdays,
    parse_dose,
    parse_weekdays,
    starter_items,
)
from backjournal.domain.parse import InvalidValue
from backjournal.domain.values import PHASE_LABELS, PHASES
from backjournal.tui.dialogs.library import ExercisePicker
from backjournal.tui.exercise_text import clip
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton


class ProgrammeEditor(ModalScreen["tuple[str, list[ProgrammeItem], str] | None"]):
    """Edit the programme: add, remove, reorder; dose and days of each; the phase.

    Returns (phase, items, why) to apply from the date shown, or None when cancelled. The dose
    and days fields edit the highlighted item (Enter applies them).
    """

    CSS_PATH = "programme.tcss"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("a", "add", "Add"),
        Binding("x,delete", "remove", "Remove"),
        Binding("shift+up,K", "move(-1)", "Move up"),
        Binding("shift+down,J", "move(1)", "Move down"),
        Binding("l", "load_starter", "Load starter"),
    ]

    def __init__(
        self,
        phase: str,
        items: list[ProgrammeItem],
        library: list[Exercise],
        owner,
        *,
        title: str = "the day shown",
        later: str = "",
    ):
        super().__init__()
        self.title_text = title
        self.later = later  # what saving would replace after the day shown ("" if nothing)
        self.phase = phase
        self.start_phase = phase
        self.items = list(items)
        self.start_items = list(items)
        self.library = library
        self.owner = owner

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog", id="editor"):
            yield Label(f"Programme from {self.title_text}", classes="question")
            if self.later:
                yield Static(
                    f"Saving replaces {self.later} from this day on.",
                    id="later-warning",
                    classes="error-line",
                )
            with Horizontal(classes="form-row"):
                yield Label("Phase", classes="field-label")
                yield ChoiceCycle(
                    tuple(PHASE_LABELS[p] for p in PHASES),
                    PHASE_LABELS[self.phase],
                    tooltip="Phase: Left/Right change it",
                    classes="phase-choice",
                )
                yield Label("  l: load this phase's starter", classes="hint")
            yield Static(self._history_text(), id="phase-history", classes="hint")
            yield OptionList(id="items")
            with Horizontal(classes="form-row"):
                yield Label("Dose", classes="field-label")
                yield Field(placeholder="3 x 10 per side", id="item-dose")
                yield Label(" Days", classes="field-label")
                yield Field(placeholder="mon wed fri, daily", id="item-days")
            with Horizontal(classes="form-row", id="why-row"):
                yield Label("Why", classes="field-label")
                yield Field(placeholder="why the phase changes (kept in its history)", id="why")
            yield Static("", id="editor-error", classes="error-line")
            yield Label(
                "a add · x remove · shift+↑↓ move · Enter applies a field · ctrl+s save",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield PushButton("Save (ctrl+s)", id="editor-save", primary=True)
                yield PushButton("Cancel (Esc)", id="editor-cancel")

    def on_mount(self) -> None:
        self._fill(0)
        self.query_one("#items", OptionList).focus()
        self._show_why()

    def _history_text(self) -> str:
        """The phase history, newest first: "Maintenance since 12 Oct 2026 (pain settled) ·
        Strengthening from 2 Jun 2026" (the two latest changes; all are kept)."""
        history = self.owner.phase_history()
        if not history:
            return "No phase chosen yet: the programme starts in relief."
        parts = []
        for i, (day, _, to, why) in enumerate(reversed(history[-2:])):
            when = f"{'since' if i == 0 else 'from'} {day.day} {day:%b %Y}"
            why = why if len(why) <= 30 else why[:29] + "…"
            parts.append(f"{PHASE_LABELS[to]} {when}" + (f" ({why})" if why else ""))
        return " · ".join(parts)

    # --- the list --------------------------------------------------------------------------------

    def _exercise_name(self, exercise_id: str) -> str:
        found = next((e for e in self.library if e.id == exercise_id), None)
        return found.name if found else exercise_id

    def _fill(self, highlight: int | None) -> None:
        items = self.query_one("#items", OptionList)
        items.clear_options()
        items.add_options(
            [
                Option(
                    f"{i + 1:>2}. {clip(self._exercise_name(it.exercise_id), 26)} "
                    f"{it.dose.text():<23} {format_weekdays(it.weekdays)}"
                )
                for i, it in enumerate(self.items)
            ]
        )
        if self.items:
            items.highlighted = max(0, min(highlight or 0, len(self.items) - 1))
        else:
            items.add_option(
                Option("Empty: l loads this phase's starter, a adds an exercise.", disabled=True)
            )
        self._show_item()

    def _current(self) -> int | None:
        return self.query_one("#items", OptionList).highlighted

    @on(OptionList.OptionHighlighted, "#items")
    def _show_item(self) -> None:
        index = self._current()
        dose = self.query_one("#item-dose", Field)
        days = self.query_one("#item-days", Field)
        if index is None or not self.items:
            dose.value = days.value = ""
            dose.disabled = days.disabled = True
            return
        item = self.items[index]
        dose.disabled = days.disabled = False
        dose.value = item.dose.text()
        days.value = format_weekdays(item.weekdays)
        self.query_one("#editor-error", Static).update("")

    @on(Field.Submitted, "#item-dose, #item-days")
    def _apply_fields(self) -> bool:
        """Apply the dose and days fields to the highlighted item; False (and why) if wrong."""
        index = self._current()
        if index is None or not self.items:
            return True
        error = self.query_one("#editor-error", Static)
        dose_field = self.query_one("#item-dose", Field)
        days_field = self.query_one("#item-days", Field)
        try:
            dose = parse_dose(dose_field.value)
        except InvalidValue as exc:
            error.update(f"Dose: {exc}")
            dose_field.add_class("-error")
            dose_field.focus()
            return False
        try:
            days = parse_weekdays(days_field.value)
        except InvalidValue as exc:
            error.update(f"Days: {exc}")
            days_field.add_class("-error")
            days_field.focus()
            return False
        dose_field.remove_class("-error")
        days_field.remove_class("-error")
        error.update("")
        item = self.items[index]
        if (dose, days) != (item.dose, item.weekdays):
            self.items[index] = replace(item, dose=dose, weekdays=days)
            self._fill(index)
        return True

    @on(Field.Submitted, "#item-days")
    def _back_to_list(self) -> None:
        if not self.query_one("#editor-error", Static).content:
            self.query_one("#items", OptionList).focus()

    # --- actions ---------------------------------------------------------------------------------

    def action_add(self) -> None:
        def picked(exercise_id: str | None) -> None:
            if exercise_id is None:
                return
            exercise = next((e for e in self.library if e.id == exercise_id), None)
            if exercise is None:  # added in the picker: the owner has the new library
                self.library = self.owner.library()
                exercise = next(e for e in self.library if e.id == exercise_id)
            self.items.append(ProgrammeItem(exercise.id, exercise.dose, (0, 2, 4)))
            self._fill(len(self.items) - 1)
            self.query_one("#items", OptionList).focus()

        taken = {i.exercise_id for i in self.items}
        self.app.push_screen(
            ExercisePicker("Add to the programme", self.library, taken, self.owner), picked
        )

    def action_remove(self) -> None:
        index = self._current()
        if index is None or not self.items:
            return
        del self.items[index]
        self._fill(index)

    def action_move(self, step: int) -> None:
        index = self._current()
        if index is None or not self.items:
            return
        target = index + step
        if 0 <= target < len(self.items):
            self.items[index], self.items[target] = self.items[target], self.items[index]
            self._fill(target)

    def action_load_starter(self) -> None:
        self.items = starter_items(self.phase)
        self._fill(0)
        self.notify(f"The {PHASE_LABELS[self.phase].lower()} starter is loaded: save to keep it.")

    @on(ChoiceCycle.Changed, ".phase-choice")
    def _phase_changed(self, event: ChoiceCycle.Changed) -> None:
        label = event.value
        self.phase = next(p for p in PHASES if PHASE_LABELS[p] == label)
        self._show_why()

    def _show_why(self) -> None:
        self.query_one("#why-row").display = self.phase != self.start_phase

    @on(PushButton.Pressed, "#editor-save")
    def action_save(self) -> None:
        if not self._apply_fields():
            return
        why = self.query_one("#why", Field).value.strip()
        result = (self.phase, list(self.items), why)
        if not self.later:
            self.dismiss(result)
            return
        from backjournal.tui.dialogs.confirm import ConfirmDialog

        def answered(replace: bool | None) -> None:
            if replace:
                self.dismiss(result)

        self.app.push_screen(
            ConfirmDialog(
                f"Save the programme from {self.title_text}? It replaces {self.later}.",
                "Save",
                "Keep editing",
            ),
            answered,
        )

    @on(PushButton.Pressed, "#editor-cancel")
    def action_cancel(self) -> None:
        """Escape: leave a field for the list; from the list, close (asking if changed)."""
        from backjournal.tui.dialogs.confirm import ConfirmDialog

        if isinstance(self.focused, Field):
            self.query_one("#items", OptionList).focus()
            return
        if (self.phase, self.items) == (self.start_phase, self.start_items):
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Discard the changes to the programme?", "Discard", "Keep editing"),
            answered,
        )
