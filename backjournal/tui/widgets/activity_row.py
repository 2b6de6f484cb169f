"""Other activity on the Today screen: one row per walk, ride or session, and the list they form.

A row is entered as a run is: the sport with ←/→ or its first letter, the minutes (``40``, or
``1:05:00``), an optional distance in the user's unit, an optional effort (CR-10) and pain during
and after (0-10, the worse of back and leg), a note. The list keeps what was loaded, so that the
screen can tell what is not saved yet, and parses every row with the domain's own checks; the
day is saved through ``DayEntry.activities`` (a list replaces the day's stored activities, ids
kept). A stored activity is removed only after the user said so (the screen asks).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget

from backjournal.domain.activity import SPORTS, Activity
from backjournal.domain.parse import (
    InvalidValue,
    format_distance,
    format_duration,
    parse_distance,
    parse_duration,
    parse_score,
)
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

# The header above the rows: each name over its field (the widths are in today.tcss).
ACTIVITY_HEADER = (
    f"{'Activity':<15}{'Min':<8}" + "{distance:<10}" + f"{'Effort':<7}{'During':<7}{'After':<7}Note"
)
# The fields a message may name (``activities.0.duration``), by their class on the row.
_FIELD_CLASS = {
    "duration": "act-minutes",
    "distance": "act-distance",
    "effort": "act-effort",
    "pain_during": "act-during",
    "pain_after": "act-after",
    "notes": "act-notes",
}
FIELD_NAMES = {
    "duration": "minutes",
    "distance": "distance",
    "effort": "effort",
    "pain_during": "pain during",
    "pain_after": "pain after",
    "notes": "note",
}


def minutes_text(seconds: int) -> str:
    """``40`` for whole minutes (what a user types), else ``42:10``."""
    return str(seconds // 60) if seconds % 60 == 0 else format_duration(seconds)


class ActivityRow(Horizontal):
    """An activity being edited. ``activity_id`` is the stored one's id, or None for a new one."""

    @dataclass
    class RemoveRequested(Message):
        """The user asked to remove this activity from the day."""

        row: ActivityRow

    def __init__(self, activity: Activity | None, units: str):
        super().__init__(classes="activity-row")
        self.units = units
        self.activity_id = activity.id if activity else None
        self._initial = activity or Activity("walk", 0)
        # As for runs: while the distance shown is unchanged, the stored metres are kept.
        self._shown_distance = (
            format_distance(activity.distance_m, units, unit_label=False)
            if activity and activity.distance_m is not None
            else ""
        )

    def compose(self) -> ComposeResult:
        a = self._initial
        yield ChoiceCycle(SPORTS, a.sport, tooltip="Activity", classes="act-sport")
        yield Field(
            minutes_text(a.duration_s) if a.duration_s else "",
            placeholder="min",
            classes="act-minutes",
            tooltip="Minutes (40), or a time (1:05:00)",
        )
        yield Field(
            self._shown_distance,
            placeholder=self.units,
            classes="act-distance",
            tooltip=f"Distance in {self.units}, optional (or 8k, 5mi, 800m)",
        )
        for cls, value, tip in (
            ("act-effort", a.effort, "Effort 0-10 (how hard it felt), optional"),
            ("act-during", a.pain_during, "Pain during 0-10 (the worse of back and leg)"),
            ("act-after", a.pain_after, "Pain after 0-10 (the worse of back and leg)"),
        ):
            yield Field(
                "" if value is None else str(value),
                placeholder="0-10",
                classes=cls,
                tooltip=tip,
                max_length=2,
            )
        yield Field(a.notes, placeholder="note", classes="act-notes")
        yield PushButton("✕", classes="act-remove", tooltip="Remove this activity")

    def field(self, name: str) -> Widget:
        """The widget of a field named as the domain names it (``duration``, ``pain_after``)."""
        return self.query_one(f".{_FIELD_CLASS.get(name, 'act-minutes')}")

    @property
    def sport(self) -> ChoiceCycle:
        return self.query_one(".act-sport", ChoiceCycle)

    def values(self) -> dict[str, str]:
        """The raw text of each field, to compare with what is saved."""
        out = {"sport": self.sport.value}
        for name, cls in _FIELD_CLASS.items():
            out[name] = self.query_one(f".{cls}", Field).value.strip()
        return out

    def to_activity(self) -> tuple[Activity | None, dict[str, str]]:
        """Parse the row into an Activity, or return the errors by field name."""
        values = self.values()
        errors: dict[str, str] = {}
        seconds = metres = None
        if not values["duration"]:
            errors["duration"] = "an activity needs its minutes"
        else:
            try:
                seconds = parse_duration(values["duration"])
            except InvalidValue as exc:
                errors["duration"] = exc.message
        if values["distance"]:
            if self.activity_id is not None and values["distance"] == self._shown_distance:
                metres = self._initial.distance_m
            else:
                try:
                    metres = parse_distance(values["distance"], self.units)
                except InvalidValue as exc:
                    errors["distance"] = exc.message
        scores: dict[str, int | None] = {}
        for name, what in (("effort", "effort"), ("pain_during", "pain"), ("pain_after", "pain")):
            try:
                scores[name] = parse_score(values[name], what=what)
            except InvalidValue as exc:
                errors[name] = exc.message
        if errors:
            return None, errors
        activity = Activity(
            values["sport"],
            seconds or 0,
            distance_m=metres,
            notes=values["notes"],
            id=self.activity_id,
            **scores,
        )
        problems = activity.errors(prefix="")
        if problems:
            return None, {key.lstrip("."): message for key, message in problems.items()}
        return activity, {}

    def on_push_button_pressed(self, event: PushButton.Pressed) -> None:
        event.stop()
        self.post_message(self.RemoveRequested(self))


class ActivityList(Vertical):
    """The day's activities: its rows, what was loaded (to tell what changed), and the stored
    ones the user removed (saved with the day)."""

    # The row's widths line up with ACTIVITY_HEADER; a self-contained widget, so its look is here.
    DEFAULT_CSS = """
    ActivityList { height: auto; }
    ActivityList .activity-row { height: 1; }
    ActivityList .activity-row.-dirty .act-sport { text-style: italic; }
    ActivityList .act-sport { width: 14; margin-right: 1; }
    ActivityList .act-minutes { width: 7; margin-right: 1; }
    ActivityList .act-distance { width: 9; margin-right: 1; }
    ActivityList .act-effort, ActivityList .act-during, ActivityList .act-after {
        width: 6; margin-right: 1;
    }
    ActivityList .act-notes { width: 1fr; margin-right: 1; }
    ActivityList .act-remove { min-width: 3; width: 3; }
    """

    def __init__(self, activities: list[Activity], units: str, *, id: str | None = None):
        super().__init__(*(ActivityRow(a, units) for a in activities), id=id)
        self.units = units
        self._baseline: list[dict[str, str]] = []
        self.removed_ids: list[int] = []

    @property
    def rows(self) -> list[ActivityRow]:
        return list(self.query(ActivityRow))

    async def replace(self, activities: list[Activity], units: str) -> None:
        """Show ``activities`` (a day just read) in place of the rows shown."""
        self.units = units
        await self.remove_children()
        await self.mount_all([ActivityRow(a, units) for a in activities])

    def mark_saved(self) -> None:
        """What is shown now is what the journal holds."""
        self._baseline = [row.values() for row in self.rows]
        self.removed_ids = []

    async def add(self) -> ActivityRow:
        row = ActivityRow(None, self.units)
        await self.mount(row)
        return row

    async def remove_row(self, row: ActivityRow) -> None:
        index = self.rows.index(row)
        if row.activity_id is not None:
            self.removed_ids.append(row.activity_id)
            if index < len(self._baseline):
                self._baseline.pop(index)
        await row.remove()

    def changes(self) -> int:
        """How many rows differ from what is saved (new, edited or removed)."""
        count = len(self.removed_ids)
        for i, row in enumerate(self.rows):
            saved = self._baseline[i] if i < len(self._baseline) else None
            dirty = saved is None or row.values() != saved
            row.set_class(dirty, "-dirty")
            count += dirty
        return count

    def is_dirty(self) -> bool:
        current = [row.values() for row in self.rows]
        return bool(self.removed_ids) or current != self._baseline

    def collect(self) -> tuple[list[Activity], dict[str, tuple[Widget, str]]]:
        """Every row parsed; the errors keyed ``activity 1 minutes`` with their widget."""
        out: list[Activity] = []
        errors: dict[str, tuple[Widget, str]] = {}
        for i, row in enumerate(self.rows):
            activity, problems = row.to_activity()
            for name, message in problems.items():
                label = FIELD_NAMES.get(name, name)
                errors[f"activity {i + 1} {label}"] = (row.field(name), message)
            if activity is not None:
                out.append(activity)
        return out, errors

    def widget_for(self, key: str) -> Widget | None:
        """The field a journal error names (``activities.1.pain_after``)."""
        parts = key.split(".")
        rows = self.rows
        if len(parts) < 3 or not parts[1].isdigit() or int(parts[1]) >= len(rows):
            return None
        return rows[int(parts[1])].field(parts[2])
