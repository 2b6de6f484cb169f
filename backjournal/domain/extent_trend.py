"""Whether leg symptoms are moving down the leg or back up: the 7-day rule of CLINICAL.md
("Leg symptoms: extent", after McKenzie; centralisation is associated with a better prognosis).

Per leg, against the previous 7 days that have an extent recorded:

* **peripheralising** when today's extent is further down than the lowest of those days;
* **centralising** when it is higher up than the furthest of those days;
* else **stable**; with no such day, or no extent today, **unknown**; **none** when neither
  today nor those days reach a leg.

Peripheralising is checked first: when both hold (the week went up and down), the cautious word
wins. Levels 0 (none) and 1 (back only) count as one level here: neither reaches a leg, so a
back-only mark after a day without marks does not "spread down a leg". Over both legs, the worse
word wins (peripheralising > stable > centralising); a leg with none or unknown is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

WINDOW_DAYS = 7
NOT_IN_LEG = 1  # extent levels 0 and 1 are both "not in a leg"
# By caution; "none": no leg symptoms today or in the week before (a leg that is not judged).
WORDS: tuple[str, ...] = ("unknown", "none", "centralising", "stable", "peripheralising")


def leg_trend(today: int | None, previous: list[int]) -> str:
    """The trend word for one leg: ``today``'s extent against the ``previous`` days' extents."""
    if today is None or not previous:
        return "unknown"
    now = max(today, NOT_IN_LEG)
    if now == NOT_IN_LEG and max(previous) <= NOT_IN_LEG:
        return "none"
    if now > max(min(previous), NOT_IN_LEG):
        return "peripheralising"
    if now < max(max(previous), NOT_IN_LEG):
        return "centralising"
    return "stable"


def trend(
    extents: Mapping[str, tuple[int | None, int | None]], day: dt.date
) -> tuple[str, str, str]:
    """(overall, left, right) for ``day``, from ``extents`` (ISO date -> (left, right))."""
    window = [
        extents.get((day - dt.timedelta(days=k)).isoformat()) for k in range(1, WINDOW_DAYS + 1)
    ]
    today = extents.get(day.isoformat(), (None, None))
    words = []
    for side in (0, 1):
        previous = [e[side] for e in window if e is not None and e[side] is not None]
        words.append(leg_trend(today[side], previous))  # type: ignore[arg-type]
    known = [w for w in words if w not in ("unknown", "none")]
    if known:
        overall = max(known, key=WORDS.index)
    else:
        overall = "none" if "none" in words else "unknown"
    return overall, words[0], words[1]
