"""The app shell: number keys, the command palette, settings applied everywhere, quitting."""

from __future__ import annotations

from textual.widgets import Static
from uikit import TODAY, build_app, settle, type_score

from backjournal.domain.models import DayEntry, Run, Settings
from backjournal.store import Journal
from backjournal.tui.screens.history import HistoryScreen
from backjournal.tui.screens.settings import SettingsScreen
from backjournal.tui.screens.today import TodayScreen
from backjournal.tui.widgets.day_table import DayTable
from backjournal.tui.widgets.run_row import RunRow


async def test_number_keys_switch_screens(db_path):
    """1, 5 and 9 switch between Today, History and Settings."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("5")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("9")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("1")
        assert isinstance(app.screen, TodayScreen)
    app.journal.close()


async def test_command_palette_finds_screens_and_actions(db_path):
    """The palette lists every screen and the current screen's actions, and runs them."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "Go to Today",
            "Go to History",
            "Go to Settings",
            "Save day",
            "Add run",
            "Previous day",
            "Go to date",
        ):
            assert wanted in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to history")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Delete day" in titles and "Undo delete" in titles
    app.journal.close()


async def test_units_setting_is_stored_and_followed(db_path):
    """Choosing miles stores the setting; Today and History then show miles."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(TODAY.isoformat(), runs=[Run(16093.44)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        select = app.screen.query_one("#units")
        select.value = "mi"
        await settle(pilot)
        assert app.journal.settings().units == "mi"
        await pilot.press("1")
        await settle(pilot)
        today = app.screen
        assert today.query_one(RunRow).distance_input.value == "10"
        assert "Dist (mi)" in str(today.query_one("#runs-header", Static).content)
        await pilot.press("escape", "5")
        await settle(pilot)
        table = app.screen.query_one(DayTable)
        assert table.rows[0][1] == "10"
    app.journal.close()
    with Journal.open(db_path) as journal:
        assert journal.settings().units == "mi"


async def test_theme_and_week_start_are_stored(db_path):
    """Theme applies at once and, with the week start, survives a restart."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        app.screen.query_one("#theme").value = "textual-light"
        await settle(pilot)
        app.screen.query_one("#week_start").value = "sunday"
        await settle(pilot)
        assert app.theme == "textual-light"
    app.journal.close()
    app = build_app(db_path)
    assert app.theme == "textual-light"
    assert app.settings.week_start == "sunday"
    app.journal.close()


async def test_quit_with_unsaved_changes_asks(db_path):
    """ctrl+q with unsaved changes asks; Cancel stays, Save saves then quits."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_score(pilot, "back_wake", "3")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "UnsavedDialog"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
    assert app.journal.get_day(TODAY.isoformat()).back_wake == 3
    app.journal.close()


async def test_saving_in_miles_keeps_the_stored_metres(db_path):
    """A run shown rounded in miles keeps its exact metres when the day is saved again."""
    with Journal.open(db_path) as journal:
        journal.save_settings(Settings(units="mi"))
        journal.save_day(DayEntry(TODAY.isoformat(), runs=[Run(12500)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(RunRow).distance_input.value == "7.77"
        await type_score(pilot, "back_after", "2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [r.distance_m for r in app.journal.get_day(TODAY.isoformat()).runs] == [12500]
    app.journal.close()
