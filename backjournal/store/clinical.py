"""The clinical record in the journal (SQL only): treatments and doses, appointments and the plan
rules they set, flare-ups, the user's own factors, and the PSFS.

The rules are pure functions in ``backjournal.domain.clinical``; every write here validates with
them first and is one ``BEGIN IMMEDIATE`` transaction (all or nothing).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from backjournal.domain.clinical import (
    Appointment,
    ClinicalDay,
    Dose,
    Factor,
    FlareUp,
    PlanRule,
    Treatment,
    factors_problem,
    psfs_items_problem,
    psfs_score,
)
from backjournal.domain.models import ValidationError

if TYPE_CHECKING:
    from backjournal.domain.clinician_exercises import Given, GivenExercise, Source
    from backjournal.domain.exercises import Dose as ExerciseDose
    from backjournal.domain.load import DateLike
    from backjournal.store.journal import Journal

PSFS_VERSION = "psfs-1995"
_NOW = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
_TREATMENT = 'id, name, kind, schedule, start, "end", dose, note'
_RULE = 'id, appointment_id, kind, start, "end", until, amount, text'


def _treatment(row) -> Treatment:
    return Treatment(
        id=row[0],
        name=row[1],
        kind=row[2],
        schedule=row[3],
        start=row[4],
        end=row[5],
        dose=row[6],
        note=row[7],
    )


def _rule(row) -> PlanRule:
    kind, amount = row[2], row[6]
    value: str | float | None = row[5]
    if kind == "max-distance-per-run":
        value = amount
    elif kind == "max-runs-per-week":
        value = int(amount) if amount is not None else None
    return PlanRule(
        kind=kind,
        start=row[3],
        value=value,
        text=row[7],
        end=row[4],
        appointment_id=row[1],
        id=row[0],
    )


def _refuse(errs: dict[str, str]) -> None:
    if errs:
        raise ValidationError(errs)


class ClinicalStore:
    """Reads and writes of the clinical record, reached as ``journal.clinical``."""

    def __init__(self, journal: Journal):
        self.journal = journal

    # --- treatments ------------------------------------------------------------------------------

    def add_treatment(self, treatment: Treatment, today: dt.date) -> Treatment:
        """Store a new treatment (a course, an as-needed medication, a session)."""
        if treatment.schedule == "once" and treatment.end is None:
            treatment.end = treatment.start
        _refuse(treatment.errors(today))
        with self.journal._writing() as conn:
            cur = conn.execute(
                'INSERT INTO treatment (name, kind, schedule, start, "end", dose, note, '
                f"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, {_NOW})",
                (
                    treatment.name,
                    treatment.kind,
                    treatment.schedule,
                    treatment.start,
                    treatment.end,
                    treatment.dose,
                    treatment.note,
                ),
            )
            treatment.id = cur.lastrowid
        return treatment

    def end_treatment(self, treatment_id: int, end: str, today: dt.date) -> Treatment:
        """End a course on ``end`` (its last day). Refused, nothing written, for a day before the
        course's start ("the course ends (D) before it starts (S)") or a treatment that is not a
        course."""
        with self.journal._writing() as conn:
            row = conn.execute(
                f"SELECT {_TREATMENT} FROM treatment WHERE id = ?", (treatment_id,)
            ).fetchone()
            if row is None:
                raise ValidationError({"treatment": f"there is no treatment {treatment_id}"})
            treatment = _treatment(row)
            if treatment.schedule != "course":
                raise ValidationError(
                    {"end": f"only a course can be ended; this one is {treatment.schedule}"}
                )
            treatment.end = end
            _refuse(treatment.errors(today))
            conn.execute('UPDATE treatment SET "end" = ? WHERE id = ?', (end, treatment_id))
        return treatment

    def treatments(self) -> list[Treatment]:
        """Every treatment, newest first."""
        with self.journal.reading() as conn:
            rows = conn.execute(
                f"SELECT {_TREATMENT} FROM treatment ORDER BY start DESC, id DESC"
            ).fetchall()
        return [_treatment(r) for r in rows]

    def treatment_names(self) -> list[str]:
        """The names used so far, most used first (for autocompletion)."""
        with self.journal.reading() as conn:
            return [
                r[0]
                for r in conn.execute(
                    "SELECT t.name FROM treatment t LEFT JOIN treatment_dose d "
                    "ON d.treatment_id = t.id GROUP BY t.name COLLATE NOCASE "
                    "ORDER BY count(d.id) DESC, max(t.start) DESC"
                )
            ]

    def took(self, name: str, dose: str, date: str, today: dt.date) -> tuple[Treatment, bool]:
        """Record a dose of ``name`` on ``date``: of the as-needed treatment of that name (any
        case), or of a new as-needed medication. Returns it, and whether it was new."""
        with self.journal._writing() as conn:
            row = conn.execute(
                f"SELECT {_TREATMENT} FROM treatment WHERE name = ? COLLATE NOCASE "
                "ORDER BY schedule = 'as-needed' DESC, id DESC LIMIT 1",
                (name,),
            ).fetchone()
            created = row is None
            if created:
                treatment = Treatment(name, "medication", "as-needed", date, dose=dose)
                _refuse(treatment.errors(today))
                cur = conn.execute(
                    'INSERT INTO treatment (name, kind, schedule, start, "end", dose, note, '
                    f"created_at) VALUES (?, ?, ?, ?, NULL, ?, '', {_NOW})",
                    (name, treatment.kind, treatment.schedule, date, dose),
                )
                treatment.id = cur.lastrowid
            else:
                treatment = _treatment(row)
            taken = Dose(treatment.id, date, dose or treatment.dose)  # type: ignore[arg-type]
            _refuse(taken.errors(today))
            conn.execute(
                f"INSERT INTO treatment_dose (treatment_id, date, dose, created_at) "
                f"VALUES (?, ?, ?, {_NOW})",
                (taken.treatment_id, taken.date, taken.dose),
            )
        return treatment, created

    def doses_between(self, start: str, end: str) -> list[tuple[int, str, str]]:
        """(treatment id, date, dose) of every dose taken from ``start`` to ``end``, oldest
        first (an indexed range: the report's cost follows its period)."""
        with self.journal.reading() as conn:
            return conn.execute(
                "SELECT treatment_id, date, dose FROM treatment_dose WHERE date BETWEEN ? AND ? "
                "ORDER BY date, id",
                (start, end),
            ).fetchall()

    # --- appointments and the plan -------------------------------------------------------------

    def add_appointment(
        self,
        appointment: Appointment,
        rules: list[PlanRule],
        today: dt.date,
        exercises: list[GivenExercise] | None = None,
    ) -> Appointment:
        """Store an appointment, the rules its instructions set and the exercises given (each
        becomes the user's own with the clinician's dose: see
        :mod:`backjournal.store.clinician_exercises`), in one transaction: all or nothing.
        :meth:`given_at` says what each exercise given changed."""
        from backjournal.store import clinician_exercises

        given = list(exercises or [])
        errs = appointment.errors(today)
        for i, rule in enumerate(rules):
            errs.update({f"rule.{i}.{k}": v for k, v in rule.errors().items()})
        errs.update(clinician_exercises.check(given))
        _refuse(errs)
        with self.journal._writing() as conn:
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
            appointment.id = cur.lastrowid
            for rule in rules:
                rule.appointment_id = appointment.id
                self._insert_rule(conn, rule)
            clinician_exercises.give(
                self.journal,
                conn,
                appointment.id,
                appointment.date,
                given,  # type: ignore[arg-type]
            )
        return appointment

    def delete_appointment(self, appointment_id: int) -> tuple[Appointment, int]:
        """Delete an appointment recorded by mistake, with the rules its instructions set (they
        stop shaping Run today?), in one transaction; return it and how many rules went. The
        exercises it gave stay the user's, in the programme as they are (only the note of where
        they came from goes). Refused (ValidationError, nothing changed) for an unknown id."""
        with self.journal._writing() as conn:
            row = conn.execute(
                "SELECT id, date, who, said, instructions, next_date FROM appointment WHERE id = ?",
                (appointment_id,),
            ).fetchone()
            if row is None:
                raise ValidationError({"appointment": f"no appointment {appointment_id}"})
            rules = conn.execute(
                "SELECT count(*) FROM plan_rule WHERE appointment_id = ?", (appointment_id,)
            ).fetchone()[0]
            conn.execute("DELETE FROM plan_rule WHERE appointment_id = ?", (appointment_id,))
            conn.execute(
                "DELETE FROM clinician_exercise WHERE appointment_id = ?", (appointment_id,)
            )
            conn.execute("DELETE FROM appointment WHERE id = ?", (appointment_id,))
        appointment = Appointment(row[1], row[2], row[3], row[4], row[5], id=row[0])
        return appointment, rules

    def given_at(self, appointment_id: int) -> list[Given]:
        """The exercises an appointment gave and what each changed, in the order given."""
        from backjournal.store.clinician_exercises import given_at

        return given_at(self.journal, appointment_id)

    def exercise_sources(self, day: str) -> dict[str, Source]:
        """For each exercise a clinician gave on or before ``day``, the last appointment that
        gave it, by exercise id."""
        from backjournal.store.clinician_exercises import sources

        return sources(self.journal, day)

    def exercises_in_programme(self, day: str) -> list[tuple[str, ExerciseDose, Source]]:
        """(name, dose in the programme, source) of each exercise of the programme in force on
        ``day`` that a clinician gave, in the programme's order."""
        from backjournal.store.clinician_exercises import in_programme

        return in_programme(self.journal, day)

    @staticmethod
    def _insert_rule(conn, rule: PlanRule) -> None:
        until = rule.value if rule.kind == "no-running-until" else None
        amount = rule.value if rule.kind in ("max-distance-per-run", "max-runs-per-week") else None
        cur = conn.execute(
            'INSERT INTO plan_rule (appointment_id, kind, start, "end", until, amount, text, '
            f"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, {_NOW})",
            (rule.appointment_id, rule.kind, rule.start, rule.end, until, amount, rule.text),
        )
        rule.id = cur.lastrowid

    def appointments(self) -> list[Appointment]:
        """Every appointment, newest first."""
        with self.journal.reading() as conn:
            rows = conn.execute(
                "SELECT id, date, who, said, instructions, next_date FROM appointment "
                "ORDER BY date DESC, id DESC"
            ).fetchall()
        return [
            Appointment(id=r[0], date=r[1], who=r[2], said=r[3], instructions=r[4], next_date=r[5])
            for r in rows
        ]

    def rules(self) -> list[PlanRule]:
        """Every plan rule, oldest first."""
        with self.journal.reading() as conn:
            rows = conn.execute(f"SELECT {_RULE} FROM plan_rule ORDER BY start, id").fetchall()
        return [_rule(r) for r in rows]

    def rules_in_force(self, day: str) -> list[PlanRule]:
        """The rules in force on ``day``; of each kind, the latest one set (a newer instruction
        of the same kind replaces an older one)."""
        latest: dict[str, PlanRule] = {}
        for rule in self.rules():
            if rule.start <= day and (rule.end is None or day <= rule.end):
                latest[rule.kind] = rule
        return [r for r in latest.values() if r.in_force(day)]

    # --- flare-ups ----------------------------------------------------------------------------

    def flare_ups(self) -> list[FlareUp]:
        """Every flare-up, oldest first."""
        with self.journal.reading() as conn:
            rows = conn.execute(
                'SELECT id, start, "end", note FROM flare_up ORDER BY start, id'
            ).fetchall()
        return [FlareUp(id=r[0], start=r[1], end=r[2], note=r[3]) for r in rows]

    def open_flare(self, day: str) -> FlareUp | None:
        """The flare-up going on on ``day``, if any."""
        for flare in reversed(self.flare_ups()):
            if flare.start <= day and (flare.end is None or day <= flare.end):
                return flare
        return None

    def start_flare(self, flare: FlareUp, today: dt.date) -> FlareUp:
        """Record a flare-up; refused when it overlaps another."""
        errs = flare.errors(today)
        _refuse(errs)
        with self.journal._writing() as conn:
            clash = conn.execute(
                'SELECT start FROM flare_up WHERE start <= ? AND ("end" IS NULL OR "end" >= ?)',
                (flare.end or "9999-12-31", flare.start),
            ).fetchone()
            if clash:
                raise ValidationError(
                    {"start": f"it overlaps the flare-up that began on {clash[0]}"}
                )
            cur = conn.execute(
                f'INSERT INTO flare_up (start, "end", note, created_at) VALUES (?, ?, ?, {_NOW})',
                (flare.start, flare.end, flare.note),
            )
            flare.id = cur.lastrowid
        return flare

    def end_flare(self, flare_id: int, end: str, today: dt.date) -> FlareUp:
        """Close a flare-up on ``end`` (its last day)."""
        with self.journal._writing() as conn:
            row = conn.execute(
                'SELECT id, start, "end", note FROM flare_up WHERE id = ?', (flare_id,)
            ).fetchone()
            if row is None:
                raise ValidationError({"flare-up": f"there is no flare-up {flare_id}"})
            flare = FlareUp(id=row[0], start=row[1], end=end, note=row[3])
            _refuse(flare.errors(today))
            conn.execute('UPDATE flare_up SET "end" = ? WHERE id = ?', (end, flare_id))
        return flare

    # --- factors ------------------------------------------------------------------------------

    def factors(self, *, retired: bool = False) -> list[Factor]:
        """The user's factors in the order they were added (retired ones only when asked)."""
        with self.journal.reading() as conn:
            rows = conn.execute("SELECT id, name, kind, retired FROM factor ORDER BY id").fetchall()
        out = [Factor(id=r[0], name=r[1], kind=r[2], retired=bool(r[3])) for r in rows]
        return out if retired else [f for f in out if not f.retired]

    def add_factor(self, factor: Factor) -> Factor:
        """Add a factor (at most 10 in use, each named once)."""
        _refuse(factor.errors())
        problem = factors_problem([*self.factors(retired=True), factor])
        if problem:
            raise ValidationError({"name": problem})
        with self.journal._writing() as conn:
            cur = conn.execute(
                f"INSERT INTO factor (name, kind, created_at) VALUES (?, ?, {_NOW})",
                (factor.name, factor.kind),
            )
            factor.id = cur.lastrowid
        return factor

    def find_factor(self, name: str) -> Factor | None:
        """The factor called ``name`` (any case), retired or not."""
        for factor in self.factors(retired=True):
            if factor.name.casefold() == name.strip().casefold():
                return factor
        return None

    def set_factor(self, date: str, factor: Factor, value: int | None, today: dt.date) -> None:
        """Record ``factor`` on ``date`` (None clears it); the day is created if needed."""
        from backjournal.domain.models import check_date

        problem = check_date(date, today)
        if problem:
            raise ValidationError({"date": problem})
        if value is not None:
            problem = factor.value_problem(value)
            if problem:
                raise ValidationError({"factor": problem})
        with self.journal._writing() as conn:
            conn.execute(
                f"INSERT INTO day (date, updated_at) VALUES (?, {_NOW}) "
                "ON CONFLICT(date) DO NOTHING",
                (date,),
            )
            if value is None:
                conn.execute(
                    "DELETE FROM factor_value WHERE date = ? AND factor_id = ?", (date, factor.id)
                )
            else:
                conn.execute(
                    "INSERT INTO factor_value (date, factor_id, value) VALUES (?, ?, ?) "
                    "ON CONFLICT(date, factor_id) DO UPDATE SET value = excluded.value",
                    (date, factor.id, value),
                )

    def factor_values(self, date: str) -> dict[int, int]:
        """The factors recorded on ``date``, by factor id."""
        with self.journal.reading() as conn:
            return dict(
                conn.execute(
                    "SELECT factor_id, value FROM factor_value WHERE date = ?", (date,)
                ).fetchall()
            )

    def factor_series(self, start: DateLike, end: DateLike) -> list[tuple[Factor, dict[str, int]]]:
        """Every factor answered in ``start``..``end``, retired ones too, in the order they were
        added, each with its answers by date: what the insights compare (one query, through the
        ``factor_value`` primary key on date). A factor with no answer in the range is left out."""
        lo, hi = (d if isinstance(d, str) else d.isoformat() for d in (start, end))
        out: dict[int, tuple[Factor, dict[str, int]]] = {}
        with self.journal.reading() as conn:
            rows = conn.execute(
                "SELECT f.id, f.name, f.kind, f.retired, v.date, v.value FROM factor_value v "
                "JOIN factor f ON f.id = v.factor_id WHERE v.date BETWEEN ? AND ? "
                "ORDER BY f.id, v.date",
                (lo, hi),
            ).fetchall()
        for fid, name, kind, retired, date, value in rows:
            if fid not in out:
                out[fid] = (Factor(id=fid, name=name, kind=kind, retired=bool(retired)), {})
            out[fid][1][date] = value
        return list(out.values())

    # --- PSFS ---------------------------------------------------------------------------------

    def psfs_items(self) -> list[str]:
        """The PSFS activities in use, in order."""
        with self.journal.reading() as conn:
            return [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM psfs_item WHERE removed IS NULL ORDER BY position, id"
                )
            ]

    def set_psfs_items(self, names: list[str], date: str) -> None:
        """Name the 3-5 activities the PSFS asks about, from ``date`` (the ones dropped are
        kept with the date they were removed)."""
        problem = psfs_items_problem(names)
        if problem:
            raise ValidationError({"psfs": problem})
        with self.journal._writing() as conn:
            conn.execute("UPDATE psfs_item SET removed = ? WHERE removed IS NULL", (date,))
            conn.executemany(
                f"INSERT INTO psfs_item (name, position, added, created_at) "
                f"VALUES (?, ?, ?, {_NOW})",
                [(name, i, date) for i, name in enumerate(names)],
            )

    def record_psfs(self, date: str, ratings: list[int], today: dt.date) -> float:
        """Store a PSFS check-in (one rating per activity in use); returns its score."""
        from backjournal.domain.models import check_date

        problem = check_date(date, today)
        if problem:
            raise ValidationError({"date": problem})
        items = self.psfs_items()
        if len(ratings) != len(items):
            raise ValidationError({"psfs": f"rate each of the {len(items)} activities"})
        try:
            score = psfs_score(ratings)
        except ValueError as exc:
            raise ValidationError({"psfs": str(exc)}) from None
        answers = json.dumps(
            [{"activity": n, "rating": r} for n, r in zip(items, ratings, strict=True)]
        )
        with self.journal._writing() as conn:
            conn.execute(
                "INSERT INTO questionnaire (date, kind, version, answers, score, band, "
                f"created_at) VALUES (?, 'psfs', ?, ?, ?, NULL, {_NOW})",
                (date, PSFS_VERSION, answers, score),
            )
        return score

    def psfs_scores(self) -> list[tuple[str, float]]:
        """(date, score) of every PSFS check-in, oldest first (the last of a day)."""
        with self.journal.reading() as conn:
            return conn.execute(
                "SELECT date, score FROM questionnaire WHERE kind = 'psfs' AND id IN "
                "(SELECT max(id) FROM questionnaire WHERE kind = 'psfs' GROUP BY date) "
                "ORDER BY date"
            ).fetchall()

    def psfs_between(self, start: str, end: str) -> list[tuple[str, float, list[tuple[str, int]]]]:
        """(date, score, [(activity, rating), ...]) of each PSFS check-in from ``start`` to
        ``end``, oldest first (the last of a day)."""
        with self.journal.reading() as conn:
            rows = conn.execute(
                "SELECT date, score, answers FROM questionnaire WHERE kind = 'psfs' AND id IN "
                "(SELECT max(id) FROM questionnaire WHERE kind = 'psfs' AND date BETWEEN ? AND ? "
                "GROUP BY date) ORDER BY date",
                (start, end),
            ).fetchall()
        out = []
        for date, score, answers in rows:
            try:
                items = [(str(a["activity"]), int(a["rating"])) for a in json.loads(answers)]
            except (ValueError, TypeError, KeyError):
                items = []  # an answer list we cannot read still has its score
            out.append((date, score, items))
        return out

    # --- a day ----------------------------------------------------------------------------------

    def day(self, date: str) -> ClinicalDay:
        """What Today shows of the clinical record on ``date``."""
        with self.journal.reading() as conn:
            courses = [
                _treatment(r)
                for r in conn.execute(
                    f"SELECT {_TREATMENT} FROM treatment WHERE schedule != 'as-needed' "
                    'AND start <= ? AND ("end" IS NULL OR "end" >= ?) ORDER BY start, id',
                    (date, date),
                )
            ]
            doses = conn.execute(
                "SELECT t.name, d.dose FROM treatment_dose d JOIN treatment t "
                "ON t.id = d.treatment_id WHERE d.date = ? ORDER BY d.id",
                (date,),
            ).fetchall()
            upcoming = conn.execute(
                "SELECT min(next_date) FROM appointment WHERE next_date >= ?", (date,)
            ).fetchone()[0]
        return ClinicalDay(
            treatments=courses,
            doses=[(n, d) for n, d in doses],
            rules=self.rules_in_force(date),
            flare=self.open_flare(date),
            next_appointment=upcoming,
        )
