"""ctrl+z on Today: undo changes not saved yet, a removed run included (issue #15).

What is on screen is captured as a :class:`FormState` after each change; the state before the
change goes on a stack, and ctrl+z puts it back. Typing in one text field is one change until
another field is touched (undo does not go a character at a time). Loading or saving a day starts
a new stack: what is saved is undone by editing it again, not by ctrl+z.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.containers import Vertical

from backjournal.domain.models import Run
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.run_row import RunRow

if TYPE_CHECKING:
    from backjournal.tui.screens.today import TodayScreen

MAX_STEPS = 100


@dataclass(frozen=True)
class RunState:
    """A run row: the stored run it began from (None: added on screen) and its fields' text."""

    initial: Run | None
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FormState:
    """Everything Today can change before a save."""

    pain: tuple[tuple[str, int | None], ...]
    morning: tuple[tuple[str, int | None], ...]
    checks: tuple[tuple[str, bool | None], ...]
    note: str
    runs: tuple[RunState, ...]
    removed: tuple[int, ...]
    baseline: tuple[tuple[tuple[str, str], ...], ...]


def capture(screen: TodayScreen) -> FormState:
    """The state of the form now."""
    return FormState(
        pain=tuple(screen.pain.values.items()),
        morning=tuple(screen.morning.values.items()),
        checks=tuple(screen.checks.values.items()),
        note=screen.query_one("#note", Field).value,
        runs=tuple(
            RunState(row.initial_run, tuple(row.values().items())) for row in screen.query(RunRow)
        ),
        removed=tuple(screen._removed_run_ids),
        baseline=tuple(tuple(b.items()) for b in screen._run_baseline),
    )


class UndoStack:
    """The states before each unsaved change of the day shown."""

    def __init__(self) -> None:
        self._steps: list[FormState] = []
        self._last: FormState | None = None
        self._last_widget: object | None = None

    def reset(self, state: FormState) -> None:
        """A day was loaded or saved: nothing to undo, ``state`` is where it starts."""
        self._steps.clear()
        self._last = state
        self._last_widget = None

    def changed(self, state: FormState, widget: object | None) -> None:
        """The form changed to ``state`` (through ``widget``); remember the state before."""
        if self._last is None or state == self._last:
            return
        typing_on = isinstance(widget, Field) and widget is self._last_widget and self._steps
        if not typing_on:
            self._steps.append(self._last)
            del self._steps[:-MAX_STEPS]
        self._last = state
        self._last_widget = widget

    def pop(self) -> FormState | None:
        """The state before the last change, or None when there is nothing to undo."""
        if not self._steps:
            return None
        state = self._steps.pop()
        self._last = state
        self._last_widget = None
        return state

    def __len__(self) -> int:
        return len(self._steps)


async def restore(screen: TodayScreen, state: FormState) -> None:
    """Put ``state`` back on screen (the change events it raises find nothing new to record)."""
    screen.pain.load_values(dict(state.pain))
    screen.morning.load_values(dict(state.morning))
    for key, value in state.checks:
        if screen.checks.values.get(key) != value:
            screen.checks.set_value(key, value)
    screen.query_one("#note", Field).value = state.note
    runs = screen.query_one("#runs", Vertical)
    rows = list(screen.query(RunRow))
    if [r.initial_run for r in rows] != [s.initial for s in state.runs]:
        await runs.remove_children()
        rows = [RunRow(s.initial, screen.units, screen._shoes) for s in state.runs]
        await runs.mount_all(rows)
    for row, run_state in zip(rows, state.runs, strict=True):
        row.set_values(dict(run_state.values))
    screen._removed_run_ids = list(state.removed)
    screen._run_baseline = [dict(b) for b in state.baseline]
