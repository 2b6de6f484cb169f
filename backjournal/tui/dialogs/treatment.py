"""Log a treatment: a dose taken as needed, a course (start, optional end) or a session.

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
from backjournal.tui.dialogs.clinical_form import FORM_HINT, ClinicalForm, read_day
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

# What is logged: the words of the first choice, and the schedule each stands for.
MODES = ("dose taken", "course", "session")
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


class TreatmentDialog(ClinicalForm):
    """Log a dose, a course or a session on ``day`` (names complete from ``names``)."""

    def __init__(self, day: dt.date, today: dt.date, names: list[str]):
        super().__init__()
        self.day = day
        self.today = today
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog clinical-dialog"):
            yield Label("Log a treatment", classes="question")
            with Horizontal(classes="form-row"):
                yield Label("What", classes="field-label")
                yield ChoiceCycle(MODES, MODES[0], tooltip="What to log", classes="tr-mode")
                yield ChoiceCycle(TREATMENT_KINDS, "medication", tooltip="Kind", classes="tr-kind")
            with Horizontal(classes="form-row"):
                yield Label("Name", classes="field-label")
                yield Field(placeholder="ibuprofen, physio...", id="tr-name", max_length=60)
            with Horizontal(classes="form-row"):
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
        self.query_one("#tr-end-row").display = mode == "course"
        self.query_one(".tr-kind").display = mode != "dose taken"
        label = {"dose taken": "Date", "course": "From", "session": "Date"}[mode]
        self.query_one("#tr-date-label", Label).update(label)

    def on_choice_cycle_changed(self, event: ChoiceCycle.Changed) -> None:
        if "tr-mode" in event.choice.classes:
            self._show_mode()

    def action_save(self) -> None:
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
