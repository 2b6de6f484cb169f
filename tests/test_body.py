"""The body map's regions and extent (figures: test_figure.py; trend: test_extent_trend.py)."""

from __future__ import annotations

import pytest

from backjournal.domain.body import (
    QUALITIES,
    QUALITY_KEYS,
    REGION_BY_ID,
    REGION_IDS,
    REGIONS,
    counts_toward_extent,
    extent,
    why_not_counted,
)

EXPECTED_IDS = {
    "neck",
    "upper-back",
    "mid-back",
    "low-back",
    *(
        f"{base}-{side}"
        for base in (
            "low-back",
            "si-joint",
            "buttock",
            "hip",
            "groin",
            "thigh-front",
            "thigh-back",
            "knee",
            "calf",
            "shin",
            "foot",
            "sole",
        )
        for side in "lr"
    ),
}


def test_the_catalogue_has_the_28_stable_ids():
    """The 28 region ids are exactly those of the issue, each once."""
    assert len(REGIONS) == 28
    assert set(REGION_IDS) == EXPECTED_IDS
    assert len(set(REGION_IDS)) == 28


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ([], (0, 0)),
        (["low-back"], (1, 1)),
        (["neck"], (1, 1)),
        (["low-back-l"], (1, 0)),
        (["si-joint-r"], (0, 2)),
        (["buttock-l", "hip-l"], (2, 0)),
        (["thigh-back-l", "groin-r"], (3, 3)),
        (["knee-r"], (0, 3)),
        (["calf-l", "low-back"], (4, 1)),
        (["shin-r"], (0, 4)),
        (["foot-l"], (5, 0)),
        (["sole-r", "buttock-r", "low-back"], (1, 5)),
    ],
)
def test_extent_per_leg(marked, expected):
    """Extent is the furthest level of a nerve-like mark on each leg; midline back counts for
    both."""
    assert extent([(region, ("tingling",)) for region in marked]) == expected


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([("knee-r", ("ache",))], (0, 0)),  # a runner's knee: local pain
        ([("shin-l", ("sharp",)), ("foot-l", ())], (0, 0)),
        ([("low-back", ("ache",)), ("knee-l", ("ache",))], (1, 1)),  # the back counts as it is
        ([("calf-l", ("ache", "shooting"))], (4, 0)),
        ([("foot-r", ("numbness",)), ("knee-r", ("ache",))], (0, 5)),
        ([("thigh-back-l", ("burning",)), ("shin-l", ("weakness",))], (4, 0)),
        ([("buttock-r", ("ache",)), ("low-back", ())], (1, 1)),
        (["knee-l", "low-back"], (1, 1)),  # bare region ids have no quality
    ],
)
def test_only_nerve_like_leg_marks_count(marks, expected):
    """A leg mark counts toward the extent only with shooting, tingling, numbness, burning or
    weakness (CLINICAL.md); a plain ache or sharp pain in a knee, shin or foot does not."""
    assert extent(marks) == expected


def test_the_panel_says_why_a_mark_does_not_count():
    """An uncounted mark gets its reason; a counted one (and any back mark) none."""
    assert why_not_counted("knee-r", ("ache",)) == (
        "not counted in the extent: ache here is local pain, not nerve-like"
    )
    assert why_not_counted("foot-l", ()) == (
        "not counted in the extent: pain here is local pain, not nerve-like"
    )
    assert why_not_counted("calf-l", ("shooting",)) is None
    assert why_not_counted("low-back", ()) is None
    assert counts_toward_extent("sole-l", ("weakness",))
    assert QUALITY_KEYS["h"] == "shooting" and "shooting" in QUALITIES


def test_extent_levels_follow_clinical_md():
    """Levels: back 1, buttock/SI/hip 2, thigh/groin/knee 3, calf/shin 4, foot/sole 5."""
    levels = {
        1: {"neck", "upper-back", "mid-back", "low-back", "low-back-l"},
        2: {"buttock-l", "si-joint-l", "hip-l"},
        3: {"thigh-back-l", "thigh-front-l", "groin-l", "knee-l"},
        4: {"calf-l", "shin-l"},
        5: {"foot-l", "sole-l"},
    }
    for level, regions in levels.items():
        for region in regions:
            assert REGION_BY_ID[region].level == level, region


def test_an_older_journal_recounts_its_extents(tmp_path, monkeypatch):
    """A journal made before m011 (an aching knee then counted as "thigh") is upgraded: its
    stored extents follow the nerve-like rule, the marks are untouched, days without marks keep
    no extent."""
    import sqlite3

    from conftest import TODAY

    from backjournal.domain.models import DayEntry
    from backjournal.domain.symptoms import Mark
    from backjournal.store import Journal
    from backjournal.store.migrations import migrations

    path = tmp_path / "old.db"
    before = [m for m in migrations._migrations if m.name != "m011_numbers"]
    monkeypatch.setattr(migrations, "_migrations", before)
    with Journal.open(path) as old:
        old.symptoms.save_marks(
            "2026-11-20",
            [Mark("knee-r", 4, ("ache",)), Mark("calf-l", 2, ("tingling",)), Mark("low-back", 2)],
            TODAY,
        )
        old.save_day(DayEntry("2026-11-21", back_wake=3), TODAY)
    conn = sqlite3.connect(path)  # as the release before wrote it: the knee counted
    conn.execute("UPDATE day SET extent_l = 4, extent_r = 3 WHERE date = '2026-11-20'")
    conn.commit()
    conn.close()
    monkeypatch.undo()
    with Journal.open(path) as journal:
        assert journal.backup_path is not None
        assert journal.symptoms.extents("2026-11-20", "2026-11-21") == [("2026-11-20", 4, 1)]
        assert len(journal.symptoms.marks("2026-11-20")) == 3


def test_head_to_foot_holds_every_region_once_neck_first_feet_last():
    """HEAD_TO_FOOT is the catalogue reordered: every region once, the neck first, feet last."""
    from backjournal.domain.body import HEAD_TO_FOOT

    assert sorted(HEAD_TO_FOOT) == sorted(REGION_IDS) and len(set(HEAD_TO_FOOT)) == 28
    assert HEAD_TO_FOOT[0] == "neck" and set(HEAD_TO_FOOT[-4:]) == {
        "sole-l",
        "sole-r",
        "foot-l",
        "foot-r",
    }


def test_extent_levels_have_clinical_md_words():
    """CLINICAL.md: 0 none, 1 back only, 2 buttock, 3 thigh, 4 below the knee, 5 foot."""
    from backjournal.domain.body import EXTENT_LABELS

    assert EXTENT_LABELS == {
        0: "none",
        1: "back only",
        2: "buttock",
        3: "thigh",
        4: "below the knee",
        5: "foot",
    }


@pytest.mark.parametrize(
    ("region", "qualities", "drawn_nerve_like"),
    [
        ("buttock-l", ("tingling",), True),  # level 2: the first leg level
        ("foot-r", ("numbness",), True),
        ("low-back-l", ("tingling",), False),  # level 1: back only, not a leg mark
        ("low-back", ("shooting",), False),
        ("buttock-r", ("ache",), False),  # a leg region with a local quality
        ("knee-l", ("sharp",), False),
    ],
)
def test_a_nerve_like_leg_mark_is_from_the_buttock_down_with_a_nerve_like_quality(
    region, qualities, drawn_nerve_like
):
    from backjournal.domain.body import nerve_like_leg_mark

    assert nerve_like_leg_mark(region, qualities) is drawn_nerve_like


def test_a_region_cannot_be_changed():
    import dataclasses

    from backjournal.domain.body import REGION_BY_ID

    with pytest.raises(dataclasses.FrozenInstanceError):
        REGION_BY_ID["foot-l"].level = 1  # type: ignore[misc]
