"""Data into the journal: rows that ``backjournal/io`` has read and checked, written in one
``BEGIN IMMEDIATE`` transaction, each table after the tables it links to.

* **Natural keys** decide what is already there (see ``store/schema.py``): a day by its date, a
  setting by its key, a run by its source id (activity files) or else by its date and place in the
  day. Such a row is not imported again, and the journal's version is kept: importing the same
  files twice adds nothing.
* **Row ids** are kept when they are free (so an export imported into an empty journal exports
  again byte for byte); a taken id gets a new number, and the links to it follow.
* **Links** are checked: a run on a date that is neither in the journal nor among the imported
  days is a bad line.
* **All or nothing:** when any line is bad, nothing is written, unless ``skip_bad``: then the good
  rows are written and every bad line is listed.
"""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from backjournal.io.records import Problem, Record, TableData
from backjournal.io.tables import ForeignKey, Table
from backjournal.paths import expand
from backjournal.store import schema
from backjournal.store.errors import ExchangeError
from backjournal.store.journal import Journal

# Tables a restore replaces rather than refuses: a new journal may already hold settings, and
# the profile asked when it was created.
REPLACED_BY_RESTORE = ("setting", "profile")
_MISSING = object()


@dataclass
class TableCount:
    """What an import did to one table."""

    name: str
    added: int = 0
    existing: int = 0  # already in the journal (same natural key): kept as it was
    bad: int = 0


@dataclass
class ImportResult:
    """The outcome: counts per table, every problem, and whether anything was written."""

    counts: list[TableCount] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def added(self) -> int:
        return sum(c.added for c in self.counts)


class _Abandon(Exception):
    """Roll the import back: a line was bad and bad lines may not be skipped."""


def is_empty(journal: Journal) -> bool:
    """True when the journal holds no data (settings aside)."""
    with journal._lock:
        for name in schema.table_names(journal.conn):
            if name in REPLACED_BY_RESTORE:
                continue
            q = schema.quote(name)
            if journal.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {q})").fetchone()[0]:
                return False
    return True


def not_empty_message(journal: Journal) -> str:
    return (
        f"{journal.path} already holds entries; restore only fills an empty journal, so that "
        "nothing is mixed or lost (name a new file with --db, e.g. --db restored.db)"
    )


def write_tables(
    journal: Journal, datas: list[TableData], *, skip_bad: bool = False, restore: bool = False
) -> ImportResult:
    """Write the checked rows of ``datas`` in one transaction; see the module's rules.

    ``restore`` first requires an empty journal (raising :class:`ExchangeError` otherwise) and
    replaces its settings.
    """
    result = ImportResult()
    try:
        with journal._writing() as conn:
            known = schema.tables(conn)
            order = {t.name: i for i, t in enumerate(known)}
            by_name = {t.name: t for t in known}
            if restore:
                if not is_empty(journal):
                    raise ExchangeError(not_empty_message(journal))
                for name in REPLACED_BY_RESTORE:
                    if name in by_name:
                        conn.execute(f"DELETE FROM {schema.quote(name)}")
            idmaps: dict[str, dict[object, object]] = {}
            linked: dict[tuple[str, str], set] = {}
            for data in sorted(datas, key=lambda d: order.get(d.table.name, len(order))):
                count = TableCount(data.table.name, bad=len(data.problems))
                result.counts.append(count)
                result.problems.extend(data.problems)
                if data.records:
                    _write_table(conn, data, by_name, idmaps, linked, count, result.problems)
                    for key in [k for k in linked if k[0] == data.table.name]:
                        del linked[key]  # read again if a later table links to it
            if result.problems and not skip_bad:
                raise _Abandon
    except _Abandon:
        for count in result.counts:
            count.added = count.existing = 0
        return result
    result.written = True
    return result


def _write_table(
    conn: sqlite3.Connection,
    data: TableData,
    tables: dict[str, Table],
    idmaps: dict[str, dict[object, object]],
    linked: dict[tuple[str, str], set],
    count: TableCount,
    problems: list[Problem],
) -> None:
    table = data.table
    columns = data.columns
    row_id = table.row_id if table.row_id in columns else None
    existing = _existing_keys(conn, table)
    taken = (
        {
            r[0]
            for r in conn.execute(f"SELECT {schema.quote(row_id)} FROM {schema.quote(table.name)}")
        }
        if row_id
        else set()
    )
    idmap = idmaps.setdefault(table.name, {})
    # Each link: the column, the parent table, the values it may take, and (when it points to
    # the parent's row id) the parent's old id -> id in the journal (a live dict: a table may
    # link to itself).
    links = [
        (
            fk.column,
            fk.table,
            _linked_values(conn, fk, linked),
            idmaps.get(fk.table)
            if fk.table in tables and fk.target == tables[fk.table].row_id
            else None,
        )
        for fk in table.foreign_keys
        if fk.column in columns
    ]
    batch: list[dict[str, object]] = []  # the values of the rows inserted all at once
    batch_records: list[Record] = []
    renumbered: list[tuple[Record, dict[str, object]]] = []

    def bad(record: Record, message: str) -> None:
        problems.append(Problem(data.source, record.line, message, data.unit))
        count.bad += 1

    for record in data.records:
        values = record.values
        link_problem = None
        for column, parent, targets, parent_ids in links:
            value = values.get(column)
            if value is None:
                continue
            if parent_ids and value in parent_ids:
                new = parent_ids[value]
                if new != value:  # the parent was renumbered: the link follows it
                    values = {**values, column: new}
                value = new
            if value not in targets:
                link_problem = (
                    f"{column}: {value} is not in {parent} "
                    "(neither in the journal nor among the rows imported)"
                )
                break
        if link_problem:
            bad(record, link_problem)
            continue
        key = record.key if values is record.values and record.key else table.key_of(values)
        if key is not None:
            stored = existing[key[0]]
            found = stored.get(key[1], _MISSING)
            if found is not _MISSING:
                count.existing += 1
                if row_id and values.get(row_id) is not None and found is not None:
                    idmap[values[row_id]] = found
                continue
            stored[key[1]] = values.get(row_id) if row_id else None
        if row_id:
            old = values.get(row_id)
            if old is None or old in taken:
                renumbered.append((record, values))
                continue
            taken.add(old)
            idmap[old] = old
        batch.append(values)
        batch_records.append(record)

    sql = (
        f"INSERT INTO {schema.quote(table.name)} ({', '.join(schema.quote(c) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    conn.execute("SAVEPOINT import_batch")
    try:
        pick = itemgetter(*columns) if len(columns) > 1 else (lambda v: (v[columns[0]],))
        conn.executemany(sql, map(pick, batch))
    except sqlite3.IntegrityError:
        # Something the checks could not see (a constraint of a newer table): go row by row, so
        # that each refused row is named.
        conn.execute("ROLLBACK TO import_batch")
        renumbered[:0] = zip(batch_records, batch, strict=True)
        batch = []
    finally:
        conn.execute("RELEASE import_batch")
    count.added += len(batch)
    kept_ids = {
        id(v) for _, v in renumbered if row_id and idmap.get(v.get(row_id)) == v.get(row_id)
    }
    for record, values in renumbered:
        row = [values.get(c) for c in columns]
        if row_id and id(values) not in kept_ids:
            row[columns.index(row_id)] = None  # a new number: the old one is taken
        try:
            cursor = conn.execute(sql, row)
        except sqlite3.IntegrityError as exc:
            bad(record, f"the journal refused it ({exc})")
            continue
        count.added += 1
        if row_id and values.get(row_id) is not None:
            idmap[values[row_id]] = cursor.lastrowid


def _linked_values(
    conn: sqlite3.Connection, fk: ForeignKey, linked: dict[tuple[str, str], set]
) -> set:
    """The values that ``fk`` may link to: its target column's, in the journal (which holds the
    rows imported so far). Read once per import (run, symptom and red_flag all link to the
    days); ``linked`` keeps them, and a table's are dropped once rows are written to it."""
    where = (fk.table, fk.target)
    if where not in linked:
        linked[where] = {
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT {schema.quote(fk.target)} FROM {schema.quote(fk.table)}"
            )
        }
    return linked[where]


def _existing_keys(conn: sqlite3.Connection, table: Table) -> dict[tuple[str, ...], dict]:
    """For each natural key of ``table``: the key values already stored, and their row ids."""
    out: dict[tuple[str, ...], dict] = {}
    for key in table.natural_keys:
        cols = ", ".join(schema.quote(c) for c in key)
        rid = schema.quote(table.row_id) if table.row_id else "NULL"
        complete = " AND ".join(f"{schema.quote(c)} IS NOT NULL" for c in key)
        out[key] = {
            tuple(row[:-1]): row[-1]
            for row in conn.execute(
                f"SELECT {cols}, {rid} FROM {schema.quote(table.name)} WHERE {complete}"
            )
        }
    return out


# --- files -------------------------------------------------------------------------------------

MAX_FILE_BYTES = 512 * 1024 * 1024  # far more than decades of entries; stops a wrong file early


@dataclass
class ImportPlan:
    """The files found at an import's path: the tables read from them, and files left aside."""

    datas: list[TableData] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # e.g. daily.csv, with the reason


def read_file(path: Path) -> bytes:
    """The bytes of an import file, or :class:`ExchangeError` saying why they cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ExchangeError(
                f"{path} is {size // 2**20} MB: too large to be a backjournal export"
            )
        return path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_csv_files(
    journal: Journal,
    path: Path,
    today: dt.date,
    *,
    table: str | None = None,
    raw: bool = False,
) -> ImportPlan:
    """Read and check the CSV files at ``path`` (an export folder, or one file) for the journal's
    tables. ``table`` names the table of a single file whose name does not say it."""
    from backjournal.io import csv_import

    path = expand(path)
    with journal._lock:
        known = schema.tables(journal.conn)
    plan = ImportPlan()
    if path.is_dir():
        if table is not None:
            raise ExchangeError("--table is for one file; a folder's files are named by table")
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
        if not files:
            raise ExchangeError(f"{path} holds no .csv file")
    elif path.is_file():
        files = [path]
    else:
        raise ExchangeError(f"{path} does not exist")
    for file in files:
        if table is not None:
            found: Table | str = next((t for t in known if t.name == table), "")
            if not found:
                names = ", ".join(t.name for t in known)
                raise ExchangeError(f"there is no table {table!r}; choose one of {names}")
        else:
            found = csv_import.table_for(file.name, known)
        if isinstance(found, str):
            if file.name == csv_import.DAILY_FILE and path.is_dir():
                plan.ignored.append(found)
                continue
            data = TableData(Table(file.stem, ()), file.name)
            plan.datas.append(data.refuse(found))
            continue
        plan.datas.append(csv_import.read_csv(read_file(file), found, file.name, today, raw=raw))
    return plan


def import_csv(
    journal: Journal,
    path: Path,
    today: dt.date,
    *,
    table: str | None = None,
    skip_bad: bool = False,
    raw: bool = False,
) -> tuple[ImportResult, ImportPlan]:
    """Import the CSV files at ``path`` (see :func:`read_csv_files` and :func:`write_tables`)."""
    with _no_cycle_collection():
        plan = read_csv_files(journal, path, today, table=table, raw=raw)
        result = write_tables(journal, plan.datas, skip_bad=skip_bad)
    return result, plan


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while an import reads and writes its rows.

    An import builds tens of thousands of containers (each row's cells, values, record and key)
    that stay alive until it ends and hold no reference cycle. Each one counts toward the
    collector's next pass, and its passes over the older generations walk every object still
    alive, again and again as they grow: passes that free nothing, about 6 ms of the ten-year
    import in ``python -m benchmarks`` (more when the process holds more). Mercurial pauses it
    the same way (``util.nogc``) when it builds large structures. It runs again as it was once
    the import ends, error or not.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def restore_json(journal: Journal, path: Path, today: dt.date) -> ImportResult:
    """Restore a JSON export into this journal, which must be empty: all or nothing."""
    from backjournal.io import json_format
    from backjournal.io.records import FileRefused
    from backjournal.store.migrations import migrations

    path = expand(path)
    if not path.is_file():
        raise ExchangeError(
            f"{path} does not exist" if not path.exists() else f"{path} is not a file"
        )
    if not is_empty(journal):
        raise ExchangeError(not_empty_message(journal))
    data = read_file(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError(f"{path} is not UTF-8 text") from None
    with journal._lock:
        known = schema.tables(journal.conn)
    with _no_cycle_collection():
        try:
            datas = json_format.load(text, known, migrations.names(), today, path.name)
        except FileRefused as exc:
            raise ExchangeError(str(exc)) from None
        return write_tables(journal, datas, restore=True)
