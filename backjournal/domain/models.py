"""The journal's domain objects and the one validation that every write goes through.

A :class:`DayEntry` is everything recorded for one date: pain scores, stiffness, sleep, a note and
its runs. A rest day is a full entry with no run. Distances are metres, durations seconds, dates
ISO text; units are converted only at the edges (parse/format).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from backjournal.domain.parse import InvalidValue, check_score
from backjournal.domain.values import (
    EARLIEST_DATE,
    MAX_DAY_DISTANCE_M,
    MAX_RUN_DURATION_S,
    PAIN_FIELDS,
    RUN_TYPES,
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
    id: int | None = None

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

    @property
    def distance_m(self) -> float:
        """Total distance run on this day, in metres."""
        return sum(r.distance_m for r in self.runs)

    def pain(self) -> dict[str, int | None]:
        """The eight pain scores by field name (``back_wake`` ... ``leg_after``)."""
        return {name: getattr(self, name) for name in PAIN_FIELDS}

    def validate(self, today: dt.date) -> None:
        """Raise :class:`ValidationError` naming every invalid field; return if all is well."""
        errs: dict[str, str] = {}
        try:
            day = dt.date.fromisoformat(self.date)
            # Python 3.11 also reads 20261120 and 2026-W47-3: only YYYY-MM-DD is a stored date.
            if day.isoformat() != self.date:
                raise ValueError(self.date)
        except (TypeError, ValueError):
            errs["date"] = f"{self.date!r} is not a date (YYYY-MM-DD)"
        else:
            if day > today:
                errs["date"] = f"{self.date} is in the future; today is {today.isoformat()}"
            elif self.date < EARLIEST_DATE:  # the same limit as parse_date
                errs["date"] = f"{self.date} is before {EARLIEST_DATE}"
        for name in PAIN_FIELDS:
            _collect(errs, name, getattr(self, name), what="pain")
        _collect(errs, "stiffness", self.stiffness, what="stiffness")
        _collect(errs, "sleep", self.sleep, low=1, high=5, what="sleep quality")
        _check_text(errs, "note", self.note, "the note")
        for i, run in enumerate(self.runs):
            errs.update(run.errors(prefix=f"runs.{i}"))
        if not any(key.startswith("runs.") for key in errs) and (
            self.distance_m > MAX_DAY_DISTANCE_M
        ):
            errs["distance"] = "the day's runs add up to more than 300 km"
        if errs:
            raise ValidationError(errs)

    def is_empty(self) -> bool:
        """True when nothing at all is recorded (no score, no note, no run)."""
        return (
            not self.runs
            and not self.note.strip()
            and all(
                getattr(self, f.name) is None
                for f in fields(self)
                if f.name not in ("date", "note", "runs")
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


def _collect(errs: dict[str, str], name: str, value: int | None, **limits) -> None:
    try:
        check_score(value, **limits)
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


@dataclass(frozen=True)
class Settings:
    """User preferences stored in the journal: display units, first day of the week, theme."""

    units: str = "km"
    week_start: str = "monday"
    theme: str = "textual-dark"

    def errors(self) -> dict[str, str]:
        """What is wrong with these settings, by key (empty when they can be stored)."""
        errs = {}
        if self.units not in UNITS:
            errs["units"] = f"units must be one of {', '.join(UNITS)}"
        if self.week_start not in WEEKDAYS:
            errs["week_start"] = f"week start must be one of {', '.join(WEEKDAYS)}"
        if not self.theme:
            errs["theme"] = "a theme is needed"
        else:
            _check_text(errs, "theme", self.theme, "the theme")
        return errs
