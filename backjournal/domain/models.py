"""The journal's domain objects and the one validation that every write goes through.

A :class:`DayEntry` is everything recorded for one date: pain scores, stiffness, sleep, a note and
its runs. A rest day is a full entry with no run. Distances are metres, durations seconds, dates
ISO text; units are converted only at the edges (parse/format).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields

from backjournal.domain.activity import Activity
from backjournal.domain.flags import RED_FLAG_FIELDS
from backjournal.domain.parse import InvalidValue, check_score, format_distance
from backjournal.domain.symptoms import Mark
from backjournal.domain.values import (
    EARLIEST_DATE,
    LOAD_MODES,
    MAX_DAY_DISTANCE_M,
    MAX_RUN_DURATION_S,
    MAX_SHOE_LIMIT_M,
    MAX_SHOE_NAME,
    PAIN_FIELDS,
    RUN_TYPES,
    SHOE_WARNING_SHARE,
    SURFACES,
    UNITS,
    WEEKDAYS,
)


class ValidationError(ValueError):
    """One or more fields are invalid; ``errors`` maps each field name to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


@dataclass
class Run:
    """One run. ``distance_m`` in metres, ``duration_s`` in seconds (``None`` if not timed)."""

    distance_m: float
    duration_s: int | None = None
    type: str = "easy"
    surface: str = "road"
    notes: str = ""
    shoe_id: int | None = None
    id: int | None = None
    # How hard the run felt, CR-10 (0 rest to 10 maximal), asked after the run (Foster 2001).
    effort: int | None = None

    def errors(self, prefix: str = "run") -> dict[str, str]:
        """What is wrong with this run, by field name (empty when it can be stored)."""
        errs: dict[str, str] = {}
        # Types are checked too (found by the hostile-input tests): a wrong type must be named
        # here, not raise a TypeError below or be refused by SQLite with a journal error.
        if not _is_number(self.distance_m) or self.distance_m != self.distance_m:
            errs[f"{prefix}.distance"] = "distance must be a number"
        elif self.distance_m < 0:
            errs[f"{prefix}.distance"] = "distance cannot be negative"
        elif self.distance_m > MAX_DAY_DISTANCE_M:
            errs[f"{prefix}.distance"] = "distance is more than 300 km"
        if self.duration_s is not None and not (
            _is_number(self.duration_s, whole=True) and 0 < self.duration_s <= MAX_RUN_DURATION_S
        ):
            errs[f"{prefix}.duration"] = "duration must be whole seconds, from 1 s to 48 hours"
        if self.type not in RUN_TYPES:
            errs[f"{prefix}.type"] = f"type must be one of {', '.join(RUN_TYPES)}"
        if self.surface not in SURFACES:
            errs[f"{prefix}.surface"] = f"surface must be one of {', '.join(SURFACES)}"
        _check_text(errs, f"{prefix}.notes", self.notes, "the run's note")
        if self.effort is not None and not (
            _is_number(self.effort, whole=True) and 0 <= self.effort <= 10
        ):
            errs[f"{prefix}.effort"] = f"effort is 0 to 10 (CR-10), not {self.effort!r}"
        return errs


@dataclass
class DayEntry:
    """Everything recorded for one date. Pain scores are NRS-11 integers or ``None``."""

    date: str
    back_wake: int | None = None
    leg_wake: int | None = None
    back_before: int | None = None
    leg_before: int | None = None
    back_during: int | None = None
    leg_during: int | None = None
    back_after: int | None = None
    leg_after: int | None = None
    stiffness: int | None = None
    sleep: int | None = None
    note: str = ""
    runs: list[Run] = field(default_factory=list)
    # The daily red-flag check (domain/flags.py): True yes, False no, None not answered.
    rf_saddle: bool | None = None
    rf_bladder: bool | None = None
    rf_sexual: bool | None = None
    rf_weakness_worse: bool | None = None
    rf_weakness: bool | None = None
    rf_fever: bool | None = None
    rf_night: bool | None = None
    rf_thoracic: bool | None = None
    rf_trauma: bool | None = None
    # The body map: None leaves the day's stored marks as they are; a list replaces them. Not
    # part of equality: None ("untouched") and [] ("none") describe the same stored day.
    marks: list[Mark] | None = field(default=None, compare=False)
    # Other activity (walks, rides, swims...): None leaves the day's stored activities as they
    # are (a face that does not show them cannot delete them); a list replaces them.
    activities: list[Activity] | None = field(default=None, compare=False)

    @property
    def distance_m(self) -> float:
        """Total distance run on this day, in metres."""
        return sum(r.distance_m for r in self.runs)

    def checks(self) -> dict[str, bool | None]:
        """The red-flag check answers by field name (``rf_saddle`` ... ``rf_trauma``)."""
        return {name: getattr(self, name) for name in RED_FLAG_FIELDS}

    def pain(self) -> dict[str, int | None]:
        """The eight pain scores by field name (``back_wake`` ... ``leg_after``)."""
        return {name: getattr(self, name) for name in PAIN_FIELDS}

    def validate(self, today: dt.date) -> None:
        """Raise :class:`ValidationError` naming every invalid field; return if all is well."""
        errs: dict[str, str] = {}
        date_problem = check_date(self.date, today)
        if date_problem:
            errs["date"] = date_problem
        for name, low, high, what in _SCORES:
            value = getattr(self, name)
            # Most scores are unset or plainly in range: passed over without a call (an import
            # checks ten years of them); anything else gets check_score's message.
            if value is not None and not (type(value) is int and low <= value <= high):
                _collect(errs, name, value, low, high, what=what)
        _check_text(errs, "note", self.note, "the note")
        for i, run in enumerate(self.runs):
            errs.update(run.errors(prefix=f"runs.{i}"))
        for i, activity in enumerate(self.activities or ()):
            if not isinstance(activity, Activity):
                errs[f"activities.{i}"] = "not an activity"
                continue
            errs.update(activity.errors(prefix=f"activities.{i}"))
        for name in RED_FLAG_FIELDS:
            if getattr(self, name) not in (None, True, False):
                errs[name] = f"{name} must be yes, no or not answered"
        if self.marks is not None:
            seen: set[str] = set()
            for mark in self.marks:
                for problem in mark.errors():
                    errs[f"marks.{mark.region}"] = problem
                if not isinstance(mark.region, str):
                    continue  # named by mark.errors(); an unhashable region cannot go in `seen`
                if mark.region in seen:
                    errs[f"marks.{mark.region}"] = f"{mark.region} is marked twice"
                seen.add(mark.region)
        # The total only when every run's distance is a number (else sum() raises TypeError).
        if (
            self.runs
            and not any(key.startswith("runs.") for key in errs)
            and self.distance_m > MAX_DAY_DISTANCE_M
        ):
            errs["distance"] = "the day's runs add up to more than 300 km"
        if errs:
            raise ValidationError(errs)

    def is_empty(self) -> bool:
        """True when nothing at all is recorded (no score, no note, no run, no activity)."""
        return (
            not self.runs
            and not self.note.strip()
            and not self.marks
            and not self.activities
            and all(
                getattr(self, f.name) is None
                for f in fields(self)
                if f.name not in ("date", "note", "runs", "marks", "activities")
            )
        )


def _is_number(value: object, whole: bool = False) -> bool:
    """An int (or, unless ``whole``, a float), and not a bool (which Python counts as an int)."""
    kinds = int if whole else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool)


def _check_text(errs: dict[str, str], name: str, value: object, what: str) -> None:
    """Refuse a value that is not text that can be stored (SQLite stores UTF-8).

    Invalid bytes in argv reach Python as lone surrogates ("\udcff"), which cannot be encoded.
    """
    if not isinstance(value, str):
        errs[name] = f"{what} must be text"
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        errs[name] = f"{what} holds bytes that are not text (not UTF-8)"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_date(date: object, today: dt.date) -> str | None:
    """What is wrong with a day's date (an ISO ``YYYY-MM-DD`` text, not after ``today``), or
    None. Runs and days share it, in every face and in imports."""
    try:
        if not isinstance(date, str) or not _ISO_DATE.fullmatch(date):
            raise ValueError(date)
        day = dt.date.fromisoformat(date)
    except ValueError:
        return f"'{date}' is not a date (YYYY-MM-DD)"
    if day > today:
        return f"{date} is in the future; today is {today.isoformat()}"
    if date < EARLIEST_DATE:  # the same limit as parse_date (issue #7's hostile-input tests)
        return f"{date} is before {EARLIEST_DATE}"
    return None


# Each score of a day: its field, its range, and the word its messages use.
_SCORES: tuple[tuple[str, int, int, str], ...] = (
    *((name, 0, 10, "pain") for name in PAIN_FIELDS),
    ("stiffness", 0, 10, "stiffness"),
    ("sleep", 1, 5, "sleep quality"),
)


def _collect(
    errs: dict[str, str], name: str, value: object, low: int, high: int, what: str
) -> None:
    """Put check_score's message for a score that is not plainly in range into ``errs``."""
    try:
        check_score(value, low=low, high=high, what=what)
    except InvalidValue as exc:
        errs[name] = exc.message


@dataclass(frozen=True)
class DaySummary:
    """One History row: a day with its totals (what the table shows, nothing more)."""

    date: str
    distance_m: float
    runs: int
    back: int | None  # the day's worst back pain
    leg: int | None  # the day's worst leg pain
    note: str
    flags: int = 0  # red flags recorded for the day
    odi: float | None = None  # the day's Oswestry score, if one was taken
    stiffness: int | None = None  # morning stiffness 0-10
    sleep: int | None = None  # sleep quality 1-5
    active_s: int = 0  # timed runs plus other activity, in seconds
    activities: int = 0  # walks, rides, swims... (not runs)
    # (scheduled, done) exercises of the programme in force; None when not read (History reads
    # it for a wide terminal only)
    exercises: tuple[int, int] | None = None


@dataclass(frozen=True)
class Settings:
    """User preferences stored in the journal: display units, first day of the week, theme, and
    the load the ratios and ramps use (``distance``, the default, or ``srpe``: effort x minutes,
    see :mod:`backjournal.domain.load`)."""

    units: str = "km"
    week_start: str = "monday"
    theme: str = "textual-dark"
    load: str = "distance"

    def errors(self) -> dict[str, str]:
        """What is wrong with these settings, by key (empty when they can be stored)."""
        errs = {}
        if self.units not in UNITS:
            errs["units"] = f"units must be one of {', '.join(UNITS)}"
        if self.week_start not in WEEKDAYS:
            errs["week_start"] = f"week start must be one of {', '.join(WEEKDAYS)}"
        if self.load not in LOAD_MODES:
            errs["load"] = "load must be distance or srpe (effort x minutes)"
        if not self.theme:
            errs["theme"] = "a theme is needed"
        else:
            _check_text(errs, "theme", self.theme, "the theme")
        return errs


@dataclass
class Shoe:
    """A pair of shoes: a name, the distance at which to retire them (optional), whether they
    are retired, and (when read from the journal) the distance and runs done in them."""

    name: str
    limit_m: float | None = None
    retired: bool = False
    id: int | None = None
    distance_m: float = 0.0
    runs: int = 0

    def errors(self) -> dict[str, str]:
        """What is wrong with this shoe, by field name (empty when it can be stored)."""
        errs: dict[str, str] = {}
        name = self.name if isinstance(self.name, str) else ""
        if not name.strip():
            errs["name"] = "a shoe needs a name"
        elif len(name) > MAX_SHOE_NAME:
            errs["name"] = f"a shoe's name has at most {MAX_SHOE_NAME} characters"
        elif name != name.strip() or any(ch in name for ch in "\r\n\t"):
            errs["name"] = "a shoe's name is one line, without spaces around it"
        else:  # invalid bytes in argv (`shoes add $'\xff'`) made a traceback (issue #7)
            _check_text(errs, "name", name, "a shoe's name")
        if self.limit_m is not None and (
            not _is_number(self.limit_m) or not 0 < self.limit_m <= MAX_SHOE_LIMIT_M
        ):
            errs["limit"] = "the retirement distance must be more than 0 and at most 5,000 km"
        return errs

    def share_used(self) -> float | None:
        """How much of the retirement distance is run (1.0 = all of it), or None without one."""
        return self.distance_m / self.limit_m if self.limit_m else None

    def wear_warning(self, units: str) -> str | None:
        """A sentence when the shoe nears (90 %) or passes its retirement distance, else None."""
        share = self.share_used()
        if share is None or share < SHOE_WARNING_SHARE or self.retired:
            return None
        run = format_distance(self.distance_m, units)
        limit = format_distance(self.limit_m or 0, units)
        if share >= 1:
            return f"{self.name} has run {run}, past its retirement distance of {limit}"
        return f"{self.name} has run {run} of its {limit}: time to think about new shoes"
