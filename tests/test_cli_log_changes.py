"""``backjournal log`` says what it replaced: scores, marks and extent (issue #15, item 3).

A day may already hold an after-run pain or body-map marks; quick entry must not replace them
without a word, and ``--add-where`` adds marks without removing the others.
"""

from __future__ import annotations

from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.day_changes import (
    extent_change,
    mark_changes,
    merge_marks,
    replaced_scores,
)
from backjournal.domain.models import DayEntry
from backjournal.domain.symptoms import Mark
from backjournal.store import Journal

DAY = TODAY.isoformat()


def invoke(*args: str) -> Result:
    """Run ``backjournal ARGS`` in-process and return click's result."""
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def test_replaced_scores_names_old_and_new_values():
    """A score that held 4 and now holds 3 reads 'back after 4 -> 3'; a first value is not
    listed."""
    before = DayEntry(DAY, back_after=4, leg_after=None, sleep=3)
    after = DayEntry(DAY, back_after=3, leg_after=2, sleep=None)
    assert replaced_scores(before, after) == ["back after 4 -> 3", "sleep 3 -> -"]
    assert replaced_scores(None, after) == []


def test_mark_changes_lists_removed_and_changed_marks():
    """Removed and changed marks are listed in head-to-foot order; added ones replace nothing."""
    old = [Mark("calf-l", 3, ("tingling",)), Mark("buttock-l", 4), Mark("neck", 1)]
    new = [Mark("buttock-l", 3), Mark("neck", 1), Mark("foot-r", 2)]
    assert mark_changes(old, new) == [
        "Removed marks: calf-l 3 tingling",
        "Changed marks: buttock-l 4 -> 3",
    ]
    assert mark_changes(old, [*old, Mark("foot-r", 2)]) == []


def test_merge_marks_keeps_the_others_and_takes_the_new_mark():
    """Adding marks keeps every other region; a region already marked takes the new mark."""
    merged = merge_marks(
        [Mark("calf-l", 3), Mark("neck", 1)], [Mark("calf-l", 5), Mark("knee-r", 2)]
    )
    assert merged == [Mark("neck", 1), Mark("calf-l", 5), Mark("knee-r", 2)]


def test_extent_change_only_when_it_moved():
    """The extent line names each leg that moved; none when unchanged or when there was none."""
    assert extent_change((4, 0), (3, 0)) == "Extent: left 4 -> 3"
    assert extent_change((4, 1), None) == "Extent: left 4 -> 0, right 1 -> 0"
    assert extent_change((2, 2), (2, 2)) is None
    assert extent_change(None, (3, 0)) is None


def test_log_says_which_pain_it_replaced_and_echoes_the_stored_leg_pain(db_path):
    """A second run with --pain 3 on a day with after-run pain 4 (leg 3) says 4 -> 3, and the
    echo shows the leg pain still stored, not '-'."""
    assert invoke("log", "8k", "--pain", "4", "--leg", "3").exit_code == 0
    result = invoke("log", "5k", "--pain", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Logged {DAY}: 5 km easy on road, pain back 3 leg 3 · day total 13 km",
        "Replaced: back after 4 -> 3",
    ]


def test_where_says_which_marks_it_removed_and_how_the_extent_moved(db_path):
    """--where on a day with three marks names the two it removed, the one it changed, and the
    extent falling from 4 to 2."""
    first = "buttock-l:4:shooting,thigh-back-l:2:tingling,calf-l:3:tingling"
    assert invoke("log", "--where", first).exit_code == 0
    result = invoke("log", "--where", "buttock-l:3:shooting")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Logged {DAY}: marks: buttock-l 3 shooting",
        "Removed marks: thigh-back-l 2 tingling · calf-l 3 tingling",
        "Changed marks: buttock-l 4 shooting -> 3 shooting",
        "Extent: left 4 -> 2",
    ]


def test_add_where_adds_without_replacing(db_path):
    """--add-where keeps the day's marks and adds the new ones; nothing is reported removed."""
    assert invoke("log", "--where", "buttock-l:4:tingling").exit_code == 0
    result = invoke("log", "--add-where", "calf-l:2:numbness")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Logged {DAY}: marks: buttock-l 4 tingling · calf-l 2 numbness",
        "Extent: left 2 -> 4",
    ]
    with Journal.open(db_path) as journal:
        assert journal.symptoms.marks(DAY) == [
            Mark("buttock-l", 4, ("tingling",)),
            Mark("calf-l", 2, ("numbness",)),
        ]


def test_where_and_add_where_together_are_refused(db_path):
    """Both options at once is one line on stderr, exit 1, and nothing stored."""
    result = invoke("log", "--where", "neck:1", "--add-where", "calf-l:2")
    assert result.exit_code == 1
    assert result.stderr == (
        "backjournal: give --where (replaces the day's marks) or --add-where (adds to them), "
        "not both\n"
    )
    assert not db_path.exists()


def test_a_first_log_on_an_empty_day_replaces_nothing(db_path):
    """On a day with nothing recorded, only the Logged line is printed."""
    result = invoke("log", "8k", "--pain", "2", "--where", "low-back:2")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1
