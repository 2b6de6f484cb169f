"""Exercises in the journal: ``journal.exercises``. The SQL behind the library, the programme, the
daily checklist, adherence and the phase suggestions; every rule is in
:mod:`backjournal.domain.exercises`.

What is stored (migration ``m005_exercises``):

* ``exercise``: the user's own exercises (built-ins live in code, :data:`LIBRARY`), a retired one
  has ``hidden = 1``; ``exercise_hidden``: the built-ins the user hid. Built-ins cannot be edited
  or deleted, only hidden; a user's exercise is retired (hidden) and keeps its history, and may be
  deleted only while nothing refers to it.
* ``programme_item``: each item with the dates it was in force, ``valid_from`` up to (not
  including) ``valid_to`` (NULL: in force now). An edit dated ``on`` closes the rows in force on
  ``on`` and opens the new ones from ``on`` (rows that started on or after ``on`` are replaced),
  so a past day is always judged by the programme of that day.
* ``phase_change``: the phase history (date, from, to, why); the first choice has no "from".
* ``exercise_done``: one row per (date, exercise) ticked, with the sets done when fewer than
  prescribed and a note. Its primary key (date first) is the date index.
* ``suggestion_dismissal``: the dates a suggestion was dismissed (quiet for
  :data:`~backjournal.domain.adherence.DISMISS_DAYS` days).

A new journal has no programme: :meth:`ExerciseStore.programme` returns the phase "relief" (where
a runner in pain starts) and no items; the screen and ``backjournal exercises --start PHASE``
offer the starter programmes (:func:`~backjournal.domain.exercises.starter_items`).

Cost: the checklist, the summary and the adherence panel read one date (or the last 28 days)
through the ``exercise_done`` primary key and the few programme rows in force then, so they cost
the same in a ten-year journal as in a new one (see the report in issue #4's branch).

Why one class of about 760 lines: the library, the programme, the checklist, adherence and the
suggestions are one model read through the same few queries (the rows in force on a date,
:func:`in_force_sql`; the user's exercises beside the built-ins; the phase on a date), and each
public method is a short composition of those private readers with a rule of
:mod:`backjournal.domain.exercises` or :mod:`backjournal.domain.adherence`. Split per section,
every part would import the others' private readers; the sections (``# --- ...``) keep it
navigable. The writing of the demo's exercises (:meth:`ExerciseStore.replace_all`) checks and
writes those same tables, so it stays here too; new demo data with tables of its own gets a store
module of its own.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from backjournal.domain import adherence as adh
from backjournal.domain import exercises as ex
from backjournal.domain.adherence import (
    ADHERENCE_WINDOW,
    DISMISS_DAYS,
    MAINTENANCE_DAYS,
    RISE_DAYS,
    SUGGESTION_KINDS,
    Adherence,
    ProgrammeSpan,
    Suggestion,
)
from backjournal.domain.exercises import ChecklistItem, Dose, Exercise, ProgrammeItem
from backjournal.domain.models import ValidationError, check_date
from backjournal.domain.values import PHASES

if TYPE_CHECKING:
    from backjournal.demo.exercises import DemoExercises
    from backjournal.store.journal import Journal

DateLike = dt.date | str
DEFAULT_PHASE = "relief"
_ITEM_COLUMNS = "exercise_id, sets, reps, hold_s, per_side, weekdays"
_EXERCISE_COLUMNS = (
    "id, name, kind, targets, steps, sets, reps, hold_s, per_side, stop_when, hidden"
)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _today() -> dt.date:
    from backjournal.paths import today

    return today()


def _read_date(value: DateLike) -> dt.date:
    """A date to read (any date; the future too, which simply holds nothing)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    problem = check_date(value, dt.date.max)
    if problem:
        raise ValidationError({"date": problem})
    return dt.date.fromisoformat(value)  # type: ignore[arg-type]


def _write_date(value: DateLike, today: dt.date | None) -> dt.date:
    """A date to write: an ISO date not after today, refused with the day log's messages."""
    if isinstance(value, dt.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, dt.date) else value
    problem = check_date(text, today or _today())
    if problem:
        raise ValidationError({"date": problem})
    return dt.date.fromisoformat(text)  # type: ignore[arg-type]


def _dose(sets: int, reps: int | None, hold_s: int | None, per_side: int) -> Dose:
    return Dose(sets, reps, hold_s, bool(per_side))


def _days_text(days: tuple[int, ...]) -> str:
    return "".join(str(d) for d in sorted(days))


def _days(text: str) -> tuple[int, ...]:
    return tuple(sorted({int(ch) for ch in text}))


def _user_exercise(row: tuple) -> Exercise:
    return Exercise(
        id=row[0],
        name=row[1],
        kind=row[2],
        targets=row[3],
        steps=tuple(s for s in row[4].split("\n") if s),
        dose=_dose(row[5], row[6], row[7], row[8]),
        stop_when=row[9],
        builtin=False,
        hidden=bool(row[10]),
    )


class ExerciseStore:
    """The journal's exercises: ``journal.exercises``. Dates are ``datetime.date`` or ISO text.

    Writes take ``today`` (default: ``backjournal.paths.today()``, which tests freeze) to refuse
    dates in the future, with the same messages as the day log.
    """

    def __init__(self, journal: Journal):
        self.journal = journal

    def _reading(self):
        """One read transaction (a consistent snapshot across several queries)."""
        return self.journal.reading()

    # --- the library -----------------------------------------------------------------------------

    def _hidden_builtins(self, conn: sqlite3.Connection) -> set[str]:
        return {r[0] for r in conn.execute("SELECT id FROM exercise_hidden")}

    def _user_rows(self, conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> list:
        if ids is None:
            return conn.execute(f"SELECT {_EXERCISE_COLUMNS} FROM exercise").fetchall()
        wanted = sorted(set(ids) - ex.BUILTIN_IDS)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        return conn.execute(
            f"SELECT {_EXERCISE_COLUMNS} FROM exercise WHERE id IN ({marks})", wanted
        ).fetchall()

    def _exercises(
        self, conn: sqlite3.Connection, ids: Iterable[str], *, stand_ins: bool = True
    ) -> dict[str, Exercise]:
        """The exercises with ``ids`` (built-in or the user's); an unknown id gets a stand-in
        (or is left out, without ``stand_ins``)."""
        ids = set(ids)
        hidden = self._hidden_builtins(conn) if ids & ex.BUILTIN_IDS else set()
        out = {e.id: e for e in map(_user_exercise, self._user_rows(conn, ids))}
        for exercise_id in ids:
            base = ex.builtin(exercise_id)
            if base is not None:
                out[exercise_id] = _with_hidden(base, exercise_id in hidden)
            elif exercise_id not in out and stand_ins:
                out[exercise_id] = ex.unknown_exercise(exercise_id)
        return out

    def library(self, *, include_hidden: bool = False) -> list[Exercise]:
        """The built-ins in the library's order, then the user's exercises by name; hidden ones
        (hidden built-ins, retired own exercises) only with ``include_hidden``."""
        with self._reading() as conn:
            hidden = self._hidden_builtins(conn)
            own = sorted(map(_user_exercise, self._user_rows(conn)), key=lambda e: e.name.lower())
        everything = [_with_hidden(e, e.id in hidden) for e in ex.LIBRARY] + own
        return [e for e in everything if include_hidden or not e.hidden]

    def get(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id (hidden or not), or None."""
        if not isinstance(exercise_id, str):
            return None
        with self._reading() as conn:
            return self._exercises(conn, [exercise_id], stand_ins=False).get(exercise_id)

    def known_ids(self) -> set[str]:
        """Every id that can be ticked or scheduled: the built-ins and the user's exercises
        (hidden ones too)."""
        with self._reading() as conn:
            return self._known(conn)

    def _known(self, conn: sqlite3.Connection) -> set[str]:
        return set(ex.BUILTIN_IDS) | {r[0] for r in conn.execute("SELECT id FROM exercise")}

    def _unknown(self, conn: sqlite3.Connection, exercise_id: str) -> ValidationError:
        return ValidationError({"exercise": ex.unknown_id_message(exercise_id, self._known(conn))})

    def add(self, exercise: Exercise) -> Exercise:
        """Store a user's own exercise; its id must be a new slug (not a built-in's)."""
        errs = exercise.errors()
        if not errs.get("id") and exercise.id in ex.BUILTIN_IDS:
            errs["id"] = f"{exercise.id} is a built-in exercise; choose another id"
        if errs:
            raise ValidationError(errs)
        with self.journal._writing() as conn:
            try:
                conn.execute(
                    f"INSERT INTO exercise ({_EXERCISE_COLUMNS}, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*_exercise_values(exercise), _now()),
                )
            except sqlite3.IntegrityError:
                raise ValidationError(
                    {"id": f"there is already an exercise with the id {exercise.id}"}
                ) from None
        return self.get(exercise.id)  # type: ignore[return-value]

    def update(self, exercise: Exercise) -> Exercise:
        """Change a user's exercise (every field but its id). A built-in can only be hidden or
        shown again: any other change is refused (add your own exercise instead)."""
        base = ex.builtin(exercise.id) if isinstance(exercise.id, str) else None
        if base is not None:
            if _with_hidden(base, exercise.hidden) != _with_hidden(exercise, exercise.hidden):
                raise ValidationError(
                    {
                        "exercise": f"{exercise.id} is built in and cannot be changed; "
                        "add your own exercise (with another id) instead"
                    }
                )
            return self.set_hidden(exercise.id, exercise.hidden)
        errs = exercise.errors()
        if errs:
            raise ValidationError(errs)
        with self.journal._writing() as conn:
            values = _exercise_values(exercise)
            cur = conn.execute(
                "UPDATE exercise SET name = ?, kind = ?, targets = ?, steps = ?, sets = ?, "
                "reps = ?, hold_s = ?, per_side = ?, stop_when = ?, hidden = ? WHERE id = ?",
                (*values[1:], exercise.id),
            )
            if cur.rowcount == 0:
                raise self._unknown(conn, exercise.id)
        return self.get(exercise.id)  # type: ignore[return-value]

    def set_hidden(self, exercise_id: str, hidden: bool) -> Exercise:
        """Hide a built-in, or retire a user's exercise (or bring either back). History stays:
        past ticks and programmes still show it; a hidden exercise in the current programme stays
        scheduled until the programme is changed."""
        with self.journal._writing() as conn:
            if exercise_id in ex.BUILTIN_IDS:
                if hidden:
                    conn.execute(
                        "INSERT OR IGNORE INTO exercise_hidden (id, hidden_at) VALUES (?, ?)",
                        (exercise_id, _now()),
                    )
                else:
                    conn.execute("DELETE FROM exercise_hidden WHERE id = ?", (exercise_id,))
            else:
                cur = conn.execute(
                    "UPDATE exercise SET hidden = ? WHERE id = ?", (int(bool(hidden)), exercise_id)
                )
                if cur.rowcount == 0:
                    raise self._unknown(conn, exercise_id)
        return self.get(exercise_id)  # type: ignore[return-value]

    def delete(self, exercise_id: str) -> None:
        """Delete a user's exercise that nothing refers to (no tick, no programme, past or
        present); one with history is refused: retire it (:meth:`set_hidden`) instead."""
        with self.journal._writing() as conn:
            if exercise_id in ex.BUILTIN_IDS:
                raise ValidationError(
                    {"exercise": f"{exercise_id} is built in: it can be hidden, not deleted"}
                )
            used = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM exercise_done WHERE exercise_id = ?) "
                "OR EXISTS (SELECT 1 FROM programme_item WHERE exercise_id = ?)",
                (exercise_id, exercise_id),
            ).fetchone()[0]
            if used:
                raise ValidationError(
                    {"exercise": f"{exercise_id} has a history; retire it (hide it) instead"}
                )
            if conn.execute("DELETE FROM exercise WHERE id = ?", (exercise_id,)).rowcount == 0:
                raise self._unknown(conn, exercise_id)

    # --- the programme ---------------------------------------------------------------------------

    def _items(self, conn: sqlite3.Connection, day: dt.date | None) -> list[ProgrammeItem]:
        if day is None:
            sql = f"SELECT {_ITEM_COLUMNS}, position, id FROM programme_item WHERE valid_to IS NULL"
            params: tuple = ()
        else:
            iso = day.isoformat()
            sql = in_force_sql(f"{_ITEM_COLUMNS}, position, id")
            params = (iso, iso, iso)
        return [
            ProgrammeItem(r[0], _dose(r[1], r[2], r[3], r[4]), _days(r[5]))
            for r in conn.execute(f"SELECT * FROM ({sql}) ORDER BY position, id", params)
        ]

    def _phase(self, conn: sqlite3.Connection, day: dt.date | None = None) -> str | None:
        if day is None:
            row = conn.execute(
                "SELECT to_phase FROM phase_change ORDER BY date DESC, id DESC LIMIT 1"
            ).fetchone()
        else:
            row = conn.execute(
                "SELECT to_phase FROM phase_change WHERE date <= ? "
                "ORDER BY date DESC, id DESC LIMIT 1",
                (day.isoformat(),),
            ).fetchone()
        return row[0] if row else None

    def programme(self, on: DateLike | None = None) -> tuple[str, list[ProgrammeItem]]:
        """The phase and the programme's items in order: the current ones, or those in force
        ``on`` a date. A journal without a programme: ("relief", [])."""
        day = None if on is None else _read_date(on)
        with self._reading() as conn:
            return (self._phase(conn, day) or DEFAULT_PHASE), self._items(conn, day)

    def phase(self, on: DateLike | None = None) -> str:
        """The current phase (or the one in force ``on`` a date); "relief" before any choice."""
        return self.programme(on)[0]

    def _check_programme(self, conn: sqlite3.Connection, items: list[ProgrammeItem]) -> None:
        errs = ex.programme_errors(list(items), self._known(conn))
        if errs:
            raise ValidationError(errs)

    def _write_programme(
        self, conn: sqlite3.Connection, items: list[ProgrammeItem], day: dt.date
    ) -> None:
        iso = day.isoformat()
        conn.execute("DELETE FROM programme_item WHERE valid_from >= ?", (iso,))
        conn.execute(
            "UPDATE programme_item SET valid_to = ? "
            "WHERE valid_from < ? AND (valid_to IS NULL OR valid_to > ?)",
            (iso, iso, iso),
        )
        conn.executemany(
            f"INSERT INTO programme_item (position, {_ITEM_COLUMNS}, valid_from) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    i,
                    item.exercise_id,
                    item.dose.sets,
                    item.dose.reps,
                    item.dose.hold_s,
                    int(item.dose.per_side),
                    _days_text(item.weekdays),
                    iso,
                )
                for i, item in enumerate(items)
            ],
        )

    def set_programme(
        self, items: list[ProgrammeItem], *, on: DateLike, today: dt.date | None = None
    ) -> None:
        """Make ``items`` (in this order) the programme from ``on``, in one transaction: days
        before ``on`` keep the programme they had. Every item is checked first (a known exercise,
        once, a valid dose, one to seven days); nothing is written if one is wrong."""
        day = _write_date(on, today)
        items = list(items)
        with self.journal._writing() as conn:
            self._check_programme(conn, items)
            self._write_programme(conn, items, day)

    def set_phase(
        self,
        phase: str,
        *,
        on: DateLike,
        why: str = "",
        items: list[ProgrammeItem] | None = None,
        today: dt.date | None = None,
    ) -> None:
        """Switch to ``phase`` from ``on`` (recorded in the history with ``why``), and, when
        ``items`` is given, make them the programme from the same date, in one transaction.

        ``items=None`` keeps the programme as it is (the user changes phase, not exercises); pass
        ``starter_items(phase)`` (or use :meth:`start`) to load the phase's starter. Choosing the
        phase already in force records nothing (only the items, if given); a second change on the
        same date replaces that day's change (one a day), and a change dated before the last
        recorded change is refused, so the history stays in order.
        """
        errs: dict[str, str] = {}
        if phase not in PHASES:
            errs["phase"] = f"phase must be one of {', '.join(PHASES)}"
        if not isinstance(why, str) or len(why) > ex.MAX_NOTE:
            errs["why"] = f"the reason is text of at most {ex.MAX_NOTE} characters"
        try:
            day = _write_date(on, today)
        except ValidationError as exc:
            errs.update(exc.errors)
        if errs:
            raise ValidationError(errs)
        with self.journal._writing() as conn:
            if items is not None:
                items = list(items)
                self._check_programme(conn, items)
            iso = day.isoformat()
            last = conn.execute(
                "SELECT id, date, from_phase, to_phase FROM phase_change "
                "ORDER BY date DESC, id DESC LIMIT 1"
            ).fetchone()
            if last is not None and iso < last[1]:
                raise ValidationError(
                    {
                        "date": f"the phase last changed on {last[1]}; "
                        "a change cannot be dated before it"
                    }
                )
            if last is not None and last[1] == iso:
                # A second change the same day replaces the first (one change a day, the day's
                # last word); changing back to where the day started undoes it.
                if last[3] == phase:
                    pass
                elif last[2] == phase:
                    conn.execute("DELETE FROM phase_change WHERE id = ?", (last[0],))
                else:
                    conn.execute(
                        "UPDATE phase_change SET to_phase = ?, why = ? WHERE id = ?",
                        (phase, why.strip(), last[0]),
                    )
            elif last is None or last[3] != phase:
                conn.execute(
                    "INSERT INTO phase_change (date, from_phase, to_phase, why, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (iso, last[3] if last else None, phase, why.strip(), _now()),
                )
            if items is not None:
                self._write_programme(conn, items, day)

    def start(
        self, phase: str, *, on: DateLike, why: str = "", today: dt.date | None = None
    ) -> list[ProgrammeItem]:
        """Switch to ``phase`` and load its starter programme from ``on``; return the items."""
        if phase not in PHASES:
            raise ValidationError({"phase": f"phase must be one of {', '.join(PHASES)}"})
        items = ex.starter_items(phase)
        self.set_phase(phase, on=on, why=why, items=items, today=today)
        return items

    def phase_history(self) -> list[tuple[dt.date, str | None, str, str]]:
        """(date, from, to, why) of every phase change, oldest first; the first choice has
        ``from`` None."""
        with self._reading() as conn:
            return [
                (dt.date.fromisoformat(r[0]), r[1], r[2], r[3])
                for r in conn.execute(
                    "SELECT date, from_phase, to_phase, why FROM phase_change ORDER BY date, id"
                )
            ]

    # --- the checklist ---------------------------------------------------------------------------

    def checklist(self, date: DateLike) -> list[ChecklistItem]:
        """The day's checklist: the exercises the programme in force that day schedules, in the
        programme's order, then the unscheduled extras ticked that day (by name)."""
        day = _read_date(date)
        with self._reading() as conn:
            items = [i for i in self._items(conn, day) if i.scheduled_on(day)]
            ticks = {
                r[0]: (r[1], r[2])
                for r in conn.execute(
                    "SELECT exercise_id, sets_done, note FROM exercise_done WHERE date = ?",
                    (day.isoformat(),),
                )
            }
            found = self._exercises(conn, {i.exercise_id for i in items} | set(ticks))
        out = []
        for item in items:
            sets, note = ticks.get(item.exercise_id, (None, ""))
            out.append(
                ChecklistItem(
                    found[item.exercise_id],
                    item.dose,
                    scheduled=True,
                    done=item.exercise_id in ticks,
                    sets_done=sets,
                    note=note,
                )
            )
        scheduled = {i.exercise_id for i in items}
        extras = sorted(
            (found[i] for i in ticks if i not in scheduled), key=lambda e: e.name.lower()
        )
        for exercise in extras:
            sets, note = ticks[exercise.id]
            out.append(ChecklistItem(exercise, exercise.dose, False, True, sets, note))
        return out

    def tick(
        self,
        date: DateLike,
        exercise_id: str,
        *,
        sets_done: int | None = None,
        note: str = "",
        today: dt.date | None = None,
    ) -> None:
        """Record ``exercise_id`` as done on ``date`` (again: its sets and note are replaced).
        ``sets_done`` only when fewer sets than prescribed were done."""
        self.done(date, [exercise_id], sets=sets_done, note=note, today=today)

    def untick(self, date: DateLike, exercise_id: str, *, today: dt.date | None = None) -> None:
        """Remove the tick of ``exercise_id`` on ``date`` (nothing happens if there is none)."""
        day = _write_date(date, today)
        with self.journal._writing() as conn:
            conn.execute(
                "DELETE FROM exercise_done WHERE date = ? AND exercise_id = ?",
                (day.isoformat(), exercise_id),
            )

    def done(
        self,
        date: DateLike,
        ids: Iterable[str],
        *,
        sets: int | None = None,
        note: str = "",
        today: dt.date | None = None,
    ) -> list[str]:
        """Tick every exercise of ``ids`` on ``date`` in one transaction, and return the ids.

        Everything is checked first: the date (not in the future), each id (an unknown one is
        named with its close matches), the sets and the note; if anything is wrong, nothing is
        written and :class:`ValidationError` names every problem.
        """
        wanted = list(dict.fromkeys(ids))
        errs: dict[str, str] = {}
        try:
            day = _write_date(date, today)
        except ValidationError as exc:
            errs.update(exc.errors)
        errs.update(ex.check_tick(sets, note))
        if not wanted:
            errs["exercise"] = "name at least one exercise"
        with self.journal._writing() as conn:
            known = self._known(conn)
            unknown = [i for i in wanted if not isinstance(i, str) or i not in known]
            for n, exercise_id in enumerate(unknown, 1):
                key = "exercise" if len(unknown) == 1 else f"exercise.{n}"
                errs[key] = ex.unknown_id_message(exercise_id, known, hint=n == len(unknown))
            if errs:
                raise ValidationError(errs)
            conn.executemany(
                "INSERT INTO exercise_done (date, exercise_id, sets_done, note) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(date, exercise_id) DO UPDATE SET "
                "sets_done = excluded.sets_done, note = excluded.note",
                [(day.isoformat(), i, sets, note.strip()) for i in wanted],
            )
        return wanted

    def summary(self, date: DateLike) -> tuple[int, int]:
        """(done, scheduled) of the day's programme, in one query (Today shows it at start-up,
        through :func:`backjournal.store.exercise_summary.day_summary` itself)."""
        from backjournal.store.exercise_summary import day_summary

        return day_summary(self.journal, _read_date(date))

    # --- adherence -------------------------------------------------------------------------------

    def _spans(self, conn: sqlite3.Connection, start: str, end: str) -> list[ProgrammeSpan]:
        return [
            ProgrammeSpan(
                r[0],
                _days(r[1]),
                dt.date.fromisoformat(r[2]),
                dt.date.fromisoformat(r[3]) if r[3] else None,
            )
            for r in conn.execute(
                in_force_sql("exercise_id, weekdays, valid_from, valid_to"), (end, start, end)
            )
        ]

    def _counts(
        self, conn: sqlite3.Connection, start: dt.date, end: dt.date
    ) -> dict[dt.date, tuple[int, int]]:
        lo, hi = start.isoformat(), end.isoformat()
        spans = self._spans(conn, lo, hi)
        ticks: dict[dt.date, set[str]] = {}
        if spans:
            for date, exercise_id in conn.execute(
                "SELECT date, exercise_id FROM exercise_done WHERE date BETWEEN ? AND ?",
                (lo, hi),
            ):
                ticks.setdefault(dt.date.fromisoformat(date), set()).add(exercise_id)
        return adh.day_counts(spans, ticks, start, end)

    def day_counts(self, start: DateLike, end: DateLike) -> dict[dt.date, tuple[int, int]]:
        """(scheduled, done) for every date ``start``..``end``, each by its own programme."""
        first, last = _read_date(start), _read_date(end)
        with self._reading() as conn:
            return self._counts(conn, first, last)

    def adherence(self, today: DateLike) -> Adherence:
        """The adherence panel: 7- and 28-day percentages, the streak, the 28-day strip.

        Reads the last 28 days; only a streak that reaches back past them reads further (a year
        at a time, up to the programme's first day)."""
        day = _read_date(today)
        with self._reading() as conn:
            start = day - dt.timedelta(days=ADHERENCE_WINDOW - 1)
            counts = self._counts(conn, start, day)
            result = adh.adherence(counts, day)
            streak, broken = adh.streak_of(counts, day)
            first = conn.execute("SELECT min(valid_from) FROM programme_item").fetchone()[0]
            while not broken and first is not None and start.isoformat() > first:
                end = start - dt.timedelta(days=1)
                start = max(end - dt.timedelta(days=364), dt.date.fromisoformat(first))
                older = self._counts(conn, start, end)
                # Judged from the day after the chunk: its last day is a finished day.
                more, broken = adh.streak_of(older, end + dt.timedelta(days=1))
                streak += more
        if streak != result.streak:
            result = Adherence(result.pct7, result.pct28, streak, result.strip)
        return result

    def weekly_adherence(
        self, start: DateLike, end: DateLike, week_start: str = "monday"
    ) -> dict[dt.date, float]:
        """Each week's first day -> done / scheduled that week, for the weeks of
        ``start``..``end`` with something scheduled (give whole weeks for whole weeks)."""
        return adh.weekly(self.day_counts(start, end), week_start)

    # --- the demo --------------------------------------------------------------------------------

    def replace_all(self, demo: DemoExercises) -> None:
        """Replace every exercise table's rows with ``demo`` in one transaction (the demo journal
        uses this). Everything is checked first, each date against itself as "today"."""
        errs: dict[str, str] = {}
        for exercise in demo.exercises:
            errs.update({f"{exercise.id}.{k}": v for k, v in exercise.errors().items()})
        known = set(ex.BUILTIN_IDS) | {e.id for e in demo.exercises}
        for _, items in demo.programmes:
            errs.update(ex.programme_errors(list(items), known))
        for day, exercise_id, sets, note in demo.ticks:
            if exercise_id not in known:
                errs[f"{day}.{exercise_id}"] = ex.unknown_id_message(exercise_id, known)
            errs.update(ex.check_tick(sets, note))
        for day in {d for d, *_ in demo.ticks} | {d for d, _ in demo.programmes}:
            problem = check_date(day.isoformat(), day)
            if problem:
                errs[str(day)] = problem
        if errs:
            raise ValidationError(errs)
        stamp = _now()
        with self.journal._writing() as conn:
            for table in (
                "exercise_done",
                "programme_item",
                "phase_change",
                "suggestion_dismissal",
                "exercise_hidden",
                "exercise",
            ):
                conn.execute(f"DELETE FROM {table}")
            conn.executemany(
                f"INSERT INTO exercise ({_EXERCISE_COLUMNS}, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*_exercise_values(e), stamp) for e in demo.exercises],
            )
            conn.executemany(
                "INSERT INTO phase_change (date, from_phase, to_phase, why, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(d.isoformat(), a, b, why, stamp) for d, a, b, why in demo.phases],
            )
            for day, items in sorted(demo.programmes, key=lambda p: p[0]):
                self._write_programme(conn, list(items), day)
            conn.executemany(
                "INSERT INTO exercise_done (date, exercise_id, sets_done, note) "
                "VALUES (?, ?, ?, ?)",
                [(d.isoformat(), i, s, n) for d, i, s, n in demo.ticks],
            )

    # --- suggestions -----------------------------------------------------------------------------

    def suggestion(self, today: DateLike) -> Suggestion | None:
        """The phase suggestion for ``today`` (see
        :func:`~backjournal.domain.adherence.phase_suggestion`), unless one of its kind was
        dismissed within the last :data:`DISMISS_DAYS` days (the day of dismissal included)."""
        from backjournal.store.journal import _worst

        day = _read_date(today)
        first = day - dt.timedelta(days=MAINTENANCE_DAYS + RISE_DAYS)
        with self._reading() as conn:
            phase = self._phase(conn, day) or DEFAULT_PHASE
            pain = {
                dt.date.fromisoformat(r[0]): (r[1], r[2])
                for r in conn.execute(
                    f"SELECT d.date, {_worst('back')}, {_worst('leg')} FROM day d "
                    "WHERE d.date BETWEEN ? AND ?",
                    (first.isoformat(), day.isoformat()),
                )
            }
            counts = self._counts(conn, first, day)
            found = adh.phase_suggestion(phase, pain, counts, day)
            if found is None:
                return None
            quiet_from = day - dt.timedelta(days=DISMISS_DAYS - 1)
            dismissed = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM suggestion_dismissal WHERE kind = ? "
                "AND date BETWEEN ? AND ?)",
                (found.kind, quiet_from.isoformat(), day.isoformat()),
            ).fetchone()[0]
        return None if dismissed else found

    def dismiss_suggestion(self, kind: str, *, on: DateLike, today: dt.date | None = None) -> None:
        """Dismiss the suggestion of ``kind`` on ``on``: it stays quiet for :data:`DISMISS_DAYS`
        days (``on`` and the six after it) and comes back if the rule still holds then."""
        if kind not in SUGGESTION_KINDS:
            raise ValidationError({"kind": f"kind must be one of {', '.join(SUGGESTION_KINDS)}"})
        day = _write_date(on, today)
        with self.journal._writing() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO suggestion_dismissal (kind, date) VALUES (?, ?)",
                (kind, day.isoformat()),
            )


def in_force_sql(columns: str) -> str:
    """The programme items in force at some time in ``[start, end]`` (parameters: end, start,
    end; one date for both gives the items in force that day).

    As two index ranges on ``programme_item_in_force (valid_to, valid_from)``: the open items, and
    those closed after ``start``. Written as one ``valid_to IS NULL OR valid_to > ?``, SQLite
    scanned every item ever written (every programme edit of ten years) for each read.
    """
    return (
        f"SELECT {columns} FROM programme_item WHERE valid_to IS NULL AND valid_from <= ? "
        f"UNION ALL SELECT {columns} FROM programme_item INDEXED BY programme_item_in_force "
        "WHERE valid_to > ? AND valid_from <= ?"
    )


def _with_hidden(exercise: Exercise, hidden: bool) -> Exercise:
    if exercise.hidden == hidden:
        return exercise
    from dataclasses import replace

    return replace(exercise, hidden=hidden)


def _exercise_values(e: Exercise) -> tuple:
    return (
        e.id,
        e.name.strip(),
        e.kind,
        e.targets.strip(),
        "\n".join(s.strip() for s in e.steps),
        e.dose.sets,
        e.dose.reps,
        e.dose.hold_s,
        int(e.dose.per_side),
        e.stop_when.strip(),
        int(bool(e.hidden)),
    )
