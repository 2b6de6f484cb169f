"""Record an appointment: when, with whom, what they said, the instructions and the next date.

Instructions are typed one per line in the user's words. As they are typed, the dialog shows
which of them the journal understands (``parse_instruction``: "no running until 12 Dec", "at
most 5 km per run", "at most 3 runs a week", "no runs on consecutive days") and so become rules
that Today and "Run today?" follow; the others are kept as said. An instruction the journal
understands but whose value is wrong (a date before the appointment) is named, and nothing is
stored. Exercises the clinician gave go on one line, ``NAME: DOSE`` separated by ``;`` ("Bird dog:
3 x 10; Wall sit: 3 x 30 s hold"); each becomes the user's own, in the programme with that dose.
A name given twice or a dose the programme refuses is named, and nothing is stored. Returns an
:class:`AppointmentEntry`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static, TextArea

from backjournal.domain.clinical import Appointment, PlanRule, parse_instruction
from backjournal.domain.clinician_exercises import GivenExercise, parse_all, split_field
from backjournal.domain.parse import InvalidValue, parse_date
from backjournal.domain.safe_text import shown
from backjournal.tui.dialogs.clinical_form import FORM_HINT, ClinicalForm, read_day
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

FIELD_OF = {"date": "ap-date", "who": "ap-who", "said": "ap-said", "next_date": "ap-next"}


@dataclass
class AppointmentEntry:
    """The appointment, the rules its instructions set, and the exercises given."""

    appointment: Appointment
    rules: list[PlanRule] = field(default_factory=list)
    exercises: list[GivenExercise] = field(default_factory=list)


def read_instructions(
    text: str, date: str, units: str, today: dt.date
) -> tuple[list[PlanRule], list[str], list[str]]:
    """The rules the lines of ``text`` state, the lines kept as said, and the problems."""
    rules: list[PlanRule] = []
    kept: list[str] = []
    problems: list[str] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        try:
            rule = parse_instruction(
                line, date, units, lambda s: parse_date(s, today, allow_future=True)
            )
        except InvalidValue as exc:
            problems.append(f"'{line}': {exc.message}")
            continue
        if rule is None:
            kept.append(line)
        else:
            rules.append(rule)
    return rules, kept, problems


class AppointmentDialog(ClinicalForm):
    """Record an appointment on ``day`` (the day shown by default)."""

    def __init__(self, day: dt.date, today: dt.date, units: str):
        super().__init__()
        self.day = day
        self.today = today
        self.units = units

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog clinical-dialog"):
            yield Label("Record an appointment", classes="question")
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="field-label")
                yield Field(self.day.isoformat(), id="ap-date", tooltip="YYYY-MM-DD, today, -3")
            with Horizontal(classes="form-row"):
                yield Label("With", classes="field-label")
                yield Field(placeholder="physio, Dr Patel (optional)", id="ap-who")
            with Horizontal(classes="form-row"):
                yield Label("They said", classes="field-label")
                yield Field(placeholder="in your words (optional)", id="ap-said")
            yield Label("Instructions, one per line", classes="field-label")
            yield TextArea(id="ap-instructions", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="ap-rules", classes="hint")
            with Horizontal(classes="form-row"):
                yield Label("Exercises", classes="field-label")
                yield Field(
                    placeholder="Bird dog: 3 x 10; Wall sit: 3 x 30 s hold (optional)",
                    id="ap-exercises",
                    tooltip="Each becomes yours, in your programme with this dose",
                )
            with Horizontal(classes="form-row"):
                yield Label("Next", classes="field-label")
                yield Field(placeholder="the next appointment (optional)", id="ap-next")
            yield Static("", id="form-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield PushButton("Save", id="form-save", primary=True, tooltip="ctrl+s")
                yield PushButton("Cancel", id="form-cancel", tooltip="Escape")
            yield Label(FORM_HINT, classes="hint")

    def on_mount(self) -> None:
        self.query_one(
            "#ap-instructions", TextArea
        ).placeholder = "no running until 2026-12-12\nat most 5 km per run\nat most 3 runs a week"
        self._show_rules()
        self.query_one("#ap-who", Field).focus()

    def _date(self) -> str:
        try:
            return read_day(self.value_of("ap-date"), self.today)
        except InvalidValue:
            return self.day.isoformat()

    def _show_rules(self) -> None:
        text = self.query_one("#ap-instructions", TextArea).text
        rules, kept, problems = read_instructions(text, self._date(), self.units, self.today)
        out = Text()
        for rule in rules:
            out.append("● rule: ", "bold green")
            out.append(f"{rule.describe(self.units)}\n")
        for line in kept:
            out.append("○ kept as said: ", "dim")
            out.append(f"{shown(line)}\n")
        for problem in problems:
            out.append("✕ ", "bold red")
            out.append(f"{shown(problem)}\n")
        try:
            given = parse_all(split_field(self.value_of("ap-exercises")))
        except InvalidValue as exc:
            out.append("✕ ", "bold red")
            out.append(f"exercises: {shown(exc.message)}\n")
        else:
            for item in given:
                out.append("● exercise: ", "bold green")
                out.append(f"{shown(item.name)} {item.dose.text()}\n")
        if not out.plain:
            out.append("Rules the journal follows: no running until D · at most N km per run · ")
            out.append("at most N runs a week · no runs on consecutive days")
        out.rstrip()
        self.query_one("#ap-rules", Static).update(out)

    def on_text_area_changed(self) -> None:
        self._show_rules()

    def on_input_changed(self, event: Field.Changed) -> None:
        if event.input.id in ("ap-date", "ap-exercises"):
            self._show_rules()

    def action_save(self) -> None:
        try:
            date = read_day(self.value_of("ap-date"), self.today)
        except InvalidValue as exc:
            self.refuse("ap-date", f"date: {exc.message}")
            return
        next_date = None
        if self.value_of("ap-next"):
            try:
                next_date = read_day(self.value_of("ap-next"), self.today, future=True)
            except InvalidValue as exc:
                self.refuse("ap-next", f"next appointment: {exc.message}")
                return
        text = self.query_one("#ap-instructions", TextArea).text
        rules, _, problems = read_instructions(text, date, self.units, self.today)
        if problems:
            self.refuse("ap-instructions", f"instruction {problems[0]}")
            return
        try:
            exercises = parse_all(split_field(self.value_of("ap-exercises")))
        except InvalidValue as exc:
            self.refuse("ap-exercises", f"exercises: {exc.message}")
            return
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        appointment = Appointment(
            date,
            self.value_of("ap-who"),
            self.value_of("ap-said"),
            "; ".join(lines),
            next_date,
        )
        errors = appointment.errors(self.today)
        if errors:
            key, message = next(iter(errors.items()))
            self.refuse(FIELD_OF.get(key), message)
            return
        self.dismiss(AppointmentEntry(appointment, rules, exercises))
