"""The demo's story: a runner's year(s) with back pain, flare-up and sciatica, day by day.

Every part of the demo follows this story: the days and runs (:mod:`backjournal.demo.days`), the
exercise programme (:mod:`backjournal.demo.exercises`), and whatever is added next. It is pure
(one ``random.Random(seed)``, no clock, no I/O) and deterministic for a given
``(today, years, seed)``.

The story of each 365-day block (the last block ends ``today``; every block varies its dates,
severity and volume, so that no two years are alike):

* **build** (first year) or **maintenance** (later years): 3-5 runs a week with a weekend long
  run, one tempo or interval session, easy runs, every fifth week a lighter one, the odd parkrun
  and a 10 km race. One "big week" (+18-28 % on the week before) raises the acute:chronic load
  ratio, and a small rise in back pain follows.
* Two too-fast weeks (+12-18 % each) precede the **flare** (weeks 16-20 of the last year; any
  time from the third to the seventh month in earlier ones): back pain climbs to 6-7 within
  three days, holds a few days, then settles over about two weeks. Two multi-day breaks from
  running, a GP visit, a first physio visit, a few short easy runs in between.
* A **sciatica** episode (every last year, most earlier ones) starts two weeks or so into the
  flare: leg pain rises to 5-7 over ten days while the symptoms reach further down one leg
  (buttock, thigh, below the knee, sometimes the foot), then settles and centralises over four to
  six weeks (back up to the thigh, the buttock, the back only, then none).
* **rehab**: a physio programme, two weeks of walk-run, then easy runs rebuilt from 8-11 km a
  week; runs are skipped or cut short on sore mornings (Silbernagel: above 5 is too much).
* **maintenance**: the programme is cut to twice a week, normal training, a holiday week without
  running, an autumn race (some years with another big week before it).

Structure (built to be extended without touching the training code):

1. :func:`_shape` (here) draws one :class:`YearShape` per block: the dates and sizes of that
   year's events.
2. :func:`_states` (here) turns the shapes into one :class:`DayState` per day: programme
   ``phase``, ``flare`` and ``sciatica`` levels (0-1), sciatica ``extent`` (0-5, CLINICAL.md),
   enforced breaks, forgotten days and scripted ``event`` names. Nothing here depends on runs.
3. and 4. :mod:`backjournal.demo.days` plans the weeks and walks the days into
   :class:`DayEntry` values (runs, pain, body-map marks).

:func:`story` returns the random generator (its state after steps 1-2), the shapes and the day
states; :func:`day_states` only the states, for data that follows the same story.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

DAYS_PER_YEAR = 365
PHASES: tuple[str, ...] = ("build", "flare", "rehab", "maintenance")

_SUNDAY = 6
_SATURDAY = 5


@dataclass(frozen=True)
class YearShape:
    """The events of one 365-day block, as absolute day indices from the journal's first day."""

    start: int
    base_km: float  # the usual weekly volume of this year
    back_base: float  # everyday back-pain level before the programme
    flare_start: int
    flare_hold: int  # days at the flare's worst
    flare_tau: float  # days for the flare to settle by a factor e after its worst
    flare_end: int
    flare_peak: float  # 0-1
    sciatica_start: int | None
    sciatica_peak_day: int
    sciatica_end: int
    sciatica_peak: float  # 0-1; leg pain at the peak is about 6.6 x this
    extent_peak: int  # 3-5
    side: str  # "left" or "right"
    rehab_end: int  # maintenance starts here
    breaks: tuple[tuple[int, int], ...]  # (first, last) days without running
    ramp_weeks: dict[int, float]  # Monday index -> volume multiplier of a too-fast week
    holiday: tuple[int, int]  # (first, last) days of a holiday without running
    races: dict[int, int]  # day index -> race distance in metres
    pace_shift: float  # seconds per km added to every pace (fitness of that year)


@dataclass
class DayState:
    """What is going on in the runner's back and programme on one day, before anything is logged.

    ``flare`` and ``sciatica`` are 0-1 intensities; ``extent`` is the sciatica extent of
    CLINICAL.md (0 none, 1 back only, 2 buttock, 3 thigh, 4 below the knee, 5 foot).
    """

    index: int
    date: dt.date
    year: int  # which block (0 = oldest)
    phase: str
    flare: float
    sciatica: float
    extent: int
    side: str
    off: bool  # a break: no running at all
    forgotten: bool  # nothing logged that day
    event: str | None = None


def day_states(today: dt.date, *, years: int = 1, seed: int = 7) -> list[DayState]:
    """The day states behind :func:`generate` with the same arguments (phase, flare, breaks,
    forgotten days...), for data that follows the same story (the exercise programme:
    ``backjournal.demo.exercises``)."""
    return story(today, years, seed)[2]


def story(
    today: dt.date, years: int, seed: int
) -> tuple[random.Random, list[YearShape], list[DayState]]:
    if years < 1:
        raise ValueError("years must be at least 1")
    rng = random.Random(f"backjournal-demo:{seed}:{years}:{today.isoformat()}")
    n_days = DAYS_PER_YEAR * years
    start = today - dt.timedelta(days=n_days - 1)
    first_weekday = start.weekday()
    shapes = [_shape(rng, k, k == years - 1, first_weekday) for k in range(years)]
    return rng, shapes, _states(rng, start, n_days, shapes)


# --- 1. the shape of each year -------------------------------------------------------------------


def _shape(rng: random.Random, k: int, last: bool, first_weekday: int) -> YearShape:
    """Draw the dates and sizes of block ``k``'s events (the last block always has sciatica).

    ``first_weekday`` is the weekday (Monday 0) of the journal's first day, so that long runs and
    races fall on weekends.
    """

    def _weekday(index: int) -> int:
        return (first_weekday + index) % 7

    s = k * DAYS_PER_YEAR
    # The last year's flare comes in its fifth month, so that the journal ends in maintenance;
    # earlier years have theirs any time from late winter to early autumn.
    flare_start = s + (rng.randint(112, 140) if last else rng.randint(85, 200))
    hold = rng.randint(3, 6)
    has_sciatica = last or rng.random() < 0.65
    if has_sciatica:
        sc_start = flare_start + rng.randint(11, 18)
        sc_peak_day = sc_start + rng.randint(9, 14)
        sc_end = sc_peak_day + rng.randint(3, 5) + rng.randint(28, 42)
        sc_peak = rng.uniform(0.75, 1.0) if last else rng.uniform(0.5, 0.95)
        extent_peak = rng.choice((4, 4, 5)) if last else rng.choice((3, 4, 4, 5))
    else:
        sc_start, sc_peak_day, sc_end, sc_peak, extent_peak = None, flare_start, flare_start, 0, 0
    flare_end = max(flare_start + rng.randint(21, 32), sc_peak_day + rng.randint(7, 12))
    rehab_end = max(flare_end + rng.randint(42, 56), sc_end + 7)
    first_break = flare_start + 1
    breaks = [(first_break, first_break + rng.randint(3, 5))]
    if has_sciatica:
        b2 = sc_peak_day - rng.randint(1, 3)
        breaks.append((b2, b2 + rng.randint(5, 8)))
    else:
        b2 = flare_start + rng.randint(11, 15)
        breaks.append((b2, b2 + rng.randint(3, 4)))
    # The too-fast weeks are the two before the flare's week (and the flare's week itself).
    flare_monday = flare_start - _weekday(flare_start)
    r1, r2 = rng.uniform(1.13, 1.18), rng.uniform(1.12, 1.16)
    ramps = {flare_monday - 14: r1, flare_monday - 7: r1 * r2, flare_monday: r1 * r2}
    # One more "big week" in the quiet months before the flare.
    big = s + rng.randint(35, max(35, min(80, flare_start - s - 42)))
    ramps[big - _weekday(big)] = rng.uniform(1.18, 1.28)
    hol = s + rng.randint(min(rehab_end - s + 21, 340), 345)
    rng.randint(6, 9)  # (was the holiday's length: drawn still, so the rest stays as it was)
    hol -= _weekday(hol)  # a week away, Monday to Sunday
    holiday = (hol, hol + 6)
    races: dict[int, int] = {}
    spring = flare_monday - 28 + _SUNDAY
    if spring > s + 14:
        races[spring] = 10_000
    autumn = rehab_end + rng.randint(50, 80)
    autumn += (_SUNDAY - _weekday(autumn)) % 7
    if autumn < s + DAYS_PER_YEAR - 3 and not holiday[0] - 7 <= autumn <= holiday[1] + 7:
        races[autumn] = rng.choice((10_000, 21_097, 21_097))
        # Some years, an eager build-up to the autumn race: another big week.
        big = autumn - _weekday(autumn) - 7 * rng.randint(3, 5)
        if rng.random() < 0.6 and not holiday[0] - 28 <= big <= holiday[1] + 7:
            ramps[big] = rng.uniform(1.15, 1.25)
    for _ in range(rng.randint(2, 4)):  # parkruns, on Saturdays, in the quiet parts
        day = s + rng.choice((rng.randint(7, 90), rng.randint(rehab_end - s + 14, 355)))
        day += (_SATURDAY - _weekday(day)) % 7
        if day < s + DAYS_PER_YEAR and not holiday[0] <= day <= holiday[1]:
            races[day] = 5_000
    return YearShape(
        start=s,
        base_km=rng.uniform(30, 40) * (1 + 0.03 * min(k, 4)),
        back_base=rng.uniform(0.9, 1.6),
        flare_start=flare_start,
        flare_hold=hold,
        flare_tau=rng.uniform(3.5, 5.5),
        flare_end=flare_end,
        flare_peak=rng.uniform(0.85, 1.0) if last else rng.uniform(0.75, 1.0),
        sciatica_start=sc_start,
        sciatica_peak_day=sc_peak_day,
        sciatica_end=sc_end,
        sciatica_peak=sc_peak,
        extent_peak=extent_peak,
        side=rng.choice(("left", "right")),
        rehab_end=rehab_end,
        breaks=tuple(breaks),
        ramp_weeks=ramps,
        holiday=holiday,
        races=races,
        pace_shift=rng.uniform(-8, 8),
    )


# --- 2. the state of each day -------------------------------------------------------------------


def _flare_level(sh: YearShape, i: int) -> float:
    """The flare's intensity on day ``i``: up in 3 days, a hold, then an exponential settling."""
    t = i - sh.flare_start
    if t < 0 or i >= sh.rehab_end:
        return 0.0
    if t < 3:
        level = (t + 1) / 3
    elif t < 3 + sh.flare_hold:
        level = 1.0
    else:
        level = math.exp(-(t - 3 - sh.flare_hold) / sh.flare_tau)
    return sh.flare_peak * level


def _sciatica_level(sh: YearShape, i: int) -> float:
    """Leg symptoms on day ``i``: a rise to the peak, a few days there, then a slower settling."""
    if sh.sciatica_start is None or not sh.sciatica_start <= i < sh.sciatica_end:
        return 0.0
    if i < sh.sciatica_peak_day:
        x = (i - sh.sciatica_start) / (sh.sciatica_peak_day - sh.sciatica_start)
        level = 0.2 + 0.8 * x
    else:
        settle_from = sh.sciatica_peak_day + 4
        if i < settle_from:
            level = 1.0
        else:
            x = (i - settle_from) / max(1, sh.sciatica_end - settle_from)
            level = (1 - x) ** 1.4
    return sh.sciatica_peak * level


def _extent(sh: YearShape, i: int, level: float) -> int:
    """How far down the leg symptoms reach: peripheralising on the way up, centralising after."""
    if level <= 0 or sh.sciatica_start is None:
        return 0
    frac = level / sh.sciatica_peak
    if i < sh.sciatica_peak_day:
        return min(sh.extent_peak, 2 + int(frac * (sh.extent_peak - 1)))
    if frac < 0.15:  # leg pain about 1 or less: back only
        return 1
    return min(sh.extent_peak, 2 + int((frac - 0.15) / 0.85 * (sh.extent_peak - 1)))


def _states(
    rng: random.Random, start: dt.date, n_days: int, shapes: list[YearShape]
) -> list[DayState]:
    """One :class:`DayState` per day: phase, flare, sciatica and extent, breaks, forgotten days."""
    states: list[DayState] = []
    prev_extent = 0
    for i in range(n_days):
        sh = shapes[min(i // DAYS_PER_YEAR, len(shapes) - 1)]
        if i < sh.flare_start:
            phase = "build" if sh.start == 0 else "maintenance"
        elif i < sh.flare_end:
            phase = "flare"
        elif i < sh.rehab_end:
            phase = "rehab"
        else:
            phase = "maintenance"
        sciatica = _sciatica_level(sh, i)
        extent = _extent(sh, i, sciatica)
        off = any(a <= i <= b for a, b in sh.breaks) or sh.holiday[0] <= i <= sh.holiday[1]
        state = DayState(
            index=i,
            date=start + dt.timedelta(days=i),
            year=i // DAYS_PER_YEAR,
            phase=phase,
            flare=_flare_level(sh, i),
            sciatica=sciatica,
            extent=extent,
            side=sh.side,
            off=off,
            forgotten=0 < i < n_days - 1 and rng.random() < 0.03,
        )
        state.event = _event(sh, i, extent, prev_extent)
        if state.event:
            state.forgotten = False
        prev_extent = extent
        states.append(state)
    return states


def _event(sh: YearShape, i: int, extent: int, prev_extent: int) -> str | None:
    """The scripted moment of day ``i`` that earns a note, if any."""
    if i == sh.flare_start:
        return "flare_onset"
    if i == sh.flare_start + 3:
        return "gp_visit"
    if i == sh.flare_start + 8:
        return "physio"
    if any(i == a for a, _ in sh.breaks):
        return "break"
    if i == sh.holiday[0]:
        return "holiday"
    if i == sh.sciatica_peak_day + 1 and sh.sciatica_start is not None:
        return "leg_worst"
    if extent != prev_extent and extent > 0:
        return f"extent_{'up' if extent > prev_extent else 'down'}_{extent}"
    if extent == 0 and prev_extent > 0:
        return "leg_clear"
    if i == sh.flare_end:
        return "rehab"
    if i == sh.rehab_end:
        return "maintenance"
    if sh.start == 0 and i == 2:
        return "start"
    return None
