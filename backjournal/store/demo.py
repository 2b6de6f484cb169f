"""Write the seeded demo journal: the days (``backjournal.demo.days``), the demo's shoes with
the runs worn in them (``backjournal.demo.shoes``), and the exercise programme that follows
the same story (``backjournal.demo.exercises``).

``backjournal demo``, the screenshots, the tests' ``demo_journal`` and the benchmarks call
:func:`write_demo`. The shoes, the days and the exercises are separate transactions (each all or
nothing): a demo interrupted between them holds part of it, and ``backjournal demo --force``
writes it again.
"""

from __future__ import annotations

import datetime as dt

from backjournal.demo.days import generate
from backjournal.demo.exercises import DemoExercises, generate_exercises
from backjournal.demo.shoes import DEMO_SHOES, wear
from backjournal.domain.models import DayEntry
from backjournal.store.journal import Journal
from backjournal.store.shoes import add_shoe, find_shoe


def write_demo(
    journal: Journal, today: dt.date, *, years: int = 1, seed: int = 7
) -> tuple[list[DayEntry], DemoExercises]:
    """Replace the journal's days and exercises with the demo's ``years`` ending ``today``, adding
    the demo shoes that are not there yet (a shoe of the same name is reused); return the days
    and the exercises written."""
    entries = list(generate(today, years=years, seed=seed))
    exercises = generate_exercises(today, years=years, seed=seed)
    ids: dict[str, int] = {}
    for shoe in DEMO_SHOES:
        found = find_shoe(journal, shoe.name) or add_shoe(journal, shoe)
        ids[shoe.name] = found.id  # type: ignore[assignment]
    wear(entries, ids)
    journal.replace_all_days(entries)
    journal.exercises.replace_all(exercises)
    return entries, exercises
