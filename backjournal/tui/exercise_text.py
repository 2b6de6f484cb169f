"""What the Exercises screen writes: a checklist line, how to do an exercise, the adherence strip,
percentages, and one sentence from an error. Pure functions of the data (rich ``Text``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text

from backjournal.domain.exercises import ChecklistItem, Exercise
from backjournal.domain.models import ValidationError

STRIP_DONE = "█"
STRIP_EMPTY = "·"


def clip(text: str, width: int) -> str:
    """``text`` in ``width`` columns: padded, or cut with an ellipsis."""
    return f"{text:<{width}}" if len(text) <= width else text[: width - 1] + "…"


def checklist_prompt(item: ChecklistItem, name_width: int = 22) -> Text:
    """One line of the checklist: ``[x] Bird dog    3 x 8 per side   2 of 3 sets · note``, the
    name in ``name_width`` columns (wider on a wide screen)."""
    text = Text()
    text.append("[x] " if item.done else "[ ] ", "bold green" if item.done else "dim")
    text.append(clip(item.exercise.name, name_width), "" if item.scheduled else "italic")
    text.append(f" {item.dose.text()}", "dim")
    extras = []
    if item.done and item.sets_done:
        extras.append(f"{item.sets_done} of {item.dose.sets} sets")
    if not item.scheduled:
        extras.append("extra")
    if item.note:
        extras.append(item.note)
    if extras:
        text.append(" " + " · ".join(extras), "italic")
    return text


def how_to(exercise: Exercise, dose_text: str) -> Text:
    """The panel: name, kind and target, the steps, the dose, when to stop."""
    text = Text()
    text.append(exercise.name, "bold")
    text.append(f" · {exercise.kind}\n", "dim")
    if exercise.targets:
        text.append(f"{exercise.targets}\n", "italic")
    text.append("\n")
    for i, step in enumerate(exercise.steps, 1):
        text.append(f"{i}. ", "bold")
        text.append(f"{step}\n")
    text.append("\nDose ", "bold")
    text.append(f"{dose_text}\n")
    if exercise.stop_when:
        text.append("⚠ ", "bold red")
        text.append(exercise.stop_when)
    return text


def strip_text(days: Sequence[tuple[dt.date, int, int]], today: dt.date) -> Text:
    """The strip's days (four weeks, or twelve on a wide screen), a cell per day: full when all
    scheduled was done, half when some, empty when none; a dot when nothing was scheduled.
    Weeks are separated by a space."""
    text = Text()
    for i, (day, scheduled, done) in enumerate(days):
        if i and i % 7 == 0:
            text.append(" ")
        if scheduled == 0:
            text.append(STRIP_EMPTY, "dim")
        elif done >= scheduled:
            text.append(STRIP_DONE, "green")
        elif done > 0:
            text.append("▄", "yellow")
        elif day == today:
            text.append("▁", "dim")  # today is not over
        else:
            text.append("▁", "red")
    return text


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def error_message(exc: Exception) -> str:
    """One sentence from a journal error or a refused value."""
    message = "; ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
    return message[:1].upper() + message[1:]
