"""The Trends charts: distance, pain, active minutes with pain, weekly load (distance or effort x
minutes) with its two-week ramps and spikes, the acute:chronic workload ratio with its bands and
caveat, how far down the leg symptoms reach with the Oswestry score, the PSFS activities, and
exercise adherence with pain.

Each function declares one figure on ``plt`` (plotext's API, as textual-plotext's ``plt``
offers it) from :class:`~backjournal.domain.aggregate.Bucket` lists. Whoever draws them calls
:func:`backjournal.charts.stable.stable_plotext` first, so that plotext draws them the same in
every process.

What keeps the charts readable, one stacked under the other (issue #15):

* **One x for every chart: days since the range's first day.** A bucket sits at the middle of
  its days and a bar is as wide as most of them, so a weekly bar stands under the days it sums;
  every chart gets the same x limits and the same date ticks, and the date ticks fall on the
  same columns in every chart.
* **The same margins everywhere**: y tick labels are padded to one width on both sides, and a
  chart with one y axis repeats it on the right, so the plot areas are as wide as each other.
* **Round y ticks** (0 / 5 / 10 / 15, never 14.0 / 11.7 / 9.3); pain is ticked 0-10 in twos,
  extent 0-5 in ones, percentages in twenties.
* **Axes named in words** in the legend ("back pain (right axis)"), not plotext's ``L`` and
  ``⅃`` marks, which common fonts lack.
* **No line drawn across bars**: distance and pain are two charts; on adherence the pain lines
  are drawn first, so the bars stay whole.
* **Too little data is said, not drawn**: a line needs points on :data:`MIN_LINE_POINTS`
  buckets, weekly bars :data:`MIN_WEEKS` weeks; otherwise the chart's title says what it waits
  for.

Missing values (None) break a line rather than drawing it to zero.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from backjournal.domain.load import ACWR_BANDS
from backjournal.domain.parse import metres_to_unit

MAX_TICKS = 7
TICK_WIDTH = 5  # characters of every y tick label, on both sides: equal plot widths
MIN_LINE_POINTS = 3  # buckets with a value before a line is drawn
MIN_WEEKS = 2  # buckets before weekly (or coarser) bars are drawn
BAR_SHARE = 0.6  # of a bucket's days that its bar covers
HEADROOM = 1.3  # room above the highest bar for the legend, which plotext puts top left

GRAIN_WORDS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}


# --- scales and frames ---------------------------------------------------------------------------


def nice_scale(top: float, max_steps: int = 5) -> tuple[float, list[float]]:
    """An upper limit at or above ``top`` and round ticks from 0 to it: steps of 1, 2, 2.5 or 5
    times a power of ten, at most ``max_steps`` of them (``14`` -> 15 by 5s)."""
    if not top or top <= 0 or not math.isfinite(top):
        top = 1.0
    magnitude = 10 ** math.floor(math.log10(top / max_steps))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if math.ceil(top / step - 1e-9) <= max_steps:
            break
    upper = step * math.ceil(top / step - 1e-9)
    count = round(upper / step)
    return upper, [round(step * i, 10) for i in range(count + 1)]


def _label(value: float) -> str:
    text = f"{value:g}" if value == int(value) else f"{value:.1f}"
    return text


def _yaxis(plt, upper: float, ticks: Sequence[float], yside: str) -> None:
    """Limits 0..upper and the ticks, labels padded to :data:`TICK_WIDTH` on either side."""
    plt.ylim(0, upper, yside=yside)
    pad = str.rjust if yside == "left" else str.ljust
    plt.yticks(list(ticks), [pad(_label(t), TICK_WIDTH) for t in ticks], yside=yside)


def _span(buckets: Sequence) -> tuple[dt.date, int]:
    """The range's first day and its length in days, from the buckets that cover it."""
    first = buckets[0].start
    return first, (buckets[-1].end - first).days + 1


def _xs(buckets: Sequence, first: dt.date | None = None) -> list[float]:
    """Each bucket's position: the middle of its days, counted from the range's first day
    (``first``; by default the first bucket's)."""
    first = first or buckets[0].start
    return [((b.start - first).days + (b.end - first).days) / 2 for b in buckets]


def date_ticks(first: dt.date, days: int) -> list[tuple[float, str]]:
    """At most :data:`MAX_TICKS` dates across the range, on round days, as (x, label).

    Up to about four months, every k weeks from the first day (``14 Sep``); up to about two
    years, month starts (``Sep 2026``); beyond, year starts (``2026``). A function of the range
    only, so that every chart of the screen gets the same ticks at the same columns.
    """
    last = first + dt.timedelta(days=days - 1)
    if days <= 130:
        step = 7 * max(1, math.ceil(days / 7 / MAX_TICKS))
        if days <= 14:
            step = max(1, math.ceil(days / MAX_TICKS))
        dates = [first + dt.timedelta(days=d) for d in range(0, days, step)]
        return [((d - first).days, f"{d.day} {d:%b}") for d in dates]
    if days <= 800:
        months = []
        d = dt.date(first.year, first.month, 1)
        while d <= last:
            if d >= first:
                months.append(d)
            d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
        every = max(1, math.ceil(len(months) / MAX_TICKS))
        return [((d - first).days, f"{d:%b %Y}") for d in months[::every]]
    years = [dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
    if first.month == 1 and first.day == 1:
        years.insert(0, first)
    every = max(1, math.ceil(len(years) / MAX_TICKS))
    return [((d - first).days, str(d.year)) for d in years[::every]]


def _frame(plt, title: str) -> None:
    plt.clear_figure()
    plt.title(title)


def _x_axis(plt, buckets: Sequence) -> None:
    """The shared x: limits and date ticks for the range the buckets cover (declared last:
    plotext's bars set ticks of their own)."""
    first, days = _span(buckets)
    plt.xlim(-0.5, days - 0.5)
    ticks = date_ticks(first, days)
    plt.xticks([x for x, _ in ticks], [label for _, label in ticks])


def _mirror(plt, upper: float, ticks: Sequence[float]) -> None:
    """Repeat the left axis on the right (a blank point holds the right axis open), so that a
    chart with one axis is as wide as one with two."""
    plt.scatter([0], [0], marker=" ", yside="right")
    _yaxis(plt, upper, ticks, "left")
    _yaxis(plt, upper, ticks, "right")


def _segments(xs: Sequence[float], values: Sequence[float | None]):
    """Runs of consecutive values that are not None, as (xs, ys)."""
    out: list[tuple[list[float], list[float]]] = []
    seg_x: list[float] = []
    seg_y: list[float] = []
    for x, y in zip(xs, values, strict=True):
        if y is None:
            if seg_x:
                out.append((seg_x, seg_y))
                seg_x, seg_y = [], []
            continue
        seg_x.append(x)
        seg_y.append(float(y))
    if seg_x:
        out.append((seg_x, seg_y))
    return out


def _line(plt, xs, values, *, label: str, color: str, yside: str = "left") -> None:
    first = True
    for seg_x, seg_y in _segments(xs, values):
        if len(seg_x) == 1:
            plt.scatter(seg_x, seg_y, label=label if first else None, color=color, yside=yside)
        else:
            plt.plot(seg_x, seg_y, label=label if first else None, color=color, yside=yside)
        first = False


def points(buckets: Sequence, *keys: str) -> int:
    """How many buckets hold a value for any of ``keys``."""
    return sum(1 for b in buckets if any(b.values.get(k) is not None for k in keys))


def empty(plt, message: str) -> None:
    """A chart that has nothing to draw says why, in its title."""
    plt.clear_figure()
    plt.title(message)


def _bars(plt, buckets, values, *, color: str, label: str | None = None) -> None:
    """Bars at the buckets' middles, :data:`BAR_SHARE` of a bucket's days wide, for the values
    above zero (plotext draws a bar of 0 as a row of blocks on the axis)."""
    days = [b.days for b in buckets]
    span = BAR_SHARE * (sum(days) / len(days))  # in days
    drawn = [(x, v) for x, v in zip(_xs(buckets), values, strict=True) if v and v > 0]
    if not drawn:
        return
    xs = [x for x, _ in drawn]
    # plotext's width is a share of the mean gap between the bars it is given.
    gap = (xs[-1] - xs[0]) / (len(xs) - 1) if len(xs) > 1 and xs[-1] > xs[0] else 1.0
    plt.bar(xs, [v for _, v in drawn], color=color, width=span / gap, label=label)


# --- the charts ----------------------------------------------------------------------------------


def distance(plt, buckets: Sequence, units: str, grain: str = "day") -> None:
    """Distance per day (or per bucket of ``grain``) as bars."""
    if not buckets:
        return empty(plt, "No days in this range.")
    _frame(plt, f"Distance ({units}) per {GRAIN_WORDS.get(grain, grain)}")
    values = [metres_to_unit(b.values.get("distance_m") or 0.0, units) for b in buckets]
    upper, ticks = nice_scale(max(values))
    _mirror(plt, upper, ticks)
    _bars(plt, buckets, values, color="blue")
    _x_axis(plt, buckets)


def pain(plt, buckets: Sequence, grain: str = "day", flares: Sequence = ()) -> None:
    """Back and leg pain, 0-10: each day's worst score (a bucket: the mean of its days'). The
    flare-ups (``(first day, last day)`` within the range) are shaded behind the lines, in a
    pattern that reads without colour (issue #17)."""
    if points(buckets, "back", "leg") < MIN_LINE_POINTS:
        found = points(buckets, "back", "leg")
        return empty(
            plt,
            f"Pain: too little data for a line yet ({found} {_plural(grain, found)} with a "
            f"score; {MIN_LINE_POINTS} needed).",
        )
    each = "each day's worst score" if grain == "day" else f"mean per {grain} of each day's worst"
    _frame(plt, f"Pain (0-10): {each}")
    xs = _xs(buckets)
    _mirror(plt, 10, range(0, 11, 2))
    first = buckets[0].start
    for i, (lo, hi) in enumerate(flares):  # drawn first: the pain lines stay whole on top
        x0, x1 = (lo - first).days, (hi - first).days + 0.999
        plt.plot(
            [x0, x1],
            [10, 10],
            fillx=True,
            marker=FLARE_MARKER,
            color="gray",
            label="flare-up" if i == 0 else None,
        )
    _line(plt, xs, [b.values.get("back") for b in buckets], label="back pain", color="red")
    _line(plt, xs, [b.values.get("leg") for b in buckets], label="leg pain", color="orange")
    _x_axis(plt, buckets)


FLARE_MARKER = "░"  # a flare-up's days on the pain chart

SPIKE_MARKERS = {"10-30 %": "△", "30-100 %": "▲", "over 100 %": "◆"}


def weekly_load(
    plt, buckets: Sequence, units: str, grain: str = "week", mode: str = "distance"
) -> None:
    """Weekly distance. Weeks more than 30 % above the week two weeks before (the two-week ramp,
    Nielsen 2014: a weak signal) in orange, never red; the week-to-week change (the traditional
    10 % rule) is not marked at all. A week holding a single-run spike (Frandsen 2025: a run more
    than 10 % longer than the longest of the 30 days before) gets its tier's marker above the bar:
    △ 10-30 %, ▲ 30-100 %, ◆ over 100 % (the largest of the week).

    With ``mode`` "srpe" the bars are the load by effort (effort x minutes of runs and other
    activity, AU) and the ramps are of that load; the spikes stay distance-based."""
    if len(buckets) < MIN_WEEKS:
        what = "Weekly load by effort" if mode == "srpe" else "Weekly distance"
        return empty(plt, f"{what}: too little data yet ({MIN_WEEKS} weeks needed).")
    each = GRAIN_WORDS.get(grain, grain)
    if mode == "srpe":
        _frame(plt, f"Effort x min (AU) per {each} · orange: two-week ramp over +30 % · △▲◆ spike")
        values = [float(b.values.get("load") or 0.0) for b in buckets]
    else:
        _frame(plt, f"Distance ({units}) per {each} · orange: two-week ramp over +30 % · △▲◆ spike")
        values = [metres_to_unit(b.values.get("distance_m") or 0.0, units) for b in buckets]
    flagged = [bool(b.values.get("two_week_flags")) for b in buckets]
    tiers = {
        tier: [b for b in buckets if b.values.get("spike_tier") == tier] for tier in SPIKE_MARKERS
    }
    spiked = any(tiers.values())
    top = max(values)
    upper, ticks = nice_scale(top * HEADROOM if any(flagged) or spiked else top)
    _mirror(plt, upper, ticks)
    calm = [v if not f else 0.0 for v, f in zip(values, flagged, strict=True)]
    _bars(plt, buckets, calm, color="blue")
    if any(flagged):
        hot = [v if f else 0.0 for v, f in zip(values, flagged, strict=True)]
        _bars(plt, buckets, hot, color="orange", label="two-week ramp")
    for tier, marker in SPIKE_MARKERS.items():
        if tiers[tier]:
            at = _xs(tiers[tier], buckets[0].start)
            plt.scatter(at, [top * 1.08 for _ in at], marker=marker, color="white", label=tier)
    _x_axis(plt, buckets)


def acwr(plt, buckets: Sequence) -> None:
    """The acute:chronic workload ratio, rolling and EWMA, with the band lines 0.8, 1.3, 1.5 in
    grey and the caveat in the title: debated, and never a red verdict."""
    if points(buckets, "rolling", "ewma") < MIN_LINE_POINTS:
        return empty(plt, "Acute:chronic load appears after 28 days of history.")
    _frame(plt, "Acute:chronic load · debated; Frandsen 2025: fewer injuries when higher")
    rolling = [b.values.get("rolling") for b in buckets]
    ewma = [b.values.get("ewma") for b in buckets]
    top = max([v for v in rolling + ewma if v is not None] + [1.6])
    upper, ticks = nice_scale(top)
    _mirror(plt, upper, ticks)
    for limit, _name in ACWR_BANDS:
        plt.hline(limit, color="gray")
    xs = _xs(buckets)
    _line(plt, xs, rolling, label="rolling 7/28", color="cyan")
    _line(plt, xs, ewma, label="EWMA", color="magenta")
    _x_axis(plt, buckets)


def extent_odi(plt, extent: Sequence, odi: Sequence) -> None:
    """How far down each leg symptoms reach (0-5, left axis) and, when there is one, the
    Oswestry score (0-100, right axis). The title names the Oswestry line only when it is drawn."""
    extent_points = points(extent, "left", "right")
    odi_points = points(odi, "score") if odi else 0
    if extent_points < MIN_LINE_POINTS and odi_points < MIN_LINE_POINTS:
        return empty(
            plt,
            f"Extent: too little data for a trend yet ({extent_points} with a body map, "
            f"{odi_points} Oswestry check-ins; {MIN_LINE_POINTS} needed).",
        )
    with_odi = odi_points >= MIN_LINE_POINTS
    title = "How far down the leg (0 none ... 5 foot)"
    _frame(plt, title + (" and Oswestry (%)" if with_odi else ""))
    xs = _xs(extent)
    if with_odi:
        _yaxis(plt, 5, range(6), "left")
        _yaxis(plt, 100, range(0, 101, 20), "right")
        _line(
            plt,
            _xs(odi, extent[0].start),
            [b.values.get("score") for b in odi],
            label="Oswestry % (right axis)",
            color="white",
            yside="right",
        )
    else:
        _mirror(plt, 5, range(6))
    side = " (left axis)" if with_odi else ""
    _line(plt, xs, [b.values.get("left") for b in extent], label=f"left leg{side}", color="yellow")
    _line(plt, xs, [b.values.get("right") for b in extent], label=f"right leg{side}", color="green")
    _x_axis(plt, extent)


def adherence(plt, buckets: Sequence) -> None:
    """Exercise adherence per week (bars, 0-100 %, left axis) against the mean of the days' worst
    back and leg pain (lines, 0-10, right axis). The lines are drawn first: the bars stay whole."""
    weeks = points(buckets, "pct")
    if weeks < MIN_WEEKS:
        return empty(
            plt,
            f"Exercises: too little data yet ({weeks} {_plural('week', weeks)} of the "
            f"programme; {MIN_WEEKS} needed).",
        )
    _frame(plt, "Exercises done (% of the programme) and pain (0-10)")
    # Ticks to 100 % and to 10, with room above them for the legend.
    _yaxis(plt, 100 * HEADROOM, range(0, 101, 20), "left")
    _yaxis(plt, 10 * HEADROOM, range(0, 11, 2), "right")
    xs = _xs(buckets)
    back = [b.values.get("back") for b in buckets]
    leg = [b.values.get("leg") for b in buckets]
    _line(plt, xs, back, label="back pain (right axis)", color="red", yside="right")
    _line(plt, xs, leg, label="leg pain (right axis)", color="orange", yside="right")
    # Weeks with nothing scheduled get no bar (not a bar of 0 %, which would read as skipped).
    pct = [b.values.get("pct") for b in buckets]
    _bars(plt, buckets, pct, color="green", label="done % (left axis)")
    _x_axis(plt, buckets)


def active_minutes(plt, buckets: Sequence, grain: str = "week") -> None:
    """Active minutes per week (or coarser) as bars: timed runs and other activity. Shown right
    under the pain chart, on the same x, rather than with pain lines across its bars."""
    weeks = sum(1 for b in buckets if b.values.get("minutes"))
    if weeks < MIN_WEEKS:
        return empty(
            plt,
            f"Active minutes: too little data yet ({weeks} {_plural(grain, weeks)} with timed "
            f"activity; {MIN_WEEKS} needed).",
        )
    each = GRAIN_WORDS.get(grain, grain)
    _frame(plt, f"Active minutes per {each}: runs + other activity (walks, rides, swims...)")
    minutes = [float(b.values.get("minutes") or 0) for b in buckets]
    upper, ticks = nice_scale(max(minutes))
    _mirror(plt, upper, ticks)
    _bars(plt, buckets, minutes, color="green")
    _x_axis(plt, buckets)


PSFS_COLORS = ("cyan", "magenta", "yellow", "green", "blue")


def _joined(plt, xs, values, label: str, color: str) -> None:
    """One line through the points that have a value, however far apart."""
    drawn = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
    if drawn:
        _line(plt, [x for x, _ in drawn], [v for _, v in drawn], label=label, color=color)


PSFS_LABEL = 24  # characters of an activity's name in the legend


def psfs(plt, buckets: Sequence, names: Sequence[str], checkins: int) -> None:
    """Each PSFS activity's rating, 0 (unable) to 10 (as before the problem), over the check-ins,
    and their mean (the score, Stratford 1995) in white. ``names`` are the user's words: the
    caller makes them safe to show."""
    found = points(buckets, "score")
    if found < MIN_LINE_POINTS:
        return empty(
            plt,
            f"PSFS: too little data for a line yet ({checkins} {_plural('check-in', checkins)}; "
            f"{MIN_LINE_POINTS} needed).",
        )
    _frame(plt, "PSFS: each activity 0 (unable) to 10 (as before); white: the mean")
    _mirror(plt, 10, range(0, 11, 2))
    xs = _xs(buckets)
    # Check-ins are weeks apart: each line joins them (a day without one is not a gap in it).
    for k, name in enumerate(names):
        label = name if len(name) <= PSFS_LABEL else name[: PSFS_LABEL - 1] + "…"
        _joined(plt, xs, [b.values.get(f"item{k}") for b in buckets], label, PSFS_COLORS[k % 5])
    _joined(plt, xs, [b.values.get("score") for b in buckets], "mean", "white")
    _x_axis(plt, buckets)


def _plural(word: str, count: int) -> str:
    return word if count == 1 else f"{word}s"
