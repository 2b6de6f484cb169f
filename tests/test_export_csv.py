"""``backjournal export csv``: one file per table plus daily.csv, private, stable and safe to open
in a spreadsheet."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY
from schema_expectations import (
    DAY_TABLE_COLUMNS,
    EXPORT_ORDER,
    RUN_TABLE_COLUMNS,
    export_files,
    files_line,
)

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run, Settings
from backjournal.io import csv_export
from backjournal.store import Journal
from backjournal.store.migrations import migrations


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def read(path: Path) -> list[list[str]]:
    """The records of the CSV file at ``path`` (header first), read back by the csv module."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def small_journal(path: Path, units: str = "km") -> None:
    with Journal.open(path) as journal:
        journal.save_settings(Settings(units=units))
        journal.save_day(DayEntry("2026-11-20", back_wake=2, note="rest, stiff"), TODAY)
        journal.save_day(
            DayEntry(
                "2026-11-22",
                back_after=4,
                leg_after=1,
                sleep=4,
                runs=[Run(12000, 3600, type="long"), Run(3000.5, notes='cool "down"\nslow')],
            ),
            TODAY,
        )
        journal.save_day(DayEntry("2026-11-24", leg_wake=3, runs=[Run(8046.7, 2400)]), TODAY)


def export(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out"
    result = invoke("export", "csv", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def test_one_file_per_table_plus_daily(db_path, tmp_path):
    """day, run and setting each get a file with every column, plus daily.csv; the command
    names the folder and the row counts."""
    small_journal(db_path)
    out = tmp_path / "out"
    result = invoke("export", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Exported to {out}: {files_line({'day': 3, 'run': 3, 'setting': 4})}, daily.csv (3 rows)\n"
    )
    assert sorted(p.name for p in out.iterdir()) == export_files()
    day = read(out / "day.csv")
    assert day[0] == DAY_TABLE_COLUMNS
    assert [row[0] for row in day[1:]] == ["2026-11-20", "2026-11-22", "2026-11-24"]
    assert day[1][1:12] == ["2", "", "", "", "", "", "", "", "", "", "rest, stiff"]
    run = read(out / "run.csv")
    assert run[0] == RUN_TABLE_COLUMNS
    assert [r[1:8] for r in run[1:]] == [
        ["2026-11-22", "0", "12000.0", "3600", "long", "road", ""],
        ["2026-11-22", "1", "3000.5", "", "easy", "road", 'cool "down"\nslow'],
        ["2026-11-24", "0", "8046.7", "2400", "easy", "road", ""],
    ]
    assert read(out / "setting.csv")[0] == ["key", "value"]
    assert ["units", "km"] in read(out / "setting.csv")


def test_daily_has_the_distance_in_the_users_unit_and_in_metres(db_path, tmp_path):
    """daily.csv: one row per day, distance in km (the setting) and in metres, runs and their
    types, time and pace (timed runs only), pain scores, stiffness, sleep, the body map, flags,
    exercises, the Oswestry score and the note; a rest day has 0 runs."""
    small_journal(db_path)
    rows = read(export(tmp_path) / "daily.csv")
    assert rows[0] == [
        "date",
        "distance_km",
        "distance_m",
        "runs",
        "run_types",
        "duration_s",
        "pace_per_km",
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
        "extent_left",
        "extent_right",
        "body_map",
        "red_flags",
        "exercises_done",
        "exercises_scheduled",
        "exercises_scheduled_done",
        "oswestry",
        "note",
    ]
    assert rows[1] == ["2026-11-20", "0.0", "0.0", "0", "", "", "", "2", *[""] * 17, "rest, stiff"]
    assert rows[2][:7] == ["2026-11-22", "15.001", "15000.5", "2", "long+easy", "3600", "5:00"]
    assert rows[2][13:17] == ["4", "1", "", "4"]
    assert rows[3][:7] == ["2026-11-24", "8.047", "8046.7", "1", "easy", "2400", "4:58"]


def test_daily_has_exercises_oswestry_and_the_body_map_head_to_foot(db_path, tmp_path):
    """daily.csv lists the exercises ticked, the number scheduled and done of them, the
    Oswestry score on the day it was taken, and the marks from head to foot."""
    from backjournal.domain.exercises import Dose, ProgrammeItem
    from backjournal.domain.symptoms import Mark

    every_day = (0, 1, 2, 3, 4, 5, 6)
    with Journal.open(db_path) as journal:
        journal.exercises.set_programme(
            [
                ProgrammeItem("bird-dog", Dose(3, reps=8), every_day),
                ProgrammeItem("glute-bridge", Dose(3, reps=10), every_day),
            ],
            on="2026-11-23",
            today=TODAY,
        )
        journal.exercises.tick("2026-11-24", "bird-dog", today=TODAY)
        journal.exercises.tick("2026-11-24", "mcgill-curl-up", today=TODAY)
        journal.symptoms.save_marks(
            "2026-11-24",
            [Mark("foot-l", 2), Mark("neck", 1), Mark("thigh-back-l", 3), Mark("buttock-l", 4)],
            TODAY,
        )
        journal.symptoms.save_odi("2026-11-24", [2] * 10)
        journal.save_day(DayEntry("2026-11-22", back_wake=1), TODAY)
    rows = read(export(tmp_path) / "daily.csv")
    header = rows[0]
    old, day = (dict(zip(header, row, strict=True)) for row in rows[1:])
    assert day["body_map"] == "neck:1,buttock-l:4,thigh-back-l:3,foot-l:2"
    assert day["exercises_done"] == "bird-dog+mcgill-curl-up"
    assert (day["exercises_scheduled"], day["exercises_scheduled_done"]) == ("2", "1")
    assert day["oswestry"] == "40.0"
    assert (old["exercises_scheduled"], old["oswestry"]) == ("", "")


def test_daily_in_miles_says_so_in_its_column_name(db_path, tmp_path):
    """With units set to miles the column is distance_mi, and distance_m is still there."""
    small_journal(db_path, units="mi")
    rows = read(export(tmp_path) / "daily.csv")
    assert rows[0][1:3] == ["distance_mi", "distance_m"]
    assert rows[3][1:3] == ["5.0", "8046.7"]


def test_files_are_private_utf8_crlf_and_stable(db_path, tmp_path):
    """Files are 0600 in a 0700 folder, UTF-8 without BOM, CRLF line ends (RFC 4180), and a
    second export of the same journal is byte-identical."""
    small_journal(db_path)
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry("2026-11-25", note="Größe ✓ 走る"), TODAY)
    out = export(tmp_path)
    assert mode(out) == 0o700
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    for name, data in first.items():
        assert mode(out / name) == 0o600
        assert not data.startswith(b"\xef\xbb\xbf")
        assert data.endswith(b"\r\n")
        # Every line ends in CRLF; the only bare LF is the one inside a run's quoted note.
        assert data.count(b"\n") == data.count(b"\r\n") + (name == "run.csv")
    assert "Größe ✓ 走る".encode() in first["day.csv"]
    again = export(tmp_path)
    assert {p.name: p.read_bytes() for p in again.iterdir()} == first


def test_from_and_to_limit_dated_tables(db_path, tmp_path):
    """--from/--to keep the days and runs in range (and daily); settings are exported whole."""
    small_journal(db_path)
    out = export(tmp_path, "--from", "2026-11-21", "--to", "-2")
    assert [r[0] for r in read(out / "day.csv")[1:]] == ["2026-11-22"]
    assert [r[1] for r in read(out / "run.csv")[1:]] == ["2026-11-22", "2026-11-22"]
    assert [r[0] for r in read(out / "daily.csv")[1:]] == ["2026-11-22"]
    assert len(read(out / "setting.csv")) == 5


def test_one_table_to_standard_output(db_path):
    """--out - --table run writes exactly that CSV to stdout and nothing else."""
    small_journal(db_path)
    result = invoke("export", "csv", "--out", "-", "--table", "run")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("id,date,seq,distance_m,duration_s,")
    assert len(list(csv.reader(io.StringIO(result.stdout, newline="")))) == 4


def test_one_table_into_a_folder(db_path, tmp_path):
    """--table daily writes only daily.csv."""
    small_journal(db_path)
    out = export(tmp_path, "--table", "daily")
    assert [p.name for p in out.iterdir()] == ["daily.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "-"], "--out - writes one table to standard output: name it with --table"),
        (
            ["--table", "shoes"],
            "there is no table 'shoes'; choose one of " + ", ".join(EXPORT_ORDER) + ", daily",
        ),
        (["--from", "soon"], "--from: 'soon' is not a date"),
        (["--from", "2026-11-20", "--to", "2026-11-01"], "--from 2026-11-20 is after --to"),
    ],
)
def test_bad_options_fail_in_one_line(db_path, tmp_path, monkeypatch, args, message):
    """A bad option is exit 1 with one line naming it, and no file is written."""
    small_journal(db_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "csv", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr
    assert not list(tmp_path.glob("backjournal-export-*"))


def test_export_into_a_file_is_refused(db_path, tmp_path):
    """--out naming a file is refused, and the file is left alone."""
    small_journal(db_path)
    target = tmp_path / "file"
    target.write_text("mine")
    result = invoke("export", "csv", "--out", str(target))
    assert result.exit_code == 1
    assert "it is a file, not a folder" in result.stderr
    assert target.read_text() == "mine"


def test_default_folder_is_dated_in_the_current_folder(db_path, tmp_path, monkeypatch):
    """Without --out the files go to ./backjournal-export-<today>."""
    small_journal(db_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "csv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"backjournal-export-{TODAY.isoformat()}" / "day.csv").exists()


# --- formula neutralisation -----------------------------------------------------------------------


FORMULAS = ["=1+1", "+41 77", "-3 km, felt ok", "@SUM(A1)", "\tindented", "\rcarriage", "'=quoted"]


def test_formulas_are_neutralised_in_text_cells(db_path, tmp_path):
    """Notes starting with = + - @ tab or CR get a leading apostrophe; other text does not."""
    with Journal.open(db_path) as journal:
        for i, note in enumerate([*FORMULAS, "plain", "'tis fine"]):
            journal.save_day(DayEntry(f"2026-10-{i + 1:02d}", note=note), TODAY)
    notes = [r[11] for r in read(export(tmp_path) / "day.csv")[1:]]
    assert notes == [*("'" + f for f in FORMULAS), "plain", "'tis fine"]


def test_raw_writes_text_as_stored(db_path, tmp_path):
    """--raw turns neutralisation off."""
    with Journal.open(db_path) as journal:
        for i, note in enumerate(FORMULAS):
            journal.save_day(DayEntry(f"2026-10-{i + 1:02d}", note=note), TODAY)
    notes = [r[11] for r in read(export(tmp_path, "--raw") / "day.csv")[1:]]
    assert notes == FORMULAS


def test_numbers_are_never_neutralised():
    """A negative number in a number column stays -1; the same text in a text column does not."""
    text = csv_export.to_text(
        ["n", "x", "t"], [(-1, -2.5, "-1"), (3, None, "=A1")], [False] * 2 + [True]
    )
    assert text == "n,x,t\r\n-1,-2.5,'-1\r\n3,,'=A1\r\n"


def test_neutralise_is_undone_exactly():
    """unneutralise gives back every text neutralise changed, and leaves others alone."""
    for text in [*FORMULAS, "''=x", "'", "''", "plain", "", "'tis", "=", "'-"]:
        assert csv_export.unneutralise(csv_export.neutralise(text)) == text
    assert csv_export.neutralise("'tis") == "'tis"
    assert csv_export.neutralise("''+1") == "'''+1"


def test_tables_added_later_are_exported_but_not_the_migrations_record(
    db_path, tmp_path, monkeypatch
):
    """A table a later migration adds gets its own file (negative numbers intact); the
    migrations' own table is never exported."""
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations()
    def m999_test_gadget(db):
        db.execute("CREATE TABLE gadget (id INTEGER PRIMARY KEY, label TEXT, offset_m REAL)")
        db.execute("INSERT INTO gadget (label, offset_m) VALUES ('=cmd', -1.0), ('ok', 2)")

    small_journal(db_path)
    out = export(tmp_path)
    assert sorted(p.name for p in out.iterdir()) == export_files("gadget")
    assert read(out / "gadget.csv") == [
        ["id", "label", "offset_m"],
        ["1", "'=cmd", "-1.0"],
        ["2", "ok", "2.0"],
    ]


def test_daily_csv_carries_the_body_map_extent_and_red_flags(db_path, tmp_path):
    """daily.csv names the day's marks (as --where writes them), the extent per leg and the
    red flags in words."""
    from backjournal.domain.symptoms import Mark

    with Journal.open(db_path) as journal:
        journal.symptoms.save_marks(
            "2026-11-24", [Mark("low-back", 3), Mark("calf-l", 8, ("tingling", "weakness"))], TODAY
        )
    out = export(tmp_path)
    rows = read(out / "daily.csv")
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["date"] == "2026-11-24"
    assert (row["extent_left"], row["extent_right"]) == ("4", "1")
    assert set(row["body_map"].split(",")) == {"low-back:3", "calf-l:8:tingling+weakness"}
    assert row["red_flags"] == "weakness marked on the body map (calf-l)"


def test_a_note_that_is_not_utf8_is_exported_with_a_replacement_character(tmp_path):
    """Bulk reads decode text with SQLite's own reader; a note whose bytes are not UTF-8 (a
    flipped bit) still exports, in day.csv and daily.csv, with the replacement character, and the
    journal's lenient reading is back in place afterwards."""
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20", note="QQQQQQQQQQ", runs=[Run(5000)]), TODAY)
    data = bytearray(path.read_bytes())
    data[data.find(b"QQQQQQQQQQ") + 3] ^= 0x80
    path.write_bytes(bytes(data))
    result = invoke("--db", str(path), "export", "csv", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    day = read(tmp_path / "out" / "day.csv")
    daily = read(tmp_path / "out" / "daily.csv")
    assert day[1][day[0].index("note")] == "QQQ\ufffdQQQQQQ"
    assert daily[1][daily[0].index("note")] == "QQQ\ufffdQQQQQQ"
    with Journal.open(path) as journal:
        from backjournal.store.exchange import export_rows

        export_rows(journal)
        assert journal.get_day("2026-11-20").note == "QQQ\ufffdQQQQQQ"
