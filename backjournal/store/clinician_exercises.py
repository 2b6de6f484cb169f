"""The exercises a clinician gave at an appointment, in the journal (SQL only; migration
``m012_clinician_exercises``).

:func:`give` runs inside :meth:`ClinicalStore.add_appointment`'s transaction, so an appointment
and its exercises are stored together or not at all. Each exercise given becomes the user's own:

* found by its name (any case) among the built-ins and the user's exercises, hidden ones too (a
  hidden one is shown again: the clinician gave it); else by its id typed as a name
  ("bird-dog"); else a new exercise of the user's own is made (id from the name, one step "As
  your clinician showed you.", the stop rule every exercise shares);
* put in the programme with the clinician's dose from the appointment's day: an exercise already
  there keeps its days and place, with the new dose; a new one is added for every day. Days
  before the appointment keep the programme they had. An appointment recorded after the user
  changed the programme again changes it only until that change: the later programme is the
  user's word, kept as they made it (and the change said says so);
* linked to the appointment (``clinician_exercise``), with the dose the programme held before,
  so that the change is said ("Bird dog: 2 x 8 -> 3 x 10") and never silently lost.

Deleting an appointment deletes only the links: the exercises and the programme are the user's.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from backjournal.domain import exercises as ex
from backjournal.domain.clinician_exercises import (
    NEW_STEP,
    NEW_TARGETS,
    Given,
    GivenExercise,
    Source,
)
from backjournal.domain.exercise_library import SPREAD_RULE
from backjournal.domain.exercises import Dose, Exercise
from backjournal.domain.models import ValidationError

if TYPE_CHECKING:
    from backjournal.store.journal import Journal

_LINK = "exercise_id, sets, reps, hold_s, per_side, previous_dose, new_exercise"


def check(given: list[GivenExercise]) -> dict[str, str]:
    """What is wrong with the exercises given, before anything is looked up: a name that is
    empty or too long, a dose the programme refuses, a name given twice (any case)."""
    errs: dict[str, str] = {}
    seen: set[str] = set()
    for item in given:
        if errs:
            break  # one line: the first problem
        key = "exercise"
        name = item.name if isinstance(item.name, str) else ""
        line: dict[str, str] = {}
        ex._line(line, "name", name, "an exercise's name", ex.MAX_NAME, required=True)
        if line:
            errs[key] = line["name"]
            continue
        dose_errs = item.dose.errors() if isinstance(item.dose, Dose) else {"dose": "no dose"}
        if dose_errs:
            errs[key] = f"{name}: {next(iter(dose_errs.values()))}"
        elif name.strip().casefold() in seen:
            errs[key] = f"'{name.strip()}' is given twice; give each exercise once"
        seen.add(name.strip().casefold())
    return errs


def _library(journal: Journal, conn: sqlite3.Connection) -> list[Exercise]:
    """Every exercise a name can match, in the order a match is preferred: the built-ins, then
    the user's exercises (those in use before retired ones)."""
    from backjournal.store.exercises import _EXERCISE_COLUMNS, _user_exercise

    own = [
        _user_exercise(r)
        for r in conn.execute(f"SELECT {_EXERCISE_COLUMNS} FROM exercise ORDER BY hidden, id")
    ]
    return [*ex.LIBRARY, *own]


def _new_id(name: str, taken: set[str]) -> str:
    base = ex.slugify(name) or "my-exercise"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = base[: ex.MAX_ID - len(suffix)].rstrip("-") + suffix
        n += 1
    return candidate


def _resolve(
    journal: Journal, conn: sqlite3.Connection, given: list[GivenExercise]
) -> list[tuple[GivenExercise, Exercise, bool]]:
    """Each exercise given with the exercise it is (found or made) and whether it is new; the
    same exercise reached by two names is refused."""
    library = _library(journal, conn)
    by_name: dict[str, Exercise] = {}
    for exercise in library:
        by_name.setdefault(exercise.name.strip().casefold(), exercise)
    by_id = {e.id: e for e in library}
    taken = set(by_id)
    out: list[tuple[GivenExercise, Exercise, bool]] = []
    used: dict[str, str] = {}
    for item in given:
        name = item.name.strip()
        found = by_name.get(name.casefold()) or by_id.get(name.casefold())
        new = found is None
        if found is None:
            found = Exercise(
                id=_new_id(name, taken),
                name=name,
                kind="strength",
                targets=NEW_TARGETS,
                steps=(NEW_STEP,),
                dose=item.dose,
                stop_when=SPREAD_RULE,
                builtin=False,
            )
            errs = found.errors()
            if errs:
                raise ValidationError({"exercise": f"{name}: {next(iter(errs.values()))}"})
            taken.add(found.id)
            by_name[name.casefold()] = found
        if found.id in used:
            raise ValidationError(
                {
                    "exercise": f"'{used[found.id]}' and '{name}' are the same exercise "
                    f"({found.name}); give it once"
                }
            )
        used[found.id] = name
        out.append((item, found, new))
    return out


def give(
    journal: Journal,
    conn: sqlite3.Connection,
    appointment_id: int,
    date: str,
    given: list[GivenExercise],
) -> list[Given]:
    """Make each exercise given the user's own with the clinician's dose, from ``date`` (inside
    the caller's write transaction; a ValidationError leaves the caller to roll back)."""
    from backjournal.store.exercises import _exercise_values, _now

    if not given:
        return []
    resolved = _resolve(journal, conn, given)
    store = journal.exercises
    day = dt.date.fromisoformat(date)
    before = {i.exercise_id: i.dose for i in store._items(conn, day)}
    stamp = _now()
    for _, exercise, new in resolved:
        if new:
            conn.execute(
                "INSERT INTO exercise (id, name, kind, targets, steps, sets, reps, hold_s, "
                "per_side, stop_when, hidden, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?)",
                (*_exercise_values(exercise), stamp),
            )
        elif exercise.builtin:
            conn.execute("DELETE FROM exercise_hidden WHERE id = ?", (exercise.id,))
        else:
            conn.execute("UPDATE exercise SET hidden = 0 WHERE id = ?", (exercise.id,))
    _update_programme(store, conn, day, {e.id: item.dose for item, e, _ in resolved})
    out = []
    for position, (item, exercise, new) in enumerate(resolved):
        previous = before.get(exercise.id)
        link = Given(
            exercise.id,
            exercise.name,
            item.dose,
            previous.text() if previous is not None else None,
            new,
        )
        conn.execute(
            f"INSERT INTO clinician_exercise (appointment_id, position, {_LINK}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                appointment_id,
                position,
                exercise.id,
                item.dose.sets,
                item.dose.reps,
                item.dose.hold_s,
                int(item.dose.per_side),
                link.previous,
                int(new),
            ),
        )
        out.append(link)
    return out


def _update_programme(store, conn: sqlite3.Connection, day: dt.date, doses: dict[str, Dose]):
    """Give each exercise of ``doses`` its dose in the programme in force on ``day``, from that
    day until the programme's next change (added for every day where it is missing). Earlier
    days keep theirs, and a later change the user made stays as they made it."""
    from backjournal.store.exercises import _days_text, in_force_sql

    iso = day.isoformat()
    columns = "id, exercise_id, position, valid_from, valid_to, weekdays"
    rows = conn.execute(in_force_sql(columns), (iso, iso, iso)).fetchall()
    for row_id, exercise_id, position, valid_from, valid_to, weekdays in rows:
        dose = doses.get(exercise_id)
        if dose is None:
            continue
        values = (dose.sets, dose.reps, dose.hold_s, int(dose.per_side))
        if valid_from == iso:
            conn.execute(
                "UPDATE programme_item SET sets = ?, reps = ?, hold_s = ?, per_side = ? "
                "WHERE id = ?",
                (*values, row_id),
            )
            continue
        # Days before the appointment keep the old dose: the row ends, a new one starts.
        conn.execute("UPDATE programme_item SET valid_to = ? WHERE id = ?", (iso, row_id))
        conn.execute(
            "INSERT INTO programme_item (exercise_id, position, sets, reps, hold_s, per_side, "
            "weekdays, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (exercise_id, position, *values, weekdays, iso, valid_to),
        )
    present = {r[1] for r in rows}
    missing = [(e, d) for e, d in doses.items() if e not in present]
    if not missing:
        return
    until = next_change(conn, iso)
    last = max((r[2] for r in rows), default=-1)
    conn.executemany(
        "INSERT INTO programme_item (exercise_id, position, sets, reps, hold_s, per_side, "
        "weekdays, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e,
                last + n,
                d.sets,
                d.reps,
                d.hold_s,
                int(d.per_side),
                _days_text(ex.ALL_DAYS),
                iso,
                until,
            )
            for n, (e, d) in enumerate(missing, 1)
        ],
    )


def next_change(conn: sqlite3.Connection, date: str) -> str | None:
    """The first day after ``date`` on which the programme changed, if it did."""
    return conn.execute(
        "SELECT min(valid_from) FROM programme_item WHERE valid_from > ?", (date,)
    ).fetchone()[0]


def _dose(row) -> Dose:
    return Dose(row[0], row[1], row[2], bool(row[3]))


def given_at(journal: Journal, appointment_id: int) -> list[Given]:
    """The exercises an appointment gave, in the order given, each with the day the programme
    next changed after the appointment (if it did: the clinician's dose held until then)."""
    with journal.reading() as conn:
        rows = conn.execute(
            f"SELECT {_LINK} FROM clinician_exercise WHERE appointment_id = ? ORDER BY position",
            (appointment_id,),
        ).fetchall()
        names = _names(journal, conn, [r[0] for r in rows])
        date = conn.execute(
            "SELECT date FROM appointment WHERE id = ?", (appointment_id,)
        ).fetchone()
        until = next_change(conn, date[0]) if date else None
    return [Given(r[0], names[r[0]], _dose(r[1:5]), r[5], bool(r[6]), until) for r in rows]


def _names(journal: Journal, conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    found = journal.exercises._exercises(conn, ids)
    return {i: found[i].name for i in ids}


def sources(journal: Journal, day: str) -> dict[str, Source]:
    """For each exercise a clinician gave on or before ``day``: the last appointment that gave
    it (Exercises and ``plan`` say "from your appointment with ... on ...")."""
    with journal.reading() as conn:
        rows = conn.execute(
            "SELECT c.exercise_id, a.id, a.date, a.who, c.sets, c.reps, c.hold_s, c.per_side "
            "FROM clinician_exercise c JOIN appointment a ON a.id = c.appointment_id "
            "WHERE a.date <= ? ORDER BY a.date, a.id",
            (day,),
        ).fetchall()
    return {r[0]: Source(r[1], r[2], r[3], _dose(r[4:8])) for r in rows}


def in_programme(journal: Journal, day: str) -> list[tuple[str, Dose, Source]]:
    """(name, the programme's dose, source) of each exercise in the programme in force on
    ``day`` that a clinician gave on or before it, in the programme's order."""
    found = sources(journal, day)
    if not found:
        return []
    _, items = journal.exercises.programme(day)
    given = [i for i in items if i.exercise_id in found]
    with journal.reading() as conn:
        names = _names(journal, conn, [i.exercise_id for i in given])
    return [(names[i.exercise_id], i.dose, found[i.exercise_id]) for i in given]
