"""Symptom marks on the body map and the ``--where`` syntax.

A mark is one region's intensity (NRS 0-10) and qualities for a day. The red flags a day's marks
raise are in :mod:`backjournal.domain.flags`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backjournal.domain.body import QUALITIES, REGION_BY_ID, REGION_IDS
from backjournal.domain.parse import InvalidValue

SEVERE = 7  # NRS 7-10 is severe (CLINICAL.md)


@dataclass(frozen=True)
class Mark:
    """One region's symptoms on one day."""

    region: str
    intensity: int
    qualities: tuple[str, ...] = field(default_factory=tuple)

    def errors(self) -> list[str]:
        """What is wrong with this mark (empty when it can be stored)."""
        errs = []
        # isinstance first: a value of another type must be named, not raise a TypeError (an
        # unhashable region, qualities that are not a sequence; issue #7's hostile-input tests).
        if not isinstance(self.region, str) or self.region not in REGION_BY_ID:
            errs.append(f"unknown region '{self.region}'; regions are {', '.join(REGION_IDS)}")
        if isinstance(self.intensity, bool) or not isinstance(self.intensity, int):
            errs.append(f"intensity must be a whole number 0-10, not {self.intensity!r}")
        elif not 0 <= self.intensity <= 10:
            errs.append(f"intensity must be 0-10, not {self.intensity}")
        if not isinstance(self.qualities, (tuple, list)):
            errs.append(f"qualities must be a list of names, not {self.qualities!r}")
            return errs
        for quality in self.qualities:
            if quality not in QUALITIES:
                errs.append(f"unknown quality '{quality}'; qualities are {', '.join(QUALITIES)}")
        return errs


def sorted_qualities(qualities) -> tuple[str, ...]:
    """Qualities in their canonical order, without repeats."""
    chosen = set(qualities)
    return tuple(q for q in QUALITIES if q in chosen)


def parse_where(text: str) -> list[Mark]:
    """Read ``buttock-l:4,thigh-back-l:2:tingling+numbness`` into marks.

    Each item is ``region:intensity[:quality+quality...]``. Every mistake is reported at once
    with the valid values; nothing is returned unless every item is valid.
    """
    marks: list[Mark] = []
    problems: list[str] = []
    seen: set[str] = set()
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        parts = item.split(":")
        if len(parts) not in (2, 3):
            problems.append(f"'{item}' should be region:intensity or region:intensity:qualities")
            continue
        region, intensity_text = parts[0].strip().lower(), parts[1].strip()
        qualities = tuple(q.strip().lower() for q in parts[2].split("+")) if len(parts) == 3 else ()
        try:
            intensity = int(intensity_text)
        except ValueError:
            problems.append(f"'{item}': intensity must be a whole number 0-10")
            continue
        mark = Mark(region, intensity, sorted_qualities(qualities))
        mark_errors = Mark(region, intensity, qualities).errors()
        if mark_errors:
            problems.extend(f"'{item}': {e}" for e in mark_errors)
            continue
        if region in seen:
            problems.append(f"'{item}': {region} is given twice")
            continue
        seen.add(region)
        marks.append(mark)
    if problems:
        raise InvalidValue("; ".join(problems))
    if not marks:
        raise InvalidValue("no marks given; e.g. buttock-l:4,thigh-back-l:2:tingling+numbness")
    return marks


def format_marks(marks: list[Mark]) -> str:
    """The compact text of a day's marks: ``buttock-l 4 · thigh-back-l 2 tingling, numbness``."""
    parts = []
    for mark in sorted(marks, key=lambda m: REGION_IDS.index(m.region)):
        text = f"{mark.region} {mark.intensity}"
        if mark.qualities:
            text += " " + ", ".join(mark.qualities)
        parts.append(text)
    return " · ".join(parts)
