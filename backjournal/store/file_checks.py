"""Is this file a healthy journal of ours? The checks the journal runs when it opens a file:
SQLite's integrity check, that the file is a backjournal journal and not from a newer version,
that its schema text still names the columns this code reads, which migrations it has, and the
clean-up of temporary journals left by a creation that was killed.

Each refusal is one :class:`~backjournal.store.errors.JournalError` line that says what is wrong
and what to do; nothing here writes to the journal.
"""

from __future__ import annotations

import os
import sqlite3
from glob import escape as glob_escape
from pathlib import Path

from backjournal.store import connection as c
from backjournal.store.errors import JournalError, JournalTooNew
from backjournal.store.migrations import MIGRATION_SET, MIGRATIONS_TABLE, migrations

# The columns this code reads and writes in every journal (those of the first migration): a
# journal without them is refused when opened. Columns of later migrations are checked by the
# migrations record (a journal that lacks them has their migration pending).
REQUIRED_COLUMNS = {
    "day": ("date", "back_wake", "leg_wake", "back_after", "leg_after", "note", "updated_at"),
    "run": ("id", "date", "seq", "distance_m", "duration_s", "type", "surface", "notes"),
    "setting": ("key", "value"),
}


def check_integrity(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a damaged file, naming SQLite's first complaint.

    integrity_check, not quick_check: quick_check does not compare the indexes with their tables,
    and the flipped-bytes test found damaged journals that it let through. On a ten-year journal
    it costs about 1 ms more (5 ms in all).
    """
    result = conn.execute("PRAGMA integrity_check").fetchone()
    if not result or result[0] != "ok":
        raise JournalError(
            f"{path} is damaged ({_first_problem(result)}); restore it from a backup"
        )


def _first_problem(result: tuple | None) -> str:
    """The first problem integrity_check reports, on one line (its answer spans several lines,
    and the user is told one; found by the flipped-bytes test)."""
    lines = [line.strip() for line in str(result[0] if result else "").splitlines()]
    problems = [line for line in lines if line and not line.startswith("***")]
    text = problems[0] if problems else "no answer"
    return text if len(text) <= 120 else text[:117] + "..."


def check_ours_and_version(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a foreign SQLite file, and a journal written by a newer backjournal."""
    tables = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if not tables:
        return  # an empty database: ours to initialise
    applied = applied_migrations(conn) if MIGRATIONS_TABLE in tables else set()
    if not applied:
        raise JournalError(f"{path} is an SQLite database but not a backjournal journal")
    known = set(migrations.names())
    unknown = sorted(applied - known)
    if unknown:
        raise JournalTooNew(
            f"{path} was written by a newer version of backjournal (it has {unknown[-1]}); "
            "upgrade backjournal to open it. The file was not changed."
        )
    # A healthy SQLite file whose schema text was damaged (one flipped bit renames a column) is
    # not a journal we can read: every read would fail with "no such column". Found by the
    # flipped-bytes test; the check reads three small tables' definitions.
    for table, needed in REQUIRED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = [col for col in needed if col not in have]
        if missing:
            raise JournalError(
                f"{path} is damaged (the table {table} has no column {missing[0]}); "
                "restore it from a backup"
            )


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    """Names of this journal's applied migrations (empty for a blank database)."""
    try:
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,)
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return set()
        raise
    return {row[0] for row in rows}


def remove_stale_creations(path: Path) -> None:
    """Delete temporary journals left by a creation that was killed (its process is gone)."""
    for stale in path.parent.glob(f".{glob_escape(path.name)}.new-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue  # a side file (-wal, -shm): removed with its journal below
        try:
            os.kill(int(pid), 0)
            continue  # still running: another process is creating this journal right now
        except ProcessLookupError:
            pass
        except OSError:
            continue
        for leftover in (stale, *(Path(f"{stale}{s}") for s in c.SIDE_SUFFIXES)):
            leftover.unlink(missing_ok=True)
