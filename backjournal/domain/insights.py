"""Insights: plain sentences comparing back pain on the mornings after different kinds of days.

Each insight compares pain on waking (the following day's ``back_wake``: the journal's
"next-morning" score) after two kinds of day, and says how many days each side rests on::

    Next-morning back pain averages 4.1 after runs over 15 km and 2.3 after shorter runs
    (21 vs 96 days): 1.8 points higher, less than the 2 points that count as a clinically
    meaningful change. An association, not a cause.

The same comparison is made for the morning of the day itself and two mornings later
(:attr:`Insight.detail`). The comparisons (:func:`insights`):

* **run length**: run days whose longest run is over a threshold vs run days without one (the
  threshold is given, or the whole km or mi just below the upper quartile of the run days);
* **run days vs rest days** (a day without a run is a rest day, entry or not);
* **run type** and **surface**: run days with a run of that type (surface) vs run days without,
  for each type (surface) that some run days have and others do not;
* **shoe**: run days with a run in that shoe vs run days with runs in other shoes only (days
  whose runs have no shoe count on neither side), for each shoe that some of those days have
  and others do not; named by ``shoes`` (id -> name, from ``journal.trends.shoe_names()``);
* **ramp weeks**: days of complete weeks that ramped up more than 10 % on the week before (Nielsen
  2014) vs days of other complete weeks with a base;
* **exercise adherence**: days of weeks with 70 % or more of the programme done vs fewer, when
  weekly adherence is given (exercises are recorded from issue #4 on; without them, no sentence).

Rules: a comparison is stated only with at least :data:`MIN_DAYS` (3) days on each side, otherwise
it says "not enough data yet" with the counts; the size of the difference is given in points and
against the 2-point minimal clinically important difference of the NRS (CLINICAL.md); every
sentence says it is an association, not a cause. Distances are in the user's unit
(:func:`backjournal.domain.parse.format_distance`). Pure Python; no Textual, no SQL.

Call with the range's :class:`~backjournal.domain.trends.TrendData` (read one or two days past
the range's end, when they exist, so that its last days have their next mornings)::

    for insight in insights(data, units=settings.units, week_start=settings.week_start):
        print(insight.text, insight.detail)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from backjournal.domain.load import DateLike, as_date, decimetres, weekly_loads
from backjournal.domain.parse import format_distance, metres_to_unit
from backjournal.domain.trends import TrendData
from backjournal.domain.values import METRES_PER_MILE, RUN_TYPES, SURFACES, week_bounds

MIN_DAYS = 3  # days needed on each side of a comparison
LAGS: tuple[int, ...] = (0, 1, 2)  # mornings after the day: the same, the next, the one after
MAIN_LAG = 1  # the sentence is about the next morning
MCID = 2  # NRS points: a clinically meaningful difference (CLINICAL.md)
ADHERENCE_GOAL = 0.7  # weeks with 70 % or more of the programme done
ASSOCIATION = "An association, not a cause."

LAG_NAMES = {0: "the same morning", 1: "the next morning", 2: "two mornings later"}
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
class Comparison:
    """Mean pain on one morning (``lag`` days after the day) on both sides, and their day counts."""

    lag: int
    mean_a: float | None
    mean_b: float | None
    days_a: int
    days_b: int

    @property
    def enough(self) -> bool:
        """At least :data:`MIN_DAYS` days on each side."""
        return self.days_a >= MIN_DAYS and self.days_b >= MIN_DAYS

    @property
    def difference(self) -> float | None:
        """``a - b`` in NRS points as stated (means rounded to one decimal); None if not enough."""
        if not self.enough or self.mean_a is None or self.mean_b is None:
            return None
        return round(round(self.mean_a, 1) - round(self.mean_b, 1), 1)


@dataclass(frozen=True)
class Insight:
    """One comparison: its sentence (next morning), the other mornings, and the numbers."""

    topic: str  # distance, rest, type, surface, shoe, ramp, adherence
    key: str  # stable id: "distance", "rest", "type:long", "surface:trail", "shoe:3", "ramp"...
    label_a: str  # "after runs over 15 km"
    label_b: str  # "after shorter runs"
    comparisons: dict[int, Comparison]  # by lag (0, 1, 2)
    text: str
    detail: str

    @property
    def main(self) -> Comparison:
        return self.comparisons[MAIN_LAG]

    @property
    def enough(self) -> bool:
        return self.main.enough


# --- the comparisons -----------------------------------------------------------------------------

Side = Callable[[dt.date], bool | None]  # True: side a, False: side b, None: neither


def compare(sides: list[bool | None], wake: list[int | None], lag: int) -> Comparison:
    """Mean pain on waking ``lag`` days after each day, split by ``sides`` (one per day: True
    side a, False side b, None neither); ``wake`` holds the score of each day and of the days
    after the last (None: not recorded). A day without that morning's score counts on neither
    side."""
    a: list[int] = []
    b: list[int] = []
    for i, which in enumerate(sides):
        if which is None:
            continue
        score = wake[i + lag] if i + lag < len(wake) else None
        if score is None:
            continue
        (a if which else b).append(score)
    return Comparison(
        lag,
        sum(a) / len(a) if a else None,
        sum(b) / len(b) if b else None,
        len(a),
        len(b),
    )


def default_threshold(longest: list[float], units: str) -> float | None:
    """The whole km (or mi) just below the upper quartile of the run days' longest runs, so that
    the longest quarter of run days are "over" it (16 km runs: over 15 km); at least 1; in
    metres. None without runs."""
    if not longest:
        return None
    ordered = sorted(longest)
    quartile = metres_to_unit(ordered[min(len(ordered) - 1, (3 * len(ordered)) // 4)], units)
    unit_m = METRES_PER_MILE if units == "mi" else 1000.0
    return max(math.ceil(round(quartile, 6)) - 1, 1) * unit_m


def insights(
    data: TrendData,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    units: str = "km",
    week_start: str = "monday",
    threshold_m: float | None = None,
    site: str = "back",
    adherence: Mapping[dt.date, float] | None = None,
    shoes: Mapping[int, str] | None = None,
) -> list[Insight]:
    """The insights for the days ``start``..``end`` (default: all of ``data``'s range).

    ``threshold_m`` splits long and short runs (default :func:`default_threshold`); ``site`` is
    "back" or "leg"; ``adherence`` maps each week's first day to the fraction of the programme
    done that week (0-1); without it there is no adherence sentence. ``shoes`` names the shoes
    by id (a shoe missing from it is called "shoe <id>").
    """
    first = as_date(start) if start is not None else data.start
    last = as_date(end) if end is not None else data.end
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    # Pain on waking of every day of the range and of the two days after it (None: no score).
    wake: list[int | None] = [None] * (len(days) + max(LAGS))
    for row in data.days:
        i = (as_date(row.date) - first).days
        if 0 <= i < len(wake):
            wake[i] = getattr(row, f"{site}_wake")
    runs_by_day: dict[dt.date, list] = {}
    for run in data.runs:
        if run.distance_m > 0:
            runs_by_day.setdefault(as_date(run.date), []).append(run)
    run_days = [d for d in days if d in runs_by_day]
    pain = f"{site} pain"

    found: list[Insight] = []

    def add(topic: str, key: str, label_a: str, label_b: str, side: Side, subject: str) -> None:
        sides = [side(d) for d in days]
        comparisons = {lag: compare(sides, wake, lag) for lag in LAGS}
        found.append(_insight(topic, key, label_a, label_b, comparisons, pain, subject))

    # run length
    longest = {d: max(r.distance_m for r in runs_by_day[d]) for d in run_days}
    limit = threshold_m
    if limit is None:
        limit = default_threshold(list(longest.values()), units)
    if limit is not None:
        limit_dm = decimetres(limit)
        add(
            "distance",
            "distance",
            f"after runs over {format_distance(limit, units)}",
            "after shorter runs",
            lambda d: (decimetres(longest[d]) > limit_dm) if d in longest else None,
            f"Runs over {format_distance(limit, units)} vs shorter runs",
        )
    # run days vs rest days
    add(
        "rest",
        "rest",
        "after run days",
        "after rest days",
        lambda d: d in runs_by_day,
        "Run days vs rest days",
    )
    # run type and surface
    for topic, values, phrases, attr in (
        ("type", RUN_TYPES, TYPE_PHRASES, "type"),
        ("surface", SURFACES, SURFACE_PHRASES, "surface"),
    ):
        for value in values:
            having = {d for d in run_days if any(getattr(r, attr) == value for r in runs_by_day[d])}
            if not having or len(having) == len(run_days):
                continue  # nothing to compare with
            other = "other runs" if topic == "type" else "runs on other surfaces"
            add(
                topic,
                f"{topic}:{value}",
                f"after {phrases[value]}",
                f"after {other}",
                lambda d, having=having: (d in having) if d in longest else None,
                f"{phrases[value].capitalize()} vs {other}",
            )
    # shoe: runs in this shoe vs runs in other shoes
    shod: dict[dt.date, set[int]] = {}
    for d in run_days:
        worn = {r.shoe_id for r in runs_by_day[d] if r.shoe_id is not None}
        if worn:
            shod[d] = worn
    names = shoes or {}
    for shoe_id in sorted({s for worn in shod.values() for s in worn}):
        having = {d for d, worn in shod.items() if shoe_id in worn}
        if len(having) == len(shod):
            continue  # every shod run day: nothing to compare with
        name = names.get(shoe_id) or f"shoe {shoe_id}"
        add(
            "shoe",
            f"shoe:{shoe_id}",
            f"after runs in {name}",
            "after runs in other shoes",
            lambda d, having=having: (d in having) if d in shod else None,
            f"Runs in {name} vs runs in other shoes",
        )
    # ramp weeks
    week_of = {d: week_bounds(d, week_start)[0] for d in days}
    loads = data.loads()
    weeks = {
        w.start: w
        for w in weekly_loads(data.loads_from, loads, week_start)
        if w.complete and w.ramp_pct is not None
    }

    def in_ramp_week(day: dt.date) -> bool | None:
        week = weeks.get(week_of[day])
        return None if week is None else week.ramp_flag

    add(
        "ramp",
        "ramp",
        "in weeks that ramped up more than 10 %",
        "in other weeks",
        in_ramp_week,
        "Weeks that ramped up more than 10 % vs other weeks",
    )
    # exercise adherence (issue #4): only when weekly adherence exists (given, or from the data)
    if adherence is None and data.exercise_days:
        from backjournal.domain.adherence import weekly

        adherence = weekly(
            {as_date(d): (s, n) for d, s, n in data.exercise_days}, week_start=week_start
        )
    if adherence:
        by_week = {week_bounds(as_date(k), week_start)[0]: v for k, v in adherence.items()}

        def adherent(day: dt.date) -> bool | None:
            done = by_week.get(week_of[day])
            return None if done is None else done >= ADHERENCE_GOAL

        add(
            "adherence",
            "adherence",
            "in weeks with 70 % or more of the programme done",
            "in weeks with less",
            adherent,
            "Weeks with 70 % or more of the programme done vs fewer",
        )
    return found


# --- the sentences -------------------------------------------------------------------------------


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _size(diff: float) -> str:
    """``1.8 points higher, less than the 2 points ...`` for a difference ``a - b``."""
    if diff == 0:
        return "no difference"
    direction = "higher" if diff > 0 else "lower"
    points = abs(diff)
    unit = "point" if points == 1 else "points"
    if points >= MCID:
        meaning = f"at least the {MCID} points that count as a clinically meaningful change"
    else:
        meaning = f"less than the {MCID} points that count as a clinically meaningful change"
    return f"{points:.1f} {unit} {direction}, {meaning}"


def _insight(
    topic: str,
    key: str,
    label_a: str,
    label_b: str,
    comparisons: dict[int, Comparison],
    pain: str,
    subject: str,
) -> Insight:
    main = comparisons[MAIN_LAG]
    if main.enough:
        text = (
            f"Next-morning {pain} averages {_num(main.mean_a)} {label_a} and "
            f"{_num(main.mean_b)} {label_b} ({main.days_a} vs {main.days_b} days): "
            f"{_size(main.difference)}. {ASSOCIATION}"
        )
    else:
        text = (
            f"{subject}: not enough data yet ({main.days_a} vs {main.days_b} days with a "
            f"next-morning {pain} score; {MIN_DAYS} needed on each side)."
        )
    parts = []
    for lag in LAGS:
        if lag == MAIN_LAG:
            continue
        c = comparisons[lag]
        name = LAG_NAMES[lag].capitalize() if not parts else LAG_NAMES[lag]
        if c.enough:
            parts.append(
                f"{name}: {_num(c.mean_a)} vs {_num(c.mean_b)} ({c.days_a} vs {c.days_b} days)"
            )
        else:
            parts.append(f"{name}: not enough data yet ({c.days_a} vs {c.days_b} days)")
    detail = "; ".join(parts) + "."
    return Insight(topic, key, label_a, label_b, comparisons, text, detail)
