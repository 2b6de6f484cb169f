"""Activity files (issue #16): a Strava export of 1,000 realistic files (FIT, GPX and TCX, some
gzipped; ``benchmarks.activity_files``, seeded).

* ``import_strava``: ``backjournal import strava`` of that export into an empty journal, against
  a plain script that parses the same files with gpxpy, fitdecode and ElementTree alone, in one
  process (``benchmarks.activity_reference``). Target: at most 1.0 times as long. The row also
  gives both peak memories (target for the import: under 300 MB).
* ``reimport_strava``: importing the same export again (everything already there), against the
  first import. Target: at most 0.2 times as long.

Both sides are whole commands (interpreter start-up included, the same on both sides). These
are the slowest benchmarks: each side runs at most three times. ``BENCH_ACTIVITY_FILES`` sets
the number of files (1,000).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.common import (
    REPO_ROOT,
    Command,
    Context,
    Result,
    benchmark,
    compare,
    python_command,
    result,
)

IMPORT_TARGET = 1.0
REIMPORT_TARGET = 0.2
MEMORY_TARGET_MB = 300
MAX_REPEAT = 3


def _export(ctx: Context) -> Path:
    count = int(os.environ.get("BENCH_ACTIVITY_FILES", "1000"))
    folder = ctx.workdir / f"strava-export-{count}"
    if not (folder / "activities.csv").exists():
        from benchmarks.activity_files import write_export

        shutil.rmtree(folder, ignore_errors=True)
        write_export(folder, count)
    return folder


def _limited(ctx: Context) -> Context:
    from dataclasses import replace

    return replace(ctx, repeat=min(ctx.repeat, MAX_REPEAT), warmup=min(ctx.warmup, 1))


def _import_command(ctx: Context, export: Path, db: Path, name: str, fresh: Path | None):
    def prepare() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        if fresh is not None:
            shutil.copyfile(fresh, db)

    argv = python_command("-m", "backjournal", "--db", str(db), "import", "strava", str(export))
    return Command(name, argv, ctx.env(db), prepare=prepare)


def peak_mb(argv: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of a command (its largest process), in MB."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout.strip()) / 1024


@benchmark("import_strava", "import strava of 1,000 activity files vs gpxpy+fitdecode parse")
def import_strava(ctx: Context) -> Result:
    ctx = _limited(ctx)
    export = _export(ctx)
    db = ctx.workdir / "activities-first.db"
    measured = _import_command(ctx, export, db, "import strava", None)
    reference = Command(
        "gpxpy+fitdecode",
        python_command("-m", "benchmarks.activity_reference", str(export)),
        ctx.env(db),
    )
    ours, theirs = compare(ctx, measured, reference)
    measured.prepare()
    ours_mb = peak_mb(list(measured.argv), measured.env)
    theirs_mb = peak_mb(list(reference.argv), reference.env)
    label = (
        f"gpxpy+fitdecode parse; peak {ours_mb:.0f} MB vs {theirs_mb:.0f} MB "
        f"(target {MEMORY_TARGET_MB} MB)"
    )
    return result("import_strava", IMPORT_TARGET, ours, label, theirs)


@benchmark("reimport_strava", "the same export imported again vs the first import")
def reimport_strava(ctx: Context) -> Result:
    ctx = _limited(ctx)
    export = _export(ctx)
    first_db = ctx.workdir / "activities-first.db"
    filled = ctx.workdir / "activities-filled.db"
    first = _import_command(ctx, export, first_db, "first import", None)
    first.prepare()
    subprocess.run(list(first.argv), env=first.env, cwd=REPO_ROOT, capture_output=True, check=True)
    shutil.copyfile(first_db, filled)
    again = _import_command(ctx, export, ctx.workdir / "activities-again.db", "again", filled)
    ours, theirs = compare(ctx, again, first)
    return result("reimport_strava", REIMPORT_TARGET, ours, "first import", theirs)


@benchmark("import_folder_check", "start-up check of 2,000 known files, nothing new")
def import_folder_check(ctx: Context) -> Result:
    """The import folder's check at start-up (in a worker, after the first paint): 2,000 files
    already seen, nothing new, against listing and stat-ing the same files (the floor). Target:
    under 10 ms. In-process, CPU time (``time.process_time``), medians."""
    import datetime as dt
    import statistics
    import time

    from backjournal.store import Journal, import_folder

    folder = ctx.workdir / "import-folder-2000"
    folder.mkdir(exist_ok=True)
    for i in range(2000):
        path = folder / f"{i:04d}.fit"
        if not path.exists():
            path.write_bytes(b"not a FIT file")
    db = ctx.workdir / "import-folder.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    today = dt.date(2026, 11, 25)
    with Journal.open(db) as journal:
        import_folder.set_folder(journal, folder)
        import_folder.sync(journal, today)  # every file seen (and refused) once

        def check() -> None:
            import_folder.sync(journal, today)

        def floor() -> None:
            for entry in os.scandir(folder):
                entry.stat(follow_symlinks=False)

        samples: dict[str, list[float]] = {"check": [], "floor": []}
        for _ in range(ctx.warmup):
            check()
            floor()
        for _ in range(max(ctx.repeat, 5)):
            for name, fn in (("check", check), ("floor", floor)):
                started = time.process_time()
                fn()
                samples[name].append(time.process_time() - started)
    return Result(
        name="import_folder_check",
        median_s=statistics.median(samples["check"]),
        reference_name="scandir + stat of the folder",
        reference_median_s=statistics.median(samples["floor"]),
        target_ratio=0.0,
        target_s=0.010,
        samples=tuple(samples["check"]),
        reference_samples=tuple(samples["floor"]),
    )
