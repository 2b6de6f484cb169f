"""Data out of the journal: the SQL behind the CSV and JSON exports, and the files they write.

Every table of the journal is exported as it is stored (a table added by a later migration too:
the list comes from the schema, see ``store/schema.py``), plus ``daily.csv``, one row per day for
people and spreadsheets (it is derived, so it is never imported). The reads happen in one read
transaction: the files agree with each other even while the app or a shell command writes.
Text is made by ``backjournal/io`` (no SQL there); this module reads the rows and writes files.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from backjournal.domain.body import HEAD_TO_FOOT
from backjournal.domain.values import METRES_PER_MILE, PAIN_FIELDS
from backjournal.io import csv_export
from backjournal.io.tables import Table
from backjournal.paths import expand
from backjournal.store import connection as c
from backjournal.store import schema
from backjournal.store.errors import ExchangeError, JournalError
from backjournal.store.journal import Journal, date_range

DAILY = "daily"
CSV_SUFFIX = ".csv"


@dataclass(frozen=True)
class DailyColumn:
    """One column of ``daily.csv``: its name (``{units}`` is km or mi), its SQL over ``d`` (the
    day) and ``r`` (the day's runs: ``metres``, ``runs``, ``seconds``, ``timed_m``, ``types``),
    and whether it is text. A column whose SQL is ``NULL`` and that has a ``fill`` is filled in
    Python after the query (the exercises scheduled: the programme in force is not one query)."""

    name: str
    sql: str
    is_text: bool = False
    fill: str | None = None


# The body map's regions from head to foot, as SQL (group_concat keeps the subquery's order).
_HEAD_TO_FOOT_SQL = (
    "CASE s.region "
    + " ".join(f"WHEN '{region}' THEN {i}" for i, region in enumerate(HEAD_TO_FOOT))
    + " ELSE 99 END"
)

# Later issues add their columns here, in reading order; the note stays last. The run-session
# effort (session RPE) is not recorded yet: it gets its column when it is.
DAILY_COLUMNS: list[DailyColumn] = [
    DailyColumn("date", "d.date", is_text=True),
    DailyColumn("distance_{units}", "round(coalesce(r.metres, 0) / {per_unit}, 3)"),
    DailyColumn("distance_m", "coalesce(r.metres, 0.0)"),
    DailyColumn("runs", "coalesce(r.runs, 0)"),
    DailyColumn("run_types", "r.types", is_text=True),
    DailyColumn("duration_s", "r.seconds"),
    # Minutes:seconds per unit over the timed runs only (an untimed run has no pace).
    DailyColumn(
        "pace_per_{units}",
        "CASE WHEN r.timed_m > 0 THEN printf('%d:%02d', "
        "CAST(round(r.seconds * {per_unit} / r.timed_m) AS INTEGER) / 60, "
        "CAST(round(r.seconds * {per_unit} / r.timed_m) AS INTEGER) % 60) END",
        is_text=True,
    ),
    *(DailyColumn(name, f"d.{name}") for name in (*PAIN_FIELDS, "stiffness", "sleep")),
    DailyColumn("extent_left", "d.extent_l"),
    DailyColumn("extent_right", "d.extent_r"),
    DailyColumn(
        "body_map",
        "(SELECT group_concat(m, ',') FROM (SELECT s.region || ':' || s.intensity "
        "|| CASE WHEN s.qualities = '' THEN '' ELSE ':' || s.qualities END AS m "
        f"FROM symptom s WHERE s.date = d.date ORDER BY {_HEAD_TO_FOOT_SQL}))",
        is_text=True,
    ),
    DailyColumn(
        "red_flags",
        "(SELECT group_concat(f.reason, '; ') FROM red_flag f WHERE f.date = d.date)",
        is_text=True,
    ),
    DailyColumn(
        "exercises_done",
        "(SELECT group_concat(e, '+') FROM (SELECT x.exercise_id AS e FROM exercise_done x "
        "WHERE x.date = d.date ORDER BY x.exercise_id))",
        is_text=True,
    ),
    DailyColumn("exercises_scheduled", "NULL", fill="scheduled"),
    DailyColumn("exercises_scheduled_done", "NULL", fill="scheduled_done"),
    DailyColumn(
        "oswestry",
        "(SELECT q.score FROM questionnaire q WHERE q.kind = 'odi' AND q.date = d.date "
        "ORDER BY q.id DESC LIMIT 1)",
    ),
    DailyColumn("note", "d.note", is_text=True),
]


@dataclass(frozen=True)
class Rows:
    """What one file holds: a header, which columns are text, and the rows."""

    name: str  # the table's name, or "daily"
    header: tuple[str, ...]
    text_columns: tuple[bool, ...]
    rows: list[tuple]

    @property
    def file_name(self) -> str:
        return self.name + CSV_SUFFIX


@dataclass(frozen=True)
class WrittenFile:
    """A file an export wrote, and how many rows it holds."""

    path: Path
    rows: int


# --- reading -------------------------------------------------------------------------------------


@contextmanager
def reading(journal: Journal) -> Iterator[None]:
    """One read transaction: every query inside sees the same state of the journal."""
    with journal.reading():
        yield


def tables(journal: Journal) -> list[Table]:
    """The journal's data tables, each after the tables it links to."""
    with journal._lock:
        return schema.tables(journal.conn)


def file_names(journal: Journal) -> list[str]:
    """What ``--table`` accepts: every table's name, then ``daily``."""
    return [t.name for t in tables(journal)] + [DAILY]


def table_rows(
    journal: Journal, table: Table, start: str | None = None, end: str | None = None
) -> Rows:
    """Every row of ``table`` in key order; a table with a ``date`` column only between ``start``
    and ``end`` (inclusive, either optional)."""
    columns = ", ".join(schema.quote(n) for n in table.names)
    where, params = _dated(table, start, end)
    order = schema.quote(table.row_id) if table.row_id else _key_order(table)
    sql = f"SELECT {columns} FROM {schema.quote(table.name)} {where} ORDER BY {order}"
    rows = _fetch_all(journal, sql, params)
    return Rows(table.name, table.names, table.text_columns, rows)


def _fetch_all(journal: Journal, sql: str, params: tuple = ()) -> list[tuple]:
    """Every row of ``sql``, decoded by SQLite's own UTF-8 reader.

    The journal's connection reads text through a lenient decoder (a Python callable per value,
    so that a flipped bit in a note reads as "\ufffd" instead of failing the day). For a whole
    table, that call per value is most of the difference from a plain query: the bulk reads use
    the built-in decoder and fall back to the lenient one only when some text is not UTF-8.
    """
    conn = journal.conn
    with journal._lock:
        lenient = conn.text_factory
        conn.text_factory = str
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc):
                raise
        finally:
            conn.text_factory = lenient
        return conn.execute(sql, params).fetchall()


def daily_sql(units: str, start: str | None = None, end: str | None = None) -> tuple[str, tuple]:
    """The query behind ``daily.csv`` (the benchmark's reference runs it too)."""
    per_unit = repr(METRES_PER_MILE) if units == "mi" else "1000.0"
    select = ", ".join(col.sql.format(per_unit=per_unit) for col in DAILY_COLUMNS)
    where, params = _dated(None, start, end, column="d.date")
    sql = (
        f"SELECT {select} FROM day d LEFT JOIN ("
        "SELECT date, sum(distance_m) AS metres, count(*) AS runs, sum(duration_s) AS seconds, "
        "sum(CASE WHEN duration_s IS NOT NULL THEN distance_m END) AS timed_m, "
        "group_concat(type, '+') AS types "
        "FROM (SELECT * FROM run ORDER BY date, seq, id) GROUP BY date) r ON r.date = d.date "
        f"{where} ORDER BY d.date"
    )
    return sql, params


def _readable_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _fill_exercise_counts(journal: Journal, rows: list[tuple]) -> list[tuple]:
    """Put each day's scheduled exercises, and how many of those were done, into its row."""
    if not rows:
        return rows
    where = {col.fill: i for i, col in enumerate(DAILY_COLUMNS) if col.fill}
    # A date a damaged or shared journal holds that is not a date (2026-13-45) gets no counts.
    dates = {row[0]: _readable_date(row[0]) for row in rows}
    readable = sorted(d for d in dates.values() if d is not None)
    if not readable:
        return rows
    counts = journal.exercises.day_counts(readable[0].isoformat(), readable[-1].isoformat())
    out = []
    for row in rows:
        scheduled, done = counts.get(dates[row[0]], (0, 0))
        values = list(row)
        if scheduled:
            values[where["scheduled"]] = scheduled
            values[where["scheduled_done"]] = done
        out.append(tuple(values))
    return out


def daily_rows(journal: Journal, start: str | None = None, end: str | None = None) -> Rows:
    """One row per recorded day: distance (in the user's unit and in metres), runs and their
    types, time and pace, the pain scores, stiffness, sleep, the body map, red flags, the
    exercises done and scheduled, the Oswestry score on the days it was taken, and the note."""
    units = journal.settings().units
    sql, params = daily_sql(units, start, end)
    rows = _fetch_all(journal, sql, params)
    rows = _fill_exercise_counts(journal, rows)
    header = tuple(col.name.format(units=units) for col in DAILY_COLUMNS)
    return Rows(DAILY, header, tuple(col.is_text for col in DAILY_COLUMNS), rows)


def export_rows(
    journal: Journal,
    only: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[Rows]:
    """The rows of every file of an export (or of the file ``only``), read in one snapshot."""
    with reading(journal):
        known = tables(journal)
        names = [t.name for t in known] + [DAILY]
        if only is not None and only not in names:
            raise ExchangeError(f"there is no table {only!r}; choose one of {', '.join(names)}")
        out = [table_rows(journal, t, start, end) for t in known if only in (None, t.name)]
        if only in (None, DAILY):
            out.append(daily_rows(journal, start, end))
    return out


# --- writing -------------------------------------------------------------------------------------


def default_export_folder(base: Path, today: dt.date) -> Path:
    """``backjournal-export-YYYY-MM-DD`` in ``base``."""
    return Path(base) / f"backjournal-export-{today.isoformat()}"


def export_csv(
    journal: Journal,
    folder: Path,
    *,
    only: str | None = None,
    start: str | None = None,
    end: str | None = None,
    raw: bool = False,
) -> list[WrittenFile]:
    """Write one CSV per table and ``daily.csv`` (or just ``only``) into ``folder``.

    The folder is created 0700 if missing, each file 0600. Files are written under temporary
    names and renamed at the end, so an interrupted export leaves the previous files whole.
    Raises :class:`ExchangeError` with one line saying what went wrong.
    """
    contents = export_rows(journal, only, start, end)
    folder = expand(folder)
    if folder.exists() and not folder.is_dir():
        raise ExchangeError(f"cannot export into {folder}: it is a file, not a folder")
    try:
        c.ensure_directory(folder)
    except JournalError as exc:
        raise ExchangeError(str(exc)) from None
    written: list[tuple[Path, Path, int]] = []
    temporary: list[Path] = []  # every temporary file made, removed on any failure
    try:
        for rows in contents:
            target = folder / rows.file_name
            tmp = folder / f".{rows.file_name}.tmp"
            temporary.append(tmp)
            with open_private(tmp) as out:
                count = csv_export.write_rows(
                    out, rows.header, rows.rows, rows.text_columns, raw=raw
                )
            written.append((tmp, target, count))
        for tmp, target, _ in written:
            os.replace(tmp, target)
    except BaseException as exc:
        for tmp in temporary:
            _remove(tmp)
        if isinstance(exc, OSError):
            raise ExchangeError(f"cannot write into {folder}: {exc.strerror or exc}") from None
        raise
    return [WrittenFile(target, count) for _, target, count in written]


def _remove(path: Path) -> None:
    """Remove a temporary file if it is there (a failure to remove it is not a second error)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def export_csv_text(
    journal: Journal,
    name: str,
    *,
    start: str | None = None,
    end: str | None = None,
    raw: bool = False,
) -> tuple[str, int]:
    """One table (or ``daily``) as CSV text, and its row count (``export csv --out -``)."""
    (rows,) = export_rows(journal, name, start, end)
    return csv_export.to_text(rows.header, rows.rows, rows.text_columns, raw=raw), len(rows.rows)


def open_private(path: Path):
    """Open ``path`` for writing text (UTF-8, no newline translation) as a 0600 file."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


# --- helpers -------------------------------------------------------------------------------------


def _dated(
    table: Table | None, start: str | None, end: str | None, column: str = "date"
) -> tuple[str, tuple]:
    if table is not None and "date" not in table.names:
        return "", ()
    return date_range(start, end, column)


def _key_order(table: Table) -> str:
    pk = [c.name for c in table.columns if c.pk]
    return ", ".join(schema.quote(n) for n in pk) if pk else "rowid"


# --- JSON ----------------------------------------------------------------------------------------


def export_json_text(journal: Journal) -> tuple[str, dict[str, int]]:
    """The whole journal as the JSON export (docs/json-format.md), and the rows per table."""
    from backjournal import __version__
    from backjournal.io import json_format
    from backjournal.store.file_checks import applied_migrations
    from backjournal.store.migrations import migrations

    with reading(journal):
        contents = [table_rows(journal, t) for t in tables(journal)]
        applied = applied_migrations(journal.conn)
        units = journal.settings().units
    text = json_format.dump(
        [(r.name, r.header, r.rows) for r in contents],
        exported_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        app_version=__version__,
        migrations=[m for m in migrations.names() if m in applied],
        display_units=units,
    )
    return text, {r.name: len(r.rows) for r in contents}


def export_json(journal: Journal, target: Path) -> dict[str, int]:
    """Write the JSON export to ``target`` (0600, written whole or not at all); return the rows
    per table. A missing folder is created 0700."""
    text, counts = export_json_text(journal)
    target = expand(target)
    if target.is_dir():
        raise ExchangeError(f"cannot write {target}: it is a folder; name a file")
    try:
        c.ensure_directory(target.parent)
    except JournalError as exc:
        raise ExchangeError(str(exc)) from None
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with open_private(tmp) as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise ExchangeError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise
    return counts
