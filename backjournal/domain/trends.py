"""What the Trends screen, Today's readiness and ``backjournal stats`` are computed from, and the
chart series and stats rows computed from it. Pure Python: no Textual, no SQL, no plotext.

The flow, for the Trends screen (in a thread worker: the journal's connection may be used from
one, under its lock)::

    settings = journal.settings()
    start, end = range_bounds("1y", today, journal.trends.first_date(), settings.week_start)
    data = journal.trends.data(start, end)      # SQL: the range (+ 120 days of daily load)
    charts = build(data, start, end, max_points=plot_width, week_start=settings.week_start)

On a resize, call :func:`build` again on the same ``data`` (no SQL); on a range change
(:data:`RANGES`, :data:`RANGE_LABELS`, :func:`next_range`), read again. Every series is a list of
:class:`~backjournal.domain.aggregate.Bucket` (``start``, ``end``, ``label``, ``days``,
``values``), oldest first, at most about ``max_points`` long; plot them against
``range(len(buckets))`` with ``label`` as tick text (one numeric x for bars and lines together):

* ``charts.pain_mileage``: ``distance_m`` (sum, metres: convert with
  :func:`backjournal.domain.parse.metres_to_unit`), ``runs`` (sum), ``back`` and ``leg`` (mean
  of each day's worst score, 0-10; None where no day has one: a gap in the line). Grain
  ``charts.grain``.
* ``charts.load``: weekly (or coarser, ``charts.load_grain``) ``distance_m`` and ``runs``, with
  ``ramp_pct`` and ``two_week_pct`` (week grain only), and counts ``ramp_flags`` (information
  only), ``two_week_flags`` and ``spikes`` (with ``spike_tier``, the highest Frandsen tier) to
  mark. ``charts.weeks`` keeps every
  :class:`~backjournal.domain.load.WeekLoad` of the range; ``charts.spikes`` every
  :class:`~backjournal.domain.load.Spike` (date, metres, longest_before_m, pct).
* ``charts.acwr``: ``rolling`` and ``ewma`` (means over the bucket; None before 28 days of
  history: draw nothing there). Band lines: :data:`backjournal.domain.load.ACWR_BANDS` (0.8, 1.3,
  1.5) and :func:`backjournal.domain.load.acwr_band`.
* ``charts.extent``: ``left`` and ``right`` (max: the furthest reach down each leg, 0-5).
* ``charts.odi``: ``score`` (mean of the Oswestry check-ins in the bucket, 0-100).
* ``charts.has_acwr``, ``has_extent``, ``has_odi``: False when a chart has nothing to show yet
  (say so instead of drawing an empty chart).

Exercise adherence: ``data.exercise_days`` holds (date, scheduled, done) per day with exercises
scheduled; stats rows carry each row's adherence, and
:func:`backjournal.domain.insights.insights` compares weeks by it.

``backjournal stats`` builds its rows (:mod:`backjournal.domain.stats`) from the same
:class:`TrendData`; Today calls :func:`backjournal.domain.readiness.readiness`, and the
insights panel :func:`backjournal.domain.insights.insights`.

The daily pain shown against mileage is each day's **worst** back (or leg) score across waking,
before, during and after, as History shows it; a bucket holds the mean of its days' worst scores,
days without a score ignored. Days before the journal's first day are zeros in the load but not
history: the ratios wait for 28 days from the first day, and the EWMA is seeded there.

Cost: :func:`build` is linear in the days of ``data`` (the range plus its lead-in), never in the
age of the journal; the store reads only that span (see ``backjournal.store.trends``). Measured on
the ten-year demo (2 cores): "1 year" reads in about 2 ms and builds in about 4 ms; "all" (ten
years) in about 17 and 25 ms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from backjournal.domain.aggregate import Bucket, aggregate, choose_grain
from backjournal.domain.load import (
    LEAD_IN_DAYS,
    LOAD_DISTANCE,
    LOAD_SRPE,
    DateLike,
    EffortLoads,
    Spike,
    WeekLoad,
    as_date,
    daily_loads,
    effort_loads,
    ewma_acwr,
    rolling_acwr,
    spike_tier,
    spikes,
    weekly_loads,
)
from backjournal.domain.trend_series import active_buckets, adherence_buckets, psfs_buckets
from backjournal.domain.values import week_bounds

# --- the rows the store reads --------------------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    """One recorded day's scores (NRS 0-10 or None), sciatica extent (0-5 or None) and the number
    of red flags recorded for it."""

    date: str
    back_wake: int | None = None
    leg_wake: int | None = None
    back_before: int | None = None
    leg_before: int | None = None
    back_during: int | None = None
    leg_during: int | None = None
    back_after: int | None = None
    leg_after: int | None = None
    extent_l: int | None = None
    extent_r: int | None = None
    flags: int = 0

    def worst(self, site: str) -> int | None:
        """The day's highest ``site`` ("back" or "leg") score, None when none is recorded."""
        if site == "back":
            scores = (self.back_wake, self.back_before, self.back_during, self.back_after)
        else:
            scores = (self.leg_wake, self.leg_before, self.leg_during, self.leg_after)
        present = [s for s in scores if s is not None]
        return max(present) if present else None


@dataclass(frozen=True)
class RunRow:
    """One run: its date, distance in metres, type, surface and shoe (the shoe's id, None when
    the run has none)."""

    date: str
    distance_m: float
    type: str = "easy"
    surface: str = "road"
    shoe_id: int | None = None


@dataclass(frozen=True)
class TrendData:
    """Everything read for the days ``start``..``end``, and the load before them.

    ``daily`` (``(date, metres, runs)`` per date with runs) begins at ``load_start``, up to
    :data:`LEAD_IN_DAYS` before ``start``: the ratios, ramps and the EWMA need it. ``runs`` (single
    runs, for spikes and insights) begin 30 days before ``start`` (the spike window). ``days`` (the
    recorded days' pain, extent and red-flag count), ``flags`` (red-flag reasons by date) and
    ``odi`` (``(date, score)`` per check-in day) cover ``start``..``end`` only. ``first_day`` is
    the journal's first recorded day (``None`` for an empty journal): history, for the 28 days the
    ratios wait for, starts there. Everything is sorted by date.
    """

    start: dt.date
    end: dt.date
    first_day: dt.date | None
    load_start: dt.date | None = None  # None: the same as start
    daily: tuple[tuple[str, float, int], ...] = ()
    runs: tuple[RunRow, ...] = ()
    days: tuple[DayRow, ...] = ()
    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    odi: tuple[tuple[str, float], ...] = ()
    # Exercises (issue #4): (date, scheduled, done) for each day of the range with something
    # scheduled, each by the programme in force that day (done counts scheduled ones only).
    exercise_days: tuple[tuple[str, int, int], ...] = ()
    # Staying active (issue #20): (date, active seconds, other activities) for each day of the
    # range with any; active seconds are timed runs plus other activity.
    active: tuple[tuple[str, int, int], ...] = ()
    # The load the ratios and ramps use (the "load" setting, issue #17): "distance" or "srpe".
    # With "srpe", ``sessions`` holds (date, effort, duration_s) of every run and other activity
    # from ``load_start`` (read for that mode only).
    load_mode: str = LOAD_DISTANCE
    sessions: tuple[tuple[str, int | None, int | None], ...] = ()
    # PSFS check-ins of the range (issue #17): (date, ((activity, rating 0-10), ...)).
    psfs: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    # Flare-ups overlapping the range (issue #17): (start, end or None while open), by start.
    flares: tuple[tuple[str, str | None], ...] = ()

    def active_between(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """Active minutes (timed runs and other activity) and activities in ``start``..``end``."""
        lo, hi = start.isoformat(), end.isoformat()
        days = [(s, n) for date, s, n in self.active if lo <= date <= hi]
        return round(sum(s for s, _ in days) / 60), sum(n for _, n in days)

    def adherence_between(self, start: dt.date, end: dt.date) -> float | None:
        """Done / scheduled over ``start``..``end`` (None when nothing was scheduled)."""
        lo, hi = start.isoformat(), end.isoformat()
        days = [(s, d) for date, s, d in self.exercise_days if lo <= date <= hi]
        scheduled = sum(s for s, _ in days)
        return sum(min(d, s) for s, d in days) / scheduled if scheduled else None

    @property
    def loads_from(self) -> dt.date:
        """The first day of the daily load series (``load_start``, or ``start``)."""
        return self.load_start or self.start

    @property
    def n_load_days(self) -> int:
        return (self.end - self.loads_from).days + 1

    def loads(self) -> list[float]:
        """The daily load of the chosen mode for every day ``loads_from``..``end`` (rest days 0):
        metres run, or effort x minutes (AU) of runs and other activity."""
        if self.load_mode == LOAD_SRPE:
            return self.effort().loads
        return self.distances()

    def distances(self) -> list[float]:
        """Daily distance run in metres for every day ``loads_from``..``end`` (rest days 0)."""
        return daily_loads(((d, m) for d, m, _ in self.daily), self.loads_from, self.end)

    def effort(self) -> EffortLoads:
        """The daily load by effort (session RPE) for every day ``loads_from``..``end``."""
        return effort_loads(self.sessions, self.loads_from, self.end)

    def run_counts(self) -> list[int]:
        """Runs per day for every day ``loads_from``..``end``."""
        counts = [0] * self.n_load_days
        for date, _, n in self.daily:
            i = (as_date(date) - self.loads_from).days
            if 0 <= i < len(counts):
                counts[i] += n
        return counts

    def history_before(self) -> int:
        """Days of journal before the load series (0 when history starts at or after it)."""
        if self.first_day is None:
            return 0
        return max((self.loads_from - self.first_day).days, 0)

    def day_map(self) -> dict[str, DayRow]:
        return {row.date: row for row in self.days}

    def rows_between(self, start: dt.date, end: dt.date) -> list[DayRow | None]:
        """One entry per day ``start``..``end``: the day's row, or None for a day without one."""
        out: list[DayRow | None] = [None] * ((end - start).days + 1)
        for row in self.days:
            i = (dt.date.fromisoformat(row.date) - start).days
            if 0 <= i < len(out):
                out[i] = row
        return out


def fetch_start(
    start: DateLike, first_day: DateLike | None, lead_in: int = LEAD_IN_DAYS
) -> dt.date:
    """Where reading the load should begin for a range beginning ``start``: ``lead_in`` days
    before it, but not before the journal's first day (an empty journal: ``start``)."""
    if first_day is None:
        return as_date(start)
    begin = max(as_date(start) - dt.timedelta(days=lead_in), as_date(first_day))
    return min(begin, as_date(start))


# --- ranges --------------------------------------------------------------------------------------

RANGES: tuple[str, ...] = ("4w", "12w", "1y", "all")
RANGE_LABELS: dict[str, str] = {"4w": "4 weeks", "12w": "12 weeks", "1y": "1 year", "all": "all"}
_RANGE_WEEKS = {"4w": 4, "12w": 12, "1y": 52}


def range_bounds(
    name: str, today: DateLike, first_day: DateLike | None, week_start: str = "monday"
) -> tuple[dt.date, dt.date]:
    """The first and last day of a named range ending ``today``.

    ``4w``/``12w``/``1y``: the current week and the 3/11/52 whole weeks before it (so weekly bars
    are whole weeks, the current one so far). ``all``: from the journal's first day (today for an
    empty journal).
    """
    end = as_date(today)
    if name == "all":
        start = as_date(first_day) if first_day is not None else end
        return min(start, end), end
    if name not in _RANGE_WEEKS:
        raise ValueError(f"unknown range {name!r}; ranges are {', '.join(RANGES)}")
    this_week = week_bounds(end, week_start)[0]
    return this_week - dt.timedelta(weeks=_RANGE_WEEKS[name] - 1), end


def next_range(name: str) -> str:
    """The range after ``name`` in the cycle 4w -> 12w -> 1y -> all -> 4w."""
    return RANGES[(RANGES.index(name) + 1) % len(RANGES)]


# --- derived daily series ------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadDays:
    """Daily load, runs and ratios over ``data.loads_from``..``data.end`` (lead-in included).

    ``loads`` is the chosen load (``mode``: metres, or AU by effort); ``distance`` is always the
    metres run (the distance charts and spikes). ``missing`` and ``sessions`` count, per day, the
    sessions without an effort or a time and all sessions (by effort only; empty otherwise)."""

    start: dt.date
    loads: list[float]
    runs: list[int]
    rolling: list[float | None]
    ewma: list[float | None]
    spikes: list[Spike]
    distance: list[float] = field(default_factory=list)
    mode: str = LOAD_DISTANCE
    missing: list[int] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)

    def missing_between(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """(sessions without an effort or a time, all sessions) in ``start``..``end`` by effort;
        (0, 0) for distance."""
        if not self.missing:
            return 0, 0
        lo, hi = max(self.index(start), 0), min(self.index(end), len(self.missing) - 1)
        if hi < lo:
            return 0, 0
        return sum(self.missing[lo : hi + 1]), sum(self.sessions[lo : hi + 1])

    def index(self, day: DateLike) -> int:
        return (as_date(day) - self.start).days

    def slice(self, name: str, start: dt.date, end: dt.date) -> list:
        values = getattr(self, name)
        return values[self.index(start) : self.index(end) + 1]


def load_days(data: TrendData) -> LoadDays:
    """The daily load, the two ratios and the spikes of ``data`` (ratios need its lead-in).

    Days before the journal's first day are zeros in the load but not history: the ratios start
    counting their 28 days, and the EWMA is seeded, on the first day.
    """
    distance = data.distances()
    missing: list[int] = []
    sessions: list[int] = []
    if data.load_mode == LOAD_SRPE:
        effort = data.effort()
        loads, missing, sessions = effort.loads, effort.missing, effort.sessions
    else:
        loads = distance
    offset = 0
    if data.first_day is not None and data.first_day > data.loads_from:
        offset = min((data.first_day - data.loads_from).days, len(loads))
    history = loads[offset:]
    return LoadDays(
        start=data.loads_from,
        loads=loads,
        runs=data.run_counts(),
        rolling=[None] * offset + rolling_acwr(history),
        ewma=[None] * offset + ewma_acwr(history, history_before=data.history_before()),
        spikes=spikes([(r.date, r.distance_m) for r in data.runs]),
        distance=distance,
        mode=data.load_mode,
        missing=missing,
        sessions=sessions,
    )


# --- the charts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Charts:
    """The series of every Trends chart for one range, each at most about ``max_points`` long."""

    start: dt.date
    end: dt.date
    grain: str  # day, week, month, quarter or year (pain_mileage, acwr, extent, odi)
    load_grain: str  # week or coarser (load)
    pain_mileage: list[Bucket]
    load: list[Bucket]
    weeks: list[WeekLoad]
    acwr: list[Bucket]
    extent: list[Bucket]
    odi: list[Bucket]
    spikes: list[Spike]
    has_acwr: bool  # a ratio exists somewhere in the range (28 days of history)
    has_extent: bool
    has_odi: bool
    # Exercise adherence per week (or coarser): "pct" done / scheduled in percent (None when
    # nothing was scheduled), "back" and "leg" the mean of the days' worst pain.
    adherence: list[Bucket] = field(default_factory=list)
    has_adherence: bool = False
    # The load of ``load`` and the ratios (the "load" setting): "distance" or "srpe"; by effort,
    # how many sessions of the range had no effort or no time (counted 0), of how many.
    load_mode: str = LOAD_DISTANCE
    load_missing: tuple[int, int] = (0, 0)
    # Active minutes (issue #20) per week or coarser (``load_grain``): "minutes" of timed runs and
    # other activity ("back" and "leg", the mean of the days' worst pain, for other readers).
    active: list[Bucket] = field(default_factory=list)
    # PSFS (issue #17) at ``grain``: "item0".."item4" the mean rating of each activity in
    # ``psfs_names`` (None where it was not rated), "score" the mean of the check-ins' scores.
    psfs: list[Bucket] = field(default_factory=list)
    psfs_names: tuple[str, ...] = ()
    psfs_checkins: int = 0
    # Flare-ups within the range (issue #17), clipped to it: (first day, last day), shaded on the
    # pain chart; an open one runs to the range's end.
    flares: tuple[tuple[dt.date, dt.date], ...] = ()


def checked_range(data: TrendData, start: DateLike, end: DateLike) -> tuple[dt.date, dt.date]:
    """``start``..``end`` as dates, refused if backwards or outside what ``data`` read."""
    first, last = as_date(start), as_date(end)
    if last < first:
        raise ValueError(f"the range ends ({last}) before it starts ({first})")
    if first < data.start or last > data.end:  # days are read for start..end only
        raise ValueError(f"{first}..{last} is not inside the data read ({data.start}..{data.end})")
    return first, last


def build(
    data: TrendData,
    start: DateLike,
    end: DateLike,
    *,
    max_points: int,
    week_start: str = "monday",
) -> Charts:
    """Every chart's series for the range ``start``..``end`` (inside ``data``).

    ``max_points`` is the plot's width in columns (at most about one point per column).
    """
    first, last = checked_range(data, start, end)
    days = load_days(data)
    grain = choose_grain(first, last, max_points, week_start)
    load_grain = "week" if grain == "day" else grain
    rows = data.rows_between(first, last)
    worst_back = [None if r is None else r.worst("back") for r in rows]
    worst_leg = [None if r is None else r.worst("leg") for r in rows]
    pain_mileage = aggregate(
        first,
        {
            "distance_m": days.slice("distance", first, last),
            "runs": days.slice("runs", first, last),
            "back": worst_back,
            "leg": worst_leg,
        },
        {"distance_m": "sum", "runs": "sum", "back": "mean", "leg": "mean"},
        max_points=max_points,
        week_start=week_start,
        grain=grain,
    )
    weeks = [
        w
        for w in weekly_loads(data.loads_from, days.loads, week_start, runs=days.runs)
        if w.end >= first and w.start <= last
    ]
    in_range = [s for s in days.spikes if first <= s.date <= last]
    load = _load_buckets(days, weeks, in_range, first, last, load_grain, week_start)
    rolling = days.slice("rolling", first, last)
    ewma = days.slice("ewma", first, last)
    acwr = aggregate(
        first,
        {"rolling": rolling, "ewma": ewma},
        {"rolling": "mean", "ewma": "mean"},
        max_points=max_points,
        week_start=week_start,
        grain=grain,
    )
    left = [None if r is None else r.extent_l for r in rows]
    right = [None if r is None else r.extent_r for r in rows]
    extent = aggregate(
        first,
        {"left": left, "right": right},
        {"left": "max", "right": "max"},
        max_points=max_points,
        week_start=week_start,
        grain=grain,
    )
    odi_column: list[float | None] = [None] * len(rows)
    for date, score in data.odi:
        i = (dt.date.fromisoformat(date) - first).days
        if 0 <= i < len(rows):
            odi_column[i] = score
    odi = aggregate(
        first,
        {"score": odi_column},
        {"score": "mean"},
        max_points=max_points,
        week_start=week_start,
        grain=grain,
    )
    adherence, has_adherence = adherence_buckets(
        data, first, last, worst_back, worst_leg, load_grain, max_points, week_start
    )
    active = active_buckets(data, first, last, worst_back, worst_leg, load_grain, week_start)
    psfs, names, checkins = psfs_buckets(data, first, last, grain, max_points, week_start)
    return Charts(
        start=first,
        end=last,
        grain=grain,
        load_grain=load_grain,
        adherence=adherence,
        has_adherence=has_adherence,
        pain_mileage=pain_mileage,
        load=load,
        weeks=weeks,
        acwr=acwr,
        extent=extent,
        odi=odi,
        spikes=in_range,
        has_acwr=any(v is not None for v in rolling + ewma),
        has_extent=any(v is not None for v in left + right),
        has_odi=any(v is not None for v in odi_column),
        load_mode=days.mode,
        load_missing=days.missing_between(first, last),
        active=active,
        psfs=psfs,
        psfs_names=names,
        psfs_checkins=checkins,
        flares=flare_spans(data.flares, first, last),
    )


def flare_spans(
    flares: Sequence[tuple[str, str | None]], first: dt.date, last: dt.date
) -> tuple[tuple[dt.date, dt.date], ...]:
    """The flare-ups' days within ``first``..``last``: each clipped to the range, an open one
    (no end) running to ``last``; one that misses the range is left out."""
    out = []
    for start, end in flares:
        lo = max(dt.date.fromisoformat(start), first)
        hi = min(dt.date.fromisoformat(end) if end else last, last)
        if lo <= hi:
            out.append((lo, hi))
    return tuple(out)


def _load_buckets(
    days: LoadDays,
    weeks: list[WeekLoad],
    found: list[Spike],
    first: dt.date,
    last: dt.date,
    grain: str,
    week_start: str,
) -> list[Bucket]:
    """Weekly (or coarser) distance and runs, with the flags of the weeks in each bucket.

    ``load`` is the chosen load (metres or AU, ``days.mode``), ``distance_m`` always the metres
    run; by effort, ``missing`` counts the bucket's sessions without an effort or a time.

    Distance and runs are summed per day, so a week straddling two months is split between them
    (nothing lost or counted twice, as in every chart). A week's ramp flags count in the bucket
    holding the week's first day (or the range's first day, for a week begun before it);
    ``ramp_pct`` and ``two_week_pct`` are given at week grain only.
    """
    columns: dict[str, list] = {
        "distance_m": days.slice("distance", first, last),
        "load": days.slice("loads", first, last),
        "runs": days.slice("runs", first, last),
    }
    if days.missing:
        columns["missing"] = days.slice("missing", first, last)
    buckets = aggregate(
        first,
        columns,
        {"distance_m": "sum", "load": "sum", "runs": "sum", "missing": "sum"},
        max_points=1,
        week_start=week_start,
        grain=grain,
    )
    out = []
    for bucket in buckets:
        in_bucket = [w for w in weeks if bucket.start <= max(w.start, first) <= bucket.end]
        week = in_bucket[0] if grain == "week" and in_bucket else None
        values = dict(bucket.values)
        values.update(
            ramp_pct=week.ramp_pct if week else None,
            two_week_pct=week.two_week_pct if week else None,
            ramp_flags=float(sum(w.ramp_flag for w in in_bucket)),
            two_week_flags=float(sum(w.two_week_flag for w in in_bucket)),
            spikes=float(sum(bucket.start <= s.date <= bucket.end for s in found)),
        )
        # The highest Frandsen tier among the bucket's spikes (None: none), for its marker.
        tiers = [s.pct for s in found if bucket.start <= s.date <= bucket.end]
        values["spike_tier"] = spike_tier(max(tiers)) if tiers else None
        out.append(Bucket(bucket.start, bucket.end, bucket.label, bucket.days, values))
    return out
