"""Trends data (issue #5): fetch and aggregate every chart's series for the "1 year" range.

In-process: the ten-year demo journal (``--years``) against a one-year demo journal built in the
same run, both read through ``journal.trends.data`` (SQL: the range, plus 120 days of daily load
before it) and reduced by ``backjournal.domain.trends.build`` for a 120-column plot. Target: the
ten-year journal costs at most 1.2 times the one-year journal (cost follows the range shown, not
the age of the journal). The samples of the two sides are interleaved so that machine noise hits
both; each sample is one fetch and build, after warm-up calls that fill SQLite's page cache.
"""

from __future__ import annotations

import statistics
import time

from benchmarks.common import TODAY, Context, Result, benchmark, make_demo_journal

TARGET = 1.2
REFERENCE = "1-year journal"
RANGE = "1y"
PLOT_COLUMNS = 120
CALLS_PER_RUN = 15  # samples per side per --repeat


def fetch_and_build(journal) -> object:
    """What the Trends screen's worker does for one range: read, then aggregate every chart."""
    from backjournal.domain.trends import build, range_bounds

    settings = journal.settings()
    start, end = range_bounds(RANGE, TODAY, journal.trends.first_date(), settings.week_start)
    data = journal.trends.data(start, end)
    return build(data, start, end, max_points=PLOT_COLUMNS, week_start=settings.week_start)


@benchmark("trends_data", 'fetch + aggregate the Trends series, "1 year" range, in-process')
def trends_data(ctx: Context) -> Result:
    from backjournal.store import Journal

    measured_path = ctx.fresh_copy("trends-data.db")
    reference_path = make_demo_journal(ctx.workdir / "trends-one-year.db", 1)
    measured: list[float] = []
    reference: list[float] = []
    with Journal.open(measured_path) as long_journal, Journal.open(reference_path) as short:
        for _ in range(max(ctx.warmup, 1) * 3):
            fetch_and_build(long_journal)
            fetch_and_build(short)
        for i in range(ctx.repeat * CALLS_PER_RUN):
            pair = ((long_journal, measured), (short, reference))
            for journal, samples in pair if i % 2 == 0 else pair[::-1]:
                start = time.perf_counter()
                fetch_and_build(journal)
                samples.append(time.perf_counter() - start)
    return Result(
        name="trends_data",
        median_s=statistics.median(measured),
        reference_name=REFERENCE,
        reference_median_s=statistics.median(reference),
        target_ratio=TARGET,
        samples=tuple(measured),
        reference_samples=tuple(reference),
    )
