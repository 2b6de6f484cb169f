"""The Trends screen (issue #5): opening it with ten years against one year, and redraws.

* ``trends_open``: the app started on Trends until every chart is drawn, ten-year demo journal
  against a one-year one in the same run. Target: at most 1.2 times (the cost must not grow with
  history).
* ``trends_redraw``: a resize, and a range change, until their frame, at 120x40 on the ten-year
  journal. Target: under 150 ms (the issue's bound); the reference column shows the one-year
  journal's figure.
"""

from __future__ import annotations

import json
import statistics
import subprocess

from benchmarks.common import Context, Result, benchmark, make_demo_journal, python_command

OPEN_TARGET = 1.2
REDRAW_TARGET_S = 0.150


def _probe(ctx: Context, db) -> dict[str, list[float]]:
    argv = python_command("-m", "benchmarks.trends_probe", "--db", str(db))
    out = subprocess.run(argv, env=ctx.env(db), capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _journals(ctx: Context):
    ten = ctx.fresh_copy("trends-10y.db")
    one = ctx.workdir / "trends-1y.db"
    if not one.exists():
        make_demo_journal(one, 1)
    return ten, one


@benchmark("trends_open", "the app started on Trends until every chart is drawn, 10 vs 1 year")
def trends_open(ctx: Context) -> Result:
    ten, one = _journals(ctx)
    measured, reference = [], []
    for _ in range(max(1, ctx.repeat // 2)):
        measured += _probe(ctx, ten)["open"]
        reference += _probe(ctx, one)["open"]
    return Result(
        name="trends_open",
        median_s=statistics.median(measured),
        reference_name="one-year journal",
        reference_median_s=statistics.median(reference),
        target_ratio=OPEN_TARGET,
        samples=tuple(measured),
        reference_samples=tuple(reference),
    )


@benchmark("trends_redraw", "a resize or a range change on Trends until its frame, ten years")
def trends_redraw(ctx: Context) -> Result:
    ten, one = _journals(ctx)
    measured, reference = [], []
    for _ in range(max(1, ctx.repeat // 3)):
        big = _probe(ctx, ten)
        small = _probe(ctx, one)
        measured += big["resize"] + big["range"]
        reference += small["resize"] + small["range"]
    return Result(
        name="trends_redraw",
        median_s=max(statistics.median(measured), 0.0),
        reference_name="one-year journal",
        reference_median_s=statistics.median(reference),
        target_ratio=float("inf"),
        target_s=REDRAW_TARGET_S,
        samples=tuple(measured),
        reference_samples=tuple(reference),
    )
