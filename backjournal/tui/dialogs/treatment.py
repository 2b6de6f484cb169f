"""Log a treatment: a dose taken as needed, a course (start, optional end) or a session; or end a
course that is running (its last day typed as ISO, today, yesterday or -3; Today asks to confirm).

Names complete from the journal (most used first), so that "ibuprofen" is typed once; the kind
(medication, physio session, injection, massage, other) is a ←/→ choice. Returns a
:class:`TreatmentEntry` checked with the domain's rules; Today writes it through
``journal.clinical`` (``took`` for a dose, ``add_treatment`` otherwise).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Label, Static

from backjournal.domain.clinical import TREATMENT_KINDS, Dose, Treatment
from backjournal.domain.parse import InvalidValue
from backjournal.domain.safe_text import shown
from backjournal.tui.dialogs.clinical_form import FORM_HINT, ClinicalForm, read_day
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

# What is logged: the words of the first choice, and the schedule each stands for. "end a course"
# is offered only while a course is running on the day shown.
MODES = ("dose taken", "course", "session")
END_MODE = "end a course"
SCHEDULE_OF = {"dose taken": "as-needed", "course": "course", "session": "once"}
FIELD_OF = {
    "name": "tr-name",
    "start": "tr-date",
    "date": "tr-date",
    "end": "tr-end",
    "dose": "tr-dose",
}


@dataclass
class TreatmentEntry:
    """What the dialog returns: a dose taken (``took``) of ``treatment.name``, or a new
    treatment (a course or a session)."""

    treatment: Treatment
    took: bool = False
    dose: str = ""
    date: str = ""
    end_course: bool = False  # ``treatment`` is a running course, ``date`` its chosen last day


def course_labels(courses: list[Treatment]) -> dict[str, Treatment]:
    """Each running course by the words that name it in the dialog ("Naproxen from 2026-11-01";
    the same name and start twice get their number)."""
    labels: dict[str, Treatment] = {}
    for course in courses:
        label = f"{shown(course.name)} from {course.start}"
        if label in labels:
            label = f"{label} ({course.id})"
        labels[label] = course
    return labels


class TreatmentDialog(ClinicalForm):
    """Log a dose, a course or a session on ``day`` (names complete from ``names``)."""

    def __init__(
        self,
        day: dt.date,
        today: dt.date,
        names: list[str],
        courses: list[Treatment] | None = None,
    ):
        super().__init__()
        self.day = day
        self.today = today
        self.names = names
        # The courses running on ``day`` (not as-needed, not a single session): they can be ended.
        self.courses = course_labels([c for c in courses or [] if c.schedule == "course"])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog clinical-dialog"):
            yield Label("Log a treatment", classes="question")
            with Horizontal(classes="form-row"):
                yield Label("What", classes="field-label")
                modes = MODES + ((END_MODE,) if self.courses else ())
                yield ChoiceCycle(modes, MODES[0], tooltip="What to log", classes="tr-mode")
                yield ChoiceCycle(TREATMENT_KINDS, "medication", tooltip="Kind", classes="tr-kind")
            if self.courses:
                with Horizontal(classes="form-row", id="tr-course-row"):
                    yield Label("Course", classes="field-label")
                    labels = tuple(self.courses)
                    yield ChoiceCycle(
                        labels, labels[0], tooltip="The course to end", classes="tr-course"
                    )
            with Horizontal(classes="form-row", id="tr-name-row"):
                yield Label("Name", classes="field-label")
                yield Field(placeholder="ibuprofen, physio...", id="tr-name", max_length=60)
            with Horizontal(classes="form-row", id="tr-dose-row"):
                yield Label("Dose", classes="field-label")
                yield Field(placeholder="400 mg (optional)", id="tr-dose", max_length=60)
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="field-label", id="tr-date-label")
                yield Field(self.day.isoformat(), id="tr-date", tooltip="YYYY-MM-DD, today, -3")
            with Horizontal(classes="form-row", id="tr-end-row"):
                yield Label("Until", classes="field-label")
                yield Field(placeholder="last day (optional; empty while it runs)", id="tr-end")
            yield Static("", id="tr-known", classes="hint")
            yield Static("", id="form-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield PushButton("Save", id="form-save", primary=True, tooltip="ctrl+s")
                yield PushButton("Cancel", id="form-cancel", tooltip="Escape")
            yield Label(FORM_HINT + " · ←/→ choose", classes="hint")

    def on_mount(self) -> None:
        name = self.query_one("#tr-name", Field)
        name.suggester = SuggestFromList(self.names, case_sensitive=False)
        if self.names:
            shown_names = ", ".join(self.names[:5])
            self.query_one("#tr-known", Static).update(f"Known: {shown_names}")
        self._show_mode()
        name.focus()

    @property
    def mode(self) -> str:
        return self.query_one(".tr-mode", ChoiceCycle).value

    def _show_mode(self) -> None:
        mode = self.mode
        ending = mode == END_MODE
        self.query_one("#tr-end-row").display = mode == "course"
        self.query_one(".tr-kind").display = mode not in ("dose taken", END_MODE)
        self.query_one("#tr-name-row").display = not ending
        self.query_one("#tr-dose-row").display = not ending
        self.query_one("#tr-known").display = not ending
        if self.courses:
            self.query_one("#tr-course-row").display = ending
        label = {"dose taken": "Date", "course": "From", "session": "Date", END_MODE: "Last day"}
        self.query_one("#tr-date-label", Label).update(label[mode])

    def on_choice_cycle_changed(self, event: ChoiceCycle.Changed) -> None:
        if "tr-mode" in event.choice.classes:
            self._show_mode()

    def _end_course(self) -> None:
        """The course chosen, ended on the day typed (ISO, today, yesterday, -3; a planned
        last day may be ahead), checked with the domain's rules before Today asks to confirm."""
        from dataclasses import replace

        course = self.courses[self.query_one(".tr-course", ChoiceCycle).value]
        try:
            end = read_day(self.value_of("tr-date"), self.today, future=True)
        except InvalidValue as exc:
            self.refuse("tr-date", f"last day: {exc.message}")
            return
        ended = replace(course, end=end)
        problem = ended.errors(self.today).get("end")
        if problem:
            self.refuse("tr-date", problem)
            return
        self.dismiss(TreatmentEntry(ended, date=end, end_course=True))

    def action_save(self) -> None:
        if self.mode == END_MODE:
            self._end_course()
            return
        name = self.value_of("tr-name")
        dose = self.value_of("tr-dose")
        try:
            date = read_day(self.value_of("tr-date"), self.today)
        except InvalidValue as exc:
            self.refuse("tr-date", f"date: {exc.message}")
            return
        end = None
        if self.mode == "course" and self.value_of("tr-end"):
            try:
                end = read_day(self.value_of("tr-end"), self.today, future=True)
            except InvalidValue as exc:
                self.refuse("tr-end", f"until: {exc.message}")
                return
        kind = "medication" if self.mode == "dose taken" else self.query_one(".tr-kind").value
        treatment = Treatment(name, kind, SCHEDULE_OF[self.mode], date, end, dose)
        if treatment.schedule == "once":
            treatment.end = date
        errors = treatment.errors(self.today)
        if self.mode == "dose taken":
            errors.update(Dose(0, date, dose).errors(self.today))
        if errors:
            key, message = next(iter(errors.items()))
            self.refuse(FIELD_OF.get(key, "tr-name"), message)
            return
        self.dismiss(
            TreatmentEntry(treatment, took=self.mode == "dose taken", dose=dose, date=date)
        )
