"""The chart declarations, on a recording stand-in for plotext's ``plt``."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from backjournal.charts import trends as draw
from backjournal.domain.aggregate import Bucket


class Recorder:
    """Records every plotext call as (name, args, kwargs)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name):
        def call(*args, **kwargs):
            self.calls.append((name, args, kwargs))

        return call

    def named(self, name: str) -> list[tuple[tuple, dict]]:
        return [(a, k) for n, a, k in self.calls if n == name]


def bucket(day: int, **values) -> Bucket:
    start = dt.date(2026, 11, 2) + dt.timedelta(days=7 * day)
    return Bucket(start, start + dt.timedelta(days=6), start.isoformat(), 7, values)


def test_pain_mileage_draws_bars_in_the_unit_and_breaks_lines_at_gaps():
    """Distance bars are in the user's unit; a week without pain scores breaks the line."""
    plt = Recorder()
    buckets = [
        bucket(0, distance_m=16093.44, back=2.0, leg=None),
        bucket(1, distance_m=0.0, back=None, leg=None),
        bucket(2, distance_m=8046.72, back=4.0, leg=1.0),
        bucket(3, distance_m=8046.72, back=5.0, leg=2.0),
    ]
    draw.pain_mileage(plt, buckets, "mi")
    ((bar_args, _),) = plt.named("bar")
    assert [round(v, 2) for v in bar_args[1]] == [10.0, 0.0, 5.0, 5.0]
    lines = plt.named("plot") + plt.named("scatter")
    back = [a for a, k in lines if k.get("color") == "red"]
    assert sorted(list(a[0]) for a in back) == [[0], [2, 3]]  # split at the gap
    assert all(k.get("yside") == "right" for a, k in lines)


def test_weekly_load_marks_two_week_ramps_and_spike_tiers():
    """Only a two-week ramp over +30 % colours a bar, and orange, never red; a week-to-week ramp
    over +10 % is not marked; a spike gets its Frandsen tier's marker."""
    plt = Recorder()
    buckets = [
        bucket(0, distance_m=20000.0, ramp_flags=1, two_week_flags=0, spikes=0, spike_tier=None),
        bucket(
            1, distance_m=30000.0, ramp_flags=1, two_week_flags=1, spikes=1, spike_tier="30-100 %"
        ),
        bucket(
            2, distance_m=22000.0, ramp_flags=0, two_week_flags=0, spikes=1, spike_tier="10-30 %"
        ),
    ]
    draw.weekly_load(plt, buckets, "km")
    bars = plt.named("bar")
    assert [k.get("color") for _, k in bars] == ["blue", "orange"]
    assert bars[0][0][1] == [20.0, 0.0, 22.0] and bars[1][0][1] == [0.0, 30.0, 0.0]
    markers = {k["marker"]: a[0] for a, k in plt.named("scatter")}
    assert markers == {"△": [2], "▲": [1]}
    assert all(k.get("color") != "red" for _, k in plt.named("scatter"))


def test_acwr_draws_the_bands_in_grey_with_the_caveat():
    """The ratio chart draws the 0.8, 1.3 and 1.5 band lines, grey, never red, and its title
    carries the caveat."""
    plt = Recorder()
    draw.acwr(plt, [bucket(0, rolling=1.0, ewma=1.1), bucket(1, rolling=1.4, ewma=1.3)])
    hlines = plt.named("hline")
    assert sorted(a[0] for a, _ in hlines) == [0.8, 1.3, 1.5]
    assert all(k.get("color") == "gray" for _, k in hlines)
    ((title, _),) = plt.named("title")
    assert "debated" in title[0] and "Frandsen 2025" in title[0]


def test_adherence_draws_percent_bars_and_pain_lines():
    """Adherence is green bars on a 0-100 axis; back and leg pain are lines on the right axis."""
    plt = Recorder()
    draw.adherence(
        plt,
        [bucket(0, pct=80.0, back=2.0, leg=1.0), bucket(1, pct=None, back=3.0, leg=None)],
    )
    ((bar_args, bar_kwargs),) = plt.named("bar")
    # the week with nothing scheduled has no bar, rather than a bar of 0 %
    assert (bar_args[0], bar_args[1]) == ([0], [80.0]) and bar_kwargs["color"] == "green"
    assert ((0, 100), {}) in plt.named("ylim")
    lines = plt.named("plot") + plt.named("scatter")
    assert {k["color"] for _, k in lines} == {"red", "orange"}
    assert all(k.get("yside") == "right" for _, k in lines)


def test_charts_import_neither_textual_nor_sql():
    """The chart module is pure: no Textual, sqlite3 or plotext import of its own."""
    code = (
        "import sys, backjournal.charts.trends;"
        "print(sorted(m for m in ('textual', 'sqlite3', 'sqlite_utils', 'plotext') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


DRAW_IN_A_FRESH_PROCESS = """
import datetime as dt
from plotext._figure import _figure_class as Figure
from backjournal.charts import trends as draw
from backjournal.tui.screens import trends  # the screen makes plotext's drawing repeatable
from backjournal.domain.aggregate import Bucket
start = dt.date(2025, 12, 1)
buckets = []
for i in range(104):
    day = start + dt.timedelta(days=3 * i)
    values = {"distance_m": 1000.0 * (i * 37 % 23), "back": (i * 7 % 11) % 10, "leg": (i * 5 % 9),
              "ramp_flags": i % 9 == 0, "two_week_flags": i % 9 == 0, "spikes": i % 13 == 0,
              "spike_tier": "10-30 %" if i % 13 == 0 else None}
    buckets.append(Bucket(day, day + dt.timedelta(days=2), day.isoformat(), 3, values))
for declare in (draw.pain_mileage, draw.weekly_load):
    plt = Figure()
    declare(plt, buckets, "km")
    plt.plotsize(116, 15)
    print(plt.build())
"""


def test_a_chart_draws_the_same_in_every_process():
    """The same chart, drawn where the Trends screen draws it, is the same cell for cell whatever
    the process's hash seed (plotext de-duplicated ticks and points through a set, whose order
    follows string hashes: tick labels moved a column from run to run)."""
    outputs = set()
    for seed in ("0", "1", "3", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", DRAW_IN_A_FRESH_PROCESS],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
