"""Chart aggregation: daily series to at most about one point per plot column (days, weeks,
months...), with no day lost or counted twice at a week or month edge and the week start kept."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain.aggregate import (
    GRAINS,
    aggregate,
    bucket_start,
    choose_grain,
    count_buckets,
    spans,
)
from backjournal.domain.values import WEEKDAYS


def days(n: int, start: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(n)]


@pytest.mark.parametrize(
    "n_days, max_points, grain",
    [
        (28, 60, "day"),
        (60, 60, "day"),
        (61, 60, "week"),
        (365, 60, "week"),
        (365, 40, "month"),
        (3650, 130, "month"),
        (3650, 60, "quarter"),
        (3650, 30, "year"),
        (3650, 5, "year"),  # years are the coarsest: more years than points still gives years
    ],
)
def test_the_grain_follows_the_span_and_the_width(n_days, max_points, grain):
    """Days while they fit, then weeks, months, quarters, years."""
    start = dt.date(2017, 1, 1)
    end = start + dt.timedelta(days=n_days - 1)
    assert choose_grain(start, end, max_points) == grain


def test_a_bad_width_is_refused():
    """A plot needs at least one column."""
    with pytest.raises(ValueError):
        choose_grain(dt.date(2026, 1, 1), dt.date(2026, 2, 1), 0)


def test_month_edges_are_clipped_and_nothing_is_lost():
    """30 Jan to 2 Mar by month: 2 days of January, all of February, 2 days of March."""
    start = dt.date(2026, 1, 30)
    values = [1.0] * 32
    buckets = aggregate(start, {"d": values}, {"d": "sum"}, max_points=1, grain="month")
    assert [(b.label, b.start, b.end, b.days, b.values["d"]) for b in buckets] == [
        ("2026-01", dt.date(2026, 1, 30), dt.date(2026, 1, 31), 2, 2.0),
        ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 28), 28, 28.0),
        ("2026-03", dt.date(2026, 3, 1), dt.date(2026, 3, 2), 2, 2.0),
    ]


def test_week_start_is_respected():
    """A range starting on a Sunday is one whole Sunday week, or a lone Sunday and a Monday
    week, by the week-start setting."""
    sunday = dt.date(2026, 11, 22)
    values = list(range(1, 8))  # Sunday 1 ... Saturday 7
    by_sunday = aggregate(
        sunday, {"d": values}, {"d": "sum"}, max_points=1, week_start="sunday", grain="week"
    )
    assert [(b.label, b.days, b.values["d"]) for b in by_sunday] == [("2026-11-22", 7, 28.0)]
    by_monday = aggregate(
        sunday, {"d": values}, {"d": "sum"}, max_points=1, week_start="monday", grain="week"
    )
    assert [(b.label, b.start, b.days, b.values["d"]) for b in by_monday] == [
        ("2026-11-16", sunday, 1, 1.0),  # labelled by its week's first day, clipped to the range
        ("2026-11-23", dt.date(2026, 11, 23), 6, 27.0),
    ]


def test_means_ignore_days_without_a_score():
    """Pain means skip missing days (not zeros); a bucket with no score at all is None."""
    start = dt.date(2026, 6, 1)  # a Monday
    pain = [None, 2, 4, None, None, None, None] + [None] * 7
    buckets = aggregate(start, {"p": pain}, {"p": "mean"}, max_points=2)
    assert [b.values["p"] for b in buckets] == [3.0, None]


@pytest.mark.parametrize(
    "how, expected",
    [("sum", 9.0), ("mean", 3.0), ("max", 5.0), ("min", 1.0), ("last", 3.0)],
)
def test_reducers(how, expected):
    """sum, mean, max, min and last over one bucket, missing values ignored."""
    buckets = aggregate(
        dt.date(2026, 6, 1), {"v": [1, None, 5, 3]}, {"v": how}, max_points=10, grain="year"
    )
    assert buckets[0].values["v"] == expected


def test_quarter_and_year_labels():
    """Quarters and years follow the calendar and are labelled 2026-Q4 and 2026."""
    start = dt.date(2025, 12, 15)
    n = 120
    quarters = aggregate(start, {"v": [1.0] * n}, {"v": "sum"}, max_points=1, grain="quarter")
    assert [(b.label, b.days) for b in quarters] == [
        ("2025-Q4", 17),
        ("2026-Q1", 90),
        ("2026-Q2", 13),
    ]
    years = aggregate(start, {"v": [1.0] * n}, {"v": "sum"}, max_points=1, grain="year")
    assert [(b.label, b.days) for b in years] == [("2025", 17), ("2026", 103)]


def test_columns_must_line_up_and_have_reducers():
    """Columns of different lengths, a column without a reducer, or an unknown reducer: refused."""
    start = dt.date(2026, 1, 1)
    with pytest.raises(ValueError):
        aggregate(start, {"a": [1], "b": [1, 2]}, {"a": "sum", "b": "sum"}, max_points=5)
    with pytest.raises(ValueError):
        aggregate(start, {"a": [1]}, {}, max_points=5)
    with pytest.raises(ValueError):
        aggregate(start, {"a": [1]}, {"a": "median"}, max_points=5)
    assert aggregate(start, {"a": []}, {"a": "sum"}, max_points=5) == []


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    values=st.lists(st.integers(min_value=0, max_value=40_000), min_size=1, max_size=800),
    max_points=st.integers(min_value=1, max_value=200),
    week_start=st.sampled_from(WEEKDAYS),
)
def test_no_day_is_lost_or_counted_twice(start, values, max_points, week_start):
    """Buckets tile the range exactly (contiguous, clipped), sums are preserved, and there are
    at most ``max_points`` of them unless even years are too many."""
    buckets = aggregate(
        start, {"d": values}, {"d": "sum"}, max_points=max_points, week_start=week_start
    )
    end = start + dt.timedelta(days=len(values) - 1)
    assert buckets[0].start == start and buckets[-1].end == end
    for a, b in zip(buckets, buckets[1:], strict=False):
        assert b.start == a.end + dt.timedelta(days=1)
    assert sum(b.days for b in buckets) == len(values)
    assert sum(b.values["d"] for b in buckets) == sum(values)
    grain = choose_grain(start, end, max_points, week_start)
    assert len(buckets) <= max_points or grain == "year"
    assert len(buckets) == count_buckets(start, end, grain, week_start)
    for b in buckets:  # every bucket lies inside one unclipped bucket of its grain
        assert bucket_start(b.start, grain, week_start) == bucket_start(b.end, grain, week_start)
        if grain == "week":
            assert b.start == start or b.start.weekday() == WEEKDAYS.index(week_start)


def test_spans_cover_every_grain():
    """Each grain's spans tile a range that crosses a year end."""
    start, end = dt.date(2025, 11, 3), dt.date(2026, 2, 10)
    for grain in GRAINS:
        covered = spans(start, end, grain, "thursday")
        assert covered[0][0] == start and covered[-1][1] == end
        assert sum((hi - lo).days + 1 for lo, hi in covered) == (end - start).days + 1
