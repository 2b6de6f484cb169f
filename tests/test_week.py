"""Today's "This week": this week against last week, and the days not logged (issue #15)."""

from __future__ import annotations

import datetime as dt

from conftest import TODAY

from backjournal.domain.exercises import Dose, ProgrammeItem
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.week import bounds, week_lines, week_summary

# TODAY is Wednesday 25 November 2026: this week (Monday weeks) is 23-25 Nov so far.


def test_bounds_stop_at_today_and_follow_the_week_start():
    """This week runs from its first day to the day shown or today; last week starts 7 before."""
    assert bounds(TODAY, TODAY, "monday") == (
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 25),
    )
    assert bounds(dt.date(2026, 11, 18), TODAY, "sunday")[1:] == (
        dt.date(2026, 11, 15),
        dt.date(2026, 11, 21),
    )


def test_week_summary_on_a_real_journal(journal):
    """Distance, runs, mean of each day's worst pain and adherence, this week and last; the
    days of this week with no entry are listed."""
    every_day = (0, 1, 2, 3, 4, 5, 6)
    journal.exercises.set_programme(
        [ProgrammeItem("bird-dog", Dose(3, reps=8), every_day)], on="2026-11-16", today=TODAY
    )
    journal.save_day(DayEntry("2026-11-17", back_wake=4, leg_after=2, runs=[Run(10000.0)]), TODAY)
    journal.save_day(DayEntry("2026-11-19", back_wake=2, runs=[Run(5000.0), Run(6000.0)]), TODAY)
    journal.save_day(DayEntry("2026-11-23", back_wake=1, back_after=3, runs=[Run(8000.0)]), TODAY)
    journal.save_day(DayEntry("2026-11-25", back_wake=2, leg_wake=1), TODAY)
    for day in ("2026-11-17", "2026-11-23", "2026-11-25"):
        journal.exercises.tick(day, "bird-dog", today=TODAY)
    data = journal.trends.data(dt.date(2026, 11, 16), TODAY, lead_in=0)
    summary = week_summary(data, TODAY, TODAY, "monday")
    assert (summary.this.distance_m, summary.this.runs) == (8000.0, 1)
    assert (summary.last.distance_m, summary.last.runs) == (21000.0, 3)
    assert (summary.this.back_mean, summary.this.leg_mean) == (2.5, 1.0)
    assert (summary.last.back_mean, summary.last.leg_mean) == (3.0, 2.0)
    assert summary.this.adherence == 2 / 3 and summary.last.adherence == 1 / 7
    assert summary.unlogged == (dt.date(2026, 11, 24),)
    assert week_lines(summary, "km") == [
        "distance 8 km in 1 run · last week 21 km in 3 runs",
        "pain (mean of each day's worst) back 2.5 leg 1.0 · last week back 3.0 leg 2.0",
        "exercises done 67 % of those scheduled · last week 14 %",
        "not logged yet: Tue 24",
    ]


def test_an_empty_week_reads_as_nothing_recorded(journal):
    """A new journal: zeros for distance, dashes for pain and adherence, every day unlogged."""
    data = journal.trends.data(dt.date(2026, 11, 16), TODAY, lead_in=0)
    lines = week_lines(week_summary(data, TODAY, TODAY, "monday"), "mi")
    assert lines == [
        "distance 0 mi in 0 runs · last week 0 mi in 0 runs",
        "pain (mean of each day's worst) back - leg - · last week back - leg -",
        "exercises done - of those scheduled · last week -",
        "not logged yet: Mon 23, Tue 24, Wed 25",
    ]
