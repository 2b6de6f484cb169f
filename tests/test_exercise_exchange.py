"""Exercises travel through the generic export, import, restore and backup paths: a JSON export
restored into a new journal exports again identically, a CSV export imports back whole and twice
adds nothing, and a backup holds the programme."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.exercises import Dose, Exercise, ProgrammeItem
from backjournal.domain.models import DayEntry
from backjournal.store import Journal

D = dt.timedelta


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def fill(path: Path) -> None:
    """A journal with an own exercise, a hidden built-in, two phases, two programme versions,
    ticks with sets and notes, and a dismissed suggestion."""
    with Journal.open(path) as journal:
        store = journal.exercises
        journal.save_day(DayEntry("2026-11-01", back_wake=3), TODAY)
        store.add(
            Exercise(
                "wall-angel",
                'Wall angel, "slow"',
                "mobility",
                "=upper back",
                ("Stand against a wall.", "Slide your arms up; Größe ✓."),
                Dose(2, reps=10),
                "Stop if it pinches.",
                builtin=False,
            )
        )
        store.set_hidden("childs-pose", True)
        store.start("relief", on=TODAY - D(days=20), why='flare, "bad"', today=TODAY)
        store.set_phase(
            "strengthening",
            on=TODAY - D(days=5),
            why="settling",
            items=[
                ProgrammeItem("bird-dog", Dose(3, reps=8, per_side=True), (0, 2, 4)),
                ProgrammeItem("wall-angel", Dose(2, reps=10), (1, 3)),
            ],
            today=TODAY,
        )
        store.done(TODAY - D(days=6), ["cat-camel", "pelvic-tilt"], today=TODAY)
        store.tick(TODAY, "bird-dog", sets_done=2, note='=tired, "very"', today=TODAY)
        store.tick(TODAY, "wall-angel", today=TODAY)
        store.dismiss_suggestion("maintenance", on=TODAY, today=TODAY)


def state(path: Path):
    with Journal.open(path) as journal:
        store = journal.exercises
        return (
            store.library(include_hidden=True),
            store.programme(),
            store.programme(TODAY - D(days=6)),
            store.phase_history(),
            store.checklist(TODAY),
            store.checklist(TODAY - D(days=6)),
            store.adherence(TODAY),
        )


def without_time(path: Path) -> str:
    lines = path.read_text().splitlines()
    return "\n".join(line for line in lines if '"exported_at"' not in line)


def test_json_restore_gives_back_the_same_programme_ticks_and_history(db_path, tmp_path):
    """export json, restore into a new file, export again: identical bar exported_at, and the
    store reads the same library, programmes, phases, checklists and adherence."""
    fill(db_path)
    first = tmp_path / "first.json"
    assert invoke("export", "json", "--out", str(first)).exit_code == 0
    new = tmp_path / "restored.db"
    result = invoke("--db", str(new), "restore", str(first))
    assert result.exit_code == 0, result.output
    assert "exercise_done 4 added" in result.stdout and "programme_item 7 added" in result.stdout
    second = tmp_path / "second.json"
    assert invoke("--db", str(new), "export", "json", "--out", str(second)).exit_code == 0
    assert without_time(second) == without_time(first)
    assert state(new) == state(db_path)


def test_csv_export_imports_back_whole_and_twice_adds_nothing(db_path, tmp_path):
    """The exercise tables' CSV files import into a new journal whole; a second import adds
    nothing (natural keys: a tick by date and exercise)."""
    fill(db_path)
    out = tmp_path / "out"
    assert invoke("export", "csv", "--out", str(out)).exit_code == 0
    new = tmp_path / "new.db"
    result = invoke("--db", str(new), "import", "csv", str(out))
    assert result.exit_code == 0, result.output
    assert state(new) == state(db_path)
    again = invoke("--db", str(new), "import", "csv", str(out))
    assert again.exit_code == 0
    first_line = again.stdout.splitlines()[0]
    assert "exercise_done 4 already there" in first_line
    assert "programme_item 7 already there" in first_line
    assert "phase_change 2 already there" in first_line
    assert not re.search(r"[1-9]\d* added", first_line)
    assert state(new) == state(db_path)


def test_a_bad_tick_in_an_import_is_named_and_nothing_written(db_path, tmp_path):
    """A tick with an impossible sets value is refused by the schema: the import names it and
    writes nothing."""
    fill(db_path)
    out = tmp_path / "out"
    assert invoke("export", "csv", "--out", str(out)).exit_code == 0
    done = out / "exercise_done.csv"
    done.write_text(done.read_text().replace("bird-dog,2,", "bird-dog,99,"))
    new = tmp_path / "new.db"
    result = invoke("--db", str(new), "import", "csv", str(out))
    assert result.exit_code == 1
    with Journal.open(new) as journal:
        assert journal.exercises.checklist(TODAY) == []


def test_backup_holds_the_exercise_tables(db_path, tmp_path):
    """backjournal backup copies the programme and ticks with the rest of the journal."""
    fill(db_path)
    result = invoke("backup", str(tmp_path / "copies"))
    assert result.exit_code == 0, result.output
    (copy,) = (tmp_path / "copies").glob("*.db")
    assert state(copy) == state(db_path)


def test_state_changes_when_the_data_does(db_path, tmp_path):
    """The comparison above can fail: one more tick changes the state read."""
    fill(db_path)
    before = state(db_path)
    with Journal.open(db_path) as journal:
        journal.exercises.tick(TODAY, "plank", today=TODAY)
    after = state(db_path)
    assert before != after
    assert dataclasses.asdict(after[-1]) != dataclasses.asdict(before[-1]) or after[4] != before[4]
