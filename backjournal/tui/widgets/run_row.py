"""One run on the Today screen: distance, time, live pace, effort, type, surface, notes, remove."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from backjournal.domain.models import Run, Shoe
from backjournal.domain.parse import (
    InvalidValue,
    format_distance,
    format_duration,
    format_pace,
    parse_distance,
    parse_duration,
    parse_score,
)
from backjournal.domain.values import RUN_TYPES, SURFACES
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

NO_SHOE = "no shoe"


class RunRow(Horizontal):
    """A run being edited. ``run_id`` is the stored run's id, or None for a new run."""

    @dataclass
    class RemoveRequested(Message):
        """The user asked to remove this run from the day."""

        row: RunRow

    def __init__(self, run: Run | None, units: str, shoes: list[Shoe] | None = None):
        super().__init__(classes="run-row")
        # The shoe picker: the shoes in use (and this run's own, even retired); no picker at all
        # for a runner who keeps no shoes.
        self.shoes = shoes or []
        self.run_id = run.id if run else None
        self.units = units
        self._initial = run or Run(distance_m=0)
        self._is_new = run is None
        # The distance as first shown (rounded to the unit's hundredths): while it is unchanged,
        # the stored metres are kept, so that saving a day never drifts a run's distance.
        self._shown_distance = (
            "" if run is None else format_distance(run.distance_m, units, unit_label=False)
        )

    def compose(self) -> ComposeResult:
        run = self._initial
        yield Field(
            self._shown_distance,
            placeholder=self.units,
            classes="run-distance",
            tooltip=f"Distance in {self.units} (or 8k, 5mi, 8000m)",
        )
        yield Field(
            format_duration(run.duration_s),
            placeholder="mm:ss",
            classes="run-duration",
            tooltip="Time: 42:10 or 1:05:30",
        )
        yield Static(self._pace_text(), classes="run-pace")
        yield Field(
            "" if run.effort is None else str(run.effort),
            placeholder="0-10",
            classes="run-effort",
            tooltip="Effort 0-10 (how hard it felt), optional",
            max_length=2,
        )
        yield ChoiceCycle(RUN_TYPES, run.type, tooltip="Run type", classes="run-type")
        yield ChoiceCycle(SURFACES, run.surface, tooltip="Surface", classes="run-surface")
        if self.shoes:
            names = (NO_SHOE, *(s.name for s in self.shoes))
            current = next((s.name for s in self.shoes if s.id == run.shoe_id), NO_SHOE)
            yield ChoiceCycle(names, current, tooltip="Shoes", classes="run-shoe")
        yield Field(run.notes, placeholder="notes", classes="run-notes")
        yield PushButton("✕", classes="run-remove", tooltip="Remove this run")

    @property
    def initial_run(self) -> Run | None:
        """The stored run this row began from; None for a run added on screen."""
        return None if self._is_new else self._initial

    def set_values(self, values: dict[str, str]) -> None:
        """Put the fields' text back (ctrl+z on Today)."""
        self.distance_input.value = values["distance"]
        self.duration_input.value = values["duration"]
        self.query_one(".run-type", ChoiceCycle).choose(values["type"])
        self.query_one(".run-surface", ChoiceCycle).choose(values["surface"])
        if self.shoes:
            self.query_one(".run-shoe", ChoiceCycle).choose(values["shoe"])
        self.query_one(".run-notes", Field).value = values["notes"]

    @property
    def distance_input(self) -> Field:
        return self.query_one(".run-distance", Field)

    @property
    def duration_input(self) -> Field:
        return self.query_one(".run-duration", Field)

    def field(self, key: str) -> Field:
        """The field an error names: ``distance``, ``duration`` or ``effort``."""
        return self.query_one(".run-effort" if key == "effort" else f".run-{key}", Field)

    def values(self) -> dict[str, str]:
        """The raw text of each field, to compare with what is saved."""
        return {
            "distance": self.distance_input.value.strip(),
            "duration": self.duration_input.value.strip(),
            "effort": self.query_one(".run-effort", Field).value.strip(),
            "type": self.query_one(".run-type", ChoiceCycle).value,
            "surface": self.query_one(".run-surface", ChoiceCycle).value,
            "shoe": self.query_one(".run-shoe", ChoiceCycle).value if self.shoes else "",
            "notes": self.query_one(".run-notes", Field).value,
        }

    def to_run(self) -> tuple[Run | None, dict[str, str]]:
        """Parse the row into a Run, or return the errors by field ("distance", "duration")."""
        values = self.values()
        errors: dict[str, str] = {}
        distance = duration = None
        try:
            if not self._is_new and values["distance"] == self._shown_distance:
                distance = self._initial.distance_m
            elif values["distance"]:
                distance = parse_distance(values["distance"], self.units)
            else:
                distance = None
            if distance is None:
                errors["distance"] = "a run needs a distance"
        except InvalidValue as exc:
            errors["distance"] = exc.message
        if values["duration"]:
            try:
                duration = parse_duration(values["duration"])
            except InvalidValue as exc:
                errors["duration"] = exc.message
        effort = None
        try:
            effort = parse_score(values["effort"], what="effort")
        except InvalidValue as exc:
            errors["effort"] = exc.message
        if errors:
            return None, errors
        run = Run(
            distance_m=distance or 0.0,
            duration_s=duration,
            type=values["type"],
            surface=values["surface"],
            notes=values["notes"].strip(),
            shoe_id=self._shoe_id(values["shoe"]),
            id=self.run_id,
            effort=effort,
        )
        return run, {}

    def _shoe_id(self, name: str) -> int | None:
        if not self.shoes:
            return self._initial.shoe_id  # no picker: the run keeps its shoe
        return next((s.id for s in self.shoes if s.name == name), None)

    def _pace_text(self) -> str:
        run = self._initial
        return format_pace(run.distance_m, run.duration_s, self.units) or "–"

    def on_input_changed(self, event: Field.Changed) -> None:
        """Show the pace as it is typed."""
        if not ({"run-distance", "run-duration"} & set(event.input.classes)):
            return
        try:
            metres = parse_distance(self.distance_input.value, self.units)
            seconds = parse_duration(self.duration_input.value)
            pace = format_pace(metres, seconds, self.units) or "–"
        except InvalidValue:
            pace = "–"
        self.query_one(".run-pace", Static).update(pace)

    def on_push_button_pressed(self, event: PushButton.Pressed) -> None:
        event.stop()
        self.post_message(self.RemoveRequested(self))
