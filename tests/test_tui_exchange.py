"""Export CSV and Back up the journal from the app: a key on History and a palette command open
a folder dialog; the work runs in a worker and a notification tells the result."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from schema_expectations import export_files
from uikit import build_app, demo_journal, settle

from backjournal.tui.dialogs.prompts import FolderPrompt
from backjournal.tui.widgets.fields import Field


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A HOME of the test's own, so that the dialogs' defaults land in tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


async def open_history(pilot) -> None:
    await pilot.press("5")
    await settle(pilot)
    assert pilot.app.screen.id == "history"


def messages(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_x_on_history_exports_to_the_default_folder(db_path, home):
    """x opens the dialog with ~/backjournal-export-<today> typed in; Enter writes the files
    there and says so."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FolderPrompt)
        assert dialog.query_one("#folder-input", Field).value == "~/backjournal-export-2026-11-25"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "history"
        folder = home / "backjournal-export-2026-11-25"
        assert sorted(p.name for p in folder.iterdir()) == export_files()
        days = app.journal.count_days()
        with open(folder / "day.csv", newline="", encoding="utf-8") as fh:
            assert len(list(csv.reader(fh))) == days + 1
        assert any(
            m.startswith(f"Exported: Every day of the journal: {len(export_files())} files")
            and "~/backjournal-export-2026-11-25" in m
            for m in messages(app)
        )
    app.journal.close()


async def test_x_exports_the_days_history_filters_and_says_which(db_path, home):
    """With History filtered to 1-30 June, x says it writes those days, writes only them, and
    the notification names the range (43 days shown were 353 exported, issue #15)."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        await pilot.press("f", *"2026-06-01", "tab", *"2026-06-30", "enter")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        intro = str(app.screen.query_one(".explanation").content)
        assert intro.startswith("The days from 2026-06-01 to 2026-06-30 (History's filter)")
        await pilot.press("enter")
        await settle(pilot)
        folder = home / "backjournal-export-2026-11-25"
        with open(folder / "day.csv", newline="", encoding="utf-8") as fh:
            dates = [row[0] for row in list(csv.reader(fh))[1:]]
        assert dates and min(dates) >= "2026-06-01" and max(dates) <= "2026-06-30"
        assert len(dates) == app.journal.count_days("2026-06-01", "2026-06-30")
        assert any(
            m.startswith("Exported: The days from 2026-06-01 to 2026-06-30") for m in messages(app)
        )
    app.journal.close()


async def test_b_on_history_backs_up_into_the_folder_typed(db_path, home, tmp_path):
    """b opens the dialog with the backups folder next to the journal; another folder typed in
    gets the dated copy."""
    demo_journal(db_path)
    app = build_app(db_path)
    target = tmp_path / "elsewhere"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        await pilot.press("b")
        await pilot.pause()
        field = app.screen.query_one("#folder-input", Field)
        assert field.value == str(db_path.parent / "backups")
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        (copy,) = target.iterdir()
        assert re.fullmatch(r"backjournal-\d{4}-\d{2}-\d{2}-\d{6}\.db", copy.name)
        assert any(m.startswith("Backed up: ") and copy.name in m for m in messages(app))
    app.journal.close()


async def test_escape_cancels_and_writes_nothing(db_path, home):
    """Escape closes the dialog; no folder is made."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "history"
    app.journal.close()
    assert list(home.iterdir()) == []


async def test_a_file_is_refused_in_the_dialog(db_path, home):
    """Typing the path of a file marks the field and keeps the dialog open."""
    (home / "notes.txt").write_text("mine")
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#folder-input", Field).value = "~/notes.txt"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FolderPrompt)
        assert "is a file, not a folder" in str(app.screen.query_one("#folder-error").content)
    app.journal.close()


async def test_a_failed_export_is_an_error_notification(db_path, home):
    """A folder that cannot be made (under a file) ends in an error notification, not a crash."""
    (home / "notes.txt").write_text("mine")
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#folder-input", Field).value = "~/notes.txt/inside"
        await pilot.press("enter")
        await settle(pilot)
        assert any(m.startswith("Not exported: ") for m in messages(app))
    app.journal.close()


@pytest.mark.parametrize("screen", ["today", "history"])
async def test_palette_offers_export_and_backup_on_every_screen(db_path, screen):
    """The command palette lists "Export CSV" and "Back up the journal" wherever you are, and
    running one opens its dialog."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        if screen == "history":
            await open_history(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Export CSV", "Back up the journal"} <= set(commands)
        commands["Back up the journal"].callback()
        await pilot.pause()
        assert isinstance(app.screen, FolderPrompt)
        assert app.screen.title_text == "Back up the journal"
    app.journal.close()
