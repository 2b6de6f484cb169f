"""The journal file under stress: flipped bytes, a full disk, backups taken while another writes.

Complements ``test_journal_file.py`` (empty, truncated, foreign, newer, read-only, locked files,
permissions, migrations): the same promises, tried many times or under load. A refused file is
refused in one line naming it and left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import journal_load
import pytest
from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.demo.days import generate
from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal, JournalError
from backjournal.store import connection as c

COPIES = 100
BACKUPS = 100


def demo_file(path: Path, years: int = 1) -> Path:
    """A real journal: the seeded demo year, closed (so the file is whole without its WAL)."""
    with Journal.open(path) as journal:
        journal.replace_all_days(list(generate(TODAY, years=years, seed=7)))
    return path


def integrity(path: Path) -> str:
    """SQLite's integrity_check of ``path``, or the error that stops it (a damaged header)."""
    try:
        conn = sqlite3.connect(path)
        conn.text_factory = lambda b: b.decode(errors="replace")  # it quotes damaged text
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"error: {exc}"
    except UnicodeDecodeError:  # SQLite's error message quotes damaged text
        return "error: a message that is not UTF-8"


def rows(path: Path) -> list[tuple]:
    """Every row of the data tables, read by a plain connection."""
    conn = sqlite3.connect(path)
    try:
        return [
            (table, *row)
            for table in ("day", "run", "setting")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")
        ]
    finally:
        conn.close()


# --- flipped bytes --------------------------------------------------------------------------------


def test_copies_with_flipped_bytes_are_refused_when_damaged_and_read_fine_otherwise(tmp_path):
    """100 copies of a real journal, each with a few flipped bits: every damaged copy is refused
    (one line, file unchanged); a copy whose flips left it valid opens and reads whole.

    "Damaged" means what SQLite says of a private copy: integrity_check is not ok. A copy that
    SQLite finds healthy but whose schema text changed (a renamed column) may also be refused,
    cleanly; nothing may ever fail with anything but a JournalError. ``FLIP_SEED=N`` flips
    other bits (60 seeds, 6,000 copies, were tried while writing this test).
    """
    original_path = demo_file(tmp_path / "original.db")
    original, original_schema = original_path.read_bytes(), schema(original_path)
    rng = random.Random(int(os.environ.get("FLIP_SEED", "20261125")))
    damaged = readable = refused_schema = 0
    for n in range(COPIES):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        probe = tmp_path / f"probe-{n}.db"
        probe.write_bytes(bytes(data))
        folder = tmp_path / f"copy-{n}"
        folder.mkdir()
        path = folder / "journal.db"
        path.write_bytes(bytes(data))
        healthy = integrity(probe) == "ok"
        if not healthy or schema(probe) != original_schema:
            try:
                journal = Journal.open(path, timeout=0.2)
            except JournalError as exc:
                message = str(exc)
                assert "\n" not in message and str(path) in message
                assert "damaged" in message or "not" in message, message
                assert path.read_bytes() == bytes(data), f"copy {n} was changed"
                assert [p.name for p in folder.iterdir()] == ["journal.db"], "nothing left"
                damaged += not healthy
                refused_schema += healthy
                continue
            assert healthy, f"copy {n} is damaged ({integrity(probe)}) but was opened"
            journal.close()
        readable += 1
        with Journal.open(path) as journal:
            for summary in journal.day_summaries():
                journal.get_day(summary.date)
            journal.settings()
    print(
        f"{damaged} damaged copies refused, {refused_schema} healthy ones with a changed schema "
        f"refused, {readable} valid ones read"
    )
    assert damaged > COPIES // 3, "many flips must land in data that SQLite checks"
    assert readable > COPIES // 10, "some flips must land where they harm nothing"


def schema(path: Path) -> list[tuple]:
    """The schema text and the migrations record of the journal at ``path``."""
    conn = sqlite3.connect(path)
    conn.text_factory = lambda b: b.decode(errors="replace")
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()


# --- a full disk ----------------------------------------------------------------------------------


def fill_the_disk(monkeypatch) -> None:
    """From now on no journal connection may grow its file past its current size (a full disk).

    ``PRAGMA max_page_count`` makes SQLite answer exactly as on a full disk (SQLITE_FULL,
    "database or disk is full") when a write needs one more page; a real tiny filesystem would
    need root and a mount. A real write error of the OS is tried below with a file size limit.
    """
    real_connect = c.connect

    def connect(path, timeout):
        conn = real_connect(path, timeout)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(c, "connect", connect)


def test_full_disk_while_saving_a_day_saves_nothing_and_says_so(db_path, monkeypatch):
    """A save on a full disk: a JournalError naming the full disk, and the journal unchanged."""
    demo_file(db_path)
    fill_the_disk(monkeypatch)
    before = rows(db_path)
    with Journal.open(db_path) as journal:
        big = DayEntry("2026-11-24", note="n" * 50_000, runs=[Run(5000, notes="r" * 50_000)])
        with pytest.raises(JournalError, match="full") as info:
            journal.save_day(big, TODAY)
        assert "\n" not in str(info.value) and str(db_path) in str(info.value)
        assert not journal.conn.in_transaction
    assert rows(db_path) == before
    assert integrity(db_path) == "ok"


def test_full_disk_during_log_is_exit_1_in_one_line(db_path, monkeypatch):
    """backjournal log on a full disk: exit 1, one line saying the disk is full, nothing stored."""
    demo_file(db_path)
    fill_the_disk(monkeypatch)
    before = rows(db_path)
    result = CliRunner().invoke(cli, ["log", "8k", "--note", "x" * 50_000])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "full" in lines[0] and "nothing was saved" in lines[0], lines
    assert rows(db_path) == before


def test_a_write_error_from_the_os_saves_nothing(db_path):
    """A real OS write failure (a file size limit, as a full disk gives) during log: exit 1 in one
    line, no traceback, and the journal unchanged."""
    demo_file(db_path)
    before = rows(db_path)
    size = 64 * 1024  # smaller than the journal: the WAL cannot take a big write

    def limit() -> None:
        # Writes past `size` bytes fail (EFBIG) instead of killing the process (SIGXFSZ).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    proc = subprocess.run(
        [sys.executable, "-m", "backjournal", "log", "8k", "--note", "x" * 100_000],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("backjournal: "), proc.stderr
    assert "nothing was saved" in lines[0], lines[0]
    assert rows(db_path) == before
    assert integrity(db_path) == "ok"


# --- backups while another process writes ---------------------------------------------------------


def test_backups_taken_while_another_process_writes_are_all_healthy(tmp_path):
    """100 backups (Journal.backup_to) while a writer process commits every few ms: every copy
    passes integrity_check and opens as a journal."""
    path = demo_file(tmp_path / "journal.db")
    writer = subprocess.Popen(
        journal_load.command("writer", path, "w", 60, 0.002),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline() == "ready\n", writer.stderr.read()
    (tmp_path / "backups").mkdir(mode=0o700)
    counts = []
    try:
        with Journal.open(path) as journal:
            for n in range(BACKUPS):
                target = journal.backup_to(tmp_path / "backups" / f"b{n:03}.db")
                assert integrity(target) == "ok", f"backup {n}"
                counts.append(len(rows(target)))
    finally:
        writer.terminate()
        writer.communicate(timeout=30)
    assert len(set(counts)) > 10, "the writer must have changed the journal between backups"
    with Journal.open(tmp_path / "backups" / "b099.db") as copy:
        assert copy.count_days() >= 300


def test_a_flipped_bit_in_a_note_still_reads(tmp_path):
    """A flip that leaves the file valid but a note not UTF-8 reads with a replacement character
    (it used to fail every read of that day with an OperationalError)."""
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20", note="QQQQQQQQQQ", runs=[Run(5000)]), TODAY)
    data = bytearray(path.read_bytes())
    data[data.find(b"QQQQQQQQQQ") + 3] ^= 0x80
    path.write_bytes(bytes(data))
    assert integrity(path) == "ok"
    with Journal.open(path) as journal:
        assert journal.get_day("2026-11-20").note == "QQQ\ufffdQQQQQQ"
        assert journal.day_summaries()[0].note == "QQQ\ufffdQQQQQQ"
    result = CliRunner().invoke(cli, ["--db", str(path), "log", "3k", "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output


# --- a migration that fails half way ------------------------------------------------------------


def test_a_migration_failing_half_way_leaves_the_file_byte_identical(tmp_path, monkeypatch):
    """The journal's bytes are exactly as before a migration that failed half way (not only its
    rows), no side file is left, and the backup made before it passes integrity_check."""
    from backjournal.store.migrations import migrations

    path = demo_file(tmp_path / "journal.db")
    before = path.read_bytes()
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations()
    def m999_test_half_way(db):
        db.execute("ALTER TABLE day ADD COLUMN mood INTEGER")
        db.execute("UPDATE day SET note = 'half migrated'")
        db.execute("DELETE FROM run")
        raise RuntimeError("injected failure half way")

    with pytest.raises(JournalError, match="injected failure half way.*not changed"):
        Journal.open(path)
    assert path.read_bytes() == before
    backups = sorted(tmp_path.glob("journal.db.before-m999_test_half_way-*.bak"))
    assert len(backups) == 1 and integrity(backups[0]) == "ok"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["journal.db", backups[0].name])
