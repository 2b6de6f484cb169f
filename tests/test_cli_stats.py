"""``backjournal stats``: the per-day and per-week table, the documented JSON, and its refusals,
on a real journal file (CliRunner in-process, and once as ``python -m backjournal``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run, Settings

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "stats-json.md"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, ["stats", *args], prog_name="backjournal")


@pytest.fixture
def weeks(journal):
    """Monday weeks from 9 November: 10 km; then 12 + 5 km (+70 %, and the 12 km run is a spike);
    then 20 km this week so far (+18 %, +100 % on two weeks before, a spike), and severe back
    pain this morning with a fever (a red flag)."""
    for date, km, scores in (
        ("2026-11-09", 10, {"back_wake": 2}),
        ("2026-11-16", 12, {"back_wake": 3}),
        ("2026-11-17", 5, {"leg_after": 3, "back_wake": 4}),
        ("2026-11-24", 20, {}),
    ):
        journal.save_day(DayEntry(date, runs=[Run(km * 1000.0)], **scores), TODAY)
    journal.save_day(DayEntry("2026-11-25", back_wake=7, rf_fever=True), TODAY)
    return journal


def rows_of(output: str) -> dict[str, str]:
    """Table lines by their first cell (the date)."""
    return {
        line.split()[0]: line for line in output.splitlines() if re.match(r"\d{4}-\d\d-\d\d", line)
    }


def test_default_table_is_the_last_28_days_from_the_first_day(weeks):
    """Without options: one row per day up to today, 28 at most and none before the journal's
    first day (9 November); rest days as 0 km."""
    result = invoke()
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "day",
        "distance",
        "runs",
        "active",
        "back",
        "leg",
        "extent",
        "L/R",
        "ACWR",
        "EWMA",
        "flags",
    ]
    rows = rows_of(result.output)
    assert len(rows) == 17
    assert min(rows) == "2026-11-09" and max(rows) == "2026-11-25"
    assert rows["2026-11-17"].split()[:8] == [
        "2026-11-17",
        "5",
        "km",
        "1",
        "0",
        "min",
        "4.0",
        "3.0",
    ]
    assert rows["2026-11-18"].split()[:4] == ["2026-11-18", "0", "km", "0"]
    assert rows["2026-11-24"].rstrip().endswith("spike 30-100 %")
    assert rows["2026-11-25"].rstrip().endswith("red-flag")
    assert "Guidance, not a verdict." in result.output


def test_weeks_table_with_ramps_and_flags(weeks):
    """--weeks: Monday weeks from the journal's first; the week-on-week ramp is a number, never a
    flag; spikes show their tier; the current week is marked as partial, with all its flags."""
    result = invoke("--weeks")
    assert result.exit_code == 0, result.output
    rows = rows_of(result.output)
    assert len(rows) == 3 and min(rows) == "2026-11-09"
    assert "+70 %" in rows["2026-11-16"]
    assert rows["2026-11-16"].rstrip().endswith("  spike 10-30 %")
    assert rows["2026-11-16"].split()[9:11] == ["-", "-"]  # no ratio: 14 days of history
    current = rows["2026-11-23"]
    assert "+18 %*" in current
    assert current.rstrip().endswith("  two-week-ramp, spike 30-100 %, red-flag")
    assert "* only part of this week is in the range" in result.output


def test_weeks_follow_the_week_start_setting(weeks):
    """With Sunday weeks, --from moves back to its Sunday and rows begin on Sundays."""
    weeks.save_settings(Settings(week_start="sunday"))
    result = invoke("--weeks", "--from", "2026-11-10", "--json")
    doc = json.loads(result.output)
    assert doc["from"] == "2026-11-08" and doc["week_start"] == "sunday"
    assert [r["start"] for r in doc["rows"]] == ["2026-11-08", "2026-11-15", "2026-11-22"]
    assert [r["distance_m"] for r in doc["rows"]] == [10000.0, 17000.0, 20000.0]


def test_json_rows(weeks):
    """--json: the documented header, one row per week, numbers and flags as documented."""
    result = invoke("--weeks", "--from", "2026-11-09", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert {k: doc[k] for k in ("format", "version", "from", "to", "period", "units")} == {
        "format": "backjournal-stats",
        "version": 1,
        "from": "2026-11-09",
        "to": "2026-11-25",
        "period": "week",
        "units": "km",
    }
    first, second, third = doc["rows"]
    assert (first["distance"], first["runs"], first["back_mean"], first["flags"]) == (
        10.0,
        1,
        2.0,
        [],
    )
    assert second["ramp_pct"] == 70.0 and second["flags"] == ["spike"]
    assert second["spike_tiers"] == ["10-30 %"]
    assert second["back_mean"] == 3.5 and second["leg_mean"] == 3.0 and second["leg_days"] == 1
    assert third["complete"] is False and third["days"] == 3
    assert third["flags"] == ["two-week-ramp", "spike", "red-flag"]
    assert third["spike_tiers"] == ["30-100 %"]
    assert third["red_flags"] == [
        "2026-11-25: fever or feeling generally unwell with the back pain, or unexplained weight "
        "loss"
    ]
    assert third["two_week_ramp_pct"] == 100.0 and third["spikes"] == 1
    assert third["acwr_rolling"] is None and third["adherence"] is None  # 17 days of history


def test_json_distance_in_miles(weeks):
    """The distance follows the unit setting; distance_m stays in metres."""
    weeks.save_settings(Settings(units="mi"))
    doc = json.loads(invoke("--from", "2026-11-16", "--to", "2026-11-16", "--json").output)
    (row,) = doc["rows"]
    assert doc["units"] == "mi" and doc["period"] == "day"
    assert row["distance"] == 7.46 and row["distance_m"] == 12000.0


def test_json_keys_are_the_documented_ones(weeks):
    """Every key of the document and of a row is in docs/stats-json.md, and the other way
    round; the doc's example has the same keys as real output."""
    doc = json.loads(invoke("--json").output)
    text = DOC.read_text(encoding="utf-8")
    header_part, row_part = text.split("## A row")
    row_part = row_part.split("## Example")[0]
    documented_header = set(re.findall(r"^\| `(\w+)` \|", header_part, flags=re.M))
    documented_row = set(re.findall(r"^\| `(\w+)` \|", row_part, flags=re.M))
    assert set(doc) == documented_header
    assert set(doc["rows"][0]) == documented_row
    example = json.loads(re.search(r"```json\n(.*?)```", text, flags=re.S).group(1))
    assert set(example) == set(doc) and set(example["rows"][0]) == set(doc["rows"][0])


def test_an_empty_journal_gives_rest_days(journal):
    """A new journal: every row is a rest day, nothing is null that has a value."""
    doc = json.loads(invoke("--from", "-6", "--json").output)
    assert len(doc["rows"]) == 7
    assert all(r["distance_m"] == 0.0 and r["back_mean"] is None for r in doc["rows"])


def test_default_range_skips_the_days_before_the_first_entry(journal):
    """A journal begun two days ago shows two rows by default, not 26 rows of 0 km before them;
    a longer journal still shows 28 days (and 12 weeks)."""
    journal.save_day(DayEntry("2026-11-24", runs=[Run(5000.0)]), TODAY)
    journal.save_day(DayEntry("2026-11-25", back_wake=2), TODAY)
    assert sorted(rows_of(invoke().output)) == ["2026-11-24", "2026-11-25"]
    assert sorted(rows_of(invoke("--weeks").output)) == ["2026-11-23"]
    journal.save_day(DayEntry("2026-01-05", back_wake=1), TODAY)
    assert len(rows_of(invoke().output)) == 28
    assert len(rows_of(invoke("--weeks").output)) == 12


def test_an_empty_journal_without_from_shows_today_only(journal):
    """With nothing recorded, the default range is today alone."""
    doc = json.loads(invoke("--json").output)
    assert [r["start"] for r in doc["rows"]] == ["2026-11-25"]


@pytest.mark.parametrize(
    "args, words",
    [
        (("--from", "2026-11-20", "--to", "2026-11-10"), "--from 2026-11-20 is after --to"),
        (("--from", "soon"), "--from: 'soon' is not a date"),
        (("--to", "2026-12-01"), "--to: 2026-12-01 is in the future"),
    ],
)
def test_bad_dates_are_refused_in_one_line(args, words, db_path):
    """A bad or backwards range: exit 1, one line naming the option, no journal created."""
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("backjournal: ") and words in line
    assert not db_path.exists()


def test_stats_as_a_real_process(weeks):
    """``python -m backjournal stats --json`` prints the document."""
    proc = subprocess.run(
        [sys.executable, "-m", "backjournal", "stats", "--weeks", "--json"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["rows"]) == 3


def test_help_names_the_options():
    """stats --help lists --from, --to, --weeks and --json."""
    result = CliRunner().invoke(cli, ["stats", "--help"])
    for option in ("--from", "--to", "--weeks", "--json"):
        assert option in result.output


def test_active_flags_follow_the_table_and_are_in_the_json(weeks):
    """The fever recorded this morning is active on the last day: after the table, in words,
    and in the JSON's active_flags."""
    text = invoke().stdout
    assert "\nActive red flags on 2026-11-25:\nSee a doctor within days: fever or feeling " in text
    doc = json.loads(invoke("--json").stdout)
    assert doc["active_flags"] == [
        {
            "code": "fever",
            "tier": 2,
            "since": "2026-11-25",
            "text": "fever or feeling generally unwell with the back pain, or unexplained "
            "weight loss",
            "action": "Contact your doctor in the next few days, sooner if it gets worse.",
        }
    ]
    earlier = json.loads(invoke("--json", "--to", "2026-11-24").stdout)
    assert earlier["active_flags"] == []


def test_active_minutes_count_timed_runs_and_other_activity(journal):
    """A 30:00 run and a 40-minute walk make 70 active minutes, one activity; the distance and
    the ratios count the run only (running load stays runs only)."""
    from backjournal.domain.activity import Activity

    journal.save_day(
        DayEntry("2026-11-24", runs=[Run(5000.0, 1800)], activities=[Activity("walk", 2400)]),
        TODAY,
    )
    journal.save_day(DayEntry("2026-11-25", activities=[Activity("ride", 3600, 20_000)]), TODAY)
    doc = json.loads(invoke("--from", "2026-11-24", "--json").output)
    assert [(r["active_minutes"], r["activities"], r["distance_m"]) for r in doc["rows"]] == [
        (70, 1, 5000.0),
        (60, 1, 0.0),
    ]
    rows = rows_of(invoke("--from", "2026-11-24").output)
    assert rows["2026-11-25"].split()[:6] == ["2026-11-25", "0", "km", "0", "60", "min"]
