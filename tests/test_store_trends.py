"""The trend reads (``journal.trends``): grouped daily distance, pain, extent, flags and Oswestry
scores over a range, with the load's lead-in, through indexes, on real journal files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY

from backjournal.demo.days import generate
from backjournal.domain.load import LEAD_IN_DAYS, SPIKE_WINDOW_DAYS
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.symptoms import Mark
from backjournal.domain.trends import range_bounds
from backjournal.store import Journal


def save(journal: Journal, date: str, *runs_km: float, **scores) -> None:
    """Store a day with runs of ``runs_km`` kilometres and the given scores."""
    runs = [Run(distance_m=km * 1000) for km in runs_km]
    journal.save_day(DayEntry(date, runs=runs, **scores), TODAY)


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory) -> Path:
    """A ten-year demo journal (read only)."""
    path = tmp_path_factory.mktemp("trends") / "ten.db"
    with Journal.open(path) as journal:
        journal.replace_all_days(list(generate(TODAY, years=10, seed=7)))
    return path


def test_trends_is_attached_once(journal):
    """``journal.trends`` is one object, made on first use."""
    assert journal.trends is journal.trends


def test_daily_distance_groups_runs_per_date(journal):
    """Two runs on one day are one row (summed, counted); the range is inclusive."""
    save(journal, "2026-11-01", 5, 3)
    save(journal, "2026-11-03", 10)
    save(journal, "2026-11-04")  # a rest day: no row
    save(journal, "2026-11-05", 7)
    assert journal.trends.daily_distance("2026-11-01", "2026-11-04") == [
        ("2026-11-01", 8000.0, 2),
        ("2026-11-03", 10000.0, 1),
    ]


def test_days_carry_pain_extent_and_flag_count(journal):
    """A day row holds the eight pain scores, the extent from its marks and its red flags."""
    journal.save_day(
        DayEntry(
            "2026-11-10",
            back_wake=3,
            leg_after=7,
            rf_night=True,
            marks=[Mark("calf-l", 4, ("tingling",)), Mark("buttock-r", 2, ("shooting",))],
        ),
        TODAY,
    )
    (row,) = journal.trends.days("2026-11-01", "2026-11-30")
    assert (row.date, row.back_wake, row.leg_after, row.back_during) == ("2026-11-10", 3, 7, None)
    assert (row.extent_l, row.extent_r) == (4, 2)
    assert row.flags == 1  # constant or night pain
    assert row.worst("leg") == 7 and row.worst("back") == 3
    assert journal.trends.flags("2026-11-10", "2026-11-10") == {
        "2026-11-10": ("pain that is constant, not eased by rest or position, or worse at night",)
    }


def test_data_reads_the_range_and_the_load_lead_in(journal):
    """Days, flags and scores cover the range; daily load starts 120 days earlier and single
    runs 30 days earlier; the journal's first day is reported."""
    save(journal, "2026-01-01", 4)  # the first day
    save(journal, "2026-06-01", 6)  # in the load's lead-in only
    save(journal, "2026-07-15", 8)  # in the spike window too
    save(journal, "2026-08-20", 9, back_wake=2)  # in the range
    data = journal.trends.data("2026-08-01", "2026-08-31")
    assert data.start == dt.date(2026, 8, 1) and data.end == dt.date(2026, 8, 31)
    assert data.first_day == dt.date(2026, 1, 1)
    assert data.load_start == dt.date(2026, 8, 1) - dt.timedelta(days=LEAD_IN_DAYS)
    assert [d for d, _, _ in data.daily] == ["2026-06-01", "2026-07-15", "2026-08-20"]
    assert [r.date for r in data.runs] == ["2026-07-15", "2026-08-20"]
    assert dt.date(2026, 7, 15) >= data.start - dt.timedelta(days=SPIKE_WINDOW_DAYS)
    assert [d.date for d in data.days] == ["2026-08-20"]


def test_the_lead_in_stops_at_the_first_day(journal):
    """A young journal is read from its first day, and the series says so."""
    save(journal, "2026-11-10", 5)
    data = journal.trends.data("2026-11-20", "2026-11-25")
    assert data.load_start == dt.date(2026, 11, 10)
    assert data.history_before() == 0
    assert data.loads()[0] == 5000.0


def test_an_empty_journal_reads_nothing(journal):
    """No entries: no first day, no rows, a series of rest days."""
    data = journal.trends.data("2026-11-01", "2026-11-25")
    assert data.first_day is None and journal.trends.first_date() is None
    assert data.daily == () and data.days == () and data.odi == ()
    assert data.loads() == [0.0] * 25


def test_a_backwards_range_is_refused(journal):
    """The end before the start is a caller's mistake, said plainly."""
    with pytest.raises(ValueError, match="before it starts"):
        journal.trends.data("2026-11-25", "2026-11-01")


def test_oswestry_scores_in_range(journal):
    """The range's Oswestry check-ins (the day's last) come with the data."""
    journal.symptoms.save_odi("2026-11-02", [2] * 10)
    journal.symptoms.save_odi("2026-11-02", [1] * 10)
    journal.symptoms.save_odi("2026-10-01", [3] * 10)
    data = journal.trends.data("2026-11-01", "2026-11-25")
    assert data.odi == (("2026-11-02", 20.0),)


@pytest.mark.parametrize(
    "method", ["_daily_distance", "_runs", "_days", "_flags"], ids=lambda m: m.strip("_")
)
def test_reads_use_indexes(journal, method):
    """Every range query searches an index (never scans a whole table)."""
    sql_seen: list[str] = []
    journal.conn.set_trace_callback(sql_seen.append)
    try:
        getattr(journal.trends, method)(journal.conn, "2026-01-01", "2026-02-01")
    finally:
        journal.conn.set_trace_callback(None)
    (sql,) = [s for s in sql_seen if s.lstrip().upper().startswith("SELECT")]
    plan = " | ".join(
        row[-1]
        for row in journal.conn.execute(
            "EXPLAIN QUERY PLAN " + sql.replace("'2026-01-01'", "?").replace("'2026-02-01'", "?"),
            ("2026-01-01", "2026-02-01"),
        )
    )
    assert "SEARCH" in plan, plan
    assert not any(part.strip().startswith("SCAN") for part in plan.split("|")), plan


def test_a_ten_year_journal_reads_no_more_than_a_one_year_range_needs(ten_years):
    """For the "1 year" range, what is read is bounded by the range and the lead-in, whatever
    the journal's age (so reading costs the same for ten years as for one)."""
    with Journal.open(ten_years) as journal:
        start, end = range_bounds("1y", TODAY, journal.trends.first_date())
        data = journal.trends.data(start, end)
        assert journal.trends.first_date() < start - dt.timedelta(days=3000)
        assert data.load_start == start - dt.timedelta(days=LEAD_IN_DAYS)
        span = (end - start).days + 1
        assert len(data.days) <= span
        assert len(data.daily) <= span + LEAD_IN_DAYS
        assert len(data.runs) <= 3 * (span + SPIKE_WINDOW_DAYS)
        assert all(start.isoformat() <= d.date <= end.isoformat() for d in data.days)


def test_reading_inside_a_write_transaction(journal):
    """A read made inside a caller's transaction reads within it (no nested BEGIN)."""
    with journal._writing() as conn:
        conn.execute(
            "INSERT INTO day (date, updated_at) VALUES ('2026-11-20', '2026-11-20T00:00:00')"
        )
        assert journal.trends.first_date() == dt.date(2026, 11, 20)
    assert journal.trends.first_date() == dt.date(2026, 11, 20)


def test_the_range_reads_the_flare_ups_that_overlap_it(journal):
    """Trends reads the flare-ups overlapping its range (issue #17): one ending on the range's
    first day and an open one, not one that ended before it."""
    from backjournal.domain.clinical import FlareUp

    for start, end in (("2026-10-01", "2026-10-10"), ("2026-10-20", "2026-11-01")):
        flare = journal.clinical.start_flare(FlareUp(start), TODAY)
        journal.clinical.end_flare(flare.id, end, TODAY)
    journal.clinical.start_flare(FlareUp("2026-11-20"), TODAY)
    data = journal.trends.data(dt.date(2026, 11, 1), dt.date(2026, 11, 25))
    assert data.flares == (("2026-10-20", "2026-11-01"), ("2026-11-20", None))
