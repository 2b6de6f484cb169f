"""The demo's clinical record and the rest of staying active, following the same story.

Pure and deterministic for ``(today, years, seed)``, with a random generator of its own (adding
this changed nothing in the days, the shoes or the exercises). Per year of the story
(:mod:`backjournal.demo.story`):

* **Staying active** (issue #20): walks on most days of the flare-up and the leg-symptom episode
  (20-50 minutes, pain during and after from the day's state), walks on breaks from running,
  and cross-training in some weeks: a ride or a swim, now and then a yoga session.
* **Effort** (CR-10) on about nine runs in ten: easy 3-4, long 5-6, tempo 6-7, intervals 7-8,
  races 9, one point more while the back is sore.
* **Treatments**: at the GP visit of the flare-up, a 10-day course of naproxen; ibuprofen as
  needed on the worst days of the leg symptoms; each physio appointment is also a session.
* **The clinician's plan**: three physio appointments with a return-to-run plan: no running for
  a week at the first; then at most 5 km per run, at most 3 runs a week, no runs on consecutive
  days, and three exercises to build with (their own thoracic foam roll, bird dog and glute
  bridge: the strengthening programme that starts that day, so the programme carries their dose);
  then at most 10 km per run.
* **Flare-ups**: the back flare-up, then the leg-symptom episode, as two episodes.
* **PSFS**: three activities named at the first physio visit, rated every two weeks for three
  months, improving as the back settles.
* **Factors**: "sat over 6 h" (most working days), "long drive" (now and then), each answered yes
  or no on every recorded day; "stress" (0-10) on about half of them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from backjournal.demo.story import DayState, day_states
from backjournal.domain.activity import Activity
from backjournal.domain.clinical import Appointment, Factor, FlareUp, PlanRule, Treatment
from backjournal.domain.models import DayEntry

PSFS_ITEMS = ("run 10 km", "sit for an hour", "lift the children")
FACTORS = (Factor("sat over 6 h"), Factor("long drive"), Factor("stress", "scale"))
# The second physio visit starts the strengthening programme: these are the exercises it gives.
GIVEN_AT_SECOND_VISIT = ("thoracic-foam-roll", "bird-dog", "glute-bridge")
_EFFORT = {"easy": 3, "long": 5, "tempo": 6, "intervals": 7, "race": 9, "other": 4}


@dataclass
class DemoRecord:
    """Everything of the clinical record the demo writes (activities and efforts go into the
    day entries themselves)."""

    treatments: list[Treatment] = field(default_factory=list)
    doses: list[tuple[int, str, str]] = field(default_factory=list)  # (treatment index, date, dose)
    appointments: list[tuple[Appointment, list[PlanRule]]] = field(default_factory=list)
    # (appointment index, exercise id): the exercises an appointment gave, with the dose the
    # programme holds from that day (the demo's exercises write the programme itself).
    given: list[tuple[int, str]] = field(default_factory=list)
    flare_ups: list[FlareUp] = field(default_factory=list)
    psfs_items: tuple[str, ...] = ()
    psfs_from: str | None = None
    psfs: list[tuple[str, list[int]]] = field(default_factory=list)  # (date, ratings)
    factors: tuple[Factor, ...] = FACTORS
    factor_values: list[tuple[str, int, int]] = field(default_factory=list)  # (date, i, value)


def _d(day: dt.date, offset: int = 0) -> str:
    return (day + dt.timedelta(days=offset)).isoformat()


def add_activity_and_effort(
    entries: list[DayEntry], today: dt.date, *, years: int = 1, seed: int = 7
) -> None:
    """Give the demo's entries their walks, rides and swims, and their runs an effort."""
    rng = random.Random(f"backjournal-demo-active:{seed}:{years}:{today.isoformat()}")
    states = {s.date.isoformat(): s for s in day_states(today, years=years, seed=seed)}
    for entry in entries:
        state = states.get(entry.date)
        if state is None:
            continue
        sore = max(state.flare, state.sciatica)
        for run in entry.runs:
            if rng.random() < 0.9:
                run.effort = min(10, _EFFORT.get(run.type, 4) + rng.randint(0, 1) + (sore > 0.3))
        activities = _activities(rng, state, bool(entry.runs), sore)
        if activities:
            entry.activities = activities


def _activities(rng: random.Random, state: DayState, ran: bool, sore: float) -> list[Activity]:
    weekday = state.date.weekday()
    out: list[Activity] = []
    if state.phase in ("flare", "rehab") and sore > 0.15 and not ran and rng.random() < 0.7:
        minutes = rng.randint(20, 50) if sore < 0.6 else rng.randint(15, 30)
        during = max(0, min(10, round(sore * 5) + rng.randint(-1, 1)))
        out.append(
            Activity(
                "walk",
                minutes * 60,
                distance_m=round(minutes * 80.0 + rng.randint(-200, 200), 1),
                pain_during=during,
                pain_after=max(0, during - rng.randint(0, 1)),
                notes="walk, as comfortable" if rng.random() < 0.1 else "",
            )
        )
    elif state.off and rng.random() < 0.5:
        out.append(Activity("walk", rng.randint(30, 75) * 60, distance_m=None))
    elif state.phase in ("build", "maintenance") and not ran:
        if weekday == 2 and rng.random() < 0.3:
            minutes = rng.randint(45, 90)
            out.append(
                Activity(
                    "ride",
                    minutes * 60,
                    distance_m=round(minutes * 420.0, 1),
                    effort=rng.randint(3, 6),
                )
            )
        elif weekday == 4 and rng.random() < 0.2:
            out.append(Activity("swim", rng.randint(30, 45) * 60, distance_m=1500.0, effort=4))
        elif weekday == 0 and rng.random() < 0.15:
            out.append(Activity("yoga", 45 * 60, notes="class"))
    return out


def generate_record(
    entries: list[DayEntry], today: dt.date, *, years: int = 1, seed: int = 7
) -> DemoRecord:
    """The clinical record that goes with the demo's ``entries`` (the same story)."""
    rng = random.Random(f"backjournal-demo-record:{seed}:{years}:{today.isoformat()}")
    states = day_states(today, years=years, seed=seed)
    by_date = {e.date: e for e in entries}
    record = DemoRecord()
    for year in sorted({s.year for s in states}):
        _year(rng, [s for s in states if s.year == year], by_date, record, today)
    _factors(rng, entries, record)
    return record


def _year(
    rng: random.Random,
    states: list[DayState],
    by_date: dict[str, DayEntry],
    record: DemoRecord,
    today: dt.date,
) -> None:
    events = {s.event: s.date for s in states if s.event}
    onset, gp, physio = events.get("flare_onset"), events.get("gp_visit"), events.get("physio")
    rehab = events.get("rehab")
    if onset is None or gp is None or physio is None:
        return
    # Treatments: a course from the GP, ibuprofen on the worst leg days.
    record.treatments.append(
        Treatment("naproxen", "medication", "course", _d(gp), _d(gp, 9), "500 mg twice a day")
    )
    ibuprofen = len(record.treatments)
    record.treatments.append(Treatment("ibuprofen", "medication", "as-needed", _d(gp), None))
    for state in states:
        entry = by_date.get(state.date.isoformat())
        if entry is not None and state.sciatica > 0.6 and rng.random() < 0.6:
            record.doses.append((ibuprofen, entry.date, "400 mg"))
    # Three physio appointments with a return-to-run plan, each a session too.
    second = rehab or physio + dt.timedelta(days=14)
    third = second + dt.timedelta(days=28)
    visits = [
        (physio, "no running for a week; walk daily", ["no running until " + _d(physio, 7)]),
        (
            second,
            "back to easy running: at most 5k per run, at most 3 runs a week, "
            "no runs on consecutive days",
            ["at most 5k per run", "at most 3 runs a week", "no runs on consecutive days"],
        ),
        (third, "build up slowly: at most 10k per run", ["at most 10k per run"]),
    ]
    for i, (day, said, rules) in enumerate(visits):
        if day > today:
            continue
        nxt = visits[i + 1][0] if i + 1 < len(visits) and visits[i + 1][0] <= today else None
        appointment = Appointment(
            _d(day), "physio", said, "; ".join(rules), _d(nxt) if nxt else None
        )
        # Each visit's rules hold until the next visit; the last ones for eight weeks.
        until = _d(visits[i + 1][0], -1) if i + 1 < len(visits) else _d(day, 56)
        record.appointments.append((appointment, [_rule(text, _d(day), until) for text in rules]))
        if i == 1:
            at = len(record.appointments) - 1
            record.given += [(at, exercise_id) for exercise_id in GIVEN_AT_SECOND_VISIT]
        record.treatments.append(Treatment("physio", "physio", "once", _d(day), _d(day)))
    # Two episodes: the back flare-up, then the leg symptoms.
    leg = next((s.date for s in states if s.sciatica > 0.2 and s.date > onset), None)
    back_end = (leg - dt.timedelta(days=1)) if leg else onset + dt.timedelta(days=10)
    back_end = min(back_end, onset + dt.timedelta(days=12), today)
    record.flare_ups.append(FlareUp(_d(onset), _d(back_end), "back flare-up"))
    if leg is not None:
        clear = events.get("leg_clear")
        end = clear if clear and clear > leg else None
        record.flare_ups.append(
            FlareUp(_d(leg), _d(end) if end else None, "leg symptoms down the leg")
        )
    # PSFS: named at the first physio visit, rated every two weeks for about three months.
    if not record.psfs_items:
        record.psfs_items = PSFS_ITEMS
        record.psfs_from = _d(physio)
    level = {s.date: max(s.flare, s.sciatica) for s in states}
    for k in range(7):
        day = physio + dt.timedelta(days=14 * k)
        if day > today or day not in level:
            break
        base = 9 - 7 * level[day]
        record.psfs.append(
            (
                day.isoformat(),
                [max(0, min(10, round(base + shift + rng.uniform(-1, 1)))) for shift in (-1, 1, 0)],
            )
        )


def _rule(text: str, day: str, until: str) -> PlanRule:
    from backjournal.domain.clinical import parse_instruction

    rule = parse_instruction(text, day, "km", dt.date.fromisoformat)
    assert rule is not None, text
    rule.end = until
    return rule


def _factors(rng: random.Random, entries: list[DayEntry], record: DemoRecord) -> None:
    """Each recorded day answers the two yes/no factors, yes or no (the insights compare the
    two, and an unanswered day is on neither side); "stress" on about half of them. None of them
    moves the story's pain: the insights should find no clear difference, and do. The draws are
    those of the first version, which recorded the yeses alone, so the yeses are the same."""
    for entry in entries:
        weekday = dt.date.fromisoformat(entry.date).weekday()
        sat = weekday < 5 and rng.random() < 0.6
        record.factor_values.append((entry.date, 0, int(sat)))
        record.factor_values.append((entry.date, 1, int(rng.random() < 0.06)))
        if rng.random() < 0.5:
            record.factor_values.append((entry.date, 2, rng.choice((2, 3, 3, 4, 5, 6, 7))))
