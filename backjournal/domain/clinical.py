"""The clinical record: treatments, the clinician's plan, flare-ups, PSFS and the user's factors.

A runner in rehab lives by more than runs and pain: the physiotherapist's instructions ("no
running until the 12th, then 5 km every other day"), the painkillers taken, the flare-ups, the
things they cannot do yet, and the habits they suspect. Each is its own kind of record here, with
the one validation every face (Today, the shell, imports) goes through. Pure Python: the store
writes what this module accepts. Definitions follow CLINICAL.md.

The plan: instructions typed in the user's words are kept as they were said; those this module
understands (:func:`parse_instruction`) also become rules that Today and "Run today?" follow.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field

from backjournal.domain.parse import InvalidValue, parse_distance

TREATMENT_KINDS: tuple[str, ...] = ("medication", "physio", "injection", "massage", "other")
TREATMENT_LABELS: dict[str, str] = {
    "medication": "Medication",
    "physio": "Physio session",
    "injection": "Injection",
    "massage": "Massage",
    "other": "Other",
}
SCHEDULES: tuple[str, ...] = ("course", "as-needed", "once")
MAX_NAME = 60
MAX_TEXT = 500

RULE_KINDS: tuple[str, ...] = (
    "no-running-until",
    "max-distance-per-run",
    "max-runs-per-week",
    "no-consecutive-days",
)

MAX_FACTORS = 10
FACTOR_KINDS: tuple[str, ...] = ("yes-no", "scale")
PSFS_MIN_ITEMS, PSFS_MAX_ITEMS = 3, 5

# CLINICAL.md: a flare-up is suggested when waking pain stays 2 or more above the baseline for 2
# days; an open one is offered to close after 3 days back at the baseline.
FLARE_RISE = 2
FLARE_DAYS = 2
FLARE_SETTLED_DAYS = 3
BASELINE_DAYS = 7
BASELINE_MIN_SCORES = 3


# --- shared checks ----------------------------------------------------------------------------


def _name_problem(name: object, what: str, limit: int = MAX_NAME) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return f"{what} needs a name"
    if len(name) > limit:
        return f"{what}'s name has at most {limit} characters"
    if name != name.strip() or any(ch in name for ch in "\r\n\t"):
        return f"{what}'s name is one line, without spaces around it"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what}'s name holds bytes that are not text"
    return None


def _text_problem(value: object, what: str) -> str | None:
    if not isinstance(value, str):
        return f"{what} must be text"
    if len(value) > MAX_TEXT:
        return f"{what} has at most {MAX_TEXT} characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what} holds bytes that are not text"
    return None


def _date_problem(value: object, what: str, today: dt.date) -> str | None:
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):  # type: ignore[arg-type]
        return f"{what} '{value}' is not a date (YYYY-MM-DD)"
    if day > today:
        return f"{what} {value} is in the future; today is {today.isoformat()}"
    return None


# --- treatments -------------------------------------------------------------------------------


@dataclass
class Treatment:
    """A medication, physio session, injection, massage or other treatment.

    ``schedule`` is ``course`` (taken regularly from ``start`` to ``end``, open while ``end`` is
    None), ``as-needed`` (each dose recorded as a :class:`Dose`) or ``once`` (a session on
    ``start``).
    """

    name: str
    kind: str = "medication"
    schedule: str = "course"
    start: str = ""
    end: str | None = None
    dose: str = ""
    note: str = ""
    id: int | None = None

    def errors(self, today: dt.date) -> dict[str, str]:
        errs: dict[str, str] = {}
        problem = _name_problem(self.name, "a treatment")
        if problem:
            errs["name"] = problem
        if self.kind not in TREATMENT_KINDS:
            errs["kind"] = f"kind must be one of {', '.join(TREATMENT_KINDS)}"
        if self.schedule not in SCHEDULES:
            errs["schedule"] = f"schedule must be one of {', '.join(SCHEDULES)}"
        problem = _date_problem(self.start, "the start", today)
        if problem:
            errs["start"] = problem
        if self.end is not None:
            problem = _date_problem(self.end, "the end", dt.date.max)
            if problem:
                errs["end"] = problem
            elif "start" not in errs and self.end < self.start:
                errs["end"] = f"the course ends ({self.end}) before it starts ({self.start})"
            elif self.schedule == "once" and self.end != self.start:
                errs["end"] = "a single session has no end date"
        for name, what in (("dose", "the dose"), ("note", "the note")):
            problem = _text_problem(getattr(self, name), what)
            if problem:
                errs[name] = problem
        if isinstance(self.dose, str) and len(self.dose) > MAX_NAME:
            errs["dose"] = f"the dose has at most {MAX_NAME} characters"
        return errs

    def running_on(self, day: str) -> bool:
        """Whether this course is being taken on ``day`` (a single session: on its day)."""
        if self.schedule == "as-needed":
            return False
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Dose:
    """One dose of an as-needed treatment, or any treatment's note for a day."""

    treatment_id: int
    date: str
    dose: str = ""
    id: int | None = None

    def errors(self, today: dt.date) -> dict[str, str]:
        errs: dict[str, str] = {}
        problem = _date_problem(self.date, "the date", today)
        if problem:
            errs["date"] = problem
        if not isinstance(self.dose, str) or len(self.dose) > MAX_NAME:
            errs["dose"] = f"the dose is text of at most {MAX_NAME} characters"
        return errs


# --- the clinician's plan -----------------------------------------------------------------------


@dataclass
class Appointment:
    """A visit to a clinician: when, who, what they said (the user's words), the instructions as
    said, and the next appointment."""

    date: str
    who: str = ""
    said: str = ""
    instructions: str = ""
    next_date: str | None = None
    id: int | None = None

    def errors(self, today: dt.date) -> dict[str, str]:
        errs: dict[str, str] = {}
        problem = _date_problem(self.date, "the appointment", today)
        if problem:
            errs["date"] = problem
        for name in ("who", "said", "instructions"):
            problem = _text_problem(getattr(self, name), f"'{name}'")
            if problem:
                errs[name] = problem
        if self.next_date is not None:
            problem = _date_problem(self.next_date, "the next appointment", dt.date.max)
            if problem:
                errs["next_date"] = problem
            elif "date" not in errs and self.next_date <= self.date:
                errs["next_date"] = (
                    f"the next appointment ({self.next_date}) must come after this one"
                    f" ({self.date})"
                )
        return errs


@dataclass
class PlanRule:
    """One instruction the journal understands, in force from ``start`` until ``end``.

    ``value``: the date of ``no-running-until`` (running allowed again on it), metres for
    ``max-distance-per-run``, a count for ``max-runs-per-week``, unused for
    ``no-consecutive-days``. ``text`` is the instruction as the user typed it.
    """

    kind: str
    start: str
    value: str | float | None = None
    text: str = ""
    end: str | None = None
    appointment_id: int | None = None
    id: int | None = None

    def in_force(self, day: str) -> bool:
        if day < self.start or (self.end is not None and day > self.end):
            return False
        if self.kind == "no-running-until":
            return day < str(self.value)
        return True

    def errors(self) -> dict[str, str]:
        errs: dict[str, str] = {}
        if self.kind not in RULE_KINDS:
            errs["kind"] = f"a rule is one of {', '.join(RULE_KINDS)}"
        if self.kind == "no-running-until":
            if _date_problem(self.value, "until", dt.date.max):
                errs["value"] = f"'{self.value}' is not a date (YYYY-MM-DD)"
            elif str(self.value) <= self.start:
                errs["value"] = (
                    f"'no running until {self.value}' is not after the appointment ({self.start})"
                )
        elif self.kind == "max-distance-per-run":
            if not _positive(self.value) or float(self.value) > 300_000:  # type: ignore[arg-type]
                errs["value"] = "the longest run allowed is more than 0 and at most 300 km"
        elif self.kind == "max-runs-per-week":
            if not (isinstance(self.value, int) and 1 <= self.value <= 14):
                errs["value"] = "runs a week: a whole number from 1 to 14"
        return errs

    def describe(self, units: str = "km") -> str:
        """The rule in plain words, e.g. ``no running until 2026-12-12``."""
        from backjournal.domain.parse import format_distance

        if self.kind == "no-running-until":
            return f"no running until {self.value}"
        if self.kind == "max-distance-per-run":
            return f"at most {format_distance(float(self.value or 0), units)} per run"
        if self.kind == "max-runs-per-week":
            return f"at most {self.value} runs a week"
        return "no runs on consecutive days"


def _positive(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


_UNTIL = re.compile(r"no (?:running|runs?) (?:until|before) (.+)", re.I)
_MAX_DISTANCE = re.compile(r"(?:at most|max(?:imum)?|no more than|up to) (\S+) per run", re.I)
_MAX_RUNS = re.compile(
    r"(?:at most|max(?:imum)?|no more than|up to) (\d+) runs? (?:a|per) week", re.I
)
_CONSECUTIVE = re.compile(r"no (?:runs?|running) (?:on )?(?:consecutive|back-to-back) days", re.I)


def parse_instruction(text: str, appointment_date: str, units: str, read_date) -> PlanRule | None:
    """The rule an instruction states, or None when the journal does not understand it (it is
    then kept as the user's words only). Raises InvalidValue for an instruction it understands
    whose value is wrong (a date in the past of the appointment, a distance of 'far').

    ``read_date`` reads a date as the user types it (ISO, ``today``, ``-3``...).
    """
    said = text.strip().rstrip(".")
    if match := _UNTIL.fullmatch(said):
        until = read_date(match.group(1).strip())
        rule = PlanRule("no-running-until", appointment_date, until.isoformat(), said)
    elif match := _MAX_DISTANCE.fullmatch(said):
        rule = PlanRule(
            "max-distance-per-run", appointment_date, parse_distance(match.group(1), units), said
        )
    elif match := _MAX_RUNS.fullmatch(said):
        rule = PlanRule("max-runs-per-week", appointment_date, int(match.group(1)), said)
    elif _CONSECUTIVE.fullmatch(said):
        rule = PlanRule("no-consecutive-days", appointment_date, None, said)
    else:
        return None
    problems = rule.errors()
    if problems:
        raise InvalidValue(next(iter(problems.values())))
    return rule


@dataclass(frozen=True)
class PlanCheck:
    """What the plan in force says about running on a day: ``level`` is ``red`` (do not run),
    ``amber`` (a run would pass a limit) or ``info`` (a limit to keep to)."""

    level: str
    what: str  # the sentence without its source ("No running until 2026-12-01")
    rule: PlanRule

    @property
    def text(self) -> str:
        """The sentence with its source, as the plan's panel shows it."""
        return f"{self.what} (your clinician's plan)"


def plan_checks(
    rules: list[PlanRule],
    day: str,
    run_dates: list[str],
    week_start_day: str,
    units: str = "km",
    past: str | None = None,
) -> list[PlanCheck]:
    """The plan's word on running on ``day``, given the dates of the runs before it (one entry
    per run) and the first day of ``day``'s week. Red while "no running" is in force; amber when
    a run today would pass a limit (runs this week, consecutive days); the per-run distance is
    shown as the limit to keep to. ``past`` is ``day``'s label when it is a past day: the
    sentences then speak of that day ("that week", "the day before"), not of today."""
    out: list[PlanCheck] = []
    yesterday = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    for rule in rules:
        if not rule.in_force(day):
            continue
        if rule.kind == "no-running-until":
            text = f"No running until {rule.value}"
            out.append(PlanCheck("red", text, rule))
        elif rule.kind == "max-runs-per-week":
            done = sum(week_start_day <= d < day for d in run_dates)
            if done >= int(rule.value or 0):
                text = (
                    f"{done} runs that week before {past}: at most {rule.value} a week"
                    if past
                    else f"{done} runs this week already: at most {rule.value} a week"
                )
                out.append(PlanCheck("amber", text, rule))
        elif rule.kind == "no-consecutive-days":
            if yesterday in run_dates:
                text = (
                    f"A run the day before {past}: no runs on consecutive days"
                    if past
                    else "You ran yesterday: no runs on consecutive days"
                )
                out.append(PlanCheck("amber", text, rule))
        elif rule.kind == "max-distance-per-run":
            text = f"Keep to {rule.describe(units)}"
            out.append(PlanCheck("info", text, rule))
    return out


# --- flare-ups ----------------------------------------------------------------------------------


@dataclass
class FlareUp:
    """An episode of worse pain, from ``start`` until ``end`` (open while None)."""

    start: str
    end: str | None = None
    note: str = ""
    id: int | None = None

    def errors(self, today: dt.date) -> dict[str, str]:
        errs: dict[str, str] = {}
        problem = _date_problem(self.start, "the start", today)
        if problem:
            errs["start"] = problem
        if self.end is not None:
            problem = _date_problem(self.end, "the end", today)
            if problem:
                errs["end"] = problem
            elif "start" not in errs and self.end < self.start:
                errs["end"] = f"the flare-up ends ({self.end}) before it starts ({self.start})"
        problem = _text_problem(self.note, "the note")
        if problem:
            errs["note"] = problem
        return errs


def waking_baseline(waking: dict[str, int], day: str) -> float | None:
    """CLINICAL.md's baseline: the median waking score of the 7 days before ``day``, when at
    least 3 of them have one; otherwise None (unknown)."""
    end = dt.date.fromisoformat(day)
    scores = [
        waking[d]
        for i in range(1, BASELINE_DAYS + 1)
        if (d := (end - dt.timedelta(days=i)).isoformat()) in waking
    ]
    return statistics.median(scores) if len(scores) >= BASELINE_MIN_SCORES else None


def flare_prompt(waking: dict[str, int], day: str) -> bool:
    """Whether to ask "Is this a flare-up?" on ``day``: waking pain (the worse of back and leg)
    2 or more above the baseline on ``day`` and the day before, each against its own baseline."""
    current = dt.date.fromisoformat(day)
    for back in range(FLARE_DAYS):
        d = (current - dt.timedelta(days=back)).isoformat()
        base = waking_baseline(waking, d)
        if d not in waking or base is None or waking[d] < base + FLARE_RISE:
            return False
    return True


def settled_prompt(waking: dict[str, int], flare: FlareUp, day: str) -> bool:
    """Whether to offer to close an open flare-up on ``day``: the last 3 days' waking pain all
    at or below the baseline from before the flare-up began."""
    if flare.end is not None:
        return False
    base = waking_baseline(waking, flare.start)
    if base is None:
        return False
    current = dt.date.fromisoformat(day)
    days = [(current - dt.timedelta(days=i)).isoformat() for i in range(FLARE_SETTLED_DAYS)]
    if days[-1] <= flare.start:
        return False
    return all(d in waking and waking[d] <= base for d in days)


# --- PSFS and factors ---------------------------------------------------------------------------


def psfs_items_problem(names: list[str]) -> str | None:
    """What is wrong with the list of PSFS activities (3-5 different names), or None."""
    if not PSFS_MIN_ITEMS <= len(names) <= PSFS_MAX_ITEMS:
        return (
            f"name {PSFS_MIN_ITEMS} to {PSFS_MAX_ITEMS} activities that are hard because of your "
            f"back, not {len(names)}"
        )
    seen: set[str] = set()
    for name in names:
        problem = _name_problem(name, "an activity")
        if problem:
            return problem
        if name.casefold() in seen:
            return f"'{name}' is named twice"
        seen.add(name.casefold())
    return None


def psfs_score(ratings: list[int]) -> float:
    """The PSFS score (Stratford 1995): the mean of the ratings, each 0 (unable) to 10."""
    for rating in ratings:
        if not (isinstance(rating, int) and not isinstance(rating, bool) and 0 <= rating <= 10):
            raise InvalidValue(f"a PSFS rating is 0 (unable) to 10 (as before), not {rating!r}")
    if not PSFS_MIN_ITEMS <= len(ratings) <= PSFS_MAX_ITEMS:
        raise InvalidValue(f"rate each of the {PSFS_MIN_ITEMS}-{PSFS_MAX_ITEMS} activities")
    return sum(ratings) / len(ratings)


# Abbott & Schmitt, JOSPT 2014: a change of 2 in the mean (3 for one activity) is meaningful.
PSFS_MEANINGFUL_MEAN = 2.0
PSFS_MEANINGFUL_ITEM = 3


def psfs_change(first: float, latest: float) -> str:
    """``+2.3 since the first (a meaningful change: 2 or more)`` or ``... (less than 2)``."""
    change = latest - first
    verdict = (
        "a meaningful change: 2 or more"
        if abs(change) >= PSFS_MEANINGFUL_MEAN
        else "less than the 2 points that count as meaningful"
    )
    return f"{change:+.1f} since the first ({verdict}; Abbott & Schmitt 2014)"


@dataclass
class Factor:
    """One of the user's own daily factors: yes/no ("long drive") or 0-10 ("stress")."""

    name: str
    kind: str = "yes-no"
    id: int | None = None
    retired: bool = False

    def errors(self) -> dict[str, str]:
        errs: dict[str, str] = {}
        problem = _name_problem(self.name, "a factor", limit=40)
        if problem:
            errs["name"] = problem
        if self.kind not in FACTOR_KINDS:
            errs["kind"] = f"a factor is {' or '.join(FACTOR_KINDS)}"
        return errs

    def value_problem(self, value: object) -> str | None:
        high = 1 if self.kind == "yes-no" else 10
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= high:
            return None
        if self.kind == "yes-no":
            return f"'{self.name}' is yes or no"
        return f"'{self.name}' is 0 to 10, not {value!r}"


def factors_problem(factors: list[Factor]) -> str | None:
    """At most 10 factors in use, each named once (whatever the case)."""
    active = [f for f in factors if not f.retired]
    if len(active) > MAX_FACTORS:
        return f"at most {MAX_FACTORS} factors; retire one first"
    seen: set[str] = set()
    for factor in factors:
        key = factor.name.casefold() if isinstance(factor.name, str) else ""
        if key in seen:
            return f"a factor called '{factor.name}' exists already"
        seen.add(key)
    return None


@dataclass
class ClinicalDay:
    """What the clinical record holds for one day (Today shows it)."""

    treatments: list[Treatment] = field(default_factory=list)  # courses running that day
    doses: list[tuple[str, str]] = field(default_factory=list)  # (name, dose) taken that day
    rules: list[PlanRule] = field(default_factory=list)  # the plan in force
    flare: FlareUp | None = None  # the flare-up open on that day
    next_appointment: str | None = None
