"""The journal's schema, reads and writes: migrations, days and runs, summaries, settings.

Every test uses a real SQLite file in ``tmp_path``; a second :class:`Journal` or a plain
``sqlite3`` connection on the same file stands in for another process.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from conftest import TODAY
from schema_expectations import DATA_TABLES, DAY_TABLE_COLUMNS, RUN_TABLE_COLUMNS

from backjournal.domain.models import DayEntry, DaySummary, Run, Settings, ValidationError
from backjournal.store import Journal, JournalError
from backjournal.store.migrations import MIGRATION_SET, migrations


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection to the journal file, outside the store (another program, in effect)."""
    return sqlite3.connect(path, isolation_level=None)


def row_counts(path: Path) -> dict[str, int]:
    """How many rows each of the journal's tables holds, read through a separate connection."""
    conn = raw(path)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("day", "run", "setting", "_sqlite_migrations")
        }
    finally:
        conn.close()


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The column names of ``table`` in order."""
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


# --- migrations ----------------------------------------------------------------------------------


def test_blank_journal_gets_the_expected_tables_and_columns(journal, db_path):
    """Migrating a blank file creates every table with the expected columns, as designed."""
    conn = raw(db_path)
    tables = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert tables == {*DATA_TABLES, "_sqlite_migrations", "_import_folder", "_import_file"}
    assert columns(conn, "day") == DAY_TABLE_COLUMNS
    assert columns(conn, "symptom") == ["date", "region", "intensity", "qualities"]
    assert columns(conn, "red_flag") == [
        "date",
        "code",
        "reason",
        "tier",
        "severity",
        "detail",
    ]
    assert columns(conn, "flag_outcome") == [
        "code",
        "date",
        "kind",
        "note",
        "until",
        "created_at",
    ]
    assert columns(conn, "profile") == ["key", "value", "since"]
    assert columns(conn, "run") == RUN_TABLE_COLUMNS
    assert columns(conn, "setting") == ["key", "value"]
    assert columns(conn, "shoe") == ["id", "name", "limit_m", "retired", "created_at"]
    assert columns(conn, "_sqlite_migrations") == ["id", "migration_set", "name", "applied_at"]
    assert columns(conn, "_import_folder") == ["id", "path", "listing"]
    assert columns(conn, "_import_file") == [
        "name", "size", "mtime_ns", "sha256", "outcome", "reason", "seen_at"
    ]  # fmt: skip
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"run_date", "run_source", "run_shoe"} <= indexes
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [m.name for m in migrations._migrations]
    conn.close()


def test_blank_journal_makes_no_backup(journal, db_path):
    """A new journal has nothing to lose, so migrating it makes no backup copy."""
    assert journal.backup_path is None
    assert list(db_path.parent.glob("*.bak")) == []


def test_reopening_is_idempotent(db_path):
    """Opening an up-to-date journal again applies nothing and records no new migration."""
    Journal.open(db_path).close()
    before = row_counts(db_path)
    for _ in range(2):
        with Journal.open(db_path) as again:
            assert again.backup_path is None
    assert row_counts(db_path) == before
    assert before["_sqlite_migrations"] == len(migrations._migrations)


def test_migration_records_belong_to_the_backjournal_set(journal, db_path):
    """Every migration row is tagged with backjournal's set, so other tools' rows are not ours."""
    conn = raw(db_path)
    sets = {r[0] for r in conn.execute("SELECT migration_set FROM _sqlite_migrations")}
    conn.close()
    assert sets == {MIGRATION_SET}


def test_sqlite_checks_refuse_out_of_range_values(journal):
    """The schema itself refuses a pain of 11 or a float pain, even if validation were bypassed."""
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        journal.conn.execute(
            "INSERT INTO day (date, back_wake, updated_at) VALUES ('2026-11-01', 11, 'x')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        journal.conn.execute(
            "INSERT INTO day (date, back_wake, updated_at) VALUES ('2026-11-01', 2.5, 'x')"
        )
    assert journal.count_days() == 0


# --- days and runs -------------------------------------------------------------------------------


def full_day(date: str = "2026-11-20") -> DayEntry:
    """A day with every field set and two runs."""
    return DayEntry(
        date,
        back_wake=2,
        leg_wake=1,
        back_before=2,
        leg_before=0,
        back_during=3,
        leg_during=1,
        back_after=4,
        leg_after=2,
        stiffness=5,
        sleep=4,
        note="stiff morning, ok after",
        runs=[
            Run(8000, 2530, type="easy", surface="road", notes="flat"),
            Run(3000.5, None, type="intervals", surface="track"),
        ],
    )


def test_save_and_get_round_trip(journal):
    """Every field of a day and its runs (in order) reads back as it was saved."""
    entry = full_day()
    stored = journal.save_day(entry, TODAY)
    again = journal.get_day("2026-11-20")
    assert stored == again
    assert [r.id for r in again.runs] == [r.id for r in entry.runs]
    assert all(isinstance(r.id, int) for r in again.runs)
    expected = dataclasses.replace(entry, runs=[dataclasses.replace(r) for r in entry.runs])
    assert again == expected
    assert again.distance_m == 11000.5


def test_get_day_of_an_unrecorded_date_is_none(journal):
    """A date with nothing recorded reads as None, not as an empty entry."""
    assert journal.get_day("2026-11-01") is None


def test_save_day_updates_in_place(journal):
    """Saving a day again changes its row and its runs instead of adding new ones."""
    stored = journal.save_day(full_day(), TODAY)
    stored.back_wake = 7
    stored.note = ""
    stored.runs[0].distance_m = 9000
    stored.runs.reverse()
    again = journal.save_day(stored, TODAY)
    assert again.back_wake == 7
    assert again.note == ""
    assert [r.distance_m for r in again.runs] == [3000.5, 9000]
    assert journal.count_days() == 1
    assert len(again.runs) == 2


def test_removed_run_ids_delete_only_those_runs_of_that_day(journal):
    """``removed_run_ids`` deletes the named runs of this day and never another day's run."""
    stored = journal.save_day(full_day(), TODAY)
    other = journal.save_day(DayEntry("2026-11-21", runs=[Run(5000)]), TODAY)
    gone = stored.runs.pop(0)
    again = journal.save_day(stored, TODAY, removed_run_ids=(gone.id, other.runs[0].id))
    assert [r.distance_m for r in again.runs] == [3000.5]
    assert [r.distance_m for r in journal.get_day("2026-11-21").runs] == [5000]


def test_save_day_keeps_a_run_added_by_another_connection(db_path):
    """A stale entry saved by one journal does not drop a run that another journal added."""
    with Journal.open(db_path) as a, Journal.open(db_path) as b:
        stale = a.save_day(DayEntry("2026-11-20", runs=[Run(8000)]), TODAY)
        b.update_day("2026-11-20", lambda e: e.runs.append(Run(2000)), TODAY)
        stale.back_after = 3
        stored = a.save_day(stale, TODAY)
        assert stored.back_after == 3
        assert sorted(r.distance_m for r in stored.runs) == [2000, 8000]


def test_update_day_keeps_runs_added_by_another_connection(db_path):
    """Two journals on one file each adding a run with update_day lose neither run."""
    with Journal.open(db_path) as a, Journal.open(db_path) as b:
        a.update_day("2026-11-20", lambda e: e.runs.append(Run(8000)), TODAY)
        b.update_day("2026-11-20", lambda e: e.runs.append(Run(5000)), TODAY)
        stored = a.update_day("2026-11-20", lambda e: e.runs.append(Run(3000)), TODAY)
        assert [r.distance_m for r in stored.runs] == [8000, 5000, 3000]
        assert b.get_day("2026-11-20") == stored


def test_update_day_creates_a_missing_day(journal):
    """update_day on a date with no entry starts from an empty day."""
    stored = journal.update_day("2026-11-24", lambda e: setattr(e, "back_wake", 2), TODAY)
    assert stored == DayEntry("2026-11-24", back_wake=2)


def test_invalid_entry_writes_nothing(journal, db_path):
    """An invalid day raises ValidationError naming each bad field, and no row changes."""
    journal.save_day(full_day(), TODAY)
    before = row_counts(db_path)
    before_day = journal.get_day("2026-11-20")
    bad = full_day("2026-11-26")
    bad.back_wake = 11
    bad.sleep = 0
    bad.runs.append(Run(-1, 0, type="jog"))
    with pytest.raises(ValidationError) as info:
        journal.save_day(bad, TODAY)
    assert set(info.value.errors) == {
        "date",
        "back_wake",
        "sleep",
        "runs.2.distance",
        "runs.2.duration",
        "runs.2.type",
    }
    assert "in the future" in info.value.errors["date"]
    assert row_counts(db_path) == before
    assert journal.get_day("2026-11-20") == before_day


def test_invalid_update_rolls_back(journal, db_path):
    """A change that fails validation inside update_day leaves the stored day as it was."""
    journal.save_day(full_day(), TODAY)
    before = journal.get_day("2026-11-20")
    counts = row_counts(db_path)

    def bad_change(entry: DayEntry) -> None:
        entry.runs.append(Run(1000))
        entry.leg_after = 12

    with pytest.raises(ValidationError) as info:
        journal.update_day("2026-11-20", bad_change, TODAY)
    assert set(info.value.errors) == {"leg_after"}
    assert journal.get_day("2026-11-20") == before
    assert row_counts(db_path) == counts
    assert not journal.conn.in_transaction


def test_day_over_300_km_is_refused(journal):
    """Runs that each pass but add up to more than 300 km in a day are refused as a whole."""
    entry = DayEntry("2026-11-20", runs=[Run(200_000), Run(200_000)])
    with pytest.raises(ValidationError) as info:
        journal.save_day(entry, TODAY)
    assert set(info.value.errors) == {"distance"}
    assert journal.count_days() == 0


def test_delete_and_restore_day(journal, db_path):
    """delete_day removes the day and its runs and returns it; restore_day puts it all back."""
    journal.save_day(full_day(), TODAY)
    journal.save_day(DayEntry("2026-11-21", back_wake=1), TODAY)
    deleted = journal.delete_day("2026-11-20")
    assert deleted is not None and len(deleted.runs) == 2
    assert journal.get_day("2026-11-20") is None
    assert row_counts(db_path)["run"] == 0
    assert journal.count_days() == 1
    journal.restore_day(deleted)
    restored = journal.get_day("2026-11-20")
    expected = full_day()
    assert dataclasses.replace(restored, runs=[]) == dataclasses.replace(expected, runs=[])
    assert [dataclasses.replace(r, id=None) for r in restored.runs] == expected.runs
    assert journal.count_days() == 2


def test_delete_of_an_unrecorded_day_returns_none(journal):
    """Deleting a date with no entry is harmless and says there was nothing."""
    assert journal.delete_day("2026-11-01") is None


def test_has_entries(journal):
    """has_entries is False for a new journal and True once a day is saved."""
    assert not journal.has_entries()
    journal.save_day(DayEntry("2026-11-20"), TODAY)
    assert journal.has_entries()


# --- summaries -----------------------------------------------------------------------------------


@pytest.fixture
def month(journal):
    """A journal holding ten consecutive days, 2026-11-01 to 2026-11-10, with 1-2 runs on some."""
    entries = []
    for n in range(1, 11):
        runs = [Run(1000 * n)] if n % 2 else [Run(1000 * n), Run(500)] if n % 4 == 0 else []
        entries.append(DayEntry(f"2026-11-{n:02d}", back_wake=n % 11, note=f"day {n}", runs=runs))
    journal.replace_all_days(entries)
    return journal


def test_day_summaries_are_newest_first(month):
    """History rows come newest first with each day's distance, run count and note."""
    rows = month.day_summaries()
    assert [r.date for r in rows] == [f"2026-11-{n:02d}" for n in range(10, 0, -1)]
    by_date = {r.date: r for r in rows}
    assert by_date["2026-11-03"] == DaySummary("2026-11-03", 3000, 1, 3, None, "day 3")
    # Back pain 8 is severe: the day carries a red flag.
    assert by_date["2026-11-08"] == DaySummary("2026-11-08", 8500, 2, 8, None, "day 8", flags=1)
    assert by_date["2026-11-06"] == DaySummary("2026-11-06", 0, 0, 6, None, "day 6")


def test_day_summaries_page(month):
    """limit and offset page through the rows without overlap or gaps."""
    pages = [month.day_summaries(limit=4, offset=o) for o in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 4, 2]
    dates = [r.date for p in pages for r in p]
    assert dates == [r.date for r in month.day_summaries()]
    assert month.day_summaries(limit=4, offset=20) == []


def test_day_summaries_and_count_by_range(month):
    """start and end are inclusive, either may be left out, and count_days agrees."""
    rows = month.day_summaries("2026-11-03", "2026-11-05")
    assert [r.date for r in rows] == ["2026-11-05", "2026-11-04", "2026-11-03"]
    assert [r.date for r in month.day_summaries(start="2026-11-09")] == ["2026-11-10", "2026-11-09"]
    assert [r.date for r in month.day_summaries(end="2026-11-02")] == ["2026-11-02", "2026-11-01"]
    assert month.count_days("2026-11-03", "2026-11-05") == 3
    assert month.count_days(start="2026-11-09") == 2
    assert month.count_days(end="2026-11-02") == 2
    assert month.count_days() == 10
    assert month.count_days("2026-12-01") == 0


def test_day_summaries_worst_pain_ignores_unrecorded_scores(journal):
    """The worst pain of a day is the highest recorded score; NULLs are skipped, 0 is kept."""
    journal.save_day(
        DayEntry("2026-11-01", back_wake=None, back_before=2, back_during=None, back_after=5),
        TODAY,
    )
    journal.save_day(DayEntry("2026-11-02", leg_during=0), TODAY)
    journal.save_day(DayEntry("2026-11-03", note="nothing scored"), TODAY)
    journal.save_day(
        DayEntry("2026-11-04", back_wake=7, back_after=1, leg_wake=3, leg_after=4), TODAY
    )
    worst = {r.date: (r.back, r.leg) for r in journal.day_summaries()}
    assert worst == {
        "2026-11-01": (5, None),
        "2026-11-02": (None, 0),
        "2026-11-03": (None, None),
        "2026-11-04": (7, 4),
    }


# --- settings ------------------------------------------------------------------------------------


def test_settings_default(journal):
    """A new journal has the default settings: km, weeks from Monday, the dark theme."""
    assert journal.settings() == Settings("km", "monday", "textual-dark")


def test_settings_round_trip(journal, db_path):
    """Saved settings read back the same, also through another connection."""
    wanted = Settings(units="mi", week_start="sunday", theme="nord")
    journal.save_settings(wanted)
    assert journal.settings() == wanted
    with Journal.open(db_path) as other:
        assert other.settings() == wanted
    journal.save_settings(Settings())
    assert journal.settings() == Settings()


@pytest.mark.parametrize(
    ("bad", "keys"),
    [
        (Settings(units="furlongs"), {"units"}),
        (Settings(week_start="caturday"), {"week_start"}),
        (Settings(theme=""), {"theme"}),
        (Settings(units="", week_start="", theme=""), {"units", "week_start", "theme"}),
    ],
)
def test_invalid_settings_are_refused(journal, db_path, bad, keys):
    """Invalid settings raise ValidationError naming each bad key, and nothing is stored."""
    journal.save_settings(Settings(units="mi"))
    with pytest.raises(ValidationError) as info:
        journal.save_settings(bad)
    assert set(info.value.errors) == keys
    assert journal.settings() == Settings(units="mi")


# --- replace_all_days ----------------------------------------------------------------------------


def test_replace_all_days_replaces_everything(journal):
    """replace_all_days drops every old day and run and writes the new ones."""
    journal.save_day(full_day("2026-10-01"), TODAY)
    journal.replace_all_days([full_day("2026-11-01"), DayEntry("2026-11-02", back_wake=1)])
    assert [r.date for r in journal.day_summaries()] == ["2026-11-02", "2026-11-01"]
    assert journal.get_day("2026-10-01") is None
    assert len(journal.get_day("2026-11-01").runs) == 2


def test_replace_all_days_is_all_or_nothing(journal, db_path):
    """One invalid entry among many means nothing is written and the old days stay."""
    old = journal.save_day(full_day("2026-10-01"), TODAY)
    before = row_counts(db_path)
    entries = [DayEntry(f"2026-11-{n:02d}", runs=[Run(5000)]) for n in range(1, 21)]
    entries[13].leg_wake = 11
    with pytest.raises(ValidationError) as info:
        journal.replace_all_days(entries)
    assert set(info.value.errors) == {"leg_wake"}
    assert row_counts(db_path) == before
    assert journal.get_day("2026-10-01") == old
    assert [r.date for r in journal.day_summaries()] == ["2026-10-01"]


def test_replace_all_days_names_an_impossible_date(journal, db_path):
    """An entry whose date does not exist is a ValidationError on "date", and nothing is written."""
    before = row_counts(db_path)
    with pytest.raises(ValidationError) as info:
        journal.replace_all_days([DayEntry("2026-11-01"), DayEntry("2026-02-30")])
    assert set(info.value.errors) == {"date"}
    assert "2026-02-30" in info.value.errors["date"]
    assert row_counts(db_path) == before


def test_replace_all_days_rolls_back_on_a_database_error(journal, db_path):
    """A duplicate date (refused by SQLite, not by validation) rolls the whole write back."""
    journal.save_day(full_day("2026-10-01"), TODAY)
    before = row_counts(db_path)
    with pytest.raises(JournalError, match="UNIQUE"):
        journal.replace_all_days([DayEntry("2026-11-01"), DayEntry("2026-11-01")])
    assert row_counts(db_path) == before
    assert journal.get_day("2026-10-01") is not None


# --- the connection ------------------------------------------------------------------------------


def test_foreign_keys_are_on(journal):
    """SQLite refuses a run whose day does not exist, because foreign keys are enforced."""
    assert journal.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        journal.conn.execute(
            "INSERT INTO run (date, distance_m, created_at) VALUES ('2026-11-01', 5000, 'x')"
        )
    assert journal.conn.execute("SELECT count(*) FROM run").fetchone()[0] == 0


def test_connection_pragmas(journal):
    """Every journal connection runs with synchronous=FULL and the journal mode it reports."""
    assert journal.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    mode = journal.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == journal.journal_mode == "wal"


def test_changed_sees_another_connections_commit(db_path):
    """changed() turns True once after another connection commits, and not for its own writes."""
    with Journal.open(db_path) as a, Journal.open(db_path) as b:
        assert a.changed() is False  # the first call only takes the baseline
        assert a.changed() is False
        a.save_day(DayEntry("2026-11-20", back_wake=1), TODAY)
        assert a.changed() is False  # its own commit is not a change by someone else
        b.save_day(DayEntry("2026-11-21", back_wake=2), TODAY)
        assert a.changed() is True
        assert a.changed() is False
        conn = raw(db_path)
        conn.execute("UPDATE day SET note = 'edited elsewhere'")
        conn.close()
        assert a.changed() is True
