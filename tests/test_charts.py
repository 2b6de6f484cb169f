"""The chart declarations, on a recording stand-in for plotext's ``plt``."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

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


def daily(day: int, **values) -> Bucket:
    """A one-day bucket ``day`` days after Monday 2 November 2026."""
    start = dt.date(2026, 11, 2) + dt.timedelta(days=day)
    return Bucket(start, start, start.isoformat(), 1, values)


def test_distance_bars_are_in_the_unit_and_skip_rest_days():
    """Distance bars are in the user's unit at each day's position; a rest day draws no bar
    (plotext would draw a row of blocks on the axis for a bar of 0)."""
    plt = Recorder()
    draw.distance(
        plt,
        [daily(0, distance_m=16093.44), daily(1, distance_m=0.0), daily(2, distance_m=8046.72)],
        "mi",
    )
    ((bar_args, _),) = plt.named("bar")
    assert bar_args[0] == [0.0, 2.0] and [round(v, 2) for v in bar_args[1]] == [10.0, 5.0]
    assert not plt.named("plot")  # no pain line across the bars: pain has its own chart


def test_pain_breaks_lines_at_gaps_on_a_0_to_10_scale_ticked_in_twos():
    """A day without a score breaks the line; the y axis is 0-10 in steps of 2, both sides."""
    plt = Recorder()
    draw.pain(
        plt,
        [
            daily(0, back=2.0, leg=None),
            daily(1, back=None, leg=None),
            daily(2, back=4.0, leg=1.0),
            daily(3, back=5.0, leg=2.0),
        ],
    )
    lines = plt.named("plot") + plt.named("scatter")
    back = [a for a, k in lines if k.get("color") == "red"]
    assert sorted(list(a[0]) for a in back) == [[0.0], [2.0, 3.0]]  # split at the gap
    ticks = {k["yside"]: a[0] for a, k in plt.named("yticks")}
    assert ticks == {"left": [0, 2, 4, 6, 8, 10], "right": [0, 2, 4, 6, 8, 10]}


def test_weekly_load_marks_two_week_ramps_in_orange_and_spike_tiers():
    """A week up more than 10 % on the week before is not marked (the traditional 10 % rule is
    information only); a two-week ramp over 30 % is orange, never red (Nielsen 2014: a weak
    signal); a week with a spike gets its Frandsen tier's marker at the middle of its days."""
    plt = Recorder()
    buckets = [
        bucket(0, distance_m=20000.0, ramp_flags=1, two_week_flags=0, spikes=0),
        bucket(1, distance_m=30000.0, two_week_flags=1, spikes=1, spike_tier="30-100 %"),
    ]
    draw.weekly_load(plt, buckets, "km")
    bars = plt.named("bar")
    assert [k.get("color") for _, k in bars] == ["blue", "orange"]
    assert (bars[0][0], bars[1][0]) == (([3.0], [20.0]), ([10.0], [30.0]))
    (scatter_args, scatter_kwargs) = plt.named("scatter")[-1]
    assert scatter_args[0] == [10.0] and scatter_kwargs == {
        "marker": "▲",
        "color": "white",
        "label": "30-100 %",
    }
    title = plt.named("title")[-1][0][0]
    assert "red" not in title and "two-week ramp over +30 %" in title


def test_acwr_carries_its_caveat_and_never_red():
    """The ratio chart's title says the ratio is debated (Frandsen 2025) and nothing is red."""
    plt = Recorder()
    draw.acwr(plt, [bucket(i, rolling=1.0 + i / 10, ewma=1.6) for i in range(3)])
    title = plt.named("title")[-1][0][0]
    assert title == "Acute:chronic load · debated; Frandsen 2025: fewer injuries when higher"
    assert all(k.get("color") != "red" for _name, _args, k in plt.calls)


def test_acwr_draws_the_bands():
    """The ratio chart draws the 0.8, 1.3 and 1.5 band lines."""
    plt = Recorder()
    draw.acwr(plt, [bucket(i, rolling=1.0 + i / 10, ewma=1.1) for i in range(3)])
    assert sorted(a[0] for a, _ in plt.named("hline")) == [0.8, 1.3, 1.5]


def test_adherence_draws_percent_bars_over_the_pain_lines():
    """Adherence is green bars on a 0-100 axis, drawn after the pain lines (right axis) so that
    no line punches a hole in a bar; a week with nothing scheduled has no bar."""
    plt = Recorder()
    draw.adherence(
        plt,
        [
            bucket(0, pct=80.0, back=2.0, leg=1.0),
            bucket(1, pct=None, back=3.0, leg=None),
            bucket(2, pct=50.0, back=3.0, leg=None),
        ],
    )
    names = [n for n, _, _ in plt.calls if n in ("bar", "plot", "scatter")]
    assert names[-1] == "bar" and "bar" not in names[:-1]
    ((bar_args, bar_kwargs),) = plt.named("bar")
    assert (bar_args[0], bar_args[1]) == ([3.0, 17.0], [80.0, 50.0])
    assert bar_kwargs["color"] == "green" and bar_kwargs["label"] == "done % (left axis)"
    lines = plt.named("plot") + plt.named("scatter")
    assert {k["color"] for _, k in lines if k.get("label")} == {"red", "orange"}
    assert all(k.get("yside") == "right" for _, k in lines)


@pytest.mark.parametrize(
    ("top", "upper", "ticks"),
    [
        (14.0, 15, [0, 5, 10, 15]),
        (41.6, 50, [0, 10, 20, 30, 40, 50]),
        (1.61, 2, [0, 0.5, 1, 1.5, 2]),
        (0.0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (540, 600, [0, 200, 400, 600]),
    ],
)
def test_nice_scale_gives_round_even_ticks(top, upper, ticks):
    """Ticks are round and evenly spaced (never 14.0 / 11.7 / 9.3), the top at or above the data."""
    got_upper, got_ticks = draw.nice_scale(top)
    assert got_upper == pytest.approx(upper) and got_ticks == pytest.approx(ticks)


def test_every_chart_of_a_range_shares_its_x_limits_and_date_ticks():
    """Daily and weekly charts of the same 12 weeks get the same x limits and the same date
    ticks, so their axes line up; tick labels are short dates."""
    days = [daily(i, distance_m=5000.0, back=2.0, leg=1.0, left=1, right=0) for i in range(84)]
    weeks = [bucket(i, distance_m=30000.0, pct=60.0, back=2.0, leg=1.0) for i in range(12)]
    frames = []
    for declare in (
        lambda p: draw.distance(p, days, "km"),
        lambda p: draw.pain(p, days),
        lambda p: draw.weekly_load(p, weeks, "km"),
        lambda p: draw.extent_odi(p, days, []),
        lambda p: draw.adherence(p, weeks),
    ):
        plt = Recorder()
        declare(plt)
        frames.append((plt.named("xlim"), plt.named("xticks")))
    assert all(frame == frames[0] for frame in frames)
    ((limits, _),) = frames[0][0]
    assert limits == (-0.5, 83.5)
    ((positions, labels), _) = frames[0][1][0]
    assert labels[:3] == ["2 Nov", "16 Nov", "30 Nov"] and positions[:3] == [0, 14, 28]


def test_tick_labels_are_one_width_on_both_sides():
    """Every y tick label is padded to the same width, left and right, on every chart, so the
    plot areas are as wide as each other."""
    plt = Recorder()
    draw.weekly_load(plt, [bucket(0, distance_m=1e5), bucket(1, distance_m=2e4)], "km")
    draw.pain(plt, [daily(i, back=2.0) for i in range(3)])
    labels = [label for a, _ in plt.named("yticks") for label in a[1]]
    assert {len(label) for label in labels} == {draw.TICK_WIDTH}


def test_extent_title_names_oswestry_only_when_drawn():
    """Without Oswestry check-ins the extent chart neither names nor draws an Oswestry line;
    the extent axis is ticked 0-5 in whole steps."""
    plt = Recorder()
    draw.extent_odi(plt, [daily(i, left=i % 3, right=0) for i in range(5)], [])
    (title,), _ = plt.named("title")[0]
    assert "Oswestry" not in title
    assert not [k for _, k in plt.named("plot") if k.get("yside") == "right"]
    assert [a[0] for a, k in plt.named("yticks")] == [[0, 1, 2, 3, 4, 5]] * 2


@pytest.mark.parametrize(
    ("declare", "words"),
    [
        (lambda p: draw.extent_odi(p, [daily(0, left=2), daily(1, left=3)], []), "too little data"),
        (lambda p: draw.adherence(p, [bucket(0, pct=100.0, back=1.0)]), "1 week of the programme"),
        (lambda p: draw.pain(p, [daily(0, back=2.0), daily(1, back=3.0)]), "too little data"),
        (lambda p: draw.weekly_load(p, [bucket(0, distance_m=5000.0)], "km"), "2 weeks needed"),
    ],
)
def test_charts_with_too_little_data_say_so(declare, words):
    """A two-day journal's extent, one week of adherence, two pain scores or one week of load
    draw nothing: the title says what the chart waits for."""
    plt = Recorder()
    declare(plt)
    assert not plt.named("plot") and not plt.named("bar")
    (title,), _ = plt.named("title")[0]
    assert words in title


@pytest.mark.parametrize(
    ("declare", "title"),
    [
        (
            lambda p: draw.active_minutes(p, [bucket(0, minutes=90), bucket(1, minutes=0)]),
            "Active minutes: too little data yet (1 week with timed activity; 2 needed).",
        ),
        (
            lambda p: draw.active_minutes(p, []),
            "Active minutes: too little data yet (0 weeks with timed activity; 2 needed).",
        ),
        (
            lambda p: draw.psfs(
                p, [daily(0, item0=3.0, score=3.0), daily(7, item0=4.0, score=4.0)], ["run"], 2
            ),
            "PSFS: too little data for a line yet (2 check-ins; 3 needed).",
        ),
        (
            lambda p: draw.psfs(p, [daily(0, item0=3.0, score=3.0)], ["run"], 1),
            "PSFS: too little data for a line yet (1 check-in; 3 needed).",
        ),
    ],
)
def test_active_and_psfs_charts_with_too_little_data(declare, title):
    """One week of activity, or fewer than 3 PSFS check-ins: nothing drawn, the title says what
    the chart waits for, as the other charts do."""
    plt = Recorder()
    declare(plt)
    assert not plt.named("plot") and not plt.named("bar")
    assert plt.named("title")[0][0] == (title,)


def test_active_minutes_bars_per_week():
    """Two weeks with minutes (a week of 0 draws no bar): bars of the minutes, titled with what
    they add up."""
    plt = Recorder()
    draw.active_minutes(plt, [bucket(0, minutes=90), bucket(1, minutes=0), bucket(2, minutes=150)])
    assert plt.named("title")[0][0] == (
        "Active minutes per week: runs + other activity (walks, rides, swims...)",
    )
    [(args, _)] = plt.named("bar")
    assert (list(args[0]), list(args[1])) == ([3.0, 17.0], [90.0, 150.0])


def test_psfs_lines_join_the_check_ins():
    """Each activity's line joins its check-ins across the days between (no gaps), the mean in
    white; a long name is cut to 24 characters in the legend."""
    plt = Recorder()
    long = "walk the dog around the whole park"
    buckets = [daily(d) for d in range(15)]
    for d, (a, b) in {0: (2.0, 6.0), 7: (3.0, None), 14: (5.0, 8.0)}.items():
        buckets[d].values.update(item0=a, item1=b, score=a if b is None else (a + b) / 2)
    draw.psfs(plt, buckets, ["run 10 km", long], 3)
    lines = {k["label"]: (a[0], a[1]) for a, k in plt.named("plot")}
    assert lines == {
        "run 10 km": ([0.0, 7.0, 14.0], [2.0, 3.0, 5.0]),
        "walk the dog around the…": ([0.0, 14.0], [6.0, 8.0]),
        "mean": ([0.0, 7.0, 14.0], [4.0, 3.0, 6.5]),
    }
    assert [k["color"] for _, k in plt.named("plot")] == ["cyan", "magenta", "white"]


def test_legends_name_no_axis_with_l_or_reversed_l():
    """plotext's L and ⅃ legend marks are replaced by blanks; the legends say "left axis" and
    "right axis" in words."""
    import plotext._utility as ut

    from backjournal.charts.stable import stable_plotext

    stable_plotext()
    assert set(ut.side_symbols.values()) == {" "}


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
              "ramp_flags": i % 9 == 0, "spikes": i % 13 == 0}
    buckets.append(Bucket(day, day + dt.timedelta(days=2), day.isoformat(), 3, values))
for declare in (draw.distance, draw.weekly_load):
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


def test_flare_ups_are_shaded_behind_the_pain_lines():
    """Issue #17: each flare-up of the range is a shaded span (░, gray, "flare-up" in the legend
    once) from its first day to the end of its last, drawn before the pain lines."""
    plt = Recorder()
    days = [daily(i, back=3.0, leg=1.0) for i in range(10)]
    flares = [
        (dt.date(2026, 11, 3), dt.date(2026, 11, 5)),
        (dt.date(2026, 11, 8), dt.date(2026, 11, 8)),
    ]
    draw.pain(plt, days, flares=flares)
    shaded = [(a, k) for a, k in plt.named("plot") if k.get("fillx")]
    assert [(list(a[0]), list(a[1])) for a, _ in shaded] == [
        ([1, 3.999], [10, 10]),
        ([6, 6.999], [10, 10]),
    ]
    assert [k["label"] for _, k in shaded] == ["flare-up", None]
    assert {(k["marker"], k["color"]) for _, k in shaded} == {("░", "gray")}
    first_line = next(i for i, (_, _, k) in enumerate(plt.calls) if k.get("color") == "red")
    assert all(i < first_line for i, (_, _, k) in enumerate(plt.calls) if k.get("fillx"))


def test_flare_spans_are_clipped_to_the_range():
    """An open flare-up runs to the range's end; one before or after the range is left out; one
    that began before the range starts at its first day."""
    from backjournal.domain.trends import flare_spans

    first, last = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    spans = flare_spans(
        [
            ("2026-10-01", "2026-10-31"),  # ends the day before: out
            ("2026-10-25", "2026-11-01"),  # ends on the first day: that day
            ("2026-11-10", "2026-11-12"),
            ("2026-11-28", None),  # open
            ("2026-12-01", None),  # after: out
        ],
        first,
        last,
    )
    assert spans == (
        (dt.date(2026, 11, 1), dt.date(2026, 11, 1)),
        (dt.date(2026, 11, 10), dt.date(2026, 11, 12)),
        (dt.date(2026, 11, 28), dt.date(2026, 11, 30)),
    )
