"""Exercises a clinician gives at an appointment: they become the user's own, with the
clinician's dose (issue #17; CLINICAL.md: "a clinician's programme replaces" the starting
points).

Each is typed as ``NAME: DOSE`` ("Bird dog: 3 x 10", "Wall sit: 3 x 30 s hold"). The store finds
the exercise by its name (any case; a library id works too) or makes a new exercise of the user's
own, and puts it in the programme with that dose; this module reads and checks what was typed,
and says what happened ("Bird dog: 2 x 8 -> 3 x 10") and where an exercise came from ("from your
appointment with physio on 2026-05-12"). Pure Python: no SQL, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from backjournal.domain.exercises import MAX_NAME, Dose, parse_dose
from backjournal.domain.parse import InvalidValue

EXAMPLE = "Bird dog: 3 x 10"
FORMAT_HELP = f"write each as NAME: DOSE, e.g. '{EXAMPLE}'"
NEW_STEP = "As your clinician showed you."
NEW_TARGETS = "from your clinician"


@dataclass(frozen=True)
class GivenExercise:
    """An exercise as the clinician gave it: its name as typed and the dose."""

    name: str
    dose: Dose


@dataclass(frozen=True)
class Given:
    """What an appointment's exercise did to the user's exercises and programme: the exercise
    (its id and name), the clinician's dose, the dose the programme held on the appointment's
    day before it (None: not in the programme) and whether the appointment made the exercise."""

    exercise_id: str
    name: str
    dose: Dose
    previous: str | None = None
    new_exercise: bool = False
    until: str | None = None  # the programme changed again on this day, after the appointment

    def change(self) -> str:
        """What happened, in one line: ``Bird dog: 2 x 8 -> 3 x 10``, ``Wall sit: 3 x 10 (a new
        exercise of yours, added to your programme)``, ``Glute bridge: 3 x 12 (added to your
        programme)`` or ``Dead bug: 3 x 8 per side (as before)``; when the programme changed again
        after the appointment, ``... until 2026-11-22 (your programme from that day is kept as it
        is)``."""
        line = self._what()
        if self.until is not None:
            line += f" until {self.until} (your programme from that day is kept as it is)"
        return line

    def _what(self) -> str:
        dose = self.dose.text()
        if self.new_exercise:
            return f"{self.name}: {dose} (a new exercise of yours, added to your programme)"
        if self.previous is None:
            return f"{self.name}: {dose} (added to your programme)"
        if self.previous == dose:
            return f"{self.name}: {dose} (as before)"
        return f"{self.name}: {self.previous} -> {dose}"


@dataclass(frozen=True)
class Source:
    """Where an exercise of the programme came from: the appointment that last gave it."""

    appointment_id: int
    date: str
    who: str
    dose: Dose

    def text(self, current: Dose | None = None) -> str:
        """``from your appointment with physio on 2026-05-12``; ``(given as 3 x 10)`` is added
        when the programme's dose is no longer the clinician's."""
        who = f" with {self.who}" if self.who.strip() else ""
        out = f"from your appointment{who} on {self.date}"
        if current is not None and current != self.dose:
            out += f" (given as {self.dose.text()})"
        return out


def parse_given(text: str) -> GivenExercise:
    """Read ``NAME: DOSE``. Raises :class:`InvalidValue` naming what is wrong: no colon, an
    empty or too long name, a dose the programme refuses."""
    raw = str(text).strip()
    shown = " ".join(raw.split())
    name, colon, dose_text = raw.rpartition(":")
    if not colon:
        raise InvalidValue(f"'{shown}' has no dose; {FORMAT_HELP}")
    name = " ".join(name.split())
    if not name:
        raise InvalidValue(f"'{shown}': the exercise needs a name; {FORMAT_HELP}")
    if len(name) > MAX_NAME:
        raise InvalidValue(f"'{name[:20]}…': an exercise's name has at most {MAX_NAME} characters")
    try:
        dose = parse_dose(dose_text)
    except InvalidValue as exc:
        raise InvalidValue(f"{name}: {exc.message}") from None
    return GivenExercise(name, dose)


def parse_all(lines: list[str]) -> list[GivenExercise]:
    """Read every non-empty line; an exercise named twice (any case) is refused. Raises
    :class:`InvalidValue` for the first problem."""
    out: list[GivenExercise] = []
    seen: set[str] = set()
    for line in lines:
        if not line.strip():
            continue
        given = parse_given(line)
        key = given.name.casefold()
        if key in seen:
            raise InvalidValue(f"'{given.name}' is given twice; give each exercise once")
        seen.add(key)
        out.append(given)
    return out


def split_field(text: str) -> list[str]:
    """The exercises of the dialog's one-line field, separated by ``;``."""
    return [part for part in text.split(";") if part.strip()]
