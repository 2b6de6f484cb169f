"""A realistic, seeded demo journal (placeholder: to be replaced by the full generator)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from backjournal.domain.models import DayEntry, Run


def generate(today: dt.date, *, years: int = 1, seed: int = 7) -> Iterator[DayEntry]:
    """Yield one entry per day for ``years`` years ending ``today``, oldest first."""
    rng = random.Random(seed)
    start = today - dt.timedelta(days=365 * years - 1)
    for i in range(365 * years):
        day = start + dt.timedelta(days=i)
        entry = DayEntry(day.isoformat(), back_wake=rng.randint(0, 4), leg_wake=rng.randint(0, 2))
        if rng.random() < 0.55:
            km = rng.uniform(5, 15)
            entry.runs.append(Run(round(km * 1000), int(km * rng.uniform(300, 360))))
            entry.back_after = rng.randint(0, 5)
        yield entry
