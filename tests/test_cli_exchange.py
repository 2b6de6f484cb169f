"""The data commands from a real shell: backup, export, import and restore in fresh processes,
listed in --help, and cheap to load for quick entry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal


def run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m backjournal ARGS`` in a fresh process with the test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "backjournal", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
        cwd=cwd,
    )


def fill(path: Path) -> None:
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20", back_wake=2, note="=2+2, felt ok"), TODAY)
        journal.save_day(DayEntry("2026-11-22", runs=[Run(12000, 3600), Run(3000)]), TODAY)


def test_help_lists_the_data_commands():
    """backjournal --help lists backup, export, import and restore."""
    result = CliRunner().invoke(cli, ["--help"])
    for command in ("backup", "export", "import", "restore"):
        assert f"  {command} " in result.stdout
    export = CliRunner().invoke(cli, ["export", "--help"]).stdout
    assert "  csv " in export and "  json " in export
    assert "  csv " in CliRunner().invoke(cli, ["import", "--help"]).stdout


def test_backup_export_import_restore_in_real_processes(db_path, tmp_path):
    """A runner's session from the shell: back up, export CSV and JSON, import the CSV into a
    new journal, restore the JSON into another; every step exits 0 and the data is the same."""
    fill(db_path)
    backup = run_module("backup", str(tmp_path / "b"))
    assert backup.returncode == 0, backup.stderr
    assert Path(backup.stdout.strip()).parent == tmp_path / "b"

    csv_out = run_module("export", "csv", "--out", str(tmp_path / "csv"))
    assert csv_out.returncode == 0, csv_out.stderr
    json_out = run_module("export", "json", "--out", str(tmp_path / "j.json"))
    assert json_out.returncode == 0, json_out.stderr

    imported = run_module("--db", str(tmp_path / "i.db"), "import", "csv", str(tmp_path / "csv"))
    assert imported.returncode == 0, imported.stderr
    first_line = imported.stdout.splitlines()[0]
    assert first_line.startswith(f"Imported {tmp_path / 'csv'}: day 2 added · ")
    assert "· run 2 added" in first_line and "· shoe 0 added" in first_line
    restored = run_module("--db", str(tmp_path / "r.db"), "restore", str(tmp_path / "j.json"))
    assert restored.returncode == 0, restored.stderr

    for copy in ("i.db", "r.db"):
        with Journal.open(tmp_path / copy) as journal:
            assert journal.get_day("2026-11-20").note == "=2+2, felt ok"
            assert [r.distance_m for r in journal.get_day("2026-11-22").runs] == [12000, 3000]


def test_one_table_to_a_pipe_in_a_real_process(db_path):
    """export csv --out - --table day writes only CSV on stdout (for a pipe), neutralised."""
    fill(db_path)
    proc = run_module("export", "csv", "--out", "-", "--table", "day")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.splitlines()[1].startswith("2026-11-20,2,")
    assert '"\'=2+2, felt ok"' in proc.stdout


def test_a_bad_import_in_a_real_process_is_a_report_and_status_1(db_path, tmp_path):
    """A bad line is exit 1, a report on stderr, nothing on stdout, no traceback."""
    bad = tmp_path / "day.csv"
    bad.write_text(
        "date,back_wake,note,updated_at\r\n2026-11-20,eleven,,2026-11-20T07:00:00+00:00\r\n"
    )
    proc = run_module("import", "csv", str(bad))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"backjournal: nothing imported: 1 bad line in {bad}",
        "  day.csv line 2: back_wake: pain must be a whole number 0-10, not 'eleven'",
    ]


def test_the_data_commands_do_not_slow_quick_entry():
    """Loading the CLI (as quick entry does) loads none of the export or import code."""
    code = (
        "import sys, json, backjournal.cli\n"
        "print(json.dumps([m for m in sys.modules if m.startswith('backjournal.')]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    loaded = set(json.loads(proc.stdout))
    assert "backjournal.cli.export" in loaded  # the probe sees the command modules
    heavy = {m for m in loaded if m.startswith(("backjournal.io", "backjournal.store.exchange"))}
    heavy |= loaded & {"backjournal.store.importer", "backjournal.store.backup"}
    assert heavy == set()
