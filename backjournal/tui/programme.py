"""The dialogs of the Exercises screen: a line of text, the exercise picker (the library), the form
of one's own exercise, and the programme editor.

Each is a typed modal (``ModalScreen[T]``) that returns what the user chose; the Exercises screen
does the writing, through the journal, so that the command line and the screen share one path
(the picker asks the screen to hide, add or edit an exercise, and shows the library it returns).
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
    KINDS,
    PHASE_LABELS,
    PHASES,
    Exercise,
    ProgrammeItem,
    format_weekdays,
    parse_dose,
    parse_weekdays,
    slugify,
    starter_items,
)
from backjournal.domain.parse import InvalidValue
from backjournal.tui.screens.exercises import clip
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton


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


def _exercise_prompt(exercise: Exercise, note: str = "") -> str:
    hidden = " (hidden)" if exercise.hidden else ""
    own = "" if exercise.builtin else " · yours"
    return f"{clip(exercise.name, 30)} {exercise.kind:<9} {exercise.dose.text()}{own}{hidden}{note}"


class ExercisePicker(ModalScreen["str | None"]):
    """Pick an exercise from the library. Returns its id, or None.

    ``h`` hides (or shows again) the highlighted exercise; ``n`` adds one of the user's own.
    Both are recorded by the caller through ``on_hide``/``on_new`` (they return the new library),
    so that the picker stays a view.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("h", "toggle_hidden", "Hide/show"),
        Binding("n", "new_exercise", "New exercise"),
        Binding("ctrl+e", "edit_exercise", "Edit yours"),
        Binding("s", "show_hidden", "Show hidden"),
    ]

    def __init__(self, title: str, library: list[Exercise], exclude: set[str], owner) -> None:
        super().__init__()
        self.title_text = title
        self.library = library
        self.exclude = exclude
        self.owner = owner  # the Exercises screen: writes hide/new through the journal
        self.with_hidden = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label(self.title_text, classes="question")
            yield OptionList(id="picker")
            yield Static("", id="picker-detail", classes="hint")
            yield Label(
                "Enter picks · h hide/show · s show hidden · n new · ctrl+e edit yours · Esc",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#picker", OptionList).focus()

    def _fill(self, keep: str | None = None) -> None:
        picker = self.query_one("#picker", OptionList)
        picker.clear_options()
        shown = [
            e
            for e in self.library
            if e.id not in self.exclude and (self.with_hidden or not e.hidden)
        ]
        picker.add_options([Option(_exercise_prompt(e), id=e.id) for e in shown])
        if shown:
            ids = [e.id for e in shown]
            picker.highlighted = ids.index(keep) if keep in ids else 0
        self._show_detail()

    def _highlighted(self) -> Exercise | None:
        picker = self.query_one("#picker", OptionList)
        if picker.highlighted is None:
            return None
        option_id = picker.get_option_at_index(picker.highlighted).id
        return next((e for e in self.library if e.id == option_id), None)

    @on(OptionList.OptionHighlighted, "#picker")
    def _show_detail(self) -> None:
        exercise = self._highlighted()
        text = f"{exercise.targets}" if exercise else "Nothing to pick: n adds an exercise."
        self.query_one("#picker-detail", Static).update(text)

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_show_hidden(self) -> None:
        self.with_hidden = not self.with_hidden
        current = self._highlighted()
        self._fill(keep=current.id if current else None)

    def action_toggle_hidden(self) -> None:
        exercise = self._highlighted()
        if exercise is None:
            return
        library = self.owner.set_hidden(exercise.id, not exercise.hidden)
        if library is not None:
            self.library = library
            self._fill(keep=exercise.id)

    def action_new_exercise(self) -> None:
        def made(exercise: Exercise | None) -> None:
            if exercise is None:
                return
            library = self.owner.add_exercise(exercise)
            if library is not None:
                self.library = library
                self._fill(keep=exercise.id)

        self.app.push_screen(ExerciseForm({e.id for e in self.library}), made)

    def action_edit_exercise(self) -> None:
        exercise = self._highlighted()
        if exercise is None:
            return
        if exercise.builtin:
            self.notify(
                f"{exercise.name} is built in: h hides it; n adds one of your own instead.",
                timeout=4,
            )
            return

        def edited(changed: Exercise | None) -> None:
            if changed is None:
                return
            library = self.owner.update_exercise(changed)
            if library is not None:
                self.library = library
                self._fill(keep=changed.id)

        self.app.push_screen(ExerciseForm(set(), exercise), edited)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExerciseForm(ModalScreen["Exercise | None"]):
    """A user's own exercise: name, kind, what it targets, steps, dose, when to stop. Given an
    ``exercise``, the form edits it (its id stays)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, taken: set[str], exercise: Exercise | None = None):
        super().__init__()
        self.taken = taken
        self.editing = exercise

    def compose(self) -> ComposeResult:
        editing = self.editing
        title = f"Edit {editing.name}" if editing else "A new exercise of your own"
        current = {
            "name": editing.name if editing else "",
            "targets": editing.targets if editing else "",
            "steps": "; ".join(editing.steps) if editing else "",
            "dose": editing.dose.text() if editing else "",
            "stop": editing.stop_when if editing else "",
        }
        with Vertical(classes="dialog wide-dialog"):
            yield Label(title, classes="question")
            for key, label, hint in (
                ("name", "Name", "e.g. Wall sit"),
                ("targets", "Targets", "what it works or stretches"),
                ("steps", "How to", "short steps separated by ; (up to 8)"),
                ("dose", "Dose", "3 x 10, 3 x 10 per side or 3 x 30 s hold"),
                ("stop", "Stop if", "when to stop"),
            ):
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="field-label")
                    yield Field(current[key], placeholder=hint, id=f"ex-{key}")
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="field-label")
                yield ChoiceCycle(
                    KINDS, editing.kind if editing else KINDS[0], tooltip="Kind", classes="ex-kind"
                )
            yield Static("", id="ex-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield PushButton("Save (ctrl+s)", id="ex-save", primary=True)
                yield PushButton("Cancel (Esc)", id="ex-cancel")

    def _value(self, key: str) -> str:
        return self.query_one(f"#ex-{key}", Field).value.strip()

    @on(PushButton.Pressed, "#ex-save")
    def action_save(self) -> None:
        name = self._value("name")
        error = self.query_one("#ex-error", Static)
        try:
            dose = parse_dose(self._value("dose"))
        except InvalidValue as exc:
            error.update(f"Dose: {exc}")
            return
        steps = tuple(s.strip() for s in self._value("steps").split(";") if s.strip())
        exercise = Exercise(
            id=self.editing.id
            if self.editing
            else _free_id(slugify(name) or "exercise", self.taken),
            name=name,
            kind=self.query_one(".ex-kind", ChoiceCycle).value,
            targets=self._value("targets"),
            steps=steps,
            dose=dose,
            stop_when=self._value("stop"),
            builtin=False,
            hidden=self.editing.hidden if self.editing else False,
        )
        problems = exercise.errors()
        if problems:
            key, message = next(iter(problems.items()))
            error.update(f"{key.split('.')[0].capitalize()}: {message}")
            return
        self.dismiss(exercise)

    @on(PushButton.Pressed, "#ex-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _free_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class ProgrammeEditor(ModalScreen["tuple[str, list[ProgrammeItem], str] | None"]):
    """Edit the programme: add, remove, reorder; dose and days of each; the phase.

    Returns (phase, items, why) to apply from the date shown, or None when cancelled. The dose
    and days fields edit the highlighted item (Enter applies them).
    """

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
        from backjournal.tui.modals import ConfirmDialog

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
        from backjournal.tui.modals import ConfirmDialog

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


__all__ = [
    "ExerciseForm",
    "ExercisePicker",
    "ProgrammeEditor",
    "TextPrompt",
]
