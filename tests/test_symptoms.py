"""Marks, the --where syntax and the Oswestry scoring (red flags: test_flags.py)."""

from __future__ import annotations

import pytest

from backjournal.domain.parse import InvalidValue
from backjournal.domain.questionnaires import ODI_SECTIONS, odi_band, odi_score
from backjournal.domain.symptoms import Mark, format_marks, parse_where

NO_CHECKS: dict[str, bool | None] = {}
NO_PAIN: dict[str, int | None] = {}


def codes(flags) -> list[str]:
    return [f.code for f in flags]


def test_where_reads_marks_with_qualities():
    """The issue's example gives two marks, qualities in canonical order."""
    marks = parse_where("buttock-l:4,thigh-back-l:2:tingling+numbness")
    assert marks == [
        Mark("buttock-l", 4, ()),
        Mark("thigh-back-l", 2, ("tingling", "numbness")),
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("butt:3", "unknown region 'butt'; regions are neck, upper-back"),
        ("calf-l:11", "intensity must be 0-10, not 11"),
        ("calf-l:-1", "intensity must be 0-10, not -1"),
        ("calf-l:x", "intensity must be a whole number 0-10"),
        ("calf-l:3:itchy", "unknown quality 'itchy'; qualities are ache, sharp"),
        ("calf-l", "should be region:intensity"),
        ("calf-l:3,calf-l:4", "calf-l is given twice"),
        ("", "no marks given"),
    ],
)
def test_where_refuses_with_the_valid_values(text, fragment):
    """Each mistake is named, with the valid values where there is a list."""
    with pytest.raises(InvalidValue) as info:
        parse_where(text)
    assert fragment in str(info.value)


def test_where_reports_every_mistake_at_once():
    """Two bad items give two reasons in one message."""
    with pytest.raises(InvalidValue) as info:
        parse_where("calf-l:12,knee-l:2:itchy")
    assert "not 12" in str(info.value) and "'itchy'" in str(info.value)


def test_format_marks_follows_the_catalogue_order():
    """The compact text lists marks from head to foot, with their qualities."""
    marks = [Mark("calf-l", 4, ("tingling",)), Mark("low-back", 2, ())]
    assert format_marks(marks) == "low-back 2 · calf-l 4 tingling"


def test_odi_worked_examples_from_clinical_md():
    """16 points over 10 sections is 32 %; over 9 answered sections 35.6 %."""
    ten = [2, 2, 2, 2, 2, 2, 1, 1, 1, 1]
    assert sum(ten) == 16
    assert odi_score(ten).score == 32.0
    nine = [2, 2, 2, 2, 2, 2, 1, 1, 2, None]
    assert sum(a for a in nine if a is not None) == 16
    assert odi_score(nine).score == 35.6
    assert odi_score(nine).answered == 9


def test_odi_all_skipped_has_no_score():
    """With every section skipped there is nothing to score."""
    assert odi_score([None] * 10) is None


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "minimal"),
        (20, "minimal"),
        (20.5, "moderate"),
        (40, "moderate"),
        (60, "severe"),
        (61, "very severe"),
        (80, "very severe"),
        (81, "extreme"),
        (100, "extreme"),
    ],
)
def test_odi_bands(score, band):
    """Bands: 0-20 minimal, 21-40 moderate, 41-60 severe, 61-80 very severe, 81-100 extreme."""
    assert odi_band(score) == band


def test_odi_refuses_bad_answers():
    """Answers outside 0-5, or the wrong number of sections, are refused."""
    with pytest.raises(ValueError):
        odi_score([6] + [0] * 9)
    with pytest.raises(ValueError):
        odi_score([0] * 9)


def test_odi_sections_have_six_answers_each():
    """Ten sections, each with answers for 0 to 5."""
    assert len(ODI_SECTIONS) == 10
    assert all(len(answers) == 6 for _, answers in ODI_SECTIONS)
