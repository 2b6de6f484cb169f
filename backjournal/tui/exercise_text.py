"""What the Exercises screen writes: a checklist line, how to do an exercise, the adherence strip,
percentages, and one sentence from an error. Pure functions of the data (rich ``Text``): the
user's text (names, notes, steps) goes through ``stored_text``, never raw, never as markup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text

from backjournal.domain.adherence import Adherence
from backjournal.domain.exercises import MORNING_ADVICE, STARTING_POINTS, ChecklistItem, Exercise
from backjournal.domain.models import ValidationError
from backjournal.domain.safe_text import stored_text

CHECKBOX_WIDTH = 4  # "[x] "
STRIP_DONE = "█"
STRIP_EMPTY = "·"


def clip(text: str, width: int) -> str:
    """``text`` in ``width`` columns: padded, or cut with an ellipsis."""
    return f"{text:<{width}}" if len(text) <= width else text[: width - 1] + "…"


def checklist_prompt(item: ChecklistItem, width: int | None = None, name_width: int = 22) -> Text:
    """One line of the checklist: ``[x] Bird dog    3 x 8 per side   2 of 3 sets · note``, the
    name in ``name_width`` columns (wider on a wide screen).

    Given the list's ``width``, what does not fit the first line (sets done, extra, the note)
    goes on lines of its own indented under the name, never into the checkbox column (a set
    note wrapped to column 0 at 80x24, issue #15).
    """
    text = Text()
    text.append("[x] " if item.done else "[ ] ", "bold green" if item.done else "dim")
    text.append(
        clip(stored_text(item.exercise.name), name_width), "" if item.scheduled else "italic"
    )
    text.append(f" {item.dose.text()}", "dim")
    extras = []
    if item.done and item.sets_done:
        extras.append(f"{item.sets_done} of {item.dose.sets} sets")
    if not item.scheduled:
        extras.append("extra")
    if item.note:
        extras.append(stored_text(item.note))
    if extras:
        said = " · ".join(extras)
        if width is None or text.cell_len + 1 + len(said) <= width:
            text.append(" " + said, "italic")
        else:
            import textwrap

            room = max(10, width - CHECKBOX_WIDTH)
            for line in textwrap.wrap(said, room):
                text.append("\n" + " " * CHECKBOX_WIDTH + line, "italic")
    return text


def how_to(exercise: Exercise, dose_text: str, source: str | None = None) -> Text:
    """The panel: name, kind and target, the steps, the dose (and, for an exercise a clinician
    gave, ``source``: "from your appointment with physio on 2026-05-12"), when to stop."""
    text = Text()
    text.append(stored_text(exercise.name), "bold")
    text.append(f" · {exercise.kind}\n", "dim")
    if exercise.targets:
        text.append(f"{stored_text(exercise.targets)}\n", "italic")
    text.append("\n")
    for i, step in enumerate(exercise.steps, 1):
        text.append(f"{i}. ", "bold")
        text.append(f"{stored_text(step)}\n")
    text.append("\nDose ", "bold")
    text.append(f"{dose_text}\n")
    if source:
        text.append(f"{stored_text(source[:1].upper() + source[1:])}\n", "italic")
    if exercise.stop_when:
        text.append("⚠ ", "bold red")
        text.append(stored_text(exercise.stop_when))
    text.append(f"\n\n{MORNING_ADVICE}\n{STARTING_POINTS}", "dim")
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


def adherence_text(adherence: Adherence) -> Text:
    """The adherence lines, each number with what it counts: "100 %" beside Today's "4 of 5
    done" and "streak 0" read as wrong (issue #15)::

        Adherence  done of scheduled exercises
        7 days 100 % · 28 days 80 % · today: ticked so far
        streak 3 days in a row with all done

    (lines short enough for the checklist's column at 80x24).
    """
    streak = adherence.streak
    return Text.assemble(
        ("Adherence", "bold"),
        ("  done of scheduled exercises\n", "dim"),
        ("7 days ", "dim"),
        pct(adherence.pct7),
        (" · 28 days ", "dim"),
        pct(adherence.pct28),
        (" · today: ticked so far\nstreak ", "dim"),
        f"{streak} day{'' if streak == 1 else 's'}",
        (" in a row with all done", "dim"),
    )


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def error_message(exc: Exception) -> str:
    """One sentence from a journal error or a refused value."""
    message = "; ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
    return message[:1].upper() + message[1:]
