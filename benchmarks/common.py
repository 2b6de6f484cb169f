"""The machinery shared by every benchmark: the registry, the run context, timing, the table.

A benchmark is a function ``(ctx: Context) -> Result`` registered with :func:`benchmark`. It
times a measured command and a reference command with :func:`compare`, which interleaves them
(so that machine noise hits both) and returns both lists of samples; the ratio of their medians
is checked against the target. To add one (Trends ten years vs one, export vs a csv write...),
write a module with a registered function and list it in ``benchmarks.__main__.MODULES``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)  # the frozen "today" of the demo journal (a Wednesday)
SEED = 7


@dataclass(frozen=True)
class Result:
    """One line of the table: a measured median against a reference median."""

    name: str
    median_s: float
    reference_name: str
    reference_median_s: float
    target_ratio: float  # met when median_s / reference_median_s <= target_ratio
    # An absolute bound instead, where an issue sets one (e.g. 50 ms per redraw): met when
    # median_s <= target_s; the ratio to the reference is still shown.
    target_s: float | None = None
    samples: tuple[float, ...] = ()
    reference_samples: tuple[float, ...] = ()
    # Optional breakdown (label -> median seconds since process start), printed with --verbose.
    phases: dict[str, float] = field(default_factory=dict)
    reference_phases: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.median_s / self.reference_median_s

    @property
    def met(self) -> bool:
        if self.target_s is not None:
            return self.median_s <= self.target_s
        return self.ratio <= self.target_ratio


@dataclass(frozen=True)
class Context:
    """What every benchmark gets: the demo journal, the settings of this run, a scratch folder."""

    workdir: Path
    journal: Path  # the demo journal: read it, never write it (use fresh_copy for that)
    years: int
    repeat: int
    warmup: int

    def env(self, db: Path | None = None) -> dict[str, str]:
        """The environment of a timed subprocess: frozen today, no real journal, no devtools."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env["BACKJOURNAL_TODAY"] = TODAY.isoformat()
        env["BACKJOURNAL_DB"] = str(db or self.journal)
        env.pop("PYTHONPROFILEIMPORTTIME", None)
        # A user's Python caches the bytecode of backjournal at its first import (pip does it at
        # install for textual). With writing turned off (some sandboxes and CI images set this),
        # every timed start would recompile our modules (about 25 ms) and never textual's: the
        # comparison would measure the compiler, not the app. The warm-up runs write the cache.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def fresh_copy(self, name: str) -> Path:
        """A copy of the demo journal at ``workdir/name`` (replaced if it exists).

        A plain file copy is right here and only here: the demo journal is closed, checkpointed
        and has no side files, and the copy keeps its WAL header exactly as a user's file has.
        """
        target = self.workdir / name
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.journal, target)
        os.chmod(target, 0o600)
        return target


Benchmark = Callable[[Context], Result]
REGISTRY: dict[str, tuple[str, Benchmark]] = {}


def benchmark(name: str, description: str) -> Callable[[Benchmark], Benchmark]:
    """Register a benchmark under ``name`` (the table keeps registration order)."""

    def register(fn: Benchmark) -> Benchmark:
        if name in REGISTRY:
            raise ValueError(f"benchmark {name!r} registered twice")
        REGISTRY[name] = (description, fn)
        return fn

    return register


# --- the demo journal -------------------------------------------------------------------------


def make_demo_journal(path: Path, years: int) -> Path:
    """Write the seeded demo journal of ``years`` years ending TODAY at ``path``."""
    from backjournal.store import Journal
    from backjournal.store.demo import write_demo

    with Journal.open(path) as journal:
        write_demo(journal, TODAY, years=years, seed=SEED)
    leftovers = [s for s in ("-wal", "-shm") if Path(f"{path}{s}").exists()]
    if leftovers:  # fresh_copy relies on a closed, checkpointed file
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return path


# --- timing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A subprocess to time, and what to do (untimed) before each run."""

    name: str
    argv: Sequence[str]
    env: dict[str, str]
    prepare: Callable[[], None] | None = None
    marks: bool = False  # the process prints a JSON line of perf_counter marks (benchmarks.probe)


@dataclass
class Samples:
    """The wall times of one command, and its marks relative to each run's start."""

    times: list[float] = field(default_factory=list)
    marks: list[dict[str, float]] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def median_marks(self) -> dict[str, float]:
        if not self.marks:
            return {}
        keys = [k for k in self.marks[0] if all(k in m for m in self.marks)]
        return {k: statistics.median(m[k] for m in self.marks) for k in keys}


def run_once(command: Command) -> tuple[float, dict[str, float]]:
    """Run ``command`` once; return its wall time in seconds and its marks (if any)."""
    if command.prepare is not None:
        command.prepare()
    start = time.perf_counter()
    proc = subprocess.run(
        list(command.argv),
        env=command.env,
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(
            f"{command.name} failed (exit {proc.returncode}): {' '.join(command.argv)}\n"
            f"{proc.stderr.strip() or proc.stdout.strip()}"
        )
    marks: dict[str, float] = {}
    if command.marks:
        last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "{}"
        raw = json.loads(last)
        marks = {k: v - start for k, v in raw.items() if 0 <= v - start <= elapsed}
        marks["exited"] = elapsed
    return elapsed, marks


def compare(ctx: Context, measured: Command, reference: Command) -> tuple[Samples, Samples]:
    """Time both commands ``ctx.repeat`` times, interleaved, after ``ctx.warmup`` untimed runs.

    The order alternates (measured first, then reference first) so that a drift in machine speed
    during the run does not favour either side.
    """
    for _ in range(ctx.warmup):  # fill the OS file cache and compile .pyc files
        run_once(measured)
        run_once(reference)
    results = {measured.name: Samples(), reference.name: Samples()}
    for i in range(ctx.repeat):
        pair = (measured, reference) if i % 2 == 0 else (reference, measured)
        for command in pair:
            elapsed, marks = run_once(command)
            results[command.name].times.append(elapsed)
            if marks:
                results[command.name].marks.append(marks)
    return results[measured.name], results[reference.name]


def result(name: str, target: float, measured: Samples, ref_name: str, ref: Samples) -> Result:
    """Build a :class:`Result` from two sets of samples."""
    return Result(
        name=name,
        median_s=measured.median,
        reference_name=ref_name,
        reference_median_s=ref.median,
        target_ratio=target,
        samples=tuple(measured.times),
        reference_samples=tuple(ref.times),
        phases=measured.median_marks(),
        reference_phases=ref.median_marks(),
    )


# --- the report -------------------------------------------------------------------------------

COLUMNS = ("benchmark", "median", "reference", "ref median", "ratio", "target", "met")


def ten_years_against_one(
    ctx: Context, name: str, work: Callable[[object], object], *, target: float, calls: int = 15
) -> Result:
    """Time ``work(journal)`` in-process on the demo journal (``--years``) against a one-year
    demo journal built in the same run: the cost must follow what is shown, not the journal's age.

    Both journals are opened before the clock starts; warm-up calls fill SQLite's page cache;
    the samples of the two sides are interleaved (``calls`` per side per ``--repeat``), so that
    machine noise hits both.
    """
    from backjournal.store import Journal

    measured_path = ctx.fresh_copy(f"{name}.db")
    reference_path = make_demo_journal(ctx.workdir / f"{name}-one-year.db", 1)
    measured: list[float] = []
    reference: list[float] = []
    with Journal.open(measured_path) as long_journal, Journal.open(reference_path) as short:
        for _ in range(max(ctx.warmup, 1) * 3):
            work(long_journal)
            work(short)
        for i in range(ctx.repeat * calls):
            pair = ((long_journal, measured), (short, reference))
            for journal, samples in pair if i % 2 == 0 else pair[::-1]:
                start = time.perf_counter()
                work(journal)
                samples.append(time.perf_counter() - start)
    return Result(
        name=name,
        median_s=statistics.median(measured),
        reference_name="1-year journal",
        reference_median_s=statistics.median(reference),
        target_ratio=target,
        samples=tuple(measured),
        reference_samples=tuple(reference),
    )


def machine() -> str:
    """One line naming the machine, so that a table is read against the right computer."""
    from importlib.metadata import version

    return (
        f"machine: {platform.platform()} · {platform.python_implementation()} "
        f"{platform.python_version()} · {os.cpu_count()} CPUs · SQLite {sqlite3.sqlite_version} "
        f"· Textual {version('textual')}"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.01 else f"{seconds * 1000:,.0f} ms"


def table(results: Sequence[Result]) -> str:
    """The results as one plain-text table (fixed-width, no colour: it goes into issues)."""
    rows = [
        (
            r.name,
            ms(r.median_s),
            r.reference_name,
            ms(r.reference_median_s),
            f"{r.ratio:.2f}",
            f"<= {ms(r.target_s)}" if r.target_s is not None else f"<= {r.target_ratio:.2f}",
            "yes" if r.met else "NO",
        )
        for r in results
    ]
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(COLUMNS)]
    right = {1, 3, 4}  # numbers line up on the right

    def line(cells: Sequence[str]) -> str:
        padded = (
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join(padded).rstrip()

    out = [line(COLUMNS), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def details(results: Sequence[Result]) -> str:
    """Samples and phase breakdowns (``--verbose``): where the time goes, for each side."""
    out = []
    for r in results:
        out.append(f"{r.name}")
        for label, samples, phases in (
            ("measured", r.samples, r.phases),
            (r.reference_name, r.reference_samples, r.reference_phases),
        ):
            out.append(f"  {label}: runs " + " ".join(f"{s * 1000:.0f}" for s in samples) + " ms")
            if phases:
                marks = " · ".join(f"{k} {ms(v)}" for k, v in phases.items())
                out.append(f"    since start: {marks}")
    return "\n".join(out)


def python_command(*args: str) -> list[str]:
    """``sys.executable`` with ``args``: every timed process uses this interpreter."""
    return [sys.executable, *args]
