"""The body figures' one geometry: outline, region shapes, terminal cells, hit-testing, arrows."""

from __future__ import annotations

import pytest

from backjournal.domain import figure
from backjournal.domain.body import REGION_BY_ID, REGION_IDS
from backjournal.domain.figure import (
    OUTLINE,
    REGION_SHAPES,
    VIEWS,
    canvas,
    contains,
    neighbour,
    raster,
    region_centre,
)

SIZES = (12, 14, 16, 20, 22, 27, 36, 46, 60)


def test_every_region_has_one_shape_in_its_view():
    """The 28 regions each have exactly one polygon, in the figure of their own view."""
    seen = [rid for view in VIEWS for rid in REGION_SHAPES[view]]
    assert sorted(seen) == sorted(REGION_IDS)
    for view in VIEWS:
        assert all(REGION_BY_ID[rid].view == view for rid in REGION_SHAPES[view])


def test_shapes_lie_in_the_unit_box_and_inside_the_outline():
    """Every vertex of every region lies inside the silhouette, which fits the unit box."""
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in OUTLINE)
    for view in VIEWS:
        for rid, polygon in REGION_SHAPES[view].items():
            for x, y in polygon:
                assert contains(OUTLINE, x, y), (rid, x, y)


def test_region_shapes_do_not_overlap():
    """No vertex of one region lies inside another region of the same figure."""
    for view in VIEWS:
        shapes = REGION_SHAPES[view]
        for rid, polygon in shapes.items():
            for other, other_polygon in shapes.items():
                if other != rid:
                    assert not any(contains(other_polygon, x, y) for x, y in polygon)


@pytest.mark.parametrize(
    ("region", "view", "where"),
    [
        ("neck", "back", "above"),
        ("calf-l", "back", "left"),
        ("calf-r", "back", "right"),
        ("shin-l", "front", "right"),
        ("shin-r", "front", "left"),
    ],
)
def test_sides_are_anatomical(region, view, where):
    """The back shows the person's left on the viewer's left; the front mirrors it."""
    got_view, x, y = region_centre(region)
    assert got_view == view
    if where == "above":
        assert y < 0.2 and abs(x - 0.5) < 0.01
    else:
        assert (x < 0.5) == (where == "left")


def test_regions_run_down_the_body_in_anatomical_order():
    """Down the back: neck, upper, mid, low back, SI joint, buttock, thigh, calf, sole; down the
    front: hip, groin, thigh, knee, shin, foot."""
    back = ["neck", "upper-back", "mid-back", "low-back", "si-joint-l", "buttock-l"]
    back += ["thigh-back-l", "calf-l", "sole-l"]
    front = ["groin-l", "thigh-front-l", "knee-l", "shin-l", "foot-l"]
    for chain in (back, front):
        heights = [region_centre(r)[2] for r in chain]
        assert heights == sorted(heights)


@pytest.mark.parametrize("rows", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_every_region_is_drawn_inside_the_outline(rows, view):
    """At each size every region of the view has cells, all of them body cells."""
    fig = raster(rows, view)
    assert set(fig.cells.values()) == set(REGION_SHAPES[view])
    for cell in fig.cells:
        assert fig.body_at(*cell), cell
        assert 0 <= cell[0] < fig.cols and 0 <= cell[1] < fig.rows


@pytest.mark.parametrize("rows", SIZES)
def test_each_label_cell_maps_back_to_its_region(rows):
    """The centre (label) cell of every region hit-tests to that region on the canvas."""
    both = canvas(rows)
    for rid in REGION_IDS:
        assert both.region_at(*both.label_cell(rid)) == rid


@pytest.mark.parametrize("rows", (27, 36, 46))
def test_regions_keep_apart_where_they_are_big_enough(rows):
    """From 27 rows up no two regions share an edge, so each reads as its own area."""
    for view in VIEWS:
        cells = raster(rows, view).cells
        for (x, y), rid in cells.items():
            for other in (cells.get((x + 1, y)), cells.get((x, y + 1))):
                assert other in (None, rid), (view, rid, other, x, y)


def test_figure_width_follows_the_height():
    """A figure is about 0.92 columns per row (0.46 as wide as tall, cells twice as tall)."""
    assert [figure.figure_width(r) for r in (20, 36, 46)] == [19, 34, 43]
    assert canvas(20).width == 19 + 2 + 19
    assert canvas(20, ("back",)).width == 19


def test_the_silhouette_has_a_head_two_arms_and_two_legs():
    """The top row holds one piece (the head); the middle rows four (arm, trunk, arm); the
    shins two (the legs)."""

    def pieces(row):
        runs, inside = 0, False
        for mask in row:
            if mask and not inside:
                runs += 1
            inside = bool(mask)
        return runs

    fig = raster(36)
    assert pieces(fig.quads[1]) == 1
    assert pieces(fig.quads[12]) == 3
    assert pieces(fig.quads[30]) == 2


def test_outside_the_regions_nothing_is_hit():
    """Blank cells, the front's head and cells off the canvas select nothing."""
    both = canvas(20)
    assert both.region_at(0, 0) is None
    assert both.region_at(both.lefts[1] + 9, 0) is None
    assert both.region_at(-1, 5) is None and both.region_at(999, 5) is None


def test_place_maps_the_unit_box_onto_a_drawing():
    """A figure 100 points tall at (10, 20) spans 46 points across, y downwards."""
    corners = ((0.0, 0.0), (1.0, 1.0), (0.5, 0.25))
    assert figure.place(corners, 10, 20, 100) == [(10.0, 20.0), (56.0, 120.0), (33.0, 45.0)]


def test_a_too_small_figure_is_refused():
    """Zero rows is a programming error, said plainly."""
    with pytest.raises(ValueError, match="at least one row"):
        raster(0)


@pytest.mark.parametrize(
    ("start", "direction", "expected"),
    [
        ("low-back", "up", "mid-back"),
        ("mid-back", "up", "upper-back"),
        ("upper-back", "up", "neck"),
        ("neck", "up", "neck"),
        ("low-back", "left", "low-back-l"),
        ("low-back", "right", "low-back-r"),
        ("low-back", "down", "si-joint-l"),
        ("si-joint-l", "down", "buttock-l"),
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


@pytest.mark.parametrize(("views", "count"), [(VIEWS, 28), (("back",), 16)])
def test_every_shown_region_can_be_reached_with_arrows(views, count):
    """From the low back, the arrow keys reach every region of the figures shown."""
    seen, todo = {"low-back"}, ["low-back"]
    while todo:
        region = todo.pop()
        for direction in figure.DIRECTIONS:
            nxt = neighbour(region, direction, views)
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert len(seen) == count


def test_a_hidden_front_region_moves_to_the_back_on_its_side():
    """With the back figure alone, the selection on the left shin goes to the left calf."""
    assert figure.nearest_shown("shin-l", ("back",)) == "calf-l"
    assert figure.nearest_shown("hip-r", ("back",)) == "si-joint-r"
    assert figure.nearest_shown("calf-l", ("back",)) == "calf-l"


def test_quality_glyphs_cover_every_quality():
    """Each quality, shooting included, has its own sign, and the nerve-like ones are named."""
    from backjournal.domain.body import QUALITIES

    assert all(q in figure.QUALITY_GLYPHS for q in QUALITIES)
    assert len(set(figure.QUALITY_GLYPHS.values())) == len(figure.QUALITY_GLYPHS)
    assert figure.NERVE_QUALITIES == {"shooting", "burning", "tingling", "numbness", "weakness"}
    assert figure.quality_glyph("unheard-of") == "?"
