"""Training load: the daily load series, weekly totals and ramps, single-run spikes, and the
acute:chronic workload ratio (rolling and EWMA). Pure functions on plain numbers and dates.

The definitions are those of CLINICAL.md ("Training load"); the tests pin them with hand-computed
vectors:

* **Daily load** is the distance run that day, in metres. A day without a run, or without an entry
  at all, is a rest day: load 0, not a gap (:func:`daily_loads`).
* **Weekly ramp**: this week's total / last week's total: "the traditional 10 % rule". Neither
  Nielsen 2014 nor Frandsen 2025 found a week-to-week ratio associated with injury, so it is
  information only: ``ramp_flag`` (above +10 %) is kept for callers that show the percentage, but
  nothing marks or colours it. The **two-week ramp** (this week / the week two weeks before) above
  +30 % is the ramp flag (Nielsen et al., JOSPT 2014; 874 novice runners; HR 1.59, 95 % CI
  0.96-2.66): a weak signal, shown as such (:func:`weekly_loads`). Exactly +30 % is not flagged.
  Weeks follow the week-start setting (:func:`backjournal.domain.values.week_bounds`).
* **Single-run spike** (Frandsen et al., BJSM 2025; 5,205 runners, Garmin-RUNSAFE): a run more
  than 10 % longer than the longest run of the previous 30 days (the 30 days before the run's
  date), in tiers with the hazard ratios found: 1.64 for 10-30 % longer, 1.52 for 30-100 %, 2.28
  above 100 % (:func:`spike_tier`). The strongest load signal we have. A run with no run in those
  30 days has nothing to be compared with and is not called a spike (:func:`spikes`,
  :func:`spike_limit`).
* **ACWR, rolling** (Gabbett, BJSM 2016): mean daily load of the last 7 days / mean of the last 28
  days, the day itself included (:func:`rolling_acwr`).
* **ACWR, EWMA** (Williams et al., BJSM 2017): ``EWMA_t = L_t * a + (1 - a) * EWMA_(t-1)`` with
  ``a = 2 / (N + 1)``, N = 7 (acute) and 28 (chronic), both seeded with the first day's load
  (:func:`ewma`, :func:`ewma_acwr`).
* Neither ratio exists before 28 days of history (``None``), nor on a day whose chronic load is
  zero (nothing to divide by). Bands (:func:`acwr_band`): below 0.8, 0.8-1.3, above 1.3 to 1.5,
  above 1.5 (named under-training, sweet spot, caution and danger in the stats JSON, whose names
  are stable). The thresholds are debated (Impellizzeri 2020) and Frandsen 2025 found *fewer*
  injuries at higher ratios: callers show :data:`ACWR_CAVEAT` with them and never a red verdict.

* **Load by effort** (session RPE, Foster et al., J Strength Cond Res 2001), chosen in Settings
  instead of distance for the ratios and ramps: a session's load is its CR-10 effort (0-10, asked
  after it) x its duration in minutes, in arbitrary units (AU); a day's load is the sum of its
  sessions, **runs and other activity** (walks, rides, swims...: their effort counts too, and the
  screens say so). Spikes stay distance-based whatever the setting (Frandsen 2025 studied runs'
  distances). A session without an effort or without a time has no sRPE: it counts as 0 and is
  counted as missing, and every place that shows the effort load says how many were left out
  (:func:`effort_loads`). Our choice, not a published one: the mode is offered from the first day
  rather than withheld until weeks of efforts exist, because efforts are optional and a user who
  forgets one should still have the rest counted; saying the count keeps the gap visible.

Limits are compared exactly: distances are stored to 0.1 m, so totals are compared in whole
decimetres with integer arithmetic (``this * 100 > last * 110``), and a week of exactly +10 % is
never flagged because of a floating-point rounding.

Reading only part of a long journal: the rolling ratio needs the 27 days before the first day
shown, and the EWMA forgets old days geometrically (a day ``k`` days back weighs ``(27/29)^k`` in
the chronic average: 0.02 % after 120 days). So a caller may pass a series that starts
:data:`LEAD_IN_DAYS` before the range it shows, with ``history_before`` saying how many days of
journal precede the series: the cost then depends on the range shown, not on the journal's age.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from backjournal.domain.values import LOAD_MODES, week_bounds

ACUTE_DAYS = 7
CHRONIC_DAYS = 28
SPIKE_WINDOW_DAYS = 30
RAMP_LIMIT_PCT = 10  # the traditional 10 % rule: information only, never a flag
TWO_WEEK_LIMIT_PCT = 30  # the ramp flag: two-week ramp above this (Nielsen 2014)
SPIKE_LIMIT_PCT = 10  # a run this much longer than the longest of the last 30 days is a spike
# Days read before a range so that its ratios, ramps and spikes are right from its first day (see
# the module docstring: the EWMA seeding error after 120 days is below 0.02 %).
LEAD_IN_DAYS = 120

# The load the ratios and ramps use (the "load" setting): distance run (the default, as CLINICAL.md
# defines daily load) or session RPE (Foster 2001).
LOAD_DISTANCE, LOAD_SRPE = LOAD_MODES
LOAD_LABELS = {LOAD_DISTANCE: "distance run", LOAD_SRPE: "effort x minutes (session RPE)"}
FOSTER = "Foster et al., J Strength Cond Res 2001 (session RPE)"
EFFORT_MAX = 10  # CR-10

ACWR_CAVEAT = (
    "The acute:chronic ratio is debated (Impellizzeri 2020) and Frandsen 2025 found fewer "
    "injuries at higher ratios: information, not a verdict."
)
NIELSEN = "Nielsen et al., JOSPT 2014: 874 novice runners; HR 1.59, 95 % CI 0.96-2.66"
FRANDSEN = "Frandsen et al., BJSM 2025: 5,205 runners (Garmin-RUNSAFE)"
# Spike tiers (Frandsen 2025): (upper bound in percent longer, name, hazard ratio found).
SPIKE_TIERS: tuple[tuple[float, str, float], ...] = (
    (30.0, "10-30 %", 1.64),
    (100.0, "30-100 %", 1.52),
    (float("inf"), "over 100 %", 2.28),
)

# ACWR bands (CLINICAL.md), by upper bound: (limit, name); a ratio above every limit is "danger".
ACWR_BANDS: tuple[tuple[float, str], ...] = (
    (0.8, "under-training"),  # below 0.8
    (1.3, "sweet spot"),  # 0.8 to 1.3
    (1.5, "caution"),  # above 1.3 to 1.5
)
ACWR_DANGER = "danger"  # above 1.5
ACWR_BAND_NAMES: tuple[str, ...] = ("under-training", "sweet spot", "caution", "danger")

DateLike = dt.date | str


def as_date(value: DateLike) -> dt.date:
    """A ``datetime.date`` from a date or its ISO text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def decimetres(metres: float) -> int:
    """A distance in whole decimetres (the precision distances are stored with)."""
    return round(metres * 10)


def exceeds(value_m: float, base_m: float, limit_pct: int) -> bool:
    """True when ``value_m`` is more than ``limit_pct`` % above ``base_m`` (exactly: not)."""
    return decimetres(value_m) * 100 > decimetres(base_m) * (100 + limit_pct)


def percent_change(value: float, base: float) -> float | None:
    """``(value / base - 1) * 100``; ``None`` when there is no base (zero)."""
    if decimetres(base) <= 0:
        return None
    return (value / base - 1) * 100


# --- the daily series ----------------------------------------------------------------------------


def daily_loads(
    pairs: Iterable[tuple[DateLike, float]], start: DateLike, end: DateLike
) -> list[float]:
    """The load of every day from ``start`` to ``end`` inclusive, in metres.

    ``pairs`` are ``(date, metres)`` in any order: one per run or per day; several on one date are
    added up, dates outside the range are ignored, and a date without a pair is a rest day (0).
    """
    first, last = as_date(start), as_date(end)
    n = (last - first).days + 1
    loads = [0.0] * max(n, 0)
    for date, metres in pairs:
        i = (as_date(date) - first).days
        if 0 <= i < n:
            loads[i] += metres
    return loads


def session_rpe(effort: int | None, duration_s: float | None) -> float | None:
    """A session's load by effort (Foster 2001): CR-10 effort x minutes, in arbitrary units.

    ``None`` when the effort or the time is not recorded (unknown, never 0 by assumption); an
    effort of 0 ("rest") gives 0. Efforts outside 0-10 are refused (ValueError): the store never
    holds one.
    """
    if effort is None or duration_s is None:
        return None
    if not 0 <= effort <= EFFORT_MAX:
        raise ValueError(f"an effort is 0 to {EFFORT_MAX} (CR-10), not {effort!r}")
    return effort * duration_s / 60


@dataclass(frozen=True)
class EffortLoads:
    """The daily load by effort over a span: ``loads[i]`` in AU (sessions without an effort or a
    time count 0), ``missing[i]`` how many sessions of day ``i`` had no effort or no time, and
    ``sessions[i]`` how many sessions it had in all."""

    loads: list[float]
    missing: list[int]
    sessions: list[int]

    def missing_between(self, lo: int, hi: int) -> tuple[int, int]:
        """(missing, sessions) of days ``lo``..``hi`` (indexes, inclusive, clipped to the span)."""
        lo, hi = max(lo, 0), min(hi, len(self.loads) - 1)
        if hi < lo:
            return 0, 0
        return sum(self.missing[lo : hi + 1]), sum(self.sessions[lo : hi + 1])


def effort_loads(
    sessions: Iterable[tuple[DateLike, int | None, float | None]], start: DateLike, end: DateLike
) -> EffortLoads:
    """The daily session-RPE load from ``start`` to ``end`` inclusive.

    ``sessions`` are ``(date, effort, duration_s)`` of every run and other activity, in any order;
    dates outside the range are ignored. A session without an effort or a time adds 0 to its day
    and 1 to its day's ``missing`` (see the module: our choice is to count and say, not to hide
    the mode).
    """
    first, last = as_date(start), as_date(end)
    n = max((last - first).days + 1, 0)
    loads, missing, count = [0.0] * n, [0] * n, [0] * n
    for date, effort, duration_s in sessions:
        i = (as_date(date) - first).days
        if 0 <= i < n:
            count[i] += 1
            load = session_rpe(effort, duration_s)
            if load is None:
                missing[i] += 1
            else:
                loads[i] += load
    return EffortLoads(loads, missing, count)


def load_unit(mode: str, units: str = "km") -> str:
    """The unit a load of ``mode`` is shown in: the distance unit, or AU (arbitrary units)."""
    return "AU" if mode == LOAD_SRPE else units


# --- acute:chronic workload ratio ----------------------------------------------------------------


def rolling_acwr(loads: Sequence[float]) -> list[float | None]:
    """Gabbett's rolling ratio for each day: mean of the last 7 days / mean of the last 28.

    ``loads[i]`` is day ``i``'s load; the windows end on (and include) day ``i``. ``None`` for the
    first 27 days of the series (fewer than 28 days to average) and where the 28-day load is zero.
    """
    out: list[float | None] = []
    prefix = [0.0]
    for load in loads:
        prefix.append(prefix[-1] + load)
    for i in range(len(loads)):
        if i + 1 < CHRONIC_DAYS:
            out.append(None)
            continue
        chronic = (prefix[i + 1] - prefix[i + 1 - CHRONIC_DAYS]) / CHRONIC_DAYS
        acute = (prefix[i + 1] - prefix[i + 1 - ACUTE_DAYS]) / ACUTE_DAYS
        out.append(acute / chronic if chronic > 1e-9 else None)
    return out


def ewma(loads: Sequence[float], n: int) -> list[float]:
    """The exponentially weighted moving average with ``a = 2 / (n + 1)``, seeded with the first
    day's load (Williams et al. 2017): ``EWMA_0 = L_0``, ``EWMA_t = L_t*a + (1-a)*EWMA_(t-1)``."""
    a = 2 / (n + 1)
    out: list[float] = []
    for i, load in enumerate(loads):
        out.append(load if i == 0 else load * a + (1 - a) * out[-1])
    return out


def ewma_acwr(loads: Sequence[float], *, history_before: int = 0) -> list[float | None]:
    """Williams' EWMA ratio for each day: EWMA(7) / EWMA(28), both seeded with ``loads[0]``.

    ``history_before`` is how many days of journal come before ``loads[0]`` (0 when the series
    starts on the journal's first day): the ratio is ``None`` until 28 days of history exist, and
    where the chronic EWMA is zero.
    """
    acute = ewma(loads, ACUTE_DAYS)
    chronic = ewma(loads, CHRONIC_DAYS)
    out: list[float | None] = []
    for i in range(len(loads)):
        if history_before + i + 1 < CHRONIC_DAYS or chronic[i] <= 1e-9:
            out.append(None)
        else:
            out.append(acute[i] / chronic[i])
    return out


def acwr_band(ratio: float | None) -> str | None:
    """The band of a ratio as shown (two decimals): under-training, sweet spot, caution, danger.

    Below 0.8 under-training; 0.8 to 1.3 (both included) sweet spot; above 1.3 to 1.5 caution;
    above 1.5 danger. ``None`` for no ratio.
    """
    if ratio is None:
        return None
    shown = round(ratio, 2)
    if shown < ACWR_BANDS[0][0]:
        return ACWR_BANDS[0][1]
    for limit, name in ACWR_BANDS[1:]:
        if shown <= limit:
            return name
    return ACWR_DANGER


# --- weeks and ramps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekLoad:
    """One week's total and its ramps. ``complete`` is False for a week that the series only
    partly covers (its total is then a part); ramps are computed only against complete weeks."""

    start: dt.date
    end: dt.date
    metres: float
    runs: int
    complete: bool
    ramp_pct: float | None  # this week / last week, in percent above (None: no base)
    ramp_flag: bool  # ramp above +10 %: information only (the traditional 10 % rule)
    two_week_pct: float | None  # this week / the week two weeks before, in percent above
    two_week_flag: bool  # two-week ramp above +30 %: the ramp flag (Nielsen 2014)


def weekly_loads(
    start: DateLike,
    loads: Sequence[float],
    week_start: str = "monday",
    *,
    runs: Sequence[int] | None = None,
) -> list[WeekLoad]:
    """The weeks covering the daily series ``loads`` (day 0 is ``start``), with totals and ramps.

    Weeks begin on ``week_start``. A week the series covers only in part is ``complete=False``;
    the ramp of the last (current) week compares what is run so far with the whole of last week.
    ``runs`` (optional) counts runs per day, summed per week.
    """
    first = as_date(start)
    n = len(loads)
    if n == 0:
        return []
    last = first + dt.timedelta(days=n - 1)
    totals: list[tuple[dt.date, dt.date, float, int, bool]] = []
    week_first, week_last = week_bounds(first, week_start)
    while week_first <= last:
        lo = max((week_first - first).days, 0)
        hi = min((week_last - first).days, n - 1)
        metres = sum(loads[lo : hi + 1])
        count = sum(runs[lo : hi + 1]) if runs is not None else 0
        complete = week_first >= first and week_last <= last
        totals.append((week_first, week_last, metres, count, complete))
        week_first += dt.timedelta(days=7)
        week_last += dt.timedelta(days=7)
    weeks: list[WeekLoad] = []
    for i, (w_first, w_last, metres, count, complete) in enumerate(totals):
        ramp = two = None
        ramp_flag = two_flag = False
        if i >= 1 and totals[i - 1][4]:
            ramp = percent_change(metres, totals[i - 1][2])
            ramp_flag = ramp is not None and exceeds(metres, totals[i - 1][2], RAMP_LIMIT_PCT)
        if i >= 2 and totals[i - 2][4]:
            two = percent_change(metres, totals[i - 2][2])
            two_flag = two is not None and exceeds(metres, totals[i - 2][2], TWO_WEEK_LIMIT_PCT)
        weeks.append(
            WeekLoad(w_first, w_last, metres, count, complete, ramp, ramp_flag, two, two_flag)
        )
    return weeks


# --- single-run spikes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Spike:
    """A run more than 10 % longer than the longest run of the 30 days before it."""

    date: dt.date
    metres: float
    longest_before_m: float  # the longest run of the previous 30 days

    @property
    def pct(self) -> float:
        """How much longer, in percent (to 1e-9: 13 km over 10 km is 30, not 30.000000000000004,
        which put a run exactly 30 % longer in the 30-100 % tier)."""
        return round((self.metres / self.longest_before_m - 1) * 100, 9)

    @property
    def tier(self) -> str:
        """Its Frandsen 2025 tier: "10-30 %", "30-100 %" or "over 100 %"."""
        return spike_tier(self.pct)


def spike_tier(pct: float) -> str:
    """The Frandsen 2025 tier of a spike ``pct`` percent longer than the longest of the previous
    30 days: 10-30 % (HR 1.64), 30-100 % (HR 1.52), over 100 % (HR 2.28)."""
    for upper, name, _hr in SPIKE_TIERS:
        if pct <= upper:
            return name
    return SPIKE_TIERS[-1][1]


def longest_before(runs: Sequence[tuple[DateLike, float]], day: DateLike) -> float | None:
    """The longest run in the 30 days before ``day`` (``day`` itself excluded); None if none."""
    target = as_date(day)
    window_start = target - dt.timedelta(days=SPIKE_WINDOW_DAYS)
    longest = None
    for date, metres in runs:
        d = as_date(date)
        if window_start <= d < target and metres > 0 and (longest is None or metres > longest):
            longest = metres
    return longest


def spike_limit(runs: Sequence[tuple[DateLike, float]], day: DateLike) -> float | None:
    """The longest run on ``day`` that is not a spike (the longest of the previous 30 days
    + 10 %), in metres; ``None`` when no run in those 30 days gives a base."""
    longest = longest_before(runs, day)
    return None if longest is None else longest * (100 + SPIKE_LIMIT_PCT) / 100


def spikes(runs: Sequence[tuple[DateLike, float]]) -> list[Spike]:
    """Every run more than 10 % longer than the longest run of the previous 30 days.

    ``runs`` are ``(date, metres)`` single runs (not day totals), in any order. Runs on the same
    day are not compared with each other; a run with no run in the 30 days before it (or a run of
    0 m) is not a spike.
    """
    ordered = sorted(((as_date(d), m) for d, m in runs), key=lambda r: r[0])
    found: list[Spike] = []
    # The runs of the window, oldest first, with decreasing distances: the head is the longest
    # (a run followed by a longer one can never be the longest again, so it is dropped).
    window: deque[tuple[dt.date, float]] = deque()
    added = 0  # runs before this index are in (or were dropped from) the window
    i, n = 0, len(ordered)
    while i < n:
        date = ordered[i][0]
        j = i
        while j < n and ordered[j][0] == date:
            j += 1
        for earlier, metres in ordered[added:i]:  # the runs of the previous days
            if metres > 0:
                while window and window[-1][1] <= metres:
                    window.pop()
                window.append((earlier, metres))
        added = i
        window_start = date - dt.timedelta(days=SPIKE_WINDOW_DAYS)
        while window and window[0][0] < window_start:
            window.popleft()
        if window:
            longest = window[0][1]
            for _, metres in ordered[i:j]:
                if metres > 0 and exceeds(metres, longest, SPIKE_LIMIT_PCT):
                    found.append(Spike(date, metres, longest))
        i = j
    return found


ACWR_BAND_ORDER = {None: -1, "under-training": 0, "sweet spot": 0, "caution": 1, "danger": 2}


def worse_band(*ratios: float | None) -> str | None:
    """The more cautious ACWR band of ``ratios`` (danger > caution > the others)."""
    bands = [acwr_band(r) for r in ratios if r is not None]
    if not bands:
        return None
    return max(bands, key=lambda b: (ACWR_BAND_ORDER[b], b == "under-training"))
