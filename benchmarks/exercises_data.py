"""Exercises data (issue #4): what the Exercises screen reads when it opens a day, in-process.

The day's checklist, the programme in force, adherence (7 and 28 days, the streak, the strip)
and the phase suggestion, plus Today's "3 of 5 done": from the ten-year demo journal
(``--years``) against a one-year demo journal built in the same run. The screen reads these on
the UI thread (they are small), so their cost must follow the days shown, not the age of the
journal: target, the ten-year journal at most 1.2 times the one-year journal. Samples of the two
sides are interleaved; each is one full read, after warm-up reads that fill SQLite's page cache.
"""

from __future__ import annotations

import statistics
import time

from benchmarks.common import TODAY, Context, Result, benchmark, make_demo_journal

TARGET = 1.2
REFERENCE = "1-year journal"
CALLS_PER_RUN = 15  # samples per side per --repeat


def open_day(journal) -> object:
    """What ExercisesScreen._load and Today's summary read for today."""
    from backjournal.store.exercise_summary import day_summary

    store = journal.exercises
    return (
        store.checklist(TODAY),
        store.programme(TODAY),
        store.adherence(TODAY),
        store.suggestion(TODAY),
        day_summary(journal, TODAY),
    )


@benchmark("exercises_data", "the Exercises screen's reads for one day, in-process")
def exercises_data(ctx: Context) -> Result:
    from backjournal.store import Journal

    measured_path = ctx.fresh_copy("exercises-data.db")
    reference_path = make_demo_journal(ctx.workdir / "exercises-one-year.db", 1)
    measured: list[float] = []
    reference: list[float] = []
    with Journal.open(measured_path) as long_journal, Journal.open(reference_path) as short:
        for _ in range(max(ctx.warmup, 1) * 3):
            open_day(long_journal)
            open_day(short)
        for i in range(ctx.repeat * CALLS_PER_RUN):
            pair = ((long_journal, measured), (short, reference))
            for journal, samples in pair if i % 2 == 0 else pair[::-1]:
                start = time.perf_counter()
                open_day(journal)
                samples.append(time.perf_counter() - start)
    return Result(
        name="exercises_data",
        median_s=statistics.median(measured),
        reference_name=REFERENCE,
        reference_median_s=statistics.median(reference),
        target_ratio=TARGET,
        samples=tuple(measured),
        reference_samples=tuple(reference),
    )
