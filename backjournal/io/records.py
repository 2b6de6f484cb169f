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

from backjournal.domain.models import DayEntry, Run, Settings, ValidationError
from backjournal.domain.parse import InvalidValue, parse_score
from backjournal.domain.values import MAX_DAY_DISTANCE_M, PAIN_FIELDS
from backjournal.io.csv_export import unneutralise
from backjournal.io.tables import Column, Table

_INTEGER = re.compile(r"[+-]?\d{1,18}")


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
    return partial(parse_score, low=low, high=high, what=what)


# Cells read with the same parser as the screen that types them (same words in the message).
CELL_PARSERS: dict[str, dict[str, Callable[[str], object]]] = {
    "day": {
        **{name: _pain() for name in PAIN_FIELDS},
        "stiffness": _pain("stiffness"),
        "sleep": _pain("sleep quality", 1, 5),
    },
}


def from_text(table: str, column: Column, text: str, *, raw: bool = False) -> object:
    """The value of a CSV cell. Empty is NULL (the empty text in a text column that cannot be
    NULL). Raises :class:`InvalidValue`."""
    parser = CELL_PARSERS.get(table, {}).get(column.name)
    if parser is not None:
        return parser(text)
    if column.is_text or column.affinity == "BLOB":
        if text == "":
            return "" if column.notnull else None
        return text if raw else unneutralise(text)
    if text == "":
        return None
    if column.affinity == "INTEGER":
        if not _INTEGER.fullmatch(text):
            raise InvalidValue(f"'{_short(text)}' is not a whole number")
        return int(text)
    try:
        number = float(text) if column.affinity == "REAL" or not _INTEGER.fullmatch(text) else None
    except ValueError:
        raise InvalidValue(f"'{_short(text)}' is not a number") from None
    if number is None:
        return int(text)
    if not math.isfinite(number):
        raise InvalidValue(f"'{_short(text)}' is not a number")
    return number


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
_DAY_FIELDS = tuple(f.name for f in fields(DayEntry) if f.name != "runs")


def check_day(values: dict[str, object], today: dt.date) -> dict[str, str]:
    """A day's problems by column: :meth:`DayEntry.validate`, as the Today screen saves."""
    given = {k: values[k] for k in _DAY_FIELDS if values.get(k) is not None}
    given.setdefault("date", "")
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
    date_problem = check_day({"date": values.get("date")}, today).get("date")
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
    )
    for key, message in run.errors(prefix="run").items():
        errs[_RUN_ERROR_COLUMNS.get(key, key)] = message
    return errs


_SETTING_KEYS = {f.name for f in fields(Settings)}


def check_setting(values: dict[str, object], today: dt.date) -> dict[str, str]:
    """A known setting must hold a value the Settings screen could choose."""
    key, value = values.get("key"), values.get("value")
    if key in _SETTING_KEYS:
        message = Settings(**{key: value}).errors().get(key)  # type: ignore[arg-type]
        if message:
            return {"value": message}
    return {}


# Later issues register the checker of their tables here (symptoms, exercises, shoes...).
CHECKERS: dict[str, Checker] = {"day": check_day, "run": check_run, "setting": check_setting}


def check_record(table: Table, values: dict[str, object], today: dt.date) -> list[str]:
    """Every problem of one row, as "column: message" texts (empty when it can be stored)."""
    found: dict[str, str] = {}
    for column in table.columns:
        if column.name not in values:
            continue
        value = values[column.name]
        if value is None and column.notnull and column.name != table.row_id:
            found[column.name] = "a value is needed"
        elif column.name.endswith("_at") and isinstance(value, str):
            try:
                dt.datetime.fromisoformat(value)
            except ValueError:
                found[column.name] = f"'{_short(value)}' is not an ISO date and time"
    checker = CHECKERS.get(table.name)
    if checker is not None:
        for name, message in checker(values, today).items():
            found.setdefault(name, message)
    order = {name: i for i, name in enumerate(table.names)}
    return [f"{k}: {v}" for k, v in sorted(found.items(), key=lambda kv: order.get(kv[0], 99))]


def check_across(data: TableData) -> None:
    """Checks between the rows of one file: a natural key given twice, a day whose runs add up to
    more than the most a day can hold. Offending rows are moved to the problems."""
    table = data.table
    first_line: dict[tuple, int] = {}
    kept: list[Record] = []
    day_metres: dict[object, float] = {}
    first_id: dict[object, int] = {}
    for record in data.records:
        key = table.key_of(record.values)
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
