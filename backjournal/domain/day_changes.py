"""What a write to a day replaced: the lines quick entry prints after ``Logged ...``.

``backjournal log`` changes a day that may already hold scores and marks. A user who types
``--pain 3`` on a day whose after-run pain was 4, or ``--where`` on a day with three marks, must be
told what was there before, or the old values vanish without a word (issue #15). Pure functions
over two :class:`DayEntry` values, so the rule is tested without a journal.
"""

from __future__ import annotations

from backjournal.domain.body import REGION_IDS
from backjournal.domain.models import DayEntry
from backjournal.domain.symptoms import Mark, format_marks

# The day's score fields quick entry can replace, with the words used for them.
SCORE_WORDS: dict[str, str] = {
    "back_wake": "back on waking",
    "leg_wake": "leg on waking",
    "back_before": "back before",
    "leg_before": "leg before",
    "back_during": "back during",
    "leg_during": "leg during",
    "back_after": "back after",
    "leg_after": "leg after",
    "stiffness": "stiffness",
    "sleep": "sleep",
}


def replaced_scores(before: DayEntry | None, after: DayEntry) -> list[str]:
    """``back after 4 -> 3`` for each score that held a value and now holds another one.

    A score set where there was none replaces nothing and is not listed (the ``Logged`` line
    shows it); a score cleared reads ``back after 4 -> -``.
    """
    if before is None:
        return []
    changes = []
    for name, words in SCORE_WORDS.items():
        old, new = getattr(before, name), getattr(after, name)
        if old is not None and old != new:
            changes.append(f"{words} {old} -> {'-' if new is None else new}")
    return changes


def merge_marks(old: list[Mark], added: list[Mark]) -> list[Mark]:
    """The day's marks with ``added`` put in: a region already marked takes the new mark."""
    by_region = {mark.region: mark for mark in old}
    for mark in added:
        by_region[mark.region] = mark
    return sorted(by_region.values(), key=lambda m: REGION_IDS.index(m.region))


def mark_changes(old: list[Mark], new: list[Mark]) -> list[str]:
    """The lines that say which marks a write removed or changed, and how the extent moved.

    ``Removed marks: thigh-back-l 2 tingling · calf-l 3 tingling``,
    ``Changed marks: buttock-l 4 -> 3``. Empty when nothing that was there before was touched
    (marks only added replace nothing that was recorded).
    """
    lines = []
    new_by_region = {mark.region: mark for mark in new}
    removed = [mark for mark in old if mark.region not in new_by_region]
    if removed:
        lines.append(f"Removed marks: {format_marks(removed)}")
    changed = [
        f"{format_marks([mark])} -> {_after(new_by_region[mark.region])}"
        for mark in sorted(old, key=lambda m: REGION_IDS.index(m.region))
        if mark.region in new_by_region and new_by_region[mark.region] != mark
    ]
    if changed:
        lines.append("Changed marks: " + " · ".join(changed))
    return lines


def extent_change(before: tuple[int, int] | None, after: tuple[int, int] | None) -> str | None:
    """``Extent: left 4 -> 3`` when a stored extent moved (``None`` when it did not, or when the
    day had none before: a first extent replaces nothing)."""
    if before is None:
        return None
    after = after or (0, 0)
    moves = [
        f"{leg} {b} -> {a}"
        for leg, b, a in zip(("left", "right"), before, after, strict=True)
        if b != a
    ]
    return "Extent: " + ", ".join(moves) if moves else None


def _after(mark: Mark) -> str:
    """The new side of a changed mark: its intensity and qualities, without the region again."""
    return format_marks([mark]).split(" ", 1)[1]
