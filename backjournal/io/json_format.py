"""The JSON export: the whole journal in one documented file (docs/json-format.md).

``dump`` turns tables of rows into the text, one record per line so that the file reads and diffs
well; ``load`` reads it back into checked records, with the same rules as the CSV import (see
``records.py``). Pure Python: the store gives the rows and writes what ``load`` accepts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

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
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

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


def load(
    text: str,
    tables: Sequence[Table],
    known_migrations: Sequence[str],
    today: dt.date,
    source: str,
) -> list[TableData]:
    """Read and check a JSON export; raise :class:`FileRefused` when the file as a whole cannot
    be used (not JSON, not ours, from a newer version, an unknown table)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRefused(f"{source} is not JSON (line {exc.lineno}: {exc.msg})") from None
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
