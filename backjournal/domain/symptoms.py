"""Symptom marks on the body map, the ``--where`` syntax, and the red-flag rules.

A mark is one region's intensity (NRS 0-10) and qualities for a day. Red flags (CLINICAL.md:
NICE NG59 and the cauda equina literature) come from the daily check and from the data; any flag
means "see a physician". backjournal names the reason and never diagnoses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backjournal.domain.body import QUALITIES, REGION_BY_ID, REGION_IDS
from backjournal.domain.parse import InvalidValue
from backjournal.domain.values import PAIN_FIELDS, PAIN_MOMENT_LABELS

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


# --- red flags -----------------------------------------------------------------------------------

RED_FLAG_CHECKS: tuple[tuple[str, str], ...] = (
    ("rf_weakness", "episodes of leg weakness"),
    ("rf_saddle", "numbness in the saddle area (buttocks, genitals, inner thighs)"),
    ("rf_bladder", "new bladder or bowel problems"),
    ("rf_fever", "fever or unexplained weight loss"),
    ("rf_night", "pain that is constant and worse at night"),
)
RED_FLAG_FIELDS: tuple[str, ...] = tuple(key for key, _ in RED_FLAG_CHECKS)
SHORT_CHECK_LABELS: dict[str, str] = {
    "rf_weakness": "leg weakness",
    "rf_saddle": "saddle numbness",
    "rf_bladder": "bladder/bowel change",
    "rf_fever": "fever/weight loss",
    "rf_night": "constant night pain",
}
# Leg regions for "symptoms in both legs": the thigh and below (buttock and SI pain on both
# sides is common in ordinary low back pain and is not counted).
LEG_LEVEL = 3


@dataclass(frozen=True)
class RedFlag:
    """A reason to see a physician: a stable code and a plain sentence."""

    code: str
    reason: str


def red_flags(
    checks: dict[str, bool | None], marks: list[Mark], pain: dict[str, int | None]
) -> list[RedFlag]:
    """Every red flag raised by a day's check answers, marks and pain scores, in a fixed order."""
    flags: list[RedFlag] = []
    for key, label in RED_FLAG_CHECKS:
        if checks.get(key):
            flags.append(RedFlag(key.removeprefix("rf_"), f"you reported {label}"))
    weak = sorted(m.region for m in marks if "weakness" in m.qualities)
    if weak:
        flags.append(RedFlag("weakness-mark", f"weakness marked at {', '.join(weak)}"))
    legs = {
        REGION_BY_ID[m.region].side
        for m in marks
        if REGION_BY_ID[m.region].level >= LEG_LEVEL and REGION_BY_ID[m.region].side
    }
    if legs == {"l", "r"}:
        flags.append(RedFlag("both-legs", "symptoms in both legs"))
    severe_marks = sorted(m.region for m in marks if m.intensity >= SEVERE)
    severe_scores = sorted(name for name in PAIN_FIELDS if (pain.get(name) or 0) >= SEVERE)
    if severe_marks or severe_scores:
        where = ", ".join(severe_marks + [_pain_label(n) for n in severe_scores])
        flags.append(RedFlag("severe-pain", f"severe pain (7 or more): {where}"))
    return flags


def _pain_label(field_name: str) -> str:
    """``back_wake`` -> "back pain on waking"."""
    site, moment = field_name.split("_")
    return f"{site} pain {PAIN_MOMENT_LABELS[moment].lower()}"


def banner_text(flags: list[RedFlag]) -> str:
    """The red-flag banner: the reasons and the advice, in plain and calm words."""
    reasons = "; ".join(f.reason for f in flags)
    return (
        f"Please see a physician. This day's entry shows {reasons}. "
        "These can need a doctor's assessment (NICE NG59). "
        "If you have numbness in the saddle area or new bladder or bowel problems, go today. "
        "backjournal cannot tell what causes this; a physician can."
    )
