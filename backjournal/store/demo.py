"""Write the seeded demo journal: the days (``backjournal.demo.days``), the demo's shoes with
the runs worn in them (``backjournal.demo.shoes``), and the exercise programme that follows
the same story (``backjournal.demo.exercises``).

``backjournal demo``, the screenshots, the tests' ``demo_journal`` and the benchmarks call
:func:`write_demo`. The shoes, the days and the exercises are separate transactions (each all or
nothing): a demo interrupted between them holds part of it, and ``backjournal demo --force``
writes it again.
"""

from __future__ import annotations

import datetime as dt
import json

from backjournal.demo.days import generate
from backjournal.demo.exercises import DemoExercises, generate_exercises
from backjournal.demo.record import DemoRecord, add_activity_and_effort, generate_record
from backjournal.demo.shoes import DEMO_SHOES, wear
from backjournal.domain.models import DayEntry
from backjournal.store.journal import Journal
from backjournal.store.shoes import add_shoe, find_shoe


def write_demo(
    journal: Journal, today: dt.date, *, years: int = 1, seed: int = 7
) -> tuple[list[DayEntry], DemoExercises]:
    """Replace the journal's days and exercises with the demo's ``years`` ending ``today``, adding
    the demo shoes that are not there yet (a shoe of the same name is reused); return the days
    and the exercises written."""
    entries = list(generate(today, years=years, seed=seed))
    exercises = generate_exercises(today, years=years, seed=seed)
    ids: dict[str, int] = {}
    for shoe in DEMO_SHOES:
        found = find_shoe(journal, shoe.name) or add_shoe(journal, shoe)
        ids[shoe.name] = found.id  # type: ignore[assignment]
    wear(entries, ids)
    add_activity_and_effort(entries, today, years=years, seed=seed)
    journal.replace_all_days(entries)
    journal.exercises.replace_all(exercises)
    record = generate_record(entries, today, years=years, seed=seed)
    write_record(journal, record)
    _write_flag_outcomes(journal, record, today)
    return entries, exercises


def _write_flag_outcomes(journal: Journal, record: DemoRecord, today: dt.date) -> None:
    """The demo runner acts on every flag the days raise: each is "seen by a clinician" at the
    physio visit within a week, or two days later on the phone (the story's notes: "rang the
    physio, no red flags"). Without it the demo's sciatica kept a Tier 2 flag active for
    months, and "Run today?" on the demo said red."""
    from backjournal.domain.flags import Outcome, active_flags

    occurrences = journal.flags.occurrences(today.isoformat())
    visits = sorted(dt.date.fromisoformat(a.date) for a, _ in record.appointments)
    outcomes: list[Outcome] = []
    for date in sorted({o.date for o in occurrences}):
        day = dt.date.fromisoformat(date)
        for flag in active_flags(occurrences, outcomes, date):
            visit = next((v for v in visits if day <= v <= day + dt.timedelta(days=7)), None)
            seen = min(visit or day + dt.timedelta(days=2), today)
            note = (
                "Physio checked it: no red flags, keep moving"
                if visit
                else "Rang the physio: no red flags, call back if it gets worse"
            )
            outcomes.append(Outcome(flag.code, seen.isoformat(), "seen", note))
    with journal._writing() as conn:
        conn.execute("DELETE FROM flag_outcome")
        conn.executemany(
            "INSERT OR REPLACE INTO flag_outcome (code, date, kind, note, until, created_at) "
            f"VALUES (?, ?, ?, ?, NULL, {_NOW})",
            [(o.code, o.date, o.kind, o.note) for o in outcomes],
        )


_NOW = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"


def write_record(journal: Journal, record: DemoRecord) -> None:
    """Replace the clinical record (treatments, plan, flare-ups, PSFS, factors) with the demo's,
    in one transaction. Every record passes its domain check first, as any other write does."""
    from backjournal.domain.models import ValidationError

    latest = dt.date.max
    problems = {
        f"{kind} {i}": errs
        for kind, items in (
            ("treatment", record.treatments),
            ("flare-up", record.flare_ups),
            ("appointment", [a for a, _ in record.appointments]),
        )
        for i, item in enumerate(items)
        if (errs := item.errors(latest))
    }
    problems.update(
        {
            f"rule {r.text}": errs
            for _, rules in record.appointments
            for r in rules
            if (errs := r.errors())
        }
    )
    if problems:
        raise ValidationError({k: str(v) for k, v in problems.items()})
    with journal._writing() as conn:
        for table in (
            "treatment_dose", "treatment", "plan_rule", "appointment", "flare_up",
            "factor_value", "factor", "psfs_item",
        ):  # fmt: skip
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM questionnaire WHERE kind = 'psfs'")
        treatment_ids = []
        for t in record.treatments:
            cur = conn.execute(
                'INSERT INTO treatment (name, kind, schedule, start, "end", dose, note, '
                f"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, {_NOW})",
                (t.name, t.kind, t.schedule, t.start, t.end, t.dose, t.note),
            )
            treatment_ids.append(cur.lastrowid)
        conn.executemany(
            f"INSERT INTO treatment_dose (treatment_id, date, dose, created_at) "
            f"VALUES (?, ?, ?, {_NOW})",
            [(treatment_ids[i], date, dose) for i, date, dose in record.doses],
        )
        appointment_ids = []
        for appointment, rules in record.appointments:
            cur = conn.execute(
                "INSERT INTO appointment (date, who, said, instructions, next_date, created_at) "
                f"VALUES (?, ?, ?, ?, ?, {_NOW})",
                (
                    appointment.date,
                    appointment.who,
                    appointment.said,
                    appointment.instructions,
                    appointment.next_date,
                ),
            )
            appointment_ids.append(cur.lastrowid)
            for rule in rules:
                rule.appointment_id = cur.lastrowid
                journal.clinical._insert_rule(conn, rule)
        _write_given(journal, conn, record, appointment_ids)
        conn.executemany(
            f'INSERT INTO flare_up (start, "end", note, created_at) VALUES (?, ?, ?, {_NOW})',
            [(f.start, f.end, f.note) for f in record.flare_ups],
        )
        factor_ids = []
        for factor in record.factors:
            cur = conn.execute(
                f"INSERT INTO factor (name, kind, created_at) VALUES (?, ?, {_NOW})",
                (factor.name, factor.kind),
            )
            factor_ids.append(cur.lastrowid)
        conn.executemany(
            "INSERT INTO factor_value (date, factor_id, value) VALUES (?, ?, ?)",
            [(date, factor_ids[i], value) for date, i, value in record.factor_values],
        )
        if record.psfs_from:
            conn.executemany(
                f"INSERT INTO psfs_item (name, position, added, created_at) "
                f"VALUES (?, ?, ?, {_NOW})",
                [(name, i, record.psfs_from) for i, name in enumerate(record.psfs_items)],
            )
        for date, ratings in record.psfs:
            answers = [
                {"activity": n, "rating": r}
                for n, r in zip(record.psfs_items, ratings, strict=True)
            ]
            conn.execute(
                "INSERT INTO questionnaire (date, kind, version, answers, score, band, "
                f"created_at) VALUES (?, 'psfs', 'psfs-1995', ?, ?, NULL, {_NOW})",
                (date, json.dumps(answers), sum(ratings) / len(ratings)),
            )


def _write_given(journal: Journal, conn, record: DemoRecord, appointment_ids: list) -> None:
    """Link the exercises the demo's appointments gave, with the dose the programme holds from
    the appointment's day (the demo's exercises wrote it) and the one it held the day before.
    An exercise not in that day's programme (a story whose phases fell otherwise) is left out."""
    from backjournal.demo.exercises import FOAM_ROLLER

    for position, (index, exercise_id) in enumerate(record.given):
        appointment = record.appointments[index][0]
        day = dt.date.fromisoformat(appointment.date)
        now = {i.exercise_id: i.dose for i in journal.exercises._items(conn, day)}
        before = {
            i.exercise_id: i.dose
            for i in journal.exercises._items(conn, day - dt.timedelta(days=1))
        }
        dose = now.get(exercise_id)
        if dose is None:
            continue
        previous = before.get(exercise_id)
        conn.execute(
            "INSERT INTO clinician_exercise (appointment_id, exercise_id, position, sets, reps, "
            "hold_s, per_side, previous_dose, new_exercise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                appointment_ids[index],
                exercise_id,
                position,
                dose.sets,
                dose.reps,
                dose.hold_s,
                int(dose.per_side),
                previous.text() if previous is not None else None,
                int(exercise_id == FOAM_ROLLER.id),
            ),
        )
