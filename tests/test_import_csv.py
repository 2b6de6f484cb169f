"""``backjournal import csv``: our own export comes back whole, twice adds nothing, and a bad
file is refused with every bad line named."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY
from schema_expectations import counts_line

from backjournal.cli import cli
from backjournal.demo.days import generate
from backjournal.domain.flags import Outcome
from backjournal.domain.models import DayEntry, Run, Settings
from backjournal.store import Journal
from backjournal.store.migrations import migrations

SPECIAL_NOTES = ["=1+1", "'=already", 'say "hi", then\r\nleave', "-3 km", "@x", "\tTab", "走る ✓"]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def export(db: Path, out: Path, *args: str) -> Path:
    result = invoke("--db", str(db), "export", "csv", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def journal_with_everything(path: Path) -> Path:
    """A year of demo entries, settings, and notes a spreadsheet would choke on; a run id gap."""
    with Journal.open(path) as journal:
        journal.replace_all_days(list(generate(TODAY, years=1, seed=3)))
        journal.save_settings(Settings(units="mi", week_start="sunday", theme="nord"))
        for i, note in enumerate(SPECIAL_NOTES):
            date = f"2025-0{i + 1}-15"
            journal.delete_day(date)
            journal.save_day(DayEntry(date, note=note, runs=[Run(4000, notes=note)]), TODAY)
        # Red flags (issue #13): a sign, an outcome with what the clinician said, a profile.
        journal.update_day("2025-02-20", lambda e: setattr(e, "rf_saddle", True), TODAY)
        journal.flags.record_outcome(
            Outcome("saddle", "2025-02-21", "seen", 'said "fine", then\nleft', "2025-03-01"),
            TODAY,
        )
        journal.flags.save_profile({"cancer": True, "steroids": False}, 1970, TODAY)
    return path


def import_csv(db: Path, path: Path, *args: str):
    return invoke("--db", str(db), "import", "csv", str(path), *args)


# --- the round trip ---------------------------------------------------------------------------


def test_export_import_export_is_byte_identical(tmp_path):
    """Export, import into an empty journal, export again: every file the same, byte for byte."""
    source = journal_with_everything(tmp_path / "source.db")
    first = export(source, tmp_path / "first")
    copy = tmp_path / "copy.db"
    result = import_csv(copy, first)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(f"Imported {first}: day ")
    assert "Left aside: daily.csv is a summary" in result.stdout
    second = export(copy, tmp_path / "second")
    assert files(second) == files(first)
    with Journal.open(copy) as journal:
        assert journal.settings() == Settings(units="mi", week_start="sunday", theme="nord")
        assert journal.get_day("2025-01-15").note == "=1+1"
        assert journal.get_day("2025-03-15").runs[0].notes == 'say "hi", then\r\nleave'
        assert journal.flags.outcomes() == [
            Outcome("saddle", "2025-02-21", "seen", 'said "fine", then\nleft', "2025-03-01")
        ]
        assert journal.flags.profile().birth_year == 1970


def test_reimporting_the_same_files_adds_nothing(tmp_path):
    """A second import of the same folder finds every row already there and changes nothing."""
    source = journal_with_everything(tmp_path / "source.db")
    first = export(source, tmp_path / "first")
    copy = tmp_path / "copy.db"
    assert import_csv(copy, first).exit_code == 0
    again = import_csv(copy, first)
    assert again.exit_code == 0, again.output
    line = again.stdout.splitlines()[0]
    assert " added" not in line.replace("0 added", "")
    assert "already there" in line
    assert files(export(copy, tmp_path / "after")) == files(first)


def test_import_into_a_journal_with_entries_keeps_its_days_and_adds_the_rest(tmp_path):
    """Days already in the journal keep the journal's version; new days and runs are added, and
    runs whose ids are taken get new ids."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        journal.save_day(DayEntry("2026-11-01", back_wake=5, runs=[Run(5000)]), TODAY)
        journal.save_day(DayEntry("2026-11-02", back_wake=1, runs=[Run(6000), Run(7000)]), TODAY)
    folder = export(source, tmp_path / "out")
    target = tmp_path / "target.db"
    with Journal.open(target) as journal:
        journal.save_day(DayEntry("2026-11-01", back_wake=2, note="mine"), TODAY)
        journal.save_day(DayEntry("2026-10-01", runs=[Run(1000), Run(2000), Run(3000)]), TODAY)
    result = import_csv(target, folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"Imported {folder}: " + counts_line({"day": "1 added, 1 already there", "run": "3 added"})
    )
    with Journal.open(target) as journal:
        kept = journal.get_day("2026-11-01")
        assert (kept.back_wake, kept.note) == (2, "mine")
        # The run of 2026-11-01 is the file's own (its day was already there, its run was not).
        assert [r.distance_m for r in kept.runs] == [5000]
        added = journal.get_day("2026-11-02")
        assert [r.distance_m for r in added.runs] == [6000, 7000]
        assert {r.id for r in added.runs}.isdisjoint({1, 2, 3})


def test_one_file_by_its_name_or_with_table(tmp_path):
    """day.csv alone imports days; a file named otherwise needs --table."""
    source = journal_with_everything(tmp_path / "source.db")
    folder = export(source, tmp_path / "out")
    target = tmp_path / "t.db"
    result = import_csv(target, folder / "day.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Imported {folder / 'day.csv'}: day ")
    renamed = tmp_path / "my runs.csv"
    shutil.copy(folder / "run.csv", renamed)
    refused = import_csv(target, renamed)
    assert refused.exit_code == 1
    assert "not a table of this journal" in refused.stderr and "--table" in refused.stderr
    result = import_csv(target, renamed, "--table", "run")
    assert result.exit_code == 0, result.output
    again = files(export(target, tmp_path / "again"))
    assert (again["day.csv"], again["run.csv"]) == (
        files(folder)["day.csv"],
        files(folder)["run.csv"],
    )


def test_runs_without_their_days_are_named(tmp_path):
    """run.csv into a journal without those days: each run's line names its missing date, and
    nothing is imported."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        journal.save_day(DayEntry("2026-11-01", runs=[Run(5000)]), TODAY)
        journal.save_day(DayEntry("2026-11-03", runs=[Run(6000)]), TODAY)
    folder = export(source, tmp_path / "out")
    target = tmp_path / "t.db"
    with Journal.open(target) as journal:
        journal.save_day(DayEntry("2026-11-03"), TODAY)
    result = import_csv(target, folder / "run.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"backjournal: nothing imported: 1 bad line in {folder / 'run.csv'}",
        "  run.csv line 2: date: 2026-11-01 is not in day (neither in the journal nor among the "
        "rows imported)",
    ]
    with Journal.open(target) as journal:
        assert journal.get_day("2026-11-03").runs == []


# --- bad files --------------------------------------------------------------------------------


@pytest.fixture
def day_file(tmp_path) -> Path:
    """A day.csv of 900 valid days exported by backjournal."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        journal.replace_all_days(
            [DayEntry(f"{d}", back_wake=i % 11, note=f"day {i}") for i, d in enumerate(_dates(900))]
        )
    return export(source, tmp_path / "out", "--table", "day") / "day.csv"


def _dates(n: int) -> list[str]:
    import datetime as dt

    return [(TODAY - dt.timedelta(days=n - i)).isoformat() for i in range(n)]


def refused(db: Path, path: Path, *args: str) -> list[str]:
    """Import ``path``, expect a refusal, and return stderr's lines; the journal stays empty."""
    result = import_csv(db, path, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    with Journal.open(db) as journal:
        assert not journal.has_entries()
    return result.stderr.splitlines()


def rewrite(path: Path, change) -> Path:
    path.write_bytes(change(path.read_bytes()))
    return path


def test_bad_value_on_line_812_is_named_and_nothing_is_imported(tmp_path, day_file):
    """One bad pain score on line 812 of 901: the report names that line and why; no day is
    imported."""
    lines = day_file.read_bytes().split(b"\r\n")
    fields = lines[811].split(b",")
    fields[1] = b"11"
    lines[811] = b",".join(fields)
    day_file.write_bytes(b"\r\n".join(lines))
    assert refused(tmp_path / "t.db", day_file) == [
        f"backjournal: nothing imported: 1 bad line in {day_file}",
        "  day.csv line 812: back_wake: pain must be 0-10, not 11",
    ]


def test_every_bad_line_is_named(tmp_path, day_file):
    """Several bad lines (a bad score, a future date, a word for a number, a short row, a date
    given twice) are all named, in line order, each with every reason."""
    lines = day_file.read_bytes().decode().split("\r\n")
    header = lines[0].split(",")
    col = {name: i for i, name in enumerate(header)}

    def edit(line_no: int, **values: str) -> None:
        fields = lines[line_no - 1].split(",")
        for name, value in values.items():
            fields[col[name]] = value
        lines[line_no - 1] = ",".join(fields)

    edit(3, back_wake="x", sleep="9")
    edit(10, date="2027-01-01")
    edit(20, stiffness="-1")
    lines[29] = "2024-01-01,1,2"
    edit(40, date=lines[40].split(",")[0])  # the same date as line 41
    edit(50, updated_at="yesterday")
    day_file.write_text("\r\n".join(lines))
    assert refused(tmp_path / "t.db", day_file)[1:] == [
        "  day.csv line 3: back_wake: pain must be a whole number 0-10, not 'x'; sleep: sleep "
        "quality must be 1-5, not 9",
        "  day.csv line 10: date: 2027-01-01 is in the future; today is 2026-11-25",
        "  day.csv line 20: stiffness: stiffness must be 0-10, not -1",
        "  day.csv line 30: 3 fields, the header has 24",
        "  day.csv line 41: the same date as line 40",
        "  day.csv line 50: updated_at: 'yesterday' is not an ISO date and time",
    ]


@pytest.mark.parametrize("bad_stamp", [False, True], ids=["stamps-read", "a-stamp-does-not"])
def test_rows_whose_cells_read_but_break_a_rule_are_named(tmp_path, day_file, bad_stamp):
    """Rows whose every cell reads yet break a rule (a future date, a red flag that is not yes or
    no, a date given twice, a timestamp that does not read) are named, in line order."""
    lines = day_file.read_bytes().decode().split("\r\n")
    col = {name: i for i, name in enumerate(lines[0].split(","))}

    def edit(line_no: int, **values: str) -> None:
        fields = lines[line_no - 1].split(",")
        for name, value in values.items():
            fields[col[name]] = value
        lines[line_no - 1] = ",".join(fields)

    edit(10, date="2027-01-01")
    edit(25, rf_weakness="5")
    edit(41, date=lines[39].split(",")[0])  # the same date as line 40
    if bad_stamp:
        edit(50, updated_at="yesterday")
    day_file.write_text("\r\n".join(lines))
    assert refused(tmp_path / "t.db", day_file)[1:] == [
        "  day.csv line 10: date: 2027-01-01 is in the future; today is 2026-11-25",
        "  day.csv line 25: rf_weakness: rf_weakness must be yes, no or not answered",
        "  day.csv line 41: the same date as line 40",
        *(["  day.csv line 50: updated_at: 'yesterday' is not an ISO date and time"] * bad_stamp),
    ]


def test_blank_lines_hold_no_row_but_count_as_lines(tmp_path, day_file):
    """Blank lines (one among the rows, two at the end) add no row and no problem, and a bad
    row after them is named by its line in the file."""
    lines = day_file.read_bytes().decode().split("\r\n")
    lines.insert(5, "")
    fields = lines[10].split(",")
    fields[0] = "2027-01-01"
    lines[10] = ",".join(fields)
    day_file.write_text("\r\n".join([*lines, "", ""]))
    assert refused(tmp_path / "t.db", day_file)[1:] == [
        "  day.csv line 11: date: 2027-01-01 is in the future; today is 2026-11-25"
    ]


def test_skip_bad_imports_the_good_rows_and_lists_the_rest(tmp_path):
    """--skip-bad writes every good row, lists each bad line, and a run whose day was bad is
    listed too (its day is missing)."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        for day in ("2026-11-01", "2026-11-02", "2026-11-03"):
            journal.save_day(DayEntry(day, back_wake=1, runs=[Run(5000)]), TODAY)
    folder = export(source, tmp_path / "out")
    rewrite(folder / "day.csv", lambda b: b.replace(b"2026-11-02,1,", b"2026-11-02,12,"))
    target = tmp_path / "t.db"
    result = import_csv(target, folder, "--skip-bad")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"Imported {folder}: " + counts_line({"day": "2 added, 1 bad", "run": "2 added, 1 bad"})
    )
    assert result.stderr.splitlines() == [
        "backjournal: skipped 2 bad lines:",
        "  day.csv line 3: back_wake: pain must be 0-10, not 12",
        "  run.csv line 3: date: 2026-11-02 is not in day (neither in the journal nor among the "
        "rows imported)",
    ]
    with Journal.open(target) as journal:
        assert [s.date for s in journal.day_summaries()] == ["2026-11-03", "2026-11-01"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda b: b"", "day.csv: the file is empty: it has no header row", id="empty"),
        pytest.param(
            lambda b: codecs.BOM_UTF8,
            "day.csv: the file is empty: it has no header row",
            id="bom-only",
        ),
        pytest.param(
            lambda b: b.replace(b"back_wake", b"back_woke", 1),
            "day.csv line 1: the header does not fit the table day (unknown column 'back_woke')",
            id="wrong-header",
        ),
        pytest.param(
            lambda b: b"\r\n".join(
                b",".join(f for i, f in enumerate(line.split(b",")) if i != 12)
                for line in b.split(b"\r\n")
            ),
            "day.csv line 1: the header does not fit the table day (missing column updated_at)",
            id="missing-column",
        ),
        pytest.param(
            lambda b: b.replace(b"sleep", b"note", 1),
            "day.csv line 1: the header does not fit the table day (column note appears twice)",
            id="column-twice",
        ),
        pytest.param(
            lambda b: b.replace(b",", b";"),
            "day.csv line 1: the columns are separated by semicolons, not commas",
            id="semicolons",
        ),
        pytest.param(
            lambda b: b.replace(b",", b"\t"),
            "day.csv line 1: the columns are separated by tabs, not commas",
            id="tabs",
        ),
        pytest.param(
            lambda b: b.decode().encode("utf-16"),
            "day.csv: the file is UTF-16 text; save it as UTF-8",
            id="utf-16",
        ),
        pytest.param(
            lambda b: b.replace(b"day 5,", "d\u00e9j\u00e0 5,".encode("latin-1")),
            "day.csv line 7: line 7 is not UTF-8 text",
            id="latin-1",
        ),
        pytest.param(
            lambda b: b + b'2026-11-24,1,,,,,,,,,,"unfinished',
            "day.csv line 902: cannot be read (unexpected end of data)",
            id="open-quote",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason(tmp_path, day_file, change, message):
    """Empty files, wrong or missing columns, semicolons or tabs, another encoding, a quote never
    closed: one line says what is wrong with the file, and nothing is imported."""
    rewrite(day_file, change)
    lines = refused(tmp_path / "t.db", day_file)
    kind = "file" if ":" in message.split(" ")[0] else "line"  # "day.csv:" or "day.csv line N"
    assert lines[0].startswith(f"backjournal: nothing imported: 1 bad {kind} in ")
    assert lines[1].startswith("  " + message), lines


def test_a_utf8_byte_order_mark_is_accepted(tmp_path, day_file):
    """A file saved by a spreadsheet as "CSV UTF-8" (with a BOM) imports as if it had none."""
    rewrite(day_file, lambda b: codecs.BOM_UTF8 + b)
    result = import_csv(tmp_path / "t.db", day_file)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Imported {day_file}: day 900 added")


def test_line_numbers_count_the_lines_of_a_multiline_note(tmp_path):
    """A note spanning three lines pushes the next row's line number down by two."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        journal.save_day(DayEntry("2026-11-01", note="one\ntwo\nthree"), TODAY)
        journal.save_day(DayEntry("2026-11-02", back_wake=3), TODAY)
    day_file = export(source, tmp_path / "out", "--table", "day") / "day.csv"
    rewrite(day_file, lambda b: b.replace(b"2026-11-02,3,", b"2026-11-02,33,"))
    assert refused(tmp_path / "t.db", day_file)[1] == (
        "  day.csv line 5: back_wake: pain must be 0-10, not 33"
    )


def test_an_unknown_file_in_the_folder_stops_the_import(tmp_path):
    """A CSV in the folder that is not one of ours is a bad file (skipped with --skip-bad)."""
    source = journal_with_everything(tmp_path / "source.db")
    folder = export(source, tmp_path / "out")
    (folder / "notes.csv").write_text("a,b\r\n1,2\r\n")
    lines = refused(tmp_path / "t.db", folder)
    assert lines[1].startswith("  notes.csv: not a table of this journal")
    result = import_csv(tmp_path / "t.db", folder, "--skip-bad")
    assert result.exit_code == 0
    assert "notes.csv: not a table" in result.stderr


def test_raw_files_are_read_back_with_raw(tmp_path):
    """A --raw export read with --raw keeps apostrophes as they were; read without, the
    un-neutralising would take one off."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        journal.save_day(DayEntry("2026-11-01", note="'=x"), TODAY)
    folder = export(source, tmp_path / "out", "--raw", "--table", "day")
    assert import_csv(tmp_path / "a.db", folder / "day.csv", "--raw").exit_code == 0
    with Journal.open(tmp_path / "a.db") as journal:
        assert journal.get_day("2026-11-01").note == "'=x"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere"], "does not exist"),
        (["--table", "shoes", "day.csv"], "there is no table 'shoes'"),
    ],
)
def test_import_refusals_are_one_line(tmp_path, monkeypatch, args, message):
    """A path that does not exist, or an unknown --table, is one line."""
    source = journal_with_everything(tmp_path / "source.db")
    export(source, tmp_path / "out")
    monkeypatch.chdir(tmp_path / "out")
    result = invoke("--db", str(tmp_path / "t.db"), "import", "csv", *args)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


# --- tables added later -----------------------------------------------------------------------


@pytest.fixture
def gadget_table(monkeypatch):
    """A later migration's table that links to runs by id and has a CHECK of its own."""
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations()
    def m999_test_gadget(db):
        db.execute(
            "CREATE TABLE gadget (id INTEGER PRIMARY KEY, "
            "run_id INTEGER REFERENCES run(id) ON DELETE CASCADE, "
            "label TEXT NOT NULL CHECK (label != 'forbidden'), offset_m REAL)"
        )


def test_a_later_table_comes_back_with_its_links_renumbered(tmp_path, gadget_table):
    """A table added by a later migration is imported after the runs it links to; when the run
    ids are taken, its links follow the runs' new ids."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        journal.save_day(DayEntry("2026-11-01", runs=[Run(5000), Run(6000)]), TODAY)
        journal.conn.execute(
            "INSERT INTO gadget (run_id, label, offset_m) VALUES (2, 'six', -1.5), (1, '=5', 0)"
        )
    folder = export(source, tmp_path / "out")
    assert files(folder)["gadget.csv"] == (
        b"id,run_id,label,offset_m\r\n1,2,six,-1.5\r\n2,1,'=5,0.0\r\n"
    )
    target = tmp_path / "t.db"
    with Journal.open(target) as journal:
        journal.save_day(DayEntry("2026-10-01", runs=[Run(1000), Run(2000)]), TODAY)
    result = import_csv(target, folder)
    assert result.exit_code == 0, result.output
    with Journal.open(target) as journal:
        rows = journal.conn.execute(
            "SELECT g.label, r.distance_m, g.offset_m FROM gadget g JOIN run r ON r.id = g.run_id "
            "ORDER BY g.id"
        ).fetchall()
    assert rows == [("six", 6000.0, -1.5), ("=5", 5000.0, 0.0)]


def test_a_row_the_journal_refuses_is_named(tmp_path, gadget_table):
    """A value only the table's own CHECK refuses is named by its line, and nothing is written."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        journal.save_day(DayEntry("2026-11-01", runs=[Run(5000)]), TODAY)
        journal.conn.execute("INSERT INTO gadget (run_id, label) VALUES (1, 'fine')")
    folder = export(source, tmp_path / "out")
    rewrite(folder / "gadget.csv", lambda b: b + b"7,1,forbidden,\r\n")
    lines = refused(tmp_path / "t.db", folder)
    assert lines[1:] == [
        "  gadget.csv line 3: the journal refused it (CHECK constraint failed: label != "
        "'forbidden')"
    ]
