"""The journal file's robustness: permissions, refusals that leave the file alone, backups.

A file that is damaged, foreign, newer, read-only or locked must be refused with one clear line
and left byte-for-byte as it was; a journal is backed up before a migration touches its data.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import TODAY

from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal, JournalError, JournalLocked, JournalTooNew
from backjournal.store.migrations import MIGRATION_SET, migrations

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def mode(path: Path) -> int:
    """The permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    """Run a block under ``mask``, restoring the previous umask afterwards."""
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def make_journal(path: Path, days: int = 60) -> Path:
    """Create a journal at ``path`` holding ``days`` days with runs and notes, and close it."""
    entries = [
        DayEntry(
            (TODAY - dt.timedelta(days=n)).isoformat(),
            back_wake=n % 6,
            note=f"day {n} " + "x" * 200,
            runs=[Run(5000 + 10 * n, 1800 + n)] if n % 3 else [],
        )
        for n in range(days)
    ]
    with Journal.open(path) as journal:
        journal.replace_all_days(entries)
    return path


def dump(path: Path) -> str:
    """The journal's whole schema and content as SQL text, read by a plain connection."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def listing(directory: Path) -> set[str]:
    """The names of the files in ``directory``."""
    return {p.name for p in directory.iterdir()}


def assert_refused(
    path: Path, match: str, error: type[JournalError] = JournalError, names: Path | None = None
) -> str:
    """Opening ``path`` raises ``error`` matching ``match``; file and folder are left as they were.

    The one-line reason must name ``names`` (the file itself unless told otherwise).
    """
    before = path.read_bytes()
    files = listing(path.parent)
    with pytest.raises(error, match=match) as info:
        Journal.open(path, timeout=0.2)
    message = str(info.value)
    assert "\n" not in message, "the reason must be one line"
    assert str(names or path) in message, "the reason must name what is wrong"
    assert path.read_bytes() == before
    assert listing(path.parent) == files, "no side file or backup may be left behind"
    return message


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_new_journal_is_private_under_any_umask(tmp_path, mask):
    """Whatever the umask, the folder is made 0700 and the journal and -wal/-shm 0600."""
    path = tmp_path / "private" / "journal.db"
    with umask(mask):
        with Journal.open(path) as journal:
            journal.save_day(DayEntry("2026-11-20", back_wake=2), TODAY)
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert wal.exists() and shm.exists(), "a WAL journal has its side files while open"
            assert mode(path.parent) == 0o700
            assert mode(path) == 0o600
            assert mode(wal) == 0o600
            assert mode(shm) == 0o600
        assert mode(path) == 0o600


def test_missing_nested_folders_are_created(tmp_path):
    """A journal path under folders that do not exist yet creates them, the last one 0700."""
    path = tmp_path / "a" / "b" / "c" / "journal.db"
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20"), TODAY)
    assert path.is_file()
    assert mode(path.parent) == 0o700
    with Journal.open(path) as journal:
        assert journal.count_days() == 1


def test_a_loose_existing_journal_is_tightened(tmp_path):
    """A journal left 0644 (by an older tool or a copy) is made 0600 when opened."""
    path = make_journal(tmp_path / "journal.db", days=3)
    os.chmod(path, 0o644)
    Journal.open(path).close()
    assert mode(path) == 0o600


def test_a_journal_in_a_sync_folder_uses_a_rollback_journal_and_warns(tmp_path):
    """In a folder a sync tool copies, the journal avoids WAL side files and says why."""
    path = tmp_path / "Dropbox" / "journal.db"
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20"), TODAY)
        assert journal.journal_mode == "delete"
        assert journal.warning is not None and "sync" in journal.warning
        assert not Path(f"{path}-wal").exists()
    with Journal.open(tmp_path / "local" / "journal.db") as journal:
        assert journal.journal_mode == "wal"
        assert journal.warning is None


# --- refusals ------------------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    """An empty file is not silently turned into a journal."""
    path = tmp_path / "journal.db"
    path.write_bytes(b"")
    assert_refused(path, "is an empty file, not a journal")


def test_random_bytes_are_refused(tmp_path):
    """A file that is not SQLite at all is refused before SQLite opens it."""
    path = tmp_path / "journal.db"
    path.write_bytes(random.Random(1).randbytes(8192))
    assert_refused(path, "not an SQLite database")


def test_sqlite_header_followed_by_garbage_is_refused(tmp_path):
    """A file with a valid SQLite header but garbage pages is refused as damaged."""
    path = tmp_path / "journal.db"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(2).randbytes(8192 - 16))
    assert_refused(path, "damaged")


def test_truncated_journal_is_refused(tmp_path):
    """A real journal cut to half its size is refused as damaged, and not made worse."""
    path = make_journal(tmp_path / "journal.db", days=300)
    data = path.read_bytes()
    assert len(data) > 4 * 4096, "the journal must span enough pages for the cut to hurt"
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, "damaged")


def test_journal_with_one_damaged_data_page_is_refused(tmp_path):
    """Garbage in one data page, far from the schema, is caught on opening (quick_check)."""
    path = make_journal(tmp_path / "journal.db", days=300)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")  # the SQLite header records it
    pages = len(data) // page_size
    assert pages > 20, "the damaged page must lie well past the tables' root pages"
    damaged = pages - 2  # 0-based: one of the last pages, holding day or run rows
    data[damaged * page_size : (damaged + 1) * page_size] = random.Random(5).randbytes(page_size)
    path.write_bytes(bytes(data))
    assert_refused(path, "damaged")


def test_foreign_sqlite_database_is_refused(tmp_path):
    """Another program's SQLite database is refused, not migrated into a journal."""
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contacts (name) VALUES ('Ada')")
    conn.commit()
    conn.close()
    assert_refused(path, "is an SQLite database but not a backjournal journal")


def test_foreign_database_with_other_migrations_is_refused(tmp_path):
    """A database migrated by another sqlite-utils tool (another migration set) is not ours."""
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE _sqlite_migrations "
        "(id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)"
    )
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('other-tool', 'm001_initial', '2026-01-01')"
    )
    conn.execute("CREATE TABLE day (date TEXT PRIMARY KEY)")
    conn.commit()
    conn.close()
    assert_refused(path, "not a backjournal journal")


def test_blank_sqlite_database_is_initialised(tmp_path):
    """A valid SQLite file with no tables (made by ``sqlite3 journal.db``) becomes a journal."""
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("VACUUM")  # writes the header page, so the file is a real, empty database
    conn.close()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20"), TODAY)
        assert journal.count_days() == 1


def test_journal_from_a_newer_version_is_refused(tmp_path):
    """A journal that records a migration this version does not know is refused, unchanged."""
    path = make_journal(tmp_path / "journal.db", days=5)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        (MIGRATION_SET, "m999_future", "2030-01-01 00:00:00+00:00"),
    )
    conn.commit()
    conn.close()
    message = assert_refused(path, "newer version of backjournal", JournalTooNew)
    assert "m999_future" in message


def test_path_that_is_a_folder_is_refused(tmp_path):
    """A --db that names a folder is refused with a message saying so."""
    path = tmp_path / "journal.db"
    path.mkdir()
    with pytest.raises(JournalError, match="is a folder, not a journal file"):
        Journal.open(path)
    assert path.is_dir() and list(path.iterdir()) == []


def test_read_only_journal_is_refused(tmp_path):
    """A journal made read-only (chmod 0400) is refused, even for root, and left unchanged."""
    path = make_journal(tmp_path / "journal.db", days=5)
    os.chmod(path, 0o400)
    try:
        assert_refused(path, "is read-only")
        assert mode(path) == 0o400
    finally:
        os.chmod(path, 0o600)


@pytest.mark.skipif(IS_ROOT, reason="root may write into a read-only folder")
def test_journal_in_a_read_only_folder_is_refused(tmp_path):
    """A journal whose folder cannot be written (for SQLite's side files) is refused, unchanged."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = make_journal(folder / "journal.db", days=5)
    os.chmod(folder, 0o500)
    try:
        assert_refused(path, "folder .* is read-only", names=folder)
    finally:
        os.chmod(folder, 0o700)


@pytest.mark.skipif(IS_ROOT, reason="root may create files in a read-only folder")
def test_new_journal_in_a_read_only_folder_is_refused(tmp_path):
    """A new journal cannot be created in a folder that cannot be written; nothing is left."""
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(JournalError, match="read-only"):
            Journal.open(folder / "journal.db")
        assert list(folder.iterdir()) == []
    finally:
        os.chmod(folder, 0o700)


def test_locked_journal_is_refused(tmp_path):
    """A journal locked by another connection (rollback mode, BEGIN EXCLUSIVE) is refused."""
    path = make_journal(tmp_path / "journal.db", days=5)
    locker = sqlite3.connect(path, isolation_level=None)
    try:
        assert locker.execute("PRAGMA journal_mode = delete").fetchone()[0] == "delete"
        locker.execute("BEGIN EXCLUSIVE")
        message = assert_refused(path, "is locked by another program", JournalLocked)
        assert "try again" in message
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    with Journal.open(path) as journal:
        assert journal.count_days() == 5


def test_write_to_a_journal_locked_by_another_writer_saves_nothing(tmp_path):
    """A save that cannot get the write lock in time says so and leaves the journal unchanged."""
    path = make_journal(tmp_path / "journal.db", days=5)
    before = dump(path)
    with Journal.open(path, timeout=0.1) as journal:
        writer = sqlite3.connect(path, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")
            with pytest.raises(JournalLocked, match="nothing was saved"):
                journal.save_day(DayEntry("2026-11-20", back_wake=1), TODAY)
            assert not journal.conn.in_transaction
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert journal.get_day("2026-11-20") is None
    assert dump(path) == before


# --- backups and migrations ----------------------------------------------------------------------


@pytest.fixture
def extra_migrations(monkeypatch):
    """Let a test register migrations for this test only; the real list is restored afterwards."""
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))
    return migrations


def test_journal_is_backed_up_before_a_migration(tmp_path, extra_migrations):
    """A new migration first copies the journal to a healthy .bak that holds the old data."""
    path = make_journal(tmp_path / "journal.db", days=20)
    old = dump(path)

    @extra_migrations()
    def m999_test_gadget(db):
        db.execute("CREATE TABLE gadget (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")

    with Journal.open(path) as journal:
        backup = journal.backup_path
        assert journal.db["gadget"].exists()
        assert journal.count_days() == 20
    assert backup is not None and backup.parent == path.parent
    assert backup.name.startswith("journal.db.before-m999_test_gadget-")
    assert backup.name.endswith(".bak")
    assert mode(backup) == 0o600
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert dump(backup) == old
    assert listing(tmp_path) == {"journal.db", backup.name}, "no temporary file is left"


def test_failing_migration_changes_nothing(tmp_path, extra_migrations):
    """A migration that fails half way (an SQL error) is rolled back whole, data and record."""
    path = make_journal(tmp_path / "journal.db", days=20)
    old = dump(path)

    @extra_migrations()
    def m002_test_half(db):
        db.execute("ALTER TABLE day ADD COLUMN mood INTEGER")
        db.execute("UPDATE day SET note = 'half migrated'")
        db.execute("DELETE FROM run")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(JournalError, match="no such table") as info:
        Journal.open(path)
    assert "\n" not in str(info.value)
    assert dump(path) == old
    backups = list(tmp_path.glob("*.bak"))
    assert len(backups) == 1 and dump(backups[0]) == old


def test_migration_raising_a_python_error_changes_nothing(tmp_path, extra_migrations):
    """A migration that raises a Python error is reported as a JournalError and leaves no trace."""
    path = make_journal(tmp_path / "journal.db", days=20)
    old = dump(path)

    @extra_migrations()
    def m002_test_crash(db):
        db.execute("CREATE TABLE gadget (id INTEGER PRIMARY KEY)")
        db.execute("UPDATE day SET back_wake = NULL")
        raise RuntimeError("bug in a migration")

    with pytest.raises(JournalError, match="bug in a migration.*not changed"):
        Journal.open(path)
    assert dump(path) == old
    # The file is still a working journal of this version once the bad migration is gone.
    extra_migrations._migrations.pop()
    with Journal.open(path) as journal:
        assert journal.count_days() == 20
        assert not journal.db["gadget"].exists()


def test_backup_to_while_the_journal_is_in_use(tmp_path):
    """backup_to writes a 0600, healthy, complete copy while other connections use the journal."""
    path = make_journal(tmp_path / "journal.db", days=40)
    with Journal.open(path) as journal, Journal.open(path) as other:
        other.save_day(DayEntry("2026-06-01", back_wake=3, runs=[Run(7000)]), TODAY)
        reader = sqlite3.connect(path, isolation_level=None)
        try:
            reader.execute("BEGIN")
            assert reader.execute("SELECT count(*) FROM day").fetchone()[0] == 41
            with umask(0o000):
                target = journal.backup_to(tmp_path / "copy.db")
        finally:
            reader.execute("ROLLBACK")
            reader.close()
        expected = dump(path)
    assert target == tmp_path / "copy.db"
    assert mode(target) == 0o600
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert dump(target) == expected
    assert not Path(f"{target}-wal").exists()
    assert not (tmp_path / ".copy.db.tmp").exists()
    with Journal.open(target) as copy:
        assert copy.get_day("2026-06-01").runs[0].distance_m == 7000
