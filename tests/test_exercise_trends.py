"""Exercise adherence in the trend data: ``TrendData.exercise_days``, each stats row's
adherence, and the insights' adherence comparison."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from backjournal.domain.exercises import Dose, ProgrammeItem
from backjournal.domain.insights import insights
from backjournal.domain.stats import stats_document, stats_rows
from backjournal.store.demo import write_demo

MONDAY = dt.date(2026, 11, 16)


def test_trend_data_carries_each_days_scheduled_and_done(journal):
    """data() holds (date, scheduled, done) for the days with exercises scheduled."""
    store = journal.exercises
    store.set_programme(
        [ProgrammeItem("plank", Dose(3, hold_s=30), (0, 2))], on=MONDAY, today=TODAY
    )
    store.done(MONDAY, ["plank", "bird-dog"], today=TODAY)
    data = journal.trends.data(MONDAY, TODAY)
    assert data.exercise_days == (
        ("2026-11-16", 1, 1),
        ("2026-11-18", 1, 0),
        ("2026-11-23", 1, 0),
        ("2026-11-25", 1, 0),
    )


def test_stats_rows_carry_adherence(journal):
    """A week's row has done / scheduled; a day without anything scheduled has None; the JSON
    document rounds it."""
    store = journal.exercises
    store.set_programme(
        [ProgrammeItem("plank", Dose(3, hold_s=30), (0, 1, 2))], on=MONDAY, today=TODAY
    )
    store.done(MONDAY, ["plank"], today=TODAY)
    start, end = MONDAY, MONDAY + dt.timedelta(days=6)
    data = journal.trends.data(start, end)
    weeks = stats_rows(data, start, end, period="week")
    assert weeks[0].adherence == pytest.approx(1 / 3)
    days = stats_rows(data, start, end, period="day")
    assert [d.adherence for d in days[:4]] == [1.0, 0.0, 0.0, None]
    doc = stats_document(
        weeks, start=start, end=end, period="week", week_start="monday", units="km"
    )
    assert doc["rows"][0]["adherence"] == 0.333


def test_insights_compare_adherent_weeks_from_the_data(tmp_path):
    """On the demo journal the insights include the adherence comparison without being handed
    weekly adherence; with no exercises there is none."""
    from backjournal.store import Journal

    with Journal.open(tmp_path / "demo.db") as journal:
        write_demo(journal, TODAY, years=1)
        data = journal.trends.data(TODAY - dt.timedelta(days=364), TODAY)
    found = insights(data)
    assert any(i.topic == "adherence" for i in found)
    bare = type(data)(**{**data.__dict__, "exercise_days": ()})
    assert not any(i.topic == "adherence" for i in insights(bare))
