"""What the Today screen shows for one date, read from the journal in one place (the screen
reads its first day while it is built, and every later day in a worker)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backjournal.domain.flags import PROFILE_CODES, ActiveFlag, Occurrence, Outcome
from backjournal.domain.models import DayEntry, Run, Shoe
from backjournal.domain.symptoms import Mark
from backjournal.domain.values import week_bounds
from backjournal.store import Journal
from backjournal.store.exercise_summary import day_summary
from backjournal.store.shoes import list_shoes


@dataclass
class DayView:
    """What the screen shows for one date: the entry and its neighbours' relevant facts."""

    date: dt.date
    entry: DayEntry | None
    next_morning: tuple[int | None, int | None] | None  # the following day's waking pain
    previous_runs: list[Run]  # yesterday's runs: today's waking pain is their "next morning"
    week: tuple[dt.date, int, float]  # the week's first day, its runs and metres (as saved)
    odi: tuple[str, float, str] | None = None  # the latest scored Oswestry check-in
    odi_first: tuple[str, float, str] | None = None  # the journal's first scored one
    shoes: list[Shoe] = field(default_factory=list)  # what the runs' shoe pickers offer
    exercises: tuple[int, int] = (0, 0)  # the day's checklist: (done, scheduled)
    # Red flags: every sign recorded before this day (and the profile's), the outcomes up to
    # it, and the day before's pain and marks (severe pain counts on 2 days running): with the
    # signs on screen, they say which flags are active, before and after saving alike.
    occurrences: list[Occurrence] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    before: tuple[dict[str, int | None], list[Mark]] | None = None
    active: list[ActiveFlag] = field(default_factory=list)  # saved flags active on the day
    # A past day: the signs recorded and outcomes after it, up to today, so that the banner can
    # tell a flag still active today (its action stands) from one answered since.
    later: list[Occurrence] = field(default_factory=list)
    later_outcomes: list[Outcome] = field(default_factory=list)


def read_view(journal: Journal, day: dt.date, week_start: str) -> DayView:
    """Everything the Today screen shows for ``day``, from the journal."""
    entry = journal.get_day(day.isoformat())
    following = journal.get_day((day + dt.timedelta(days=1)).isoformat())
    previous = journal.get_day((day - dt.timedelta(days=1)).isoformat())
    start, end = week_bounds(day, week_start)
    runs, metres = journal.run_totals(start.isoformat(), end.isoformat())
    odi = journal.symptoms.odi_scores(end=day.isoformat())
    shoes = list_shoes(journal, include_retired=True)
    worn = {r.shoe_id for r in (entry.runs if entry else [])}
    exercises = day_summary(journal, day)
    iso = day.isoformat()
    every = journal.flags.occurrences("9999-12-31")
    occurrences = [o for o in every if o.date < iso or o.sign.code in PROFILE_CODES]
    outcomes = journal.flags.outcomes()
    return DayView(
        date=day,
        entry=entry,
        next_morning=(following.back_wake, following.leg_wake) if following else None,
        previous_runs=previous.runs if previous else [],
        week=(start, runs, metres),
        odi=odi[-1] if odi else None,
        odi_first=odi[0] if odi else None,
        shoes=[s for s in shoes if not s.retired or s.id in worn],
        exercises=exercises,
        occurrences=occurrences,
        outcomes=[o for o in outcomes if o.date <= iso],
        later=[o for o in every if o.date > iso and o.sign.code not in PROFILE_CODES],
        later_outcomes=[o for o in outcomes if o.date > iso],
        before=(previous.pain(), previous.marks or []) if previous else None,
        active=journal.flags.active(iso),
    )
