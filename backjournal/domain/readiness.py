"""Readiness: "Run today?" for today only, by the rules of CLINICAL.md ("Run today?"), in order.

Guidance, never a verdict; every reason names its source (the words live in
:mod:`backjournal.domain.safety_words`). The level is the most cautious reason's:

* **Red, standing** (known without this morning's scores): an active Tier 1 flag ("do not run:
  go to an emergency department now"), an active Tier 2 flag not yet seen by a clinician, a
  clinician's "no running until" in force. An emergency is never softened, so these give red even
  before this morning is recorded (the banner and the panel always agree).
* **Unknown**: this morning's back and leg pain on waking are not both recorded ("record this
  morning's pain first"); no colour is shown until they are.
* **Red**: pain during or after yesterday's *run* above 5 (Silbernagel 2007); waking pain (back
  or leg) at baseline + 2 or more; waking pain up 2 or more within 3 days (today against each of
  the 3 mornings before); the extent further down a leg than its lowest of the previous 7 days
  (:mod:`backjournal.domain.extent_trend`).
* **Amber**: waking pain at baseline + 1; pain during or after yesterday's run 3-5; yesterday's
  run a spike (Frandsen 2025, with its hazard-ratio tier); a two-week ramp above 30 % (Nielsen
  2014, a weak signal); the EWMA ACWR above 1.5 when the 28-day average is at least 1 km a day.
* **Green**: this morning known and none of the above. The weekly +10 % is information only, and
  the ACWR never gives red.

**Staying active** (issue #20): when a pain rule (waking pain, yesterday's run, the extent) makes
the answer amber or red, one more line says what still counts: walking, cycling or swimming as
comfortable, within the pain-monitoring model. Not with an active red flag of either tier, nor
while a clinician's "no running" is in force: the doctor's or clinician's word comes first.

**Baseline**: the median of the waking scores of the 7 days before, when at least 3 of them have
one; otherwise unknown (said so, and the baseline rules do not judge).

**After the run**: once today's run is recorded, the panel shows that run against the
pain-monitoring model (low 0-2, acceptable 3-5, too high above 5) and what to watch tomorrow
morning, not a verdict on a run already done; its colour is the run's zone (a standing red
stays red). A rest day has no "after the run" pain: its "after" scores are never read as a run's.

**No baseline, no green**: until 3 of the 7 mornings before have a waking score, a morning that
no rule marks amber or red is "not judged yet", never green.

Why one module of 600 lines: the rules are one ordered list (CLINICAL.md's), each a small
function beside the next, and the answer is their worst verdict; a reader checking the order or
a boundary against CLINICAL.md reads them top to bottom. The words live in ``safety_words``, the
load arithmetic in ``load``, the flags in ``flags``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from backjournal.domain import safety_words as words
from backjournal.domain.clinical import PlanRule, plan_checks
from backjournal.domain.extent_trend import trend as extent_trend
from backjournal.domain.flags import ActiveFlag, Outcome
from backjournal.domain.load import (
    FOSTER,
    LOAD_SRPE,
    RAMP_LIMIT_PCT,
    SPIKE_LIMIT_PCT,
    TWO_WEEK_LIMIT_PCT,
    DateLike,
    as_date,
    decimetres,
    spike_limit,
    weekly_loads,
)
from backjournal.domain.parse import format_distance
from backjournal.domain.trends import DayRow, TrendData, load_days
from backjournal.domain.values import week_bounds

LEVELS: tuple[str, ...] = ("unknown", "green", "amber", "red")  # in order of caution
REASON_LEVELS: tuple[str, ...] = ("info", "green", "amber", "red")
WINDOW_DAYS = 7  # baseline and extent look back this far
BASELINE_MIN = 3  # mornings with a score needed for a baseline
RISE_DAYS = 3
MCID = 2  # NRS points: clinically meaningful
LOW_MAX = 2  # pain-monitoring model: 0-2 low
ACCEPTABLE_MAX = 5  # 3-5 acceptable, above 5 too high
ACWR_AMBER = 1.5
ACWR_MIN_DAILY_M = 1000  # the ACWR counts only with a 28-day average of 1 km a day or more
# By effort (session RPE) CLINICAL.md gives no floor; our choice: 20 AU a day (about 1 km of easy
# running, 6-7 minutes at an effort of 3, "moderate"), the same floor in the other unit.
ACWR_MIN_DAILY_AU = 20
CHRONIC_DAYS = 28
SPIKE_TIERS: tuple[tuple[int, str], ...] = (  # (up to this % longer, hazard ratio), Frandsen 2025
    (30, "1.64"),
    (100, "1.52"),
)
SPIKE_TOP_HR = "2.28"  # above 100 %
SITES = ("back", "leg")
YESTERDAYS_RUN = "Yesterday's run"


@dataclass(frozen=True)
class Reason:
    """One rule's finding: ``level`` info, green, amber or red; ``rule`` a stable id."""

    rule: str
    level: str
    text: str
    source: str


@dataclass(frozen=True)
class Readiness:
    """The answer for one day: its level, a headline, the reasons (most cautious first), today's
    spike limit in metres (None without a run in the last 30 days), and ``mode``: "before" (run
    today?) or "after-run" (today's run is logged)."""

    date: dt.date
    level: str  # unknown, green, amber, red
    headline: str
    reasons: tuple[Reason, ...]
    spike_limit_m: float | None
    mode: str = "before"
    note: str = words.GUIDANCE


def readiness_range(today: DateLike) -> tuple[dt.date, dt.date]:
    """The days whose entries readiness reads: the 7 days before today, and today."""
    end = as_date(today)
    return end - dt.timedelta(days=WINDOW_DAYS), end


def _ran(data: TrendData, day: dt.date) -> bool:
    iso = day.isoformat()
    return any(r.date == iso and r.distance_m > 0 for r in data.runs)


def readiness(
    data: TrendData,
    today: DateLike,
    *,
    active: Iterable[ActiveFlag] = (),
    held: Iterable[Outcome] = (),
    plan: Iterable[PlanRule] = (),
    week_start: str = "monday",
    units: str = "km",
    now: DateLike | None = None,
) -> Readiness:
    """Judge ``today`` from ``data`` (covering :func:`readiness_range`), the flags ``active``
    today, the clinicians' restrictions ``held`` today and the rules of the clinician's ``plan``
    in force (see the module for the rules). With ``now`` later than ``today`` (a past day
    looked back on), every sentence speaks of that day instead of "today"."""
    day = as_date(today)
    w = When(day, now is not None and as_date(now) > day)
    rows = data.day_map()
    row = rows.get(day.isoformat())
    standing = _flag_reasons(list(active), w) + _held_reasons(list(held))
    standing += _plan_reasons(list(plan), data, day, week_start, units, w)
    runs = [(r.date, r.distance_m) for r in data.runs]
    limit = spike_limit(runs, day)
    if _ran(data, day):
        reasons = standing + _after_run(row, rows, day, w)
        return _answer(day, reasons, limit, "after-run", "unknown", w)
    known = row is not None and row.back_wake is not None and row.leg_wake is not None
    if not known:
        first = w.say(words.RECORD_FIRST, words.PAST_RECORD_FIRST)
        reasons = standing + [Reason("morning", "info", first, words.SOURCE_PAIN)]
        return _answer(day, reasons, limit, "before", "unknown", w)
    assert row is not None
    reasons = standing + _yesterday_run(data, rows, day, w)
    reasons += _waking(row, rows, day, w)
    reasons += _extent(rows, day)
    days = load_days(data)
    reasons += _spike(days, day, units, w)
    reasons += _ramps(days, day, week_start, units, w)
    reasons += _acwr(days, day)
    reasons += _effort_note(days, day)
    if limit is not None:
        reasons.append(
            Reason(
                "spike-limit",
                "info",
                w.say(
                    f"A run today up to {format_distance(limit, units)} is not a spike (at most "
                    f"{SPIKE_LIMIT_PCT} % over your longest run of the last 30 days).",
                    f"A run on {w.label} up to {format_distance(limit, units)} was not a spike "
                    f"(at most {SPIKE_LIMIT_PCT} % over the longest run of the 30 days before).",
                ),
                words.SOURCE_SPIKE,
            )
        )
    # No green without a baseline: "everything known" (CLINICAL.md) includes what this morning is
    # compared with. A first morning with leg pain 8 was green ("nothing recorded argues
    # against running"); it is now not judged, unless another rule gives amber or red.
    no_baseline = any(r.rule == "baseline" and r.level == "info" for r in reasons)
    reasons = _stay_active(reasons) + reasons
    if no_baseline:
        return _answer(day, reasons, limit, "before", "no-baseline", w)
    return _answer(day, reasons, limit, "before", "green", w)


def day_label(day: dt.date) -> str:
    """``Tue 24 Nov 2026``, as the screens write a day."""
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass(frozen=True)
class When:
    """Whose day the sentences speak of: today's (``past`` False) or a past day's, by its date."""

    day: dt.date
    past: bool

    @property
    def label(self) -> str:
        return day_label(self.day)

    def say(self, today: str, past: str) -> str:
        """Today's sentence, or the past day's (``{day}`` filled in with the date)."""
        return past.format(day=self.label) if self.past else today

    def run_on(self, offset: int, today_words: str) -> str:
        """ "Today's run" / "Yesterday's run", or "The run on Tue 24 Nov 2026"."""
        if not self.past:
            return today_words
        return f"The run on {day_label(self.day + dt.timedelta(days=offset))}"


# The rules that judge pain (this morning's, yesterday's run's, the leg symptoms' extent).
PAIN_RULES = frozenset({"run-pain", "baseline", "rise", "extent"})


def _stay_active(reasons: list[Reason]) -> list[Reason]:
    """What still counts (issue #20), when a pain rule makes today amber or red.

    Not with an active flag of either tier (Tier 1: the emergency is never softened; Tier 2: a
    possible fracture, infection or other serious cause is the doctor's to judge first), nor
    while a clinician's "no running" is in force (their advice covers the day, and the journal
    does not know what they said about other activity)."""
    if any(r.rule in ("tier1", "tier2", "clinician") for r in reasons):
        return []
    if any(r.rule == "plan" and r.level == "red" for r in reasons):
        return []
    if not any(r.rule in PAIN_RULES and r.level in ("amber", "red") for r in reasons):
        return []
    return [Reason("stay-active", "info", words.STAY_ACTIVE, words.SOURCE_STAY_ACTIVE)]


def _plan_reasons(
    rules: list[PlanRule], data: TrendData, day: dt.date, week_start: str, units: str, w: When
) -> list[Reason]:
    """The clinician's plan (issue #17): red while "no running until" is in force, amber when a
    run today would pass a limit (runs this week, consecutive days), the distance limit as
    information. The run of today itself is not counted against today."""
    if not rules:
        return []
    first = week_bounds(day, week_start)[0].isoformat()
    iso = day.isoformat()
    run_dates = [r.date for r in data.runs if r.date < iso]
    return [
        Reason("plan", check.level, check.what, "your clinician's plan, as you recorded it")
        for check in plan_checks(rules, iso, run_dates, first, units, w.label if w.past else None)
    ]


def _answer(
    day: dt.date, reasons: list[Reason], limit: float | None, mode: str, floor: str, w: When
) -> Readiness:
    """Sort the reasons (most cautious first) and choose the level (``floor`` when no reason
    judges) and the headline. The floor "no-baseline" is "unknown" that no green reason lifts
    (only amber or red ones do), with its own headline."""
    reasons = sorted(reasons, key=lambda r: -REASON_LEVELS.index(r.level))
    judged = [r.level for r in reasons if r.level != "info"]
    no_baseline = floor == "no-baseline"
    if no_baseline:
        floor, judged = "unknown", [level for level in judged if level != "green"]
    level = max([floor, *judged], key=LEVELS.index)
    rules = {r.rule for r in reasons}
    if "tier1" in rules:
        key = "tier1"
    elif "tier2" in rules:
        key = "tier2"
    elif mode == "after-run":
        key = "after-run"
    elif no_baseline and level == "unknown":
        key = "no-baseline"
    else:
        key = level
    headline = w.say(words.HEADLINES[key], words.PAST_HEADLINES[key])
    return Readiness(day, level, headline, tuple(reasons), limit, mode)


def _flag_reasons(active: list[ActiveFlag], w: When) -> list[Reason]:
    """The flags active on the day. On a past day, the day alone: whether a flag's action
    still applies now is for the caller, which knows today's flags (past_flag_blocks)."""
    out = []
    for flag in active:
        line = words.sign_line(flag.code, flag.since, flag.worse_than)
        if flag.tier == 1:
            text = w.say(
                f"Do not run: go to an emergency department now. Active: {line}.",
                f"Active on {{day}}: {line}.",
            )
            out.append(Reason("tier1", "red", text, words.SOURCE_TIER1))
        else:
            text = w.say(
                f"Not yet seen by a clinician: {line}. {words.TIER2_MESSAGE}",
                f"Not yet seen by a clinician on {{day}}: {line}.",
            )
            source = words.SIGN_SOURCE.get(flag.code, words.SOURCE_TIER2)
            out.append(Reason("tier2", "red", text, source))
    return out


def _held_reasons(held: list[Outcome]) -> list[Reason]:
    return [
        Reason(
            "clinician",
            "red",
            f"Your clinician advised no running until {o.until} (seen on {o.date}).",
            words.SOURCE_CLINICIAN,
        )
        for o in held
    ]


def zone(score: int) -> str:
    """The pain-monitoring model's zone of a pain score during or after activity."""
    if score <= LOW_MAX:
        return "low"
    if score <= ACCEPTABLE_MAX:
        return "acceptable"
    return "too high"


ZONE_LEVEL = {"low": "green", "acceptable": "amber", "too high": "red"}


def _run_scores(row: DayRow | None) -> dict[str, int]:
    scores: dict[str, int] = {}
    if row is not None:
        for site in SITES:
            for moment in ("during", "after"):
                value = getattr(row, f"{site}_{moment}")
                if value is not None:
                    scores[f"{site} pain {moment} the run"] = value
    return scores


def _zone_reason(scores: dict[str, int], when: str) -> Reason:
    worst = max(scores.values())
    where = ", ".join(f"{name} {value}" for name, value in scores.items())
    z = zone(worst)
    return Reason(
        "run-pain",
        ZONE_LEVEL[z],
        f"{when}: {where}: {words.ZONE_WORDS[z]} on the pain-monitoring model.",
        words.SOURCE_PAIN,
    )


def _yesterday_run(data: TrendData, rows: dict[str, DayRow], day: dt.date, w: When) -> list[Reason]:
    yesterday = day - dt.timedelta(days=1)
    if not _ran(data, yesterday):
        return []
    scores = _run_scores(rows.get(yesterday.isoformat()))
    run = w.run_on(-1, YESTERDAYS_RUN)
    if not scores:
        text = f"{run} has no pain score during or after it."
        return [Reason("run-pain", "info", text, words.SOURCE_PAIN)]
    return [_zone_reason(scores, run)]


def _after_run(row: DayRow | None, rows: dict[str, DayRow], day: dt.date, w: When) -> list[Reason]:
    scores = _run_scores(row)
    out = []
    run = w.run_on(0, "Today's run")
    if scores:
        out.append(_zone_reason(scores, run))
    else:
        text = f"{run} has no pain score during or after it" + ("." if w.past else " yet.")
        out.append(Reason("run-pain", "info", text, words.SOURCE_PAIN))
    parts = []
    for site in SITES:
        base = baseline(rows, day, site)
        if base is not None:
            parts.append(f"{site} {_fmt(base)} (your baseline)")
        elif row is not None and getattr(row, f"{site}_wake") is not None:
            morning = "that morning" if w.past else "this morning"
            parts.append(f"{site} {getattr(row, f'{site}_wake')} ({morning})")
    against = ", ".join(parts) if parts else ("that morning's" if w.past else "this morning's")
    after = day_label(day + dt.timedelta(days=1))
    out.append(
        Reason(
            "tomorrow",
            "info",
            w.say("Tomorrow morning", f"The morning after ({after})")
            + f", watch that waking pain is no higher than {against}, and that leg symptoms "
            "reach no further down.",
            words.SOURCE_PAIN,
        )
    )
    return out


def baseline(rows: dict[str, DayRow], day: dt.date, site: str) -> float | None:
    """The median waking score of the 7 days before ``day``, with at least 3; else None."""
    scores = []
    for k in range(1, WINDOW_DAYS + 1):
        row = rows.get((day - dt.timedelta(days=k)).isoformat())
        value = getattr(row, f"{site}_wake") if row is not None else None
        if value is not None:
            scores.append(value)
    if len(scores) < BASELINE_MIN:
        return None
    return statistics.median(scores)


def _fmt(value: float) -> str:
    return f"{value:g}"


def _waking(row: DayRow, rows: dict[str, DayRow], day: dt.date, w: When) -> list[Reason]:
    out = []
    green = []
    for site in SITES:
        now: int = getattr(row, f"{site}_wake")
        base = baseline(rows, day, site)
        if base is None:
            out.append(
                Reason(
                    "baseline",
                    "info",
                    f"No {site} baseline yet: fewer than {BASELINE_MIN} of the 7 mornings before "
                    "have a waking score.",
                    words.SOURCE_NRS,
                )
            )
        elif now - base >= MCID:
            out.append(
                Reason(
                    "baseline",
                    "red",
                    f"{site.capitalize()} pain on waking is {now}, {_fmt(now - base)} above your "
                    f"baseline of {_fmt(base)}.",
                    words.SOURCE_NRS,
                )
            )
        elif now - base >= 1:
            out.append(
                Reason(
                    "baseline",
                    "amber",
                    f"{site.capitalize()} pain on waking is {now}, {_fmt(now - base)} above your "
                    f"baseline of {_fmt(base)}.",
                    words.SOURCE_PAIN,
                )
            )
        else:
            green.append(f"{site} {now} (baseline {_fmt(base)})")
        prior = []
        for k in range(1, RISE_DAYS + 1):
            before = rows.get((day - dt.timedelta(days=k)).isoformat())
            value = getattr(before, f"{site}_wake") if before is not None else None
            if value is not None:
                prior.append((value, k))
        if prior:
            low, k = min(prior)
            if now - low >= MCID:
                if w.past:
                    when = "the day before" if k == 1 else f"{k} days before"
                else:
                    when = "yesterday" if k == 1 else f"{k} days ago"
                out.append(
                    Reason(
                        "rise",
                        "red",
                        f"{site.capitalize()} pain on waking rose from {low} ({when}) to {now}: "
                        f"up {now - low} within {RISE_DAYS} days.",
                        words.SOURCE_NRS,
                    )
                )
    if green:
        out.append(
            Reason(
                "baseline",
                "green",
                f"Pain on waking no higher than your baseline: {', '.join(green)}.",
                words.SOURCE_PAIN,
            )
        )
    return out


def _extent(rows: dict[str, DayRow], day: dt.date) -> list[Reason]:
    extents = {date: (r.extent_l, r.extent_r) for date, r in rows.items()}
    overall, left, right = extent_trend(extents, day)
    if overall == "peripheralising":
        legs = [name for name, w in (("left", left), ("right", right)) if w == overall]
        return [
            Reason(
                "extent",
                "red",
                f"Leg symptoms reach further down the {' and '.join(legs)} leg than on any of "
                "the 7 days before (peripheralising).",
                words.SOURCE_EXTENT,
            )
        ]
    if overall in ("unknown", "none"):
        return []
    text = {
        "centralising": "Leg symptoms reach less far down than in the 7 days before "
        "(centralising, associated with a better outlook).",
        "stable": "Leg symptoms reach no further down than in the 7 days before.",
    }[overall]
    return [Reason("extent", "green", text, words.SOURCE_EXTENT)]


def spike_hr(metres: float, longest_m: float) -> str:
    """The hazard ratio of a spike's tier (Frandsen 2025): 10-30 %, 30-100 %, above 100 %."""
    for pct, hr in SPIKE_TIERS:
        if decimetres(metres) * 100 <= decimetres(longest_m) * (100 + pct):
            return hr
    return SPIKE_TOP_HR


def _spike(days, day: dt.date, units: str, w: When) -> list[Reason]:
    yesterday = day - dt.timedelta(days=1)
    out = []
    for spike in days.spikes:
        if spike.date == yesterday:
            out.append(
                Reason(
                    "spike",
                    "amber",
                    f"{w.run_on(-1, YESTERDAYS_RUN)} ({format_distance(spike.metres, units)}) was "
                    f"{spike.pct:.0f} % longer than your longest of the 30 days before "
                    f"({format_distance(spike.longest_before_m, units)}): a single-run spike "
                    f"(injury hazard ratio {spike_hr(spike.metres, spike.longest_before_m)}).",
                    words.SOURCE_SPIKE,
                )
            )
    return out


def load_amount(value: float, mode: str, units: str) -> str:
    """A load as said: a distance in the unit, or by effort ``"850 AU (effort x minutes)"``."""
    if mode == LOAD_SRPE:
        return f"{value:.0f} AU (effort x minutes)"
    return format_distance(value, units)


def _effort_note(days, day: dt.date) -> list[Reason]:
    """By effort, what the load is and how many sessions of the 28 days to today it misses."""
    if days.mode != LOAD_SRPE:
        return []
    missing, sessions = days.missing_between(day - dt.timedelta(days=CHRONIC_DAYS - 1), day)
    text = "Load by effort: effort x minutes of runs and other activity (chosen in Settings)."
    if missing:
        text += (
            f" {missing} of {sessions} session{'s' if sessions != 1 else ''} in the last "
            f"{CHRONIC_DAYS} days {'has' if missing == 1 else 'have'} no effort or no time "
            f"and {'counts' if missing == 1 else 'count'} as 0."
        )
    return [Reason("effort-load", "info", text, FOSTER)]


def _ramps(days, day: dt.date, week_start: str, units: str, w: When) -> list[Reason]:
    this_start = week_bounds(day, week_start)[0]
    weeks = {wk.start: wk for wk in weekly_loads(days.start, days.loads, week_start)}
    this = weeks.get(this_start)
    last = weeks.get(this_start - dt.timedelta(days=7))
    out = []
    names = (
        (f"The week of {w.label}, up to that day", "The week before")
        if w.past
        else ("This week so far", "Last week")
    )
    for week, name in zip((this, last), names, strict=True):
        if week is not None and week.two_week_flag:
            out.append(
                Reason(
                    "two-week-ramp",
                    "amber",
                    f"{name}: {load_amount(week.metres, days.mode, units)}, "
                    f"{week.two_week_pct:.0f} % "
                    f"more than two weeks before (above {TWO_WEEK_LIMIT_PCT} %).",
                    words.SOURCE_RAMP,
                )
            )
    if last is not None and last.ramp_flag:
        out.append(
            Reason(
                "weekly",
                "info",
                f"{names[1]} was {last.ramp_pct:.0f} % more than the week before"
                f"{' that' if w.past else ''} (above "
                f"+{RAMP_LIMIT_PCT} %): information only.",
                words.SOURCE_WEEKLY,
            )
        )
    return out


def acwr_reason(ratio: float, chronic: float, mode: str = "distance") -> Reason:
    """The EWMA ACWR's reason: counted only when the last 28 days add up to at least 1 km a day
    (``chronic`` metres in all), or by effort to at least 20 AU a day (``chronic`` AU in all);
    amber only above 1.5, never red."""
    if mode == LOAD_SRPE:
        name, source = "Load ratio by effort", f"{words.SOURCE_ACWR}; {FOSTER}"
        low = decimetres(chronic) < ACWR_MIN_DAILY_AU * 10 * CHRONIC_DAYS
        floor = f"{ACWR_MIN_DAILY_AU} AU (effort x minutes)"
    else:
        name, source = "Load ratio", words.SOURCE_ACWR
        low = decimetres(chronic) < ACWR_MIN_DAILY_M * 10 * CHRONIC_DAYS
        floor = "1 km"
    if low:
        return Reason(
            "acwr",
            "info",
            f"{name} {ratio:.2f} not judged: under {floor} a day over the last "
            f"{CHRONIC_DAYS} days.",
            source,
        )
    if ratio > ACWR_AMBER:
        text = f"{name} (EWMA) {ratio:.2f}: above {ACWR_AMBER}; never a red on its own."
        return Reason("acwr", "amber", text, source)
    return Reason("acwr", "info", f"{name} (EWMA) {ratio:.2f}.", source)


def _acwr(days, day: dt.date) -> list[Reason]:
    i = days.index(day - dt.timedelta(days=1))
    ratio = days.ewma[i] if 0 <= i < len(days.ewma) else None
    if ratio is None:
        return []
    chronic = sum(days.loads[max(i + 1 - CHRONIC_DAYS, 0) : i + 1])
    return [acwr_reason(ratio, chronic, days.mode)]
