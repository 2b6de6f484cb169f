"""The journal's tables as the files see them: the tables backjournal defines, described from the
schema itself.

Exports and imports ask this module which tables exist. Which tables is backjournal's own list
(:func:`defined`: what the migrations create), never the file's: a journal someone shared may
hold a table named ``./../../X``, and an export that took its file names from the schema wrote
outside its folder. Their columns and links are read from the file, so a table or a column
added by a later migration is carried without touching the exchange code. Internal tables
(``_sqlite_migrations``, SQLite's own, any name starting with ``_``) are left out. Tables come
in the order their links need: a table comes after every table it refers to, so an import can
write them in this order.
"""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backjournal.store.file_checks import OUR_FK_ACTIONS

if TYPE_CHECKING:
    from backjournal.io.tables import Column, Table

# Natural keys the schema cannot tell by itself. A run imported from an activity file is known by
# its source and the source's id; any other run by its date and place in the day. (For other
# tables: a primary key that is not a row id, then each full unique index; without either, the
# whole row but its row id.)
NATURAL_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "run": (("source", "source_id"), ("date", "seq")),
}


def affinity(declared: str) -> str:
    """SQLite's type affinity for a declared column type (the rules of section 3.1 of its docs)."""
    t = (declared or "").upper()
    if "INT" in t:
        return "INTEGER"
    if "CHAR" in t or "CLOB" in t or "TEXT" in t:
        return "TEXT"
    if not t or "BLOB" in t:
        return "BLOB"
    if "REAL" in t or "FLOA" in t or "DOUB" in t:
        return "REAL"
    return "NUMERIC"


@dataclass(frozen=True)
class Defined:
    """What backjournal's migrations create: the data tables (in the order they appear) and the
    foreign-key actions, each as (table, column, parent table, ON UPDATE, ON DELETE)."""

    tables: tuple[str, ...]
    fk_actions: frozenset[tuple[str, str, str, str, str]]
    # Each data table's columns, in order: a journal whose migrations are all applied must hold
    # every one (a flipped bit in the schema text renames a column; file_checks refuses it).
    columns: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


# What the migrations as they stand build (checked by tests/test_hostile_journal.py): a fast
# path, since building it imports sqlite-utils. Any other list of migrations (a later one not
# yet written here, a test's) is built instead, so this copy being behind costs time, not safety.
SHIPPED_MIGRATIONS = (
    "m001_days_runs_settings",
    "m002_symptoms",
    "m004_shoes",
    "m004_run_start_time",
    "m005_exercises",
    "m006_red_flags",
    "m009_import_folder",
    "m011_numbers",
    "m007_other_activity",
    "m008_clinical_record",
    "m012_clinician_exercises",
)
SHIPPED = Defined(
    tables=(
        "day",
        "run",
        "setting",
        "symptom",
        "red_flag",
        "questionnaire",
        "shoe",
        "exercise",
        "exercise_hidden",
        "programme_item",
        "exercise_done",
        "phase_change",
        "suggestion_dismissal",
        "flag_outcome",
        "profile",
        "activity",
        "treatment",
        "treatment_dose",
        "appointment",
        "plan_rule",
        "flare_up",
        "factor",
        "factor_value",
        "psfs_item",
        "clinician_exercise",
    ),
    fk_actions=OUR_FK_ACTIONS,
    columns={
        "day": (
            "date",
            "back_wake",
            "leg_wake",
            "back_before",
            "leg_before",
            "back_during",
            "leg_during",
            "back_after",
            "leg_after",
            "stiffness",
            "sleep",
            "note",
            "updated_at",
            "rf_weakness",
            "rf_saddle",
            "rf_bladder",
            "rf_fever",
            "rf_night",
            "extent_l",
            "extent_r",
            "rf_sexual",
            "rf_weakness_worse",
            "rf_thoracic",
            "rf_trauma",
        ),
        "run": (
            "id",
            "date",
            "seq",
            "distance_m",
            "duration_s",
            "type",
            "surface",
            "notes",
            "source",
            "source_id",
            "created_at",
            "shoe_id",
            "started_at",
            "effort",
        ),
        "setting": (
            "key",
            "value",
        ),
        "symptom": (
            "date",
            "region",
            "intensity",
            "qualities",
        ),
        "red_flag": (
            "date",
            "code",
            "reason",
            "tier",
            "severity",
            "detail",
        ),
        "questionnaire": (
            "id",
            "date",
            "kind",
            "version",
            "answers",
            "score",
            "band",
            "created_at",
        ),
        "shoe": (
            "id",
            "name",
            "limit_m",
            "retired",
            "created_at",
        ),
        "exercise": (
            "id",
            "name",
            "kind",
            "targets",
            "steps",
            "sets",
            "reps",
            "hold_s",
            "per_side",
            "stop_when",
            "hidden",
            "created_at",
        ),
        "exercise_hidden": (
            "id",
            "hidden_at",
        ),
        "programme_item": (
            "id",
            "exercise_id",
            "position",
            "sets",
            "reps",
            "hold_s",
            "per_side",
            "weekdays",
            "valid_from",
            "valid_to",
        ),
        "exercise_done": (
            "date",
            "exercise_id",
            "sets_done",
            "note",
        ),
        "phase_change": (
            "id",
            "date",
            "from_phase",
            "to_phase",
            "why",
            "created_at",
        ),
        "suggestion_dismissal": (
            "kind",
            "date",
        ),
        "flag_outcome": (
            "code",
            "date",
            "kind",
            "note",
            "until",
            "created_at",
        ),
        "profile": (
            "key",
            "value",
            "since",
        ),
        "activity": (
            "id",
            "date",
            "seq",
            "sport",
            "duration_s",
            "distance_m",
            "effort",
            "pain_during",
            "pain_after",
            "notes",
            "source",
            "source_id",
            "started_at",
            "created_at",
        ),
        "treatment": (
            "id",
            "name",
            "kind",
            "schedule",
            "start",
            "end",
            "dose",
            "note",
            "created_at",
        ),
        "treatment_dose": (
            "id",
            "treatment_id",
            "date",
            "dose",
            "created_at",
        ),
        "appointment": (
            "id",
            "date",
            "who",
            "said",
            "instructions",
            "next_date",
            "created_at",
        ),
        "plan_rule": (
            "id",
            "appointment_id",
            "kind",
            "start",
            "end",
            "until",
            "amount",
            "text",
            "created_at",
        ),
        "flare_up": (
            "id",
            "start",
            "end",
            "note",
            "created_at",
        ),
        "factor": (
            "id",
            "name",
            "kind",
            "retired",
            "created_at",
        ),
        "factor_value": (
            "date",
            "factor_id",
            "value",
        ),
        "psfs_item": (
            "id",
            "name",
            "position",
            "added",
            "removed",
            "created_at",
        ),
        "clinician_exercise": (
            "appointment_id",
            "exercise_id",
            "position",
            "sets",
            "reps",
            "hold_s",
            "per_side",
            "previous_dose",
            "new_exercise",
        ),
    },
)


def defined() -> Defined:
    """The schema that backjournal's migrations build, read from a journal they build in memory.

    This is what the code defines, whatever a file holds: an export takes its file names from
    here, and the opening checks take the foreign-key actions allowed. For the migrations as
    they stand this is :data:`SHIPPED`; otherwise it is built once per list of migrations (about
    25 ms, plus sqlite-utils' import).
    """
    from backjournal.store.migrations import migrations

    if tuple(migrations.names()) == SHIPPED_MIGRATIONS:
        return SHIPPED
    return build_defined()


def build_defined() -> Defined:
    """:func:`defined`, always built from the migrations (the tests compare it to SHIPPED)."""
    from backjournal.store.migrations import migrations

    return _build(tuple(migrations._migrations))


@functools.lru_cache(maxsize=4)
def _build(registered: tuple) -> Defined:
    from sqlite_utils import Database

    from backjournal.store.migrations import migrations

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrations.runner().apply(Database(conn))
        names = tuple(_data_tables(conn))
        actions = frozenset(
            (table, row[3], row[2], row[5], row[6])
            for table in names
            for row in conn.execute(f"PRAGMA foreign_key_list({quote(table)})")
        )
        columns = {
            table: tuple(row[1] for row in conn.execute(f"PRAGMA table_info({quote(table)})"))
            for table in names
        }
    finally:
        conn.close()
    return Defined(names, actions, columns)


def _data_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_%' ESCAPE '\\' "
            "ORDER BY rowid"
        )
    ]


def table_names(conn: sqlite3.Connection) -> list[str]:
    """backjournal's data tables that this journal holds, by name (any other table is ignored)."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return sorted(name for name in defined().tables if name in present)


def describe(conn: sqlite3.Connection, name: str) -> Table:
    """One table: its columns, links, row id and natural keys."""
    # (imported here: the opening checks import this module, and start-up need not pay for it)
    from backjournal.io.tables import Column, ForeignKey, Table

    q = quote(name)
    info = conn.execute(f"PRAGMA table_info({q})").fetchall()
    columns = tuple(
        Column(
            name=row[1],
            affinity=affinity(row[2]),
            notnull=bool(row[3]) or (row[5] > 0 and affinity(row[2]) != "INTEGER"),
            has_default=row[4] is not None,
            pk=row[5] > 0,
        )
        for row in info
    )
    pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5] > 0]
    row_id = None
    if len(pk) == 1 and next(r[2] for r in info if r[1] == pk[0]).upper() == "INTEGER":
        row_id = pk[0]  # only a column declared exactly "INTEGER PRIMARY KEY" is the row id
    fks = tuple(
        ForeignKey(column=row[3], table=row[2], target=row[4] or _primary_key(conn, row[2]))
        for row in conn.execute(f"PRAGMA foreign_key_list({q})")
    )
    return Table(
        name=name,
        columns=columns,
        foreign_keys=fks,
        row_id=row_id,
        natural_keys=NATURAL_KEYS.get(name) or _natural_keys(conn, name, pk, row_id, columns),
    )


def tables(conn: sqlite3.Connection) -> list[Table]:
    """Every user-data table, each after the tables it refers to (then by name)."""
    described = {name: describe(conn, name) for name in table_names(conn)}
    ordered: list[Table] = []
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name not in described or name in path:
            return  # a link to itself or in a cycle cannot order anything: keep the name order
        for fk in described[name].foreign_keys:
            visit(fk.table, (*path, name))
        done.add(name)
        ordered.append(described[name])

    for name in described:
        visit(name, ())
    return ordered


def _primary_key(conn: sqlite3.Connection, table: str) -> str:
    info = conn.execute(f"PRAGMA table_info({quote(table)})").fetchall()
    pk = [row[1] for row in info if row[5] > 0]
    return pk[0] if pk else "rowid"


def _natural_keys(
    conn: sqlite3.Connection,
    name: str,
    pk: list[str],
    row_id: str | None,
    columns: tuple[Column, ...],
) -> tuple[tuple[str, ...], ...]:
    keys: list[tuple[str, ...]] = []
    if pk and not row_id:
        keys.append(tuple(pk))
    for index in conn.execute(f"PRAGMA index_list({quote(name)})").fetchall():
        _, index_name, unique, origin, partial = index[:5]
        if not unique or partial or origin == "pk":
            continue
        cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({quote(index_name)})"))
        if cols and all(cols) and cols not in keys:
            keys.append(cols)
    if not keys:
        keys.append(tuple(c.name for c in columns if c.name != row_id))
    return tuple(keys)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
