"""Is this file a healthy journal of ours? The checks the journal runs when it opens a file:
that its schema holds nothing that runs on a write (a journal is data, never code), SQLite's
integrity check, that the file is a backjournal journal and not from a newer version,
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


# The foreign-key actions backjournal's own tables declare: (table, column, parent table,
# ON UPDATE, ON DELETE). Any other action (a cascade a shared journal added) would change rows
# that a write did not name, so a journal holding one is refused like a trigger. This copy saves
# building the migrations' schema at every start; an action not in it is checked against that
# schema (a later migration's) before it is refused.
OUR_FK_ACTIONS = frozenset(
    {
        ("run", "shoe_id", "shoe", "NO ACTION", "SET NULL"),
        ("run", "date", "day", "NO ACTION", "CASCADE"),
        ("symptom", "date", "day", "NO ACTION", "CASCADE"),
        ("red_flag", "date", "day", "NO ACTION", "CASCADE"),
        ("activity", "date", "day", "NO ACTION", "CASCADE"),
        ("treatment_dose", "treatment_id", "treatment", "NO ACTION", "CASCADE"),
        ("plan_rule", "appointment_id", "appointment", "NO ACTION", "CASCADE"),
        ("factor_value", "date", "day", "NO ACTION", "CASCADE"),
        ("factor_value", "factor_id", "factor", "NO ACTION", "CASCADE"),
        ("clinician_exercise", "appointment_id", "appointment", "NO ACTION", "CASCADE"),
    }
)
_NO_ACTIONS = {"NO ACTION", "RESTRICT"}


def check_no_code(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a journal whose schema holds something that can run when it is written to.

    backjournal creates no trigger and no view, and no virtual table: a trigger in a shared
    journal could delete days on the next ``log`` (or, on the migrations table, when an older
    journal is upgraded), and a recursive one could hang every write. So any trigger, view or
    virtual table, and any foreign-key action other than ours, is refused by name before anything
    is written or migrated. Only ``sqlite_master`` and ``PRAGMA foreign_key_list`` are read.
    """
    found = conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('trigger', 'view') "
        "OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%') ORDER BY type, name"
    ).fetchone()
    if found:
        kind, name, table = found
        what = {"trigger": f"a trigger {name!r} on {table!r}", "view": f"a view {name!r}"}.get(
            kind, f"a virtual table {name!r}"
        )
        raise JournalError(_not_ours(path, what))
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for row in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})").fetchall():
            parent, column, on_update, on_delete = row[2], row[3], row[5], row[6]
            if {on_update, on_delete} <= _NO_ACTIONS:
                continue
            link = (table, column, parent, on_update, on_delete)
            if link not in OUR_FK_ACTIONS and link not in _defined_fk_actions():
                action = f"ON {'UPDATE' if on_update not in _NO_ACTIONS else 'DELETE'}"
                raise JournalError(
                    _not_ours(path, f"a link {action} from {table!r}.{column!r} to {parent!r}")
                )


def _defined_fk_actions() -> frozenset:
    """The links of the migrations' own schema (imported here: quick entry never needs it)."""
    from backjournal.store.schema import defined

    return defined().fk_actions


def _not_ours(path: Path, what: str) -> str:
    return (
        f"{path} holds {what} that backjournal did not create, which could change your data "
        "when you write; it was not opened and not changed"
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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


# The columns that hold a calendar date (YYYY-MM-DD) in our tables: every read parses them.
DATE_COLUMNS = frozenset({"date", "start", "end", "until", "next_date", "added", "removed"})


def check_tables(path: Path, conn: sqlite3.Connection, *, dates: bool = True) -> None:
    """Refuse a journal whose tables do not hold what this code reads: a column of ours missing
    (a flipped bit in the schema text renamed it; checked once every migration is applied, as
    an older journal lacks the later ones' columns until it is upgraded), or a date that is no
    day of the calendar ("2026-02-30", "2025-12-00"). The tables' CHECKs hold a date's
    YYYY-MM-DD shape only, so a file edited by hand can pass them, and every read that parses
    the date would then fail (``stats``, ``check``, Trends). SQLite's ``date(d, '+0 days')``
    gives such a text back changed or NULL: one query over every date column but those that
    refer to a day's row (a run's, a mark's: checking the days covers them), about 2 ms on a
    ten-year journal. ``dates=False`` checks the columns only (for the exports and backup)."""
    from backjournal.store.schema import SHIPPED, defined  # (it imports this module)

    complete = applied_migrations(conn) >= set(migrations.names())
    # An upgrade pending: the released tables serve to find the dates (building the schema of
    # the migrations as they stand would run the pending ones, in memory, before the backup).
    schema = defined() if complete else SHIPPED
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    parts = []
    for table in [t for t in schema.tables if t in present]:  # ours only: not a user's own
        have = [row[1] for row in conn.execute(f"PRAGMA table_info({_quote(table)})")]
        missing = [col for col in schema.columns.get(table, ()) if col not in have]
        if complete and missing:
            raise JournalError(
                f"{path} is damaged (the table {table} has no column {missing[0]}); "
                "restore it from a backup"
            )
        of_a_day = {
            fk[3]
            for fk in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})").fetchall()
            if fk[2] == "day"
        }
        for column in have if dates else ():
            if column in DATE_COLUMNS and column not in of_a_day:
                col = _quote(column)
                name = "'" + table.replace("'", "''") + "'"
                parts.append(  # '+0 days' makes date() carry "02-30" over to "03-02"
                    f"SELECT {name}, {col} FROM {_quote(table)} "
                    f"WHERE {col} IS NOT NULL AND date({col}, '+0 days') IS NOT {col}"
                )
    if not parts:
        return
    found = conn.execute(" UNION ALL ".join(parts) + " LIMIT 1").fetchone()
    if found:
        table, value = found
        shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "..."
        raise JournalError(
            f"{path} holds a date that is no day of the calendar ({shown!r} in the table "
            f"{table!r}), written outside backjournal; it was not opened and not changed. "
            "Correct that row or restore the journal from a backup (backjournal export and "
            "backup still copy it as it is)"
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
