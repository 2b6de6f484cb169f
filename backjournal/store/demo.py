"""Write the seeded demo journal: the days of :func:`backjournal.domain.demo.generate` and the
demo's shoes (:mod:`backjournal.domain.demo_shoes`), the runs worn in them. One place for
``backjournal demo``, the screenshots, the tests and the benchmarks."""

from __future__ import annotations

import datetime as dt

from backjournal.domain.demo import generate
from backjournal.domain.demo_shoes import DEMO_SHOES, wear
from backjournal.domain.models import DayEntry
from backjournal.store.journal import Journal
from backjournal.store.shoes import add_shoe, find_shoe


def write_demo(
    journal: Journal, today: dt.date, *, years: int = 1, seed: int = 7
) -> list[DayEntry]:
    """Replace every day of ``journal`` with the demo's ``years`` ending ``today``, adding the
    demo shoes that are not there yet (a shoe of the same name is reused); return the days.

    The shoes are added first, each in its own transaction, then the days in one: should writing
    the days fail, the journal keeps its days and gains at most the demo's shoes, without runs.
    """
    entries = list(generate(today, years=years, seed=seed))
    ids: dict[str, int] = {}
    for shoe in DEMO_SHOES:
        found = find_shoe(journal, shoe.name) or add_shoe(journal, shoe)
        ids[shoe.name] = found.id  # type: ignore[assignment]
    wear(entries, ids)
    journal.replace_all_days(entries)
    return entries
