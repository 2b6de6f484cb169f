"""The command's entry point: plain opening skips click; everything else goes to click."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from uikit import TODAY, demo_journal, settle

from backjournal.launch import plain_open
from backjournal.tui.app import make_app


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, "today")),
        (["--db", "j.db"], (Path("j.db"), "today")),
        (["--db=j.db", "--screen", "history"], (Path("j.db"), "history")),
        (["--screen=settings"], (None, "settings")),
    ],
)
def test_plain_open_is_recognised(argv, expected):
    """Only --db and --screen: the app opens without click."""
    assert plain_open(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "8k"],
        ["--help"],
        ["--version"],
        ["--db"],
        ["--db", "--screen"],
        ["--screen", "nope"],
        ["--paln", "3"],
        ["where"],
    ],
)
def test_anything_else_goes_to_click(argv):
    """A command, help, a missing value, an unknown screen or option: click reads it."""
    assert plain_open(argv) is None


def test_opening_does_not_load_click():
    """Opening the app (the common case) does not pay for importing click."""
    code = "import sys, backjournal.launch, backjournal.tui.app;print('click' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_unknown_screen_is_explained_by_click(tmp_path):
    """--screen with a name that does not exist lists the valid ones."""
    result = subprocess.run(
        [sys.executable, "-m", "backjournal", "--db", str(tmp_path / "j.db"), "--screen", "x"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "today" in result.stderr and "history" in result.stderr


def test_refused_journal_is_one_line_without_click(tmp_path):
    """The fast path reports a refused journal like the commands do: one line, status 1."""
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all")
    result = subprocess.run(
        [sys.executable, "-m", "backjournal", "--db", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"backjournal: {bad} is not a backjournal journal (it is not an SQLite database)"
    ]
    assert bad.read_bytes() == b"not a database at all"


async def test_starting_on_history_and_going_back_to_today(db_path):
    """--screen history opens History first; 1 shows Today and 5 comes back to the same table."""
    demo_journal(db_path)
    app = make_app(db_path, today=TODAY, screen="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen_name == "history"
        history = app.screen
        await pilot.press("1")
        await settle(pilot)
        assert app.screen_name == "today" and app.screen.loaded
        await pilot.press("5")
        assert app.screen is history
    app.journal.close()
