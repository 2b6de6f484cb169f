"""``backjournal stats``: a row per day or week of the range (distance, runs, mean worst back and
leg pain, how far down each leg, both acute:chronic ratios and their band, ramps, spikes, red flags,
exercise adherence) and the stable JSON document other tools read (docs/stats-json.md).

Built from the same :class:`~backjournal.domain.trends.TrendData` as the Trends charts, so the
command and the screen agree on every number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from backjournal.domain.aggregate import spans
from backjournal.domain.flags import ActiveFlag
from backjournal.domain.load import DateLike, as_date, weekly_loads, worse_band
from backjournal.domain.safety_words import SIGN_TEXT, TIER_MESSAGES
from backjournal.domain.trends import TrendData, checked_range, load_days
from backjournal.domain.values import week_bounds

PERIODS: tuple[str, ...] = ("day", "week")


@dataclass(frozen=True)
class StatsRow:
    """One day or week of ``backjournal stats`` (see docs/stats-json.md for every field)."""

    start: dt.date
    end: dt.date
    days: int
    complete: bool  # a whole week (always True for a day)
    distance_m: float
    runs: int
    back_mean: float | None  # mean of the days' worst back scores
    leg_mean: float | None
    back_days: int  # days with a back score
    leg_days: int
    extent_left_max: int | None  # how far down the leg at the furthest, 0-5
    extent_right_max: int | None
    acwr_rolling: float | None  # on the row's last day
    acwr_ewma: float | None
    acwr_band: str | None  # the more cautious band of the two ratios
    ramp_pct: float | None  # weeks only: this week / last week, percent above
    two_week_pct: float | None  # weeks only: this week / two weeks before, percent above
    spikes: int
    red_flags: tuple[str, ...]  # the reasons recorded, "date: reason"
    flags: tuple[str, ...]  # codes: two-week-ramp, spike, red-flag
    adherence: float | None = None  # exercises done / scheduled (None: nothing scheduled)
    spike_tiers: tuple[str, ...] = ()  # each spike's Frandsen 2025 tier, in date order
    active_minutes: int = 0  # timed runs and other activity (issue #20)
    activities: int = 0  # walks, rides, swims... (not runs)
    load: float = 0.0  # the load of the "load" setting: metres, or AU by effort (issue #17)
    load_missing: int = 0  # by effort: sessions without an effort or a time (counted 0)


def stats_rows(
    data: TrendData,
    start: DateLike,
    end: DateLike,
    *,
    period: str = "day",
    week_start: str = "monday",
) -> list[StatsRow]:
    """One row per day (or week) of ``start``..``end``, oldest first; a day with no entry is a
    rest day (distance 0), not a missing row. Week rows are clipped to the range, so give a
    ``start`` on the first day of a week for whole weeks."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; periods are {', '.join(PERIODS)}")
    first, last = checked_range(data, start, end)
    days = load_days(data)
    all_rows = data.rows_between(first, last)
    flag_dates = sorted(data.flags)
    weeks = {
        w.start: w for w in weekly_loads(data.loads_from, days.loads, week_start, runs=days.runs)
    }
    out = []
    for lo, hi in spans(first, last, period, week_start):
        i, j = days.index(lo), days.index(hi)
        rows = all_rows[(lo - first).days : (hi - first).days + 1]
        back = [s for r in rows if r is not None and (s := r.worst("back")) is not None]
        leg = [s for r in rows if r is not None and (s := r.worst("leg")) is not None]
        left = [r.extent_l for r in rows if r is not None and r.extent_l is not None]
        right = [r.extent_r for r in rows if r is not None and r.extent_r is not None]
        reasons = tuple(
            f"{date}: {reason}"
            for date in flag_dates
            if lo.isoformat() <= date <= hi.isoformat()
            for reason in data.flags[date]
        )
        in_row = [s for s in days.spikes if lo <= s.date <= hi]
        n_spikes = len(in_row)
        week = weeks.get(week_bounds(lo, week_start)[0]) if period == "week" else None
        # The week-to-week ramp (the traditional 10 % rule) is information only: its percentage
        # is given, never a flag (CLINICAL.md; Nielsen 2014 and Frandsen 2025 found no link).
        flags = []
        if week is not None and week.two_week_flag:
            flags.append("two-week-ramp")
        if n_spikes:
            flags.append("spike")
        if reasons:
            flags.append("red-flag")
        out.append(
            StatsRow(
                start=lo,
                end=hi,
                days=j - i + 1,
                complete=period == "day" or j - i + 1 == 7,
                distance_m=sum(days.distance[i : j + 1]),
                runs=sum(days.runs[i : j + 1]),
                back_mean=sum(back) / len(back) if back else None,
                leg_mean=sum(leg) / len(leg) if leg else None,
                back_days=len(back),
                leg_days=len(leg),
                extent_left_max=max(left) if left else None,
                extent_right_max=max(right) if right else None,
                acwr_rolling=days.rolling[j],
                acwr_ewma=days.ewma[j],
                acwr_band=worse_band(days.rolling[j], days.ewma[j]),
                ramp_pct=week.ramp_pct if week else None,
                two_week_pct=week.two_week_pct if week else None,
                spikes=n_spikes,
                red_flags=reasons,
                flags=tuple(flags),
                adherence=data.adherence_between(lo, hi),
                spike_tiers=tuple(s.tier for s in in_row),
                active_minutes=(active := data.active_between(lo, hi))[0],
                activities=active[1],
                load=sum(days.loads[i : j + 1]),
                load_missing=days.missing_between(lo, hi)[0],
            )
        )
    return out


STATS_FORMAT = "backjournal-stats"
STATS_VERSION = 1


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def stats_document(
    rows: list[StatsRow],
    *,
    start: DateLike,
    end: DateLike,
    period: str,
    week_start: str,
    units: str,
    active: Sequence[ActiveFlag] = (),
    load: str = "distance",
) -> dict:
    """The stable JSON document of ``backjournal stats --json`` (docs/stats-json.md), with the
    red flags ``active`` on its last day.

    Version 1: new keys may be added; existing keys keep their name, type and meaning.
    """
    from backjournal.domain.parse import metres_to_unit

    return {
        "format": STATS_FORMAT,
        "version": STATS_VERSION,
        "from": as_date(start).isoformat(),
        "to": as_date(end).isoformat(),
        "period": period,
        "week_start": week_start,
        "units": units,
        "load": load,
        "load_unit": "AU" if load == "srpe" else "m",
        "rows": [
            {
                "start": r.start.isoformat(),
                "end": r.end.isoformat(),
                "days": r.days,
                "complete": r.complete,
                "distance_m": round(r.distance_m, 1),
                "distance": round(metres_to_unit(r.distance_m, units), 2),
                "runs": r.runs,
                "back_mean": _round(r.back_mean, 2),
                "leg_mean": _round(r.leg_mean, 2),
                "back_days": r.back_days,
                "leg_days": r.leg_days,
                "extent_left_max": r.extent_left_max,
                "extent_right_max": r.extent_right_max,
                "acwr_rolling": _round(r.acwr_rolling, 2),
                "acwr_ewma": _round(r.acwr_ewma, 2),
                "acwr_band": r.acwr_band,
                "ramp_pct": _round(r.ramp_pct, 1),
                "two_week_ramp_pct": _round(r.two_week_pct, 1),
                "spikes": r.spikes,
                "spike_tiers": list(r.spike_tiers),
                "flags": list(r.flags),
                "red_flags": list(r.red_flags),
                "adherence": _round(r.adherence, 3),
                "active_minutes": r.active_minutes,
                "activities": r.activities,
                "load": round(r.load, 1),
                "load_missing": r.load_missing,
            }
            for r in rows
        ],
        "active_flags": [
            {
                "code": f.code,
                "tier": f.tier,
                "since": f.since,
                "text": SIGN_TEXT[f.code],
                "action": TIER_MESSAGES[f.tier],
            }
            for f in active
        ],
    }
