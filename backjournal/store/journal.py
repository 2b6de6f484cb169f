"""The journal: the only door to the data. Typed reads and writes over one SQLite file.

Screens and commands ask the :class:`Journal` for domain objects; they never build a query. Every
write is one ``BEGIN IMMEDIATE`` transaction (all or nothing, and safe beside another process that
writes: a deferred ``BEGIN`` cannot wait for the write lock, see DESIGN.md).

Why one module of 600-odd lines: the Journal class is the one door to the data (opening,
transactions, the day's reads and writes); the other stores (symptoms, exercises, flags,
clinical, activity, trends) already live in modules of their own and are reached through it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from backjournal.domain.flags import RED_FLAG_FIELDS
from backjournal.domain.models import DayEntry, DaySummary, Run, Settings, ValidationError
from backjournal.domain.values import PAIN_FIELDS
from backjournal.paths import expand
from backjournal.store import activity as activity_store
from backjournal.store import connection as c
from backjournal.store import symptoms
from backjournal.store.errors import JournalError, JournalLocked
from backjournal.store.file_checks import (
    applied_migrations,
    check_integrity,
    check_no_code,
    check_ours_and_version,
    check_tables,
    remove_stale_creations,
)
from backjournal.store.migrations import migrations

# The day's columns this code reads and writes (besides date and updated_at): the pain scores,
# stiffness, sleep, the note, the red-flag check.
DAY_COLUMNS = (*PAIN_FIELDS, "stiffness", "sleep", "note", *RED_FLAG_FIELDS)
BOOL_COLUMNS = frozenset(RED_FLAG_FIELDS)
RUN_COLUMNS = ("distance_m", "duration_s", "type", "surface", "notes", "shoe_id", "effort")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Journal:
    """One open journal file. Build it with :meth:`Journal.open`; close it when done."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, journal_mode: str, warning: str | None
    ):
        self.path = path
        self.conn = conn
        self._db = None
        self.symptoms = symptoms.SymptomStore(self)
        self._trends = None
        self._exercises = None
        self._flags = None
        self._clinical = None
        self.journal_mode = journal_mode
        self.warning = warning
        self.backup_path: Path | None = None  # the copy made before the last migration, if any
        self._lock = threading.RLock()
        self._data_version: int | None = None

    @property
    def trends(self):
        """The trend reads (``backjournal.store.trends.TrendStore``), imported on first use so
        that quick entry does not pay for them."""
        if self._trends is None:
            from backjournal.store.trends import TrendStore

            self._trends = TrendStore(self)
        return self._trends

    @property
    def flags(self):
        """Red flags: recorded signs, outcomes and the profile
        (``backjournal.store.flags.FlagStore``), imported on first use."""
        if self._flags is None:
            from backjournal.store.flags import FlagStore

            self._flags = FlagStore(self)
        return self._flags

    @property
    def exercises(self):
        """The exercise library, programme and checklist
        (``backjournal.store.exercises.ExerciseStore``), imported on first use."""
        if self._exercises is None:
            from backjournal.store.exercises import ExerciseStore

            self._exercises = ExerciseStore(self)
        return self._exercises

    @property
    def clinical(self):
        """Treatments, the clinician's plan, flare-ups, factors and the PSFS
        (``backjournal.store.clinical.ClinicalStore``), imported on first use."""
        if self._clinical is None:
            from backjournal.store.clinical import ClinicalStore

            self._clinical = ClinicalStore(self)
        return self._clinical

    @property
    def db(self):
        """sqlite-utils' view of the connection (imported on first use: it is slow to import)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, recursive_triggers=False, execute_plugins=False)
        return self._db

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, timeout: float = 5.0, dates: bool = True
    ) -> Journal:
        """Open (creating if needed) and migrate the journal at ``path``.

        ``dates=False`` skips the refusal of a date that is no day of the calendar
        (:func:`~backjournal.store.file_checks.check_tables`): for the exports and the backup,
        which copy rows as they are and are the user's way to get such a journal's data out.

        Raises :class:`JournalError` with a one-line reason for a file that is damaged, foreign,
        from a newer version, read-only, locked, or in a place that cannot be written.
        """
        path = expand(path)
        if not path.is_absolute():
            path = Path.cwd() / path
        try:
            if not path.exists():
                c.ensure_directory(path.parent)
                if not os.access(path.parent, os.W_OK | os.X_OK):
                    raise JournalError(
                        f"cannot create {path}: the folder {path.parent} is read-only"
                    )
                left = [
                    side
                    for side in (
                        path.with_name(path.name + "-wal"),
                        path.with_name(path.name + "-journal"),
                    )
                    if side.exists()
                ]
                if left:
                    # SQLite would apply a deleted journal's last changes to the new one (found
                    # trying the app: a new journal opened as "damaged").
                    raise JournalError(
                        f"cannot create {path}: {left[0].name} beside it holds the last changes of "
                        "a journal that is no longer there; put that journal back, or move the "
                        "file away to start a new one. Nothing was changed"
                    )
                cls._create(path, timeout)
            c.precheck_existing(path)
        except OSError as exc:  # e.g. a name too long for the filesystem (hostile-input tests)
            raise JournalError(f"cannot open {path}: {exc.strerror or exc}") from None
        conn = c.connect(path, timeout)
        try:
            return cls._prepare(path, conn, True, timeout, dates)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _create(cls, path: Path, timeout: float) -> None:
        """Make a new, fully migrated journal at ``path``, or nothing at all.

        The journal is built under a temporary name and linked into place only once it is whole:
        a process killed half way (the crash tests do it at every step) must not leave an empty or
        half-made file at ``path``, which the next start would refuse as "an empty file".
        """
        tmp = path.with_name(f".{path.name}.new-{os.getpid()}")
        remove_stale_creations(path)
        c.create_file(tmp)
        try:
            conn = c.connect(tmp, timeout)
            try:
                journal = cls._prepare(tmp, conn, False, timeout)
            except BaseException:
                conn.close()
                raise
            journal.close()  # checkpoints the WAL into the file and removes the side files
            try:
                os.link(tmp, path)  # atomic, and never replaces a journal made meanwhile
            except FileExistsError:
                pass  # another process created the journal first: use theirs
            except OSError:  # a filesystem without hard links
                if not path.exists():
                    os.rename(tmp, path)
        except JournalError as exc:
            # Name the journal the user asked for, not the temporary file.
            raise type(exc)(str(exc).replace(str(tmp), str(path))) from None
        except OSError as exc:
            raise JournalError(f"cannot create {path}: {exc.strerror}") from None
        finally:
            for leftover in (tmp, *(Path(f"{tmp}{s}") for s in c.SIDE_SUFFIXES)):
                leftover.unlink(missing_ok=True)

    @classmethod
    def _prepare(
        cls,
        path: Path,
        conn: sqlite3.Connection,
        existed: bool,
        timeout: float,
        dates: bool = True,
    ) -> Journal:
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            check_no_code(path, conn)  # before anything is written or migrated
            if existed:
                check_integrity(path, conn)
                check_ours_and_version(path, conn)
                check_tables(path, conn, dates=dates)
            warning = c.storage_warning(path)
            wanted = "delete" if warning else "wal"
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0].lower()
            if mode != wanted:
                mode = conn.execute(f"PRAGMA journal_mode = {wanted}").fetchone()[0].lower()
        except sqlite3.Error as exc:
            raise c.describe_sqlite_error(path, exc) from None
        except UnicodeDecodeError:
            # SQLite's error message quoted damaged text that Python cannot decode (found by the
            # flipped-bytes test: it escaped as a traceback).
            raise JournalError(
                f"{path} is damaged (SQLite reports text that is not UTF-8); "
                "restore it from a backup"
            ) from None
        journal = cls(path, conn, mode, warning)
        journal._migrate(existed)
        c.tighten_permissions(path)
        return journal

    def _migrate(self, existed: bool) -> None:
        """Apply pending migrations in one write transaction, after backing up a journal with
        data."""
        try:
            with self._lock:
                applied = applied_migrations(self.conn)
                pending = [name for name in migrations.names() if name not in applied]
                if not pending:
                    return
                if existed and applied:
                    self.backup_path = self._backup_before(pending[0])
                runner = migrations.runner()
                with self._writing():
                    runner.apply(self.db)
        except sqlite3.Error as exc:
            raise c.describe_sqlite_error(self.path, exc) from None
        except JournalError:
            raise
        except Exception as exc:  # a bug in a migration: the transaction was rolled back
            raise JournalError(
                f"upgrading {self.path} failed ({type(exc).__name__}: {exc}); "
                "the journal was not changed"
            ) from exc

    def _backup_before(self, migration: str) -> Path:
        """Copy the journal (backup API, fsync, integrity_check) before migrating it."""
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.before-{migration}-{stamp}.bak")
        self.backup_to(target)
        return target

    def backup_to(self, target: Path) -> Path:
        """Write a consistent copy of the journal to ``target`` (0600), safe while it is in use.

        Uses SQLite's backup API into a temporary file, fsyncs it, checks its integrity, then
        renames it into place, so ``target`` is either absent or a whole, healthy journal.
        """
        target = Path(target)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.unlink(missing_ok=True)
        c.create_file(tmp)
        try:
            dest = sqlite3.connect(tmp)
            try:
                with self._lock:
                    self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = delete")
                check = dest.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dest.close()
            if check != "ok":
                raise JournalError(f"the backup failed its integrity check ({check})")
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return target

    def close(self) -> None:
        """Close the connection (WAL side files are checkpointed and removed by SQLite)."""
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ----------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same state of the journal (inside a
        caller's transaction, it reads within that one)."""
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock up front (``BEGIN IMMEDIATE``)."""
        with self._lock:
            for attempt in range(3):
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise c.describe_sqlite_error(self.path, exc) from None
                    if attempt == 2:
                        raise JournalLocked(
                            f"{self.path} stayed locked by another program; nothing was saved, "
                            "try again"
                        ) from None
                    time.sleep(0.05 * (attempt + 1))
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise c.describe_sqlite_error(self.path, exc) from None
                raise

    # --- settings --------------------------------------------------------------------------------

    def settings(self) -> Settings:
        """The stored settings, with defaults for anything never set."""
        with self._lock:
            rows = dict(self.conn.execute("SELECT key, value FROM setting").fetchall())
        defaults = Settings()
        return Settings(
            units=rows.get("units", defaults.units),
            week_start=rows.get("week_start", defaults.week_start),
            theme=rows.get("theme", defaults.theme),
            load=rows.get("load", defaults.load),
        )

    def save_settings(self, settings: Settings) -> None:
        """Store all settings at once, after validating them."""
        errs = settings.errors()
        if errs:
            raise ValidationError(errs)
        with self._writing() as conn:
            conn.executemany(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [
                    ("units", settings.units),
                    ("week_start", settings.week_start),
                    ("theme", settings.theme),
                    ("load", settings.load),
                ],
            )

    def note_shown(self, key: str) -> bool:
        """Whether the one-time note ``key`` was shown already (kept in the setting table under
        ``note.<key>``, which no export carries)."""
        with self._lock:
            row = self.conn.execute(
                "SELECT 1 FROM setting WHERE key = ?", (f"note.{key}",)
            ).fetchone()
        return row is not None

    def mark_note_shown(self, key: str) -> None:
        """Remember that the one-time note ``key`` was shown."""
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, 'shown') "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"note.{key}",),
            )

    # --- days ------------------------------------------------------------------------------------

    def get_day(self, date: str) -> DayEntry | None:
        """The entry for ``date`` with its runs in order, or ``None`` if nothing is recorded."""
        with self._lock:
            return self._read_day(date)

    def _read_day(self, date: str) -> DayEntry | None:
        row = self.conn.execute(
            f"SELECT {', '.join(DAY_COLUMNS)} FROM day WHERE date = ?", (date,)
        ).fetchone()
        if row is None:
            return None
        values = dict(zip(DAY_COLUMNS, row, strict=True))
        for name in BOOL_COLUMNS:
            if values[name] is not None:
                values[name] = bool(values[name])
        entry = DayEntry(date, **values)
        entry.marks = symptoms.read_marks(self.conn, date)
        entry.activities = activity_store.read_activities(self.conn, date)
        entry.runs = [
            Run(
                distance_m=r[1],
                duration_s=r[2],
                type=r[3],
                surface=r[4],
                notes=r[5],
                shoe_id=r[6],
                effort=r[7],
                id=r[0],
            )
            for r in self.conn.execute(
                f"SELECT id, {', '.join(RUN_COLUMNS)} FROM run WHERE date = ? ORDER BY seq, id",
                (date,),
            )
        ]
        return entry

    def save_day(
        self, entry: DayEntry, today: dt.date, *, removed_run_ids: tuple[int, ...] = ()
    ) -> DayEntry:
        """Validate and store a day: its scores and note, and its runs.

        Runs with an ``id`` are updated, runs without one are added, and the ids in
        ``removed_run_ids`` are deleted. A run that another process added meanwhile is kept.
        Returns the day as stored.
        """
        entry.validate(today)
        with self._writing():
            self._write_day(entry, removed_run_ids)
            stored: DayEntry = self._read_day(entry.date)  # type: ignore[assignment]
            # The day as stored also holds the runs kept from before (another program may have
            # added them): its total must stay valid too, or all of this is rolled back (found
            # by the long hypothesis profile: two saves of 200 km stored a 400 km day).
            stored.validate(today)
            return stored

    def update_day(self, date: str, change: Callable[[DayEntry], None], today: dt.date) -> DayEntry:
        """Read, change and store a day in one transaction (no lost update beside another writer).

        Quick entry from the shell uses this; the validation is the same as :meth:`save_day`.
        """
        with self._writing():
            entry = self._read_day(date) or DayEntry(date)
            change(entry)
            entry.validate(today)
            self._write_day(entry, ())
            return self._read_day(date)  # type: ignore[return-value]

    def _write_day(self, entry: DayEntry, removed_run_ids: tuple[int, ...]) -> None:
        values = [_column_value(entry, col) for col in DAY_COLUMNS]
        self.conn.execute(
            f"INSERT INTO day (date, {', '.join(DAY_COLUMNS)}, updated_at) "
            f"VALUES (?, {', '.join('?' for _ in DAY_COLUMNS)}, ?) "
            "ON CONFLICT(date) DO UPDATE SET "
            + ", ".join(f"{col} = excluded.{col}" for col in (*DAY_COLUMNS, "updated_at")),
            (entry.date, *values, _now()),
        )
        if removed_run_ids:
            self.conn.executemany(
                "DELETE FROM run WHERE id = ? AND date = ?",
                [(run_id, entry.date) for run_id in removed_run_ids],
            )
        for seq, run in enumerate(entry.runs):
            run_values = [getattr(run, col) for col in RUN_COLUMNS]
            if run.id is not None:
                self.conn.execute(
                    f"UPDATE run SET seq = ?, {', '.join(f'{col} = ?' for col in RUN_COLUMNS)} "
                    "WHERE id = ? AND date = ?",
                    (seq, *run_values, run.id, entry.date),
                )
            else:
                cur = self.conn.execute(
                    f"INSERT INTO run (date, seq, {', '.join(RUN_COLUMNS)}, created_at) "
                    f"VALUES (?, ?, {', '.join('?' for _ in RUN_COLUMNS)}, ?)",
                    (entry.date, seq, *run_values, _now()),
                )
                run.id = cur.lastrowid
        if entry.marks is not None:
            symptoms.write_marks(self.conn, entry.date, entry.marks)
        if entry.activities is not None:
            activity_store.write_activities(self.conn, entry.date, entry.activities)
        symptoms.refresh_flags(self.conn, entry.date)

    def replace_all_days(self, entries: list[DayEntry]) -> None:
        """Replace every day with ``entries`` in one transaction (the demo journal uses this).

        Each entry is validated first (against its own date as "today"), so that nothing at all is
        written when any entry is invalid.
        """
        for entry in entries:
            try:
                own_date = dt.date.fromisoformat(entry.date)
            except (TypeError, ValueError):
                own_date = dt.date.max  # not a date: let validate() name it in a ValidationError
            entry.validate(own_date)
        stamp = _now()
        with self._writing() as conn:
            conn.execute("DELETE FROM day")
            conn.executemany(
                f"INSERT INTO day (date, {', '.join(DAY_COLUMNS)}, updated_at) "
                f"VALUES (?, {', '.join('?' for _ in DAY_COLUMNS)}, ?)",
                [(e.date, *(_column_value(e, col) for col in DAY_COLUMNS), stamp) for e in entries],
            )
            conn.executemany(
                f"INSERT INTO run (date, seq, {', '.join(RUN_COLUMNS)}, created_at) "
                f"VALUES (?, ?, {', '.join('?' for _ in RUN_COLUMNS)}, ?)",
                [
                    (e.date, seq, *(getattr(r, col) for col in RUN_COLUMNS), stamp)
                    for e in entries
                    for seq, r in enumerate(e.runs)
                ],
            )
            for entry in entries:
                if entry.marks is not None:
                    symptoms.write_marks(conn, entry.date, entry.marks)
                if entry.activities:
                    activity_store.write_activities(conn, entry.date, entry.activities)
                symptoms.refresh_flags(conn, entry.date)

    def delete_day(self, date: str) -> DayEntry | None:
        """Delete a day and its runs; return what was deleted (so that it can be restored)."""
        with self._writing():
            entry = self._read_day(date)
            self.conn.execute("DELETE FROM day WHERE date = ?", (date,))
            symptoms.refresh_flags(self.conn, date)  # the day after may lose its severe pain
            return entry

    def restore_day(self, entry: DayEntry) -> None:
        """Put back a day returned by :meth:`delete_day` (undo), without date validation."""
        for run in entry.runs:
            run.id = None
        with self._writing():
            self._write_day(entry, ())

    def has_entries(self) -> bool:
        """True when at least one day is recorded."""
        with self._lock:
            return self.conn.execute("SELECT EXISTS (SELECT 1 FROM day)").fetchone()[0] == 1

    def last_change(self) -> str | None:
        """When a day was last written (ISO UTC), None for an empty journal: the report's fixed
        creation date, so that the same journal gives the same PDF."""
        with self._lock:
            return self.conn.execute("SELECT max(updated_at) FROM day").fetchone()[0]

    def count_days(self, start: str | None = None, end: str | None = None) -> int:
        """How many days are recorded between ``start`` and ``end`` (inclusive, either optional)."""
        where, params = date_range(start, end)
        with self._lock:
            return self.conn.execute(f"SELECT count(*) FROM day {where}", params).fetchone()[0]

    def day_summaries(
        self,
        start: str | None = None,
        end: str | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[DaySummary]:
        """History rows, newest first: each day's distance, run count, worst pains, note, active.

        Paged with ``limit``/``offset`` so that a screen can paint the first rows at once: the
        days come newest first from the primary key, and each day's runs from the ``run_date``
        index, so a page costs the same in a ten-year journal as in a new one.
        """
        where, params = date_range(start, end, column="d.date")
        paging = f"LIMIT {int(limit) if limit is not None else -1} OFFSET {int(offset)}"
        sql = f"""
            SELECT d.date,
                (SELECT coalesce(sum(distance_m), 0) FROM run WHERE run.date = d.date),
                (SELECT count(*) FROM run WHERE run.date = d.date),
                {_worst("back")},
                {_worst("leg")},
                d.note,
                (SELECT count(*) FROM red_flag WHERE red_flag.date = d.date),
                (SELECT score FROM questionnaire q WHERE q.kind = 'odi' AND q.date = d.date
                    ORDER BY q.id DESC LIMIT 1),
                d.stiffness,
                d.sleep, {activity_store.DAY_ACTIVE_COLUMNS}
            FROM day d
            {where}
            ORDER BY d.date DESC
            {paging}
        """
        with self._lock:
            return [DaySummary(*row) for row in self.conn.execute(sql, params)]

    def day_totals(self, start: str | None = None, end: str | None = None) -> tuple[int, float]:
        """How many days are recorded, and how many metres run, between ``start`` and ``end``."""
        where, params = date_range(start, end)
        with self._lock:
            days = self.conn.execute(f"SELECT count(*) FROM day {where}", params).fetchone()[0]
            metres = self.conn.execute(
                f"SELECT coalesce(sum(distance_m), 0) FROM run {where}", params
            ).fetchone()[0]
        return days, metres

    def run_totals(self, start: str, end: str) -> tuple[int, float]:
        """How many runs, and how many metres, between ``start`` and ``end`` (inclusive)."""
        with self._lock:
            row = self.conn.execute(
                "SELECT count(*), coalesce(sum(distance_m), 0) FROM run WHERE date BETWEEN ? AND ?",
                (start, end),
            ).fetchone()
        return row[0], row[1]

    def activity_totals(self, start: str, end: str) -> list[tuple[str, int, int, float]]:
        """Other activity between ``start`` and ``end``: (sport, activities, seconds, metres)."""
        with self.reading() as conn:
            return activity_store.activity_totals(conn, start, end)

    def activities_between(self, start: str, end: str) -> list[tuple[str, str, int]]:
        """(date, sport, seconds) of each other activity between ``start`` and ``end``."""
        with self.reading() as conn:
            return activity_store.activities_between(conn, start, end)

    def changed(self) -> bool:
        """True when another connection has committed since the last call (``data_version``)."""
        with self._lock:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        previous, self._data_version = self._data_version, version
        return previous is not None and previous != version


def _column_value(entry: DayEntry, column: str):
    """A day attribute as SQLite stores it (booleans as 0/1)."""
    value = getattr(entry, column)
    return int(value) if column in BOOL_COLUMNS and value is not None else value


def _worst(site: str) -> str:
    """SQL for the day's highest ``site`` pain score, ignoring scores not recorded."""
    cols = ", ".join(f"coalesce(d.{site}_{m}, -1)" for m in ("wake", "before", "during", "after"))
    return f"nullif(max({cols}), -1)"


def date_range(
    start: str | None, end: str | None, column: str = "date"
) -> tuple[str, tuple[str, ...]]:
    """``WHERE column >= start AND column <= end`` (either bound optional) and its parameters."""
    clauses, params = [], []
    if start:
        clauses.append(f"{column} >= ?")
        params.append(start)
    if end:
        clauses.append(f"{column} <= ?")
        params.append(end)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)
