"""``backjournal log --where``: body-map marks from the shell, checked like the screen checks them.

Marks replace the day's marks; a run and its marks are one transaction; a bad --where is one line
on stderr listing the valid values, exit 1, and nothing at all is stored (not even the run).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.body import REGION_IDS
from backjournal.domain.symptoms import Mark
from backjournal.store import Journal

DAY = TODAY.isoformat()


def invoke(*args: str) -> Result:
    """Run ``backjournal ARGS`` in-process and return click's result."""
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def assert_one_line_failure(result: Result, *expected: str) -> str:
    """Exit 1, nothing on stdout, one stderr line holding each ``expected``."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("backjournal: ")
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def day_count(path: Path) -> int:
    """How many days the journal at ``path`` holds (0 when the file does not exist)."""
    if not path.exists():
        return 0
    with Journal.open(path) as journal:
        return journal.count_days()


def test_where_stores_marks_and_extent(db_path):
    """--where stores each region's intensity and qualities, and the left leg's extent (thigh)."""
    result = invoke("log", "--where", "buttock-l:4,thigh-back-l:2:tingling+numbness")
    assert result.exit_code == 0, result.output
    with Journal.open(db_path) as journal:
        assert journal.symptoms.marks(DAY) == [
            Mark("buttock-l", 4, ()),
            Mark("thigh-back-l", 2, ("tingling", "numbness")),
        ]
        assert journal.symptoms.extents(DAY, DAY) == [(DAY, 3, 0)]
        assert journal.get_day(DAY).runs == []
    assert result.stdout == (
        f"Logged {DAY}: marks: buttock-l 4 · thigh-back-l 2 tingling, numbness\n"
    )


def test_where_replaces_the_days_marks(db_path):
    """A second --where on the same day replaces the first one's marks, not adds to them."""
    assert invoke("log", "--where", "buttock-l:4,calf-l:3").exit_code == 0
    assert invoke("log", "--where", "low-back:2").exit_code == 0
    with Journal.open(db_path) as journal:
        assert journal.symptoms.marks(DAY) == [Mark("low-back", 2, ())]
        assert journal.symptoms.extents(DAY, DAY) == [(DAY, 1, 1)]


def test_where_on_another_date(db_path):
    """--date applies to the marks too."""
    assert invoke("log", "--where", "neck:1", "--date", "yesterday").exit_code == 0
    with Journal.open(db_path) as journal:
        assert journal.symptoms.marks("2026-11-24") == [Mark("neck", 1, ())]
        assert journal.symptoms.marks(DAY) == []


def test_run_and_marks_in_one_go(db_path):
    """A run with --where stores both, and the confirmation names the run and the marks."""
    result = invoke("log", "8k", "42:10", "--pain", "3", "--where", "low-back:3:ache")
    assert result.exit_code == 0, result.output
    with Journal.open(db_path) as journal:
        day = journal.get_day(DAY)
        assert [run.distance_m for run in day.runs] == [8000]
        assert day.back_after == 3
        assert day.marks == [Mark("low-back", 3, ("ache",))]
    line = result.stdout.splitlines()
    assert len(line) == 1
    assert line[0] == (
        f"Logged {DAY}: 8 km easy on road, in 42:10 (5:16 /km), pain back 3 leg - "
        "· day total 8 km · marks: low-back 3 ache"
    )


def test_run_refused_by_the_day_leaves_its_marks_unwritten(db_path):
    """When the day refuses the run (over 300 km in all), the marks given with it are not kept."""
    assert invoke("log", "300k", "--where", "neck:1").exit_code == 0
    assert_one_line_failure(invoke("log", "1k", "--where", "calf-r:5"), "more than 300 km")
    with Journal.open(db_path) as journal:
        assert journal.symptoms.marks(DAY) == [Mark("neck", 1, ())]
        assert [run.distance_m for run in journal.get_day(DAY).runs] == [300000]


def test_run_without_where_keeps_the_days_marks(db_path):
    """Logging a run alone leaves the marks already stored for the day as they were."""
    assert invoke("log", "--where", "buttock-r:2").exit_code == 0
    assert invoke("log", "5k").exit_code == 0
    with Journal.open(db_path) as journal:
        assert journal.symptoms.marks(DAY) == [Mark("buttock-r", 2, ())]


@pytest.mark.parametrize(
    "where, expected",
    [
        pytest.param("hand-l:3", ["unknown region 'hand-l'", "regions are neck, "], id="region"),
        pytest.param("calf-l:11", ["intensity must be 0-10, not 11"], id="intensity-11"),
        pytest.param("calf-l:x", ["intensity must be a whole number 0-10"], id="intensity-x"),
        pytest.param(
            "calf-l:3:itchy",
            ["unknown quality 'itchy'", "qualities are ache, sharp, shooting, burning, tingling"],
            id="quality",
        ),
        pytest.param("calf-l:3,calf-l:4", ["calf-l is given twice"], id="duplicate"),
        pytest.param("calf-l", ["should be region:intensity"], id="no-intensity"),
        pytest.param("", ["no marks given"], id="empty"),
    ],
)
def test_bad_where_is_refused_and_nothing_is_stored(db_path, where, expected):
    """A bad --where is exit 1, one line naming --where and the valid values; no day is created."""
    line = assert_one_line_failure(invoke("log", "--where", where), "--where: ", *expected)
    if "unknown region" in line:
        assert all(region in line for region in REGION_IDS)
    assert day_count(db_path) == 0


def test_bad_where_stores_no_run_either(db_path):
    """With a valid run and a bad --where, the run is not stored either."""
    assert_one_line_failure(invoke("log", "8k", "--where", "calf-l:11"), "--where")
    assert day_count(db_path) == 0


def test_bad_where_leaves_an_existing_day_alone(db_path):
    """A refused --where on a day with a run and marks changes nothing on that day."""
    assert invoke("log", "8k", "--where", "calf-l:3").exit_code == 0
    with Journal.open(db_path) as journal:
        before = journal.get_day(DAY)
    assert_one_line_failure(invoke("log", "5k", "--where", "calf-l:3,calf-l:4"), "twice")
    with Journal.open(db_path) as journal:
        after = journal.get_day(DAY)
        assert after == before
        assert after.marks == before.marks


def test_bad_run_with_good_where_stores_nothing(db_path):
    """With good marks and a bad --pain, the marks are not stored either."""
    assert_one_line_failure(invoke("log", "8k", "--pain", "12", "--where", "neck:2"), "--pain")
    assert day_count(db_path) == 0


def test_neither_distance_nor_where_is_refused(db_path):
    """log with neither DISTANCE nor --where says what to give, and stores nothing."""
    assert_one_line_failure(invoke("log"), "DISTANCE", "--where")
    assert day_count(db_path) == 0


@pytest.mark.parametrize("option", [["--pain", "2"], ["--note", "x"], ["--type", "long"]])
def test_run_options_without_distance_are_refused(db_path, option):
    """--pain, --note or --type with marks but no run is refused rather than silently dropped."""
    assert_one_line_failure(invoke("log", "--where", "neck:1", *option), option[0], "DISTANCE")
    assert day_count(db_path) == 0


def test_red_flag_line_for_weakness(db_path):
    """calf-l:7:weakness prints the Tier 2 line: the sign, its day, the action, the source."""
    result = invoke("log", "--where", "calf-l:7:weakness")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0] == f"Logged {DAY}: marks: calf-l 7 weakness"
    assert lines[1] == (
        f"backjournal: See a doctor within days: weakness marked on the body map (recorded {DAY}; "
        "calf-l)."
        " Contact your doctor in the next few days, sooner if it gets worse. (NICE NG59 and NICE "
        "CKS low back pain)"
    )
    with Journal.open(db_path) as journal:
        codes = [flag.code for flag in journal.symptoms.flags(DAY)]
    assert codes == ["weakness-mark"]


def test_tier1_line_comes_first_and_says_go_now(db_path):
    """Numbness on both buttocks: the emergency line, word for word, before any Tier 2 line."""
    result = invoke("log", "--where", "buttock-l:2:numbness,buttock-r:2:tingling,calf-l:2:weakness")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "backjournal: EMERGENCY: POSSIBLE CAUDA EQUINA SYNDROME: numbness or tingling marked on "
        f"both buttocks (recorded {DAY}). These can be signs of cauda equina syndrome, which needs "
        "treatment within hours. Go to an emergency department now (UK: A&E or 999; US: ER or "
        "911; EU: 112). Do not wait to see whether it settles. (GIRFT National Suspected Cauda "
        "Equina Syndrome Pathway 2023; SBNS/BASS standards 2018; NICE CKS sciatica)"
    )
    assert lines[2].startswith("backjournal: See a doctor within days: weakness marked")


def test_no_red_flag_line_for_mild_marks(db_path):
    """Mild one-sided marks print only the confirmation."""
    result = invoke("log", "--where", "buttock-l:3:ache")
    assert result.exit_code == 0
    assert "physician" not in result.output
    assert len(result.stdout.splitlines()) == 1


def test_red_flag_line_counts_the_whole_day(db_path):
    """Severe pain yesterday and a run with leg pain 8 today: the flag shows when marks are
    added later, labelled as the source article's advice."""
    yesterday = (dt.date.fromisoformat(DAY) - dt.timedelta(days=1)).isoformat()
    assert invoke("log", "5k", "--leg", "7", "--date", yesterday).exit_code == 0
    assert invoke("log", "8k", "--leg", "8").exit_code == 0
    result = invoke("log", "--where", "buttock-l:2")
    assert result.exit_code == 0
    assert "severe pain (7 or more) in the back or down a leg on 2 days running" in result.stdout
    assert (
        'The source article advises: "severe pain in the back or down the legs: consult your '
        "physician\". (the source article's own advice, not NICE)" in result.stdout
    )
