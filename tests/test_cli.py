"""The command line: help, version, where, log and demo, and how every refusal looks.

Most tests call the click group in-process with ``CliRunner``; a few run ``python -m backjournal``
in a real process, which is what a runner types. Every refusal must be exit code 1 and one line on
stderr that names the field, with no traceback and nothing stored.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal import __version__
from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run, Settings
from backjournal.paths import ENV_DB
from backjournal.store import Journal
from backjournal.store.migrations import migrations


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run ``backjournal ARGS`` in-process and return click's result."""
    return CliRunner().invoke(cli, list(args), env=env, prog_name="backjournal")


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m backjournal ARGS`` in a fresh process with the test's environment."""
    return subprocess.run(
        [sys.executable, "-m", "backjournal", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


def assert_one_line_failure(result: Result, *expected: str) -> str:
    """The command failed: exit 1, no stdout, one stderr line holding each ``expected``."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("backjournal: ")
    for text in expected:
        assert text in lines[0]
    return lines[0]


def stored_runs(path: Path) -> list[tuple[str, float]]:
    """Every (date, distance) run in the journal at ``path``; empty when the file does not exist."""
    if not path.exists():
        return []
    with Journal.open(path) as journal:
        return [
            (day.date, run.distance_m)
            for summary in journal.day_summaries()
            for day in [journal.get_day(summary.date)]
            for run in day.runs
        ]


# --- help, version, where ------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_commands(flag):
    """--help (and -h) describes the journal and lists its commands."""
    result = invoke(flag)
    assert result.exit_code == 0
    assert "A training journal for runners who live with back pain." in result.stdout
    for command in ("where", "log", "demo"):
        assert f"  {command} " in result.stdout


def test_log_help_shows_examples():
    """log --help shows how to type a run."""
    result = invoke("log", "--help")
    assert result.exit_code == 0
    assert "backjournal log 8k 42:10 --pain 2" in result.stdout
    assert "--pain" in result.stdout and "--leg" in result.stdout


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    """--version prints the package version."""
    result = invoke(flag)
    assert result.exit_code == 0
    assert result.stdout == f"backjournal, version {__version__}\n"


def test_where_follows_backjournal_db(db_path, tmp_path):
    """where prints the file named by BACKJOURNAL_DB, without creating it."""
    assert invoke("where").stdout == f"{db_path}\n"
    other = tmp_path / "elsewhere.db"
    result = invoke("where", env={ENV_DB: str(other)})
    assert result.exit_code == 0
    assert result.stdout == f"{other}\n"
    assert not db_path.exists() and not other.exists()


def test_where_follows_db_option_over_the_environment(tmp_path):
    """--db wins over BACKJOURNAL_DB."""
    chosen = tmp_path / "chosen.db"
    result = invoke("--db", str(chosen), "where", env={ENV_DB: str(tmp_path / "env.db")})
    assert result.exit_code == 0
    assert result.stdout == f"{chosen}\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is Linux's")
def test_where_defaults_to_the_user_data_folder(tmp_path, monkeypatch):
    """With neither --db nor BACKJOURNAL_DB, the journal lives in the platform's data folder."""
    monkeypatch.delenv(ENV_DB)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    result = invoke("where")
    assert result.exit_code == 0
    assert result.stdout == f"{tmp_path / 'xdg' / 'backjournal' / 'journal.db'}\n"


# --- log -----------------------------------------------------------------------------------------


def test_log_stores_a_run_and_confirms_in_one_line(db_path):
    """log 8k 42:10 --pain 3 stores the run and its pain today, and says so in one line."""
    result = invoke("log", "8k", "42:10", "--pain", "3")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == (
        "Logged 2026-11-25: 8 km easy on road, in 42:10 (5:16 /km), pain back 3 leg - "
        "· day total 8 km\n"
    )
    with Journal.open(db_path) as journal:
        day = journal.get_day(TODAY.isoformat())
    assert day.back_after == 3
    assert day.leg_after is None
    assert [(r.distance_m, r.duration_s, r.type, r.surface) for r in day.runs] == [
        (8000, 42 * 60 + 10, "easy", "road")
    ]


def test_log_adds_to_the_day_and_keeps_its_scores(db_path):
    """A second run on the same day is added, the day total grows, earlier scores stay."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(TODAY.isoformat(), back_wake=2, note="stiff"), TODAY)
    assert invoke("log", "5k", "--leg", "1").exit_code == 0
    result = invoke("log", "3000m", "--type", "intervals", "--surface", "track", "-n", "8x400")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("· day total 8 km\n")
    with Journal.open(db_path) as journal:
        day = journal.get_day(TODAY.isoformat())
    assert (day.back_wake, day.note, day.leg_after, day.back_after) == (2, "stiff", 1, None)
    assert [(r.distance_m, r.type, r.surface, r.notes) for r in day.runs] == [
        (5000, "easy", "road", ""),
        (3000, "intervals", "track", "8x400"),
    ]


@pytest.mark.parametrize(
    ("date", "stored_on"),
    [("yesterday", "2026-11-24"), ("-3", "2026-11-22"), ("2026-01-31", "2026-01-31")],
)
def test_log_on_another_date(db_path, date, stored_on):
    """--date stores the run on the day it names, relative to the frozen today."""
    result = invoke("log", "6", "--date", date)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Logged {stored_on}: 6 km")
    assert stored_runs(db_path) == [(stored_on, 6000)]


def test_log_uses_the_units_setting(db_path):
    """With units set to miles, log 5 stores 5 miles (8046.7 m) and answers in miles."""
    with Journal.open(db_path) as journal:
        journal.save_settings(Settings(units="mi"))
    result = invoke("log", "5", "40:00")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Logged 2026-11-25: 5 mi easy on road, in 40:00 (8:00 /mi)")
    assert stored_runs(db_path) == [("2026-11-25", 8046.7)]


@pytest.mark.parametrize(
    ("args", "names"),
    [
        pytest.param(["abc"], "distance: 'abc' is not a distance", id="distance-abc"),
        pytest.param(["--", "-5"], "distance: distance cannot be negative", id="distance-negative"),
        pytest.param(["301k"], "distance: 301k is more than 300 km", id="distance-301k"),
        pytest.param(["8k", "5:99"], "duration: 5:99: seconds must be 0-59", id="duration-5:99"),
        pytest.param(["8k", "--pain", "11"], "--pain: pain must be 0-10, not 11", id="pain-11"),
        pytest.param(
            ["8k", "--pain", "-1"], "--pain: pain must be 0-10, not -1", id="pain-minus-1"
        ),
        pytest.param(["8k", "--leg", "x"], "--leg: pain must be a whole number", id="leg-x"),
        pytest.param(
            ["8k", "--date", "2099-01-01"], "--date: 2099-01-01 is in the future", id="future"
        ),
        pytest.param(
            ["8k", "--date", "2026-02-30"], "--date: 2026-02-30 does not exist", id="date-02-30"
        ),
    ],
)
def test_log_refuses_bad_input_in_one_line(db_path, args, names):
    """Each bad value is exit 1 with one stderr line naming its field, and nothing is stored."""
    result = invoke("log", *args)
    assert_one_line_failure(result, names)
    assert stored_runs(db_path) == []


def test_log_refusal_leaves_an_existing_day_alone(db_path):
    """A refused log on a day that has entries changes nothing on that day."""
    assert invoke("log", "8k", "--pain", "2").exit_code == 0
    with Journal.open(db_path) as journal:
        before = journal.get_day(TODAY.isoformat())
    assert_one_line_failure(invoke("log", "5k", "--pain", "2", "--leg", "12"), "--leg")
    with Journal.open(db_path) as journal:
        assert journal.get_day(TODAY.isoformat()) == before


def test_log_refuses_an_unknown_run_type():
    """A run type outside the vocabulary is a usage error from click, listing the choices."""
    result = invoke("log", "8k", "--type", "jog")
    assert result.exit_code == 2
    assert "'jog' is not one of" in result.stderr


@pytest.mark.parametrize("damage", ["random", "truncated", "empty"])
def test_log_refuses_a_damaged_journal_in_one_line(tmp_path, damage):
    """A damaged --db file is exit 1 with one line naming the file, and the file is unchanged."""
    path = tmp_path / "journal.db"
    if damage == "random":
        path.write_bytes(random.Random(3).randbytes(4096))
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        with Journal.open(path) as journal:
            journal.replace_all_days(
                [
                    DayEntry(f"2026-{m:02d}-{d:02d}", note="n" * 500, runs=[Run(5000)])
                    for m in range(1, 12)
                    for d in range(1, 29)
                ]
            )
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = path.read_bytes()
    line = assert_one_line_failure(invoke("--db", str(path), "log", "8k"), str(path))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db"]
    assert "damaged" in line or "not" in line


def test_log_refuses_a_journal_from_a_newer_version(db_path):
    """A journal written by a newer backjournal is refused in one line that says to upgrade."""
    Journal.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('backjournal', 'm999_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    assert_one_line_failure(invoke("log", "8k"), "newer version", "upgrade backjournal")
    assert db_path.read_bytes() == before


def test_log_in_a_sync_folder_warns_but_logs(tmp_path):
    """A journal in a sync folder still takes the run, with a one-line warning on stderr."""
    path = tmp_path / "OneDrive" / "journal.db"
    result = invoke("--db", str(path), "log", "8k")
    assert result.exit_code == 0
    assert result.stderr.startswith("backjournal: warning: ")
    assert "sync tool" in result.stderr
    assert stored_runs(path) == [("2026-11-25", 8000)]


def test_log_reports_the_backup_made_before_an_upgrade(db_path, monkeypatch):
    """When a command upgrades the journal, stderr names the copy made before it."""
    Journal.open(db_path).close()
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations()
    def m002_test_noop(db):
        db.execute("CREATE TABLE test_noop (id INTEGER PRIMARY KEY)")

    result = invoke("log", "8k")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("backjournal: journal upgraded; the previous copy is ")
    backup = Path(result.stderr.split("the previous copy is ", 1)[1].strip())
    assert backup.exists() and backup.parent == db_path.parent


# --- demo ----------------------------------------------------------------------------------------


def test_demo_fills_a_journal_and_refuses_to_overwrite(db_path):
    """demo writes a year ending today; a second demo is refused without --force."""
    result = invoke("demo")
    assert result.exit_code == 0, result.output
    said = re.fullmatch(r"Wrote (\d+) days and (\d+) runs of demo data to (.+)\n", result.stdout)
    assert said is not None, result.stdout
    assert said.group(3) == str(db_path)
    with Journal.open(db_path) as journal:
        first = journal.day_summaries()
    assert len(first) == int(said.group(1))
    assert sum(s.runs for s in first) == int(said.group(2))
    # A year ending today (a demo runner may forget to fill in the odd day).
    assert 300 <= len(first) <= 365
    assert "2025-11-26" <= first[-1].date < first[0].date <= TODAY.isoformat()
    assert int(said.group(2)) > 100

    line = assert_one_line_failure(invoke("demo"), "already holds entries", "--force")
    assert str(db_path) in line
    with Journal.open(db_path) as journal:
        assert journal.day_summaries() == first

    result = invoke("demo", "--force", "--seed", "8")
    assert result.exit_code == 0, result.output
    with Journal.open(db_path) as journal:
        replaced = journal.day_summaries()
    assert replaced and replaced != first
    assert result.stdout.startswith(f"Wrote {len(replaced)} days and ")


def test_demo_is_reproducible(tmp_path):
    """The same seed writes the same journal."""
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert invoke("--db", str(a), "demo", "--seed", "3").exit_code == 0
    assert invoke("--db", str(b), "demo", "--seed", "3").exit_code == 0
    with Journal.open(a) as ja, Journal.open(b) as jb:
        assert ja.day_summaries() == jb.day_summaries()


def test_demo_refuses_a_damaged_journal(tmp_path):
    """demo does not overwrite a file that is not a journal."""
    path = tmp_path / "notes.db"
    path.write_bytes(b"my precious notes, not a database\n")
    assert_one_line_failure(invoke("--db", str(path), "demo", "--force"), "not an SQLite database")
    assert path.read_bytes() == b"my precious notes, not a database\n"


# --- a real process ------------------------------------------------------------------------------


def test_module_version_in_a_real_process():
    """python -m backjournal --version works as the installed script does."""
    proc = run_module("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"backjournal, version {__version__}\n"


def test_module_log_in_a_real_process(db_path):
    """python -m backjournal log stores the run in the BACKJOURNAL_DB journal."""
    proc = run_module("log", "10k", "50:00", "--pain", "2", "--date", "yesterday")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Logged 2026-11-24: 10 km easy on road, in 50:00 (5:00 /km)")
    assert stored_runs(db_path) == [("2026-11-24", 10000)]


def test_module_refusal_in_a_real_process(db_path):
    """In a real process a bad value is exit 1 and exactly one stderr line, no traceback."""
    proc = run_module("log", "8k", "--pain", "eleven")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == "backjournal: --pain: pain must be a whole number 0-10, not 'eleven'\n"
    assert stored_runs(db_path) == []
