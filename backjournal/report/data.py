"""Everything the physio report shows, gathered in one place: :func:`gather` reads the journal
through its store methods and domain functions and returns one plain :class:`ReportData`.

Why one module: the things the report shows are being rewritten in parallel (red-flag tiers and
outcomes, the insights' statistics bar, Oswestry's "not scored", treatments, PSFS, flare-ups and
the clinician's plan). The layout (``pdf.py``, ``markdown.py``, ``charts.py``) reads only the
dataclasses below, so wiring a new store in later is a change here only. Sections whose source
does not exist yet are empty tuples (or ``None``) today, and the layout says "none recorded".

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

from backjournal.domain.body import EXTENT_LABELS, TREND_DAYS, extent_trend
from backjournal.domain.load import as_date
from backjournal.domain.values import PHASE_LABELS, week_bounds

MIN_WEEKS, MAX_WEEKS = 1, 520  # --weeks: one week up to ten years
DEFAULT_WEEKS = 6
NRS_MCID = 2  # NRS points (Farrar 2001; Ostelo 2008)
ODI_MCID = 10  # Oswestry points beyond measurement error (Ostelo 2008)
PSFS_MCID = 2  # PSFS mean points (Abbott & Schmitt 2014)
# The stand-in for issue #14's statistics bar (CLINICAL.md "Insights"): at least this many days
# on each side and a difference of at least NRS_MCID points; #14 replaces it in _insights().
INSIGHT_MIN_DAYS = 10

# Red-flag tiers (CLINICAL.md "Red flags: two tiers"). Until issue #13 records tiers and outcomes
# with each flag, today's flag codes are sorted into them here; #13 replaces this mapping.
TIER1_CODES = frozenset({"saddle", "bladder", "both-legs"})
TIER1_ACTION = (
    "These can be signs of cauda equina syndrome, which needs treatment within hours. Go to an "
    "emergency department now (UK: A&E or 999; US: ER or 911; EU: 112). Do not wait to see "
    "whether it settles."
)
TIER2_ACTION = "Contact your doctor in the next few days, sooner if it gets worse."
TIER_SOURCES = {
    1: "GIRFT National Suspected Cauda Equina Syndrome Pathway 2023; NICE CKS",
    2: "NICE NG59 and CKS low back pain",
}
# Severe pain is the source article's own advice, labelled as such, not as NICE (CLINICAL.md).
SEVERE_SOURCE = (
    "the source article's own advice: severe pain in the back or down the legs, consult your "
    "physician"
)

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
    """One kind of red flag in the period: its tier, reason, the days it was recorded, its
    outcome ("seen by a clinician ..." or "resolved ..."; None: none recorded)."""

    tier: int
    code: str
    reason: str
    first: dt.date
    last: dt.date
    days: int
    action: str
    source: str
    outcome: str | None = None


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
    """One leg's extent (0-5) in the first and last week, and its trend word."""

    side: str  # "left" or "right"
    first: int | None
    last: int | None
    trend: str

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
    """One row of the daily table (appendix)."""

    date: dt.date
    distance_m: float
    runs: int
    back: int | None
    leg: int | None
    extent_left: int | None
    extent_right: int | None
    flags: int
    odi: float | None
    note: str


@dataclass(frozen=True)
class BodyMap:
    """A body map to draw: region -> (shade 0-10, label). ``title`` names the day(s)."""

    title: str
    regions: dict[str, tuple[int, str]]


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
    psfs: Change | None = None  # issue #17
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
    treatments: tuple[str, ...] = ()  # issue #17
    plan: tuple[str, ...] = ()  # issue #17: the clinician's plan
    note: str = ""  # --note
    # detail
    series: Series = field(default_factory=lambda: Series("day"))
    body_maps: tuple[BodyMap, ...] = ()
    timeline: tuple[Event, ...] = ()
    flare_ups: tuple[Event, ...] = ()  # issue #17
    days: tuple[DayLine, ...] = ()
    other_activity: tuple[str, ...] = ()  # issue #20

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
    with journal.reading():
        data = journal.trends.data(start, end)
        # Two mornings past the end, when recorded, so the last days' insights have them.
        after = journal.trends.days(end + dt.timedelta(days=1), end + dt.timedelta(days=2))
        summaries = list(reversed(journal.day_summaries(start.isoformat(), end.isoformat())))
        marked_days = [r.date for r in data.days if r.extent_l is not None]
        marks = {d: journal.symptoms.marks(d) for d in marked_days}
        phase, items = journal.exercises.programme(end)
        history = journal.exercises.phase_history()
        names = {i.exercise_id: _exercise_name(journal, i.exercise_id) for i in items}
        shoes = journal.trends.shoe_names()
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

    legs = tuple(_leg(side, weeks, days_in, end) for side in ("left", "right"))

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

    insight_lines = _insights(data, start, end, after, units, week_start, shoes)

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
    )

    flags = _flags(data.flags)
    day_lines = tuple(
        DayLine(
            dt.date.fromisoformat(s.date),
            s.distance_m,
            s.runs,
            s.back,
            s.leg,
            by_date[s.date].extent_l if s.date in by_date else None,
            by_date[s.date].extent_r if s.date in by_date else None,
            s.flags,
            s.odi,
            s.note,
        )
        for s in summaries
    )
    timeline = _timeline(flags, changes, spike_lines, day_lines, data.flags, units)
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
        total_m=sum(w.distance_m for w in weeks),
        runs=sum(w.runs for w in weeks),
        longest_m=longest.distance_m if longest else None,
        longest_date=dt.date.fromisoformat(longest.date) if longest else None,
        spikes=spike_lines,
        phase=PHASE_LABELS.get(phase, phase),
        phase_changes=changes,
        programme=programme,
        insights=insight_lines,
        note=note,
        series=series,
        body_maps=_body_maps(marks),
        timeline=timeline,
        days=day_lines,
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


def _leg(side: str, weeks: tuple[WeekLine, ...], days, end: dt.date) -> LegLine:
    attr = f"extent_{side}"
    recorded = [w for w in weeks if getattr(w, attr) is not None]
    first = getattr(recorded[0], attr) if recorded else None
    last = getattr(recorded[-1], attr) if len(recorded) > 1 else None
    column = "extent_l" if side == "left" else "extent_r"
    since = end - dt.timedelta(days=TREND_DAYS - 1)
    points = [
        ((as_date(r.date) - since).days, getattr(r, column))
        for r in days
        if as_date(r.date) >= since and getattr(r, column) is not None
    ]
    return LegLine(side, first, last, extent_trend(points))


def _spike_tier(pct: float) -> str:
    for label, low, high, _ in SPIKE_TIERS:
        if low < pct <= high:
            return label
    return SPIKE_TIERS[-1][0]


def _flags(by_date: dict[str, tuple[str, ...]]) -> tuple[FlagItem, ...]:
    """The period's flags by reason, Tier 1 first, then by first date. Today's journal stores
    each flag's reason per day; codes come from the reason's wording (#13 stores them)."""
    from backjournal.domain.symptoms import RED_FLAG_CHECKS

    reason_codes = {
        f"you reported {label}": key.removeprefix("rf_") for key, label in RED_FLAG_CHECKS
    }
    reason_codes["symptoms in both legs"] = "both-legs"
    found: dict[str, list[dt.date]] = {}
    for date, reasons in sorted(by_date.items()):
        for reason in reasons:
            # "severe pain (7 or more): low-back, ..." varies by day: one line for all of them.
            key = reason.split(":")[0]
            if date not in [d.isoformat() for d in found.get(key, [])]:
                found.setdefault(key, []).append(dt.date.fromisoformat(date))
    items = []
    for reason, dates in found.items():
        code = reason_codes.get(reason, reason)
        tier = 1 if code in TIER1_CODES else 2
        items.append(
            FlagItem(
                tier,
                code,
                reason,
                dates[0],
                dates[-1],
                len(dates),
                TIER1_ACTION if tier == 1 else TIER2_ACTION,
                SEVERE_SOURCE if reason.startswith("severe pain") else TIER_SOURCES[tier],
            )
        )
    return tuple(sorted(items, key=lambda f: (f.tier, f.first, f.reason)))


def _insights(data, start, end, after, units, week_start, shoes) -> tuple[InsightLine, ...]:
    """The associations to state. Until issue #14's statistics bar lands, the stand-in bar is:
    at least :data:`INSIGHT_MIN_DAYS` days on each side and a difference of at least the NRS's 2
    points; the rest are left out ("no clear associations" when none pass)."""
    import dataclasses

    from backjournal.domain.insights import insights

    extended = dataclasses.replace(data, days=data.days + tuple(after))
    found = []
    for site in ("back", "leg"):
        for insight in insights(
            extended, start, end, units=units, week_start=week_start, site=site, shoes=shoes
        ):
            main = insight.main
            diff = main.difference
            enough = min(main.days_a, main.days_b) >= INSIGHT_MIN_DAYS
            if enough and diff is not None and abs(diff) >= NRS_MCID:
                found.append(
                    InsightLine(
                        f"{site}:{insight.key}",
                        insight.text,
                        main.mean_a,
                        main.mean_b,
                        main.days_a,
                        main.days_b,
                        diff,
                    )
                )
    return tuple(sorted(found, key=lambda i: (-abs(i.difference or 0), i.key)))


def _body_maps(marks: dict[str, list]) -> tuple[BodyMap, ...]:
    """The body map on the first and the last day with marks, and how often each region was
    marked over the period (shade: share of the marked days, 0-10)."""
    dated = [(d, m) for d, m in sorted(marks.items()) if m]
    if not dated:
        return ()

    def one(title: str, day_marks) -> BodyMap:
        return BodyMap(
            title,
            {m.region: (m.intensity, str(m.intensity)) for m in day_marks},
        )

    counts: dict[str, int] = {}
    for _, day_marks in dated:
        for m in day_marks:
            counts[m.region] = counts.get(m.region, 0) + 1
    n = len(dated)
    most = BodyMap(
        f"Most marked (days, of {n} with marks)",
        {r: (round(10 * c / n), str(c)) for r, c in counts.items()},
    )
    first, last = dated[0], dated[-1]
    maps = [one(f"Start: {first[0]}", first[1])]
    if last[0] != first[0]:
        maps.append(one(f"End: {last[0]}", last[1]))
    maps.append(most)
    return tuple(maps)


def _timeline(flags, changes, spikes, days, flags_by_date, units) -> tuple[Event, ...]:
    from backjournal.domain.parse import format_distance

    events = []
    for date, reasons in flags_by_date.items():
        events.append(Event(dt.date.fromisoformat(date), "red flag", "; ".join(reasons)))
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
    order = {"red flag": 0, "phase": 1, "flare-up": 2, "spike": 3, "note": 4}
    return tuple(sorted(events, key=lambda e: (e.date, order.get(e.kind, 9), e.text)))


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
