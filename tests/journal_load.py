"""A child process that writes to a journal through its public methods, for the stress tests.

Run as ``python tests/journal_load.py MODE ...``; the tests start it with :func:`command`.

``crash PATH GENERATION START SEED``
    Writes forever (until killed) with every write method the journal has: new days with runs
    (``save_day``), a run added to a day (``update_day``, as ``backjournal log`` does), a day
    edited with a run removed (``save_day`` with ``removed_run_ids``, as Today does), deletes and
    undos, settings, and now and then a rewrite of every day (``replace_all_days``). Before each
    write it prints its intent (``new DATE TAG...``), after the commit ``ok``, each line flushed:
    the parent then knows which writes are committed and which one might be.

    Every day it writes is "whole" in a way the parent can check from the file alone: the day's
    note says how many runs it has and their total metres (``runs:2 m:13000``), and the two are
    written in the same transaction as the runs. Body-map marks (``save_marks``, or with a new
    day) are written k at a time, each of intensity k, so that a half-written set shows.

``writer PATH TAG SECONDS PAUSE [deferred]``
    The "two writers" load: for SECONDS, one write every PAUSE seconds (read the day, add a run
    tagged ``TAG-N``, as Today or ``log`` would), with reads in between; prints one JSON line at
    the end: the tags written and every error a user would have seen. With ``deferred`` the
    journal's transactions start with a plain ``BEGIN`` instead of ``BEGIN IMMEDIATE``: the
    negative control of the two-writers test.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 25)
HERE = Path(__file__).resolve()


def command(*args: object) -> list[str]:
    """The argv that runs this helper in a fresh interpreter with ``args``."""
    return [sys.executable, str(HERE), *(str(a) for a in args)]


def day_of(counter: int) -> str:
    """The date written for a counter value: counter days before the frozen today."""
    return (TODAY - dt.timedelta(days=counter)).isoformat()


def whole_note(runs) -> str:
    """The note that makes a day checkable: its number of runs and their total metres."""
    return f"runs:{len(runs)} m:{int(sum(r.distance_m for r in runs))}"


def say(*words: object) -> None:
    print(*words, flush=True)


# --- crash ----------------------------------------------------------------------------------------


def marks_of(rng: random.Random, k: int) -> list:
    """k marks on k different regions, each of intensity k (checkable: count == intensity)."""
    from backjournal.domain.body import REGION_IDS
    from backjournal.domain.symptoms import Mark

    return [Mark(region, k) for region in rng.sample(REGION_IDS, k)]


def crash(path: str, generation: int, start: int, seed: int) -> None:
    from backjournal.domain.models import DayEntry, Run, Settings
    from backjournal.store import Journal

    rng = random.Random(seed)
    journal = Journal.open(path)
    alive = [s.date for s in journal.day_summaries()]
    deleted: DayEntry | None = None
    counter = start
    say("ready")
    for op in range(10**9):
        tag = f"g{generation}o{op}"
        roll = rng.random()
        if roll < 0.35 or len(alive) < 3:
            date = day_of(counter)
            counter += 1
            runs = [
                Run(rng.randrange(1000, 30000, 10), rng.randrange(300, 9000), notes=f"{tag}k{k}")
                for k in range(rng.randrange(0, 4))
            ]
            k = rng.randrange(0, 4)
            entry = DayEntry(
                date,
                back_wake=rng.randrange(11),
                note=whole_note(runs),
                runs=runs,
                marks=marks_of(rng, k),
            )
            say("new", date, f"marks={k}", *(r.notes for r in runs))
            journal.save_day(entry, TODAY)
            alive.append(date)
        elif roll < 0.6 and len(journal.get_day(date := rng.choice(alive)).runs) < 6:
            run = Run(rng.randrange(1000, 30000, 10), notes=tag)

            def add_run(entry: DayEntry, run: Run = run) -> None:
                entry.runs.append(run)
                entry.leg_after = rng.randrange(11)
                entry.note = whole_note(entry.runs)

            say("add", date, tag)
            journal.update_day(date, add_run, TODAY)
        elif roll < 0.75:
            date = rng.choice(alive)
            entry = journal.get_day(date)
            removed = entry.runs.pop(rng.randrange(len(entry.runs))) if entry.runs else None
            for r in entry.runs:
                r.distance_m += 10
            entry.back_after = rng.randrange(11)
            entry.note = whole_note(entry.runs)
            say("edit", date, removed.notes if removed else "-")
            journal.save_day(entry, TODAY, removed_run_ids=(removed.id,) if removed else ())
        elif roll < 0.8:
            date = rng.choice(alive)
            k = rng.randrange(0, 5)
            say("mark", date, f"marks={k}")
            journal.symptoms.save_marks(date, marks_of(rng, k), TODAY)
        elif roll < 0.87:
            date = rng.choice(alive)
            say("del", date)
            deleted = journal.delete_day(date)
            alive.remove(date)
        elif roll < 0.9 and deleted is not None:
            say(
                "undo",
                deleted.date,
                f"marks={len(deleted.marks or [])}",
                *(r.notes for r in deleted.runs),
            )
            journal.restore_day(deleted)
            alive.append(deleted.date)
            deleted = None
        elif roll < 0.98:
            units = rng.choice(["km", "mi"])
            say("set", units)
            journal.save_settings(Settings(units=units))
        else:
            # Every day rewritten in one transaction, plus one new day: the biggest write there is.
            entries = [journal.get_day(d) for d in sorted(alive)]
            date = day_of(counter)
            counter += 1
            entries.append(DayEntry(date, note=whole_note([])))
            for entry in entries:
                for r in entry.runs:
                    r.id = None
            say("all", date)
            journal.replace_all_days(entries)
            alive.append(date)
        say("ok")


# --- two writers ----------------------------------------------------------------------------------


class DeferredBegin:
    """A connection whose ``BEGIN IMMEDIATE`` is a plain deferred ``BEGIN`` (negative control)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        return self._conn.execute("BEGIN" if sql == "BEGIN IMMEDIATE" else sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def writer(path: str, tag: str, seconds: float, pause: float, deferred: bool = False) -> None:
    from backjournal.domain.models import DayEntry, Run
    from backjournal.store import Journal, JournalError

    errors: list[str] = []
    written: list[str] = []
    journal = Journal.open(path)
    if deferred:
        journal.conn = DeferredBegin(journal.conn)
    say("ready")
    rng = random.Random(tag)
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        run_tag = f"{tag}-{n}"
        # Both writers share the last four weeks; today (which the app shows) gets a run every
        # 100th write, so that its screen stays a realistic size.
        date = day_of(0 if n % 100 == 0 else rng.randrange(1, 28))
        try:
            if n % 2:
                # As Today does: read the day, change it, save it whole.
                entry = journal.get_day(date) or DayEntry(date)
                entry.runs.append(Run(100, 30, notes=run_tag))
                entry.back_after = n % 11
                journal.save_day(entry, TODAY)
            else:
                # As `backjournal log` does: add a run in one read-modify-write transaction.
                def add(entry: DayEntry, run_tag: str = run_tag) -> None:
                    entry.runs.append(Run(50, notes=run_tag))

                journal.update_day(date, add, TODAY)
            written.append(run_tag)
            journal.day_summaries(limit=50)  # History's first page
            journal.changed()
        except JournalError as exc:  # what a user would see
            errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - a traceback a user would see
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(pause)
    journal.close()
    say(json.dumps({"written": written, "errors": errors}))


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))  # the repository, when run from elsewhere
    mode, *rest = sys.argv[1:]
    if mode == "crash":
        crash(rest[0], int(rest[1]), int(rest[2]), int(rest[3]))
    elif mode == "writer":
        writer(rest[0], rest[1], float(rest[2]), float(rest[3]), rest[4:] == ["deferred"])
    else:
        raise SystemExit(f"unknown mode {mode}")
