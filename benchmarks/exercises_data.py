"""Exercises data (issue #4): what the Exercises screen reads when it opens a day, in-process.

The day's checklist, the programme in force, adherence (7 and 28 days, the streak, the strip,
the twelve-week strip of a wide terminal) and the phase suggestion, plus Today's "3 of 5 done":
from the ten-year demo journal (``--years``) against a one-year demo journal built in the same
run. The screen reads these on the UI thread (they are small), so their cost must follow the
days shown, not the age of the journal: target, the ten-year journal at most 1.2 times the
one-year journal. Samples of the two sides are interleaved; each is one full read, after
warm-up reads that fill SQLite's page cache.
"""

from __future__ import annotations

from benchmarks.common import TODAY, Context, Result, benchmark, ten_years_against_one

TARGET = 1.2


def open_day(journal) -> object:
    """What ExercisesScreen._load (on a wide terminal: the twelve-week strip too) and Today's
    summary read for today."""
    import datetime as dt

    from backjournal.store.exercise_summary import day_summary

    store = journal.exercises
    return (
        store.checklist(TODAY),
        store.programme(TODAY),
        store.adherence(TODAY),
        store.day_counts(TODAY - dt.timedelta(days=83), TODAY),
        store.suggestion(TODAY),
        day_summary(journal, TODAY),
    )


@benchmark("exercises_data", "the Exercises screen's reads for one day, in-process")
def exercises_data(ctx: Context) -> Result:
    return ten_years_against_one(ctx, "exercises_data", open_day, target=TARGET)
