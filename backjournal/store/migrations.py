"""The journal's schema, as ordered, named, append-only migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: append a new one. Each runs inside the journal's
``BEGIN IMMEDIATE`` write transaction together with its record, so a failure leaves nothing behind.

The migrations are registered as plain functions and handed to sqlite-utils' ``Migrations`` only
when one is pending: importing sqlite-utils costs about 30 ms, which every start-up and every quick
entry would otherwise pay for a journal that is already up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "backjournal"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own record of applied migrations


@dataclass(frozen=True)
class Migration:
    """One named schema change."""

    name: str
    fn: Callable[[Database], None]


class MigrationList:
    """The ordered, append-only list of migrations, run by sqlite-utils when one is pending."""

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str | None = None) -> Callable[[Callable], Callable]:
        """Register the decorated function as the next migration."""

        def inner(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            migration_name = name or fn.__name__
            if migration_name in self.names():
                raise ValueError(f"migration {migration_name} is already registered")
            self._migrations.append(Migration(migration_name, fn))
            return fn

        return inner

    def names(self) -> list[str]:
        """The names of all migrations, in order."""
        return [m.name for m in self._migrations]

    def runner(self) -> Migrations:
        """sqlite-utils' ``Migrations`` holding these functions (imports sqlite-utils)."""
        from sqlite_utils.migrations import Migrations

        runner = Migrations(self.name)
        for migration in self._migrations:
            runner(name=migration.name)(migration.fn)
        return runner


migrations = MigrationList(MIGRATION_SET)


@migrations()
def m001_days_runs_settings(db: Database) -> None:
    """Days with their pain scores, runs within a day, and key/value settings."""
    pain = "INTEGER CHECK ({0} IS NULL OR ({0} BETWEEN 0 AND 10 AND typeof({0}) = 'integer'))"
    pain_cols = ",\n".join(
        f"    {col} {pain.format(col)}"
        for col in (
            "back_wake",
            "leg_wake",
            "back_before",
            "leg_before",
            "back_during",
            "leg_during",
            "back_after",
            "leg_after",
            "stiffness",
        )
    )
    db.execute(
        f"""
        CREATE TABLE day (
            date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        {pain_cols},
            sleep INTEGER CHECK (sleep IS NULL OR sleep BETWEEN 1 AND 5),
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE run (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL REFERENCES day(date) ON DELETE CASCADE,
            seq INTEGER NOT NULL DEFAULT 0,
            distance_m REAL NOT NULL CHECK (distance_m >= 0 AND distance_m <= 300000),
            duration_s INTEGER CHECK (duration_s IS NULL OR duration_s > 0),
            type TEXT NOT NULL DEFAULT 'easy'
                CHECK (type IN ('easy', 'long', 'tempo', 'intervals', 'race', 'other')),
            surface TEXT NOT NULL DEFAULT 'road'
                CHECK (surface IN ('road', 'trail', 'track', 'treadmill', 'grass')),
            notes TEXT NOT NULL DEFAULT '',
            source TEXT,
            source_id TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX run_date ON run(date, seq)")
    db.execute(
        "CREATE UNIQUE INDEX run_source ON run(source, source_id) WHERE source_id IS NOT NULL"
    )
    db.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m002_symptoms(db: Database) -> None:
    """Body-map marks, per-day sciatica extent and red-flag check, recorded red flags, and
    questionnaires (the Oswestry check-in)."""
    for column in ("rf_weakness", "rf_saddle", "rf_bladder", "rf_fever", "rf_night"):
        db.execute(
            f"ALTER TABLE day ADD COLUMN {column} INTEGER "
            f"CHECK ({column} IS NULL OR {column} IN (0, 1))"
        )
    for column in ("extent_l", "extent_r"):
        db.execute(
            f"ALTER TABLE day ADD COLUMN {column} INTEGER "
            f"CHECK ({column} IS NULL OR {column} BETWEEN 0 AND 5)"
        )
    db.execute(
        """
        CREATE TABLE symptom (
            date TEXT NOT NULL REFERENCES day(date) ON DELETE CASCADE,
            region TEXT NOT NULL,
            intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
            qualities TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (date, region)
        )
        """
    )
    db.execute("CREATE INDEX symptom_region ON symptom(region, date)")
    db.execute(
        """
        CREATE TABLE red_flag (
            date TEXT NOT NULL REFERENCES day(date) ON DELETE CASCADE,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (date, code)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE questionnaire (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            kind TEXT NOT NULL,
            version TEXT NOT NULL,
            answers TEXT NOT NULL,
            score REAL,
            band TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX questionnaire_kind_date ON questionnaire(kind, date)")


@migrations()
def m004_shoes(db: Database) -> None:
    """Shoes (a name, an optional retirement distance, retired or not), and each run's shoe."""
    db.execute(
        """
        CREATE TABLE shoe (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            limit_m REAL CHECK (limit_m IS NULL OR limit_m > 0),
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("ALTER TABLE run ADD COLUMN shoe_id INTEGER REFERENCES shoe(id) ON DELETE SET NULL")
    db.execute("CREATE INDEX run_shoe ON run(shoe_id)")


@migrations()
def m004_run_start_time(db: Database) -> None:
    """When a run started (ISO 8601 UTC), for runs imported from activity files: it tells the same
    activity from two sources apart (same start and distance)."""
    db.execute("ALTER TABLE run ADD COLUMN started_at TEXT")


@migrations()
def m005_exercises(db: Database) -> None:
    """Exercises (issue #4): the user's own exercises (built-ins live in code), the built-ins the
    user hid, the programme's items with the dates they were in force, the exercises ticked per
    day, the phase history, and dismissed phase suggestions.

    Natural keys (for idempotent imports): a tick by (date, exercise), a programme item by
    (valid_from, exercise), a phase change by its date, a dismissal by (kind, date).

    Exercise ids are not foreign keys: built-ins have no row. The store checks them on every write,
    and a tick of an unknown id (imported from another journal) is shown under its id.
    """
    iso = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    slug = "{0} GLOB '[a-z0-9]*' AND {0} NOT GLOB '*[^a-z0-9-]*' AND length({0}) <= 40"
    dose = """
            sets INTEGER NOT NULL CHECK (sets BETWEEN 1 AND 20 AND typeof(sets) = 'integer'),
            reps INTEGER CHECK (reps IS NULL OR (reps BETWEEN 1 AND 200
                AND typeof(reps) = 'integer')),
            hold_s INTEGER CHECK (hold_s IS NULL OR (hold_s BETWEEN 1 AND 600
                AND typeof(hold_s) = 'integer')),
            per_side INTEGER NOT NULL DEFAULT 0 CHECK (per_side IN (0, 1)),
    """
    phases = "('relief', 'strengthening', 'maintenance')"
    db.execute(
        f"""
        CREATE TABLE exercise (
            id TEXT PRIMARY KEY CHECK ({slug.format("id")}),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('strength', 'stretch', 'mobility')),
            targets TEXT NOT NULL DEFAULT '',
            steps TEXT NOT NULL DEFAULT '',
            {dose}
            stop_when TEXT NOT NULL DEFAULT '',
            hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
            created_at TEXT NOT NULL,
            CHECK ((reps IS NULL) <> (hold_s IS NULL))
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE exercise_hidden (
            id TEXT PRIMARY KEY CHECK ({slug.format("id")}),
            hidden_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE programme_item (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL CHECK ({slug.format("exercise_id")}),
            position INTEGER NOT NULL CHECK (position >= 0),
            {dose}
            weekdays TEXT NOT NULL CHECK (length(weekdays) BETWEEN 1 AND 7
                AND weekdays NOT GLOB '*[^0-6]*'),
            valid_from TEXT NOT NULL CHECK (valid_from {iso}),
            valid_to TEXT CHECK (valid_to IS NULL OR (valid_to {iso} AND valid_to > valid_from)),
            CHECK ((reps IS NULL) <> (hold_s IS NULL))
        )
        """
    )
    db.execute("CREATE INDEX programme_item_in_force ON programme_item(valid_to, valid_from)")
    # An exercise is once in a programme version: the natural key that keeps re-imports idempotent
    # (a key of every column would not: valid_to and reps or hold_s are often NULL).
    db.execute("CREATE UNIQUE INDEX programme_item_key ON programme_item(valid_from, exercise_id)")
    db.execute(
        f"""
        CREATE TABLE exercise_done (
            date TEXT NOT NULL CHECK (date {iso}),
            exercise_id TEXT NOT NULL CHECK ({slug.format("exercise_id")}),
            sets_done INTEGER CHECK (sets_done IS NULL OR (sets_done BETWEEN 1 AND 20
                AND typeof(sets_done) = 'integer')),
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (date, exercise_id)
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE phase_change (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL CHECK (date {iso}),
            from_phase TEXT CHECK (from_phase IS NULL OR from_phase IN {phases}),
            to_phase TEXT NOT NULL CHECK (to_phase IN {phases}),
            why TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    # One change a day (the day's last word): its natural key is its date.
    db.execute("CREATE UNIQUE INDEX phase_change_date ON phase_change(date)")
    db.execute(
        f"""
        CREATE TABLE suggestion_dismissal (
            kind TEXT NOT NULL CHECK (kind IN ('maintenance', 'back')),
            date TEXT NOT NULL CHECK (date {iso}),
            PRIMARY KEY (kind, date)
        )
        """
    )


@migrations()
def m007_other_activity(db: Database) -> None:
    """Other activity (issue #20): walks, rides, swims and sessions, many per day, each with its
    minutes, an optional distance and effort (CR-10), pain during and after (the worse of back
    and leg), and a note. Imported ones keep their source and start time, so that a re-import
    finds them (natural key: source and source id, as for runs)."""
    score = "INTEGER CHECK ({0} IS NULL OR ({0} BETWEEN 0 AND 10 AND typeof({0}) = 'integer'))"
    db.execute(
        f"""
        CREATE TABLE activity (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL REFERENCES day(date) ON DELETE CASCADE,
            seq INTEGER NOT NULL DEFAULT 0,
            sport TEXT NOT NULL CHECK (sport IN ('walk', 'hike', 'ride', 'swim', 'elliptical',
                'row', 'strength', 'yoga', 'other')),
            duration_s INTEGER NOT NULL CHECK (typeof(duration_s) = 'integer'
                AND duration_s BETWEEN 60 AND 86400),
            distance_m REAL CHECK (distance_m IS NULL OR distance_m BETWEEN 0 AND 1000000),
            effort {score.format("effort")},
            pain_during {score.format("pain_during")},
            pain_after {score.format("pain_after")},
            notes TEXT NOT NULL DEFAULT '',
            source TEXT,
            source_id TEXT,
            started_at TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX activity_date ON activity(date, seq)")
    db.execute(
        "CREATE UNIQUE INDEX activity_source ON activity(source, source_id) "
        "WHERE source_id IS NOT NULL"
    )


@migrations()
def m008_clinical_record(db: Database) -> None:
    """The clinical record (issue #17): treatments and their doses, appointments with the plan
    rules the journal understood, flare-ups, the user's own daily factors, the PSFS activities,
    and the effort (CR-10) of each run."""
    iso = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    db.execute(
        "ALTER TABLE run ADD COLUMN effort INTEGER CHECK (effort IS NULL OR "
        "(effort BETWEEN 0 AND 10 AND typeof(effort) = 'integer'))"
    )
    db.execute(
        f"""
        CREATE TABLE treatment (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('medication', 'physio', 'injection', 'massage',
                'other')),
            schedule TEXT NOT NULL CHECK (schedule IN ('course', 'as-needed', 'once')),
            start TEXT NOT NULL CHECK (start {iso}),
            "end" TEXT CHECK ("end" IS NULL OR ("end" {iso} AND "end" >= start)),
            dose TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX treatment_start ON treatment(start)")
    db.execute(
        f"""
        CREATE TABLE treatment_dose (
            id INTEGER PRIMARY KEY,
            treatment_id INTEGER NOT NULL REFERENCES treatment(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date {iso}),
            dose TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX treatment_dose_date ON treatment_dose(date)")
    db.execute(
        f"""
        CREATE TABLE appointment (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL CHECK (date {iso}),
            who TEXT NOT NULL DEFAULT '',
            said TEXT NOT NULL DEFAULT '',
            instructions TEXT NOT NULL DEFAULT '',
            next_date TEXT CHECK (next_date IS NULL OR (next_date {iso} AND next_date > date)),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX appointment_date ON appointment(date)")
    db.execute(
        f"""
        CREATE TABLE plan_rule (
            id INTEGER PRIMARY KEY,
            appointment_id INTEGER REFERENCES appointment(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('no-running-until', 'max-distance-per-run',
                'max-runs-per-week', 'no-consecutive-days')),
            start TEXT NOT NULL CHECK (start {iso}),
            "end" TEXT CHECK ("end" IS NULL OR ("end" {iso} AND "end" >= start)),
            until TEXT CHECK (until IS NULL OR until {iso}),
            amount REAL,
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX plan_rule_start ON plan_rule(start)")
    db.execute(
        f"""
        CREATE TABLE flare_up (
            id INTEGER PRIMARY KEY,
            start TEXT NOT NULL CHECK (start {iso}),
            "end" TEXT CHECK ("end" IS NULL OR ("end" {iso} AND "end" >= start)),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX flare_up_start ON flare_up(start)")
    db.execute(
        """
        CREATE TABLE factor (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('yes-no', 'scale')),
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE factor_value (
            date TEXT NOT NULL REFERENCES day(date) ON DELETE CASCADE,
            factor_id INTEGER NOT NULL REFERENCES factor(id) ON DELETE CASCADE,
            value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10 AND typeof(value) = 'integer'),
            PRIMARY KEY (date, factor_id)
        )
        """
    )
    db.execute("CREATE INDEX factor_value_factor ON factor_value(factor_id, date)")
    db.execute(
        f"""
        CREATE TABLE psfs_item (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            position INTEGER NOT NULL DEFAULT 0,
            added TEXT NOT NULL CHECK (added {iso}),
            removed TEXT CHECK (removed IS NULL OR removed {iso}),
            created_at TEXT NOT NULL
        )
        """
    )
