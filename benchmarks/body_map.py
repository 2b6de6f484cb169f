"""Body map redraw (issue #3): a key press on the map until its frame, ten-year journal.

Target: under 50 ms per key press on a 2-core machine (the issue's bound). The reference is a
hello-world app whose key press changes one Static, measured the same way in the same run: the
ratio shows what the map costs over the least a Textual redraw costs.
"""

from __future__ import annotations

import json
import statistics
import subprocess

from benchmarks.common import Context, Result, benchmark, python_command

TARGET_S = 0.050
REFERENCE = "hello-world key redraw"


def _samples(ctx: Context, app: str) -> list[float]:
    db = ctx.fresh_copy("redraw.db")
    argv = python_command("-m", "benchmarks.redraw", "--app", app, "--db", str(db))
    out = subprocess.run(argv, env=ctx.env(db), capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@benchmark("body_map_redraw", "a key press on the body map until its frame (arrows, digits)")
def body_map_redraw(ctx: Context) -> Result:
    measured: list[float] = []
    reference: list[float] = []
    for _ in range(max(1, ctx.repeat // 3)):
        measured += _samples(ctx, "body-map")
        reference += _samples(ctx, "hello")
    return Result(
        name="body_map_redraw",
        median_s=statistics.median(measured),
        reference_name=REFERENCE,
        reference_median_s=statistics.median(reference),
        target_ratio=float("inf"),
        target_s=TARGET_S,
        samples=tuple(measured),
        reference_samples=tuple(reference),
    )
