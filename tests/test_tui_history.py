"""The History screen, driven with Pilot: rows, open in Today, filter, delete and undo."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static
from uikit import TODAY, build_app, demo_journal, settle

from backjournal.domain.clinical import FlareUp
from backjournal.domain.flags import Outcome
from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal
from backjournal.tui.screens.history import HistoryScreen
from backjournal.tui.screens.today import TodayScreen
from backjournal.tui.widgets.day_table import DayTable
from backjournal.tui.widgets.fields import Field


def small_journal(db_path):
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry("2026-11-20", back_wake=2, note="easy week"), TODAY)
        journal.save_day(
            DayEntry("2026-11-22", back_after=4, leg_after=1, runs=[Run(12000), Run(3000)]), TODAY
        )
        journal.save_day(DayEntry("2026-11-24", leg_wake=3, runs=[Run(8000)]), TODAY)


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("5")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def column(table: DayTable, index: int) -> list[str]:
    return [row[index] for row in table.rows]


async def test_rows_newest_first_with_totals(db_path):
    """Each day is one row, newest first, with distance, runs, worst pains and the note."""
    small_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DayTable)
        assert column(table, 0) == ["Tue 24 Nov 2026", "Sun 22 Nov 2026", "Fri 20 Nov 2026"]
        # At 120 columns: active minutes after the runs (these runs are not timed), then stiffness,
        # sleep and exercises between the pains and the flag.
        assert table.rows[1][1:] == ("15", "2", "", "4", "1", "", "", "", "", "", "")
        assert table.rows[2][1:] == ("rest", "", "", "2", "", "", "", "", "", "", "easy week")
        assert "3 days · 23 km" in str(screen.query_one("#history-summary", Static).content)
    app.journal.close()


async def test_a_wide_history_shows_stiffness_sleep_and_exercises(db_path):
    """From 110 columns History shows stiffness, sleep and the exercises done of those
    scheduled; at 80 columns the note keeps the room (issue #15)."""
    from backjournal.domain.exercises import Dose, ProgrammeItem

    with Journal.open(db_path) as journal:
        journal.exercises.set_programme(
            [
                ProgrammeItem("bird-dog", Dose(3, reps=8), (0, 1, 2, 3, 4, 5, 6)),
                ProgrammeItem("glute-bridge", Dose(3, reps=10), (0, 1, 2, 3, 4, 5, 6)),
            ],
            on="2026-11-20",
            today=TODAY,
        )
        journal.save_day(DayEntry("2026-11-24", stiffness=3, sleep=4, note="ok"), TODAY)
        journal.exercises.tick("2026-11-24", "bird-dog", today=TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DayTable)
        titles = [c.title for c in table.columns]
        assert titles[6:9] == ["Stiff", "Sleep", "Exercises"]  # after the active minutes
        assert table.rows[0][6:9] == ("3", "4", "1 of 2")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "Stiff" not in [c.title for c in table.columns]
        assert table.rows[0][-1] == "ok" and len(table.rows[0]) == 8
    app.journal.close()


async def test_enter_opens_the_day_in_today(db_path):
    """Enter on a row switches to Today showing that date."""
    small_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.date == dt.date(2026, 11, 22)
    app.journal.close()


async def test_delete_asks_then_undo_restores(db_path):
    """Delete asks first; "n" keeps the day, "y" deletes it with its runs, "u" puts it back."""
    small_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert "Sun 22 Nov 2026 and its 2 runs" in str(app.screen.query_one(".question").content)
        await pilot.press("n")
        await settle(pilot)
        assert app.journal.get_day("2026-11-22") is not None
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.journal.get_day("2026-11-22") is None
        assert screen.query_one(DayTable).row_count == 2
        await pilot.press("u")
        await settle(pilot)
        restored = app.journal.get_day("2026-11-22")
        assert restored is not None and [r.distance_m for r in restored.runs] == [12000, 3000]
        assert screen.query_one(DayTable).row_count == 3
    app.journal.close()


async def test_filter_by_date_range(db_path):
    """From/To keep only the days in the range; a bad date is named and changes nothing."""
    small_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("f", *"2026-11-21", "tab", *"2026-11-23", "enter")
        await settle(pilot)
        assert column(screen.query_one(DayTable), 0) == ["Sun 22 Nov 2026"]
        screen.query_one("#filter-to", Field).focus()
        await pilot.press("ctrl+u", *"2026-13-40", "enter")
        await settle(pilot)
        assert "does not exist" in str(screen.query_one("#filter-error", Static).content)
        assert screen.query_one("#filter-to").has_class("-error")
        assert screen.query_one(DayTable).row_count == 1
        await pilot.click("#filter-clear")
        await settle(pilot)
        assert screen.query_one(DayTable).row_count == 3
    app.journal.close()


async def test_ten_years_of_rows(db_path):
    """A ten-year journal fills the table completely, first rows first."""
    demo_journal(db_path, years=10)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        for _ in range(20):
            await pilot.pause()
        table = screen.query_one(DayTable)
        assert table.row_count == app.journal.count_days()
        assert table.rows[0][0] == "Wed 25 Nov 2026"
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == table.row_count - 1
    app.journal.close()


async def test_red_flags_oswestry_scores_and_flare_ups_are_listed(db_path):
    """Every day a flag was active is marked with its tier in words (not only the day it was
    recorded; Tier 1 "!!T1", Tier 2 "T2"), up to the day before its outcome; a day with an
    Oswestry check-in shows its score; a day inside a flare-up says so before its note."""
    small_journal(db_path)
    with Journal.open(db_path) as journal:
        journal.update_day("2026-11-20", lambda e: setattr(e, "rf_fever", True), TODAY)
        journal.update_day("2026-11-22", lambda e: setattr(e, "rf_saddle", True), TODAY)
        journal.flags.record_outcome(Outcome("fever", "2026-11-24", "resolved"), TODAY)
        journal.symptoms.save_odi("2026-11-20", [2, 2, 2, 2, 2, 2, 1, 1, 1, 1])
        # Issue #17: the days of a flare-up say so before their note (20 Nov: its first day).
        journal.clinical.start_flare(FlareUp("2026-11-20"), TODAY)
        journal.clinical.end_flare(journal.clinical.flare_ups()[0].id, "2026-11-22", TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DayTable)
        assert table.columns[9].title == "Flag"  # after active, stiffness, sleep, exercises
        # 24 Nov: the saddle sign still active, the fever resolved that day; 22 Nov: both.
        assert column(table, 9) == ["!!T1", "!!T1+2", "T2"]
        assert column(table, 10) == ["", "", "32%"]
        assert column(table, 11) == ["", "flare-up", "flare-up · easy week"]
    app.journal.close()


async def test_active_minutes_column_when_wide_and_active_days_named(db_path):
    """At 120 columns "Active" adds timed runs and other activity; a day with a walk and no
    run reads "active", not "rest"; at 80 columns the column gives its room to the note."""
    from backjournal.domain.activity import Activity
    from backjournal.domain.models import DayEntry, Run

    with Journal.open(db_path) as journal:
        walk = Activity("walk", 2400)
        journal.save_day(DayEntry("2026-11-23", activities=[walk]), TODAY)
        ride = Activity("ride", 3600)
        journal.save_day(DayEntry("2026-11-24", runs=[Run(8000, 2700)], activities=[ride]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DayTable)
        assert [c.title for c in table.columns][3] == "Active"
        assert [row[1:4] for row in table.rows] == [("8", "1", "105"), ("active", "", "40")]
        assert table.dim == [False, False]
    app.journal.close()
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DayTable)
        assert "Active" not in [c.title for c in table.columns]
    app.journal.close()
