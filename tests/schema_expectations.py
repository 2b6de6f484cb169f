"""The journal's shape as the tests expect it, written out by hand (not read from the code, so
that a change to the schema must change these too): the data tables, the day and run tables'
columns, and the files a CSV export writes. Shared by the store, export and UI tests."""

from __future__ import annotations

DATA_TABLES = (
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
)

DAY_TABLE_COLUMNS = [
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
]

RUN_TABLE_COLUMNS = [
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
]


def export_files(*extra_tables: str) -> list[str]:
    """The files of a full CSV export, sorted: one per data table (and ``extra_tables``), and
    daily.csv."""
    return sorted([f"{t}.csv" for t in (*DATA_TABLES, *extra_tables)] + ["daily.csv"])


# The order in which export, import and restore go through the tables: the day first, then the
# others by name, a table after the tables it refers to (run after shoe, a dose after its
# treatment). Written out by hand, like the rest of this file.
EXPORT_ORDER = (
    "day",
    "activity",
    "appointment",
    "clinician_exercise",
    "exercise",
    "exercise_done",
    "exercise_hidden",
    "factor",
    "factor_value",
    "flag_outcome",
    "flare_up",
    "phase_change",
    "plan_rule",
    "profile",
    "programme_item",
    "psfs_item",
    "questionnaire",
    "red_flag",
    "shoe",
    "run",
    "setting",
    "suggestion_dismissal",
    "symptom",
    "treatment",
    "treatment_dose",
)


def files_line(rows: dict[str, int]) -> str:
    """``day.csv (3 rows), activity.csv (0 rows), ...``: an export's summary, tables not named
    in ``rows`` holding none."""
    return ", ".join(f"{name}.csv ({rows.get(name, 0)} rows)" for name in EXPORT_ORDER)


def counts_line(counts: dict[str, str]) -> str:
    """``day 4 added · activity 0 added · ...``: an import's or restore's counts, tables not
    named in ``counts`` with "0 added"."""
    return " · ".join(f"{name} {counts.get(name, '0 added')}" for name in EXPORT_ORDER)
