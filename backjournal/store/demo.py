"""Write the seeded demo journal: the days (``backjournal.domain.demo``) and the exercise
programme that follows the same story (``backjournal.domain.demo_exercises``).

``backjournal demo``, the tests' ``demo_journal`` and the benchmarks call :func:`write_demo`. The
days and the exercises are two transactions (each all or nothing): a demo interrupted between
them holds the days without exercises, and ``backjournal demo --force`` writes it again.
"""

from __future__ import annotations

import datetime as dt

from backjournal.domain.demo import generate
from backjournal.domain.demo_exercises import DemoExercises, generate_exercises
from backjournal.domain.models import DayEntry
from backjournal.store.journal import Journal


def write_demo(
    journal: Journal, today: dt.date, *, years: int = 1, seed: int = 7
) -> tuple[list[DayEntry], DemoExercises]:
    """Replace the journal's days and exercises with the demo's; return what was written."""
    entries = list(generate(today, years=years, seed=seed))
    exercises = generate_exercises(today, years=years, seed=seed)
    journal.replace_all_days(entries)
    journal.exercises.replace_all(exercises)
    return entries, exercises
