"""The exercise library's dialogs: the picker (choose an exercise; hide or show one; start the
form) and the form of one's own exercise (new, or edited).

Typed modals (``ModalScreen[T]``) that return what the user chose; the writes (hide, add, edit)
go through the Exercises screen, which owns the journal and hands back the library as it now is.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from backjournal.domain.exercises import KINDS, Exercise, parse_dose, slugify
from backjournal.domain.parse import InvalidValue
from backjournal.tui.exercise_text import clip
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton


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
