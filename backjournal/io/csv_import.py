"""Reading CSV files back: our own export, table by table (pure: bytes in, checked rows out).

What is accepted, and what is refused with a reason:

* UTF-8, with or without a byte order mark (spreadsheets add one when saving "CSV UTF-8").
  UTF-16 and other encodings are refused, naming the first line that is not UTF-8.
* Commas as separators, RFC 4180 quoting, any line ends. A file separated by semicolons or tabs
  (a spreadsheet's regional setting) is refused with a way out, not guessed at.
* A header row that names the table's columns, in any order. An unknown column is refused (a file
  from a newer backjournal, or another table's file); a column the table cannot do without is
  refused when missing; a column that may be empty or has a default may be left out (files of an
  older version).
* Every row is checked with the same rules as the Today screen (``records.py``); each bad row is
  a problem naming its line (the line where the row starts: a note may span several lines) and
  every reason.
* Text cells are un-neutralised (``'=1+1`` reads as ``=1+1``, see ``csv_export``) unless the file
  was written with ``--raw`` and is read with ``raw=True``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable
from itertools import repeat
from pathlib import PurePath

from backjournal.domain.parse import InvalidValue
from backjournal.io.records import Record, RowChecker, TableData, cell_reader, check_across
from backjournal.io.tables import Table

DAILY_FILE = "daily.csv"
# No table of ours has a hundred columns; a header with more is refused before it is looked at.
MAX_HEADER_COLUMNS = 200
# Our longest header is a few hundred bytes: a first line longer than this is refused unread.
MAX_HEADER_BYTES = 64 * 1024
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def table_for(file_name: str, tables: list[Table]) -> Table | str:
    """The table a file holds (by its name: ``run.csv`` holds ``run``), or why there is none."""
    name = PurePath(file_name).name
    stem = PurePath(name).stem
    if name == DAILY_FILE:
        return (
            "daily.csv is a summary for reading and is not imported "
            "(day.csv and run.csv hold the same data)"
        )
    for table in tables:
        if table.name == stem:
            return table
    known = ", ".join(t.name + ".csv" for t in tables)
    return f"not a table of this journal (the files are named {known}); use --table to say which"


def read_csv(
    data: bytes, table: Table, source: str, today: dt.date, *, raw: bool = False
) -> TableData:
    """Read and check the CSV file ``data`` for ``table``; ``source`` names it in problems."""
    result = TableData(table, source)
    if data.startswith(_UTF16_BOMS):
        return result.refuse("the file is UTF-16 text; save it as UTF-8 (CSV UTF-8)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if len(data) > MAX_HEADER_BYTES and data.find(b"\n", 0, MAX_HEADER_BYTES) < 0:
        return result.refuse(
            f"the first line is longer than {MAX_HEADER_BYTES // 1024} KB: "
            "it cannot be a header row of backjournal's",
            1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return result.refuse(
            f"line {line} is not UTF-8 text; save the file as UTF-8 (CSV UTF-8)", line
        )
    if not text.strip():
        return result.refuse("the file is empty: it has no header row")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        return result.refuse(f"the header row cannot be read ({exc})", 1)
    problem = _header_problem(header, table)
    if problem:
        return result.refuse(problem, 1)
    result.columns = tuple(n for n in table.names if n in header)
    _read_rows(text, header, result, today, raw)
    check_across(result)
    return result


def _header_problem(header: list[str], table: Table) -> str | None:
    """Why the header does not fit ``table``, or None. Linear in the header's length (a header of
    40,000 columns is checked in milliseconds), and the line it gives stays short: a long list of
    names is cut after a few."""
    if not any(cell.strip() for cell in header):
        return "the first line is empty; it must be the header row (the column names)"
    if len(header) == 1:
        for sep, name in ((";", "semicolons"), ("\t", "tabs")):
            if sep in header[0]:
                return (
                    f"the columns are separated by {name}, not commas; export it again from "
                    "backjournal, or save it from the spreadsheet as CSV with commas"
                )
    if len(header) > MAX_HEADER_COLUMNS:
        return (
            f"the header has {len(header):,} columns; the table {table.name} has "
            f"{len(table.names)} ({','.join(table.names)})"
        )
    names = set(table.names)
    counts = Counter(header)
    twice = sorted(n for n, count in counts.items() if count > 1)
    unknown = [n for n in counts if n not in names]
    given = set(counts)
    missing = [c.name for c in table.columns if c.required and c.name not in given]
    parts = []
    if twice:
        parts.append(f"column {_few(twice)} appears twice")
    if unknown:
        parts.append(f"unknown column {_few([repr(_short(n)) for n in unknown])}")
    if missing:
        parts.append(f"missing column {', '.join(missing)}")
    if not parts:
        return None
    return (
        f"the header does not fit the table {table.name} ({'; '.join(parts)}); "
        f"its columns are {','.join(table.names)}"
    )


def _few(names: list[str], shown: int = 5) -> str:
    """The first few of ``names``, and how many more."""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown:,} more"


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 3] + "..."


def _read_rows(text: str, header: list[str], result: TableData, today: dt.date, raw: bool) -> None:
    """Read and check the rows under the header, each named by the line where it starts.

    Ten years of rows are the import's main cost, so the usual file is read a column at a time:
    the csv module reads every row, each column's cells go through their reader with ``map``, and
    the rows' dicts are zipped together, all in C. A file where that does not hold (a cell that
    does not read, a blank line, a row of the wrong width, a line the csv module refuses) is read
    again row by row, which names each bad line. Every row then goes through the same checks.
    """
    table = result.table
    names = tuple(header)
    readers = [cell_reader(table.name, table.column(n), raw=raw) for n in header]
    check = RowChecker(table, today)
    found = _one_line_rows(text, len(names))
    columns = _read_columns(found[0], readers) if found else None
    if found is None or columns is None:
        _read_row_by_row(text, names, readers, check, result)
        return
    if not found[0]:
        return  # a header and no row
    values = list(map(dict, map(zip, repeat(names), zip(*columns, strict=True))))
    row_check = check.after_columns(dict(zip(names, columns, strict=True)))
    errors = list(map(row_check, values)) if row_check else []
    if not any(errors):
        result.records = list(map(Record, found[1], values))
        return
    for line, row, row_errors in zip(found[1], values, errors, strict=True):
        if row_errors:
            result.problem(line, "; ".join(row_errors))
        else:
            result.records.append(Record(line, row))


def _body(text: str):
    """A csv reader past the header row, and the line the first row starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(reader)
    return reader, reader.line_num + 1


def _one_line_rows(text: str, width: int) -> tuple[list[list[str]], range] | None:
    """Every row and the line it is on, when each row is one whole line of ``width`` cells (an
    export's rows are, but for a note with a line break); else None."""
    reader, first = _body(text)
    try:
        rows = list(reader)
    except csv.Error:
        return None
    if reader.line_num - first + 1 != len(rows):
        return None  # a row spans several lines: only reading row by row tells where each starts
    if rows and set(map(len, rows)) != {width}:
        return None  # a blank line, or a row of the wrong width
    return rows, range(first, first + len(rows))


def _read_columns(
    rows: list[list[str]], readers: list[Callable[[str], object]]
) -> list[list[object]] | None:
    """The values of each column, read a column at a time; None when any cell does not read
    (the rows are then read one by one, which names each bad cell and its line)."""
    if not rows:
        return []
    try:
        return [
            _read_column(read, cells)
            for read, cells in zip(readers, zip(*rows, strict=True), strict=True)
        ]
    except InvalidValue:
        return None


def _read_column(read: Callable[[str], object], cells: tuple[str, ...]) -> list[object]:
    """The values of one column's cells. Most columns hold a few texts many times (scores,
    empty cells): each is read once and looked up for the other cells, so that only a column of
    mostly different texts (dates, notes) calls its reader per cell."""
    distinct = set(cells)
    if len(distinct) * 2 > len(cells):
        return list(map(read, cells))
    value_of = dict(zip(distinct, map(read, distinct), strict=True))
    return list(map(value_of.__getitem__, cells))


def _read_row_by_row(
    text: str,
    names: tuple[str, ...],
    readers: list[Callable[[str], object]],
    check: RowChecker,
    result: TableData,
) -> None:
    """Read and check the rows one at a time, naming each bad line and every reason."""
    reader, line = _body(text)
    width = len(names)
    records = result.records
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problem(start, f"cannot be read ({exc}); the rest of the file is not read")
            result.unreadable = True
            break
        line = reader.line_num + 1
        if not row:
            continue  # a blank line holds no row
        if len(row) != width:
            result.problem(
                start, f"{len(row)} field{'s' if len(row) != 1 else ''}, the header has {width}"
            )
            continue
        try:
            values = {
                name: read(cell) for name, read, cell in zip(names, readers, row, strict=True)
            }
        except InvalidValue:
            values = {}
            errors = []
            for name, read, cell in zip(names, readers, row, strict=True):
                try:
                    read(cell)
                except InvalidValue as exc:
                    errors.append(f"{name}: {exc.message}")
        else:
            errors = check(values)
        if errors:
            result.problem(start, "; ".join(errors))
        else:
            records.append(Record(start, values))
