"""The body figures as data: one outline and 28 region shapes, shared by every body map we draw.

Why a module of its own: the terminal screen, the PDF report and anything else that draws a
body must agree on where each region is, so the shapes are written once, here, as polygons, and
every drawing derives from them (no Textual, no SQL, no drawing library).

Coordinates (the unit space)
    Each figure lives in a box of width 1 and height 1; ``x`` grows to the viewer's right and
    ``y`` downwards (0 is the top of the head, 1 the soles). The box is drawn ``FIGURE_ASPECT``
    times as wide as it is tall (0.46), so to draw a figure of height ``h`` points at
    ``(left, top)``, map a point to ``(left + x * h * FIGURE_ASPECT, top + y * h)``:
    ``place(polygon, left, top, h)`` does it.

Views
    ``VIEWS`` is ``("back", "front")``. The back figure is seen from behind (the person's left
    on the viewer's left); the front figure faces the viewer (the person's left on the viewer's
    right), as on a physiotherapist's pain chart. Both views share ``OUTLINE``.

Data for a vector drawing (the PDF report)
    ``OUTLINE``: one closed polygon, the silhouette (head, arms, trunk, legs, feet), a tuple of
    ``(x, y)`` points; close it back to the first point.
    ``REGION_SHAPES[view]``: region id -> closed polygon, inside the outline, regions apart
    from one another. Every region of ``backjournal.domain.body.REGIONS`` has exactly one shape,
    in the view of its ``Region.view``.
    ``region_centre(region)``: (view, x, y), where to write a label or a number.
    For example, with fpdf2: ``pdf.polygon(place(OUTLINE, 20, 30, 80), style="F")``, then for
    each ``region, shape`` of ``REGION_SHAPES["back"].items()``:
    ``pdf.polygon(place(shape, 20, 30, 80), style="DF")``.
    ``QUALITY_GLYPHS``: the one-character sign of each quality (``NERVE_QUALITIES`` are the
    nerve-like ones, drawn apart from ache and sharp).

Data for a terminal (cells)
    ``raster(rows)`` rasterises one figure ``rows`` cells tall (cells twice as tall as wide,
    as in DejaVu Sans Mono and most terminal fonts) into a ``FigureRaster``: its width, the
    silhouette at quarter-cell resolution (``quads``: 4-bit masks for the quadrant block
    characters), which region each cell shows (a cell shows a region when its centre lies in
    that region's polygon and inside the silhouette; regions that would not get a cell at a
    small size get the body cell nearest their centre), and each region's label cell (where its
    intensity digits go). ``canvas(rows, views, gap)`` puts figures side by side and answers
    ``region_at(x, y)`` for the mouse. ``neighbour()`` moves between regions by their centres
    in the unit space, so the arrow keys agree with the drawing at every size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from backjournal.domain.body import REGION_BY_ID, REGIONS

Point = tuple[float, float]
Polygon = tuple[Point, ...]

VIEWS: tuple[str, ...] = ("back", "front")
FIGURE_ASPECT = 0.46  # width / height of a figure's box as drawn
CELL_ASPECT = 2.0  # a terminal cell's height / width
MIN_ROWS = 12  # below this the regions no longer fit as areas

# The shapes are written in "drawing units": 46 wide, 100 tall, x = 23 the midline, then scaled
# to the unit box. Only the viewer's left half is written; the right half is its mirror.
_W, _H = 46.0, 100.0


def _unit(points: Iterable[Point]) -> Polygon:
    return tuple((round(x / _W, 5), round(y / _H, 5)) for x, y in points)


def _mirror(points: Iterable[Point]) -> list[Point]:
    return [(_W - x, y) for x, y in points]


def _head() -> list[Point]:
    """The head's left half, from the crown to the chin, as an ellipse."""
    cx, cy, rx, ry = 23.0, 6.6, 5.3, 6.6
    points = []
    for step in range(0, 9):
        angle = math.pi / 2 + step * (math.pi * 0.36 / 8) * 2.2  # crown (90°) to about 233°
        points.append((cx + rx * math.cos(angle), cy - ry * math.sin(angle)))
    return points


# The viewer's left half of the silhouette, from the crown down to the crotch.
_LEFT_HALF: list[Point] = [
    *_head(),
    (20.6, 12.6),  # neck
    (20.6, 15.2),
    (15.0, 17.0),  # trapezius
    (11.2, 18.0),  # shoulder
    (9.0, 20.0),
    (7.9, 25.0),  # upper arm, outside
    (6.9, 32.5),  # elbow
    (5.6, 40.0),
    (4.4, 47.0),  # wrist
    (3.6, 50.0),  # hand
    (3.9, 54.0),
    (5.6, 56.6),
    (7.6, 55.8),
    (8.5, 51.5),
    (8.8, 47.5),
    (9.9, 40.0),  # forearm, inside
    (11.0, 33.0),
    (12.2, 27.5),
    (13.4, 25.0),  # armpit
    (13.8, 30.0),
    (14.6, 38.0),  # waist
    (14.1, 44.0),
    (13.0, 50.0),  # hip
    (12.9, 56.0),
    (13.2, 63.0),  # thigh, outside
    (14.1, 70.0),
    (14.6, 74.0),  # knee
    (14.2, 79.0),  # calf
    (15.3, 87.0),
    (16.6, 92.6),  # ankle
    (15.9, 95.8),  # foot
    (15.7, 99.0),
    (16.6, 100.0),
    (21.0, 100.0),
    (21.4, 97.5),
    (20.9, 93.0),  # ankle, inside
    (20.3, 86.0),
    (20.9, 79.5),
    (20.7, 74.0),  # knee, inside
    (21.6, 66.0),
    (22.3, 59.0),
    (23.0, 56.6),  # crotch
]

OUTLINE: Polygon = _unit(_LEFT_HALF[:-1] + _mirror(reversed(_LEFT_HALF[1:-1])))
"""The silhouette: one closed polygon in the unit space, the same for both views."""


def _rect(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


# Region shapes in drawing units. A sided shape is written for the viewer's left; the mirror
# gives the other side. On the back the viewer's left is the person's left ("-l"); on the front
# it is the person's right ("-r").
_MIDLINE_BACK: dict[str, list[Point]] = {
    "neck": _rect(20.9, 12.9, 25.1, 16.0),
    "upper-back": [
        (15.6, 18.6),
        (30.4, 18.6),
        (32.0, 21.0),
        (31.6, 27.0),
        (14.4, 27.0),
        (14.0, 21.0),
    ],
    "mid-back": _rect(14.9, 28.6, 31.1, 36.0),
    "low-back": _rect(20.7, 37.6, 25.3, 44.6),
}
_SIDED_BACK: dict[str, list[Point]] = {
    "low-back": _rect(15.2, 37.6, 19.6, 44.6),
    "si-joint": [(17.6, 46.0), (21.6, 46.0), (21.6, 49.6), (17.6, 49.6)],
    "buttock": [(13.8, 51.0), (22.2, 51.0), (22.2, 56.0), (21.9, 58.2), (13.8, 58.2)],
    "thigh-back": [(13.8, 60.2), (21.9, 60.2), (20.9, 71.2), (14.5, 71.2)],
    "calf": [(14.8, 75.0), (20.4, 75.0), (20.2, 88.6), (15.7, 88.6)],
    "sole": [(16.3, 94.4), (20.8, 94.4), (20.9, 99.4), (16.3, 99.4)],
}
_SIDED_FRONT: dict[str, list[Point]] = {
    "hip": [(14.0, 45.6), (16.6, 45.6), (16.6, 54.4), (13.4, 54.4)],
    "groin": [(18.2, 50.0), (22.6, 51.6), (22.6, 55.2), (18.2, 55.2)],
    "thigh-front": [(13.8, 57.4), (22.0, 57.4), (21.2, 69.4), (14.4, 69.4)],
    "knee": [(14.8, 71.2), (20.8, 71.2), (20.7, 77.0), (14.8, 77.0)],
    "shin": [(15.0, 79.0), (20.6, 79.0), (20.3, 91.0), (16.4, 91.0)],
    "foot": [(16.3, 94.0), (21.0, 94.0), (20.9, 99.4), (16.2, 99.4)],
}


def _shapes() -> dict[str, dict[str, Polygon]]:
    back: dict[str, Polygon] = {rid: _unit(pts) for rid, pts in _MIDLINE_BACK.items()}
    for base, pts in _SIDED_BACK.items():
        back[f"{base}-l"] = _unit(pts)
        back[f"{base}-r"] = _unit(_mirror(pts))
    front: dict[str, Polygon] = {}
    for base, pts in _SIDED_FRONT.items():
        front[f"{base}-r"] = _unit(pts)
        front[f"{base}-l"] = _unit(_mirror(pts))
    return {"back": back, "front": front}


REGION_SHAPES: dict[str, dict[str, Polygon]] = _shapes()
"""view -> region id -> closed polygon in the unit space."""

QUALITY_GLYPHS: dict[str, str] = {
    "ache": "~",
    "sharp": "×",
    "shooting": "↯",
    "burning": "≋",
    "tingling": "∴",
    "numbness": "○",
    "weakness": "▽",
}
"""One character per quality, all in DejaVu Sans Mono; an unknown quality shows ``?``."""
NERVE_QUALITIES: frozenset[str] = frozenset(
    {"shooting", "burning", "tingling", "numbness", "weakness"}
)
"""Qualities that suggest a nerve: drawn in their own colour, apart from ache and sharp."""


def quality_glyph(quality: str) -> str:
    return QUALITY_GLYPHS.get(quality, "?")


# --- geometry --------------------------------------------------------------------------------


def polygon_centroid(polygon: Sequence[Point]) -> Point:
    """The area centroid of a simple polygon."""
    area = cx = cy = 0.0
    n = len(polygon)
    for i in range(n):
        x0, y0 = polygon[i]
        x1, y1 = polygon[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    return cx / (6 * area), cy / (6 * area)


def _crossings(polygon: Sequence[Point], y: float) -> list[float]:
    """The x where a horizontal line at ``y`` crosses the polygon's edges, sorted."""
    xs = []
    n = len(polygon)
    for i in range(n):
        x0, y0 = polygon[i]
        x1, y1 = polygon[(i + 1) % n]
        if (y0 <= y < y1) or (y1 <= y < y0):
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    return xs


def _inside(xs: list[float], x: float) -> bool:
    """Even-odd rule against one scanline's crossings."""
    count = 0
    for cross in xs:
        if cross > x:
            break
        count += 1
    return count % 2 == 1


def contains(polygon: Sequence[Point], x: float, y: float) -> bool:
    """True when (x, y) lies inside ``polygon`` (even-odd rule)."""
    return _inside(_crossings(polygon, y), x)


def place(polygon: Sequence[Point], left: float, top: float, height: float) -> list[Point]:
    """``polygon`` in drawing coordinates: a figure ``height`` tall with its box's top-left at
    (``left``, ``top``), y growing downwards (as in fpdf2 and SVG)."""
    width = height * FIGURE_ASPECT
    return [(left + x * width, top + y * height) for x, y in polygon]


VIEW_OF: dict[str, str] = {r.id: r.view for r in REGIONS}
CENTRES: dict[str, Point] = {
    rid: polygon_centroid(REGION_SHAPES[view][rid]) for rid, view in VIEW_OF.items()
}
"""Region id -> its centre in its own figure's unit box."""


def region_centre(region: str) -> tuple[str, float, float]:
    """(view, x, y): the region's centre in its figure's unit box."""
    x, y = CENTRES[region]
    return VIEW_OF[region], x, y


# --- cells -----------------------------------------------------------------------------------

# Quadrant bits: 1 upper left, 2 upper right, 4 lower left, 8 lower right.
QUADRANT_CHARS: tuple[str, ...] = (
    " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
)  # fmt: skip


def figure_width(rows: int) -> int:
    """How many columns a figure ``rows`` cells tall takes."""
    return math.ceil(rows * FIGURE_ASPECT * CELL_ASPECT)


@dataclass(frozen=True)
class FigureRaster:
    """One figure drawn in terminal cells: ``rows`` tall, ``cols`` wide."""

    view: str
    rows: int
    cols: int
    quads: tuple[tuple[int, ...], ...]  # [y][x]: which quarters of the cell the body covers
    cells: dict[tuple[int, int], str]  # (x, y) -> region id
    labels: dict[str, tuple[int, int]]  # region id -> the cell for its digits
    label_room: dict[str, int]  # region id -> how many cells from the label cell rightwards
    body: frozenset[tuple[int, int]]  # cells whose centre lies inside the silhouette
    region_rows: tuple[tuple[str, ...], ...] = field(default=())  # the regions on each row

    def region_at(self, x: int, y: int) -> str | None:
        return self.cells.get((x, y))

    def body_at(self, x: int, y: int) -> bool:
        """True where the cell's centre lies inside the silhouette."""
        return (x, y) in self.body

    def region_cells(self, region: str) -> list[tuple[int, int]]:
        return sorted((c for c, r in self.cells.items() if r == region), key=lambda c: (c[1], c[0]))


def _to_unit(rows: int, cols: int, col: float, row: float) -> Point:
    """The unit-space point at fractional cell coordinates (col, row)."""
    width = rows * FIGURE_ASPECT * CELL_ASPECT  # the figure's exact width in columns
    left = (cols - width) / 2
    return (col - left) / width, row / rows


@lru_cache(maxsize=64)
def raster(rows: int, view: str = "back") -> FigureRaster:
    """Rasterise one figure ``rows`` cells tall (see the module docstring)."""
    if rows < 1:
        raise ValueError(f"a figure needs at least one row, not {rows}")
    cols = figure_width(rows)
    # The silhouette at quarter cells: sample the centre of each quarter.
    quads = []
    for y in range(rows):
        masks = [0] * cols
        for half in (0, 1):
            _, uy = _to_unit(rows, cols, 0, y + 0.25 + 0.5 * half)
            xs = _crossings(OUTLINE, uy)
            for x in range(cols):
                for side in (0, 1):
                    ux, _ = _to_unit(rows, cols, x + 0.25 + 0.5 * side, 0)
                    if _inside(xs, ux):
                        masks[x] |= 1 << (half * 2 + side)
        quads.append(tuple(masks))
    body = set()
    for y in range(rows):
        _, uy = _to_unit(rows, cols, 0, y + 0.5)
        xs = _crossings(OUTLINE, uy)
        body.update((x, y) for x in range(cols) if _inside(xs, _to_unit(rows, cols, x + 0.5, 0)[0]))
    cells: dict[tuple[int, int], str] = {}
    shapes = REGION_SHAPES[view]
    for region, polygon in shapes.items():
        for y in range(rows):
            _, uy = _to_unit(rows, cols, 0, y + 0.5)
            xs = _crossings(polygon, uy)
            if not xs:
                continue
            for x in range(cols):
                ux, _ = _to_unit(rows, cols, x + 0.5, 0)
                if _inside(xs, ux) and (x, y) in body:
                    cells[(x, y)] = region
    _separate(cells)
    for region, polygon in shapes.items():
        if region not in cells.values():
            cells[_nearest_free(rows, cols, body, cells, polygon)] = region
    labels, room = {}, {}
    for region in shapes:
        labels[region], room[region] = _label_cell(rows, cols, cells, region)
    region_rows = tuple(
        tuple(sorted({r for (x, yy), r in cells.items() if yy == y})) for y in range(rows)
    )
    return FigureRaster(
        view, rows, cols, tuple(quads), cells, labels, room, frozenset(body), region_rows
    )


def _separate(cells: dict[tuple[int, int], str]) -> None:
    """Where two regions touch, give the shared edge to one of them: each area reads on its own.

    Of each touching pair the larger region (by its cells before any is given up) gives up its
    touching cells, unless that would take more than half of it; then the other one does, on
    the same terms; else they stay touching. Small regions keep their cells, every region stays
    drawn, and the decision is per pair, so a boundary is one straight gap, not a checkerboard.
    """
    sizes: dict[str, int] = {}
    for region in cells.values():
        sizes[region] = sizes.get(region, 0) + 1
    edges: dict[tuple[str, str], dict[str, set[tuple[int, int]]]] = {}
    for (x, y), region in cells.items():
        for other_cell in ((x + 1, y), (x, y + 1)):
            other = cells.get(other_cell)
            if other is None or other == region:
                continue
            pair = (min(region, other), max(region, other))
            sides = edges.setdefault(pair, {pair[0]: set(), pair[1]: set()})
            sides[region].add((x, y))
            sides[other].add(other_cell)
    for pair in sorted(edges):
        a, b = sorted(pair, key=lambda r: (-sizes[r], r))
        for loser in (a, b):
            touching = {c for c in edges[pair][loser] if cells.get(c) == loser}
            left = sum(1 for r in cells.values() if r == loser) - len(touching)
            if left >= max(2, sizes[loser] // 2):
                for cell in touching:
                    del cells[cell]
                break


def _nearest_free(
    rows: int,
    cols: int,
    body: set[tuple[int, int]],
    cells: dict[tuple[int, int], str],
    polygon: Polygon,
) -> tuple[int, int]:
    """The free body cell nearest the polygon's centre (for a region too small to be hit)."""
    ux, uy = polygon_centroid(polygon)
    width = rows * FIGURE_ASPECT * CELL_ASPECT
    cx = ux * width + (cols - width) / 2
    cy = uy * rows
    free = [c for c in body if c not in cells] or list(body)
    return min(
        free, key=lambda c: ((c[0] + 0.5 - cx) ** 2 + (2 * (c[1] + 0.5 - cy)) ** 2, c[1], c[0])
    )


def _label_cell(
    rows: int, cols: int, cells: dict[tuple[int, int], str], region: str
) -> tuple[tuple[int, int], int]:
    """The region's cell nearest its centre that has the most room to the right (for "10")."""
    own = [c for c, r in cells.items() if r == region]
    cx = sum(c[0] for c in own) / len(own)
    cy = sum(c[1] for c in own) / len(own)

    def room(cell: tuple[int, int]) -> int:
        n, (x, y) = 0, cell
        while cells.get((x + n, y)) == region:
            n += 1
        return n

    best = min(
        own,
        key=lambda c: (
            -min(room(c), 2),
            (c[0] + 0.5 - cx) ** 2 + (2 * (c[1] - cy)) ** 2,
            c[1],
            c[0],
        ),
    )
    return best, room(best)


@dataclass(frozen=True)
class Canvas:
    """Figures side by side, each ``rows`` tall, ``gap`` columns apart."""

    rows: int
    views: tuple[str, ...]
    gap: int
    figures: tuple[FigureRaster, ...]
    lefts: tuple[int, ...]
    width: int

    def locate(self, x: int) -> tuple[FigureRaster, int] | None:
        """The figure at canvas column ``x`` and the column inside it."""
        for figure, left in zip(self.figures, self.lefts, strict=True):
            if left <= x < left + figure.cols:
                return figure, x - left
        return None

    def region_at(self, x: int, y: int) -> str | None:
        """The region drawn at canvas cell (x, y), or None."""
        found = self.locate(x)
        if found is None:
            return None
        figure, fx = found
        return figure.region_at(fx, y)

    def label_cell(self, region: str) -> tuple[int, int]:
        """The canvas cell of the region's label (its centre cell): a click there selects it."""
        for figure, left in zip(self.figures, self.lefts, strict=True):
            if region in figure.labels:
                x, y = figure.labels[region]
                return left + x, y
        raise KeyError(region)

    def regions(self) -> set[str]:
        return {r for figure in self.figures for r in figure.labels}


@lru_cache(maxsize=32)
def canvas(rows: int, views: tuple[str, ...] = VIEWS, gap: int = 2) -> Canvas:
    """The figures of ``views`` side by side, ``rows`` cells tall."""
    figures = tuple(raster(rows, view) for view in views)
    lefts, x = [], 0
    for figure in figures:
        lefts.append(x)
        x += figure.cols + gap
    return Canvas(rows, views, gap, figures, tuple(lefts), x - gap)


def canvas_width(rows: int, views: int = 2, gap: int = 2) -> int:
    return views * figure_width(rows) + (views - 1) * gap


# --- moving between regions ------------------------------------------------------------------

DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
_VIEW_GAP = 0.1  # figure widths between the figures, for moving across


def _layout_centre(region: str, views: Sequence[str]) -> Point:
    """The region's centre in drawing units with the figures of ``views`` side by side."""
    view, ux, uy = region_centre(region)
    index = list(views).index(view)
    return (index * (1 + _VIEW_GAP) + ux) * FIGURE_ASPECT, uy


def neighbour(region: str, direction: str, views: Sequence[str] = VIEWS) -> str:
    """The nearest region from ``region`` in ``direction`` among the figures of ``views``.

    Candidates lie ahead, within 45 degrees of the direction around the direction; the nearest
    wins, sideways distance weighing more than distance ahead, so that Down from the left calf
    goes to the left sole rather than to the right one. It stays put when there is none.
    """
    dx, dy = DIRECTIONS[direction]
    shown = [r.id for r in REGIONS if r.view in views]
    if region not in shown:
        return nearest_shown(region, views)
    x0, y0 = _layout_centre(region, views)
    best, best_score = region, float("inf")
    for other in shown:
        if other == region:
            continue
        x, y = _layout_centre(other, views)
        ahead = (x - x0) * dx + (y - y0) * dy
        if ahead <= 0.005:
            continue
        sideways = abs((x - x0) * dy) + abs((y - y0) * dx)
        if sideways > ahead:
            continue
        score = round(ahead + 2.5 * sideways, 9)
        if score < best_score or (score == best_score and other < best):
            best, best_score = other, score
    return best


def nearest_shown(region: str, views: Sequence[str]) -> str:
    """``region`` if its view is shown, else the shown region on its side nearest in height."""
    if VIEW_OF[region] in views:
        return region
    side = REGION_BY_ID[region].side
    _, _, y = region_centre(region)
    candidates = [r for r in REGIONS if r.view in views and r.side in (side, None)]
    return min(candidates, key=lambda r: (abs(CENTRES[r.id][1] - y), r.side is None, r.id)).id
