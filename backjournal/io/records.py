"""Rows coming back into the journal (from CSV or JSON): read each value, check each row with the
domain's own rules, and name every problem by file and line.

The rules are the ones the Today screen and ``backjournal log`` apply: pain and sleep scores go
through :func:`parse_score` and :meth:`DayEntry.validate`, runs through :meth:`Run.errors`, the
settings through :meth:`Settings.errors`. A table that a later migration adds is read by its
column types (whole numbers, numbers, text) until it registers a checker in :data:`CHECKERS`.
Pure Python: the store writes what this module accepts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import partial

from backjournal.domain import clinical
from backjournal.domain.activity import Activity
from backjournal.domain.models import (
    DayEntry,
    Run,
    Settings,
    Shoe,
    ValidationError,
    check_date,
)
from backjournal.domain.parse import InvalidValue, parse_score
from backjournal.domain.values import MAX_DAY_DISTANCE_M, PAIN_FIELDS
from backjournal.io.csv_export import unneutralise
from backjournal.io.tables import Column, Table

_INTEGER = re.compile(r"[+-]?\d{1,19}")


class FileRefused(ValueError):
    """A whole file cannot be used (not ours, from a newer version, unreadable): the message says
    why in one line."""


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file: where (``line`` 0 for the whole file) and why."""

    source: str  # "day.csv", or "journal.json: day"
    line: int  # the line of a CSV row, the number of a JSON record (from 1)
    message: str
    unit: str = "line"

    def __str__(self) -> str:
        where = f"{self.source} {self.unit} {self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class Record:
    """One row read from a file: where it was, and its values by column (None is NULL)."""

    line: int
    values: dict[str, object]
    key: tuple | None = None  # its natural key (Table.key_of), once check_across has run


@dataclass
class TableData:
    """What a file brought for one table: the good records, and a problem per bad line.

    ``unreadable`` is set when the file as a whole cannot be read (empty, wrong header, not
    UTF-8...): then it brings no record at all.
    """

    table: Table
    source: str
    columns: tuple[str, ...] = ()  # the columns the file gives, in table order
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False

    unit: str = "line"  # how problems name a row: "line" (CSV) or "record" (JSON)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message, self.unit))

    def refuse(self, message: str, line: int = 0) -> TableData:
        """Give up on the whole file, for ``message``."""
        self.problem(line, message)
        self.records = []
        self.unreadable = True
        return self


# --- values --------------------------------------------------------------------------------------


def _pain(what: str = "pain", low: int = 0, high: int = 10) -> Callable[[str], int | None]:
    """:func:`parse_score` for one kind of score. The valid digits are looked up first (ten
    years of cells are mostly these); anything else goes through parse_score and its message."""
    parse = partial(parse_score, low=low, high=high, what=what)
    valid: dict[str, int | None] = {str(i): i for i in range(low, high + 1)}
    valid[""] = None

    def read(text: str) -> int | None:
        return valid[text] if text in valid else parse(text)

    return read


# Cells read with the same parser as the screen that types them (same words in the message).
CELL_PARSERS: dict[str, dict[str, Callable[[str], object]]] = {
    "day": {
        **{name: _pain() for name in PAIN_FIELDS},
        "stiffness": _pain("stiffness"),
        "sleep": _pain("sleep quality", 1, 5),
    },
}


def cell_reader(table: str, column: Column, *, raw: bool = False) -> Callable[[str], object]:
    """The function that reads a CSV cell of ``column`` (made once per file: reading ten years
    of cells is the import's main cost). Empty is NULL, or the empty text in a text column that
    cannot be NULL. The function raises :class:`InvalidValue`."""
    parser = CELL_PARSERS.get(table, {}).get(column.name)
    if parser is not None:
        return parser
    if column.is_text or column.affinity == "BLOB":
        empty = "" if column.notnull else None
        if raw:
            return lambda text: text if text else empty
        return lambda text: (unneutralise(text) if text[0] in "'" else text) if text else empty
    if column.affinity == "INTEGER":
        return _read_integer
    if column.affinity == "REAL":
        return _read_real
    return _read_numeric


def from_text(table: str, column: Column, text: str, *, raw: bool = False) -> object:
    """The value of one CSV cell (see :func:`cell_reader`)."""
    return cell_reader(table, column, raw=raw)(text)


def _read_integer(text: str) -> int | None:
    if not text:
        return None
    if not _INTEGER.fullmatch(text):
        raise InvalidValue(f"'{_short(text)}' is not a whole number")
    return int(text)


def _read_real(text: str) -> float | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise InvalidValue(f"'{_short(text)}' is not a number") from None
    if not math.isfinite(number) or "_" in text:
        raise InvalidValue(f"'{_short(text)}' is not a number")
    return number


def _read_numeric(text: str) -> float | int | None:
    if text and _INTEGER.fullmatch(text):
        return int(text)
    return _read_real(text)


def from_json(column: Column, value: object) -> object:
    """The value of a JSON field, checked against the column's type. Raises InvalidValue."""
    if value is None:
        return None
    if column.is_text:
        if not isinstance(value, str):
            raise InvalidValue(f"expected text, not {_short(repr(value))}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidValue(f"expected a number, not {_short(repr(value))}")
    if column.affinity == "INTEGER":
        if isinstance(value, float) and not value.is_integer():
            raise InvalidValue(f"expected a whole number, not {value!r}")
        return int(value)
    if column.affinity == "REAL":
        return float(value)
    return value


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- rows ----------------------------------------------------------------------------------------

Checker = Callable[[dict[str, object], dt.date], dict[str, str]]
_DAY_FIELDS = frozenset(f.name for f in fields(DayEntry) if f.name != "runs")


def check_day(values: dict[str, object], today: dt.date) -> dict[str, str]:
    """A day's problems by column: :meth:`DayEntry.validate`, as the Today screen saves."""
    # Only the day's columns that the file gives: a field that is not a column (the body map's
    # marks, say) keeps its default, and so does a column an older file lacks.
    given = {k: v for k, v in values.items() if v is not None and k in _DAY_FIELDS}
    given["date"] = values.get("date")
    entry = DayEntry(**given)  # type: ignore[arg-type]
    try:
        entry.validate(today)
    except ValidationError as exc:
        return dict(exc.errors)
    return {}


_RUN_ERROR_COLUMNS = {
    "run.distance": "distance_m",
    "run.duration": "duration_s",
    "run.type": "type",
    "run.surface": "surface",
}


def check_run(values: dict[str, object], today: dt.date) -> dict[str, str]:
    """A run's problems by column: its date as a day's, then :meth:`Run.errors`."""
    errs: dict[str, str] = {}
    date_problem = check_date(values.get("date"), today)
    if date_problem:
        errs["date"] = date_problem
    seq = values.get("seq")
    if isinstance(seq, int) and seq < 0:
        errs["seq"] = "the place in the day cannot be negative"
    run = Run(
        distance_m=values.get("distance_m"),  # type: ignore[arg-type]
        duration_s=values.get("duration_s"),  # type: ignore[arg-type]
        type=values.get("type", "easy"),  # type: ignore[arg-type]
        surface=values.get("surface", "road"),  # type: ignore[arg-type]
        effort=values.get("effort"),  # type: ignore[arg-type]
    )
    for key, message in run.errors(prefix="run").items():
        errs[_RUN_ERROR_COLUMNS.get(key, key)] = message
    return errs


def check_activity(values: dict[str, object], today: dt.date) -> dict[str, str]:
    """Other activity's problems by column: its date as a day's, then :meth:`Activity.errors`."""
    errs: dict[str, str] = {}
    date_problem = check_date(values.get("date"), today)
    if date_problem:
        errs["date"] = date_problem
    activity = Activity(
        sport=values.get("sport"),  # type: ignore[arg-type]
        duration_s=values.get("duration_s"),  # type: ignore[arg-type]
        distance_m=values.get("distance_m"),  # type: ignore[arg-type]
        effort=values.get("effort"),  # type: ignore[arg-type]
        pain_during=values.get("pain_during"),  # type: ignore[arg-type]
        pain_after=values.get("pain_after"),  # type: ignore[arg-type]
        notes=values.get("notes", ""),  # type: ignore[arg-type]
    )
    for key, message in activity.errors(prefix="a").items():
        column = key.removeprefix("a.")
        errs[{"duration": "duration_s", "distance": "distance_m"}.get(column, column)] = message
    return errs


def _clinical_checker(build) -> Checker:
    """A checker of a clinical-record table (issue #17): the row as its domain object, checked
    by that object's own rules (so an import refuses what the shell and Today refuse)."""

    def check(values: dict[str, object], today: dt.date) -> dict[str, str]:
        try:
            record = build(values)
        except (TypeError, ValueError) as exc:
            return {"row": str(exc)}
        try:
            return record.errors(today)
        except TypeError:  # PlanRule and Factor take no date
            return record.errors()

    return check


def _plan_rule(values: dict[str, object]) -> clinical.PlanRule:
    kind = values.get("kind")
    value = values.get("until") if kind == "no-running-until" else values.get("amount")
    if kind == "max-runs-per-week" and isinstance(value, float) and value.is_integer():
        value = int(value)
    return clinical.PlanRule(
        kind=kind,  # type: ignore[arg-type]
        start=values.get("start"),  # type: ignore[arg-type]
        value=value,  # type: ignore[arg-type]
        text=values.get("text", ""),  # type: ignore[arg-type]
        end=values.get("end"),  # type: ignore[arg-type]
    )


def _pick(cls, names: tuple[str, ...]):
    return lambda values: cls(**{n: values.get(n) for n in names if values.get(n) is not None})


_SETTING_KEYS = {f.name for f in fields(Settings)}


def check_setting(values: dict[str, object], today: dt.date) -> dict[str, str]:
    """A known setting must hold a value the Settings screen could choose."""
    key, value = values.get("key"), values.get("value")
    if key in _SETTING_KEYS:
        message = Settings(**{key: value}).errors().get(key)  # type: ignore[arg-type]
        if message:
            return {"value": message}
    return {}


def check_shoe(values: dict[str, object], today: dt.date) -> dict[str, str]:
    """A shoe as ``backjournal shoes add`` would store it: :meth:`Shoe.errors`."""
    shoe = Shoe(name=values.get("name"), limit_m=values.get("limit_m"))  # type: ignore[arg-type]
    errs = {("limit_m" if k == "limit" else k): v for k, v in shoe.errors().items()}
    if values.get("retired", 0) not in (0, 1):
        errs["retired"] = "retired is 0 (in use) or 1 (retired)"
    return errs


# Later issues register the checker of their tables here (symptoms, exercises...).
CHECKERS: dict[str, Checker] = {
    "activity": check_activity,
    "appointment": _clinical_checker(
        _pick(clinical.Appointment, ("date", "who", "said", "instructions", "next_date"))
    ),
    "factor": _clinical_checker(_pick(clinical.Factor, ("name", "kind"))),
    "flare_up": _clinical_checker(_pick(clinical.FlareUp, ("start", "end", "note"))),
    "plan_rule": _clinical_checker(_plan_rule),
    "treatment": _clinical_checker(
        _pick(clinical.Treatment, ("name", "kind", "schedule", "start", "end", "dose", "note"))
    ),
    "day": check_day,
    "run": check_run,
    "setting": check_setting,
    "shoe": check_shoe,
}


class RowChecker:
    """Checks the rows of one table: values every row must have, timestamps that must read as
    ISO 8601, then the table's checker from :data:`CHECKERS` (built once per file)."""

    def __init__(self, table: Table, today: dt.date):
        self.today = today
        self.needed = tuple(c.name for c in table.columns if c.notnull and c.name != table.row_id)
        self.stamps = tuple(c.name for c in table.columns if c.name.endswith("_at"))
        self.checker = CHECKERS.get(table.name)
        self.order = {name: i for i, name in enumerate(table.names)}

    def __call__(self, values: dict[str, object]) -> list[str]:
        """Every problem of one row, as "column: message" texts (empty when it can be stored)."""
        found: dict[str, str] = {}
        for name in self.needed:
            if name in values and values[name] is None:
                found[name] = "a value is needed"
        for name in self.stamps:
            problem = _stamp_problem(values.get(name))
            if problem:
                found[name] = problem
        if self.checker is not None:
            for name, message in self.checker(values, self.today).items():
                found.setdefault(name, message)
        return self._texts(found)

    def after_columns(
        self, columns: dict[str, list[object]]
    ) -> Callable[[dict[str, object]], list[str]] | None:
        """The check each row still needs, given its file's values a column at a time.

        When no needed value is missing in ``columns`` and every timestamp reads (each distinct
        one checked once), only the table's checker is left to run per row (None when it has
        none); else every check (``self``). A file of ten years saves a loop per row this way.
        """
        for name in self.needed:
            if name in columns and None in columns[name]:
                return self
        for name in self.stamps:
            if name in columns and any(map(_stamp_problem, set(columns[name]))):
                return self
        return self._table_rules if self.checker is not None else None

    def _table_rules(self, values: dict[str, object]) -> list[str]:
        return self._texts(self.checker(values, self.today))  # type: ignore[misc]

    def _texts(self, found: dict[str, str]) -> list[str]:
        if not found:
            return []
        ordered = sorted(found.items(), key=lambda kv: self.order.get(kv[0], len(self.order)))
        return [f"{k}: {v}" for k, v in ordered]


def _stamp_problem(value: object) -> str | None:
    """Why a timestamp cell (``..._at``) cannot be stored: text that is not ISO 8601."""
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            return f"'{_short(value)}' is not an ISO date and time"
    return None


def check_record(table: Table, values: dict[str, object], today: dt.date) -> list[str]:
    """Every problem of one row (see :class:`RowChecker`)."""
    return RowChecker(table, today)(values)


def check_across(data: TableData) -> None:
    """Checks between the rows of one file: a natural key given twice, a day whose runs add up to
    more than the most a day can hold. Offending rows are moved to the problems."""
    table = data.table
    first_line: dict[tuple, int] = {}
    kept: list[Record] = []
    day_metres: dict[object, float] = {}
    first_id: dict[object, int] = {}
    for record in data.records:
        key = record.key = table.key_of(record.values)
        if key is not None and key in first_line:
            names = ", ".join(key[0])
            data.problem(record.line, f"the same {names} as line {first_line[key]}")
            continue
        row_id = record.values.get(table.row_id) if table.row_id else None
        if row_id is not None:
            if row_id in first_id:
                data.problem(record.line, f"the same {table.row_id} as line {first_id[row_id]}")
                continue
            first_id[row_id] = record.line
        if table.name == "run" and isinstance(record.values.get("distance_m"), (int, float)):
            date = record.values.get("date")
            metres = float(record.values["distance_m"])  # type: ignore[arg-type]
            total = day_metres.get(date, 0.0) + metres
            if total > MAX_DAY_DISTANCE_M:
                data.problem(record.line, f"the runs of {date} add up to more than 300 km")
                continue
            day_metres[date] = total
        if key is not None:
            first_line[key] = record.line
        kept.append(record)
    data.records = kept
