"""``backjournal export json`` and ``backjournal restore``: the whole journal in one documented
file, and back into an empty journal in one transaction."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY
from schema_expectations import EXPORT_ORDER, RUN_TABLE_COLUMNS, counts_line

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run, Settings
from backjournal.io.json_format import FORMAT_VERSION
from backjournal.store import Journal

NOTES = ["=1+1", 'a "quoted", comma\nnew line', "Größe ✓ 走る", "-3 km"]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def fill(path: Path) -> None:
    with Journal.open(path) as journal:
        journal.save_settings(Settings(units="mi", week_start="sunday"))
        for i, note in enumerate(NOTES):
            journal.save_day(
                DayEntry(
                    f"2026-11-{10 + i:02d}",
                    back_wake=i,
                    sleep=3,
                    note=note,
                    runs=[Run(5000.5 + i, 1800 + i, notes=note)] if i % 2 else [],
                ),
                TODAY,
            )
        journal.save_day(DayEntry("2026-11-20", runs=[Run(3000), Run(7000, type="long")]), TODAY)
        journal.delete_day("2026-11-11")  # run ids now have a gap, which a restore keeps


def export_json(tmp_path: Path, db: Path | None = None, name: str = "j.json") -> Path:
    target = tmp_path / name
    args = ["--db", str(db)] if db else []
    result = invoke(*args, "export", "json", "--out", str(target))
    assert result.exit_code == 0, result.output
    return target


def without_time(path: Path) -> str:
    lines = path.read_text().splitlines()
    return "\n".join(line for line in lines if '"exported_at"' not in line)


def test_export_json_is_the_documented_object(db_path, tmp_path):
    """The file says its format, version, migrations and units, and holds every table as a list
    of objects with every column; it is 0600."""
    fill(db_path)
    path = export_json(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "backjournal"
    assert doc["format_version"] == FORMAT_VERSION == 1
    assert doc["migrations"] == [
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
    ]
    assert doc["units"]["distance"].startswith("metres") and doc["units"]["display"] == "mi"
    assert list(doc["tables"]) == list(EXPORT_ORDER)
    assert [d["note"] for d in doc["tables"]["day"]] == [NOTES[0], *NOTES[2:], ""]
    assert doc["tables"]["run"][0]["distance_m"] == 5003.5
    assert list(doc["tables"]["run"][0]) == RUN_TABLE_COLUMNS
    assert {"key": "units", "value": "mi"} in doc["tables"]["setting"]


def test_export_json_to_standard_output(db_path):
    """--out - prints the same document to stdout."""
    fill(db_path)
    result = invoke("export", "json", "--out", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tables"]["day"][0]["date"] == "2026-11-10"


def test_restore_into_an_empty_journal_gives_back_the_same_journal(db_path, tmp_path):
    """export json, restore into a new file, export again: the same file bar exported_at, run
    ids included."""
    fill(db_path)
    first = export_json(tmp_path)
    new = tmp_path / "restored.db"
    result = invoke("--db", str(new), "restore", str(first))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Restored {first} into {new}: "
        + counts_line({"day": "4 added", "run": "3 added", "setting": "4 added"})
        + "\n"
    )
    second = export_json(tmp_path, new, "again.json")
    assert without_time(second) == without_time(first)
    with Journal.open(new) as journal:
        assert journal.settings() == Settings(units="mi", week_start="sunday")
        assert journal.get_day("2026-11-13").runs[0].notes == "-3 km"


def test_restore_replaces_the_settings_of_a_journal_without_entries(db_path, tmp_path):
    """A new journal whose settings were changed is still empty enough: the file's settings win."""
    fill(db_path)
    path = export_json(tmp_path)
    new = tmp_path / "new.db"
    with Journal.open(new) as journal:
        journal.save_settings(Settings(units="km", theme="nord"))
    assert invoke("--db", str(new), "restore", str(path)).exit_code == 0
    with Journal.open(new) as journal:
        assert journal.settings().units == "mi"


def test_restore_refuses_a_journal_with_entries(db_path, tmp_path):
    """A journal holding a day is refused in one line, and left exactly as it was."""
    fill(db_path)
    path = export_json(tmp_path)
    before = export_json(tmp_path, db_path, "before.json")
    result = invoke("restore", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"backjournal: {db_path} already holds entries; restore only fills an empty journal, so "
        "that nothing is mixed or lost (name a new file with --db, e.g. --db restored.db)\n"
    )
    assert without_time(export_json(tmp_path, db_path, "after.json")) == without_time(before)


def document(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: "not json {", "is not JSON (line 1"),
        (lambda d: json.dumps({"tables": {}}), "is not a backjournal JSON export"),
        (
            lambda d: json.dumps({**d, "format_version": 2}),
            "written by a newer backjournal (format 2)",
        ),
        (
            lambda d: json.dumps({**d, "migrations": [*d["migrations"], "m099_future"]}),
            "written by a newer backjournal (it has m099_future); upgrade",
        ),
        (
            lambda d: json.dumps({**d, "tables": {**d["tables"], "gadget": []}}),
            "holds a table this journal does not have (gadget)",
        ),
    ],
    ids=["not-json", "not-ours", "newer-format", "newer-schema", "unknown-table"],
)
def test_restore_refuses_a_file_it_cannot_use(db_path, tmp_path, change, message):
    """A file that is not ours or is from a newer version is one line, and nothing is written."""
    fill(db_path)
    source = export_json(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text(change(document(source)), encoding="utf-8")
    new = tmp_path / "new.db"
    result = invoke("--db", str(new), "restore", str(bad))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    with Journal.open(new) as journal:
        assert not journal.has_entries()


def test_restore_names_every_bad_record_and_writes_nothing(db_path, tmp_path):
    """Bad values in several records are all named (table, record, column, the Today screen's
    words) and the journal stays empty."""
    fill(db_path)
    doc = document(export_json(tmp_path))
    doc["tables"]["day"][1]["back_wake"] = 11
    doc["tables"]["day"][2]["sleep"] = "good"
    doc["tables"]["run"][2]["date"] = "2026-10-01"  # a day that is not in the file
    doc["tables"]["run"][0]["type"] = "jog"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    new = tmp_path / "new.db"
    result = invoke("--db", str(new), "restore", str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"backjournal: nothing restored: 4 bad records in {bad}",
        "  bad.json: day record 2: back_wake: pain must be 0-10, not 11",
        "  bad.json: day record 3: sleep: expected a number, not 'good'",
        "  bad.json: run record 1: type: type must be one of easy, long, tempo, intervals, race, "
        "other",
        "  bad.json: run record 3: date: 2026-10-01 is not in day (neither in the journal nor "
        "among the rows imported)",
    ]
    with Journal.open(new) as journal:
        assert not journal.has_entries()
        assert journal.settings() == Settings()
