"""The Exercises screen's texts: a checklist line, the adherence strip, percentages, errors."""

from __future__ import annotations

import datetime as dt

from backjournal.domain.adherence import Adherence
from backjournal.domain.exercises import ChecklistItem, Dose, builtin
from backjournal.domain.models import ValidationError
from backjournal.tui.exercise_text import (
    adherence_text,
    checklist_prompt,
    clip,
    error_message,
    how_to,
    pct,
    strip_text,
)

TODAY = dt.date(2026, 11, 25)


def test_a_checklist_line_says_what_was_done_and_how():
    """Ticked with fewer sets and a note; an extra is marked as one; long names are clipped."""
    bird = builtin("bird-dog")
    line = checklist_prompt(
        ChecklistItem(bird, Dose(3, reps=8, per_side=True), True, True, 2, "ok")
    )
    assert line.plain.startswith("[x] Bird dog")
    assert "3 x 8 per side" in line.plain and "2 of 3 sets · ok" in line.plain
    extra = checklist_prompt(ChecklistItem(bird, bird.dose, False, True))
    assert extra.plain.endswith("extra")
    assert clip("Single-leg Romanian deadlift", 22) == "Single-leg Romanian d…"
    assert clip("Plank", 8) == "Plank   "


def test_the_strip_shows_each_day_and_a_space_between_weeks():
    """Full when all done, half when some, low when none (dim for an unfinished today), a dot
    when nothing was scheduled; 28 days in four groups of seven."""
    days = [(TODAY - dt.timedelta(days=27 - i), 0, 0) for i in range(28)]
    days[0] = (days[0][0], 3, 3)
    days[1] = (days[1][0], 3, 1)
    days[2] = (days[2][0], 3, 0)
    days[27] = (TODAY, 2, 0)
    text = strip_text(tuple(days), TODAY).plain
    assert text.split(" ") == ["█▄▁····", "·······", "·······", "······▁"]


def test_a_twelve_week_strip_has_twelve_groups():
    """The wide screen's 84 days make twelve weeks of seven cells."""
    days = [(TODAY - dt.timedelta(days=83 - i), 1, 1) for i in range(84)]
    assert strip_text(days, TODAY).plain.split(" ") == ["███████"] * 12


def test_a_wide_checklist_line_shows_longer_names():
    """With 32 columns for the name, a long name is no longer cut."""
    rdl = builtin("single-leg-rdl")
    item = ChecklistItem(rdl, rdl.dose, True, False)
    assert "Single-leg Romanian d… " in checklist_prompt(item).plain
    assert "Single-leg Romanian deadlift " in checklist_prompt(item, name_width=32).plain


def test_percentages_and_errors_read_as_sentences():
    """None is a dash; a refused value names its problems, capitalised."""
    assert (pct(None), pct(0.745)) == ("–", "74 %")
    assert error_message(ValidationError({"date": "2099-01-01 is in the future"})) == (
        "2099-01-01 is in the future"
    )
    assert how_to(builtin("plank"), "3 x 30 s hold").plain.startswith("Plank · strength")


def test_the_adherence_line_says_what_each_number_counts():
    """Each number is named: done of scheduled over 7 and 28 days, today counting only what is
    ticked, and the streak as days in a row with all done."""
    text = adherence_text(Adherence(1.0, 0.8, 0, ())).plain
    assert text == (
        "Adherence  done of scheduled exercises\n"
        "7 days 100 % · 28 days 80 % · today: ticked so far\n"
        "streak 0 days in a row with all done"
    )
    assert max(len(line) for line in text.splitlines()) <= 50  # the column at 80x24
    assert "streak 1 day in a row" in adherence_text(Adherence(None, None, 1, ())).plain


def test_a_long_set_note_wraps_under_the_name_not_into_the_checkbox_column():
    """Given the list's width, the sets, "extra" and a long note go on lines indented by the
    checkbox's width; without a width (or when it fits) they stay on the line."""
    bird = builtin("bird-dog")
    note = "left side wobbly, stopped at two sets because of tingling"
    item = ChecklistItem(bird, Dose(3, reps=8, per_side=True), True, True, 2, note)
    lines = checklist_prompt(item, 46).plain.splitlines()
    assert lines[0].startswith("[x] Bird dog") and len(lines) >= 3
    assert all(line.startswith("    ") and len(line) <= 46 for line in lines[1:])
    assert " ".join(line.strip() for line in lines[1:]) == f"2 of 3 sets · {note}"
    assert "\n" not in checklist_prompt(item).plain
