"""Data in and out (issue #6): exporting the ten-year journal to CSV, and importing that export.

* ``export_csv``: ``backjournal export csv`` of every table plus daily.csv, against Python's csv
  module writing the same rows from one plain query per file. Target: at most 1.3 times as long.
* ``import_csv``: importing that export into an empty journal (every row checked with the domain's
  rules, written in one transaction), against the export. Target: at most 3 times as long.

Both are the work itself, timed inside one process by :mod:`benchmarks.exchange_probe` (both
sides interleaved, journals opened before the clock starts): interpreter start-up, the same for
any command, is what ``quick_entry`` measures.
"""

from __future__ import annotations

import json
import subprocess

from benchmarks.common import REPO_ROOT, Context, Result, Samples, benchmark, python_command, result

EXPORT_TARGET = 1.3
IMPORT_TARGET = 3.0


def _probe(ctx: Context, what: str) -> tuple[Samples, Samples]:
    db = ctx.fresh_copy(f"exchange-{what}.db")
    argv = python_command(
        "-m",
        "benchmarks.exchange_probe",
        what,
        "--db",
        str(db),
        "--workdir",
        str(ctx.workdir / f"exchange-{what}"),
        "--repeat",
        str(ctx.repeat),
        "--warmup",
        str(max(ctx.warmup, 1)),
    )
    proc = subprocess.run(argv, env=ctx.env(db), cwd=REPO_ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.strip() or proc.stdout}")
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    return Samples(times["measured"]), Samples(times["reference"])


@benchmark("export_csv", "export csv of the ten-year journal vs csv.writer of the same rows")
def export_csv(ctx: Context) -> Result:
    measured, reference = _probe(ctx, "export")
    return result("export_csv", EXPORT_TARGET, measured, "csv.writer, plain query", reference)


@benchmark("import_csv", "import csv of that export into an empty journal vs the export")
def import_csv(ctx: Context) -> Result:
    measured, reference = _probe(ctx, "import")
    return result("import_csv", IMPORT_TARGET, measured, "export csv", reference)
