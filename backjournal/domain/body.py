"""The body map: the 28 regions, their two figures (back and front), hit-testing, navigation,
and the extent: how far down each leg nerve-like symptoms reach.

Region ids are stable: they appear in the database, CSV and the command line. Where each region
is drawn lives in ``backjournal.domain.figure`` (one geometry for the screen and the report):
the back figure seen from behind (the person's left on the viewer's left), the front figure
facing the viewer (the person's left on the viewer's right), as in a physiotherapist's body
chart.
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


def _pair(base: str, name: str, view: str, level: int) -> list[Region]:
    return [
        Region(f"{base}-l", f"{name} (left)", "l", view, level),
        Region(f"{base}-r", f"{name} (right)", "r", view, level),
    ]


REGIONS: tuple[Region, ...] = (
    Region("neck", "neck", None, "back", 1),
    Region("upper-back", "upper back", None, "back", 1),
    Region("mid-back", "mid back", None, "back", 1),
    Region("low-back", "low back (middle)", None, "back", 1),
    *_pair("low-back", "low back", "back", 1),
    *_pair("si-joint", "SI joint", "back", 2),
    *_pair("buttock", "buttock", "back", 2),
    *_pair("thigh-back", "back of thigh", "back", 3),
    *_pair("calf", "calf", "back", 4),
    *_pair("sole", "sole", "back", 5),
    *_pair("hip", "hip", "front", 2),
    *_pair("groin", "groin", "front", 3),
    *_pair("thigh-front", "front of thigh", "front", 3),
    *_pair("knee", "knee", "front", 3),
    *_pair("shin", "shin", "front", 4),
    *_pair("foot", "foot", "front", 5),
)
REGION_BY_ID: dict[str, Region] = {r.id: r for r in REGIONS}
REGION_IDS: tuple[str, ...] = tuple(r.id for r in REGIONS)


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
