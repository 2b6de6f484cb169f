"""The JSON export: the whole journal in one documented file (docs/json-format.md).

``dump`` turns tables of rows into the text, one record per line so that the file reads and diffs
well; ``load`` reads it back into checked records, with the same rules as the CSV import (see
``records.py``). Pure Python: the store gives the rows and writes what ``load`` accepts.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from itertools import chain

from backjournal.domain.parse import InvalidValue
from backjournal.io.records import (
    FileRefused,
    Record,
    RowChecker,
    TableData,
    check_across,
    from_json,
)
from backjournal.io.tables import Table

FORMAT = "backjournal"
FORMAT_VERSION = 1
# An export nests four deep (the document, its tables, a table's records, a record); anything
# much deeper is not ours, and Python's parser would recurse on it. Integers are SQLite's: 64 bits.
MAX_DEPTH = 16
MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1
_CONTAINERS = frozenset({list, dict})
UNITS = {
    "distance": "metres (columns ending in _m)",
    "duration": "seconds (columns ending in _s)",
    "date": "ISO 8601 calendar date, YYYY-MM-DD",
    "timestamp": "ISO 8601 date and time in UTC (columns ending in _at)",
}


def dump(
    tables: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]]]],
    *,
    exported_at: str,
    app_version: str,
    migrations: Sequence[str],
    display_units: str,
) -> str:
    """The JSON text of ``tables`` (name, column names, rows), with the format's header."""

    def line(value: object) -> str:
        try:
            return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_blob_text)
        except ValueError:  # an infinite number (a damaged journal's): JSON has none
            return json.dumps(_finite(value), ensure_ascii=False, default=_blob_text)

    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_at": exported_at,
        "migrations": list(migrations),
        "units": {**UNITS, "display": display_units},
    }
    out = ["{"]
    out.extend(f"  {line(k)}: {line(v)}," for k, v in head.items())
    out.append('  "tables": {')
    for t_index, (name, columns, rows) in enumerate(tables):
        end = "," if t_index < len(tables) - 1 else ""
        if not rows:
            out.append(f"    {line(name)}: []{end}")
            continue
        out.append(f"    {line(name)}: [")
        body = ["      " + line(dict(zip(columns, row, strict=True))) for row in rows]
        out.append(",\n".join(body))
        out.append(f"    ]{end}")
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


def _blob_text(value: object) -> str:
    """A BLOB in a damaged or shared journal (a note stored as bytes) as its UTF-8 text."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def _finite(value: object) -> object:
    """``value`` with every infinite number made null (JSON cannot write it; no column of ours
    may hold one)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def load(
    text: str,
    tables: Sequence[Table],
    known_migrations: Sequence[str],
    today: dt.date,
    source: str,
) -> list[TableData]:
    """Read and check a JSON export; raise :class:`FileRefused` when the file as a whole cannot
    be used (not JSON, not ours, from a newer version, an unknown table)."""
    too_deep = f"{source} nests more than {MAX_DEPTH} levels deep: not a backjournal JSON export"
    try:
        doc = json.loads(text, parse_int=_integer, parse_float=_real, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise FileRefused(f"{source} is not JSON (line {exc.lineno}: {exc.msg})") from None
    except _OutOfRange as exc:
        raise FileRefused(f"{source} holds a number out of range ({exc})") from None
    except RecursionError:  # Python's parser stops itself past about 1,000 levels
        raise FileRefused(too_deep) from None
    if _too_deep(doc):
        raise FileRefused(too_deep)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise FileRefused(f'{source} is not a backjournal JSON export (no "format": "{FORMAT}")')
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FileRefused(f"{source} has no format_version")
    if version > FORMAT_VERSION:
        raise FileRefused(
            f"{source} was written by a newer backjournal (format {version}); upgrade to read it"
        )
    newer = [m for m in doc.get("migrations") or [] if m not in known_migrations]
    if newer:
        raise FileRefused(
            f"{source} was written by a newer backjournal (it has {newer[-1]}); upgrade to read it"
        )
    given = doc.get("tables")
    if not isinstance(given, dict):
        raise FileRefused(f'{source} has no "tables" object')
    by_name = {t.name: t for t in tables}
    unknown = [name for name in given if name not in by_name]
    if unknown:
        raise FileRefused(
            f"{source} holds a table this journal does not have ({', '.join(unknown)})"
        )
    out = []
    for name, rows in given.items():
        table = by_name[name]
        if not isinstance(rows, list):
            raise FileRefused(f"{source}: table {name} is not a list of records")
        out.append(_records(table, rows, today, f"{source}: {name}"))
    return out


class _OutOfRange(ValueError):
    """A number that no column of a journal can hold; its text says which."""


def _integer(text: str) -> int:
    """A JSON integer, only within SQLite's range (a longer one would not even be stored)."""
    if len(text) > 20:  # past 20 characters no integer fits in 64 bits (and int() is slow)
        raise _OutOfRange(f"{text[:20]}... has {len(text.lstrip('-'))} digits")
    value = int(text)
    if not MIN_INTEGER <= value <= MAX_INTEGER:
        raise _OutOfRange(f"{text} is past SQLite's 64-bit integers")
    return value


def _real(text: str) -> float:
    """A JSON number with a fraction or exponent, only when finite (``1e400`` is not)."""
    value = float(text)
    if not math.isfinite(value):
        raise _OutOfRange(f"{text[:20]} is not a finite number")
    return value


def _no_constant(name: str) -> float:
    """NaN and Infinity, which Python's parser accepts but JSON does not have."""
    raise _OutOfRange(f"{name} is not a number JSON allows")


def _too_deep(doc: object) -> bool:
    """Whether the parsed ``doc`` nests containers more than MAX_DEPTH deep.

    Iterative, and in C where it counts: a table's records (objects of plain values) are
    cleared by one pass over the types of all their values, not record by record.
    """
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        items = node.values() if type(node) is dict else node
        types = set(map(type, items))
        if types.isdisjoint(_CONTAINERS):
            continue
        if depth + 1 > MAX_DEPTH:
            return True
        if types == {dict}:  # objects only (a table's records): are their values plain?
            values = chain.from_iterable(map(dict.values, items))
            if _CONTAINERS.isdisjoint(map(type, values)):
                continue
        stack.extend((item, depth + 1) for item in items if type(item) in _CONTAINERS)
    return False


def _records(table: Table, rows: list, today: dt.date, source: str) -> TableData:
    data = TableData(table, source, unit="record")
    present = {key for row in rows if isinstance(row, dict) for key in row}
    data.columns = tuple(n for n in table.names if n in present)
    names = set(table.names)
    check = RowChecker(table, today)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            data.problem(number, "is not an object")
            continue
        errors = [f"unknown column {key!r}" for key in row if key not in names]
        errors += [
            f"{c.name}: a value is needed"
            for c in table.columns
            if c.required and c.name not in row
        ]
        values: dict[str, object] = {}
        for column in table.columns:
            if column.name in data.columns:
                try:
                    values[column.name] = from_json(column, row.get(column.name))
                except InvalidValue as exc:
                    errors.append(f"{column.name}: {exc.message}")
        if not errors:
            errors = check(values)
        if errors:
            data.problem(number, "; ".join(errors))
        else:
            data.records.append(Record(number, values))
    check_across(data)
    return data
