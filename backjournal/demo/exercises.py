"""The demo journal's exercises: a programme with its phase history and realistic adherence,
following the story of :mod:`backjournal.demo.story` (the same day states, so the phases match
the flare-up, the sciatica and the return to running).

Pure and deterministic for ``(today, years, seed)``, like the day entries; ten years take a few
tens of milliseconds. The story, per year:

* The first year starts without a programme (the runner has not needed one yet).
* At the first physio visit of a flare-up (eight days in) the runner starts the **relief**
  starter; a later flare-up during maintenance sends them back to relief the day after it
  starts (the pain rose by more than 2 points).
* When the flare settles (the demo's "rehab" day), **strengthening**: the starter, plus their own
  exercise (a thoracic foam-roller routine, added to the library then), and three weeks later a
  progression (plank and single-leg deadlift in, McGill curl-up out).
* When the demo reaches maintenance, **maintenance** (the app's suggestion, accepted), with the
  programme the runner settled on: strength on Mondays and Wednesdays, two stretches on Saturdays.

Adherence: about 90 % of relief days (pain is a good motivator), 80 % in strengthening, 65-75 %
in maintenance with busy weeks (about one in six, when little gets done), holidays and breaks
from running done lightly, and nothing on days the runner forgot to log. A missed session skips
the whole day; an exercise is sometimes left out or done with fewer sets (with a note, now and
then), and an extra hip-flexor stretch follows some long weekend runs. Today is half done, so
that the checklist shows both kinds of line.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from backjournal.demo.story import day_states
from backjournal.domain.exercises import Dose, Exercise, ProgrammeItem, starter_items

FOAM_ROLLER = Exercise(
    id="thoracic-foam-roll",
    name="Thoracic foam roll",
    kind="mobility",
    targets="upper back (from the physio)",
    steps=(
        "Lie on a foam roller across your upper back, hands behind your head.",
        "Lift your hips a little and roll slowly from mid back to shoulders.",
        "Pause and breathe where it feels stiff.",
    ),
    dose=Dose(2, reps=10),
    stop_when="Stop if it hurts in your lower back; keep the roller above it.",
    builtin=False,
)

_MON_WED = (0, 2)
MAINTENANCE_PROGRAMME: tuple[ProgrammeItem, ...] = (
    ProgrammeItem("bird-dog", Dose(3, reps=8, per_side=True), _MON_WED),
    ProgrammeItem("side-plank", Dose(3, hold_s=30, per_side=True), _MON_WED),
    ProgrammeItem("glute-bridge", Dose(3, reps=12), _MON_WED),
    ProgrammeItem("single-leg-rdl", Dose(3, reps=8, per_side=True), _MON_WED),
    ProgrammeItem("dead-bug", Dose(3, reps=8, per_side=True), _MON_WED),
    ProgrammeItem("hip-flexor-stretch", Dose(2, hold_s=30, per_side=True), (5,)),
    ProgrammeItem("piriformis-stretch", Dose(2, hold_s=30, per_side=True), (5,)),
)

_NOTES = (
    "short on time",
    "back a bit stiff",
    "did them after the run",
    "felt easy today",
    "left side weaker",
)


@dataclass(frozen=True)
class DemoExercises:
    """What the demo writes: the user's own exercises, each phase change (date, from, to, why),
    each programme edit (date, items: the programme from that date) and each tick
    (date, exercise id, sets done or None, note). All in date order."""

    exercises: tuple[Exercise, ...]
    phases: tuple[tuple[dt.date, str | None, str, str], ...]
    programmes: tuple[tuple[dt.date, tuple[ProgrammeItem, ...]], ...]
    ticks: tuple[tuple[dt.date, str, int | None, str], ...]


def generate_exercises(today: dt.date, *, years: int = 1, seed: int = 7) -> DemoExercises:
    """The demo's exercises for the journal :func:`backjournal.demo.days.generate` writes
    with the same arguments."""
    states = day_states(today, years=years, seed=seed)
    rng = random.Random(f"backjournal-demo-exercises:{seed}:{years}:{today.isoformat()}")
    phases: list[tuple[dt.date, str | None, str, str]] = []
    programmes: list[tuple[dt.date, tuple[ProgrammeItem, ...]]] = []
    exercises: list[Exercise] = []
    current: str | None = None

    def change(day: dt.date, phase: str, why: str, items: tuple[ProgrammeItem, ...]) -> None:
        nonlocal current
        if phase != current:
            phases.append((day, current, phase, why))
            current = phase
        programmes.append((day, items))

    # The demo's phases (build, flare, rehab, maintenance) say when things change; its scripted
    # events do not (a day has one event, and the sciatica's may take the place of "rehab").
    previous = None
    flare_day = 0
    for st in states:
        flare_day = flare_day + 1 if st.phase == "flare" else 0
        if current is None and flare_day == 9:  # the first physio visit, eight days in
            change(
                st.date,
                "relief",
                "physio: gentle exercises while the flare settles",
                tuple(starter_items("relief")),
            )
        elif current == "maintenance" and flare_day == 2:
            change(
                st.date,
                "relief",
                "flare-up: back pain up 3 points in 3 days",
                tuple(starter_items("relief")),
            )
        elif previous == "flare" and st.phase == "rehab" and current == "relief":
            if not exercises:
                exercises.append(FOAM_ROLLER)
            own = ProgrammeItem(FOAM_ROLLER.id, FOAM_ROLLER.dose, (1, 3, 5))
            items = (*starter_items("strengthening"), own)
            change(st.date, "strengthening", "physio: the flare has settled, time to build", items)
            later = st.date + dt.timedelta(days=21)
            if later <= today:
                progressed = tuple(i for i in items if i.exercise_id != "mcgill-curl-up") + (
                    ProgrammeItem("plank", Dose(3, hold_s=30), (0, 2, 4)),
                    ProgrammeItem("single-leg-rdl", Dose(2, reps=8, per_side=True), (0, 2, 4)),
                )
                programmes.append((later, progressed))
        elif previous == "rehab" and st.phase == "maintenance" and current == "strengthening":
            change(
                st.date,
                "maintenance",
                "pain 2 or less for 14 days and most of the programme done",
                MAINTENANCE_PROGRAMME,
            )
        previous = st.phase
    programmes.sort(key=lambda p: p[0])
    ticks = _ticks(rng, states, phases, programmes, today)
    return DemoExercises(tuple(exercises), tuple(phases), tuple(programmes), tuple(ticks))


def _in_force(programmes, day: dt.date) -> tuple[ProgrammeItem, ...]:
    found: tuple[ProgrammeItem, ...] = ()
    for start, items in programmes:
        if start > day:
            break
        found = items
    return found


def _ticks(rng: random.Random, states, phases, programmes, today: dt.date):
    ticks: list[tuple[dt.date, str, int | None, str]] = []
    phase_at = {}
    current = None
    changes = {p[0]: p[2] for p in phases}
    busy_until = None
    for st in states:
        current = changes.get(st.date, current)
        phase_at[st.date] = current
        if current is None:
            continue
        if st.date.weekday() == 0:  # a busy week now and then, mostly in maintenance
            busy = rng.random() < (0.17 if current == "maintenance" else 0.05)
            busy_until = st.date + dt.timedelta(days=6) if busy else None
        items = [i for i in _in_force(programmes, st.date) if st.date.weekday() in i.weekdays]
        if st.forgotten:
            continue
        if st.date == today:
            for item in items[: (len(items) + 1) // 2]:
                ticks.append((st.date, item.exercise_id, None, ""))
            continue
        p_day = {"relief": 0.93, "strengthening": 0.86, "maintenance": 0.76}[current]
        if busy_until is not None and st.date <= busy_until:
            p_day = 0.3
        if st.off and current == "maintenance":
            p_day *= 0.6  # on holiday: exercises done only now and then
        if items and rng.random() < p_day:
            for item in items:
                if rng.random() < 0.06:
                    continue  # this one left out today
                sets = None
                note = ""
                if item.dose.sets > 1 and rng.random() < 0.05:
                    sets = item.dose.sets - 1
                    if rng.random() < 0.5:
                        note = rng.choice(_NOTES)
                ticks.append((st.date, item.exercise_id, sets, note))
        scheduled = {i.exercise_id for i in items}
        if st.date.weekday() >= 5 and "hip-flexor-stretch" not in scheduled:
            if rng.random() < 0.12:
                ticks.append((st.date, "hip-flexor-stretch", None, "after the long run"))
    return ticks
