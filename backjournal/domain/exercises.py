"""Exercises: the built-in library (its data in ``exercise_library``), doses, weekdays, one's own
exercises, the programme and its starters, and the day's checklist. Pure Python: no SQL, no
Textual.

The article's steps 3 and 4 (CLINICAL.md, "Exercise programme"): specific strengthening and
stretching, then a maintenance programme; doses are starting points, not prescriptions. The store
(``backjournal.store.exercises``) keeps the user's exercises, programme, ticks and phase history;
the rules are here and, for adherence, the streak and the phase suggestions, in
:mod:`backjournal.domain.adherence`, so that the screen, the command line and the tests share one
definition.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from backjournal.domain.exercise_library import BUILTIN_ROWS, SPREAD_RULE
from backjournal.domain.parse import InvalidValue
from backjournal.domain.values import PHASES

KINDS: tuple[str, ...] = ("strength", "stretch", "mobility")
WEEKDAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)

# Limits of a dose and of a user's exercise (typing errors beyond them, not training).
MAX_SETS = 20
MAX_REPS = 200
MAX_HOLD_S = 600
MAX_ID = 40
MAX_NAME = 60
MAX_TEXT = 200
MAX_STEPS = 8
MAX_NOTE = 500

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# --- doses ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dose:
    """How much of an exercise: ``sets`` of ``reps`` repetitions, or of a ``hold_s`` second hold;
    ``per_side`` when each side (left and right) does the whole dose."""

    sets: int
    reps: int | None = None
    hold_s: int | None = None
    per_side: bool = False

    def text(self) -> str:
        """The dose as people write it: "3 x 10", "3 x 10 per side", "3 x 30 s hold"."""
        if self.hold_s is not None:
            body = f"{self.sets} x {self.hold_s} s hold"
        elif self.reps is not None:
            body = f"{self.sets} x {self.reps}"
        else:
            body = f"{self.sets} set{'s' if self.sets != 1 else ''}"
        return body + (" per side" if self.per_side else "")

    def errors(self) -> dict[str, str]:
        """What is wrong with this dose, by field (empty when it can be stored)."""
        errs: dict[str, str] = {}
        if not _whole(self.sets) or not 1 <= self.sets <= MAX_SETS:
            errs["sets"] = f"sets must be a whole number from 1 to {MAX_SETS}"
        if (self.reps is None) == (self.hold_s is None):
            errs["dose"] = "a dose has either repetitions (3 x 10) or a hold (3 x 30 s hold)"
        if self.reps is not None and (not _whole(self.reps) or not 1 <= self.reps <= MAX_REPS):
            errs["reps"] = f"repetitions must be a whole number from 1 to {MAX_REPS}"
        if self.hold_s is not None and (
            not _whole(self.hold_s) or not 1 <= self.hold_s <= MAX_HOLD_S
        ):
            errs["hold"] = f"a hold must be whole seconds from 1 to {MAX_HOLD_S}"
        if self.per_side not in (True, False):
            errs["per_side"] = "per side must be yes or no"
        return errs


_DOSE = re.compile(
    r"^(?P<sets>\d{1,3})\s*(?:x|×|\*)\s*(?P<n>\d{1,4})\s*"
    r"(?P<unit>s|sec|secs|second|seconds|min|mins|minute|minutes|reps?|repetitions?)?"
    r"(?:\s*(?P<hold>hold|holds))?"
    r"(?P<side>\s*(?:/\s*side|per\s+side|each\s+side|each|per\s+leg|each\s+leg|/\s*leg|a\s+side))?$"
)
DOSE_HELP = "write it as 3 x 10, 3 x 10 per side or 3 x 30 s hold"


def parse_dose(text: str) -> Dose:
    """Read a dose typed as "3 x 10", "3x10 per side", "3 x 30 s hold", "2 x 1 min each side".

    Raises :class:`InvalidValue` naming what is wrong and how to write it.
    """
    raw = " ".join(str(text).strip().lower().split())
    if not raw:
        raise InvalidValue(f"a dose is needed; {DOSE_HELP}", field="dose")
    shown = " ".join(str(text).split())  # one line, whatever was typed
    m = _DOSE.match(raw)
    if not m:
        raise InvalidValue(f"'{shown}' is not a dose; {DOSE_HELP}", field="dose")
    sets, n, unit = int(m["sets"]), int(m["n"]), m["unit"] or ""
    per_side = bool(m["side"])
    if unit.startswith("rep") and m["hold"]:
        raise InvalidValue(f"'{shown}' is not a dose; {DOSE_HELP}", field="dose")
    if unit.startswith("m"):
        dose = Dose(sets, hold_s=n * 60, per_side=per_side)
    elif unit.startswith("s") or m["hold"]:
        dose = Dose(sets, hold_s=n, per_side=per_side)
    else:
        dose = Dose(sets, reps=n, per_side=per_side)
    errs = dose.errors()
    if errs:
        raise InvalidValue(next(iter(errs.values())), field="dose")
    return dose


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- weekdays ------------------------------------------------------------------------------------

_DAY_WORDS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)} | {
    full: i
    for i, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


def format_weekdays(days: Iterable[int]) -> str:
    """ "daily", "weekdays", or the days' short names: "Mon Wed Fri"."""
    days = tuple(sorted(set(days)))
    if days == ALL_DAYS:
        return "daily"
    if days == (0, 1, 2, 3, 4):
        return "weekdays"
    return " ".join(WEEKDAY_NAMES[d] for d in days)


def parse_weekdays(text: str) -> tuple[int, ...]:
    """Read days typed as "mon wed fri", "mon,thu", "mon-fri", "daily" or "weekdays"."""
    raw = str(text).strip().lower()
    if raw in ("daily", "every day", "all"):
        return ALL_DAYS
    if raw == "weekdays":
        return (0, 1, 2, 3, 4)
    if raw == "weekends":
        return (5, 6)
    found: set[int] = set()
    for word in re.split(r"[\s,]+", raw):
        if not word:
            continue
        if "-" in word:
            lo, _, hi = word.partition("-")
            if lo in _DAY_WORDS and hi in _DAY_WORDS:
                a, b = _DAY_WORDS[lo], _DAY_WORDS[hi]
                found.update(range(a, b + 1) if a <= b else (*range(a, 7), *range(0, b + 1)))
                continue
        if word not in _DAY_WORDS:
            raise InvalidValue(
                f"'{word}' is not a day; write days as mon wed fri, mon-fri or daily",
                field="days",
            )
        found.add(_DAY_WORDS[word])
    if not found:
        raise InvalidValue("at least one day is needed (mon wed fri, mon-fri or daily)", "days")
    return tuple(sorted(found))


# --- exercises -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """One exercise: a stable ``id`` (a slug such as ``bird-dog``), its name, kind (one of
    :data:`KINDS`), what it targets, how to do it (short steps), a default dose and when to stop.
    Built-ins live in :data:`LIBRARY`; a user's own have ``builtin=False``. ``hidden`` exercises
    are left out of the library list (a built-in hidden by the user, a user's retired exercise);
    their ticks and programme history are kept."""

    id: str
    name: str
    kind: str
    targets: str
    steps: tuple[str, ...]
    dose: Dose
    stop_when: str
    builtin: bool = True
    hidden: bool = False

    def errors(self) -> dict[str, str]:
        """What is wrong with this exercise (as a user's own), by field."""
        errs: dict[str, str] = {}
        id_problem = check_id(self.id)
        if id_problem:
            errs["id"] = id_problem
        _line(errs, "name", self.name, "the name", MAX_NAME, required=True)
        if self.kind not in KINDS:
            errs["kind"] = f"kind must be one of {', '.join(KINDS)}"
        _line(errs, "targets", self.targets, "what it targets", MAX_TEXT)
        if not isinstance(self.steps, tuple) or not 1 <= len(self.steps) <= MAX_STEPS:
            errs["steps"] = f"an exercise has 1 to {MAX_STEPS} steps"
        else:
            for i, step in enumerate(self.steps):
                _line(errs, f"steps.{i}", step, f"step {i + 1}", MAX_TEXT, required=True)
        if not isinstance(self.dose, Dose):
            errs["dose"] = "a dose is needed"
        else:
            errs.update(self.dose.errors())
        _line(errs, "stop_when", self.stop_when, "when to stop", MAX_TEXT)
        return errs


def check_id(value: object) -> str | None:
    """What is wrong with an exercise id (a slug: lowercase letters, digits, single hyphens)."""
    if not isinstance(value, str) or not value:
        return "an exercise needs an id (like my-stretch)"
    if len(value) > MAX_ID:
        return f"an exercise id has at most {MAX_ID} characters"
    if not _SLUG.fullmatch(value):
        return (
            f"'{value}' is not an id: use lowercase letters, digits and single hyphens "
            "(like my-stretch)"
        )
    return None


def slugify(name: str) -> str:
    """An id made from a name: "Wall sit (easy)" -> "wall-sit-easy"."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")
    return slug[:MAX_ID].rstrip("-")


def _line(
    errs: dict[str, str], key: str, value: object, what: str, limit: int, required: bool = False
) -> None:
    if not isinstance(value, str):
        errs[key] = f"{what} must be text"
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        errs[key] = f"{what} holds bytes that are not text (not UTF-8)"
        return
    if required and not value.strip():
        errs[key] = f"{what} is needed"
    elif len(value) > limit:
        errs[key] = f"{what} has at most {limit} characters"
    elif any(ch in value for ch in "\r\n\t"):
        errs[key] = f"{what} is one line"


def unknown_exercise(exercise_id: str) -> Exercise:
    """A stand-in for an id that is neither built in nor the user's (a tick imported from another
    journal): shown under its id, never offered in the library."""
    return Exercise(
        id=exercise_id,
        name=exercise_id,
        kind="strength",
        targets="",
        steps=(),
        dose=Dose(1, reps=1),
        stop_when="",
        builtin=False,
        hidden=True,
    )


def _ex(
    ex_id: str, name: str, kind: str, targets: str, steps: tuple[str, ...], dose: str, stop: str
) -> Exercise:
    """A built-in exercise; its stop rule ends with the rule every exercise shares."""
    return Exercise(ex_id, name, kind, targets, steps, parse_dose(dose), f"{stop} {SPREAD_RULE}")


# The built-in library (backjournal/domain/exercise_library.py holds it as data), in the order a
# list shows it: strength, then stretches, then mobility.
LIBRARY: tuple[Exercise, ...] = tuple(_ex(*row) for row in BUILTIN_ROWS)
BUILTIN_IDS: frozenset[str] = frozenset(ex.id for ex in LIBRARY)
_BUILTINS: dict[str, Exercise] = {ex.id: ex for ex in LIBRARY}


def builtin(exercise_id: str) -> Exercise | None:
    """The built-in exercise with this id, or None."""
    return _BUILTINS.get(exercise_id)


# --- the programme -------------------------------------------------------------------------------

_MWF = (0, 2, 4)
_TTS = (1, 3, 5)
# A starter programme per phase: (exercise id, weekdays). Relief is gentle and daily; strengthening
# builds the trunk and hips three days a week with stretches in between; maintenance keeps the
# staples twice a week (with running, to prevent a return).
STARTERS: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {
    "relief": (
        ("walking", ALL_DAYS),
        ("mcgill-curl-up", ALL_DAYS),
        ("bird-dog", ALL_DAYS),
        ("side-plank", ALL_DAYS),  # on the knees to start (its first step)
        ("glute-bridge", ALL_DAYS),
    ),
    "strengthening": (
        ("glute-bridge", _MWF),
        ("bird-dog", _MWF),
        ("dead-bug", _MWF),
        ("side-plank", _MWF),
        ("mcgill-curl-up", _MWF),
        ("clamshell", _TTS),
        ("hip-flexor-stretch", _TTS),
        ("hamstring-stretch", _TTS),
    ),
    "maintenance": (
        ("bird-dog", (1, 4)),
        ("side-plank", (1, 4)),
        ("single-leg-rdl", (1, 4)),
        ("plank", (1, 4)),
        ("calf-raise", (1, 4)),
        ("hip-flexor-stretch", (2, 6)),
    ),
}


@dataclass(frozen=True)
class ProgrammeItem:
    """One line of the programme: an exercise, its dose, and the weekdays (0 = Monday) it is
    scheduled on. Its position in the programme's list is its order on the checklist."""

    exercise_id: str
    dose: Dose
    weekdays: tuple[int, ...]

    def scheduled_on(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays

    def errors(self, prefix: str = "item") -> dict[str, str]:
        errs = {f"{prefix}.{k}": v for k, v in self.dose.errors().items()}
        days = self.weekdays
        if (
            not isinstance(days, tuple)
            or not days
            or any(not _whole(d) or not 0 <= d <= 6 for d in days)
            or len(set(days)) != len(days)
        ):
            errs[f"{prefix}.days"] = "days are one to seven different weekdays (0 = Monday)"
        return errs


# The relief starter before issue #14 (CLINICAL.md now names McGill's big three and walking): a
# programme still made of exactly these is noted once as loaded from the old starter.
OLD_RELIEF_STARTER: frozenset[str] = frozenset(
    {"pelvic-tilt", "knee-to-chest", "cat-camel", "childs-pose", "glute-bridge"}
)
NERVE_SLIDER = "nerve-glide"  # added to the relief starter when there are leg symptoms
MORNING_ADVICE = (
    "In the first hour after rising, no sustained or repeated bending to the end of the range "
    "(McGill)."
)
STARTING_POINTS = (
    "Doses are starting points, not prescriptions: a clinician's programme replaces them."
)


def starter_items(phase: str, *, leg_symptoms: bool = False) -> list[ProgrammeItem]:
    """The starter programme of ``phase`` with each exercise's default dose; the relief starter
    adds the sciatic nerve slider when there are leg symptoms (CLINICAL.md)."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}")
    rows = list(STARTERS[phase])
    if phase == "relief" and leg_symptoms:
        rows.append((NERVE_SLIDER, ALL_DAYS))
    return [ProgrammeItem(ex_id, _BUILTINS[ex_id].dose, days) for ex_id, days in rows]


def from_old_relief_starter(exercise_ids: Iterable[str]) -> bool:
    """Whether a programme is exactly the relief starter of before issue #14."""
    return frozenset(exercise_ids) == OLD_RELIEF_STARTER


def programme_errors(items: list[ProgrammeItem], known: Iterable[str]) -> dict[str, str]:
    """What is wrong with a programme: an unknown exercise (with close matches), an exercise
    listed twice, a bad dose or days."""
    ids = set(known)
    errs: dict[str, str] = {}
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, ProgrammeItem):
            errs[f"items.{i}"] = "not a programme item"
            continue
        if item.exercise_id not in ids:
            errs[f"items.{i}.exercise"] = unknown_id_message(item.exercise_id, ids)
        elif item.exercise_id in seen:
            errs[f"items.{i}.exercise"] = f"{item.exercise_id} is in the programme twice"
        seen.add(item.exercise_id)
        errs.update(item.errors(prefix=f"items.{i}"))
    return errs


def close_matches(word: str, ids: Iterable[str]) -> list[str]:
    """Known ids that look like ``word`` (a typo, a part of the id), best first, at most 3."""
    ids = sorted(set(ids))
    w = str(word).strip().lower()
    found = difflib.get_close_matches(w, ids, n=3, cutoff=0.6)
    if len(w) >= 3:  # a part of an id ("bridge"), but not a letter that is in every id
        for candidate in ids:
            if len(found) >= 3:
                break
            if (w in candidate or candidate in w) and candidate not in found:
                found.append(candidate)
    return found[:3]


LIBRARY_HINT = "`backjournal exercises --library` lists them"


def unknown_id_message(word: str, ids: Iterable[str], *, hint: bool = True) -> str:
    """The sentence for an unknown id, with its close matches: "there is no exercise
    'brid-dog' (did you mean bird-dog?); `backjournal exercises --library` lists them" (the last
    part only with ``hint``)."""
    matches = close_matches(word, ids)
    maybe = f" (did you mean {' or '.join(matches)}?)" if matches else ""
    shown = " ".join(str(word).split())
    return f"there is no exercise {shown!r}{maybe}" + (f"; {LIBRARY_HINT}" if hint else "")


# --- the day's checklist -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a day's checklist: the exercise, the dose prescribed (the programme's, or the
    exercise's default for an extra), whether the programme schedules it that day, whether it was
    ticked, the sets done when fewer than prescribed, and the note."""

    exercise: Exercise
    dose: Dose
    scheduled: bool
    done: bool
    sets_done: int | None = None
    note: str = ""

    def line(self) -> str:
        """The checklist as text: "[x] bird-dog  Bird dog  3 x 8 per side"."""
        box = "[x]" if self.done else "[ ]"
        extra = "" if self.scheduled else "  (extra)"
        sets = f"  ({self.sets_done} of {self.dose.sets} sets)" if self.sets_done else ""
        note = f"  - {self.note}" if self.note else ""
        ex = self.exercise
        return f"{box} {ex.id}  {ex.name}  {self.dose.text()}{sets}{extra}{note}"


def check_tick(sets_done: object, note: object) -> dict[str, str]:
    """What is wrong with a tick's sets done and note."""
    errs: dict[str, str] = {}
    if sets_done is not None and (not _whole(sets_done) or not 1 <= sets_done <= MAX_SETS):
        errs["sets"] = f"sets done must be a whole number from 1 to {MAX_SETS}"
    if not isinstance(note, str):
        errs["note"] = "the note must be text"
    else:
        try:
            note.encode("utf-8")
        except UnicodeEncodeError:
            errs["note"] = "the note holds bytes that are not text (not UTF-8)"
        else:
            if len(note) > MAX_NOTE:
                errs["note"] = f"the note has at most {MAX_NOTE} characters"
    return errs
