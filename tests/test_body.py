"""The body map's regions, extent and trend (the figures: test_figure.py)."""

from __future__ import annotations

import pytest

from backjournal.domain.body import (
    REGION_BY_ID,
    REGION_IDS,
    REGIONS,
    extent,
    extent_trend,
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
    """Extent is the furthest level marked on each leg; midline back counts for both."""
    assert extent(marked) == expected


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


@pytest.mark.parametrize(
    ("points", "word"),
    [
        ([(0, 4), (3, 4), (6, 3), (9, 2), (13, 1)], "centralising"),
        ([(0, 1), (4, 2), (8, 3), (12, 4)], "peripheralising"),
        ([(0, 3), (4, 3), (8, 3), (13, 3)], "stable"),
        ([(0, 3), (5, 2), (9, 3), (13, 3)], "stable"),
        ([(0, 4), (13, 1), (7, 2)], "not enough data"),
        ([], "not enough data"),
    ],
)
def test_extent_trend_words(points, word):
    """The 14-day slope names the trend; fewer than 4 recorded days is not enough data."""
    assert extent_trend(points) == word


def test_trend_threshold_edges():
    """A slope of exactly -0.1 or +0.1 level a day counts; just inside is stable."""
    down = [(i, 5 - 0.1 * i) for i in range(14)]
    assert extent_trend([(x, y) for x, y in down]) == "centralising"
    up = [(i, 0.1 * i) for i in range(14)]
    assert extent_trend(up) == "peripheralising"
    gentle = [(i, 0.09 * i) for i in range(14)]
    assert extent_trend(gentle) == "stable"
