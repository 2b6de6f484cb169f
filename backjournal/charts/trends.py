"""The Trends charts: pain against mileage, weekly load with its two-week ramps and spikes, the
acute:chronic workload ratio with its bands and caveat, how far down the leg symptoms reach with
the Oswestry score, and exercise adherence with pain.

Each function declares one figure on ``plt`` (plotext's API, as textual-plotext's ``plt``
offers it) from :class:`~backjournal.domain.aggregate.Bucket` lists. Bars and lines share one
numeric x (the bucket index) with labelled ticks, as plotext needs for both on one chart. Missing
values (None) break a line rather than drawing it to zero. Whoever draws them calls
:func:`backjournal.charts.stable.stable_plotext` first, so that plotext draws them the same in
every process.
"""

from __future__ import annotations

from collections.abc import Sequence

from backjournal.domain.load import ACWR_BANDS
from backjournal.domain.parse import metres_to_unit

MAX_TICKS = 7


def _ticks(plt, buckets: Sequence) -> None:
    count = len(buckets)
    if not count:
        return
    step = max(1, round(count / MAX_TICKS))
    positions = list(range(0, count, step))
    plt.xticks(positions, [buckets[i].label for i in positions])


def _segments(values: Sequence[float | None]) -> list[tuple[list[int], list[float]]]:
    """Runs of consecutive values that are not None, as (xs, ys)."""
    out: list[tuple[list[int], list[float]]] = []
    xs: list[int] = []
    ys: list[float] = []
    for x, y in enumerate(values):
        if y is None:
            if xs:
                out.append((xs, ys))
                xs, ys = [], []
            continue
        xs.append(x)
        ys.append(float(y))
    if xs:
        out.append((xs, ys))
    return out


def _line(plt, values, *, label: str, color: str, yside: str = "left") -> None:
    first = True
    for xs, ys in _segments(values):
        if len(xs) == 1:
            plt.scatter(xs, ys, label=label if first else None, color=color, yside=yside)
        else:
            plt.plot(xs, ys, label=label if first else None, color=color, yside=yside)
        first = False


def _start(plt, title: str) -> None:
    plt.clear_figure()
    plt.title(title)


def pain_mileage(plt, buckets: Sequence, units: str) -> None:
    """Distance as bars (left axis), back and leg pain as lines (right axis, 0-10)."""
    _start(plt, f"Distance ({units}) and pain (0-10)")
    xs = list(range(len(buckets)))
    distance = [metres_to_unit(b.values.get("distance_m") or 0.0, units) for b in buckets]
    plt.bar(xs, distance, label=f"distance {units}", color="blue", width=0.6)
    _line(
        plt, [b.values.get("back") for b in buckets], label="back pain", color="red", yside="right"
    )
    _line(
        plt, [b.values.get("leg") for b in buckets], label="leg pain", color="orange", yside="right"
    )
    plt.ylim(0, 10, yside="right")
    _ticks(plt, buckets)


SPIKE_MARKERS = {"10-30 %": "△", "30-100 %": "▲", "over 100 %": "◆"}


def weekly_load(plt, buckets: Sequence, units: str) -> None:
    """Weekly distance. Weeks more than 30 % above the week two weeks before (the two-week ramp,
    Nielsen 2014: a weak signal) in orange, never red; the week-to-week change (the traditional
    10 % rule) is not marked at all. A week holding a single-run spike (Frandsen 2025: a run more
    than 10 % longer than the longest of the 30 days before) gets its tier's marker above the bar:
    △ 10-30 %, ▲ 30-100 %, ◆ over 100 % (the largest of the week)."""
    _start(plt, f"Weekly distance ({units}) · orange: two-week ramp over +30 % · △▲◆ run spike")
    xs = list(range(len(buckets)))
    values = [metres_to_unit(b.values.get("distance_m") or 0.0, units) for b in buckets]
    flagged = [bool(b.values.get("two_week_flags")) for b in buckets]
    calm = [v if not f else 0.0 for v, f in zip(values, flagged, strict=True)]
    ramped = [v if f else 0.0 for v, f in zip(values, flagged, strict=True)]
    plt.bar(xs, calm, color="blue", width=0.6)
    if any(flagged):
        plt.bar(xs, ramped, color="orange", width=0.6, label="two-week ramp")
    top = max(values) if values else 0.0
    for tier, marker in SPIKE_MARKERS.items():
        spiked = [x for x, b in zip(xs, buckets, strict=True) if b.values.get("spike_tier") == tier]
        if spiked:
            plt.scatter(
                spiked, [top * 1.05 for _ in spiked], marker=marker, color="white", label=tier
            )
    _ticks(plt, buckets)


def acwr(plt, buckets: Sequence) -> None:
    """The acute:chronic workload ratio, rolling and EWMA, with the band lines 0.8, 1.3, 1.5 in
    grey and the caveat in the title: debated, and never a red verdict."""
    _start(plt, "Acute:chronic load · debated; Frandsen 2025: fewer injuries when higher")
    _line(plt, [b.values.get("rolling") for b in buckets], label="rolling 7/28", color="cyan")
    _line(plt, [b.values.get("ewma") for b in buckets], label="EWMA", color="magenta")
    for limit, _name in ACWR_BANDS:
        plt.hline(limit, color="gray")
    _ticks(plt, buckets)


def extent_odi(plt, extent: Sequence, odi: Sequence) -> None:
    """How far down each leg symptoms reach (0-5, left axis) and the Oswestry score (0-100, right
    axis)."""
    _start(plt, "How far down the leg (0 none ... 5 foot) and Oswestry (%)")
    _line(plt, [b.values.get("left") for b in extent], label="left leg", color="yellow")
    _line(plt, [b.values.get("right") for b in extent], label="right leg", color="green")
    plt.ylim(0, 5)
    if odi:
        _line(
            plt,
            [b.values.get("score") for b in odi],
            label="Oswestry %",
            color="white",
            yside="right",
        )
        plt.ylim(0, 100, yside="right")
    _ticks(plt, extent)


def adherence(plt, buckets: Sequence) -> None:
    """Exercise adherence per week (bars, 0-100 %, left axis) against the mean of the days' worst
    back and leg pain (lines, 0-10, right axis)."""
    _start(plt, "Exercises done (% of the programme) and pain (0-10)")
    # Weeks with nothing scheduled get no bar (not a bar of 0 %, which would read as skipped).
    scheduled = [
        (x, b.values["pct"]) for x, b in enumerate(buckets) if b.values.get("pct") is not None
    ]
    if scheduled:
        xs, pct = zip(*scheduled, strict=True)
        plt.bar(list(xs), list(pct), label="done %", color="green", width=0.6)
    plt.ylim(0, 100)
    _line(
        plt, [b.values.get("back") for b in buckets], label="back pain", color="red", yside="right"
    )
    _line(
        plt, [b.values.get("leg") for b in buckets], label="leg pain", color="orange", yside="right"
    )
    plt.ylim(0, 10, yside="right")
    _ticks(plt, buckets)
