"""The body map's regions: the 28 regions, the qualities, and sciatica extent and its trend.

Region ids are stable: they appear in the database, CSV and the command line. Where each region
is drawn lives in ``backjournal.domain.figure`` (one geometry for the screen and the report):
the back figure seen from behind (the person's left on the viewer's left), the front figure
facing the viewer (the person's left on the viewer's right), as in a physiotherapist's body
chart.
"""

from __future__ import annotations

from dataclasses import dataclass

QUALITIES: tuple[str, ...] = ("ache", "sharp", "burning", "tingling", "numbness", "weakness")
QUALITY_KEYS: dict[str, str] = {
    "a": "ache",
    "s": "sharp",
    "b": "burning",
    "t": "tingling",
    "n": "numbness",
    "w": "weakness",
}

# Sciatica extent levels (CLINICAL.md): how far down the leg symptoms reach.
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
    code: str  # its letter in the deprecated letter grid (BACK_FIGURE, FRONT_FIGURE)


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

# The letter grid the map was drawn from before domain.figure. Deprecated: kept only for the
# PDF report until it draws its maps from domain.figure (REGION_SHAPES, OUTLINE); nothing else
# reads it, and it goes when the report moves.
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
FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (("back", BACK_FIGURE), ("front", FRONT_FIGURE))


def extent(marked: list[str] | set[str] | tuple[str, ...]) -> tuple[int, int]:
    """Sciatica extent per leg (left, right) from the marked regions: 0 none ... 5 foot.

    A sided region counts for its own leg; a midline region (neck, upper, mid or low back)
    counts as "back only" for both legs.
    """
    left = right = 0
    for region_id in marked:
        region = REGION_BY_ID[region_id]
        if region.side in (None, "l"):
            left = max(left, region.level)
        if region.side in (None, "r"):
            right = max(right, region.level)
    return left, right


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
