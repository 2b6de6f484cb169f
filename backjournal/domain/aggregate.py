"""Daily series reduced to at most about one point per plot column: days, then weeks, then months.

plotext takes over a second to draw 3,650 raw bars, and a terminal has at most a few hundred
columns, so every chart gets its series already bucketed. The grain is the finest of day, week,
month, quarter and year that gives at most ``max_points`` buckets for the span
(:func:`choose_grain`); weeks begin on the week-start setting; months, quarters and years follow
the calendar.

Every day of the range lands in exactly one bucket: the first and last buckets are clipped to the
range (``Bucket.days`` says how many days each holds), so no day is lost or counted twice at a week
or month edge, and a sum over the buckets equals the sum over the days.

Input is dense daily columns (one value per day from ``start``; ``None`` for "not recorded"),
each with its reducer (:data:`REDUCERS`): ``sum`` for distance and run counts, ``mean`` for pain
(days without a score are ignored, not taken as 0), ``max``/``min`` (e.g. the furthest sciatica
extent), ``last`` (the latest value). Call::

    buckets = aggregate(start, {"distance_m": loads, "back": back}, {"distance_m": "sum",
                        "back": "mean"}, max_points=plot_width, week_start="sunday")
    xs = range(len(buckets)); bars = [b.values["distance_m"] for b in buckets]
    labels = [b.label for b in buckets]

Pure Python; no Textual, no SQL, no plotext.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from backjournal.domain.load import DateLike, as_date
from backjournal.domain.values import week_bounds

GRAINS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
Value = float | None


@dataclass(frozen=True)
class Bucket:
    """One plotted point: the days ``start``..``end`` (clipped to the range) and their values."""

    start: dt.date
    end: dt.date
    label: str  # 2026-11-25 (day), 2026-11-23 (week: its first day), 2026-11, 2026-Q4, 2026
    days: int  # days of the range in this bucket
    values: dict[str, Value]


def _mean(values: list[float]) -> Value:
    return sum(values) / len(values) if values else None


REDUCERS: dict[str, Callable[[list[float]], Value]] = {
    "sum": lambda v: float(sum(v)) if v else None,
    "mean": _mean,
    "max": lambda v: max(v) if v else None,
    "min": lambda v: min(v) if v else None,
    "last": lambda v: v[-1] if v else None,
}


def bucket_start(day: dt.date, grain: str, week_start: str = "monday") -> dt.date:
    """The first day of the (unclipped) bucket of ``grain`` holding ``day``."""
    if grain == "day":
        return day
    if grain == "week":
        return week_bounds(day, week_start)[0]
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if grain == "year":
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown grain {grain!r}; grains are {', '.join(GRAINS)}")


def _next_start(first: dt.date, grain: str) -> dt.date:
    """The first day of the bucket after the one starting on ``first``."""
    if grain == "day":
        return first + dt.timedelta(days=1)
    if grain == "week":
        return first + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[grain]
    total = first.year * 12 + first.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _label(first: dt.date, grain: str) -> str:
    if grain in ("day", "week"):
        return first.isoformat()
    if grain == "month":
        return f"{first.year:04d}-{first.month:02d}"
    if grain == "quarter":
        return f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
    return f"{first.year:04d}"


def spans(
    start: DateLike, end: DateLike, grain: str, week_start: str = "monday"
) -> list[tuple[dt.date, dt.date]]:
    """The buckets of ``grain`` covering ``start``..``end``, each clipped to the range."""
    first, last = as_date(start), as_date(end)
    out = []
    bucket = bucket_start(first, grain, week_start)
    while bucket <= last:
        following = _next_start(bucket, grain)
        out.append((max(bucket, first), min(following - dt.timedelta(days=1), last)))
        bucket = following
    return out


def count_buckets(start: DateLike, end: DateLike, grain: str, week_start: str = "monday") -> int:
    """How many buckets of ``grain`` cover ``start``..``end`` (the clipped edges included)."""
    first, last = as_date(start), as_date(end)
    if last < first:
        return 0
    if grain == "day":
        return (last - first).days + 1
    if grain == "week":
        weeks = bucket_start(last, grain, week_start) - bucket_start(first, grain, week_start)
        return weeks.days // 7 + 1
    a, b = bucket_start(first, grain), bucket_start(last, grain)
    months = (b.year - a.year) * 12 + b.month - a.month
    return months // {"month": 1, "quarter": 3, "year": 12}[grain] + 1


def choose_grain(
    start: DateLike, end: DateLike, max_points: int, week_start: str = "monday"
) -> str:
    """The finest grain (day, week, month, quarter, year) with at most ``max_points`` buckets.

    Years are the coarsest: a span of more years than ``max_points`` still gets one per year.
    """
    if max_points < 1:
        raise ValueError("max_points must be at least 1")
    for grain in GRAINS:
        if count_buckets(start, end, grain, week_start) <= max_points:
            return grain
    return GRAINS[-1]


def aggregate(
    start: DateLike,
    columns: Mapping[str, Sequence[Value]],
    how: Mapping[str, str],
    *,
    max_points: int,
    week_start: str = "monday",
    grain: str | None = None,
) -> list[Bucket]:
    """Reduce dense daily ``columns`` (day 0 is ``start``; all the same length) to buckets.

    ``how`` names each column's reducer (see :data:`REDUCERS`); ``None`` values are ignored by
    every reducer (a bucket with none gets ``None``). The grain is :func:`choose_grain` unless
    given. Buckets come oldest first.
    """
    first = as_date(start)
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ValueError("every column must have one value per day of the range")
    n = lengths.pop() if lengths else 0
    if n == 0:
        return []
    missing = set(columns) - set(how)
    if missing:
        raise ValueError(f"no reducer for {', '.join(sorted(missing))}")
    for name in how.values():
        if name not in REDUCERS:
            raise ValueError(f"unknown reducer {name!r}; reducers are {', '.join(REDUCERS)}")
    last = first + dt.timedelta(days=n - 1)
    grain = grain or choose_grain(first, last, max_points, week_start)
    buckets = []
    for lo_day, hi_day in spans(first, last, grain, week_start):
        lo, hi = (lo_day - first).days, (hi_day - first).days
        values = {}
        for name, column in columns.items():
            present = [v for v in column[lo : hi + 1] if v is not None]
            values[name] = REDUCERS[how[name]](present)
        label = _label(bucket_start(lo_day, grain, week_start), grain)
        buckets.append(Bucket(lo_day, hi_day, label, hi - lo + 1, values))
    return buckets
