"""No byte of data reaches the terminal as a control sequence, from any command or any screen.

Every free-text value of a journal (notes, names, sports, shoe, exercise), and the file and table
names that errors quote, is seeded with ESC, OSC 0 and OSC 52, CSI in its 7-bit and 8-bit
(U+009B) forms, a right-to-left override and Rich markup (``tests/hostile_corpus.py``). Then
every command runs and every screen opens: none of those characters is in what they write (for
the app, in the segments of the rendered screen), and the markup is shown as text. Exported data
is the exception by design: it is the data, unchanged, unless it goes to a terminal.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_corpus import MARKUP, PAYLOAD, escape_journal, hostile, hostile_file, leaks

from backjournal.cli import cli
from backjournal.store import Journal


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """The demo journal with every free-text value carrying the payload (built once)."""
    return escape_journal(tmp_path_factory.mktemp("escapes") / "journal.db")


def run(db: Path, *args: str):
    """The command line on ``db``, in-process: the result, its stdout and stderr as text."""
    result = CliRunner().invoke(cli, ["--db", str(db), *args], prog_name="backjournal")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def assert_clean(result) -> None:
    """Nothing unsafe on stdout or stderr, and no traceback."""
    assert "Traceback" not in result.output
    assert leaks(result.stdout) == [], result.stdout[-400:]
    assert leaks(result.stderr) == [], result.stderr[-400:]


def copy_of(seeded: Path, tmp_path: Path) -> Path:
    """A copy of the seeded journal that a command may change."""
    target = tmp_path / "journal.db"
    src = sqlite3.connect(seeded)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


# Commands that read or change the seeded journal; each output is checked whole.
ON_THE_JOURNAL = [
    ["log", "5k", "--note", PAYLOAD],
    ["log", "5k", "--shoe", hostile("Ghost")],
    ["log", "5k", "--type", PAYLOAD],
    ["log", "5k", "--date", PAYLOAD],
    ["log", "--where", PAYLOAD],
    ["shoes"],
    ["shoes", "--all"],
    ["shoes", "add", hostile("Racer")],
    ["shoes", "retire", hostile("Nobody")],
    ["exercises"],
    ["exercises", "--library", "--all"],
    ["exercises", "--start", "relief", "--why", PAYLOAD],
    ["done", hostile("no-such")],
    ["stats"],
    ["stats", "--weeks"],
    ["stats", "--json"],
    ["export", "csv", "--table", PAYLOAD, "--out", "-"],
    ["backup"],
    ["report", "--format", "md", "--out", "report.md", "--note", PAYLOAD],
    ["report", "--out", hostile("x") + ".pdf"],
]


@pytest.mark.parametrize("args", ON_THE_JOURNAL, ids=lambda a: " ".join(a[:2])[:20])
def test_commands_on_a_seeded_journal_write_no_control_sequence(
    seeded, tmp_path, monkeypatch, args
):
    """Each command on the seeded journal: what it writes holds no unsafe character."""
    monkeypatch.chdir(tmp_path)
    db = copy_of(seeded, tmp_path)
    assert_clean(run(db, *args))


def test_the_exports_summaries_are_clean_and_the_data_unchanged(seeded, tmp_path):
    """export csv and json name their files safely, and the files hold the notes as stored."""
    db = copy_of(seeded, tmp_path)
    result = run(db, "export", "csv", "--out", str(tmp_path / "csv"))
    assert result.exit_code == 0
    assert_clean(result)
    assert PAYLOAD.replace("\x1b", "") in (tmp_path / "csv" / "day.csv").read_text(
        encoding="utf-8"
    ).replace("\x1b", "")
    assert "\x1b]52;" in (tmp_path / "csv" / "run.csv").read_text(encoding="utf-8")
    result = run(db, "export", "json", "--out", str(tmp_path / "all.json"))
    assert result.exit_code == 0
    assert_clean(result)
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert any(d["note"].endswith(PAYLOAD) for d in doc["tables"]["day"])


def test_an_export_to_a_pipe_is_the_data_and_to_a_terminal_is_safe(seeded, tmp_path, monkeypatch):
    """``export csv --out -`` into a pipe writes the notes byte for byte; into a terminal, it
    writes them made safe to show."""
    db = copy_of(seeded, tmp_path)
    piped = run(db, "export", "csv", "--table", "day", "--out", "-")
    assert PAYLOAD in piped.stdout.replace("\r\n", "\n") or "\x1b]52;" in piped.stdout
    import click

    real = click.get_text_stream

    def terminal(name, *args, **kwargs):
        stream = real(name, *args, **kwargs)
        stream.isatty = lambda: True
        return stream

    monkeypatch.setattr(click, "get_text_stream", terminal)
    shown = run(db, "export", "csv", "--table", "day", "--out", "-")
    assert shown.exit_code == 0
    assert_clean(shown)
    assert "␛]52;" in shown.stdout


def test_imports_and_restores_name_files_and_tables_safely(seeded, tmp_path):
    """import csv and restore of files whose names and contents carry the payload: their
    summaries and every error line are safe."""
    db = copy_of(seeded, tmp_path)
    run(db, "export", "csv", "--out", str(tmp_path / "csv"))
    run(db, "export", "json", "--out", str(tmp_path / "all.json"))
    bad_csv = tmp_path / hostile_file("bad.csv")
    bad_csv.write_text(f"date,{PAYLOAD}\r\n2026-11-20,{PAYLOAD}\r\n", encoding="utf-8")
    bad_json = tmp_path / hostile_file("bad.json")
    bad_json.write_text(
        json.dumps({"format": "backjournal", "format_version": 1, "tables": {PAYLOAD: []}}),
        encoding="utf-8",
    )
    rows_json = tmp_path / "rows.json"
    rows_json.write_text(
        json.dumps(
            {
                "format": "backjournal",
                "format_version": 1,
                "tables": {"day": [{"date": PAYLOAD, PAYLOAD: 1}]},
            }
        )
    )
    fresh = tmp_path / "fresh.db"
    for args in (
        ["import", "csv", str(tmp_path / "csv")],
        ["import", "csv", str(tmp_path / "csv"), "--skip-bad"],
        ["import", "csv", str(bad_csv)],
        ["import", "csv", str(bad_csv), "--table", "day"],
        ["import", "csv", str(bad_csv), "--table", PAYLOAD],
        ["restore", str(bad_json)],
        ["restore", str(rows_json)],
        ["restore", str(tmp_path / hostile_file("missing.json"))],
        ["restore", str(tmp_path / "all.json")],
    ):
        result = run(fresh, *args)
        assert_clean(result)
    with Journal.open(fresh) as journal:
        assert any(
            journal.get_day(s.date).note.endswith(PAYLOAD) for s in journal.day_summaries()
        ), "the data itself is restored unchanged"


def test_a_table_named_with_escapes_never_reaches_the_terminal(tmp_path):
    """A shared journal holding a table whose name carries the payload: exports ignore it and
    say nothing of it; naming it with --table is one safe line."""
    db = tmp_path / "journal.db"
    Journal.open(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(f'CREATE TABLE "{PAYLOAD}" (x)')
    conn.close()
    for args in (
        ["export", "csv", "--out", str(tmp_path / "out")],
        ["export", "csv", "--table", PAYLOAD, "--out", "-"],
        ["export", "json", "--out", "-"],
    ):
        assert_clean(run(db, *args))


@pytest.mark.parametrize("kind", ["gpx", "tcx", "fit"])
def test_activity_imports_name_bad_files_safely(tmp_path, db_path, kind):
    """An activity file whose name carries the payload and whose content is not an activity:
    the line that names it is safe."""
    bad = tmp_path / hostile_file(f"run.{kind}")
    bad.write_bytes(b"not an activity " + PAYLOAD.encode())
    assert_clean(run(db_path, "import", kind, str(bad)))


def test_click_usage_errors_quote_arguments_safely(db_path):
    """An unknown option or a bad choice typed with the payload: click's message is safe."""
    for args in ([f"--{PAYLOAD}"], ["--screen", PAYLOAD], ["export", PAYLOAD]):
        assert_clean(run(db_path, *args))


def test_markup_in_user_text_is_not_interpreted_by_the_command_line(seeded, tmp_path):
    """The shoes list shows a name holding Rich markup as the text it is."""
    db = copy_of(seeded, tmp_path)
    assert MARKUP in run(db, "shoes", "--all").stdout
