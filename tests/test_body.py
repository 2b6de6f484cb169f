"""The body map's regions, figures, hit-testing, navigation, extent and trend."""

from __future__ import annotations

import pytest

from backjournal.domain import body
from backjournal.domain.body import (
    BACK_FIGURE,
    CELLS,
    FRONT_FIGURE,
    QUALITIES,
    QUALITY_KEYS,
    REGION_BY_ID,
    REGION_IDS,
    REGIONS,
    counts_toward_extent,
    extent,
    extent_trend,
    label_cell,
    neighbour,
    region_at,
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


def test_every_region_is_drawn_and_each_cell_hit_tests_to_it():
    """Each region has cells in the figures, and every one of them hit-tests to that region."""
    drawn = set(CELLS.values())
    assert drawn == set(REGION_IDS)
    for (x, y), region in CELLS.items():
        assert region_at(x, y) == region


def test_no_cell_belongs_to_two_regions_and_regions_do_not_touch():
    """A cell holds one region, and two regions never share an edge (each is clearly bounded)."""
    for (x, y), region in CELLS.items():
        for nx, ny in ((x + 1, y), (x, y + 1)):
            other = CELLS.get((nx, ny))
            assert other in (None, region), f"{region} touches {other} at {(x, y)}"


def test_each_region_is_one_connected_shape():
    """The cells of a region form one piece (no stray cell elsewhere)."""
    for region in REGION_IDS:
        cells = {c for c, r in CELLS.items() if r == region}
        start = next(iter(cells))
        seen, todo = {start}, [start]
        while todo:
            x, y = todo.pop()
            for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if n in cells and n not in seen:
                    seen.add(n)
                    todo.append(n)
        assert seen == cells, region


def test_figures_are_rectangular_and_sides_are_anatomical():
    """Both figures have equal rows; the back shows the left side on the viewer's left, the
    front on the viewer's right."""
    assert len(BACK_FIGURE) == len(FRONT_FIGURE)
    assert {len(row) for row in BACK_FIGURE + FRONT_FIGURE} == {body.FIGURE_WIDTH}
    assert body.CENTRES["calf-l"][0] < body.CENTRES["calf-r"][0]
    assert body.CENTRES["shin-l"][0] > body.CENTRES["shin-r"][0]
    assert all(body.CENTRES[r.id][0] < body.FIGURE_WIDTH for r in REGIONS if r.view == "back")
    assert all(body.CENTRES[r.id][0] > body.FIGURE_WIDTH for r in REGIONS if r.view == "front")


def test_outside_the_regions_nothing_is_hit():
    """Blank cells and plain body (the front torso) select nothing."""
    assert region_at(0, 0) is None
    assert region_at(body.FIGURE_WIDTH + body.FIGURE_GAP + 9, 0) is None  # the front's head
    assert region_at(-1, 5) is None and region_at(999, 5) is None


def test_label_cell_is_inside_its_region():
    """Each region's intensity is drawn on one of its own cells."""
    for region in REGION_IDS:
        assert region_at(*label_cell(region)) == region


@pytest.mark.parametrize(
    ("start", "direction", "expected"),
    [
        ("low-back", "up", "mid-back"),
        ("mid-back", "up", "upper-back"),
        ("upper-back", "up", "neck"),
        ("neck", "up", "neck"),
        ("low-back", "left", "low-back-l"),
        ("low-back", "right", "low-back-r"),
        ("buttock-l", "down", "thigh-back-l"),
        ("thigh-back-l", "down", "calf-l"),
        ("calf-l", "down", "sole-l"),
        ("calf-l", "right", "calf-r"),
        ("calf-l", "left", "calf-l"),
        ("calf-r", "right", "shin-r"),
        ("thigh-front-r", "down", "knee-r"),
        ("knee-r", "down", "shin-r"),
        ("shin-l", "down", "foot-l"),
        ("sole-r", "down", "sole-r"),
    ],
)
def test_arrow_keys_move_to_the_spatially_nearest_region(start, direction, expected):
    """An arrow goes to the nearest region that way, or stays when there is none."""
    assert neighbour(start, direction) == expected


def test_every_region_can_be_reached_with_arrows():
    """From the low back, the arrow keys reach all 28 regions."""
    seen, todo = {"low-back"}, ["low-back"]
    while todo:
        region = todo.pop()
        for direction in body.DIRECTIONS:
            nxt = neighbour(region, direction)
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(REGION_IDS)


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
