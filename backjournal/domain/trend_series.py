"""The series of Trends' charts beside the load: exercise adherence, active minutes and the PSFS
(issues #4, #17, #20), built from :class:`~backjournal.domain.trends.TrendData` for a range.

Kept apart from :mod:`backjournal.domain.trends` (the data read and the load series) so that each
module stays short; :func:`backjournal.domain.trends.build` calls these. Pure Python: no Textual,
no SQL, no plotext.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from backjournal.domain.aggregate import Bucket, aggregate

if TYPE_CHECKING:
    from backjournal.domain.trends import TrendData

MAX_PSFS_LINES = 5  # the PSFS names 3-5 activities; older, renamed ones beyond are not drawn


def active_buckets(
    data: TrendData,
    first: dt.date,
    last: dt.date,
    worst_back: list[int | None],
    worst_leg: list[int | None],
    grain: str,
    week_start: str,
) -> list[Bucket]:
    """Active minutes per week (or coarser): timed runs and other activity, beside the mean of
    the days' worst back and leg pain."""
    n = (last - first).days + 1
    seconds: list[float | None] = [0.0] * n
    for date, s, _ in data.active:
        i = (dt.date.fromisoformat(date) - first).days
        if 0 <= i < n:
            seconds[i] = float(s)
    buckets = aggregate(
        first,
        {"seconds": seconds, "back": worst_back, "leg": worst_leg},
        {"seconds": "sum", "back": "mean", "leg": "mean"},
        max_points=1,
        week_start=week_start,
        grain=grain,
    )
    for b in buckets:
        b.values["minutes"] = round((b.values.get("seconds") or 0.0) / 60)
    return buckets


def psfs_names(checkins: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]) -> tuple[str, ...]:
    """The activities to draw: those of the latest check-in first (in its order), then older
    ones, latest first; at most :data:`MAX_PSFS_LINES`."""
    names: list[str] = []
    for _, ratings in reversed(checkins):
        for name, _ in ratings:
            if name not in names:
                names.append(name)
    return tuple(names[:MAX_PSFS_LINES])


def psfs_buckets(
    data: TrendData, first: dt.date, last: dt.date, grain: str, max_points: int, week_start: str
) -> tuple[list[Bucket], tuple[str, ...], int]:
    """Each activity's PSFS rating (0-10) over the check-ins, and their mean score, at ``grain``
    (a bucket holds the mean of its check-ins)."""
    checkins = tuple((d, r) for d, r in data.psfs if first.isoformat() <= d <= last.isoformat())
    if not checkins:
        return [], (), 0
    names = psfs_names(checkins)
    n = (last - first).days + 1
    columns: dict[str, list[float | None]] = {f"item{k}": [None] * n for k in range(len(names))}
    columns["score"] = [None] * n
    for date, ratings in checkins:
        i = (dt.date.fromisoformat(date) - first).days
        by_name = dict(ratings)
        for k, name in enumerate(names):
            if name in by_name:
                columns[f"item{k}"][i] = float(by_name[name])
        columns["score"][i] = sum(r for _, r in ratings) / len(ratings)
    buckets = aggregate(
        first,
        columns,
        dict.fromkeys(columns, "mean"),
        max_points=max_points,
        week_start=week_start,
        grain=grain,
    )
    return buckets, names, len(checkins)


def adherence_buckets(
    data: TrendData,
    first: dt.date,
    last: dt.date,
    worst_back: list[int | None],
    worst_leg: list[int | None],
    grain: str,
    max_points: int,
    week_start: str,
) -> tuple[list[Bucket], bool]:
    """Adherence per bucket (done / scheduled, summed over its days, in percent) beside the mean
    worst pain: the chart that shows whether the programme and the back move together."""
    n = (last - first).days + 1
    scheduled: list[float | None] = [0.0] * n
    done: list[float | None] = [0.0] * n
    for date, s, d in data.exercise_days:
        i = (dt.date.fromisoformat(date) - first).days
        if 0 <= i < n:
            scheduled[i] = float(s)
            done[i] = float(min(d, s))
    if not any(scheduled):
        return [], False
    buckets = aggregate(
        first,
        {"scheduled": scheduled, "done": done, "back": worst_back, "leg": worst_leg},
        {"scheduled": "sum", "done": "sum", "back": "mean", "leg": "mean"},
        max_points=max_points,
        week_start=week_start,
        grain=grain,
    )
    for b in buckets:
        total = b.values.get("scheduled") or 0.0
        b.values["pct"] = 100.0 * (b.values.get("done") or 0.0) / total if total else None
    return buckets, True
