"""A journal is data, never code; input costs what it should; a failure leaves no file behind.

Each case of the hostile corpus (``tests/hostile_corpus.py``) is run through the command line:
one clean line (or a clean result), no traceback, nothing written outside its folder, and the
journal byte for byte as it was when it is refused.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_corpus import (
    HOSTILE_SCHEMA,
    deep_json,
    journal_with,
    journal_with_bad_values,
    journal_with_table_named,
    json_with_number,
    long_header_csv,
    wide_csv,
)

from backjournal.cli import cli
from backjournal.store import Journal, JournalError
from backjournal.store import exchange as exchange_module


def run(db: Path, *args: str):
    """The command line on the journal ``db``, in-process."""
    return CliRunner().invoke(cli, ["--db", str(db), *args], prog_name="backjournal")


def one_line_refusal(result) -> str:
    """The one line a refused command wrote (exit status 1, no traceback); returned to check."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backjournal: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- a journal holding code ----------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(HOSTILE_SCHEMA))
def test_a_journal_holding_code_is_refused_by_name_and_left_untouched(tmp_path, case):
    """A trigger, a view or a cascading link that backjournal did not create: `log` refuses the
    journal in one line naming it, and no file in its folder changes (no backup either)."""
    folder = tmp_path / "shared"
    db = journal_with(folder / "journal.db", HOSTILE_SCHEMA[case])
    before = digest(folder)
    started = time.perf_counter()
    line = one_line_refusal(run(db, "log", "5k", "--note", "after"))
    assert time.perf_counter() - started < 2, "a recursive trigger never runs"
    assert "backjournal did not create" in line and "not changed" in line
    name = {"trigger-deletes-days": "'evil'", "trigger-on-migrations": "'on_upgrade'"}
    assert name.get(case, "") in line
    assert digest(folder) == before


def test_a_trigger_on_the_migrations_table_never_runs_on_an_upgrade(tmp_path):
    """An older journal (one migration pending) with a trigger on the migrations' record: it is
    refused before the backup and the migration, so the trigger never fires."""
    folder = tmp_path / "shared"
    db = journal_with(folder / "journal.db", HOSTILE_SCHEMA["trigger-on-migrations"], older=True)
    before = digest(folder)
    with pytest.raises(JournalError, match="a trigger 'on_upgrade' on '_sqlite_migrations'"):
        Journal.open(db)
    assert digest(folder) == before


def test_the_journal_connection_distrusts_the_schema(journal):
    """trusted_schema is off on every connection the journal opens."""
    assert journal.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0


def test_export_file_names_come_from_our_tables_not_the_file(tmp_path):
    """A table named ./../../X in a shared journal: `export csv` writes only our tables' files,
    all inside --out, and nothing two folders up."""
    db = journal_with_table_named(tmp_path / "a" / "journal.db", "./../../X")
    out = tmp_path / "a" / "b" / "out"
    result = run(db, "export", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.rglob("X.csv"))
    names = {p.name for p in out.iterdir()}
    assert "day.csv" in names and "run.csv" in names and "daily.csv" in names
    assert all("X" not in n for n in names)
    assert one_line_refusal(run(db, "export", "csv", "--table", "./../../X", "--out", "-"))


def test_values_of_the_wrong_type_do_not_crash_the_exports(tmp_path):
    """A BLOB note, a date of 2026-13-45, an infinite duration and a formula in a number column
    (all pass integrity_check): both exports finish; the BLOB is written as text, the infinite
    number as null in JSON, and the formula is neutralised in CSV."""
    db = journal_with_bad_values(tmp_path / "journal.db")
    result = run(db, "export", "json", "--out", str(tmp_path / "all.json"))
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    days = {d["date"]: d for d in doc["tables"]["day"]}
    assert days["2026-11-20"]["note"] == "\ufffd\x00\x1b"
    assert "2026-13-45" in days
    assert [r["duration_s"] for r in doc["tables"]["run"]] == [None, '=HYPERLINK("http://x")']
    result = run(db, "export", "csv", "--out", str(tmp_path / "csv"))
    assert result.exit_code == 0, result.output
    run_csv = (tmp_path / "csv" / "run.csv").read_text(encoding="utf-8")
    assert '\'=HYPERLINK(""http://x"")' in run_csv and ",inf," in run_csv
    day_csv = (tmp_path / "csv" / "day.csv").read_text(encoding="utf-8")
    assert "\ufffd\x00\x1b" in day_csv and "b'" not in day_csv


@pytest.mark.parametrize("date", ["2026-02-30", "2025-12-00", "2026-13-45"])
def test_a_date_that_is_no_day_is_refused_in_one_line_but_exported(tmp_path, date):
    """A day dated 2026-02-30 (it passes the table's CHECK) made `stats`, `insights`, `report`
    and `exercises` fail with a traceback. Now every command that reads the journal refuses it
    in one line naming the date and its table, and changes nothing; the exports still copy it
    as it is (the user's way out)."""
    db = journal_with(tmp_path / "shared" / "journal.db", "SELECT 1")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO day (date, updated_at) VALUES (?, 'x')", (date,))
    conn.close()
    before = digest(db.parent)
    for args in (["stats"], ["insights"], ["check"], ["log", "5k"]):
        line = one_line_refusal(run(db, *args))
        assert line == (
            f"backjournal: {db} holds a date that is no day of the calendar ('{date}' in the "
            "table 'day'), written outside backjournal; it was not opened and not changed. "
            "Correct that row or restore the journal from a backup (backjournal export and "
            "backup still copy it as it is)"
        )
    assert digest(db.parent) == before
    result = run(db, "export", "json", "--out", str(tmp_path / "all.json"))
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert date in {d["date"] for d in doc["tables"]["day"]}


def test_dates_that_refer_to_a_day_are_not_checked_twice(tmp_path):
    """The check reads every date column of our tables but those that refer to a day's row
    (runs, marks...): an appointment's next date is checked, a user's own table is not."""
    db = journal_with(tmp_path / "journal.db", "CREATE TABLE mine (date TEXT)")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO mine VALUES ('2026-02-31')")
    assert run(db, "stats").exit_code == 0
    with conn:
        conn.execute(
            "INSERT INTO appointment (date, next_date, created_at) "
            "VALUES ('2026-11-01', '2026-11-31', 'x')"
        )
    conn.close()
    assert "('2026-11-31' in the table 'appointment')" in one_line_refusal(run(db, "stats"))


# --- input that costs too much -------------------------------------------------------------------


@pytest.mark.parametrize("maker", [wide_csv, long_header_csv], ids=["40000-columns", "10-MB"])
def test_a_huge_csv_header_is_refused_fast(tmp_path, db_path, maker):
    """A header of 40,000 columns, or a 10 MB first line: one line naming the file, well under a
    second, nothing imported."""
    path = maker(tmp_path / "day.csv")
    started = time.perf_counter()
    result = run(db_path, "import", "csv", str(path))
    took = time.perf_counter() - started
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "day.csv line 1:" in result.stderr
    assert took < 0.5, f"{took:.2f} s"


@pytest.mark.parametrize(
    "number, words",
    [
        (str(2**63), "past SQLite's 64-bit integers"),
        (str(-(2**63) - 1), "past SQLite's 64-bit integers"),
        ("9" * 5000, "has 5000 digits"),
        ("1e400", "not a finite number"),
        ("NaN", "not a number JSON allows"),
    ],
    ids=["2**63", "-2**63-1", "5000-digits", "1e400", "NaN"],
)
def test_restore_refuses_numbers_out_of_range_in_one_line(tmp_path, db_path, number, words):
    """Integers past SQLite's int64, a 5,000-digit integer, 1e400 and NaN: one line each."""
    path = json_with_number(tmp_path / "all.json", number)
    line = one_line_refusal(run(db_path, "restore", str(path)))
    assert "number out of range" in line and words in line, line


def test_restore_refuses_deep_nesting_in_one_line(tmp_path, db_path):
    """100,000 nested lists: refused in one line, fast, before Python's parser recurses."""
    path = deep_json(tmp_path / "all.json")
    started = time.perf_counter()
    line = one_line_refusal(run(db_path, "restore", str(path)))
    assert "nests more than 16 levels" in line
    assert time.perf_counter() - started < 1


# --- paths and full disks ------------------------------------------------------------------------

LONG = "x" * 300  # longer than any file name may be (255 bytes)


@pytest.mark.parametrize(
    "args",
    [
        ["restore", f"{LONG}.json"],
        ["import", "csv", f"{LONG}.csv"],
        ["export", "csv", "--out", LONG],
        ["export", "json", "--out", f"{LONG}.json"],
        ["backup", LONG],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_path_too_long_for_the_file_system_is_one_line(tmp_path, db_path, monkeypatch, args):
    """Every path argument longer than the file system allows: one line, no traceback."""
    monkeypatch.chdir(tmp_path)
    Journal.open(db_path).close()
    line = one_line_refusal(run(db_path, *args))
    assert "File name too long" in line, line


@pytest.mark.parametrize("fail_at", [1, 3])
def test_a_full_disk_during_a_csv_export_leaves_no_temporary_file(
    tmp_path, db_path, monkeypatch, fail_at
):
    """The disk fills while the first (or the third) file is written: one line, and no
    .tmp file is left in the folder (the one being written included)."""
    Journal.open(db_path).close()
    real = exchange_module.csv_export.write_rows
    calls = []

    def filling(out, *args, **kwargs):
        calls.append(1)
        if len(calls) == fail_at:
            out.write("half a file")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(out, *args, **kwargs)

    monkeypatch.setattr(exchange_module.csv_export, "write_rows", filling)
    out = tmp_path / "out"
    line = one_line_refusal(run(db_path, "export", "csv", "--out", str(out)))
    assert "No space left on device" in line
    assert list(out.iterdir()) == []


def test_a_full_disk_during_a_json_export_leaves_no_temporary_file(tmp_path, db_path, monkeypatch):
    """The disk fills at fsync: one line, no .tmp file, no half-written export."""
    Journal.open(db_path).close()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(exchange_module.os, "fsync", full)
    out = tmp_path / "out"
    out.mkdir()
    one_line_refusal(run(db_path, "export", "json", "--out", str(out / "all.json")))
    assert list(out.iterdir()) == []


def test_the_shipped_schema_copy_is_what_the_migrations_build():
    """schema.SHIPPED (the fast path) names the tables and links the migrations create, in
    their order; a new migration must update it or exports pay for building it."""
    from backjournal.store import schema
    from backjournal.store.migrations import migrations

    assert tuple(migrations.names()) == schema.SHIPPED_MIGRATIONS
    assert schema.build_defined() == schema.SHIPPED
    assert schema.SHIPPED.tables == (
        "day",
        "run",
        "setting",
        "symptom",
        "red_flag",
        "questionnaire",
        "shoe",
        "exercise",
        "exercise_hidden",
        "programme_item",
        "exercise_done",
        "phase_change",
        "suggestion_dismissal",
        "flag_outcome",
        "profile",
        "activity",
        "treatment",
        "treatment_dose",
        "appointment",
        "plan_rule",
        "flare_up",
        "factor",
        "factor_value",
        "psfs_item",
        "clinician_exercise",
    )


def test_defensive_mode_is_turned_on_where_python_offers_it(monkeypatch):
    """With Python 3.12's setconfig, a connection gets SQLite's defensive mode as well as
    trusted_schema off; without it (3.11), trusted_schema alone."""
    import sqlite3

    from backjournal.store.connection import harden

    class Connection:
        def __init__(self, with_setconfig: bool):
            self.calls: list = []
            if with_setconfig:
                self.setconfig = lambda op, enable: self.calls.append((op, enable))

        def execute(self, sql):
            self.calls.append(sql)

    monkeypatch.setattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", 1010, raising=False)
    new, old = Connection(True), Connection(False)
    harden(new)
    harden(old)
    assert new.calls == ["PRAGMA trusted_schema = OFF", (1010, True)]
    assert old.calls == ["PRAGMA trusted_schema = OFF"]


@pytest.mark.parametrize("side", ["-wal", "-journal"])
def test_a_deleted_journal_s_side_file_is_not_applied_to_a_new_one(tmp_path, side):
    """journal.db deleted, its journal.db-wal left behind: creating a new journal there made
    SQLite apply the old changes to it (it opened as "damaged", or as someone else's data, and
    the side file was gone). Now the command says so in one line and changes nothing."""
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    with conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
    left = (tmp_path / "old.db-wal").read_bytes()
    conn.close()
    db = tmp_path / "journal.db"
    (tmp_path / f"journal.db{side}").write_bytes(left)
    line = one_line_refusal(run(db, "stats"))
    assert line == (
        f"backjournal: cannot create {db}: journal.db{side} beside it holds the last changes of "
        "a journal that is no longer there; put that journal back, or move the file away to "
        "start a new one. Nothing was changed"
    )
    assert not db.exists() and (tmp_path / f"journal.db{side}").read_bytes() == left
