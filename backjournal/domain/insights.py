"""Insights: what the journal may say about its own data, held to CLINICAL.md's statistics bar.

A runner's journal is small and noisy: twenty comparisons of three days against three find a
"clinically meaningful" difference in pure noise more than a third of the time. So a sentence of
the form "X is associated with a difference in Y" appears only when every rule of the bar holds
(CLINICAL.md, "Insights: the statistics bar"):

* **Outcomes**, each its own: the change in back pain by the next morning (next morning's waking
  score minus this morning's), the same for leg pain, and how far down the leg symptoms reach the
  next day (the extent level, the furthest of the two legs, 0-5).
* **Enough data**: at least :data:`MIN_DAYS` (10) days on each side, spread over at least
  :data:`MIN_WEEKS` (3) different weeks on each side; otherwise "not enough data yet (7 and 4
  days; 10 on each side needed)".
* **Uncertainty**: the difference of the two means with a 95 % interval from a week-block
  bootstrap (whole weeks resampled, because days of one week are alike), :data:`RESAMPLES`
  resamples with a fixed seed, so the same journal always gives the same words.
* **Many comparisons**: Benjamini-Hochberg across every comparison tested for the range at
  q = :data:`Q_LEVEL`; the rest read "no clear difference".
* **"Clinically meaningful"** only when the whole interval lies :data:`MCID` (2) points or more
  from zero (Farrar 2001; Ostelo 2008; for the extent, 2 levels: our choice, named as such).
* **Order**: stated differences first, ranked by the interval bound nearest zero. Each sentence
  gives n per side and the interval. Rest days, active days, exercise adherence and the user's
  own factors carry the reverse-causation caveat (people often rest, stay still, do more
  exercises, or change what they do and how they feel, when they hurt more).

The comparisons (:func:`insights`): run days vs rest days; active days (other activity such as a
walk or a ride, no run) vs rest days with neither, when the range holds an active day; runs
above the range's median distance vs the others; each run type, surface and shoe vs the other
runs; spike runs (Frandsen et al., BJSM 2025), all and per tier, vs runs that are no spike; weeks
with a two-week ramp above 30 % (Nielsen et al., JOSPT 2014) vs other weeks; weeks with 70 % or
more of the exercise programme done vs fewer; and each of the user's own factors (issue #17): a
yes/no factor's days answered yes vs days answered no, a 0-10 factor's days at or above its median
of the range vs days below (a day with no answer is on neither side: unanswered is not "no").

Speed: the bootstrap draws depend only on the number of weeks resampled and the seed, so they are
drawn once per week count and kept (:func:`_draws`). Each week's counts over all resamples are
packed into one integer (64 bits per resample), so a side's resampled sums over 2,000 resamples
are a handful of integer multiply-adds (one per week with data), unpacked by :mod:`struct` in C:
pure Python, no numpy, a few milliseconds per comparison for a 12-week range. The cost follows
the weeks of the range, never the age of the journal.

Why one module of about 770 lines: the comparisons, the bootstrap, the multiple-comparison check
and the sentences are one rule (CLINICAL.md's bar); split, each part would need the others'
constants and a reader would have to hold four files to check one sentence against the bar.

Pure Python; no Textual, no SQL. Call with the range's
:class:`~backjournal.domain.trends.TrendData`::

    own = journal.clinical.factor_series(start, end)  # the user's factors, one query
    found = insights(data, start, end, units="km", week_start="monday", own=own)
    for line in sentences(found):
        print(line)
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
import statistics
import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import sub, truediv

from backjournal.domain.clinical import Factor as OwnFactor
from backjournal.domain.load import DateLike, as_date, decimetres, spikes, weekly_loads
from backjournal.domain.parse import format_distance
from backjournal.domain.trends import TrendData
from backjournal.domain.values import RUN_TYPES, SURFACES, week_bounds

MIN_DAYS = 10  # days needed on each side of a comparison
MIN_WEEKS = 3  # different weeks needed on each side
RESAMPLES = 2000  # week-block bootstrap resamples
SEED = 20261125  # fixed: the same journal always gives the same words
Q_LEVEL = 0.10  # Benjamini-Hochberg false discovery rate
MCID = 2  # NRS points (and, our choice, extent levels): clinically meaningful
ADHERENCE_GOAL = 0.7  # weeks with 70 % or more of the programme done
TWO_WEEK_PCT = 30  # the two-week ramp flag (Nielsen 2014)
# Frandsen et al. 2025: a run more than 10 % longer than the longest of the previous 30 days;
# tiers by how much longer, with the hazard ratio found for each.
SPIKE_TIERS: tuple[tuple[str, float, float, str], ...] = (
    ("10-30", 10.0, 30.0, "10-30 % longer"),
    ("30-100", 30.0, 100.0, "30-100 % longer"),
    ("100+", 100.0, math.inf, "more than twice as long"),
)
BIAS = 10  # added to every value so that packed sums are never negative (changes go to -10)

OUTCOMES: tuple[str, ...] = ("back", "leg", "extent")
OUTCOME_PHRASES = {
    "back": "the change in back pain by the next morning",
    "leg": "the change in leg pain by the next morning",
    "extent": "how far down the leg symptoms reach the next day",
}
OUTCOME_SHORT = {
    "back": "back pain change by the next morning",
    "leg": "leg pain change by the next morning",
    "extent": "how far down the leg, next day",
}
UNITS = {"back": "points", "leg": "points", "extent": "levels"}

MEANINGFUL = "clinically meaningful"  # the only verdict that states a difference
SMALL = "below 2 points"  # the interval misses zero but not the 2 points: not stated
NO_CLEAR = "no clear difference"
NOT_ENOUGH = "not enough data"
VERDICTS = (MEANINGFUL, SMALL, NO_CLEAR, NOT_ENOUGH)

CAVEATS = {
    "rest": "People often rest when they hurt more, so the link may run the other way.",
    "active-rest": "People often stay still when they hurt more, so the link may run the other "
    "way.",
    "adherence": "People often do more exercises when they hurt more, so the link may run "
    "the other way.",
    "own": "People often change what they do, and how they feel, when they hurt more, so the "
    "link may run the other way.",
}
FOOTER = "Associations in your own data, not causes; guidance, not a verdict."
METHOD = (
    "Stated only with 10 days or more on each side over 3 weeks or more, a 95 % interval "
    "(week-block bootstrap) and a Benjamini-Hochberg check across all comparisons (q = 0.10)."
)

ACTIVE_DAYS = "active days (other activity, no run)"
INACTIVE_DAYS = "rest days (no run, no other activity)"

TYPE_PHRASES = {
    "easy": "easy runs",
    "long": "long runs",
    "tempo": "tempo runs",
    "intervals": "interval sessions",
    "race": "races",
    "other": "runs of type other",
}
SURFACE_PHRASES = {
    "road": "runs on road",
    "trail": "runs on trails",
    "track": "runs on the track",
    "treadmill": "runs on a treadmill",
    "grass": "runs on grass",
}


@dataclass(frozen=True)
class Insight:
    """One comparison of one outcome: the numbers behind it, its verdict and its sentence.

    ``difference`` is mean(side a) - mean(side b) in points (levels for the extent); ``ci`` its
    95 % interval; ``p`` the bootstrap two-sided p-value, ``q`` the Benjamini-Hochberg adjusted
    one (None for a comparison with not enough data: it is not tested).
    """

    # stable id: "rest", "active-rest", "distance", "type:long", "shoe:3", "spike:10-30", "ramp",
    # "own:4" (the user's own factor 4)...
    factor: str
    topic: str  # rest, active-rest, distance, type, surface, shoe, spike, ramp, adherence, own
    outcome: str  # back, leg or extent
    label_a: str  # "run days"
    label_b: str  # "rest days"
    n_a: int
    n_b: int
    weeks_a: int
    weeks_b: int
    difference: float | None
    ci: tuple[float, float] | None
    p: float | None
    q: float | None
    verdict: str
    text: str
    mean_a: float | None = None  # each side's mean outcome (None: no day on that side)
    mean_b: float | None = None

    @property
    def key(self) -> str:
        return f"{self.factor}/{self.outcome}"

    @property
    def enough(self) -> bool:
        return self.verdict != NOT_ENOUGH

    @property
    def stated(self) -> bool:
        """A difference is stated: only a clinically meaningful one (CLINICAL.md)."""
        return self.verdict == MEANINGFUL

    @property
    def nearest_bound(self) -> float:
        """The interval bound nearest zero, as a distance from zero (0 when it spans zero)."""
        if self.ci is None or self.ci[0] <= 0 <= self.ci[1]:
            return 0.0
        return min(abs(self.ci[0]), abs(self.ci[1]))


# --- the bootstrap -------------------------------------------------------------------------------

_COUNTS = struct.Struct(f"<{RESAMPLES}Q")
_FIELDS = struct.Struct(f"<{2 * RESAMPLES}I")


@lru_cache(maxsize=16)
def _draws(weeks: int) -> tuple[int, ...]:
    """For ``weeks`` weeks: each week's count in every resample, packed (64 bits per resample).

    Resample ``r`` draws ``weeks`` weeks with replacement; week ``j``'s integer holds in its bits
    ``64 r .. 64 r + 63`` how often week ``j`` was drawn in resample ``r``. Seeded by the week
    count, so two journals with as many weeks get the same draws, and one journal always its own.
    """
    rng = random.Random(SEED * 1000 + weeks)
    picks = rng.choices(range(weeks), k=weeks * RESAMPLES)
    counts = [[0] * RESAMPLES for _ in range(weeks)]
    for i, week in enumerate(picks):
        counts[week][i // weeks] += 1
    return tuple(int.from_bytes(_COUNTS.pack(*column), "little") for column in counts)


def _resampled(
    sums: Sequence[int], counts: Sequence[int], packed: Sequence[int]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """For every resample: the sum over weeks of ``sums[j]`` times week ``j``'s count, and the
    same of ``counts``. Both ride in one integer (the sum in the low 32 bits of each resample's
    64, the count in the high 32: neither comes near 2**32), unpacked by struct in C."""
    total = 0
    for value, count, week in zip(sums, counts, packed, strict=True):
        if count:
            total += (value | count << 32) * week
    fields = _FIELDS.unpack(total.to_bytes(8 * RESAMPLES, "little"))
    return fields[0::2], fields[1::2]


Z975 = 1.959963984540054  # the normal distribution's 97.5th percentile


def t975(df: int) -> float:
    """The 97.5th percentile of Student's t with ``df`` degrees of freedom (Cornish-Fisher
    expansion, a little low for few: 0.13 under the exact value at 2 degrees of freedom, 0.023 at
    3, 0.007 at 4, within 0.005 from 5 on)."""
    z = Z975
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


def widening(weeks: int) -> float:
    """How much the bootstrap's spread is widened for ``weeks`` resampled weeks.

    A bootstrap over few blocks is too narrow: it divides by K where an unbiased variance divides
    by K - 1, and it uses normal tails where K - 1 degrees of freedom give Student's t. Measured on
    simulated 12-week journals, the plain percentile interval missed zero in 10 % of null
    comparisons instead of 5 %; widened by ``t(K-1) / z * sqrt(K / (K-1))`` it is near 5 %.
    """
    return t975(weeks - 1) / Z975 * math.sqrt(weeks / (weeks - 1))


def bootstrap(
    sums_a: Sequence[int], counts_a: Sequence[int], sums_b: Sequence[int], counts_b: Sequence[int]
) -> tuple[float, tuple[float, float], float]:
    """mean(a) - mean(b), its 95 % interval and its two-sided p-value, resampling whole weeks.

    ``sums_x[j]`` and ``counts_x[j]`` are week ``j``'s sum (each value + BIAS) and number of days
    on side x. The interval is the bootstrap's percentile interval, widened about the difference
    by :func:`widening` for the number of weeks; the p-value is read from the same widened
    distribution, so that the interval misses zero exactly when p < 0.05. Resamples with no day
    on a side are left out.
    """
    weeks = len(sums_a)
    packed = _draws(weeks)
    sa, na = _resampled(sums_a, counts_a, packed)
    sb, nb = _resampled(sums_b, counts_b, packed)
    if 0 in na or 0 in nb:
        kept = [(a, n, b, m) for a, n, b, m in zip(sa, na, sb, nb, strict=True) if n and m]
        sa, na, sb, nb = (tuple(c) for c in zip(*kept, strict=True))
    # The BIAS added to every value cancels in the difference of the two means.
    diffs = sorted(map(sub, map(truediv, sa, na), map(truediv, sb, nb)))
    diff = (sum(sums_a) / sum(counts_a)) - (sum(sums_b) / sum(counts_b))
    f = widening(weeks)
    n = len(diffs)
    low = diff - f * (diff - diffs[round(0.025 * (n - 1))])
    high = diff + f * (diffs[round(0.975 * (n - 1))] - diff)
    zero = diff - diff / f  # where zero falls in the unwidened distribution
    below = bisect.bisect_right(diffs, zero)
    above = n - bisect.bisect_left(diffs, zero)
    p = min(1.0, 2 * (min(below, above) + 1) / (n + 1))
    return diff, (low, high), p


def benjamini_hochberg(pvalues: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, pvalues[i] * m / rank)
        q[i] = running
    return q


# --- the comparisons -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Factor:
    """A way to split the days: ``side[i]`` True (a), False (b) or None (neither) per day."""

    key: str
    topic: str
    label_a: str
    label_b: str
    side: list[bool | None]


def _outcomes(data: TrendData, days: list[dt.date]) -> dict[str, list[int | None]]:
    """Each outcome for every day of ``days``: the change in waking pain from that morning to
    the next (back, leg) and the next day's extent (the furthest of both legs)."""
    index = {d: i for i, d in enumerate(days)}
    n = len(days)
    wake = {"back": [None] * (n + 1), "leg": [None] * (n + 1)}
    extent: list[int | None] = [None] * (n + 1)
    for row in data.days:
        i = index.get(as_date(row.date))
        if i is None:
            i = n if as_date(row.date) == days[-1] + dt.timedelta(days=1) else None
        if i is None:
            continue
        wake["back"][i] = row.back_wake
        wake["leg"][i] = row.leg_wake
        levels = [e for e in (row.extent_l, row.extent_r) if e is not None]
        extent[i] = max(levels) if levels else None
    out: dict[str, list[int | None]] = {}
    for site in ("back", "leg"):
        w = wake[site]
        out[site] = [
            None if w[i] is None or w[i + 1] is None else w[i + 1] - w[i] for i in range(n)
        ]
    out["extent"] = extent[1:]
    return out


def factors(
    data: TrendData,
    days: list[dt.date],
    *,
    units: str,
    week_start: str,
    adherence: Mapping[dt.date, float] | None,
    shoes: Mapping[int, str] | None,
    own: Sequence[tuple[OwnFactor, Mapping[DateLike, int]]] = (),
) -> list[Factor]:
    """Every comparison that can be made for ``days`` (all of them, in a fixed order); ``own``
    is the user's factors with their answers by date (see :func:`own_factors`)."""
    first, last = days[0], days[-1]
    runs_by_day: dict[dt.date, list] = {}
    for run in data.runs:
        d = as_date(run.date)
        if run.distance_m > 0 and first <= d <= last:
            runs_by_day.setdefault(d, []).append(run)
    found: list[Factor] = []
    seen: set[tuple[bool | None, ...]] = set()

    def add(key, topic, label_a, label_b, side: Callable[[dt.date], bool | None]) -> None:
        sides = tuple(side(d) for d in days)
        if sides in seen:
            return  # the same split of the days (trails vs road when those are all): once only
        mirror = tuple(None if s is None else not s for s in sides)
        seen.update((sides, mirror))
        found.append(Factor(key, topic, label_a, label_b, list(sides)))

    add("rest", "rest", "run days", "rest days", lambda d: d in runs_by_day)
    # Staying active (issue #20): the days without a run, split by whether they held other
    # activity (a walk, a ride...). Only when the range holds such a day: a journal of runs
    # alone is not told, three times, that it has no active days.
    active = {
        d
        for d in map(as_date, (date for date, _, count in data.active if count))
        if first <= d <= last and d not in runs_by_day
    }
    if active:
        add(
            "active-rest",
            "active-rest",
            ACTIVE_DAYS,
            INACTIVE_DAYS,
            lambda d: None if d in runs_by_day else d in active,
        )
    longest = {d: max(r.distance_m for r in rs) for d, rs in runs_by_day.items()}
    if longest:
        median = statistics.median(longest.values())
        add(
            "distance",
            "distance",
            f"runs over {format_distance(median, units)} (the median)",
            "shorter runs",
            lambda d: (longest[d] > median) if d in longest else None,
        )
    for topic, values, phrases, attr, other in (
        ("type", RUN_TYPES, TYPE_PHRASES, "type", "other runs"),
        ("surface", SURFACES, SURFACE_PHRASES, "surface", "runs on other surfaces"),
    ):
        for value in values:
            having = {
                d for d, rs in runs_by_day.items() if any(getattr(r, attr) == value for r in rs)
            }
            if not having or len(having) == len(runs_by_day):
                continue  # nothing to compare with
            add(
                f"{topic}:{value}",
                topic,
                phrases[value],
                other,
                lambda d, having=having: (d in having) if d in runs_by_day else None,
            )
    shod: dict[dt.date, set[int]] = {}
    for d, rs in runs_by_day.items():
        worn = {r.shoe_id for r in rs if r.shoe_id is not None}
        if worn:
            shod[d] = worn
    names = shoes or {}
    for shoe_id in sorted({s for worn in shod.values() for s in worn}):
        having = {d for d, worn in shod.items() if shoe_id in worn}
        if len(having) == len(shod):
            continue
        name = names.get(shoe_id) or f"shoe {shoe_id}"
        add(
            f"shoe:{shoe_id}",
            "shoe",
            f"runs in {name}",
            "runs in other shoes",
            lambda d, having=having: (d in having) if d in shod else None,
        )
    # Spikes (Frandsen 2025): the runs before the range give the 30-day window.
    tier_of: dict[dt.date, int] = {}  # the day's highest tier (an index into SPIKE_TIERS)
    for spike in spikes([(r.date, r.distance_m) for r in data.runs]):
        if spike.date in runs_by_day:
            tier = spike_tier(spike.metres, spike.longest_before_m)
            tier_of[spike.date] = max(tier_of.get(spike.date, 0), tier)
    if tier_of:
        add(
            "spike",
            "spike",
            "spike runs (more than 10 % longer than the longest of the previous 30 days)",
            "runs that were no spike",
            lambda d: (d in tier_of) if d in runs_by_day else None,
        )
        for index, (key, _, _, phrase) in enumerate(SPIKE_TIERS):
            tier = {d for d, found in tier_of.items() if found == index}
            if tier and len(tier) < len(tier_of):
                add(
                    f"spike:{key}",
                    "spike",
                    f"spike runs {phrase} than the longest of the previous 30 days",
                    "runs that were no spike",
                    lambda d, tier=tier: _tier_side(d, tier, tier_of, runs_by_day),
                )
    week_of = {d: week_bounds(d, week_start)[0] for d in days}
    ramps = {
        w.start: w.two_week_flag
        for w in weekly_loads(data.loads_from, data.loads(), week_start)
        if w.complete and w.two_week_pct is not None
    }
    add(
        "ramp",
        "ramp",
        f"weeks with a two-week ramp above {TWO_WEEK_PCT} %",
        "other weeks",
        lambda d: ramps.get(week_of[d]),
    )
    if adherence is None and data.exercise_days:
        from backjournal.domain.adherence import weekly

        adherence = weekly(
            {as_date(d): (s, n) for d, s, n in data.exercise_days}, week_start=week_start
        )
    if adherence:
        by_week = {week_bounds(as_date(k), week_start)[0]: v for k, v in adherence.items()}
        add(
            "adherence",
            "adherence",
            "weeks with 70 % or more of the programme done",
            "weeks with less",
            lambda d: _adherent(by_week.get(week_of[d])),
        )
    found.extend(own_factors(own, days))
    return found


def own_factors(
    own: Sequence[tuple[OwnFactor, Mapping[DateLike, int]]], days: list[dt.date]
) -> list[Factor]:
    """The user's own factors (issue #17), one split each, in the order given (the store's: the
    order they were added), a retired factor too when it has answers in ``days``.

    A day with no answer is on neither side: unanswered is not "no". A yes/no factor: days
    answered yes vs days answered no. A 0-10 factor: days at or above the median of its answers
    in ``days`` vs days below (a day exactly at the median is of the "or more" side); when no
    answer is below the median (most answers 0, a few higher), days above it vs days at it; when
    every answer is equal, or there is none, no comparison. Never left out as the same split of
    the days as another comparison: the user asked for each by name (Benjamini-Hochberg counts
    it all the same).
    """
    first, last = days[0], days[-1]
    found: list[Factor] = []
    for factor, values in own:
        answers = {as_date(d): v for d, v in values.items() if first <= as_date(d) <= last}
        if not answers:
            continue
        name = f'"{factor.name}"'
        if factor.kind == "scale":
            median = statistics.median(answers.values())
            if median == max(answers.values()) == min(answers.values()):
                continue  # every answer equal: nothing to compare
            if median == min(answers.values()):
                label_a = f"days with {name} over {median:g} (the median)"
                label_b = f"days with {name} at {median:g}"
                sides = {d: v > median for d, v in answers.items()}
            else:
                label_a = f"days with {name} {median:g} or more (the median)"
                label_b = "days with less"
                sides = {d: v >= median for d, v in answers.items()}
        else:
            label_a = f"days with {name}"
            label_b = "days answered no"
            sides = {d: bool(v) for d, v in answers.items()}
        found.append(
            Factor(f"own:{factor.id}", "own", label_a, label_b, [sides.get(d) for d in days])
        )
    return found


def spike_tier(metres: float, longest_m: float) -> int:
    """The tier of a spike (an index into SPIKE_TIERS): up to 30 % longer, up to 100 %, more.
    Compared in whole decimetres, as the distances are stored and as Run today? names the
    tier (``readiness.spike_hr``): a run exactly 30 % longer is of the 10-30 % tier, not the
    next one by a rounding error."""
    for index, (_, _, high, _) in enumerate(SPIKE_TIERS[:-1]):
        if decimetres(metres) * 100 <= decimetres(longest_m) * (100 + high):
            return index
    return len(SPIKE_TIERS) - 1


def _tier_side(day, tier, tier_of, runs_by_day) -> bool | None:
    """A spike of this tier (True), a run day with no spike (False), else neither."""
    if day in tier:
        return True
    return False if day in runs_by_day and day not in tier_of else None


def _adherent(done: float | None) -> bool | None:
    return None if done is None else done >= ADHERENCE_GOAL


def insights(
    data: TrendData,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    units: str = "km",
    week_start: str = "monday",
    adherence: Mapping[dt.date, float] | None = None,
    shoes: Mapping[int, str] | None = None,
    own: Sequence[tuple[OwnFactor, Mapping[DateLike, int]]] = (),
) -> list[Insight]:
    """Every comparison of every outcome for the days ``start``..``end`` (default: ``data``'s
    range), ranked: stated differences by the interval bound nearest zero, then "no clear
    difference", then "not enough data" (each in a fixed order).

    ``adherence`` maps each week's first day to the fraction of the programme done (default:
    from ``data.exercise_days``); ``shoes`` names the shoes by id; ``own`` is the user's own
    factors, each with its answers by date (``ClinicalStore.factor_series``), compared by
    :func:`own_factors`.
    """
    first = as_date(start) if start is not None else data.start
    last = as_date(end) if end is not None else data.end
    if last < first:
        return []
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    outcomes = _outcomes(data, days)
    week_index: dict[dt.date, int] = {}
    week_of_day = []
    for d in days:
        week_of_day.append(week_index.setdefault(week_bounds(d, week_start)[0], len(week_index)))
    n_weeks = len(week_index)

    raw = []  # (factor, outcome, n_a, n_b, weeks_a, weeks_b, diff, ci, p)
    for factor in factors(
        data, days, units=units, week_start=week_start, adherence=adherence, shoes=shoes, own=own
    ):
        for outcome in OUTCOMES:
            values = outcomes[outcome]
            sums = ([0] * n_weeks, [0] * n_weeks)
            counts = ([0] * n_weeks, [0] * n_weeks)
            for i, which in enumerate(factor.side):
                value = values[i]
                if which is None or value is None:
                    continue
                s = 0 if which else 1
                w = week_of_day[i]
                sums[s][w] += value + BIAS
                counts[s][w] += 1
            n_a, n_b = sum(counts[0]), sum(counts[1])
            means = tuple(
                (sum(sums[s]) - BIAS * n) / n if n else None for s, n in ((0, n_a), (1, n_b))
            )
            weeks_a = sum(1 for c in counts[0] if c)
            weeks_b = sum(1 for c in counts[1] if c)
            if min(n_a, n_b) < MIN_DAYS or min(weeks_a, weeks_b) < MIN_WEEKS:
                raw.append((factor, outcome, n_a, n_b, weeks_a, weeks_b, None, None, None, means))
                continue
            used = [j for j in range(n_weeks) if counts[0][j] or counts[1][j]]
            diff, ci, p = bootstrap(
                [sums[0][j] for j in used],
                [counts[0][j] for j in used],
                [sums[1][j] for j in used],
                [counts[1][j] for j in used],
            )
            raw.append((factor, outcome, n_a, n_b, weeks_a, weeks_b, diff, ci, p, means))

    tested = [i for i, r in enumerate(raw) if r[8] is not None]
    qvalues = dict(zip(tested, benjamini_hochberg([raw[i][8] for i in tested]), strict=True))
    found: list[Insight] = []
    for i, (factor, outcome, n_a, n_b, weeks_a, weeks_b, diff, ci, p, means) in enumerate(raw):
        q = qvalues.get(i)
        if p is None:
            verdict = NOT_ENOUGH
        elif q <= Q_LEVEL and (ci[0] > 0 or ci[1] < 0):
            verdict = MEANINGFUL if (ci[0] >= MCID or ci[1] <= -MCID) else SMALL
        else:
            verdict = NO_CLEAR
        text = _sentence(factor, outcome, verdict, n_a, n_b, weeks_a, weeks_b, diff, ci)
        found.append(
            Insight(
                factor.key,
                factor.topic,
                outcome,
                factor.label_a,
                factor.label_b,
                n_a,
                n_b,
                weeks_a,
                weeks_b,
                diff,
                ci,
                p,
                q,
                verdict,
                text,
                *means,
            )
        )
    order = {key: i for i, key in enumerate(f"{r[0].key}/{r[1]}" for r in raw)}
    found.sort(
        key=lambda x: (
            0 if x.stated else (2 if x.verdict == NOT_ENOUGH else 1),
            -round(x.nearest_bound, 9) if x.stated else 0,
            order[x.key],
        )
    )
    return found


# --- the sentences -------------------------------------------------------------------------------


def _signed(value: float) -> str:
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def _sentence(factor, outcome, verdict, n_a, n_b, weeks_a, weeks_b, diff, ci) -> str:
    subject = f"{factor.label_a[0].upper()}{factor.label_a[1:]} vs {factor.label_b}"
    unit = UNITS[outcome]
    if verdict == NOT_ENOUGH:
        if min(n_a, n_b) < MIN_DAYS:
            need = f"{n_a} and {n_b} days; {MIN_DAYS} on each side needed"
        else:
            need = (
                f"{n_a} and {n_b} days over {weeks_a} and {weeks_b} weeks; "
                f"{MIN_WEEKS} different weeks on each side needed"
            )
        return f"{subject}, {OUTCOME_SHORT[outcome]}: not enough data yet ({need})."
    numbers = f"95 % CI {_signed(ci[0])} to {_signed(ci[1])}; {n_a} and {n_b} days"
    if verdict == NO_CLEAR:
        return (
            f"{subject}, {OUTCOME_SHORT[outcome]}: no clear difference "
            f"({_signed(diff)} {unit}, {numbers})."
        )
    if verdict == SMALL:
        return (
            f"{subject}, {OUTCOME_SHORT[outcome]}: no clear difference of {MCID} {unit} or more "
            f"({_signed(diff)} {unit}, {numbers})."
        )
    label_a = f"{factor.label_a[0].upper()}{factor.label_a[1:]}"
    text = (
        f"{label_a} are associated with a difference in {OUTCOME_PHRASES[outcome]}: "
        f"{_signed(diff)} {unit} against {factor.label_b} ({numbers}), clinically meaningful "
        f"(the whole interval is {MCID} {unit} or more from zero)."
    )
    caveat = CAVEATS.get(factor.topic)
    return f"{text} {caveat}" if caveat else text


def sentences(found: Sequence[Insight]) -> list[str]:
    """Every comparison's sentence, in rank order (what ``backjournal insights`` prints)."""
    return [i.text for i in found]


def panel(found: Sequence[Insight], limit: int = 4) -> list[str]:
    """The sentences the Trends screen shows, in rank order: the stated differences (up to
    ``limit``), else the tested comparisons (up to ``limit``), else those still short of data;
    then one line counting the rest. The same sentences as :func:`sentences`, fewer of them."""
    stated = [i for i in found if i.stated]
    tested = [i for i in found if i.verdict in (SMALL, NO_CLEAR)]
    short = [i for i in found if i.verdict == NOT_ENOUGH]
    shown = (stated or tested or short)[:limit]
    lines = [i.text for i in shown]
    shown_keys = {i.key for i in shown}
    rest = {v: 0 for v in VERDICTS}
    for i in found:
        if i.key not in shown_keys:
            rest[i.verdict] += 1
    parts = []
    if rest[MEANINGFUL]:
        parts.append(f"{rest[MEANINGFUL]} more clinically meaningful")
    if rest[SMALL] + rest[NO_CLEAR]:
        parts.append(f"{rest[SMALL] + rest[NO_CLEAR]} with no clear difference")
    if rest[NOT_ENOUGH]:
        parts.append(f"{rest[NOT_ENOUGH]} without enough data yet")
    if parts:
        listed = "backjournal insights lists them all"
        lines.append(f"Other comparisons: {', '.join(parts)} ({listed}).")
    return lines


def document(
    found: Sequence[Insight], *, start: dt.date, end: dt.date, week_start: str, units: str
) -> dict:
    """The JSON document of ``backjournal insights --json`` (docs/insights-json.md)."""

    def num(value: float | None, digits: int = 2) -> float | None:
        return None if value is None else round(value, digits)

    return {
        "format": "backjournal-insights",
        "version": 1,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "week_start": week_start,
        "units": units,
        "method": {
            "min_days": MIN_DAYS,
            "min_weeks": MIN_WEEKS,
            "resamples": RESAMPLES,
            "seed": SEED,
            "q_level": Q_LEVEL,
            "meaningful": MCID,
        },
        "comparisons": [
            {
                "factor": i.factor,
                "topic": i.topic,
                "outcome": i.outcome,
                "side_a": i.label_a,
                "side_b": i.label_b,
                "n_a": i.n_a,
                "n_b": i.n_b,
                "weeks_a": i.weeks_a,
                "weeks_b": i.weeks_b,
                "difference": num(i.difference),
                "ci_low": num(i.ci[0]) if i.ci else None,
                "ci_high": num(i.ci[1]) if i.ci else None,
                "p": num(i.p, 4),
                "q": num(i.q, 4),
                "verdict": i.verdict,
                "text": i.text,
            }
            for i in found
        ],
    }
