"""The demo's days: the entries of the seeded demo journal, runs, pain scores and body-map marks.

Screenshots, snapshot tests, benchmarks and ``backjournal demo`` all use :func:`generate`. It is
pure (one ``random.Random(seed)``, no clock, no I/O) and deterministic for a given
``(today, years, seed)``; ten years take a few tens of milliseconds.

It follows the story of :mod:`backjournal.demo.story` (steps 1 and 2: the shape of each year and
the state of each day), then:

3. :func:`_plan` lays out each Monday-to-Sunday week from its phase: volume, number of runs,
   which day carries the long run, the quality session or a race.
4. :func:`_simulate` walks the days in order: it carries the load state (EWMA acute:chronic ratio
   and a load "irritation" that too-fast weeks build up), decides on the morning whether the
   planned run happens (not on a break, not when pain is too high), then derives every field of
   the :class:`DayEntry` from the day's state, its run and yesterday's run (a long run raises the
   next morning's pain).

A new field of the day entry (a symptom on the body map) belongs in step 4, derived from the
``DayState`` (``extent`` and ``side`` say where the leg hurts). Data kept apart from the day
entries (exercises, shoes, treatments...) gets a module of its own in this package that reads
the same story (``day_states``) and draws from a random generator of its own, so that adding it
changes nothing here.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from backjournal.demo.story import DAYS_PER_YEAR, DayState, YearShape, story
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.parse import format_duration
from backjournal.domain.symptoms import Mark, sorted_qualities

_SUNDAY = 6
_SATURDAY = 5


@dataclass
class _Planned:
    """A run the week's plan puts on one day (the day itself may still cancel or shorten it)."""

    type: str
    km: float
    surface: str = "road"
    notes: str = ""
    race_m: int | None = None


def generate(today: dt.date, *, years: int = 1, seed: int = 7) -> Iterator[DayEntry]:
    """Yield the entries of ``years`` x 365 days ending ``today``, oldest first.

    A few days (about 3 %) are missing, as when a runner forgets to log; the first and the last
    day are always there. Every entry passes :meth:`DayEntry.validate`.
    """
    rng, shapes, states = story(today, years, seed)
    plan = _plan(rng, states[0].date, len(states), shapes, states)
    yield from _simulate(rng, states, shapes, plan)


# --- 3. the weekly plan --------------------------------------------------------------------------

# Which weekdays carry runs, by number of runs in the week; the last one is the long run.
_TEMPLATES: dict[int, tuple[tuple[int, ...], ...]] = {
    2: ((2, 6), (1, 5)),
    3: ((1, 3, 6), (1, 4, 6), (2, 4, 6)),
    4: ((1, 3, 5, 6), (1, 2, 4, 6), (0, 1, 3, 6)),
    5: ((0, 1, 3, 4, 6), (1, 2, 3, 5, 6), (0, 1, 2, 4, 6)),
}
# The weeks after a week's holiday (index 0, no running), as shares of the usual volume: eased
# back in over three weeks, not straight back to full.
_BACK_FROM_HOLIDAY = (0.0, 0.75, 0.8, 0.9)
_INTERVALS = ("6x800 m", "5x1 km", "10x400 m", "8x3 min", "4x1 mile", "12x200 m hills")
_TEMPOS = ("5 km tempo", "3x2 km at threshold", "20 min tempo", "progression run")


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    """Choose one name from ``(name, weight)`` pairs."""
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for name, w in weighted:
        x -= w
        if x < 0:
            return name
    return weighted[-1][0]


def _surface(rng: random.Random, run_type: str, phase: str, month: int) -> str:
    """Where a run of this type goes: road mostly, track for intervals, treadmill in winter."""
    winter = 3 if month in (12, 1, 2) else 1
    if run_type == "intervals":
        return _pick(rng, (("track", 7), ("road", 2), ("grass", 1), ("treadmill", winter)))
    if run_type == "tempo":
        return _pick(rng, (("road", 17), ("track", 2), ("treadmill", winter)))
    if run_type == "long":
        return _pick(rng, (("road", 15), ("trail", 5)))
    if run_type == "other" or phase in ("flare", "rehab"):
        return _pick(rng, (("grass", 4), ("treadmill", 2 + winter), ("road", 4), ("trail", 1)))
    return _pick(rng, (("road", 14), ("trail", 2), ("grass", 2), ("treadmill", winter)))


def _plan(
    rng: random.Random,
    start: dt.date,
    n_days: int,
    shapes: list[YearShape],
    states: list[DayState],
) -> dict[int, _Planned]:
    """Lay out every week's runs from its phase and volume: day index -> planned run."""
    plan: dict[int, _Planned] = {}
    vol = shapes[0].base_km * 0.8  # the "normal" weekly volume, carried from week to week
    wobble = 0.0  # slow week-to-week variation around the year's usual volume
    pre_flare = vol
    normal_weeks = 0
    rehab_week = 0
    monday = -start.weekday()
    while monday < n_days:
        mid = min(max(monday + 3, 0), n_days - 1)
        sh = shapes[min(mid // DAYS_PER_YEAR, len(shapes) - 1)]
        phase = states[mid].phase
        week_races = {d: m for d, m in sh.races.items() if monday <= d < monday + 7}
        quality = True
        if phase == "flare":
            if rehab_week >= 0:
                pre_flare, rehab_week = vol, -1
            week_km = pre_flare * rng.uniform(0.18, 0.28)
            n_runs, quality = 2 if week_km < 8 else 3, False
        elif phase == "rehab":
            if rehab_week < 0:
                vol, rehab_week = rng.uniform(8, 11), 0
            else:
                vol = min(vol * rng.uniform(1.06, 1.11), sh.base_km)  # 10 %-ish a week
            rehab_week += 1
            week_km, n_runs, quality = vol, 3 if vol < 24 else 4, rehab_week > 5 and vol >= 20
        else:
            if rehab_week < 0:  # a flare ended straight into maintenance (it does not, but)
                vol, rehab_week = sh.base_km * 0.5, 0
            if rehab_week > 0:  # signed off: the light weeks count from here
                normal_weeks, rehab_week = 0, 0
            target = sh.base_km
            wobble = 0.5 * wobble + rng.uniform(-0.035, 0.035)
            back = (monday - sh.holiday[0]) // 7  # weeks since the holiday's (0: the holiday)
            if 0 <= back < len(_BACK_FROM_HOLIDAY):
                pass  # the usual volume waits for the runner to be back to it
            elif vol < target * 0.95:
                vol *= rng.uniform(1.04, 1.08)
            else:
                vol = target * (1 + wobble)
            week_km = vol
            normal_weeks += 1
            if 0 < back < len(_BACK_FROM_HOLIDAY):
                week_km = vol * _BACK_FROM_HOLIDAY[back]  # eased back in, not straight to full
                normal_weeks, quality = 0, back > 1
            elif monday in sh.ramp_weeks:
                week_km = vol * sh.ramp_weeks[monday]
            elif normal_weeks % 5 == 0 and monday + 7 not in sh.ramp_weeks:
                week_km = vol * rng.uniform(0.85, 0.9)  # the lighter week of the block
                quality = False
            n_runs = 3 if week_km < 20 else 4 if week_km < 38 else 5
            if rng.random() < 0.2:
                n_runs = max(3, min(5, n_runs + rng.choice((-1, 1))))
        _lay_out_week(
            rng,
            plan,
            monday,
            n_days,
            states,
            phase,
            week_km,
            n_runs,
            quality,
            rehab_week,
            week_races,
        )
        monday += 7
    return plan


def _lay_out_week(
    rng: random.Random,
    plan: dict[int, _Planned],
    monday: int,
    n_days: int,
    states: list[DayState],
    phase: str,
    week_km: float,
    n_runs: int,
    quality: bool,
    rehab_week: int,
    races: dict[int, int],
) -> None:
    """Spread one week's volume over its run days: long run, quality session, easy runs, race."""
    days = list(rng.choice(_TEMPLATES[n_runs]))
    long_day = days[-1]
    parkrun_saturday = monday + _SATURDAY in races
    if long_day == _SUNDAY and rng.random() < 0.25 and _SATURDAY not in days:
        if not parkrun_saturday:
            long_day = days[-1] = _SATURDAY  # a Saturday long run now and then
    if len(days) > 2 and rng.random() < 0.15:  # a midweek run moved by a day
        j = rng.randrange(len(days) - 1)
        moved = days[j] + rng.choice((-1, 1))
        if 0 <= moved < 7 and moved not in days:
            days[j] = moved
    race_km = sum(m for m in races.values() if m >= 10_000) / 1000
    if race_km:  # the race is the week's long run and its hard session
        quality = False
    has_long = week_km >= 18 and not race_km
    quality_day = next((d for d in days if d in (1, 2)), None) if quality else None
    quality_type = rng.choice(("tempo", "intervals", "intervals")) if quality else "easy"
    # Share the week out by weight: the long run 2.2, the quality session 1.3, an easy run 1.
    weights = {wd: 1.0 for wd in days if monday + wd not in races}
    if has_long and long_day in weights:
        weights[long_day] = 2.2
    if quality_day in weights:
        weights[quality_day] = 1.3
    # Every race is part of the week's volume (a parkrun on a Saturday without a planned run is
    # not run on top of the week), so that racing adds no ramp of its own.
    raced = sum(races.values()) / 1000
    unit = max(0.0, week_km - raced) / max(1.0, sum(weights.values()))
    for wd in days:
        i = monday + wd
        if not 0 <= i < n_days:
            continue
        month = states[i].date.month
        if wd == long_day and has_long:
            km = min(32.0, 2.2 * unit)
            kind = "long" if km >= 9 else "easy"
        elif wd == quality_day:
            kind, km = quality_type, min(12.0, max(6.0, 1.3 * unit))
        elif phase == "rehab" and rehab_week <= 2:
            kind, km = "other", rng.uniform(2.5, 4.0)  # walk-run, the physio's first step
        else:
            kind, km = "easy", max(3.0, unit * rng.uniform(0.85, 1.15))
        if phase == "flare":
            kind, km = "easy", min(km, rng.uniform(3.0, 5.5))
        notes = ""
        if kind == "intervals":
            notes = rng.choice(_INTERVALS)
        elif kind == "tempo" and rng.random() < 0.5:
            notes = rng.choice(_TEMPOS)
        elif kind == "long" and rng.random() < 0.12:
            notes = rng.choice(("hilly", "with the club", "out and back along the river"))
        elif kind == "other":
            notes = "walk-run 1 min / 1 min"
        surface = _surface(rng, kind, phase, month)
        if surface == "treadmill" and not notes and rng.random() < 0.3:
            notes = "raining"
        plan[i] = _Planned(kind, km, surface, notes)
    for day, metres in races.items():
        if 0 <= day < n_days and states[day].phase in ("build", "maintenance"):
            surface = "road" if metres > 5000 else _pick(rng, (("grass", 3), ("trail", 2)))
            name = {5000: "parkrun", 10_000: "10 km race", 21_097: "half marathon"}[metres]
            plan[day] = _Planned("race", metres / 1000, surface, name, race_m=metres)
            # The day after a 10 km or a half marathon is a rest day.
            if metres >= 10_000 and day + 1 in plan:
                del plan[day + 1]


# --- 4. the days, one after the other ------------------------------------------------------------

_PACES: dict[str, tuple[float, float]] = {  # seconds per km, before the year's fitness shift
    "easy": (335, 365),
    "long": (345, 375),
    "tempo": (288, 302),
    "intervals": (295, 318),
    "other": (378, 388),
}
_RACE_PACE = {5000: 287, 10_000: 292, 21_097: 302}

_NOTES: dict[str, tuple[str, ...]] = {
    "start": ("Starting a journal: the back has been niggly for months",),
    "flare_onset": (
        "Back locked up bending to tie my shoes",
        "Sharp low-back pain getting out of the car",
        "Back seized lifting the shopping",
    ),
    "gp_visit": (
        "GP: no red flags, keep moving, ibuprofen for a few days",
        "Saw the GP: no red flags, referred to physio",
    ),
    "physio": (
        "First physio visit: walks, cat-camel, knee-to-chest",
        "Physio: gentle mobility and short walks for now",
    ),
    "break": ("No running: resting the back", "Taking a few days off running", "Walks only"),
    "holiday": ("Holiday: no running this week", "Away with family, rest week"),
    "leg_worst": (
        "Worst night so far, leg pain woke me twice",
        "Leg pain bad this morning, couldn't sit through the meeting",
    ),
    "extent_up_2": ("Ache into the {side} buttock",),
    "extent_up_3": ("Pain now down the back of the {side} thigh",),
    "extent_up_4": ("Pain below the knee into the {side} calf",),
    "extent_up_5": ("Tingling into the {side} foot; rang the physio, no red flags",),
    "extent_down_4": ("Calf pain easing",),
    "extent_down_3": ("Leg pain pulling back up: thigh only now",),
    "extent_down_2": ("Only the buttock now: centralising, physio pleased",),
    "extent_down_1": ("Leg clear, just the back stiff",),
    "leg_clear": ("No leg symptoms at all today",),
    "rehab": (
        "Physio: bridges, bird dog, dead bug, side plank daily",
        "New rehab programme: McGill curl-up, bird dog, side plank",
    ),
    "maintenance": (
        "Physio signed me off: maintenance exercises twice a week",
        "Down to the maintenance programme, twice a week",
    ),
    "skipped": (
        "Skipped the run: back too sore",
        "Planned to run, back said no",
        "Skipped the run, leg grumbling",
    ),
    "ramp": ("Biggest week in ages", "Upping the miles", "Big week, legs heavy"),
    "good": (
        "Felt good",
        "Back fine today",
        "Lovely run in the sun",
        "Legs tired",
        "Slept badly",
        "Long day at the desk, back stiff",
        "Core session done",
        "Stretched after the run",
        "New shoes",
        "Windy",
    ),
    "sore": (
        "Heat pack helped",
        "Short walk at lunch",
        "Sitting is the worst",
        "Did the exercises twice",
        "Stiff getting out of bed",
        "Better after moving about",
    ),
}


def _score(x: float, low: int = 0, high: int = 10) -> int:
    """Round a level to an integer score inside ``low``-``high``."""
    return min(high, max(low, int(x + 0.5)))


def _simulate(
    rng: random.Random,
    states: list[DayState],
    shapes: list[YearShape],
    plan: dict[int, _Planned],
) -> Iterator[DayEntry]:
    """Walk the days, carrying the load state, and derive each day's entry from its state."""
    gauss, rand = rng.gauss, rng.random
    a_acute, a_chronic = 2 / (7 + 1), 2 / (28 + 1)  # EWMA weights (CLINICAL.md, Williams 2017)
    first_week = shapes[0].base_km * 0.8 / 7
    acute = chronic = first_week
    irritation = 0.0  # load-driven back irritation, built by too-fast weeks, fading in days
    prev_km, prev_type = 0.0, ""
    for st in states:
        i = st.index
        sh = shapes[st.year]
        # The load of the days so far: an acute:chronic ratio above ~1.15 irritates the back.
        ratio = acute / chronic if chronic > 0.3 else 1.0
        irritation = irritation * 0.9 + 0.45 * max(0.0, ratio - 1.12) * min(1.0, chronic / 4)
        back_base = sh.back_base * (0.65 if st.phase == "maintenance" else 1.0)
        back_level = back_base + 5.0 * st.flare + 1.3 * st.sciatica + 3.0 * irritation
        leg_level = 6.6 * st.sciatica
        # Yesterday's run shows in this morning's pain: the longer, the more.
        after_effect = 0.12 * max(0.0, prev_km - 6) * (1 + st.flare + st.sciatica)
        after_effect += 0.3 if prev_type == "race" else 0.0
        back_wake = _score(back_level + 0.3 + after_effect + gauss(0, 0.6))
        leg_wake = _score(leg_level + 0.4 * after_effect * (st.sciatica > 0) + gauss(0, 0.5))
        if leg_wake == 0 and rand() < 0.03:
            leg_wake = 1  # a tight hamstring now and then
        entry = DayEntry(st.date.isoformat(), back_wake=back_wake, leg_wake=leg_wake)
        if rand() < 0.92:
            stiff = 1.3 + 4 * st.flare + 1.5 * irritation + 0.8 * st.sciatica + 0.5 * after_effect
            entry.stiffness = _score(stiff + gauss(0, 0.8))
        if rand() < 0.88:
            entry.sleep = _score(4.1 - 1.4 * st.flare - 1.8 * st.sciatica + gauss(0, 0.6), 1, 5)
        note = ""
        planned = plan.get(i)
        km = 0.0
        run_type = ""
        if planned and st.off:
            planned = None
        # Too sore to run (Silbernagel: above 5 is too much; stricter while in the flare).
        careful = st.phase in ("flare", "rehab")
        if planned and (back_wake >= 6 - careful or leg_wake >= 5):
            planned = None
            if rand() < 0.5:
                note = rng.choice(_NOTES["skipped"])
        if planned:
            run = _run(rng, planned, st, sh, back_wake)
            km, run_type = run.distance_m / 1000, run.type
            entry.runs.append(run)
            hard = 0.6 if run.type in ("tempo", "intervals", "race") else 0.0
            sore = 1 + st.flare
            entry.back_before = _score(back_level + gauss(0, 0.5))
            entry.back_during = _score(back_level + (0.04 * km + hard) * sore + gauss(0, 0.6))
            entry.back_after = _score(back_level + (0.07 * km + hard + 0.2) * sore + gauss(0, 0.6))
            if st.sciatica > 0 or rand() < 0.5:  # leg scores left blank on many clear days
                entry.leg_before = _score(leg_level + gauss(0, 0.4))
                entry.leg_during = _score(leg_level * 1.15 + 0.03 * km + gauss(0, 0.5))
                entry.leg_after = _score(leg_level * 1.2 + 0.04 * km + gauss(0, 0.5))
            if sh.ramp_weeks.get(i - st.date.weekday(), 1) > 1.1 and run.type == "long":
                note = note or rng.choice(_NOTES["ramp"])
            if run.type == "race":
                note = f"{planned.notes}: {format_duration(run.duration_s)}"
        if st.event:
            note = rng.choice(_NOTES.get(st.event, ("",))).format(side=st.side) or note
        if not note and rand() < 0.06:
            pool = "sore" if back_level >= 3 or leg_level >= 2 else "good"
            note = rng.choice(_NOTES[pool])
        entry.note = note
        entry.marks = _marks(rng, st, max(back_wake, entry.back_after or 0), leg_wake)
        acute = km * a_acute + (1 - a_acute) * acute
        chronic = km * a_chronic + (1 - a_chronic) * chronic
        prev_km, prev_type = km, run_type
        if not st.forgotten or km:  # a run is logged (the watch syncs it); a rest day forgotten
            yield entry


# Where leg symptoms reach at each extent level, from the back down (CLINICAL.md), with the
# qualities a runner would most often mark there: nerve-like ones, so that they count.
_LEG_PATH: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (2, "buttock", ("ache", "shooting")),
    (3, "thigh-back", ("shooting", "tingling")),
    (4, "calf", ("tingling",)),
    (5, "sole", ("numbness", "tingling")),
)


def _marks(rng: random.Random, st: DayState, back: int, leg: int) -> list[Mark] | None:
    """The body map of a day, or None on the (many) days the runner does not fill it in.

    During a flare or sciatica the map is filled most days; otherwise now and then when the
    back hurts. Sciatica follows ``extent`` down ``side``'s leg, fading with distance from the
    back, so the demo shows symptoms spreading down the leg and then centralising.
    """
    active = st.flare > 0.05 or st.sciatica > 0.05
    if not (active and rng.random() < 0.85) and not (back >= 2 and rng.random() < 0.15):
        return None
    side = "l" if st.side == "left" else "r"
    marks: list[Mark] = []
    if back:
        marks.append(Mark("low-back", back, ("ache",)))
        if st.flare > 0.3:
            sharp = ("ache", "sharp") if st.flare > 0.6 else ("ache",)
            marks.append(Mark(f"low-back-{side}", max(1, back - 1), sharp))
            marks.append(Mark(f"si-joint-{side}", max(1, back - 2), ("ache",)))
    if st.extent >= 2 and leg:
        for level, base, qualities in _LEG_PATH:
            if level > st.extent:
                break
            intensity = max(1, min(10, leg - (level - 2)))
            marks.append(Mark(f"{base}-{side}", intensity, sorted_qualities(qualities)))
    return marks


def _run(rng: random.Random, p: _Planned, st: DayState, sh: YearShape, back_wake: int) -> Run:
    """Turn a planned run into the logged one: shorter when sore, a pace that fits its type."""
    kind, km, notes = p.type, p.km, p.notes
    sore = 4 if st.phase in ("flare", "rehab") else 5
    if back_wake >= sore and kind != "race":  # a sore morning: keep it short and easy
        if kind not in ("easy", "other"):
            kind, notes = "easy", "kept it easy, back sore"
        km = min(km, rng.uniform(3.0, 6.0))
    if p.race_m:
        metres = p.race_m
        pace = _RACE_PACE[p.race_m] + rng.uniform(-4, 6)
    else:
        step = 100 if p.surface in ("track", "treadmill") else 10
        metres = max(step, round(km * 1000 * rng.uniform(0.97, 1.03) / step) * step)
        low, high = _PACES[kind]
        pace = rng.uniform(low, high) + (10 if p.surface == "trail" else 0)
        if st.phase in ("flare", "rehab"):
            pace += 12
    pace = min(390.0, max(285.0, pace + sh.pace_shift * (0.5 if p.race_m else 1)))
    return Run(
        distance_m=metres,
        duration_s=round(metres / 1000 * pace),
        type=kind,
        surface=p.surface,
        notes=notes,
    )
