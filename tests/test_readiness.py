"""Readiness ("run today?"): green, amber or red with its reasons, one test per rule
(pain-monitoring model, morning pain, ramp, spike, ACWR band, red flags), on constructed data
and once through a real journal."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from backjournal.domain.load import LEAD_IN_DAYS
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.readiness import NOTE, RED_FLAG_HEADLINE, readiness, readiness_range
from backjournal.domain.trends import DayRow, RunRow, TrendData

YESTERDAY = TODAY - dt.timedelta(days=1)
WEEK = dt.date(2026, 11, 23)  # Monday of TODAY's week


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def make(
    days: dict[str, dict] | None = None,
    runs: list[tuple[str, float]] | None = None,
    flags: dict[str, tuple[str, ...]] | None = None,
    history: int = 400,
) -> TrendData:
    """TrendData for readiness on TODAY: the given days, runs (date, km) and flags, a journal
    that began ``history`` days ago."""
    start, end = readiness_range(TODAY)
    first_day = TODAY - dt.timedelta(days=history)
    run_rows = tuple(RunRow(d, km * 1000) for d, km in sorted(runs or []))
    daily: dict[str, float] = {}
    for r in run_rows:
        daily[r.date] = daily.get(r.date, 0) + r.distance_m
    return TrendData(
        start=start,
        end=end,
        first_day=first_day,
        load_start=max(start - dt.timedelta(days=LEAD_IN_DAYS), first_day),
        daily=tuple((d, m, 1) for d, m in sorted(daily.items())),
        runs=run_rows,
        days=tuple(DayRow(d, **v) for d, v in sorted((days or {}).items())),
        flags=flags or {},
    )


def steady_runs(weeks: int = 8, km: float = 8.0) -> list[tuple[str, float]]:
    """The same run every day for ``weeks`` weeks up to yesterday: no ramp, no spike."""
    return [(ago(n), km) for n in range(1, 7 * weeks + 1)]


def reason(result, rule):
    found = [r for r in result.reasons if r.rule == rule]
    assert found, [r.rule for r in result.reasons]
    return found[0]


def test_a_steady_runner_with_quiet_pain_is_green():
    """Safe pain, no morning rise, steady weeks and ratio: green, with every reason listed."""
    days = {ago(1): {"back_wake": 2, "back_after": 1}, ago(0): {"back_wake": 2, "leg_wake": 0}}
    result = readiness(make(days, steady_runs()), TODAY)
    assert result.level == "green"
    assert result.headline.startswith("Green")
    assert {r.rule for r in result.reasons} >= {"pain-after", "morning", "ramp", "acwr"}
    assert all(r.level in ("green", "info") for r in result.reasons)
    assert result.note == NOTE and "not a verdict" in result.note


@pytest.mark.parametrize(
    "after, level, words",
    [
        (2, "green", "safe (0-2)"),
        (3, "amber", "acceptable (3-5)"),
        (5, "amber", "acceptable"),
        (6, "red", "too much (above 5)"),
    ],
)
def test_pain_during_or_after_yesterdays_run(after, level, words):
    """Silbernagel: 0-2 safe, 3-5 acceptable, above 5 too much; the worst of back and leg,
    during and after, counts."""
    days = {ago(1): {"back_after": 1, "leg_during": after}}
    found = reason(readiness(make(days, steady_runs()), TODAY), "pain-after")
    assert found.level == level
    assert words in found.text and "leg pain during the run" in found.text
    assert "Silbernagel" in found.source


def test_an_unscored_run_yesterday_is_said():
    """A run yesterday without a during/after score is named, and does not colour the answer."""
    found = reason(readiness(make({}, steady_runs()), TODAY), "pain-after")
    assert found.level == "info"


@pytest.mark.parametrize(
    "before, now, level",
    [(3, 2, "green"), (3, 3, "green"), (3, 4, "amber"), (3, 5, "red")],
)
def test_this_morning_against_the_morning_before(before, now, level):
    """Pain on waking may not rise: the same or lower green, +1 amber, +2 (clinically
    meaningful) red; the higher rise of back and leg counts."""
    days = {ago(1): {"back_wake": 1, "leg_wake": before}, ago(0): {"back_wake": 1, "leg_wake": now}}
    found = reason(readiness(make(days, steady_runs()), TODAY), "morning")
    assert found.level == level
    if level != "green":
        assert f"Leg pain on waking is {now}, up from {before} yesterday morning" in found.text


def test_a_missing_morning_score_is_said_not_judged():
    """Without this morning's score the morning rule gives information only."""
    result = readiness(make({ago(1): {"back_wake": 2}}, steady_runs()), TODAY)
    found = reason(result, "morning")
    assert found.level == "info" and "not recorded yet" in found.text


def test_a_ramp_this_week_is_amber():
    """This week so far more than 10 % above last week: amber, with both totals in the unit."""
    runs = [(d, km) for d, km in steady_runs(6, 5.0) if d < WEEK.isoformat()]  # 35 km a week
    runs += [(ago(2), 20.0), (ago(1), 20.0)]  # Monday and Tuesday: 40 km so far
    result = readiness(make({}, runs), TODAY, units="km")
    ramps = [r for r in result.reasons if r.rule == "ramp"]
    assert [r.text for r in ramps if r.level == "amber"] == [
        "This week's 40 km so far is already 14 % more than last week's 35 km (flagged above "
        "+10 %)."
    ]
    assert result.level == "red"  # two 20 km days also put the load ratio above 1.5


def test_last_weeks_ramp_is_amber_too():
    """Last week more than 10 % above the week before: amber, even before this week's runs."""
    runs = [(ago(n), 5.0) for n in range(10, 30)]  # up to the Sunday before last
    runs += [(ago(n), 7.0) for n in range(3, 10)]  # last week: 49 km vs 35 km
    result = readiness(make({}, runs), TODAY)
    texts = [r.text for r in result.reasons if r.rule == "ramp" and r.level == "amber"]
    assert any(t.startswith("Last week's 49 km was 40 % more than the week before") for t in texts)


def test_exactly_ten_percent_more_is_no_ramp():
    """A week exactly 10 % above the one before is not flagged (the edge is exclusive)."""
    runs = [(ago(n), 10.0) for n in (16, 23, 30)] + [(ago(9), 11.0)]
    found = [r for r in readiness(make({}, runs), TODAY).reasons if r.rule == "ramp"]
    assert [r.level for r in found] == ["green"]


def test_a_recent_spike_is_amber_and_the_limit_is_given():
    """A run of the last 7 days more than 10 % over the longest of its 30 days before: amber;
    today's limit is the longest of the last 30 days + 10 %, in the user's unit."""
    runs = steady_runs(6, 10.0) + [(ago(3), 14.0)]
    result = readiness(make({}, runs), TODAY, units="km")
    today_spike = reason(
        readiness(make({}, steady_runs(6, 10.0) + [(ago(0), 14.0)]), TODAY), "spike"
    )
    assert today_spike.text.startswith("Today's run (14 km) was 40 % longer")
    spike = reason(result, "spike")
    assert spike.level == "amber"
    assert f"The run on {ago(3)} (14 km) was 40 % longer" in spike.text
    assert result.spike_limit_m == pytest.approx(15400.0)
    assert "A run today up to 15.4 km is not a spike" in reason(result, "spike-limit").text
    in_miles = readiness(make({}, runs), TODAY, units="mi")
    assert "9.57 mi" in reason(in_miles, "spike-limit").text


def test_no_spike_limit_without_recent_runs():
    """After 30 days without running there is no base, so no limit is given."""
    result = readiness(make({}, [(ago(45), 10.0)]), TODAY)
    assert result.spike_limit_m is None
    assert all(r.rule != "spike-limit" for r in result.reasons)


@pytest.mark.parametrize(
    "recent_km, level, band",
    [
        (8.0, "green", "sweet spot"),
        (13.0, "amber", "caution"),
        (30.0, "red", "danger"),
        (1.0, "green", "under-training"),
    ],
)
def test_acwr_band(recent_km, level, band):
    """The more cautious band of the two ratios at the end of yesterday: danger red, caution
    amber, sweet spot and under-training green."""
    runs = [(ago(n), 8.0) for n in range(8, 60)] + [(ago(n), recent_km) for n in range(1, 8)]
    found = reason(readiness(make({}, runs), TODAY), "acwr")
    assert found.level == level
    assert {"sweet spot": "the sweet spot"}.get(band, band) in found.text
    assert "(rolling)" in found.text and "(EWMA)" in found.text
    assert "Impellizzeri" in found.source


def test_no_ratio_before_28_days_of_history():
    """A journal of 20 days has no ratio: said as information, never a colour."""
    runs = [(ago(n), 8.0) for n in range(1, 20)]
    result = readiness(make({}, runs, history=20), TODAY)
    assert reason(result, "acwr").level == "info"


@pytest.mark.parametrize("when", [0, 1])
def test_red_flags_are_always_red(when):
    """A red flag today or yesterday makes the answer red with the physician headline, whatever
    else says green."""
    days = {ago(1): {"back_wake": 1}, ago(0): {"back_wake": 1}}
    flags = {ago(when): ("you reported numbness in the saddle area",)}
    result = readiness(make(days, steady_runs(), flags), TODAY)
    assert result.level == "red"
    assert result.headline == RED_FLAG_HEADLINE
    first = result.reasons[0]
    assert first.rule == "red-flag" and "see a physician" in first.text
    assert ("today" if when == 0 else "yesterday") in first.text


def test_an_empty_journal_has_no_guidance_yet():
    """Nothing recorded: level unknown, and the reasons say what is missing."""
    result = readiness(make(history=0), TODAY)
    assert result.level == "unknown"
    assert result.headline.startswith("No guidance yet")
    assert all(r.level == "info" for r in result.reasons)


def test_reasons_come_most_cautious_first():
    """Red before amber before green before information."""
    days = {ago(1): {"back_after": 4, "back_wake": 1}, ago(0): {"back_wake": 3}}
    result = readiness(make(days, steady_runs()), TODAY)
    order = ["red", "amber", "green", "info"]
    levels = [order.index(r.level) for r in result.reasons]
    assert levels == sorted(levels)
    assert result.level == "red"  # the morning rose by 2


def test_readiness_from_a_real_journal(journal):
    """Through the store: severe back pain this morning is recorded as a red flag, and
    readiness is red with the physician headline."""
    for n in range(1, 40, 2):
        journal.save_day(DayEntry(ago(n), runs=[Run(8000.0)], back_wake=2), TODAY)
    journal.save_day(DayEntry(ago(0), back_wake=7), TODAY)
    start, end = readiness_range(TODAY)
    result = readiness(journal.trends.data(start, end), TODAY)
    assert result.level == "red" and result.headline == RED_FLAG_HEADLINE
    assert "severe pain (7 or more): back pain on waking" in result.reasons[0].text
    assert reason(result, "morning").level == "red"  # 2 -> 7
