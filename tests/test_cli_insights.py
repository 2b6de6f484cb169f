"""``backjournal insights``: the Trends screen's sentences, the documented JSON and its refusals,
on a real journal file (CliRunner in-process)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.activity import Activity
from backjournal.domain.models import DayEntry, Run, Shoe
from backjournal.store.shoes import add_shoe

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "insights-json.md"
FIRST = dt.date(2026, 8, 31)  # a Monday: 12 weeks to Sunday 22 November
LAST = dt.date(2026, 11, 22)
# (run km or None, waking back pain): long runs raise the next morning by 4, nothing else moves.
WEEK = ((16, 2), (None, 6), (5, 2), (None, 2), (5, 2), (16, 2), (None, 6))


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, ["insights", *args], prog_name="backjournal")


@pytest.fixture
def weeks(journal):
    """12 identical weeks: long runs in "Fast [b]flats[/b]" Monday and Saturday (16 km, next
    morning 6), short runs in trainers Wednesday and Friday (5 km), and Monday 23's morning 2."""
    flats = add_shoe(journal, Shoe("Fast [b]flats[/b]")).id
    trainers = add_shoe(journal, Shoe("Trainers")).id
    for i in range((LAST - FIRST).days + 1):
        km, pain = WEEK[i % 7]
        shoe = flats if km == 16 else trainers
        runs = [Run(km * 1000.0, shoe_id=shoe)] if km else []
        date = (FIRST + dt.timedelta(days=i)).isoformat()
        journal.save_day(DayEntry(date, back_wake=pain, runs=runs), TODAY)
    journal.save_day(DayEntry("2026-11-23", back_wake=2), TODAY)
    return journal


def test_the_sentences_in_rank_order(weeks):
    """Run days first (+4.7, the interval furthest from zero), then runs over the median (+4.0):
    the next morning after the range's last day is read too; the method and footer close."""
    result = invoke("--from", FIRST.isoformat(), "--to", LAST.isoformat())
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "What the data says, 2026-08-31 to 2026-11-22"
    assert lines[1].startswith(
        "- Run days are associated with a difference in the change in back pain by the next "
        "morning: +4.7 points against rest days (95 % CI +4.7 to +4.7; 48 and 36 days), "
        "clinically meaningful"
    )
    assert lines[2] == (
        "- Runs over 10.5 km (the median) are associated with a difference in the change in back "
        "pain by the next morning: +4.0 points against shorter runs (95 % CI +4.0 to +4.0; 24 "
        "and 24 days), clinically meaningful (the whole interval is 2 points or more from zero)."
    )
    assert (
        "- Runs over 10.5 km (the median) vs shorter runs, leg pain change by the next "
        "morning: not enough data yet (0 and 0 days; 10 on each side needed)." in lines
    )
    assert lines[-1] == "Associations in your own data, not causes; guidance, not a verdict."


def test_the_default_range_is_twelve_weeks(weeks):
    """Without --from: the current week and the 11 before it, as on the Trends screen."""
    doc = json.loads(invoke("--json").output)
    assert (doc["from"], doc["to"]) == ("2026-09-07", "2026-11-25")


def test_json_numbers_behind_each_sentence(weeks):
    """The JSON gives outcome, factor, n and weeks per side, difference, CI, q and verdict."""
    doc = json.loads(invoke("--from", FIRST.isoformat(), "--to", LAST.isoformat(), "--json").output)
    assert doc["format"] == "backjournal-insights" and doc["version"] == 1
    first = doc["comparisons"][0]
    assert (first["factor"], first["outcome"], first["verdict"]) == (
        "rest",
        "back",
        "clinically meaningful",
    )
    assert (first["n_a"], first["n_b"], first["weeks_a"], first["weeks_b"]) == (48, 36, 12, 12)
    assert (first["difference"], first["ci_low"], first["ci_high"]) == (4.67, 4.67, 4.67)
    assert first["q"] <= 0.10
    short = next(c for c in doc["comparisons"] if c["outcome"] == "leg")
    assert short["verdict"] == "not enough data" and short["ci_low"] is None


def test_a_split_already_made_is_not_repeated_for_shoes(weeks):
    """The flats were worn on exactly the runs over the median: no second, shoe, sentence."""
    doc = json.loads(invoke("--from", FIRST.isoformat(), "--to", LAST.isoformat(), "--json").output)
    assert {c["factor"] for c in doc["comparisons"]} == {"rest", "distance", "ramp"}


def test_active_days_reach_the_json_from_the_journal(journal):
    """Walks on Tuesdays and Fridays (next morning unchanged) against days with nothing (next
    morning 3 points up), stored as other activity: the documented "active-rest" comparison."""
    week = ((5, None, 3), (None, "walk", 3), (None, None, 3), (5, None, 6), (None, "ride", 3),
            (None, None, 3), (5, None, 6))  # fmt: skip
    for i in range((LAST - FIRST).days + 1):
        km, sport, pain = week[i % 7]
        journal.save_day(
            DayEntry(
                (FIRST + dt.timedelta(days=i)).isoformat(),
                back_wake=pain,
                runs=[Run(km * 1000.0)] if km else [],
                activities=[Activity(sport, 2400)] if sport else [],
            ),
            TODAY,
        )
    journal.save_day(DayEntry("2026-11-23", back_wake=3), TODAY)
    doc = json.loads(invoke("--from", FIRST.isoformat(), "--to", LAST.isoformat(), "--json").output)
    moved = next(
        c for c in doc["comparisons"] if c["factor"] == "active-rest" and c["outcome"] == "back"
    )
    assert (moved["topic"], moved["n_a"], moved["n_b"], moved["difference"]) == (
        "active-rest", 24, 24, -3.0
    )  # fmt: skip
    assert moved["verdict"] == "clinically meaningful"
    assert '`"active-rest"`' in DOC.read_text(encoding="utf-8")


def test_an_own_factor_reaches_the_sentences_and_the_json(weeks):
    """A yes/no factor answered yes on the long-run days and no on the short-run ones (the
    other days unanswered): the documented "own:<id>" comparison, topic "own", with its caveat,
    in the JSON and in the printed sentences alike."""
    from backjournal.domain.clinical import Factor

    drive = weeks.clinical.add_factor(Factor("long drive"))
    for i in range((LAST - FIRST).days + 1):
        km = WEEK[i % 7][0]
        if km:
            date = (FIRST + dt.timedelta(days=i)).isoformat()
            weeks.clinical.set_factor(date, drive, int(km == 16), TODAY)
    span = ("--from", FIRST.isoformat(), "--to", LAST.isoformat())
    doc = json.loads(invoke(*span, "--json").output)
    own = next(
        c for c in doc["comparisons"] if c["factor"] == f"own:{drive.id}" and c["outcome"] == "back"
    )
    assert (own["topic"], own["side_a"], own["side_b"]) == (
        "own",
        'days with "long drive"',
        "days answered no",
    )
    assert (own["n_a"], own["n_b"], own["difference"], own["verdict"]) == (
        24,
        24,
        4.0,
        "clinically meaningful",
    )
    assert own["text"] == (
        'Days with "long drive" are associated with a difference in the change in back pain by '
        "the next morning: +4.0 points against days answered no (95 % CI +4.0 to +4.0; 24 and 24 "
        "days), clinically meaningful (the whole interval is 2 points or more from zero). People "
        "often change what they do, and how they feel, when they hurt more, so the link may run "
        "the other way."
    )
    assert f"- {own['text']}" in invoke(*span).output.splitlines()
    text = DOC.read_text(encoding="utf-8")
    assert '`"own:4"`' in text and "`own`" in text


def test_json_keys_are_the_documented_ones(weeks):
    """Every key of the document and of a comparison is in docs/insights-json.md, and the
    other way round; the doc's example has the same keys as real output."""
    doc = json.loads(invoke("--json").output)
    text = DOC.read_text(encoding="utf-8")
    header_part, rest = text.split("## A comparison")
    row_part = rest.split("## Example")[0]
    documented_header = set(re.findall(r"^\| `(\w+)` \|", header_part, flags=re.M))
    documented_row = set(re.findall(r"^\| `(\w+)` \|", row_part, flags=re.M))
    assert set(doc) | set(doc["method"]) == documented_header
    assert set(doc["comparisons"][0]) == documented_row
    example = json.loads(re.search(r"```json\n(.*?)```", text, flags=re.S).group(1))
    assert set(example) == set(doc)
    assert set(example["comparisons"][0]) == set(doc["comparisons"][0])


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
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("backjournal: ") and words in line
    assert not db_path.exists()


def test_an_empty_journal_has_not_enough_data(journal):
    """A new journal: the comparisons that exist say there is not enough data yet."""
    result = invoke()
    assert result.exit_code == 0, result.output
    assert "not enough data yet (0 and 0 days" in result.output
    assert "associated with" not in result.output
