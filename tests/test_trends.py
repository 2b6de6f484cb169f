"""Trends series: the named ranges, every chart's series from one read (at most about one point
per column, nothing lost), and the per-day and per-week rows of ``backjournal stats``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY

from backjournal.demo.days import generate
from backjournal.domain.load import LEAD_IN_DAYS, worse_band
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.stats import stats_document, stats_rows
from backjournal.domain.symptoms import Mark
from backjournal.domain.trends import (
    RANGES,
    DayRow,
    RunRow,
    TrendData,
    build,
    fetch_start,
    next_range,
    range_bounds,
)
from backjournal.store import Journal


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A one-year demo journal (read only)."""
    path = tmp_path_factory.mktemp("trends") / "demo.db"
    with Journal.open(path) as journal:
        journal.replace_all_days(list(generate(TODAY, years=1, seed=7)))
    return path


# --- ranges --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, week_start, start",
    [
        ("4w", "monday", dt.date(2026, 11, 2)),  # TODAY is Wednesday 25 Nov; its week began 23
        ("4w", "sunday", dt.date(2026, 11, 1)),
        ("12w", "monday", dt.date(2026, 9, 7)),
        ("1y", "monday", dt.date(2025, 12, 1)),
        ("all", "monday", dt.date(2020, 5, 17)),
    ],
)
def test_range_bounds(name, week_start, start):
    """Week ranges are whole weeks (by the week-start setting) up to today; all starts at the
    journal's first day."""
    assert range_bounds(name, TODAY, dt.date(2020, 5, 17), week_start) == (start, TODAY)


def test_all_of_an_empty_journal_is_today():
    """With no entries, "all" is just today; an unknown range name is refused."""
    assert range_bounds("all", TODAY, None) == (TODAY, TODAY)
    with pytest.raises(ValueError):
        range_bounds("2y", TODAY, None)


def test_one_key_cycles_the_ranges():
    """4w -> 12w -> 1y -> all -> 4w."""
    assert [next_range(r) for r in RANGES] == ["12w", "1y", "all", "4w"]


def test_fetch_start():
    """The lead-in goes 120 days back, not before the first day, never after the range start."""
    start = dt.date(2026, 6, 1)
    assert fetch_start(start, dt.date(2020, 1, 1)) == start - dt.timedelta(days=LEAD_IN_DAYS)
    assert fetch_start(start, dt.date(2026, 5, 1)) == dt.date(2026, 5, 1)
    assert fetch_start(start, dt.date(2026, 7, 1)) == start
    assert fetch_start(start, None) == start


# --- the charts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RANGES)
@pytest.mark.parametrize("width", [30, 120])
def test_every_chart_fits_the_width_and_loses_nothing(demo, name, width):
    """Each chart has at most ``width`` points, and the distances add up to the journal's total
    for the range (no day lost or counted twice)."""
    with Journal.open(demo) as journal:
        start, end = range_bounds(name, TODAY, journal.trends.first_date())
        data = journal.trends.data(start, end)
        total = journal.run_totals(start.isoformat(), end.isoformat())[1]
    charts = build(data, start, end, max_points=width)
    for series in (charts.pain_mileage, charts.load, charts.acwr, charts.extent, charts.odi):
        assert 0 < len(series) <= width
        assert series[0].start == start and series[-1].end == end
    assert sum(b.values["distance_m"] for b in charts.pain_mileage) == pytest.approx(total)
    assert sum(b.values["distance_m"] for b in charts.load) == pytest.approx(total)
    assert charts.load_grain != "day"
    flagged = sum(w.ramp_flag for w in charts.weeks)
    assert sum(b.values["ramp_flags"] for b in charts.load) == flagged


def test_weekly_load_chart_carries_ramp_and_spikes(demo):
    """At week grain each bar has its ramp; flagged weeks and spike runs are counted per bar."""
    with Journal.open(demo) as journal:
        start, end = range_bounds("1y", TODAY, journal.trends.first_date())
        charts = build(journal.trends.data(start, end), start, end, max_points=120)
    assert charts.grain == "week" and charts.load_grain == "week"
    assert len(charts.load) == len(charts.weeks)
    for bucket, week in zip(charts.load, charts.weeks, strict=True):
        assert bucket.values["ramp_pct"] == week.ramp_pct
        assert bucket.values["ramp_flags"] == float(week.ramp_flag)
    assert sum(b.values["spikes"] for b in charts.load) == len(charts.spikes) > 0
    assert all(start <= s.date <= end for s in charts.spikes)
    assert charts.has_acwr and charts.has_extent


def test_charts_of_a_young_journal_have_no_ratio(journal):
    """Under 28 days of history no ACWR point exists (None everywhere); days without entries
    are rest days in the distance bars and gaps in the pain lines."""
    for i in range(0, 20, 2):
        date = (TODAY - dt.timedelta(days=i)).isoformat()
        journal.save_day(DayEntry(date, back_wake=i % 5, runs=[Run(5000.0)]), TODAY)
    start, end = range_bounds("4w", TODAY, journal.trends.first_date())
    charts = build(journal.trends.data(start, end), start, end, max_points=60)
    assert charts.grain == "day"
    assert not charts.has_acwr
    assert all(v is None for b in charts.acwr for v in b.values.values())
    by_day = {b.start: b.values for b in charts.pain_mileage}
    assert by_day[TODAY - dt.timedelta(days=1)]["distance_m"] == 0.0
    assert by_day[TODAY - dt.timedelta(days=1)]["back"] is None
    assert by_day[TODAY]["distance_m"] == 5000.0


def test_extent_and_oswestry_series(journal):
    """Extent buckets hold the furthest reach per leg; Oswestry buckets the mean score."""
    journal.symptoms.save_marks("2026-11-17", [Mark("calf-l", 5)], TODAY)
    journal.symptoms.save_marks("2026-11-18", [Mark("thigh-back-l", 3)], TODAY)
    journal.symptoms.save_odi("2026-11-17", [2] * 10)  # 40 %
    journal.symptoms.save_odi("2026-11-19", [1] * 10)  # 20 %
    start, end = dt.date(2026, 11, 2), TODAY
    charts = build(journal.trends.data(start, end), start, end, max_points=4)
    assert charts.grain == "week"
    week = next(b for b in charts.extent if b.label == "2026-11-16")
    assert week.values == {"left": 4, "right": 0}  # the calf is below the knee; no right marks
    odi = next(b for b in charts.odi if b.label == "2026-11-16")
    assert odi.values["score"] == pytest.approx(30.0)
    assert charts.has_extent and charts.has_odi


def test_adherence_series_per_week_with_pain():
    """Adherence buckets sum done and scheduled over each week (done capped at scheduled), give
    the percentage, and carry the week's mean worst pain; a range without a programme has none."""
    start, end = dt.date(2026, 11, 2), dt.date(2026, 11, 15)  # two whole weeks, Monday first
    days = tuple(
        DayRow((start + dt.timedelta(days=i)).isoformat(), back_wake=2 + i // 7) for i in range(14)
    )
    exercise_days = (
        ("2026-11-02", 5, 5),
        ("2026-11-04", 5, 3),
        ("2026-11-06", 5, 7),  # more ticks than scheduled count as all done
        ("2026-11-10", 4, 1),
        ("2026-11-15", 4, 0),  # the week's last day still belongs to it
    )
    data = TrendData(start=start, end=end, first_day=start, days=days, exercise_days=exercise_days)
    charts = build(data, start, end, max_points=60)
    assert charts.has_adherence
    by_week = {b.label: b.values for b in charts.adherence}
    assert list(by_week) == ["2026-11-02", "2026-11-09"]
    assert by_week["2026-11-02"]["pct"] == pytest.approx(100 * 13 / 15)
    assert by_week["2026-11-09"]["pct"] == pytest.approx(100 * 1 / 8)
    assert (by_week["2026-11-02"]["back"], by_week["2026-11-09"]["back"]) == (2, 3)
    bare = TrendData(start=start, end=end, first_day=start, days=days)
    assert not build(bare, start, end, max_points=60).has_adherence


def test_build_refuses_a_range_outside_the_data():
    """Asking for days that were not read is a mistake, not silent zeros."""
    data = TrendData(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 10), first_day=None)
    with pytest.raises(ValueError, match="not inside"):
        build(data, dt.date(2026, 10, 1), dt.date(2026, 11, 10), max_points=10)
    with pytest.raises(ValueError, match="before it starts"):
        build(data, dt.date(2026, 11, 5), dt.date(2026, 11, 2), max_points=10)


# --- stats rows ----------------------------------------------------------------------------------


def constructed() -> TrendData:
    """Three weeks (Monday 2 Nov to Sunday 22 Nov): 10, 12 and 20 km, a spike, a red flag."""
    runs = [
        RunRow("2026-11-02", 10000.0),
        RunRow("2026-11-09", 6000.0),
        RunRow("2026-11-10", 6000.0),
        RunRow("2026-11-16", 20000.0, "long"),
    ]
    daily = tuple((r.date, r.distance_m, 1) for r in runs)
    days = (
        DayRow("2026-11-02", back_wake=2, back_after=4, leg_wake=1),
        DayRow("2026-11-03", back_wake=3),
        DayRow("2026-11-16", back_wake=1, extent_l=3, extent_r=0),
        DayRow("2026-11-17", back_wake=7, flags=1),
    )
    return TrendData(
        start=dt.date(2026, 11, 2),
        end=dt.date(2026, 11, 22),
        first_day=dt.date(2026, 11, 2),
        daily=daily,
        runs=tuple(runs),
        days=days,
        flags={"2026-11-17": ("severe pain (7 or more): back pain on waking",)},
    )


def test_week_rows():
    """Week rows sum distance and runs, average each day's worst pain, take the furthest extent,
    and flag ramps, spikes and red flags."""
    rows = stats_rows(constructed(), "2026-11-02", "2026-11-22", period="week")
    assert [(r.start.isoformat(), r.distance_m, r.runs) for r in rows] == [
        ("2026-11-02", 10000.0, 1),
        ("2026-11-09", 12000.0, 2),
        ("2026-11-16", 20000.0, 1),
    ]
    first, second, third = rows
    assert first.back_mean == pytest.approx(3.5) and first.back_days == 2  # worst of 2/4, and 3
    assert first.leg_mean == 1.0 and first.leg_days == 1
    assert first.ramp_pct is None and first.flags == ()
    assert second.ramp_pct == pytest.approx(20.0) and second.flags == ("ramp",)
    assert third.ramp_pct == pytest.approx(200 / 3)
    assert third.two_week_pct == pytest.approx(100.0)
    assert third.flags == ("ramp", "two-week-ramp", "spike", "red-flag")
    assert third.red_flags == ("2026-11-17: severe pain (7 or more): back pain on waking",)
    assert (third.extent_left_max, third.extent_right_max) == (3, 0)
    assert third.spikes == 1 and third.complete
    assert all(r.acwr_rolling is None and r.acwr_ewma is None for r in rows)  # 21 days only


def test_day_rows_are_dense():
    """Every day is a row: a day with no entry is a rest day of 0 m, with no pain."""
    rows = stats_rows(constructed(), "2026-11-02", "2026-11-08", period="day")
    assert len(rows) == 7
    assert [r.distance_m for r in rows] == [10000.0] + [0.0] * 6
    assert rows[1].back_mean == 3.0 and rows[2].back_mean is None
    assert all(r.ramp_pct is None and r.days == 1 and r.complete for r in rows)


def test_week_rows_are_clipped_to_the_range():
    """A range ending mid-week gives a last row of the days so far, marked incomplete."""
    rows = stats_rows(constructed(), "2026-11-02", "2026-11-18", period="week")
    assert (rows[-1].days, rows[-1].complete) == (3, False)
    with pytest.raises(ValueError):
        stats_rows(constructed(), "2026-11-02", "2026-11-18", period="month")


def test_worse_band_is_the_more_cautious():
    """danger over caution over under-training over sweet spot; None without a ratio."""
    assert worse_band(1.0, 1.6) == "danger"
    assert worse_band(1.4, 1.0) == "caution"
    assert worse_band(0.5, 1.0) == "under-training"
    assert worse_band(None, 1.0) == "sweet spot"
    assert worse_band(None, None) is None


def test_stats_document_converts_units_and_rounds():
    """The JSON document: distance in the user's unit, means and ratios rounded, lists not
    tuples."""
    rows = stats_rows(constructed(), "2026-11-02", "2026-11-22", period="week")
    doc = stats_document(
        rows, start="2026-11-02", end="2026-11-22", period="week", week_start="monday", units="mi"
    )
    assert doc["format"] == "backjournal-stats" and doc["version"] == 1
    assert doc["rows"][2]["distance"] == pytest.approx(12.43)  # 20 km in miles, 2 decimals
    assert doc["rows"][2]["ramp_pct"] == pytest.approx(66.7)
    assert doc["rows"][2]["flags"] == ["ramp", "two-week-ramp", "spike", "red-flag"]


def test_days_before_the_first_day_are_not_history():
    """A range that starts 60 days before the journal does: no ratio until the journal's 28th
    day, and the EWMA is seeded with the first day's load (a constant load gives 1.0)."""
    first_day = dt.date(2026, 8, 1)
    start, end = first_day - dt.timedelta(days=60), first_day + dt.timedelta(days=40)
    n = (end - first_day).days + 1
    daily = tuple(((first_day + dt.timedelta(days=i)).isoformat(), 5000.0, 1) for i in range(n))
    data = TrendData(start=start, end=end, first_day=first_day, daily=daily)
    rows = stats_rows(data, start, end, period="day")
    by_date = {r.start: r for r in rows}
    day27 = first_day + dt.timedelta(days=27)
    assert all(r.acwr_rolling is None and r.acwr_ewma is None for r in rows if r.start < day27)
    assert by_date[day27].acwr_rolling == pytest.approx(1.0)
    assert by_date[day27].acwr_ewma == pytest.approx(1.0)
