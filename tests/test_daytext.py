"""The day texts shared by the screens: date titles and Today's one-line summaries."""

from __future__ import annotations

import datetime as dt

from backjournal.domain.symptoms import Mark
from backjournal.tui.daytext import (
    bullet,
    date_title,
    days_before,
    exercises_text,
    fmt_date,
    marks_text,
    odi_text,
)

TODAY = dt.date(2026, 11, 25)


def test_date_titles_name_today_and_yesterday_only():
    """Today and yesterday are named after the date; other days, past or future, are not."""
    assert fmt_date(TODAY) == "Wed 25 Nov 2026"
    assert date_title(TODAY, TODAY) == "Wed 25 Nov 2026 · today"
    assert date_title(TODAY - dt.timedelta(days=1), TODAY) == "Tue 24 Nov 2026 · yesterday"
    assert date_title(TODAY - dt.timedelta(days=2), TODAY) == "Mon 23 Nov 2026"
    assert date_title(TODAY + dt.timedelta(days=1), TODAY) == "Thu 26 Nov 2026"


def test_days_before_agrees_with_its_number():
    """One day reads "1 day before", not "1 days before"."""
    assert days_before(1) == "1 day before"
    assert days_before(7) == "7 days before"


def test_exercises_text_counts_and_colours():
    """Nothing scheduled links to the programme; otherwise "done of scheduled", coloured by how
    much is done."""
    assert "none scheduled" in exercises_text((0, 0))
    assert "[$text-muted]0 of 5 done[/]" in exercises_text((0, 5))
    assert "[$warning]3 of 5 done[/]" in exercises_text((3, 5))
    assert "[$success]5 of 5 done[/]" in exercises_text((5, 5))
    assert "show_screen('exercises')" in exercises_text((3, 5))


def test_marks_text_gives_the_extent_per_leg():
    """Marks are listed with the furthest reach of each leg; no marks invite marking."""
    assert "nothing marked" in marks_text([])
    text = marks_text([Mark("calf-l", 4, ("tingling",)), Mark("low-back", 3)])
    assert "extent: left 4 below the knee, right 1 back only" in text


def test_odi_text_says_when_the_weekly_check_in_is_due():
    """The latest score with its band and date; "due" from 7 days on."""
    assert "no check-in yet" in odi_text(None, TODAY)
    recent = odi_text(("2026-11-19", 24.0, "moderate"), TODAY)
    assert "24 % (moderate) on Thu 19 Nov 2026" in recent and "due" not in recent
    assert "due" in odi_text(("2026-11-18", 24.0, "moderate"), TODAY)


def test_a_wrapped_reason_is_indented_under_its_text_not_its_bullet():
    """Every line after the first starts under the reason's first word (4 columns in), none
    wider than asked."""
    reason = (
        "Leg pain on waking is 1, up from 0 yesterday morning: the pain-monitoring model asks "
        "that it not rise from one morning to the next."
    )
    lines = bullet(reason, 70)
    assert lines[0].startswith("  · Leg pain") and len(lines) >= 2
    assert all(line.startswith("    ") and not line.startswith("     ") for line in lines[1:])
    assert max(len(line) for line in lines) <= 70
