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
    "activity",
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
]


def export_files(*extra_tables: str) -> list[str]:
    """The files of a full CSV export, sorted: one per data table (and ``extra_tables``), and
    daily.csv."""
    return sorted([f"{t}.csv" for t in (*DATA_TABLES, *extra_tables)] + ["daily.csv"])
