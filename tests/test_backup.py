"""``backjournal backup``: a dated, checked, private copy, safe while the journal is in use."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import stat
from pathlib import Path

from click.testing import CliRunner
from conftest import TODAY
from uikit import build_app, demo_journal, settle

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal
from backjournal.store.backup import backup_name, make_backup

NAME = re.compile(r"backjournal-\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?\.db")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def days_in(path: Path) -> list[tuple]:
    """Every day row (date, back_wake, note) and run (date, distance) of the file at ``path``."""
    conn = sqlite3.connect(path)
    try:
        days = conn.execute("SELECT date, back_wake, note FROM day ORDER BY date").fetchall()
        runs = conn.execute("SELECT date, distance_m FROM run ORDER BY id").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    return days + runs


def printed_path(result) -> Path:
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return Path(lines[0])


def test_backup_goes_to_a_backups_folder_next_to_the_journal(db_path):
    """Without DEST the copy is backups/backjournal-<date>-<time>.db beside the journal, 0600 in
    a 0700 folder, and the command prints its path."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry("2026-11-20", back_wake=2, runs=[Run(8000)]), TODAY)
    old_umask = os.umask(0o022)
    try:
        path = printed_path(invoke("backup"))
    finally:
        os.umask(old_umask)
    assert path.parent == db_path.parent / "backups"
    assert NAME.fullmatch(path.name)
    assert path.name[len("backjournal-") :][:10] == dt.date.today().isoformat()
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert days_in(path) == days_in(db_path)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no temporary file left"


def test_backup_into_a_named_folder_created_private(db_path, tmp_path):
    """DEST names the folder; missing folders (and parents) are created 0700."""
    Journal.open(db_path).close()
    dest = tmp_path / "safe" / "place"
    path = printed_path(invoke("backup", str(dest)))
    assert path.parent == dest
    assert mode(dest) == 0o700 and mode(dest.parent) == 0o700


def test_two_backups_in_one_second_do_not_overwrite(journal, tmp_path):
    """A second copy made in the same second gets its own name; the first stays."""
    moment = dt.datetime(2026, 11, 25, 7, 30, 5)
    first = make_backup(journal, tmp_path, moment=moment)
    second = make_backup(journal, tmp_path, moment=moment)
    assert first.name == backup_name(moment) == "backjournal-2026-11-25-073005.db"
    assert second.name == "backjournal-2026-11-25-073005-2.db"
    assert first.exists() and second.exists()


def test_backup_refuses_a_file_as_destination(db_path, tmp_path):
    """DEST that is a file is refused in one line and the file is left alone."""
    Journal.open(db_path).close()
    dest = tmp_path / "not-a-folder"
    dest.write_text("keep me")
    result = invoke("backup", str(dest))
    assert result.exit_code == 1
    assert result.stderr == f"backjournal: cannot back up into {dest}: it is a file, not a folder\n"
    assert dest.read_text() == "keep me"


def test_backup_while_another_journal_is_writing(db_path, tmp_path):
    """With another connection in the middle of a write transaction, the copy holds exactly
    what was committed, and the writer can still commit afterwards."""
    with Journal.open(db_path) as other:
        other.save_day(DayEntry("2026-11-01", back_wake=1, runs=[Run(5000)]), TODAY)
        other.conn.execute("BEGIN IMMEDIATE")
        other.conn.execute(
            "INSERT INTO day (date, note, updated_at) VALUES ('2026-11-02', 'pending', 'x')"
        )
        try:
            path = printed_path(invoke("backup", str(tmp_path / "b")))
        finally:
            other.conn.execute("COMMIT")
        assert days_in(path) == [("2026-11-01", 1, ""), ("2026-11-01", 5000.0)]
        assert other.get_day("2026-11-02").note == "pending"


async def test_backup_while_the_app_holds_the_journal(db_path, tmp_path):
    """While the TUI has the journal open (and has just saved a day), the CLI's backup is a
    complete, healthy copy, and the app carries on working."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.journal.save_day(DayEntry("2026-11-25", back_wake=4, note="from the app"), TODAY)
        path = printed_path(invoke("backup", str(tmp_path / "while-open")))
        await pilot.press("5")
        await settle(pilot)
        assert app.screen.id == "history"
        expected = days_in(db_path)
    app.journal.close()
    assert days_in(path) == expected
    assert ("2026-11-25", 4, "from the app") in expected
    with Journal.open(path) as copy:
        assert copy.count_days() == len([row for row in expected if len(row) == 3])
