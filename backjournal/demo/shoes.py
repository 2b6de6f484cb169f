"""The demo journal's shoes: which pair each demo run is run in. Pure and deterministic.

The demo runner owns four pairs (:data:`DEMO_SHOES`): two daily trainers worn in alternate weeks
(odd and even ISO weeks), trail shoes for every trail run, and racing flats for races, tempo runs
and intervals. No random numbers are drawn, so adding shoes changes nothing else of the demo
(:func:`backjournal.demo.days.generate` draws the same sequence as before), and the rule gives
the insights a shoe comparison to make (issue #5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from backjournal.domain.models import DayEntry, Run, Shoe

DEMO_SHOES: tuple[Shoe, ...] = (
    Shoe("Blue trainers", limit_m=800_000.0),
    Shoe("Grey trainers", limit_m=800_000.0),
    Shoe("Trail shoes", limit_m=900_000.0),
    Shoe("Racing flats", limit_m=500_000.0),
)
FAST = ("race", "tempo", "intervals")


def shoe_name(date: str, run: Run) -> str:
    """The name of the demo shoe that ``run`` on ``date`` is run in."""
    if run.surface == "trail":
        return "Trail shoes"
    if run.type in FAST:
        return "Racing flats"
    week = dt.date.fromisoformat(date).isocalendar()[1]
    return "Blue trainers" if week % 2 else "Grey trainers"


def wear(entries: Iterable[DayEntry], shoe_ids: Mapping[str, int]) -> None:
    """Set every run's ``shoe_id`` in ``entries`` (in place), ``shoe_ids`` naming the stored
    demo shoes."""
    for entry in entries:
        for run in entry.runs:
            run.shoe_id = shoe_ids[shoe_name(entry.date, run)]
