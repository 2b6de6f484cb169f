"""Everything the physio report shows, gathered in one place: :func:`gather` reads the journal
through its store methods and domain functions and returns one plain :class:`ReportData`.

Why one module: the layout (``pdf.py``, ``markdown.py``, ``charts.py``) reads only the
dataclasses below, so what the report shows is wired to the journal here only: red flags and
their outcomes (``journal.flags``, persistence by :func:`backjournal.domain.flags.active_flags`),
the clinical record (``journal.clinical``: treatments and doses, appointments and the plan rules
in force, flare-ups, PSFS), other activity, the insights, the leg-symptom trend (the 7-day rule of
:mod:`backjournal.domain.extent_trend`, as the screens use it). A section with nothing in the
period is an empty tuple (or ``None``), and the layout says "none recorded".

The weekly numbers are :func:`backjournal.domain.stats.stats_rows` at week grain over the same
range, so page 1 agrees with ``backjournal stats --weeks --json --from START --to END`` number for
number; the range starts on the first day of a week, as ``stats --weeks`` moves it. Nothing here
writes: a report never changes the journal.

Pure of layout: no fpdf2, no matplotlib. Cost follows the range (every read is a date range
through an index), not the age of the journal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backjournal.domain.body import EXTENT_LABELS
from backjournal.domain.extent_trend import WINDOW_DAYS
from backjournal.domain.flags import ActiveDays, active_spans
from backjournal.domain.values import PHASE_LABELS, week_bounds

MIN_WEEKS, MAX_WEEKS = 1, 520  # --weeks: one week up to ten years
DEFAULT_WEEKS = 6
NRS_MCID = 2  # NRS points (Farrar 2001; Ostelo 2008)
ODI_MCID = 10  # Oswestry points beyond measurement error (Ostelo 2008)
PSFS_MCID = 2  # PSFS mean points (Abbott & Schmitt 2014)
PSFS_ITEM_MCID = 3  # PSFS points for one activity (Abbott & Schmitt 2014)

# Red-flag tiers, their actions and sources: the one wording of domain/safety_words.py (#13).
# Single-run spike tiers and hazard ratios (Frandsen et al., BJSM 2025).
SPIKE_TIERS: tuple[tuple[str, float, float, float], ...] = (
    ("10-30 % longer", 10.0, 30.0, 1.64),
    ("30-100 % longer", 30.0, 100.0, 1.52),
    ("over 100 % longer", 100.0, float("inf"), 2.28),
)

# What the pain-monitoring model calls each zone of pain during or after a run (Silbernagel 2007).
PAIN_ZONES: tuple[tuple[str, int, int], ...] = (
    ("low (0-2)", 0, 2),
    ("acceptable (3-5)", 3, 5),
    ("too high (above 5)", 6, 10),
)


class RangeError(ValueError):
    """The asked range cannot be reported (one line naming what is wrong)."""


# --- the dataclasses the layout reads ------------------------------------------------------------


@dataclass(frozen=True)
class FlagItem:
    """One red flag in force at some time in the period, by CLINICAL.md's persistence rule: its
    tier and sign, the day it became active (``first``, perhaps before the period), the last day
    it was recorded, the days it was recorded in the period, and its outcome: ``outcome`` is
    "seen" (by a clinician) or "resolved" with its date, note and "no running until"; None while
    the flag is still active at the end of the period. ``covered``: the sign was recorded in the
    period only as the same sign a clinician had already seen (not a new flag)."""

    tier: int
    code: str
    reason: str
    first: dt.date
    last: dt.date
    days: int
    action: str
    source: str
    outcome: str | None = None
    outcome_date: dt.date | None = None
    outcome_note: str = ""
    outcome_until: str | None = None
    detail: str = ""
    worse_than: str = ""
    covered: bool = False


@dataclass(frozen=True)
class WeekLine:
    """One week of the period, as ``stats --weeks`` gives it."""

    start: dt.date
    end: dt.date
    complete: bool
    distance_m: float
    runs: int
    back_mean: float | None
    leg_mean: float | None
    extent_left: int | None
    extent_right: int | None
    spikes: int
    adherence: float | None  # 0-1, None when nothing was scheduled
    active_minutes: int = 0  # timed runs and other activity, as ``stats`` counts them
    activities: int = 0  # walks, rides, swims... (not runs)


@dataclass(frozen=True)
class Change:
    """A measure first against last, its change and whether it reaches its threshold."""

    name: str
    first: float | None
    last: float | None
    threshold: float
    first_label: str = ""  # "week of 2026-10-12", "2026-10-14"
    last_label: str = ""
    note: str = ""  # e.g. "not scored (6 of 10 answered; 8 needed)"

    @property
    def change(self) -> float | None:
        if self.first is None or self.last is None:
            return None
        return round(self.last - self.first, 2)

    @property
    def meaningful(self) -> bool | None:
        change = self.change
        return None if change is None else abs(change) >= self.threshold


@dataclass(frozen=True)
class RunPain:
    """The runs of the period against the pain-monitoring model: run days per zone of the
    highest pain during or after the run (back or leg); ``unknown`` days have no such score."""

    run_days: int
    zones: tuple[tuple[str, int], ...]
    unknown: int


@dataclass(frozen=True)
class LegLine:
    """One leg's extent (0-5) in the first and last week, and its trend word by the 7-day rule
    (:mod:`backjournal.domain.extent_trend`) on ``trend_day``, the period's last day with an
    extent recorded (None: no such day)."""

    side: str  # "left" or "right"
    first: int | None
    last: int | None
    trend: str
    trend_day: dt.date | None = None

    @staticmethod
    def label(level: int | None) -> str:
        return "not recorded" if level is None else f"{level} ({EXTENT_LABELS[level]})"


@dataclass(frozen=True)
class SpikeLine:
    date: dt.date
    metres: float
    longest_before_m: float
    pct: float
    tier: str


@dataclass(frozen=True)
class ProgrammeLine:
    name: str
    dose: str
    days: str


@dataclass(frozen=True)
class PhaseChange:
    date: dt.date
    from_phase: str | None
    to_phase: str
    why: str


@dataclass(frozen=True)
class InsightLine:
    """An association the data shows, in the words of its sentence, with its numbers."""

    key: str
    text: str
    mean_a: float | None
    mean_b: float | None
    days_a: int
    days_b: int
    difference: float | None


@dataclass(frozen=True)
class Event:
    """A notable day for the timeline: a flag, a phase change, a spike, a flare-up, a note."""

    date: dt.date
    kind: str
    text: str


@dataclass(frozen=True)
class DayLine:
    """One row of the daily table (appendix). ``flags``: the tiers of red flag *active* on the
    day (CLINICAL.md: active from the day recorded until its outcome), as History marks them
    (issue #13), not the signs recorded that day. ``treatments``: what was taken or done that
    day (a course in force, a session, each dose taken), as written; ``other``: the other
    activity of the day, (sport, minutes) in the order entered."""

    date: dt.date
    distance_m: float
    runs: int
    back: int | None
    leg: int | None
    extent_left: int | None
    extent_right: int | None
    flags: tuple[int, ...]
    odi: float | None
    note: str
    treatments: tuple[str, ...] = ()
    other: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class BodyMap:
    """A body map to draw: region -> (shade 0-10, label). ``title`` names the day(s);
    ``nerve`` holds the regions marked with a nerve-like quality (drawn hatched)."""

    title: str
    regions: dict[str, tuple[int, str]]
    nerve: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TreatmentItem:
    """A treatment of the period: a course (``start``..``end``, open while None), a single
    session (on ``start``), or an as-needed medication with its ``doses`` taken in the period
    (``dose_days`` days, ``first_dose``..``last_dose``)."""

    name: str
    kind: str
    schedule: str  # course, once, as-needed
    start: dt.date
    end: dt.date | None
    dose: str = ""
    note: str = ""
    doses: int = 0
    dose_days: int = 0
    first_dose: dt.date | None = None
    last_dose: dt.date | None = None
    dose_texts: tuple[str, ...] = ()  # the different doses taken, as written


@dataclass(frozen=True)
class AppointmentItem:
    """An appointment in the period: who, what they said and the instructions, in the user's
    words, and the next appointment they set."""

    date: dt.date
    who: str
    said: str
    instructions: str
    next_date: str | None


@dataclass(frozen=True)
class RuleItem:
    """A plan rule in force at the end of the period: in plain words, the date it was said, and
    the instruction as the user typed it."""

    text: str
    since: str
    said: str


@dataclass(frozen=True)
class FlareItem:
    """A flare-up overlapping the period (``end`` None: still open)."""

    start: dt.date
    end: dt.date | None
    note: str


@dataclass(frozen=True)
class PsfsActivity:
    """One PSFS activity rated at the first and the last check-in of the period."""

    name: str
    first: int
    last: int

    @property
    def change(self) -> int:
        return self.last - self.first

    @property
    def meaningful(self) -> bool:
        return abs(self.change) >= PSFS_ITEM_MCID


@dataclass(frozen=True)
class SportLine:
    """Other activity of one sport in the period."""

    sport: str
    count: int
    minutes: int
    distance_m: float


@dataclass(frozen=True)
class Series:
    """The charts' points, oldest first (one per day, or per week for long periods)."""

    grain: str
    starts: tuple[dt.date, ...] = ()
    distance_m: tuple[float, ...] = ()
    back: tuple[float | None, ...] = ()
    leg: tuple[float | None, ...] = ()
    extent_left: tuple[float | None, ...] = ()
    extent_right: tuple[float | None, ...] = ()
    odi: tuple[tuple[dt.date, float], ...] = ()
    adherence: tuple[tuple[dt.date, float | None], ...] = ()  # per week, percent
    psfs: tuple[tuple[dt.date, float], ...] = ()  # each check-in's mean


@dataclass(frozen=True)
class ReportData:
    """Everything page 1 and the detail show, in their order."""

    start: dt.date
    end: dt.date
    made: dt.date  # the report's date
    created: dt.datetime  # the PDF's creation date: the journal's last change
    units: str
    week_start: str
    has_entries: bool
    days_recorded: int
    # 1. red flags
    flags: tuple[FlagItem, ...]
    # 2. pain
    weeks: tuple[WeekLine, ...]
    back: Change
    leg: Change
    run_pain: RunPain
    # 3. leg symptoms
    legs: tuple[LegLine, ...]
    # 4. questionnaires
    odi: Change
    psfs: Change | None = None  # None: no PSFS check-in in the period
    psfs_activities: tuple[PsfsActivity, ...] = ()
    # 5. running
    total_m: float = 0.0
    runs: int = 0
    longest_m: float | None = None
    longest_date: dt.date | None = None
    spikes: tuple[SpikeLine, ...] = ()
    # 6. exercise
    phase: str = ""
    phase_changes: tuple[PhaseChange, ...] = ()
    programme: tuple[ProgrammeLine, ...] = ()
    # 7. what the data says
    insights: tuple[InsightLine, ...] = ()
    # 8. the user's own lines
    treatments: tuple[TreatmentItem, ...] = ()
    appointments: tuple[AppointmentItem, ...] = ()  # the clinician's plan: visits in the period
    plan_rules: tuple[RuleItem, ...] = ()  # ... and the rules in force at its end
    next_appointment: str | None = None  # on or after the period's last day
    note: str = ""  # --note
    # detail
    series: Series = field(default_factory=lambda: Series("day"))
    body_maps: tuple[BodyMap, ...] = ()
    timeline: tuple[Event, ...] = ()
    flare_ups: tuple[FlareItem, ...] = ()
    days: tuple[DayLine, ...] = ()
    other_activity: tuple[SportLine, ...] = ()  # walks, rides, swims... beside running

    @property
    def spike_tiers(self) -> tuple[tuple[str, float, int], ...]:
        """(tier, hazard ratio, spikes) for each tier of :data:`SPIKE_TIERS`."""
        return tuple(
            (label, hr, sum(s.tier == label for s in self.spikes))
            for label, _, _, hr in SPIKE_TIERS
        )


# --- the range -----------------------------------------------------------------------------------


def report_range(
    today: dt.date,
    *,
    weeks: int | None,
    start: dt.date | None,
    end: dt.date | None,
    week_start: str = "monday",
) -> tuple[dt.date, dt.date]:
    """The first and last day of the report: ``weeks`` whole weeks ending with the week of
    ``end`` (default today), or ``start``..``end``; the start moves back to the first day of its
    week (weekly means are whole weeks, as ``stats --weeks`` has them). Raises
    :class:`RangeError` with one line for a range that cannot be reported."""
    last = end or today
    if last > today:
        raise RangeError(f"--to {last.isoformat()} is in the future; today is {today}")
    if start is not None and weeks is not None:
        raise RangeError("give --weeks or --from, not both")
    if start is not None:
        if start > last:
            raise RangeError(f"--from {start.isoformat()} is after --to {last.isoformat()}")
        return week_bounds(start, week_start)[0], last
    n = DEFAULT_WEEKS if weeks is None else weeks
    if not MIN_WEEKS <= n <= MAX_WEEKS:
        raise RangeError(f"--weeks must be {MIN_WEEKS} to {MAX_WEEKS}, not {n}")
    return week_bounds(last, week_start)[0] - dt.timedelta(weeks=n - 1), last


# --- gathering -----------------------------------------------------------------------------------


def gather(journal, start: dt.date, end: dt.date, *, today: dt.date, note: str = "") -> ReportData:
    """Read everything the report shows for ``start``..``end`` (read-only)."""
    from backjournal.domain.stats import stats_rows
    from backjournal.domain.trends import build, load_days

    settings = journal.settings()
    units, week_start = settings.units, settings.week_start
    lo, hi = start.isoformat(), end.isoformat()
    with journal.reading():
        data = journal.trends.data(start, end)
        # Two mornings past the end, when recorded, so the last days' insights have them.
        after = journal.trends.days(end + dt.timedelta(days=1), end + dt.timedelta(days=2))
        # The 7 days before the period: the extent trend of its first days looks back on them.
        before = journal.trends.days(start - dt.timedelta(days=WINDOW_DAYS), start)
        occurrences = journal.flags.occurrences(hi)
        outcomes = journal.flags.outcomes(hi)
        held = journal.flags.held(hi)
        clinical = _clinical(journal, lo, hi, units)
        psfs_rows = journal.clinical.psfs_between(lo, hi)
        sports = journal.activity_totals(lo, hi)
        day_activities = journal.activities_between(lo, hi)
        summaries = list(reversed(journal.day_summaries(start.isoformat(), end.isoformat())))
        marked_days = [r.date for r in data.days if r.extent_l is not None]
        marks = {d: journal.symptoms.marks(d) for d in marked_days}
        phase, items = journal.exercises.programme(end)
        history = journal.exercises.phase_history()
        names = {i.exercise_id: _exercise_name(journal, i.exercise_id) for i in items}
        shoes = journal.trends.shoe_names()
        own = journal.clinical.factor_series(start, end)
        last_change = journal.last_change()

    rows = stats_rows(data, start, end, period="week", week_start=week_start)
    weeks = tuple(
        WeekLine(
            r.start,
            r.end,
            r.complete,
            r.distance_m,
            r.runs,
            _r2(r.back_mean),
            _r2(r.leg_mean),
            r.extent_left_max,
            r.extent_right_max,
            r.spikes,
            _r3(r.adherence),
            r.active_minutes,
            r.activities,
        )
        for r in rows
    )
    first_w, last_w = weeks[0], weeks[-1]

    def week_label(w: WeekLine) -> str:
        return f"week of {w.start.isoformat()}" + ("" if w.complete else ", so far")

    def pain(site: str) -> Change:
        firsts = [w for w in weeks if getattr(w, f"{site}_mean") is not None]
        a, b = (firsts[0], firsts[-1]) if firsts else (first_w, last_w)
        return Change(
            f"{site.capitalize()} pain (weekly mean of each day's worst, 0-10)",
            getattr(a, f"{site}_mean"),
            getattr(b, f"{site}_mean") if len(firsts) > 1 else None,
            NRS_MCID,
            week_label(a),
            week_label(b),
        )

    days_in = [r for r in data.days if start.isoformat() <= r.date <= end.isoformat()]
    runs_in = [r for r in data.runs if start.isoformat() <= r.date and r.distance_m > 0]
    by_date = {r.date: r for r in days_in}
    run_pain = _run_pain(by_date, runs_in)

    extents = {r.date: (r.extent_l, r.extent_r) for r in (*before, *days_in)}
    legs = _legs(weeks, extents, days_in)

    odi_points = [(dt.date.fromisoformat(d), s) for d, s in data.odi]
    odi = Change(
        "Oswestry-style disability (0-100 %)",
        odi_points[0][1] if odi_points else None,
        odi_points[-1][1] if len(odi_points) > 1 else None,
        ODI_MCID,
        odi_points[0][0].isoformat() if odi_points else "",
        odi_points[-1][0].isoformat() if len(odi_points) > 1 else "",
        "" if odi_points else "none recorded in this period",
    )
    psfs, psfs_activities = _psfs(psfs_rows)

    spike_lines = tuple(
        SpikeLine(s.date, s.metres, s.longest_before_m, s.pct, _spike_tier(s.pct))
        for s in load_days(data).spikes
        if start <= s.date <= end
    )
    longest = max(runs_in, key=lambda r: (r.distance_m, r.date), default=None)

    changes = tuple(PhaseChange(d, f, t, why) for d, f, t, why in history if start <= d <= end)
    programme = tuple(
        ProgrammeLine(names[i.exercise_id], i.dose.text(), _weekdays(i.weekdays)) for i in items
    )

    insight_lines = _insights(data, start, end, after, units, week_start, shoes, own)

    charts = build(data, start, end, max_points=92, week_start=week_start)
    series = Series(
        charts.grain,
        tuple(b.start for b in charts.pain_mileage),
        tuple(b.values.get("distance_m") or 0.0 for b in charts.pain_mileage),
        tuple(b.values.get("back") for b in charts.pain_mileage),
        tuple(b.values.get("leg") for b in charts.pain_mileage),
        tuple(b.values.get("left") for b in charts.extent),
        tuple(b.values.get("right") for b in charts.extent),
        tuple(odi_points),
        tuple((w.start, None if w.adherence is None else 100 * w.adherence) for w in weeks),
        tuple((dt.date.fromisoformat(d), round(score, 2)) for d, score, _ in psfs_rows),
    )

    flags = _flag_items(occurrences, outcomes, start, end)
    active = ActiveDays(active_spans(occurrences, outcomes))
    other: dict[str, list[tuple[str, int]]] = {}
    for date, sport, seconds in day_activities:
        other.setdefault(date, []).append((sport, round((seconds or 0) / 60)))
    taken = clinical["by_day"]
    rows_by_date = {s.date: s for s in summaries}
    # Every day with an entry, and the days a dose was taken without one.
    dates = sorted(rows_by_date.keys() | {d for d in clinical["dose_days"]})
    day_lines = tuple(
        _day_line(date, rows_by_date.get(date), by_date.get(date), active.tiers(date),
                  taken(date), tuple(other.get(date, ())))
        for date in dates
    )  # fmt: skip
    flare_ups = clinical["flare_ups"]
    timeline = _timeline(
        changes, spike_lines, day_lines, data.flags, units, outcomes, flare_ups, start, end
    ) + tuple(
        Event(a.date, "visit", f"{a.who or 'clinician'}: {a.instructions or a.said}".rstrip(": "))
        for a in clinical["appointments"]
    )
    timeline = tuple(sorted(timeline, key=_event_order))
    created = _created(last_change, end)

    return ReportData(
        start=start,
        end=end,
        made=today,
        created=created,
        units=units,
        week_start=week_start,
        has_entries=bool(days_in or runs_in),
        days_recorded=len(days_in),
        flags=flags,
        weeks=weeks,
        back=pain("back"),
        leg=pain("leg"),
        run_pain=run_pain,
        legs=legs,
        odi=odi,
        psfs=psfs,
        psfs_activities=psfs_activities,
        total_m=sum(w.distance_m for w in weeks),
        runs=sum(w.runs for w in weeks),
        longest_m=longest.distance_m if longest else None,
        longest_date=dt.date.fromisoformat(longest.date) if longest else None,
        spikes=spike_lines,
        phase=PHASE_LABELS.get(phase, phase),
        phase_changes=changes,
        programme=programme,
        insights=insight_lines,
        treatments=clinical["treatments"],
        appointments=clinical["appointments"],
        plan_rules=clinical["rules"] + _held_rules(held),
        next_appointment=clinical["next"],
        note=note,
        series=series,
        body_maps=_body_maps(marks),
        timeline=timeline,
        flare_ups=flare_ups,
        days=day_lines,
        other_activity=tuple(SportLine(sp, n, round(sec / 60), m) for sp, n, sec, m in sports),
    )


def _day_line(date: str, s, row, tiers, treatments, other) -> DayLine:
    """One appendix row: the day's History summary ``s`` (None: a dose-only day) and its
    trends row (the extent)."""
    return DayLine(
        dt.date.fromisoformat(date),
        s.distance_m if s else 0.0,
        s.runs if s else 0,
        s.back if s else None,
        s.leg if s else None,
        row.extent_l if row else None,
        row.extent_r if row else None,
        tiers,
        s.odi if s else None,
        s.note if s else "",
        treatments,
        other,
    )


def _r2(value: float | None) -> float | None:
    """Rounded as ``stats --json`` rounds pain means (so page 1 and the JSON agree)."""
    return None if value is None else round(value, 2)


def _r3(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _exercise_name(journal, exercise_id: str) -> str:
    exercise = journal.exercises.get(exercise_id)
    return exercise.name if exercise is not None else exercise_id


def _weekdays(days: tuple[int, ...]) -> str:
    from backjournal.domain.exercises import format_weekdays

    return format_weekdays(days)


def _run_pain(by_date: dict, runs_in: list) -> RunPain:
    """Run days per zone of the pain-monitoring model: the highest of back and leg pain during
    or after the run; a run day without such a score is ``unknown``, never "low"."""
    run_dates = sorted({r.date for r in runs_in})
    zone_counts = [0] * len(PAIN_ZONES)
    unknown = 0
    for date in run_dates:
        row = by_date.get(date)
        moments = (row.back_during, row.back_after, row.leg_during, row.leg_after) if row else ()
        scores = [s for s in moments if s is not None]
        if not scores:
            unknown += 1
            continue
        worst = max(scores)
        for i, (_, low, high) in enumerate(PAIN_ZONES):
            if low <= worst <= high:
                zone_counts[i] += 1
    return RunPain(
        len(run_dates),
        tuple((label, n) for (label, _, _), n in zip(PAIN_ZONES, zone_counts, strict=True)),
        unknown,
    )


def _legs(weeks: tuple[WeekLine, ...], extents: dict, days_in) -> tuple[LegLine, ...]:
    """Each leg's furthest extent in the first and last week with one, and its trend by the
    7-day rule on the period's last day with an extent recorded (the word the screens show)."""
    from backjournal.domain.extent_trend import trend

    recorded_days = [r.date for r in days_in if (r.extent_l, r.extent_r) != (None, None)]
    day = dt.date.fromisoformat(recorded_days[-1]) if recorded_days else None
    words = trend(extents, day)[1:] if day is not None else ("unknown", "unknown")
    out = []
    for side, word in zip(("left", "right"), words, strict=True):
        attr = f"extent_{side}"
        recorded = [w for w in weeks if getattr(w, attr) is not None]
        first = getattr(recorded[0], attr) if recorded else None
        last = getattr(recorded[-1], attr) if len(recorded) > 1 else None
        out.append(LegLine(side, first, last, word, day))
    return tuple(out)


def _spike_tier(pct: float) -> str:
    for label, low, high, _ in SPIKE_TIERS:
        if low < pct <= high:
            return label
    return SPIKE_TIERS[-1][0]


def _flag_items(occurrences, outcomes, start: dt.date, end: dt.date) -> tuple[FlagItem, ...]:
    """Every red flag in force at some time in ``start``..``end``, by the persistence rule of
    CLINICAL.md as :func:`~backjournal.domain.flags.active_flags` applies it to the journal's
    records and outcomes (``journal.flags``): those active on the first day, and on each day
    with a record or an outcome in the period (a day's records before its outcomes), each with
    the outcome that ended it, if any, by the end. Tier 1 first, then by date.

    A sign recorded in the period only as the same sign a clinician had already seen (the day
    after day it was still there) is listed too, as ``covered``, with that outcome."""
    import dataclasses

    from backjournal.domain.flags import active_flags, tier_of
    from backjournal.domain.safety_words import SIGN_SOURCE, SIGN_TEXT, TIER_MESSAGES, TIER_SOURCES

    lo, hi = start.isoformat(), end.isoformat()
    days = sorted(
        {lo}
        | {o.date for o in occurrences if lo <= o.date <= hi}
        | {o.date for o in outcomes if lo <= o.date <= hi}
    )
    episodes: dict[tuple[str, str], object] = {}
    for day in days:
        for flag in active_flags(occurrences, [o for o in outcomes if o.date < day], day):
            episodes[(flag.code, flag.since)] = flag  # a later day knows its later records
    recorded: dict[str, list[str]] = {}
    for occ in occurrences:
        if lo <= occ.date <= hi and occ.date not in recorded.get(occ.sign.code, []):
            recorded.setdefault(occ.sign.code, []).append(occ.date)

    def item(code, since, last, n, outcome, detail="", worse="", covered=False) -> FlagItem:
        tier = tier_of(code)
        return FlagItem(
            tier,
            code,
            SIGN_TEXT.get(code, code),
            dt.date.fromisoformat(since),
            dt.date.fromisoformat(last),
            n,
            TIER_MESSAGES[tier],
            SIGN_SOURCE.get(code, TIER_SOURCES[tier]),
            outcome.kind if outcome else None,
            dt.date.fromisoformat(outcome.date) if outcome else None,
            outcome.note if outcome else "",
            outcome.until if outcome else None,
            detail,
            worse,
            covered,
        )

    items = []
    claimed: set[tuple[str, str]] = set()
    for (code, since), flag in episodes.items():
        outcome = next((o for o in outcomes if o.code == code and o.date >= since), None)
        stop = outcome.date if outcome else hi
        mine = [d for d in recorded.get(code, []) if since <= d <= stop]
        claimed.update((code, d) for d in mine)
        last = max([flag.last, *mine])  # type: ignore[attr-defined]
        items.append(
            item(code, since, last, len(mine), outcome, flag.detail, flag.worse_than)  # type: ignore[attr-defined]
        )
    for code, dates in recorded.items():
        rest = [d for d in dates if (code, d) not in claimed]
        if not rest:
            continue
        seen = [o for o in outcomes if o.code == code and o.date <= rest[0]]
        outcome = seen[-1] if seen else None
        answered = next(
            (
                i
                for i, f in enumerate(items)
                if outcome is not None
                and f.code == code
                and f.outcome_date == dt.date.fromisoformat(outcome.date)
            ),
            None,
        )
        if answered is None:
            items.append(item(code, rest[0], rest[-1], len(rest), outcome, covered=True))
        else:  # the same sign, still there after the outcome listed: one line
            f = items[answered]
            items[answered] = dataclasses.replace(
                f, last=max(f.last, dt.date.fromisoformat(rest[-1])), days=f.days + len(rest)
            )
    return tuple(sorted(items, key=lambda f: (f.tier, f.first, f.code)))


def _held_rules(held) -> tuple[RuleItem, ...]:
    """A clinician's "no running until" recorded with a flag's outcome, as a rule of the plan."""
    from backjournal.domain.safety_words import SIGN_TEXT

    return tuple(
        RuleItem(
            f"no running until {o.until}",
            o.date,
            f"when {SIGN_TEXT.get(o.code, o.code)} was seen by a clinician",
        )
        for o in held
    )


def _clinical(journal, lo: str, hi: str, units: str) -> dict:
    """The clinical record of ``lo``..``hi`` (``journal.clinical``): treatments and the doses
    taken, the appointments and the plan rules in force on the last day, the next appointment,
    the flare-ups."""
    from collections import defaultdict

    store = journal.clinical
    doses: dict[int, list[tuple[str, str]]] = defaultdict(list)
    every = store.treatments()  # newest first
    names = {t.id: t.name for t in every}
    taken_on: dict[str, list[str]] = defaultdict(list)  # date -> "name dose" of each dose
    for treatment_id, date, dose in store.doses_between(lo, hi):
        doses[treatment_id].append((date, dose))
        taken_on[date].append(" ".join(p for p in (names.get(treatment_id, "?"), dose) if p))
    treatments = []
    for t in reversed(every):  # oldest first
        taken = doses.get(t.id, [])  # type: ignore[arg-type]
        if t.schedule == "as-needed":
            if not taken:
                continue
        elif t.start > hi or (t.end is not None and t.end < lo):
            continue
        texts = tuple(dict.fromkeys(d for _, d in taken if d))
        treatments.append(
            TreatmentItem(
                t.name,
                t.kind,
                t.schedule,
                dt.date.fromisoformat(t.start),
                dt.date.fromisoformat(t.end) if t.end else None,
                t.dose,
                t.note,
                len(taken),
                len({d for d, _ in taken}),
                dt.date.fromisoformat(taken[0][0]) if taken else None,
                dt.date.fromisoformat(taken[-1][0]) if taken else None,
                texts,
            )
        )
    everything = store.appointments()  # newest first
    appointments = tuple(
        AppointmentItem(dt.date.fromisoformat(a.date), a.who, a.said, a.instructions, a.next_date)
        for a in reversed(everything)
        if lo <= a.date <= hi
    )
    rules = tuple(RuleItem(r.describe(units), r.start, r.text) for r in store.rules_in_force(hi))
    upcoming = [
        a.next_date for a in everything if a.date <= hi and a.next_date and a.next_date >= hi
    ]
    flare_ups = tuple(
        FlareItem(
            dt.date.fromisoformat(f.start), dt.date.fromisoformat(f.end) if f.end else None, f.note
        )
        for f in store.flare_ups()
        if f.start <= hi and (f.end is None or f.end >= lo)
    )
    courses = [t for t in reversed(every) if t.schedule != "as-needed"]  # oldest first

    def by_day(date: str) -> tuple[str, ...]:
        """What was taken or done on ``date``: courses in force and sessions (oldest first),
        then each dose taken, as written."""
        out = [
            " ".join(p for p in (t.name, t.dose if t.schedule == "course" else "") if p)
            for t in courses
            if (t.start == date if t.schedule == "once" else t.start <= date <= (t.end or hi))
        ]
        return tuple(out + taken_on.get(date, []))

    return {
        "by_day": by_day,
        "dose_days": set(taken_on),
        "treatments": tuple(treatments),
        "appointments": appointments,
        "rules": rules,
        "next": min(upcoming) if upcoming else None,
        "flare_ups": flare_ups,
    }


def _psfs(rows) -> tuple[Change | None, tuple[PsfsActivity, ...]]:
    """PSFS first against last check-in of the period (the mean, 2 points meaningful), and each
    activity rated at both (3 points meaningful): Abbott & Schmitt 2014."""
    if not rows:
        return None, ()
    (d0, s0, a0), (d1, s1, a1) = rows[0], rows[-1]
    two = len(rows) > 1
    change = Change(
        "Patient-Specific Functional Scale (PSFS, mean of 0-10)",
        round(s0, 2),
        round(s1, 2) if two else None,
        PSFS_MCID,
        d0,
        d1 if two else "",
    )
    last = dict(a1)
    activities = tuple(PsfsActivity(n, r, last[n]) for n, r in a0 if two and n in last)
    return change, activities


def _insights(data, start, end, after, units, week_start, shoes, own) -> tuple[InsightLine, ...]:
    """The associations to state: those that pass the statistics bar of issue #14 (CLINICAL.md,
    "Insights"), in its order and its own sentences; the rest are left out ("no clear
    associations" when none pass)."""
    import dataclasses

    from backjournal.domain.insights import insights

    extended = dataclasses.replace(data, days=data.days + tuple(after))
    found = insights(extended, start, end, units=units, week_start=week_start, shoes=shoes, own=own)
    return tuple(
        InsightLine(
            f"{i.outcome}:{i.factor}",
            i.text,
            i.mean_a,
            i.mean_b,
            i.n_a,
            i.n_b,
            i.difference,
        )
        for i in found
        if i.stated
    )


def _body_maps(marks: dict[str, list]) -> tuple[BodyMap, ...]:
    """The body map on the first and the last day with marks, and how often each region was
    marked over the period (shade: share of the marked days, 0-10). A day's region is labelled
    with its intensity and the glyphs of its qualities (as on the screen); regions marked with a
    nerve-like quality are drawn hatched."""
    from backjournal.domain.figure import NERVE_QUALITIES, quality_glyph

    dated = [(d, m) for d, m in sorted(marks.items()) if m]
    if not dated:
        return ()

    def nerve(day_marks) -> set[str]:
        return {m.region for m in day_marks if NERVE_QUALITIES.intersection(m.qualities)}

    def one(title: str, day_marks) -> BodyMap:
        return BodyMap(
            title,
            {
                m.region: (m.intensity, f"{m.intensity}{''.join(map(quality_glyph, m.qualities))}")
                for m in day_marks
            },
            frozenset(nerve(day_marks)),
        )

    counts: dict[str, int] = {}
    nerve_any: set[str] = set()
    for _, day_marks in dated:
        nerve_any |= nerve(day_marks)
        for m in day_marks:
            counts[m.region] = counts.get(m.region, 0) + 1
    n = len(dated)
    most = BodyMap(
        f"Most marked: days, of {n} with marks",
        {r: (round(10 * c / n), str(c)) for r, c in counts.items()},
        frozenset(nerve_any),
    )
    first, last = dated[0], dated[-1]
    maps = [one(f"Start: {first[0]}", first[1])]
    if last[0] != first[0]:
        maps.append(one(f"End: {last[0]}", last[1]))
    maps.append(most)
    return tuple(maps)


def _timeline(
    changes, spikes, days, flags_by_date, units, outcomes, flare_ups, start, end
) -> tuple[Event, ...]:
    from backjournal.domain.parse import format_distance
    from backjournal.domain.safety_words import OUTCOME_LABELS, SIGN_TEXT

    events = []
    for date, reasons in flags_by_date.items():
        events.append(Event(dt.date.fromisoformat(date), "red flag", "; ".join(reasons)))
    for o in outcomes:
        if start.isoformat() <= o.date <= end.isoformat():
            text = f"{SIGN_TEXT.get(o.code, o.code)}: {OUTCOME_LABELS.get(o.kind, o.kind)}"
            if o.note:
                text += f" ({o.note})"
            if o.until:
                text += f"; no running until {o.until}"
            events.append(Event(dt.date.fromisoformat(o.date), "outcome", text))
    for f in flare_ups:
        if f.end is not None:
            length = (f.end - f.start).days + 1
            span = f"{f.start.isoformat()} to {f.end.isoformat()} ({length} days)"
        else:
            span = f"from {f.start.isoformat()}, no end recorded"
        if f.start < start:
            span = f"going on at the start of the period: {span}"
        text = span + (f": {f.note}" if f.note else "")
        events.append(Event(max(f.start, start), "flare-up", text))
    for c in changes:
        was = PHASE_LABELS.get(c.from_phase, c.from_phase) if c.from_phase else "none"
        events.append(
            Event(
                c.date,
                "phase",
                f"{was} to {PHASE_LABELS.get(c.to_phase, c.to_phase)}"
                + (f": {c.why}" if c.why else ""),
            )
        )
    for s in spikes:
        events.append(
            Event(
                s.date,
                "spike",
                f"run of {format_distance(s.metres, units)}, {s.pct:.0f} % over the longest "
                f"of the 30 days before ({format_distance(s.longest_before_m, units)})",
            )
        )
    for d in days:
        if d.note.strip():
            events.append(Event(d.date, "note", d.note.strip()))
    return tuple(sorted(events, key=_event_order))


_EVENT_ORDER = ("red flag", "outcome", "flare-up", "visit", "phase", "spike", "note")


def _event_order(e: Event) -> tuple:
    return (e.date, _EVENT_ORDER.index(e.kind) if e.kind in _EVENT_ORDER else 9, e.text)


def _created(last_change: str | None, end: dt.date) -> dt.datetime:
    """The PDF's creation date: the journal's last change (so that the same journal gives the
    same bytes), or the period's last day when the journal has none."""
    if last_change:
        try:
            stamp = dt.datetime.fromisoformat(last_change)
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.timezone.utc)
            return stamp.astimezone(dt.timezone.utc)
        except ValueError:
            pass
    return dt.datetime.combine(end, dt.time(), tzinfo=dt.timezone.utc)
