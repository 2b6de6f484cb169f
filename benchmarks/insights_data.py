"""Insights (issue #14): every comparison of the "12 weeks" range, with its 2,000 bootstrap
resamples, in-process: the ten-year demo journal (``--years``) against a one-year demo journal
built in the same run, each read through ``journal.trends.data`` and reduced by
``backjournal.domain.insights.insights`` (with the user's own factors, read in one query).
Target: at most 1.2 times (the cost follows the weeks
of the range, never the age of the journal). What ``backjournal insights`` does for its default
range, without the printing.
"""

from __future__ import annotations

import datetime as dt

from benchmarks.common import TODAY, Context, Result, benchmark, ten_years_against_one

TARGET = 1.2
RANGE = "12w"


def twelve_weeks(journal) -> object:
    """Read the 12 weeks (and the next morning) and compute every comparison."""
    from backjournal.domain.insights import insights
    from backjournal.domain.trends import range_bounds

    settings = journal.settings()
    start, end = range_bounds(RANGE, TODAY, journal.trends.first_date(), settings.week_start)
    data = journal.trends.data(start, end + dt.timedelta(days=1))
    return insights(
        data,
        start,
        end,
        units=settings.units,
        week_start=settings.week_start,
        shoes=journal.trends.shoe_names(),
        own=journal.clinical.factor_series(start, end),
    )


@benchmark("insights_data", 'every insight of the "12 weeks" range, in-process, 10 vs 1 year')
def insights_data(ctx: Context) -> Result:
    return ten_years_against_one(ctx, "insights_data", twelve_weeks, target=TARGET, calls=5)
