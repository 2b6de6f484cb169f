"""The body map: the 28 regions, their two figures (back and front), hit-testing, navigation,
and the extent: how far down each leg nerve-like symptoms reach.

Region ids are stable: they appear in the database, CSV and the command line. Each figure is a
small grid of cells; a letter is a region's cell, ``.`` is body without a region (drawn, never
selectable), a space is outside the body. Regions are separated by blank cells, so each one is a
clearly bounded shape. The back figure is seen from behind (the person's left on the viewer's
left); the front figure faces the viewer (the person's left on the viewer's right), as in a
physiotherapist's body chart.
"""

from __future__ import annotations

from dataclasses import dataclass

QUALITIES: tuple[str, ...] = (
    "ache",
    "sharp",
    "shooting",  # pain that travels along the leg (CLINICAL.md)
    "burning",
    "tingling",
    "numbness",
    "weakness",
)
QUALITY_KEYS: dict[str, str] = {
    "a": "ache",
    "s": "sharp",
    "h": "shooting",
    "b": "burning",
    "t": "tingling",
    "n": "numbness",
    "w": "weakness",
}

# Only these qualities make a leg mark count toward the extent (CLINICAL.md, "Leg symptoms:
# extent"): a plain ache or sharp pain in a knee, a shin or a foot is local pain (runners have
# knees too), recorded as what it is.
NERVE_QUALITIES: tuple[str, ...] = ("shooting", "tingling", "numbness", "burning", "weakness")

# Extent levels (CLINICAL.md): how far down the leg nerve-like symptoms reach.
EXTENT_LABELS: dict[int, str] = {
    0: "none",
    1: "back only",
    2: "buttock",
    3: "thigh",
    4: "below the knee",
    5: "foot",
}


@dataclass(frozen=True)
class Region:
    """One region of the body map."""

    id: str
    name: str
    side: str | None  # "l", "r", or None for the midline
    view: str  # "back" or "front"
    level: int  # extent level 1-5 when marked (CLINICAL.md)
    code: str  # its letter in the figure template


def _pair(base: str, name: str, view: str, level: int, codes: str) -> list[Region]:
    return [
        Region(f"{base}-l", f"{name} (left)", "l", view, level, codes[0]),
        Region(f"{base}-r", f"{name} (right)", "r", view, level, codes[1]),
    ]


REGIONS: tuple[Region, ...] = (
    Region("neck", "neck", None, "back", 1, "n"),
    Region("upper-back", "upper back", None, "back", 1, "u"),
    Region("mid-back", "mid back", None, "back", 1, "m"),
    Region("low-back", "low back (middle)", None, "back", 1, "L"),
    *_pair("low-back", "low back", "back", 1, "lr"),
    *_pair("si-joint", "SI joint", "back", 2, "st"),
    *_pair("buttock", "buttock", "back", 2, "bc"),
    *_pair("thigh-back", "back of thigh", "back", 3, "hi"),
    *_pair("calf", "calf", "back", 4, "kp"),
    *_pair("sole", "sole", "back", 5, "oq"),
    *_pair("hip", "hip", "front", 2, "JH"),
    *_pair("groin", "groin", "front", 3, "Gg"),
    *_pair("thigh-front", "front of thigh", "front", 3, "Ff"),
    *_pair("knee", "knee", "front", 3, "Ee"),
    *_pair("shin", "shin", "front", 4, "Ww"),
    *_pair("foot", "foot", "front", 5, "Aa"),
)
REGION_BY_ID: dict[str, Region] = {r.id: r for r in REGIONS}
REGION_IDS: tuple[str, ...] = tuple(r.id for r in REGIONS)

# Seen from behind: the person's left is on the viewer's left.
BACK_FIGURE: tuple[str, ...] = (
    "       nnnnn       ",
    "                   ",
    "  uuuuuuuuuuuuuuu  ",
    "                   ",
    "   mmmmmmmmmmmmm   ",
    "                   ",
    "   lll LLLLL rrr   ",
    "                   ",
    "   sss ..... ttt   ",
    "                   ",
    "  bbbbbbb ccccccc  ",
    "                   ",
    "  hhhhhh   iiiiii  ",
    "  hhhhhh   iiiiii  ",
    "                   ",
    "   kkkk     pppp   ",
    "   kkkk     pppp   ",
    "                   ",
    "   oooo     qqqq   ",
)
# Facing the viewer: the person's right is on the viewer's left.
FRONT_FIGURE: tuple[str, ...] = (
    "       .....       ",
    "                   ",
    "  ...............  ",
    "                   ",
    "   .............   ",
    "                   ",
    "   .............   ",
    "                   ",
    "  HHH ggg GGG JJJ  ",
    "                   ",
    "  fffffff FFFFFFF  ",
    "  fffffff FFFFFFF  ",
    "                   ",
    "   eeee     EEEE   ",
    "                   ",
    "   wwww     WWWW   ",
    "   wwww     WWWW   ",
    "                   ",
    "   aaaa     AAAA   ",
)
FIGURE_WIDTH = len(BACK_FIGURE[0])
FIGURE_HEIGHT = len(BACK_FIGURE)
FIGURE_GAP = 2  # columns between the two figures
FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (("back", BACK_FIGURE), ("front", FRONT_FIGURE))
CANVAS_WIDTH = FIGURE_WIDTH * 2 + FIGURE_GAP


def _build_cells() -> dict[tuple[int, int], str]:
    """Map each region cell (x, y) of the two-figure canvas to its region id."""
    by_code = {(r.view, r.code): r.id for r in REGIONS}
    cells: dict[tuple[int, int], str] = {}
    for index, (view, rows) in enumerate(FIGURES):
        left = index * (FIGURE_WIDTH + FIGURE_GAP)
        for y, row in enumerate(rows):
            for x, char in enumerate(row):
                if char in " .":
                    continue
                cells[(left + x, y)] = by_code[(view, char)]
    return cells


CELLS: dict[tuple[int, int], str] = _build_cells()


def region_at(x: int, y: int) -> str | None:
    """The region drawn at canvas cell (x, y), or None."""
    return CELLS.get((x, y))


def body_at(x: int, y: int) -> bool:
    """True where the canvas shows the body (a region or plain body)."""
    if (x, y) in CELLS:
        return True
    for index, (_, rows) in enumerate(FIGURES):
        left = index * (FIGURE_WIDTH + FIGURE_GAP)
        if left <= x < left + FIGURE_WIDTH and 0 <= y < FIGURE_HEIGHT:
            return rows[y][x - left] == "."
    return False


def _centres() -> dict[str, tuple[float, float]]:
    sums: dict[str, list[float]] = {}
    for (x, y), region in CELLS.items():
        acc = sums.setdefault(region, [0.0, 0.0, 0.0])
        acc[0] += x
        acc[1] += y
        acc[2] += 1
    return {region: (sx / n, sy / n) for region, (sx, sy, n) in sums.items()}


CENTRES: dict[str, tuple[float, float]] = _centres()


def label_cell(region: str) -> tuple[int, int]:
    """The cell of ``region`` nearest its centre: where its intensity digit is drawn."""
    cx, cy = CENTRES[region]
    return min(
        (cell for cell, r in CELLS.items() if r == region),
        key=lambda c: ((c[0] - cx) ** 2 + (c[1] - cy) ** 2, c),
    )


DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


def neighbour(region: str, direction: str) -> str:
    """The spatially nearest region from ``region`` in ``direction`` (itself if there is none).

    Candidates lie ahead, within a cone around the direction; the nearest wins, with
    sideways distance weighing more than distance ahead, so that Down from the left calf goes to
    the left sole rather than to the right one. Rows count double: a terminal cell is twice as tall
    as it is wide.
    """
    dx, dy = DIRECTIONS[direction]
    x0, y0 = CENTRES[region]
    best, best_score = region, float("inf")
    for other, (x, y) in CENTRES.items():
        if other == region:
            continue
        ahead = (x - x0) * dx + (y - y0) * 2 * dy
        if ahead <= 0.25:
            continue
        sideways = abs((x - x0) * dy) + abs((y - y0) * 2 * dx)
        if sideways > 1.5 * ahead:
            continue  # not in that direction: outside a cone of about 56 degrees
        score = ahead + 2.5 * sideways
        if score < best_score or (score == best_score and other < best):
            best, best_score = other, score
    return best


def _region_and_qualities(mark) -> tuple[str, tuple[str, ...]]:
    """A mark as (region id, qualities): a Mark-like object, a ``(region, qualities)`` pair, or a
    bare region id (no qualities)."""
    if isinstance(mark, str):
        return mark, ()
    if isinstance(mark, tuple):
        return mark[0], tuple(mark[1])
    return mark.region, tuple(mark.qualities)


def counts_toward_extent(region_id: str, qualities) -> bool:
    """Whether a mark counts toward the extent: a back mark (level 1) always does; a mark from
    the buttock down only with a nerve-like quality (:data:`NERVE_QUALITIES`)."""
    if REGION_BY_ID[region_id].level <= 1:
        return True
    return any(q in NERVE_QUALITIES for q in qualities)


def why_not_counted(region_id: str, qualities) -> str | None:
    """Why a mark does not count toward the extent (None when it does), short enough for the
    body map's side panel."""
    if counts_toward_extent(region_id, qualities):
        return None
    what = " and ".join(qualities) if qualities else "pain"
    return f"not counted in the extent: {what} here is local pain, not nerve-like"


def nerve_like_leg_mark(region_id: str, qualities) -> bool:
    """A mark from the buttock down that counts toward the extent (drawn as such on the map)."""
    return REGION_BY_ID[region_id].level >= 2 and counts_toward_extent(region_id, qualities)


def extent(marks) -> tuple[int, int]:
    """The extent per leg (left, right) from a day's marks: 0 none ... 5 foot.

    Each mark is a Mark (``region``, ``qualities``), a ``(region, qualities)`` pair or a bare
    region id (no qualities). Only marks that :func:`counts_toward_extent` count. A sided region
    counts for its own leg; a midline region (neck, upper, mid or low back) counts as "back
    only" for both legs.
    """
    left = right = 0
    for mark in marks:
        region_id, qualities = _region_and_qualities(mark)
        if not counts_toward_extent(region_id, qualities):
            continue
        region = REGION_BY_ID[region_id]
        if region.side in (None, "l"):
            left = max(left, region.level)
        if region.side in (None, "r"):
            right = max(right, region.level)
    return left, right


# The regions from head to foot (then left before right), for lists a person reads top-down:
# daily.csv's body map, for a physiotherapist's spreadsheet.
HEAD_TO_FOOT: tuple[str, ...] = tuple(
    f"{base}{side}"
    for base, sides in (
        ("neck", ("",)),
        ("upper-back", ("",)),
        ("mid-back", ("",)),
        ("low-back", ("", "-l", "-r")),
        ("si-joint", ("-l", "-r")),
        ("hip", ("-l", "-r")),
        ("groin", ("-l", "-r")),
        ("buttock", ("-l", "-r")),
        ("thigh-back", ("-l", "-r")),
        ("thigh-front", ("-l", "-r")),
        ("knee", ("-l", "-r")),
        ("calf", ("-l", "-r")),
        ("shin", ("-l", "-r")),
        ("sole", ("-l", "-r")),
        ("foot", ("-l", "-r")),
    )
    for side in sides
)

TREND_DAYS = 14
TREND_MIN_DAYS = 4
TREND_SLOPE = 0.1  # levels per day: 1.4 levels over the 14 days


def extent_trend(points: list[tuple[int, int]]) -> str:
    """The trend word for one leg's extent over the last 14 days.

    ``points`` are (day index 0-13, extent) for the days that have a record. The least-squares
    slope decides: at most -0.1 level a day is "centralising" (symptoms moving up, toward the
    back: improvement), at least +0.1 "peripheralising" (moving down the leg: worsening), else
    "stable". Fewer than 4 recorded days: "not enough data".
    """
    if len(points) < TREND_MIN_DAYS:
        return "not enough data"
    n = len(points)
    mean_x = sum(p[0] for p in points) / n
    mean_y = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mean_x) ** 2 for p in points)
    if sxx == 0:
        return "not enough data"
    slope = sum((p[0] - mean_x) * (p[1] - mean_y) for p in points) / sxx
    if slope <= -TREND_SLOPE:
        return "centralising"
    if slope >= TREND_SLOPE:
        return "peripheralising"
    return "stable"


LABEL_CELLS: dict[str, tuple[int, int]] = {region: label_cell(region) for region in REGION_IDS}
