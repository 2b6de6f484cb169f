"""Readiness: "run today?" as green, amber or red, with every reason in plain words.

Guidance from published rules, never a verdict. Each rule gives a :class:`Reason` with its level
and its source; the overall level is the most cautious of them (red > amber > green), and
``unknown`` when no rule had data to judge by. The rules:

* **Red flags** (NICE NG59; CLINICAL.md): any red flag recorded for today or yesterday (table
  ``red_flag``) is always red: see a physician.
* **Pain during and after yesterday's run** (Silbernagel et al. 2007, the pain-monitoring model):
  the highest of yesterday's back and leg scores during and after: 0-2 safe (green), 3-5
  acceptable (amber: keep the load no higher), above 5 too much (red).
* **This morning vs the morning before** (same model: pain the next morning must not be higher
  than the morning before): this morning's back and leg pain on waking against yesterday's; no
  rise green, a rise of 1 amber, a rise of 2 or more (the NRS's clinically meaningful change) red.
* **Weekly ramp** (Nielsen et al. 2014): amber when this week so far is more than 10 % above last
  week, or more than 30 % above the week two weeks before, or when last week ramped more than
  10 %.
* **Single-run spike** (a 2024 cohort): amber when a run of the last 7 days was more than 10 %
  longer than the longest of the 30 days before it. A green reason always gives today's limit:
  the longest run that would not be a spike.
* **Acute:chronic workload ratio** (Gabbett 2016 rolling, Williams 2017 EWMA) at the end of
  yesterday (the last whole day): the more cautious band of the two: danger red, caution amber,
  sweet spot and under-training green; nothing before 28 days of history. The bands are debated
  (Impellizzeri 2020).

A rule without data (no score this morning, no run yesterday, under 28 days of history) gives an
``info`` reason saying so, which does not change the level.

Call with the days :func:`readiness_range` names (the store adds the load's lead-in)::

    start, end = readiness_range(today)
    result = readiness(journal.trends.data(start, end), today, week_start=..., units=...)
    result.level, result.headline, [r.text for r in result.reasons], result.note
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backjournal.domain.load import (
    RAMP_LIMIT_PCT,
    SPIKE_LIMIT_PCT,
    TWO_WEEK_LIMIT_PCT,
    DateLike,
    as_date,
    spike_limit,
    weekly_loads,
    worse_band,
)
from backjournal.domain.parse import format_distance
from backjournal.domain.trends import TrendData, load_days
from backjournal.domain.values import week_bounds

LEVELS: tuple[str, ...] = ("unknown", "green", "amber", "red")  # in order of caution
REASON_LEVELS: tuple[str, ...] = ("info", "green", "amber", "red")
SPIKE_LOOKBACK_DAYS = 7  # a spike this recent is a reason for care today
MCID = 2  # NRS points

SOURCE_FLAGS = "NICE NG59"
SOURCE_PAIN = "Silbernagel et al. 2007 (pain-monitoring model)"
SOURCE_RAMP = "Nielsen et al. 2014"
SOURCE_SPIKE = "single-run spikes, 2024 cohort"
SOURCE_ACWR = "Gabbett 2016; Williams et al. 2017; thresholds debated (Impellizzeri 2020)"

NOTE = (
    "Guidance from published rules, not a verdict: you know how you feel. Any red flag: see a "
    "physician."
)
HEADLINES = {
    "unknown": "No guidance yet: record this morning's pain and a few weeks of runs.",
    "green": "Green: nothing in the journal argues against running today.",
    "amber": "Amber: if you run, keep it easy and no longer than usual.",
    "red": "Red: better rest or cross-train today.",
}
RED_FLAG_HEADLINE = "Red: see a physician before running."


@dataclass(frozen=True)
class Reason:
    """One rule's finding: ``level`` info, green, amber or red; ``rule`` a stable id (red-flag,
    pain-after, morning, ramp, spike, spike-limit, acwr)."""

    rule: str
    level: str
    text: str
    source: str


@dataclass(frozen=True)
class Readiness:
    """The answer for one day: its level, a one-line headline, the reasons (most cautious first)
    and today's spike limit in metres (None without a run in the last 30 days)."""

    date: dt.date
    level: str  # unknown, green, amber, red
    headline: str
    reasons: tuple[Reason, ...]
    spike_limit_m: float | None
    note: str = NOTE


def readiness_range(today: DateLike) -> tuple[dt.date, dt.date]:
    """The days whose entries readiness reads: the last week (spikes) up to today."""
    end = as_date(today)
    return end - dt.timedelta(days=SPIKE_LOOKBACK_DAYS), end


def readiness(
    data: TrendData, today: DateLike, *, week_start: str = "monday", units: str = "km"
) -> Readiness:
    """Judge ``today`` from ``data`` (which must cover :func:`readiness_range`)."""
    day = as_date(today)
    yesterday = day - dt.timedelta(days=1)
    rows = data.day_map()
    this_row = rows.get(day.isoformat())
    last_row = rows.get(yesterday.isoformat())
    reasons: list[Reason] = []
    reasons += _red_flags(data, day, yesterday)
    reasons += _pain_after(last_row, data, yesterday)
    reasons += _morning(this_row, last_row)
    days = load_days(data)
    reasons += _ramp(data, days, day, week_start, units)
    reasons += _spikes(days, day, units)
    runs = [(r.date, r.distance_m) for r in data.runs]
    limit = spike_limit(runs, day)
    if limit is not None:
        reasons.append(
            Reason(
                "spike-limit",
                "green",
                f"A run today up to {format_distance(limit, units)} is not a spike "
                f"(at most {SPIKE_LIMIT_PCT} % over your longest run of the last 30 days).",
                SOURCE_SPIKE,
            )
        )
    reasons += _acwr(days, yesterday)
    reasons.sort(key=lambda r: -REASON_LEVELS.index(r.level))
    judged = [r.level for r in reasons if r.level != "info" and r.rule != "spike-limit"]
    level = max(judged, key=LEVELS.index) if judged else "unknown"
    headline = HEADLINES[level]
    if any(r.rule == "red-flag" for r in reasons):
        headline = RED_FLAG_HEADLINE
    return Readiness(day, level, headline, tuple(reasons), limit)


def _when(date: dt.date, day: dt.date) -> str:
    return "today" if date == day else "yesterday"


def _red_flags(data: TrendData, day: dt.date, yesterday: dt.date) -> list[Reason]:
    out = []
    for date in (day, yesterday):
        for reason in data.flags.get(date.isoformat(), ()):
            out.append(
                Reason(
                    "red-flag",
                    "red",
                    f"Red flag {_when(date, day)}: {reason}. Please see a physician before "
                    "running.",
                    SOURCE_FLAGS,
                )
            )
    return out


def _pain_after(row, data: TrendData, yesterday: dt.date) -> list[Reason]:
    ran = any(r.date == yesterday.isoformat() and r.distance_m > 0 for r in data.runs)
    scores = {}
    if row is not None:
        for site in ("back", "leg"):
            for moment in ("during", "after"):
                value = getattr(row, f"{site}_{moment}")
                if value is not None:
                    scores[f"{site} pain {moment} the run"] = value
    if not scores:
        if ran:
            return [
                Reason(
                    "pain-after",
                    "info",
                    "Yesterday's run has no pain score during or after it.",
                    SOURCE_PAIN,
                )
            ]
        return []
    worst = max(scores.values())
    where = ", ".join(name for name, v in scores.items() if v == worst)
    if worst <= 2:
        level, verdict = "green", "safe (0-2)"
    elif worst <= 5:
        level, verdict = "amber", "acceptable (3-5): keep today's load no higher"
    else:
        level, verdict = "red", "too much (above 5): reduce the load"
    return [
        Reason(
            "pain-after",
            level,
            f"Yesterday, {where}: {worst}, {verdict}.",
            SOURCE_PAIN,
        )
    ]


def _morning(this_row, last_row) -> list[Reason]:
    rises = []
    missing_today = []
    for site in ("back", "leg"):
        now = getattr(this_row, f"{site}_wake") if this_row is not None else None
        before = getattr(last_row, f"{site}_wake") if last_row is not None else None
        if now is None:
            missing_today.append(site)
        elif before is not None:
            rises.append((now - before, site, now, before))
    if not rises:
        if missing_today == ["back", "leg"]:
            text = "This morning's pain on waking is not recorded yet."
        else:
            text = "No pain score from yesterday morning to compare this morning's with."
        return [Reason("morning", "info", text, SOURCE_PAIN)]
    rise, site, now, before = max(rises)
    if rise <= 0:
        parts = [f"{s} {n} (yesterday {b})" for _, s, n, b in rises]
        return [
            Reason(
                "morning",
                "green",
                f"Pain on waking is no higher than yesterday morning: {', '.join(parts)}.",
                SOURCE_PAIN,
            )
        ]
    level = "red" if rise >= MCID else "amber"
    extra = (
        f"a rise of {MCID} or more is a clinically meaningful change"
        if rise >= MCID
        else "the pain-monitoring model asks that it not rise from one morning to the next"
    )
    return [
        Reason(
            "morning",
            level,
            f"{site.capitalize()} pain on waking is {now}, up from {before} yesterday morning: "
            f"{extra}.",
            SOURCE_PAIN,
        )
    ]


def _ramp(data: TrendData, days, day: dt.date, week_start: str, units: str) -> list[Reason]:
    this_start = week_bounds(day, week_start)[0]
    weeks = {w.start: w for w in weekly_loads(days.start, days.loads, week_start)}
    this = weeks.get(this_start)
    last = weeks.get(this_start - dt.timedelta(days=7))
    if this is None or last is None or not last.complete:
        text = "Not enough weeks recorded to judge the weekly ramp."
        return [Reason("ramp", "info", text, SOURCE_RAMP)]
    out = []
    so_far, before = format_distance(this.metres, units), format_distance(last.metres, units)
    if this.ramp_flag:
        out.append(
            Reason(
                "ramp",
                "amber",
                f"This week's {so_far} so far is already {this.ramp_pct:.0f} % more than last "
                f"week's {before} (flagged above +{RAMP_LIMIT_PCT} %).",
                SOURCE_RAMP,
            )
        )
    if this.two_week_flag:
        out.append(
            Reason(
                "ramp",
                "amber",
                f"This week's {so_far} so far is {this.two_week_pct:.0f} % more than two weeks "
                f"ago (flagged above +{TWO_WEEK_LIMIT_PCT} % over two weeks).",
                SOURCE_RAMP,
            )
        )
    if last.ramp_flag:
        out.append(
            Reason(
                "ramp",
                "amber",
                f"Last week's {before} was {last.ramp_pct:.0f} % more than the week before "
                f"(flagged above +{RAMP_LIMIT_PCT} %).",
                SOURCE_RAMP,
            )
        )
    if not out:
        out.append(
            Reason(
                "ramp",
                "green",
                f"Weekly distance: {so_far} so far this week, {before} last week; no ramp above "
                f"+{RAMP_LIMIT_PCT} %.",
                SOURCE_RAMP,
            )
        )
    return out


def _spikes(days, day: dt.date, units: str) -> list[Reason]:
    since = day - dt.timedelta(days=SPIKE_LOOKBACK_DAYS - 1)
    out = []
    for spike in days.spikes:
        if since <= spike.date <= day:
            which = "Today's run" if spike.date == day else f"The run on {spike.date.isoformat()}"
            out.append(
                Reason(
                    "spike",
                    "amber",
                    f"{which} ({format_distance(spike.metres, units)}) was "
                    f"{spike.pct:.0f} % longer than your longest of the 30 days before "
                    f"({format_distance(spike.longest_before_m, units)}): a single-run spike.",
                    SOURCE_SPIKE,
                )
            )
    return out


def _acwr(days, yesterday: dt.date) -> list[Reason]:
    i = days.index(yesterday)
    if not 0 <= i < len(days.loads):
        rolling = ewma = None
    else:
        rolling, ewma = days.rolling[i], days.ewma[i]
    if rolling is None and ewma is None:
        return [
            Reason(
                "acwr",
                "info",
                "The acute:chronic load ratio needs 28 days of history (and some running).",
                SOURCE_ACWR,
            )
        ]
    band = worse_band(rolling, ewma)
    level = {"danger": "red", "caution": "amber"}.get(band, "green")
    shown = " and ".join(
        f"{value:.2f} ({name})"
        for name, value in (("rolling", rolling), ("EWMA", ewma))
        if value is not None
    )
    meaning = {
        "under-training": "below 0.8, under-training: a sudden jump from here would be large",
        "sweet spot": "0.8-1.3, the sweet spot",
        "caution": "1.3-1.5, caution",
        "danger": "above 1.5, danger",
    }[band]
    return [
        Reason(
            "acwr",
            level,
            f"Acute:chronic load ratio {shown}: {meaning}.",
            SOURCE_ACWR,
        )
    ]
