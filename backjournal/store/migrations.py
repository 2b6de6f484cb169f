"""The journal's schema, as ordered, named, append-only migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: append a new one. Each runs inside the journal's
``BEGIN IMMEDIATE`` write transaction together with its record, so a failure leaves nothing behind.

The migrations are registered as plain functions and handed to sqlite-utils' ``Migrations`` only
when one is pending: importing sqlite-utils costs about 30 ms, which every start-up and every quick
entry would otherwise pay for a journal that is already up to date.

Why one module of over 600 lines: the migrations are history, appended to and never edited, and
read in order; one file is the one place that shows what a journal of any release holds.
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
def m006_red_flags(db: Database) -> None:
    """Red flags in two tiers (issue #13, CLINICAL.md): the daily check's new questions (sexual
    function, worsening weakness, mid or upper back pain, trauma), each recorded flag's tier,
    severity and detail, the outcomes the user records ("seen by a clinician" with what they said,
    or "resolved"), and the profile's risk factors and year of birth.

    The day's earlier answers are kept as they are; the recorded flags are derived from them, so
    they are recomputed by the new rules (severe pain counts on 2 days running, leg symptoms in
    both legs only with nerve-like qualities).
    """
    from backjournal.store.symptoms import refresh_all_flags

    iso = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
    for column in ("rf_sexual", "rf_weakness_worse", "rf_thoracic", "rf_trauma"):
        db.execute(
            f"ALTER TABLE day ADD COLUMN {column} INTEGER "
            f"CHECK ({column} IS NULL OR {column} IN (0, 1))"
        )
    db.execute(
        "ALTER TABLE red_flag ADD COLUMN tier INTEGER NOT NULL DEFAULT 2 CHECK (tier IN (1, 2))"
    )
    db.execute("ALTER TABLE red_flag ADD COLUMN severity INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE red_flag ADD COLUMN detail TEXT NOT NULL DEFAULT ''")
    db.execute(
        f"""
        CREATE TABLE flag_outcome (
            code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
            date TEXT NOT NULL CHECK (date {iso}),
            kind TEXT NOT NULL CHECK (kind IN ('seen', 'resolved')),
            note TEXT NOT NULL DEFAULT '',
            until TEXT CHECK (until IS NULL OR (until {iso} AND until >= date)),
            created_at TEXT NOT NULL,
            PRIMARY KEY (code, date)
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE profile (
            key TEXT PRIMARY KEY CHECK (key IN ('cancer', 'steroids', 'immunosuppression',
                'osteoporosis', 'birth_year')),
            value TEXT NOT NULL,
            since TEXT NOT NULL CHECK (since {iso})
        )
        """
    )
    refresh_all_flags(db.conn)


@migrations()
def m009_import_folder(db: Database) -> None:
    """The import folder (issue #16): the folder this computer's watch or sync app writes
    activity files to, and every file already considered there, so that each is read once.

    Both tables start with ``_``: they describe this computer's files, not the runner's journal,
    and are left out of exports (a journal opened elsewhere would name folders that are not
    there). A file is known by its name, size and modification time, then by its content hash
    (a file copied again, or touched, is not read twice); its outcome and reason are kept, so
    that a refused file is reported once, not at every start. ``listing`` is a digest of the
    folder's (name, size, mtime) as last synced: when it has not changed, nothing is new.
    """
    db.execute(
        """
        CREATE TABLE _import_folder (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            path TEXT NOT NULL CHECK (length(path) > 0),
            listing TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE _import_file (
            name TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'nothing new', 'refused')),
            reason TEXT NOT NULL DEFAULT '',
            seen_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX _import_file_sha256 ON _import_file(sha256)")


# The extent rule of m011 (CLINICAL.md, issue #14), frozen here: a later change to the rule in
# backjournal.domain.body must not change what this migration did.
_M011_NERVE = frozenset({"shooting", "tingling", "numbness", "burning", "weakness"})
_M011_BACK = frozenset({"neck", "upper-back", "mid-back", "low-back", "low-back-l", "low-back-r"})
_M011_LEVELS = {
    "si-joint": 2, "buttock": 2, "hip": 2, "thigh-back": 3, "groin": 3, "thigh-front": 3,
    "knee": 3, "calf": 4, "shin": 4, "sole": 5, "foot": 5,
}  # fmt: skip


@migrations()
def m011_numbers(db: Database) -> None:
    """Recompute every stored extent by the rule of issue #14: a mark from the buttock down counts
    only with a nerve-like quality (shooting, tingling, numbness, burning, weakness). An aching
    knee recorded before counted as "thigh" level; now it is local pain, as CLINICAL.md says. The
    marks themselves are not touched; days without marks keep their (empty) extent. The Oswestry
    bands take CLINICAL.md's neutral names."""
    marks: dict[str, list[tuple[str, str]]] = {}
    for date, region, qualities in db.execute(
        "SELECT date, region, qualities FROM symptom ORDER BY date"
    ).fetchall():
        marks.setdefault(date, []).append((region, qualities))
    for date, day_marks in marks.items():
        left = right = 0
        for region, qualities in day_marks:
            if region in _M011_BACK:
                level = 1
                side = region[-1] if region.endswith(("-l", "-r")) else None
            else:
                base, side = region.rsplit("-", 1)
                level = _M011_LEVELS.get(base, 0)
                if not _M011_NERVE.intersection(qualities.split("+")):
                    continue
            if side in (None, "l"):
                left = max(left, level)
            if side in (None, "r"):
                right = max(right, level)
        db.execute("UPDATE day SET extent_l = ?, extent_r = ? WHERE date = ?", (left, right, date))


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


@migrations()
def m012_clinician_exercises(db: Database) -> None:
    """The exercises a clinician gave at an appointment (issue #17): each row links an
    appointment to one of the user's exercises (a built-in adopted, or an exercise of their own
    made for it) with the clinician's dose, the dose the programme held before (NULL: it was not
    in the programme) and whether the appointment made the exercise. The exercise and its place
    in the programme are the user's: deleting the appointment deletes only this link.

    Natural key: (appointment, exercise); an exercise is given once per appointment.
    """
    slug = "{0} GLOB '[a-z0-9]*' AND {0} NOT GLOB '*[^a-z0-9-]*' AND length({0}) <= 40"
    db.execute(
        f"""
        CREATE TABLE clinician_exercise (
            appointment_id INTEGER NOT NULL REFERENCES appointment(id) ON DELETE CASCADE,
            exercise_id TEXT NOT NULL CHECK ({slug.format("exercise_id")}),
            position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
            sets INTEGER NOT NULL CHECK (sets BETWEEN 1 AND 20 AND typeof(sets) = 'integer'),
            reps INTEGER CHECK (reps IS NULL OR (reps BETWEEN 1 AND 200
                AND typeof(reps) = 'integer')),
            hold_s INTEGER CHECK (hold_s IS NULL OR (hold_s BETWEEN 1 AND 600
                AND typeof(hold_s) = 'integer')),
            per_side INTEGER NOT NULL DEFAULT 0 CHECK (per_side IN (0, 1)),
            previous_dose TEXT,
            new_exercise INTEGER NOT NULL DEFAULT 0 CHECK (new_exercise IN (0, 1)),
            PRIMARY KEY (appointment_id, exercise_id),
            CHECK ((reps IS NULL) <> (hold_s IS NULL))
        )
        """
    )
    # Exercises and `plan` look up where an exercise came from: by exercise, newest first.
    db.execute("CREATE INDEX clinician_exercise_exercise ON clinician_exercise(exercise_id)")
