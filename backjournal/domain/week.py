"""This week against last week, for Today's "This week" panel (issue #15).

A runner looking at one day also wants the week: distance and runs, mean back and leg pain, the
share of the programme done, each against last week, and which days of this week are not logged
yet. Pure: it reads a :class:`~backjournal.domain.trends.TrendData` of the two weeks (the store
reads it with ``lead_in=0``). Pain is the mean of each day's worst score, as in Trends and
``backjournal stats``; a day without a score is left out, not taken as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backjournal.domain.parse import format_distance
from backjournal.domain.trends import TrendData
from backjournal.domain.values import week_bounds


@dataclass(frozen=True)
class WeekFigures:
    """One week's (or part of a week's) figures."""

    start: dt.date
    end: dt.date
    distance_m: float
    runs: int
    back_mean: float | None
    leg_mean: float | None
    adherence: float | None  # done / scheduled, 0-1; None when nothing was scheduled


@dataclass(frozen=True)
class WeekSummary:
    """This week up to the day shown (never past today), last week whole, the days not logged."""

    this: WeekFigures
    last: WeekFigures
    unlogged: tuple[dt.date, ...]


def bounds(day: dt.date, today: dt.date, week_start: str) -> tuple[dt.date, dt.date, dt.date]:
    """(last week's first day, this week's first day, this week's last day counted) for ``day``:
    this week ends at the end of ``day``'s week or today, whichever is earlier."""
    start = week_bounds(day, week_start)[0]
    end = min(week_bounds(day, week_start)[1], today)
    return start - dt.timedelta(days=7), start, end


def _figures(data: TrendData, start: dt.date, end: dt.date) -> WeekFigures:
    lo, hi = start.isoformat(), end.isoformat()
    metres = sum(m for d, m, _ in data.daily if lo <= d <= hi)
    runs = sum(n for d, _, n in data.daily if lo <= d <= hi)
    rows = [r for r in data.days if lo <= r.date <= hi]
    back = [s for s in (r.worst("back") for r in rows) if s is not None]
    leg = [s for s in (r.worst("leg") for r in rows) if s is not None]
    return WeekFigures(
        start,
        end,
        metres,
        runs,
        sum(back) / len(back) if back else None,
        sum(leg) / len(leg) if leg else None,
        data.adherence_between(start, end),
    )


def week_summary(data: TrendData, day: dt.date, today: dt.date, week_start: str) -> WeekSummary:
    """The figures of ``day``'s week (to ``day`` or today) and of the week before it."""
    last_start, start, end = bounds(day, today, week_start)
    logged = {r.date for r in data.days}
    unlogged = tuple(
        start + dt.timedelta(days=i)
        for i in range((end - start).days + 1)
        if (start + dt.timedelta(days=i)).isoformat() not in logged
    )
    return WeekSummary(
        _figures(data, start, end),
        _figures(data, last_start, start - dt.timedelta(days=1)),
        unlogged,
    )


def _pain(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)} %"


def week_lines(summary: WeekSummary, units: str) -> list[str]:
    """Plain lines (no markup) for the panel::

    distance 23 km in 4 runs · last week 31 km in 5 runs
    pain (mean of each day's worst) back 2.1 leg 0.8 · last week back 2.6 leg 1.2
    exercises done 80 % of those scheduled · last week 60 %
    not logged yet: Tue 24, Wed 25
    """
    this, last = summary.this, summary.last
    lines = [
        f"distance {format_distance(this.distance_m, units)} in {this.runs} "
        f"run{'' if this.runs == 1 else 's'} · last week "
        f"{format_distance(last.distance_m, units)} in {last.runs} "
        f"run{'' if last.runs == 1 else 's'}",
        f"pain (mean of each day's worst) back {_pain(this.back_mean)} leg "
        f"{_pain(this.leg_mean)} · last week back {_pain(last.back_mean)} leg "
        f"{_pain(last.leg_mean)}",
        f"exercises done {_pct(this.adherence)} of those scheduled · last week "
        f"{_pct(last.adherence)}",
    ]
    if summary.unlogged:
        days = ", ".join(f"{d:%a} {d.day}" for d in summary.unlogged)
        lines.append(f"not logged yet: {days}")
    else:
        lines.append("every day logged so far")
    return lines
