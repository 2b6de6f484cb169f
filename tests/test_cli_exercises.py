"""``backjournal done`` and ``backjournal exercises``: ticking from the shell, the printed
checklist, the library, starting a programme, and unknown ids refused with close matches."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.exercises import LIBRARY
from backjournal.store import Journal


def invoke(*args: str) -> Result:
    """Run ``backjournal ARGS`` in-process."""
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def ticks(db_path) -> list[tuple[str, str, int | None, str]]:
    with Journal.open(db_path) as journal:
        return journal.conn.execute(
            "SELECT date, exercise_id, sets_done, note FROM exercise_done "
            "ORDER BY date, exercise_id"
        ).fetchall()


def test_exercises_without_a_programme_says_how_to_start(db_path):
    """A new journal's checklist says there is no programme and how to start one."""
    result = invoke("exercises")
    assert result.exit_code == 0, result.output
    assert "No programme yet. Start one: backjournal exercises --start relief" in result.stdout
    assert "backjournal exercises --library" in result.stdout


def test_start_then_print_the_days_checklist(db_path):
    """--start loads the starter programme; the checklist lists today's exercises unticked."""
    result = invoke("exercises", "--start", "strengthening", "--why", "pain settling")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Programme from 2026-11-25: strengthening starter, 8 exercises"
    assert lines[1] == "Wed 2026-11-25 · strengthening · 0 of 5 done"
    assert lines[2].startswith("[ ] glute-bridge") and "Glute bridge" in lines[2]
    assert lines[2].endswith("3 x 10")
    assert lines[-1] == (
        "Tick with: backjournal done glute-bridge bird-dog dead-bug side-plank mcgill-curl-up"
    )
    with Journal.open(db_path) as journal:
        assert journal.exercises.phase_history() == [
            (TODAY, None, "strengthening", "pain settling")
        ]


def test_done_ticks_and_the_checklist_shows_it(db_path):
    """done prints one line with the progress; exercises shows [x], sets and extras."""
    invoke("exercises", "--start", "strengthening")
    result = invoke("done", "bird-dog", "glute-bridge", "--sets", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Done 2026-11-25: bird-dog, glute-bridge (2 sets) · 2 of 5 scheduled done\n"
    )
    assert invoke("done", "plank", "--note", "felt good").exit_code == 0
    out = invoke("exercises").stdout.splitlines()
    assert out[0] == "Wed 2026-11-25 · strengthening · 2 of 5 done"
    assert out[1].startswith("[x] glute-bridge") and out[1].endswith("(2 of 3 sets)")
    assert out[3].startswith("[ ] dead-bug")
    assert out[6].startswith("[x] plank") and out[6].endswith("(extra; felt good)")
    assert out[7].startswith("Adherence: last 7 days 100 %")
    assert ticks(db_path) == [
        ("2026-11-25", "bird-dog", 2, ""),
        ("2026-11-25", "glute-bridge", 2, ""),
        ("2026-11-25", "plank", None, "felt good"),
    ]


def test_unknown_ids_list_close_matches_and_store_nothing(db_path):
    """One unknown id among good ones: exit 1, one line naming it with its close match, and no
    tick stored."""
    result = invoke("done", "plank", "brid-dog", "hamstring")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "there is no exercise 'brid-dog' (did you mean bird-dog?)" in result.stderr
    assert "there is no exercise 'hamstring' (did you mean hamstring-stretch?)" in result.stderr
    assert result.stderr.count("--library") == 1
    assert ticks(db_path) == []


def test_done_refuses_bad_dates_and_sets(db_path):
    """A future date, a bad date or sets out of range: exit 1, one line, nothing stored."""
    for args, message in (
        (("--date", "tomorrow"), "--date: 2026-11-26 is in the future; today is 2026-11-25"),
        (("--date", "soon"), "--date: 'soon' is not a date"),
        (("--sets", "0"), "sets done must be a whole number from 1 to 20"),
    ):
        result = invoke("done", "plank", *args)
        assert result.exit_code == 1, args
        assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert ticks(db_path) == []


def test_done_for_an_earlier_date(db_path):
    """--date yesterday ticks yesterday, judged by the programme of that day."""
    invoke("exercises", "--start", "relief", "--date", "-7")
    result = invoke("done", "bird-dog", "--date", "yesterday")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Done 2026-11-24: bird-dog · 1 of 5 scheduled done\n"
    out = invoke("exercises", "--date", "yesterday").stdout
    assert out.startswith("Tue 2026-11-24 · relief · 1 of 5 done\n")


def test_a_date_before_the_programme_says_so(db_path):
    """A date before the programme started says no programme was in force then."""
    invoke("exercises", "--start", "relief")
    result = invoke("exercises", "--date", "2026-01-01")
    assert result.exit_code == 0
    assert result.stdout == "Thu 2026-01-01: no programme was in force that day\n"


def test_library_lists_every_exercise_by_kind(db_path):
    """--library prints each built-in's id, name and dose under its kind; hidden with --all."""
    result = invoke("exercises", "--library")
    assert result.exit_code == 0
    for exercise in LIBRARY:
        assert exercise.id in result.stdout
    assert result.stdout.startswith("Strength:\n  glute-bridge")
    assert "Stretch:" in result.stdout and "Mobility:" in result.stdout
    with Journal.open(db_path) as journal:
        journal.exercises.set_hidden("plank", True)
    assert "\n  plank " not in invoke("exercises", "--library").stdout
    assert "(hidden)" in invoke("exercises", "--library", "--all").stdout


def test_suggestion_is_printed_on_today(db_path):
    """The phase suggestion shows under today's checklist."""
    from backjournal.domain.models import DayEntry

    with Journal.open(db_path) as journal:
        journal.exercises.start("relief", on=TODAY - dt.timedelta(days=20), today=TODAY)
        for n in range(15):
            day = TODAY - dt.timedelta(days=n)
            journal.save_day(DayEntry(day.isoformat(), back_wake=1, leg_wake=1), TODAY)
            ids = [c.exercise.id for c in journal.exercises.checklist(day)]
            journal.exercises.done(day, ids, today=TODAY)
    out = invoke("exercises").stdout
    assert "Suggestion: Back and leg pain have stayed at 2 or less for 14 days" in out


def test_done_as_a_process(db_path):
    """python -m backjournal done works end to end and exits 1 on an unknown id."""
    ok = subprocess.run(
        [sys.executable, "-m", "backjournal", "done", "plank"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "Done 2026-11-25: plank\n"
    bad = subprocess.run(
        [sys.executable, "-m", "backjournal", "done", "plonk"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 1 and "did you mean plank?" in bad.stderr
    assert "Traceback" not in bad.stderr
