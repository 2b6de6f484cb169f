"""Trends data (issue #5): fetch and aggregate every chart's series for the "1 year" range.

In-process: the ten-year demo journal (``--years``) against a one-year demo journal built in the
same run, both read through ``journal.trends.data`` (SQL: the range, plus 120 days of daily load
before it) and reduced by ``backjournal.domain.trends.build`` for a 120-column plot. Target: the
ten-year journal costs at most 1.2 times the one-year journal (cost follows the range shown, not
the age of the journal). The samples of the two sides are interleaved so that machine noise hits
both; each sample is one fetch and build, after warm-up calls that fill SQLite's page cache.
"""

from __future__ import annotations

from benchmarks.common import TODAY, Context, Result, benchmark, ten_years_against_one

TARGET = 1.2
RANGE = "1y"
PLOT_COLUMNS = 120


def fetch_and_build(journal) -> object:
    """What the Trends screen's worker does for one range: read, then aggregate every chart."""
    from backjournal.domain.trends import build, range_bounds

    settings = journal.settings()
    start, end = range_bounds(RANGE, TODAY, journal.trends.first_date(), settings.week_start)
    data = journal.trends.data(start, end)
    return build(data, start, end, max_points=PLOT_COLUMNS, week_start=settings.week_start)


@benchmark("trends_data", 'fetch + aggregate the Trends series, "1 year" range, in-process')
def trends_data(ctx: Context) -> Result:
    return ten_years_against_one(ctx, "trends_data", fetch_and_build, target=TARGET)
