"""Crash safety: a writer killed with SIGKILL at random moments never leaves a broken journal.

A child process (``tests/journal_load.py crash``) writes days, runs, edits, deletes, undos and
settings through the journal's public methods, announcing each write before it and confirming it
after the commit. The parent kills it at random moments, hundreds of times, on one journal file,
and after every kill checks the file: healthy, every confirmed write present and whole, and the
one unconfirmed write either fully there or fully absent.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import journal_load
import pytest

from backjournal.store import Journal

# 60 in the suite (it must stay under five minutes on 2 cores); BACKJOURNAL_STRESS_KILLS=1000
# for a longer run.
KILLS = int(os.environ.get("BACKJOURNAL_STRESS_KILLS", "60"))
NOTE = re.compile(r"runs:(\d+) m:(\d+)")


@dataclass
class Model:
    """What the journal must hold: each date's run tags (None for a deleted day) and the units."""

    days: dict[str, set[str] | None] = field(default_factory=dict)
    marks: dict[str, int] = field(default_factory=dict)  # how many body-map marks each day has
    units: str | None = None
    counter: int = 0  # the next counter a new child may use for a new date


@dataclass
class Life:
    """One child's output: its confirmed writes, and the write it started but did not confirm."""

    confirmed: list[list[str]]
    pending: list[str] | None
    ready: bool


def read_file(
    path: Path,
) -> tuple[dict[str, tuple[str, list[tuple[float, str]], list[int]]], str | None]:
    """Check the journal's health and read it whole: {date: (note, [(metres, tag)], [mark
    intensities])}, units."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], "a run without its day"
        days = {d: (note, [], []) for d, note in conn.execute("SELECT date, note FROM day")}
        for date, metres, tag in conn.execute("SELECT date, distance_m, notes FROM run"):
            days[date][1].append((metres, tag))
        for date, intensity in conn.execute("SELECT date, intensity FROM symptom"):
            days[date][2].append(intensity)
        units = conn.execute("SELECT value FROM setting WHERE key = 'units'").fetchone()
    finally:
        conn.close()
    return days, units[0] if units else None


def check_whole(days: dict[str, tuple[str, list[tuple[float, str]]]]) -> None:
    """Every day's note announces its runs and metres, written in the same transaction."""
    for date, (note, runs, marks) in days.items():
        m = NOTE.fullmatch(note)
        assert m, f"{date}: note {note!r} is not one the writer wrote"
        assert int(m.group(1)) == len(runs), f"{date}: half a day ({note}, {len(runs)} runs)"
        assert int(m.group(2)) == int(sum(metres for metres, _ in runs)), f"{date}: half a day"
        assert all(i == len(marks) for i in marks), f"{date}: half a set of marks {marks}"


def apply(model: Model, write: list[str]) -> None:
    """Apply one confirmed write to the model (an unconfirmed one is settled from the file)."""
    kind, *args = write
    if args and kind in ("new", "undo", "mark"):
        model.marks[args[0]] = int(args[1].removeprefix("marks="))
        args = [args[0], *args[2:]]
    if kind == "new":
        model.days[args[0]] = set(args[1:])
    elif kind == "add":
        model.days[args[0]].add(args[1])
    elif kind == "edit" and args[1] != "-":
        model.days[args[0]].discard(args[1])
    elif kind == "del":
        model.days[args[0]] = None
    elif kind == "undo":
        model.days[args[0]] = set(args[1:])
    elif kind == "set":
        model.units = args[0]
    elif kind == "all":
        model.days[args[0]] = set()


def affected(write: list[str]) -> str | None:
    """The date a write touches (None for settings)."""
    return None if write[0] == "set" else write[1]


def check_model(model: Model, days: dict, units: str | None, pending: list[str] | None) -> None:
    """Every confirmed write is in the file; the pending one is settled from what is there."""
    unsure = affected(pending) if pending else None
    for date, tags in model.days.items():
        if date == unsure:
            continue
        if tags is None:
            assert date not in days, f"{date} was deleted but is back"
        else:
            assert date in days, f"confirmed day {date} is missing"
            assert {tag for _, tag in days[date][1]} == tags, f"{date}: runs differ"
            assert len(days[date][2]) == model.marks.get(date, 0), f"{date}: marks differ"
    if pending is None or pending[0] != "set":
        assert units == model.units
    # Settle the write that may or may not have landed from the file (both outcomes are whole).
    if pending:
        if pending[0] == "set":
            assert units in (model.units, pending[1])
            model.units = units
        else:
            date = pending[1]
            model.days[date] = {tag for _, tag in days[date][1]} if date in days else None
            model.marks[date] = len(days[date][2]) if date in days else 0


def parse(lines: list[str]) -> Life:
    """Split a child's output into confirmed writes and the one left pending."""
    confirmed, pending, ready = [], None, False
    for line in lines:
        words = line.split()
        if words == ["ready"]:
            ready = True
        elif words == ["ok"]:
            confirmed.append(pending)
            pending = None
        elif words:
            pending = words
    return Life(confirmed, pending, ready)


@pytest.mark.stress
def test_sigkill_at_random_moments_loses_nothing(tmp_path):
    """200 SIGKILLs of a busy writer: the file stays healthy, confirmed writes are whole and kept.

    Negative control (by hand): writing the day and its runs in two transactions instead of one
    leaves days whose note announces runs that are missing, and this test fails within a few
    kills. ``CRASH_SEED=N`` runs other random moments (the seed used is printed).
    """
    path = tmp_path / "journal.db"
    Journal.open(path).close()  # the first creation is tested on its own below
    seed = int(os.environ.get("CRASH_SEED", "20261125"))
    rng = random.Random(seed)
    model = Model()
    writes = killed_while_writing = 0
    started = time.monotonic()
    errors = tmp_path / "stderr.txt"
    for generation in range(KILLS):
        with open(errors, "wb") as stderr:
            child = subprocess.Popen(
                journal_load.command(
                    "crash", path, generation, model.counter, rng.randrange(10**9)
                ),
                stdout=subprocess.PIPE,
                stderr=stderr,
                bufsize=0,
            )
        out = b""
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0, 0.08))  # at any moment, opening included
        else:
            while b"ready\n" not in out:  # unbuffered, so that no line is lost
                chunk = os.read(child.stdout.fileno(), 4096)
                assert chunk, errors.read_text()
                out += chunk
            time.sleep(rng.uniform(0, 0.04))  # in the middle of the writes
        child.send_signal(signal.SIGKILL)
        while chunk := os.read(child.stdout.fileno(), 65536):
            out += chunk
        child.stdout.close()
        assert child.wait(timeout=10) == -signal.SIGKILL, errors.read_text()
        assert "Traceback" not in errors.read_text(), errors.read_text()
        text = out.decode()
        # A line cut by the kill was never acted on as a whole: drop it.
        text = text if text.endswith("\n") or not text else text.rsplit("\n", 1)[0]
        life = parse(text.splitlines())
        days, units = read_file(path)
        check_whole(days)
        for write in life.confirmed:
            apply(model, write)
        writes += len(life.confirmed)
        killed_while_writing += life.pending is not None
        check_model(model, days, units, life.pending)
        model.counter = max(
            [model.counter]
            + [
                (journal_load.TODAY - dt.date.fromisoformat(w[1])).days + 1
                for w in life.confirmed + ([life.pending] if life.pending else [])
                if w[0] in ("new", "all")
            ]
        )
    elapsed = time.monotonic() - started
    print(f"seed {seed}: {KILLS} kills, {writes} writes, {killed_while_writing} mid-write")
    # Kills come at random moments of wall time, so writes per kill follow the machine's speed:
    # about 10 idle, 2 on a machine loaded four times over. One a kill proves the test is not idle.
    assert writes > KILLS, "the children must have written between kills"
    assert killed_while_writing > KILLS // 4, "many kills must land between a write's start and end"
    assert elapsed < 60
    with Journal.open(path) as journal:  # and the journal opens as usual afterwards
        assert journal.count_days() == sum(1 for tags in model.days.values() if tags is not None)


# Each step of creating a journal where a kill would leave something behind: the file created but
# still empty, the first migration half done, the first migration committed.
KILL_POINTS = {
    "file-created": "backjournal.store.connection.connect",
    "migrating": "backjournal.store.migrations.MigrationList.runner",
    "migrated": "backjournal.store.connection.tighten_permissions",
}
KILLER = """
import importlib, os, signal, sys
target, path = sys.argv[1], sys.argv[2]
module, _, name = target.rpartition(".")
owner = importlib.import_module(module) if not module.endswith("MigrationList") else None
if owner is None:
    owner = importlib.import_module(module.rpartition(".")[0]).MigrationList
setattr(owner, name, lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))
from backjournal.store import Journal
Journal.open(path)
"""


@pytest.mark.parametrize("folder", ["local", "Dropbox"], ids=["wal", "sync-folder"])
@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_while_creating_a_journal_leaves_no_unopenable_file(tmp_path, point, folder):
    """A kill at any step of creating a new journal leaves no file, or one that opens as a journal.

    (In a sync folder the journal uses a rollback journal instead of WAL, so both are tried.)
    """
    path = tmp_path / folder / "journal.db"
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, KILL_POINTS[point], str(path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    if path.exists():
        with Journal.open(path) as journal:
            assert journal.count_days() == 0
    Journal.open(path).close()  # and backjournal can go on from there
    assert [p.name for p in path.parent.iterdir()] == ["journal.db"], "no leftover is kept"
