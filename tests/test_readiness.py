"""Readiness ("Run today?"): one table per CLINICAL.md rule, with its boundaries, the issue's
sequences, and the order of the rules; expected sentences are written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from backjournal.domain.flags import ActiveFlag, Outcome
from backjournal.domain.load import LEAD_IN_DAYS
from backjournal.domain.readiness import (
    acwr_reason,
    readiness,
    readiness_range,
    spike_hr,
    zone,
)
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


def rules(result) -> list[tuple[str, str]]:
    return [(r.rule, r.level) for r in result.reasons]


def wakes(*scores, leg=None) -> dict[str, dict]:
    """Days whose waking back scores are ``scores``, the last one today (leg 0 unless given)."""
    n = len(scores)
    legs = leg if leg is not None else [0] * n
    return {
        ago(n - 1 - i): {"back_wake": b, "leg_wake": g}
        for i, (b, g) in enumerate(zip(scores, legs, strict=True))
        if b is not None or g is not None
    }


GUIDANCE = "Guidance, not a verdict."


# --- Unknown ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today",
    [None, {"back_wake": 2}, {"leg_wake": 2}, {"back_after": 1, "leg_after": 1}],
)
def test_unknown_until_both_waking_scores_are_recorded(today):
    """Without this morning's back AND leg waking pain the answer is unknown, whatever else."""
    days = {ago(1): {"back_wake": 1, "leg_wake": 0}}
    if today is not None:
        days[ago(0)] = today
    result = readiness(make(days, steady_runs()), TODAY)
    assert result.level == "unknown"
    assert result.headline == "Unknown: record this morning's back and leg pain first."
    assert reason(result, "morning").text == (
        "Record this morning's pain first (back and leg, on waking)."
    )
    assert result.note == GUIDANCE


def test_unrecorded_today_is_unknown_not_green():
    """The issue's case: an easy week, nothing today: unknown, never green."""
    result = readiness(make(wakes(1, 1, 1, 1, None), steady_runs()), TODAY)
    assert result.level == "unknown"


def test_both_zero_is_known_and_green():
    """0 and 0 are scores, not missing: a quiet journal is green."""
    result = readiness(make(wakes(0, 0, 0, 0), steady_runs()), TODAY)
    assert result.level == "green"
    assert result.headline == "Green: nothing recorded argues against running today."


# --- baseline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "level", "text"),
    [
        # median of 2, 2, 2 = 2: today 4 is baseline + 2 -> red
        ((2, 2, 2, 4), "red", "Back pain on waking is 4, 2 above your baseline of 2."),
        ((2, 2, 2, 3), "amber", "Back pain on waking is 3, 1 above your baseline of 2."),
        (
            (2, 2, 2, 2),
            "green",
            "Pain on waking no higher than your baseline: back 2 (baseline 2), leg 0 (baseline 0).",
        ),
        # median of 1, 2 , 2, 3 = 2 (even count: the mean of the middle two)
        ((1, 2, 3, 2, 4), "red", "Back pain on waking is 4, 2 above your baseline of 2."),
        # median 1.5: today 3 is 1.5 above -> amber, 4 is 2.5 -> red
        (
            (1, 1, 1, 2, 2, 2, 3),
            "amber",
            "Back pain on waking is 3, 1.5 above your baseline of 1.5.",
        ),
        ((0, 0, 0, 10), "red", "Back pain on waking is 10, 10 above your baseline of 0."),
    ],
)
def test_baseline_rule(scores, level, text):
    """Waking pain against the median of the 7 mornings before: +2 red, +1 amber, else green."""
    result = readiness(make(wakes(*scores, leg=[0] * len(scores)), steady_runs()), TODAY)
    found = [r for r in result.reasons if r.rule == "baseline" and r.level == level]
    assert found and found[0].text == text
    if level != "red":
        assert result.level == level


def test_baseline_needs_three_of_seven_mornings():
    """2 mornings of 7: no baseline (said so); 3 mornings: a baseline that judges."""
    two = {ago(7): {"back_wake": 1, "leg_wake": 1}, ago(6): {"back_wake": 1, "leg_wake": 1}}
    two[ago(0)] = {"back_wake": 2, "leg_wake": 2}
    result = readiness(make(two, steady_runs()), TODAY)
    assert ("baseline", "info") in rules(result)
    assert reason(result, "baseline").text == (
        "No back baseline yet: fewer than 3 of the 7 mornings before have a waking score."
    )
    assert result.level == "unknown", "no green without a baseline"
    assert result.headline == (
        "Not judged yet: this morning has no baseline to compare with (waking pain on 3 of the "
        "7 mornings before)."
    )
    three = dict(two)
    three[ago(5)] = {"back_wake": 1, "leg_wake": 1}
    result = readiness(make(three, steady_runs()), TODAY)
    assert result.level == "amber"  # 2 is the baseline 1 + 1, back and leg


def test_baseline_reads_seven_days_not_eight():
    """A morning 8 days ago is outside the baseline window."""
    days = {ago(k): {"back_wake": 0, "leg_wake": 0} for k in (8, 7, 6)}
    days[ago(0)] = {"back_wake": 1, "leg_wake": 0}
    result = readiness(make(days, steady_runs()), TODAY)
    assert ("baseline", "info") in rules(result)
    days[ago(5)] = {"back_wake": 0, "leg_wake": 0}
    result = readiness(make(days, steady_runs()), TODAY)
    assert ("baseline", "amber") in rules(result)


def test_leg_pain_counts_as_much_as_back():
    """A leg at baseline + 2 is red though the back is quiet."""
    result = readiness(make(wakes(1, 1, 1, 1, leg=[1, 1, 1, 3]), steady_runs()), TODAY)
    assert result.level == "red"
    texts = [r.text for r in result.reasons if r.level == "red"]
    assert "Leg pain on waking is 3, 2 above your baseline of 1." in texts


# --- the 3-day rise -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "level"),
    [
        ((1, 1, 6, 6), "red"),  # the issue: "no higher than yesterday" must not be green
        ((2, 3, 4, 5, 6), "red"),  # the issue: a steady climb is red by the 3-day rise
        ((3, 4, 5), "red"),  # 5 is 2 above 3, two days ago
        ((3, 9, 9, 5), "red"),  # within 3 days: 3 days ago was 3
        ((3, 9, 9, 9, 4), "green"),  # 4 days ago is not within 3 days (and 4 is below baseline 9)
    ],
)
def test_three_day_rise(scores, level):
    """Waking pain up 2 or more on any of the 3 mornings before is red."""
    result = readiness(make(wakes(*scores), steady_runs()), TODAY)
    assert result.level == level
    assert (("rise", "red") in rules(result)) is (level == "red")


def test_rise_sentence_names_the_low_morning():
    """The sentence: from what, when, to what, by how much."""
    result = readiness(make(wakes(2, 3, 4, 5, 6), steady_runs()), TODAY)
    assert reason(result, "rise").text == (
        "Back pain on waking rose from 3 (3 days ago) to 6: up 3 within 3 days."
    )
    result = readiness(make(wakes(1, 3), steady_runs()), TODAY)
    assert reason(result, "rise").text == (
        "Back pain on waking rose from 1 (yesterday) to 3: up 2 within 3 days."
    )


def test_rise_of_one_is_not_red():
    """Up by 1 from yesterday, with no baseline: not red, and not judged (no baseline)."""
    result = readiness(make(wakes(3, 4), steady_runs()), TODAY)
    assert ("rise", "red") not in rules(result)
    assert result.level == "unknown"
    with_baseline = readiness(make(wakes(3, 3, 3, 4), steady_runs()), TODAY)
    assert ("rise", "red") not in rules(with_baseline)
    assert with_baseline.level == "amber"  # baseline 3 + 1


# --- yesterday's run, and a rest day ------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "level", "words"),
    [
        (0, "green", "low (0-2)"),
        (2, "green", "low (0-2)"),
        (3, "amber", "acceptable (3-5)"),
        (5, "amber", "acceptable (3-5)"),
        (6, "red", "too high (above 5)"),
        (10, "red", "too high (above 5)"),
    ],
)
def test_pain_during_or_after_yesterdays_run(score, level, words):
    """The pain-monitoring model's zones, at each boundary."""
    days = wakes(0, 0, 0, 0, 0)
    days[ago(1)].update(back_after=score, leg_during=0)
    result = readiness(make(days, steady_runs()), TODAY)
    r = reason(result, "run-pain")
    assert (r.level, r.text) == (
        level,
        f"Yesterday's run: back pain after the run {score}, leg pain during the run 0: {words} "
        "on the pain-monitoring model.",
    )
    assert result.level == level
    assert r.source.startswith("Silbernagel et al. 2007")


@pytest.mark.parametrize(
    ("score", "expected"),
    [(0, "low"), (2, "low"), (3, "acceptable"), (5, "acceptable"), (6, "too high")],
)
def test_zone_boundaries(score, expected):
    """0-2 low, 3-5 acceptable, above 5 too high."""
    assert zone(score) == expected


def test_a_rest_days_after_score_is_not_a_run():
    """Yesterday had no run: its "after" 8 is not pain after a run, and gives no reason."""
    days = wakes(0, 0, 0, 0, 0)
    days[ago(1)].update(back_after=8)
    runs = [r for r in steady_runs() if r[0] != ago(1)]
    result = readiness(make(days, runs), TODAY)
    assert "run-pain" not in [r.rule for r in result.reasons]
    assert result.level == "green"


def test_yesterdays_run_without_a_score_is_said():
    """A run without pain scores: an info line, not a colour."""
    result = readiness(make(wakes(0, 0, 0, 0), steady_runs()), TODAY)
    r = reason(result, "run-pain")
    assert (r.level, r.text) == ("info", "Yesterday's run has no pain score during or after it.")


# --- extent -------------------------------------------------------------------------------------


def extents(*pairs) -> dict[str, dict]:
    n = len(pairs)
    out = wakes(*([0] * n))
    for i, (left, right) in enumerate(pairs):
        out[ago(n - 1 - i)].update(extent_l=left, extent_r=right)
    return out


def test_thigh_to_foot_spread_is_red():
    """The issue's case: leg symptoms spreading from the thigh to the foot is red."""
    result = readiness(make(extents((3, 0), (3, 0), (4, 0), (5, 0)), steady_runs()), TODAY)
    assert result.level == "red"
    assert reason(result, "extent").text == (
        "Leg symptoms reach further down the left leg than on any of the 7 days before "
        "(peripheralising)."
    )
    assert reason(result, "extent").source == "extent of leg symptoms over 7 days (McKenzie)"


def test_centralising_is_green():
    """Higher up than the furthest of the week before: centralising, green."""
    result = readiness(make(extents((5, 0), (4, 0), (4, 0), (3, 0)), steady_runs()), TODAY)
    assert reason(result, "extent").text == (
        "Leg symptoms reach less far down than in the 7 days before (centralising, associated "
        "with a better outlook)."
    )
    assert result.level == "green"


# --- load: spike, two-week ramp, weekly, ACWR ----------------------------------------------------


@pytest.mark.parametrize(
    ("km", "hr"), [(11.1, "1.64"), (13.0, "1.64"), (13.1, "1.52"), (20.0, "1.52"), (20.1, "2.28")]
)
def test_spike_yesterday_is_amber_with_its_tier(km, hr):
    """A run more than 10 % over the longest of 30 days: amber, with Frandsen's hazard ratio."""
    runs = [(ago(n), 10.0) for n in range(2, 40, 3)] + [(ago(1), km)]
    result = readiness(make(wakes(0, 0, 0, 0), runs), TODAY)
    r = reason(result, "spike")
    assert r.level == "amber" and r.text.endswith(f"(injury hazard ratio {hr}).")
    assert r.source == "Frandsen et al., BJSM 2025"
    assert result.level == "amber"


@pytest.mark.parametrize(
    ("metres", "longest", "hr"),
    [
        (13000, 10000, "1.64"),
        (13000.1, 10000, "1.52"),
        (20000, 10000, "1.52"),
        (20000.1, 10000, "2.28"),
    ],
)
def test_spike_tiers_at_their_boundaries(metres, longest, hr):
    """30 % and 100 % longer belong to the lower tier (to the decimetre)."""
    assert spike_hr(metres, longest) == hr


def test_weekly_ten_percent_is_information_only():
    """Last week 20 % over the week before: an info line, never amber."""
    runs = [(ago(n), 5.0) for n in range(9, 40)] + [(ago(n), 6.0) for n in range(2, 9)]
    result = readiness(make(wakes(0, 0, 0, 0), runs), TODAY)
    assert all(r.level == "info" for r in result.reasons if r.rule == "weekly")
    assert result.level == "green"


def test_acwr_above_1_5_with_a_base_of_1km_a_day_is_amber_never_red():
    """A big last week on a base of about 1.1 km a day: amber from the ACWR, not red."""
    runs = [(ago(n), 1.1) for n in range(8, 60)] + [(ago(n), 4.0) for n in range(1, 8)]
    result = readiness(make(wakes(0, 0, 0, 0), runs), TODAY)
    r = reason(result, "acwr")
    assert r.level == "amber" and "above 1.5" in r.text
    assert result.level != "red"


def test_acwr_ignored_under_1km_a_day():
    """The issue's case: pain-free 3 km every other day after three weeks off is not red."""
    runs = [(ago(n), 3.0) for n in range(60, 22, -2)] + [(ago(n), 3.0) for n in range(1, 9, 2)]
    result = readiness(make(wakes(0, 0, 0, 0, 0, 0, 0, 0), runs), TODAY)
    assert result.level != "red"
    assert all(r.level != "red" for r in result.reasons)
    assert reason(result, "acwr").level == "info"


@pytest.mark.parametrize(("km", "judged"), [(1.0, True), (0.9999, False)])
def test_acwr_counts_from_exactly_1km_a_day(km, judged):
    """28 days of exactly 1 km a day: the ACWR counts; a decimetre less a day: it does not."""
    runs = [(ago(n), km) for n in range(1, 60)]
    r = reason(readiness(make(wakes(0, 0, 0, 0), runs), TODAY), "acwr")
    if judged:
        assert r.text.startswith("Load ratio (EWMA) 1.0") and r.level == "info"
    else:
        assert r.text == "Load ratio 1.01 not judged: under 1 km a day over the last 28 days."


# --- flags and the clinician --------------------------------------------------------------------


def test_tier1_is_red_and_says_go_now_even_before_this_morning():
    """An active Tier 1 flag: red, "go to an emergency department now", with nothing today."""
    flag = ActiveFlag("saddle", ago(2), ago(2), 1)
    result = readiness(make({}, steady_runs()), TODAY, active=[flag])
    assert result.level == "red"
    assert result.headline == "Red: do not run: go to an emergency department now."
    assert reason(result, "tier1").text == (
        "Do not run: go to an emergency department now. Active: numbness or tingling in the "
        f"saddle area (between the legs, genitals, back passage, inner buttocks) (recorded "
        f"{ago(2)})."
    )


def test_tier2_not_seen_is_red():
    """An active Tier 2 flag (not yet seen by a clinician) is red, with the doctor advice."""
    flag = ActiveFlag("fever", ago(0), ago(0), 1)
    result = readiness(make(wakes(0, 0, 0, 0), steady_runs()), TODAY, active=[flag])
    assert result.level == "red"
    assert result.headline == "Red: contact your doctor before running."
    assert reason(result, "tier2").text.endswith(
        "Contact your doctor in the next few days, sooner if it gets worse."
    )


def test_severe_pain_flag_names_the_article_not_nice():
    """Severe pain 2 days running is labelled as the source article's advice."""
    flag = ActiveFlag("severe-pain", ago(0), ago(0), 8)
    result = readiness(make(wakes(0, 0, 0, 0), steady_runs()), TODAY, active=[flag])
    assert reason(result, "tier2").source == "the source article's own advice, not NICE"


def test_clinician_restriction_in_force_is_red():
    """ "No running until 12 Dec" from a clinician: red until that day."""
    held = [Outcome("fever", ago(3), "seen", "rest", "2026-12-12")]
    result = readiness(make(wakes(0, 0, 0, 0), steady_runs()), TODAY, held=held)
    assert reason(result, "clinician").text == (
        f"Your clinician advised no running until 2026-12-12 (seen on {ago(3)})."
    )
    assert result.level == "red"


# --- after today's run --------------------------------------------------------------------------


def test_after_todays_run_shows_the_run_and_tomorrow_not_a_verdict():
    """Today's run logged: its zone on the model and what to watch tomorrow."""
    days = wakes(2, 2, 2, 2)
    days[ago(0)].update(back_during=4)
    runs = steady_runs() + [(ago(0), 8.0)]
    result = readiness(make(days, runs), TODAY)
    assert result.mode == "after-run"
    assert result.headline == (
        "Today's run is logged: here it is against the pain-monitoring model."
    )
    assert reason(result, "run-pain").text == (
        "Today's run: back pain during the run 4: acceptable (3-5) on the pain-monitoring model."
    )
    assert reason(result, "tomorrow").text == (
        "Tomorrow morning, watch that waking pain is no higher than back 2 (your baseline), "
        "leg 0 (your baseline), and that leg symptoms reach no further down."
    )


def test_every_reason_names_a_source():
    """No reason without its source, in every state."""
    flag = ActiveFlag("saddle", ago(2), ago(2), 1)
    for result in (
        readiness(make(wakes(2, 3, 4, 5, 6), steady_runs()), TODAY),
        readiness(make({}, steady_runs()), TODAY, active=[flag]),
        readiness(make(wakes(0, 0, 0), steady_runs() + [(ago(0), 5.0)]), TODAY),
    ):
        assert result.reasons and all(r.source for r in result.reasons)
        assert result.note == GUIDANCE


@pytest.mark.parametrize(
    ("ratio", "chronic_m", "level"),
    [
        (1.5, 28000, "info"),
        (1.5001, 28000, "amber"),
        (3.0, 28000, "amber"),
        (3.0, 27999.9, "info"),
        (9.0, 0, "info"),
    ],
)
def test_acwr_reason_boundaries(ratio, chronic_m, level):
    """Amber only above 1.5, and only with at least 28 km over the 28 days; never red."""
    assert acwr_reason(ratio, chronic_m).level == level


def test_acwr_window_is_28_days():
    """1 km on each of days 2-27 and 2 km 28 days ago: 28 km over the 28 days, counted; the 27
    days alone would hold 26 km, and 29 days the same 28 km: either would not count."""
    runs = [(ago(n), 1.0) for n in range(2, 28)] + [(ago(28), 2.0)]
    r = reason(readiness(make(wakes(0, 0, 0, 0), runs), TODAY), "acwr")
    assert "not judged" not in r.text


def test_a_spike_two_days_ago_is_not_yesterdays():
    """Only yesterday's run counts as a spike for today."""
    runs = [(ago(n), 10.0) for n in range(3, 40, 3)] + [(ago(2), 15.0)]
    result = readiness(make(wakes(0, 0, 0, 0), runs), TODAY)
    assert "spike" not in [r.rule for r in result.reasons]


def test_two_week_ramp_is_amber_as_a_weak_signal():
    """This week so far 40 % over two weeks before: amber, named as a weak signal."""
    runs = [("2026-11-09", 10.0), ("2026-11-16", 10.0), ("2026-11-23", 14.0)]
    result = readiness(make(wakes(0, 0, 0, 0), runs), TODAY)
    r = reason(result, "two-week-ramp")
    assert (r.level, r.text, r.source) == (
        "amber",
        "This week so far: 14 km, 40 % more than two weeks before (above 30 %).",
        "Nielsen et al., JOSPT 2014 (a weak signal)",
    )
    assert result.level == "amber"


def test_stable_extent_is_green():
    """No further down and no higher up than the week before: stable."""
    result = readiness(make(extents((3, 0), (3, 0), (3, 0)), steady_runs()), TODAY)
    assert reason(result, "extent").text == (
        "Leg symptoms reach no further down than in the 7 days before."
    )


def test_a_flag_fired_again_says_why():
    """A flag worse than when seen names the outcome it outgrew."""
    flag = ActiveFlag("both-legs", ago(0), ago(0), 53, "", f"worse than when seen on {ago(3)}")
    result = readiness(make(wakes(0, 0, 0, 0), steady_runs()), TODAY, active=[flag])
    assert reason(result, "tier1").text == (
        "Do not run: go to an emergency department now. Active: nerve-like symptoms marked in "
        f"both legs, at the thigh or below (recorded {ago(0)}; worse than when seen on "
        f"{ago(3)})."
    )


def test_a_clinicians_no_running_is_red_even_before_the_morning_is_recorded():
    """Issue #17: while "no running until" is in force Run today? is red, with the plan named,
    whether or not this morning is recorded; on the day it ends, the rule is gone."""
    from backjournal.domain.clinical import PlanRule

    rule = PlanRule("no-running-until", ago(3), ago(-2), "no running until then")
    result = readiness(make({}, steady_runs()), TODAY, plan=[rule])
    assert result.level == "red"
    # Its source once, not twice ("... (your clinician's plan) (your clinician's plan ...)").
    assert reason(result, "plan").text == f"No running until {ago(-2)}"
    assert reason(result, "plan").source == "your clinician's plan, as you recorded it"
    ended = PlanRule("no-running-until", ago(3), ago(0), "no running until today")
    assert not [r for r in readiness(make({}, []), TODAY, plan=[ended]).reasons if r.rule == "plan"]


def test_a_run_yesterday_against_no_consecutive_days_is_amber():
    """A plan of no runs on consecutive days: a run yesterday makes today amber (a run today
    would pass the limit); green mornings otherwise."""
    from backjournal.domain.clinical import PlanRule

    rule = PlanRule("no-consecutive-days", ago(20))
    days = wakes(1, 1, 1, 1, 1, 1, 1, 1)
    result = readiness(make(days, steady_runs()), TODAY, plan=[rule])
    assert reason(result, "plan").level == "amber"
    assert result.level == "amber"
    rested = [(d, km) for d, km in steady_runs() if d != ago(1)]
    assert not [
        r for r in readiness(make(days, rested), TODAY, plan=[rule]).reasons if r.rule == "plan"
    ]


# --- staying active (issue #20) -----------------------------------------------------------------

STAY_ACTIVE = (
    "Staying active still counts: walking, cycling or swimming as comfortable, while pain during "
    "and after stays at 5 or below and settles by the next morning."
)
STAY_ACTIVE_SOURCE = (
    "stay active: NICE CKS low back pain and sciatica; pain zones: Silbernagel et al. 2007"
)


def stay_active(result) -> list:
    return [r for r in result.reasons if r.rule == "stay-active"]


@pytest.mark.parametrize(
    ("scores", "level", "said"),
    [
        ((2, 2, 2, 2), "green", False),  # at the baseline: green, no line
        ((2, 2, 2, 3), "amber", True),  # baseline + 1: amber for pain
        ((2, 2, 2, 4), "red", True),  # baseline + 2: red for pain
        ((0, 0, 0, 10), "red", True),
    ],
)
def test_pain_amber_or_red_says_what_still_counts(scores, level, said):
    """Amber or red from waking pain adds the one line, word for word, with its source, first of
    the information lines; green adds nothing."""
    result = readiness(make(wakes(*scores), steady_runs()), TODAY)
    assert result.level == level
    lines = stay_active(result)
    if not said:
        assert lines == []
        return
    (line,) = lines
    assert (line.level, line.text, line.source) == ("info", STAY_ACTIVE, STAY_ACTIVE_SOURCE)
    info = [r.rule for r in result.reasons if r.level == "info"]
    assert info[0] == "stay-active"


@pytest.mark.parametrize(("score", "said"), [(2, False), (3, True), (5, True), (6, True)])
def test_yesterdays_run_pain_boundaries(score, said):
    """Pain after yesterday's run: 2 (low, green) no line; 3 and 5 (amber) and 6 (red) the line."""
    days = wakes(0, 0, 0, 0, 0)
    days[ago(1)].update(back_after=score)
    result = readiness(make(days, steady_runs()), TODAY)
    assert bool(stay_active(result)) is said


def test_spreading_leg_symptoms_say_what_still_counts():
    """The extent further down a leg (red, a pain rule) adds the line."""
    days = wakes(0, 0, 0, 0)
    for n in (3, 2, 1):
        days[ago(n)].update(extent_l=3)
    days[ago(0)].update(extent_l=5)
    result = readiness(make(days, steady_runs()), TODAY)
    assert ("extent", "red") in rules(result)
    assert [r.text for r in stay_active(result)] == [STAY_ACTIVE]


def test_amber_for_load_alone_says_nothing_more():
    """A spike yesterday with quiet mornings: amber for load, not pain: no line."""
    runs = [(ago(n), 10.0) for n in range(2, 40, 3)] + [(ago(1), 13.0)]
    result = readiness(make(wakes(0, 0, 0, 0), runs), TODAY)
    assert result.level == "amber" and stay_active(result) == []


def test_no_line_with_a_flag_of_either_tier():
    """Tier 1 (the emergency is never softened) and Tier 2 not yet seen (the doctor judges
    first): red with pain up 2, and no line."""
    days = wakes(2, 2, 2, 4)
    for flag in (ActiveFlag("saddle", ago(0), ago(0), 1), ActiveFlag("fever", ago(0), ago(0), 1)):
        result = readiness(make(days, steady_runs()), TODAY, active=[flag])
        assert ("baseline", "red") in rules(result)
        assert stay_active(result) == []


def test_no_line_while_a_clinician_says_no_running():
    """A clinician's "no running until" (an outcome, or the plan) covers the day: no line; a
    plan's amber limit (no consecutive days) leaves the line."""
    from backjournal.domain.clinical import PlanRule

    days = wakes(2, 2, 2, 3)
    held = [Outcome("fever", ago(3), "seen", "rest", "2026-12-12")]
    assert stay_active(readiness(make(days, steady_runs()), TODAY, held=held)) == []
    no_running = PlanRule("no-running-until", ago(3), ago(-2), "no running until then")
    assert stay_active(readiness(make(days, steady_runs()), TODAY, plan=[no_running])) == []
    spaced = PlanRule("no-consecutive-days", ago(20))
    result = readiness(make(days, steady_runs()), TODAY, plan=[spaced])
    assert ("plan", "amber") in rules(result)
    assert [r.text for r in stay_active(result)] == [STAY_ACTIVE]


def test_no_line_before_the_morning_or_after_todays_run():
    """Unknown (this morning not recorded) and after today's run: no verdict, no line."""
    assert stay_active(readiness(make(wakes(2, 2, 2, None), steady_runs()), TODAY)) == []
    days = wakes(2, 2, 2, 4)
    days[ago(0)].update(back_after=6)
    after = readiness(make(days, steady_runs() + [(ago(0), 8.0)]), TODAY)
    assert after.mode == "after-run" and stay_active(after) == []


# --- a past day (check --date) ------------------------------------------------------------------

PAST = TODAY + dt.timedelta(days=1)  # TODAY (Wed 25 Nov 2026) looked back on from the day after
SADDLE = ActiveFlag("saddle", ago(2), ago(2), 1)
FEVER = ActiveFlag("fever", ago(2), ago(2), 1)


def _yesterday_after(score: int) -> TrendData:
    days = wakes(0, 0, 0, 0, 0)
    days[ago(1)].update(back_after=score, leg_during=0)
    return make(days, steady_runs())


def _after_run(during: int | None) -> TrendData:
    days = wakes(2, 2, 2, 2)
    if during is not None:
        days[ago(0)].update(back_during=during)
    return make(days, steady_runs() + [(ago(0), 8.0)])


PAST_CASES = [
    (
        make(),
        {},
        "Unknown: the back and leg pain on waking of Wed 25 Nov 2026 were not recorded.",
        {"morning": "The pain on waking of Wed 25 Nov 2026 is not recorded (back and leg)."},
    ),
    (
        make(wakes(0, 0, 0, 0, 0), steady_runs()),
        {},
        "Green: nothing recorded argued against running on Wed 25 Nov 2026.",
        {
            "run-pain": "The run on Tue 24 Nov 2026 has no pain score during or after it.",
            "spike-limit": "A run on Wed 25 Nov 2026 up to 8.8 km was not a spike (at most 10 % "
            "over the longest run of the 30 days before).",
        },
    ),
    (
        make(wakes(3, 9, 9, 6), steady_runs()),
        {},
        "Red: on Wed 25 Nov 2026, better not to run.",
        {"rise": "Back pain on waking rose from 3 (3 days before) to 6: up 3 within 3 days."},
    ),
    (
        make(wakes(5, 5, 5, 3, 5), steady_runs()),
        {},
        "Red: on Wed 25 Nov 2026, better not to run.",
        {"rise": "Back pain on waking rose from 3 (the day before) to 5: up 2 within 3 days."},
    ),
    (
        _yesterday_after(4),
        {},
        "Amber: on Wed 25 Nov 2026, a run was better kept easy and no longer than usual.",
        {
            "run-pain": "The run on Tue 24 Nov 2026: back pain after the run 4, leg pain during "
            "the run 0: acceptable (3-5) on the pain-monitoring model."
        },
    ),
    (
        _after_run(4),
        {},
        "The run on Wed 25 Nov 2026 is logged: here it is against the pain-monitoring model.",
        {
            "run-pain": "The run on Wed 25 Nov 2026: back pain during the run 4: acceptable (3-5) "
            "on the pain-monitoring model.",
            "tomorrow": "The morning after (Thu 26 Nov 2026), watch that waking pain is no higher "
            "than back 2 (your baseline), leg 0 (your baseline), and that leg symptoms reach no "
            "further down.",
        },
    ),
    (
        _after_run(None),
        {},
        "The run on Wed 25 Nov 2026 is logged: here it is against the pain-monitoring model.",
        {"run-pain": "The run on Wed 25 Nov 2026 has no pain score during or after it."},
    ),
    (
        make({ago(0): {"back_wake": 2}}, [(ago(0), 8.0)]),
        {},
        "The run on Wed 25 Nov 2026 is logged: here it is against the pain-monitoring model.",
        {
            "tomorrow": "The morning after (Thu 26 Nov 2026), watch that waking pain is no higher "
            "than back 2 (that morning), and that leg symptoms reach no further down."
        },
    ),
    (
        make(wakes(0, 0, 0, 0)),
        {"active": [SADDLE]},
        "Red: on Wed 25 Nov 2026, an emergency sign was active: no running.",
        {
            "tier1": "Active on Wed 25 Nov 2026: numbness or tingling in the saddle area (between "
            "the legs, genitals, back passage, inner buttocks) (recorded 2026-11-23)."
        },
    ),
    (
        make(wakes(0, 0, 0, 0)),
        {"active": [FEVER]},
        "Red: on Wed 25 Nov 2026, a red flag not yet seen by a clinician was active: no running.",
        {
            "tier2": "Not yet seen by a clinician on Wed 25 Nov 2026: fever or feeling generally "
            "unwell with the back pain, or unexplained weight loss (recorded 2026-11-23)."
        },
    ),
    (
        make(wakes(0, 0, 0, 0), [(ago(n), 10.0) for n in range(2, 40, 3)] + [(ago(1), 15.0)]),
        {},
        "Amber: on Wed 25 Nov 2026, a run was better kept easy and no longer than usual.",
        {
            "spike": "The run on Tue 24 Nov 2026 (15 km) was 50 % longer than your longest of the "
            "30 days before (10 km): a single-run spike (injury hazard ratio 1.52)."
        },
    ),
    (
        make(wakes(0, 0, 0, 0), [("2026-11-09", 10.0), ("2026-11-16", 10.0), ("2026-11-23", 14)]),
        {},
        "Amber: on Wed 25 Nov 2026, a run was better kept easy and no longer than usual.",
        {
            "two-week-ramp": "The week of Wed 25 Nov 2026, up to that day: 14 km, 40 % more than "
            "two weeks before (above 30 %)."
        },
    ),
    (
        make(
            wakes(0, 0, 0, 0),
            [(ago(n), 5.0) for n in range(9, 40)] + [(ago(n), 6.0) for n in range(2, 9)],
        ),
        {},
        "Green: nothing recorded argued against running on Wed 25 Nov 2026.",
        {
            "weekly": "The week before was 17 % more than the week before that (above +10 %): "
            "information only."
        },
    ),
]


@pytest.mark.parametrize(("data", "extra", "headline", "texts"), PAST_CASES)
def test_a_past_day_is_worded_as_that_day(data, extra, headline, texts):
    """Judged from a later day (check --date), every sentence names the day instead of "today",
    "yesterday", "this morning" or "tomorrow"; the verdict itself is the same as on the day."""
    on_the_day = readiness(data, TODAY, **extra)
    looked_back = readiness(data, TODAY, now=PAST, **extra)
    assert looked_back.headline == headline
    assert looked_back.level == on_the_day.level
    assert rules(looked_back) == rules(on_the_day)
    for rule, text in texts.items():
        assert reason(looked_back, rule).text == text
    assert looked_back.note == GUIDANCE


@pytest.mark.parametrize("now", [TODAY, TODAY - dt.timedelta(days=1), None])
def test_today_judged_on_today_keeps_todays_words(now):
    """``now`` on the day itself (or not given, or earlier): today's sentences."""
    result = readiness(_after_run(4), TODAY, now=now)
    assert result.headline == "Today's run is logged: here it is against the pain-monitoring model."
    assert reason(result, "tomorrow").text.startswith("Tomorrow morning, watch that waking pain")


# --- boundaries found by mutation testing -------------------------------------------------------


def test_readiness_reads_the_seven_days_before_and_the_day():
    """The range read for a day: the 7 days before it, and the day itself."""
    assert readiness_range(TODAY) == (TODAY - dt.timedelta(days=7), TODAY)


def test_answers_and_reasons_cannot_be_changed():
    """A Readiness and its reasons are frozen: what a screen shows is what was judged."""
    import dataclasses

    result = readiness(make(), TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "green"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.reasons[0].level = "green"  # type: ignore[misc]


def test_a_run_of_one_metre_is_a_run_and_none_is_not():
    """A run row of 1 m yesterday is yesterday's run; 0 m is no run (nothing to judge)."""
    days = wakes(0, 0, 0, 0, 0)
    days[ago(1)].update(back_after=4)
    one = make(days, [(ago(1), 0.001)])
    assert reason(readiness(one, TODAY), "run-pain").level == "amber"
    none = make(days, [(ago(1), 0.0)])
    assert "run-pain" not in [r.rule for r in readiness(none, TODAY).reasons]


def test_the_spike_limit_is_said_only_with_a_run_in_the_last_30_days():
    """The distance a run today may reach without being a spike, in words; none without a run
    in the 30 days before."""
    result = readiness(make(wakes(0, 0, 0, 0, 0), steady_runs()), TODAY)
    assert reason(result, "spike-limit").text == (
        "A run today up to 8.8 km is not a spike (at most 10 % over your longest run of the last "
        "30 days)."
    )
    assert result.spike_limit_m == 8800
    quiet = readiness(make(wakes(0, 0, 0, 0, 0), []), TODAY)
    assert "spike-limit" not in [r.rule for r in quiet.reasons]
    assert quiet.spike_limit_m is None


def test_after_a_run_without_a_baseline_tomorrow_is_watched_against_this_morning():
    """No baseline yet: tomorrow is watched against this morning's score, the site that has one
    only; without a score at all, against "this morning's"."""
    leg_only = make({ago(0): {"leg_wake": 1}}, [(ago(0), 5.0)])
    assert reason(readiness(leg_only, TODAY), "tomorrow").text == (
        "Tomorrow morning, watch that waking pain is no higher than leg 1 (this morning), and "
        "that leg symptoms reach no further down."
    )
    nothing = make({}, [(ago(0), 5.0)])
    assert reason(readiness(nothing, TODAY), "tomorrow").text == (
        "Tomorrow morning, watch that waking pain is no higher than this morning's, and that leg "
        "symptoms reach no further down."
    )


def test_the_weekly_ten_percent_sentence():
    """Last week against the week before it, word for word (information only)."""
    runs = [(ago(n), 5.0) for n in range(9, 40)] + [(ago(n), 6.0) for n in range(2, 9)]
    r = reason(readiness(make(wakes(0, 0, 0, 0), runs), TODAY), "weekly")
    assert (r.level, r.text) == (
        "info",
        "Last week was 17 % more than the week before (above +10 %): information only.",
    )


def test_runs_this_week_are_counted_from_the_weeks_first_day():
    """A plan of at most 2 runs a week: Monday's and Tuesday's runs make Wednesday amber; the
    Sunday before is last week's."""
    from backjournal.domain.clinical import PlanRule

    rule = PlanRule("max-runs-per-week", ago(30), 2)
    days = wakes(0, 0, 0, 0)
    result = readiness(make(days, [(ago(2), 5.0), (ago(1), 5.0)]), TODAY, plan=[rule])
    assert reason(result, "plan").text == ("2 runs this week already: at most 2 a week")
    sunday = readiness(make(days, [(ago(3), 5.0), (ago(1), 5.0)]), TODAY, plan=[rule])
    assert "plan" not in [r.rule for r in sunday.reasons]
    later = TODAY + dt.timedelta(days=2)
    past = readiness(make(days, [(ago(2), 5.0), (ago(1), 5.0)]), TODAY, plan=[rule], now=later)
    assert reason(past, "plan").text == (
        "2 runs that week before Wed 25 Nov 2026: at most 2 a week"
    )


# --- no green without a baseline ------------------------------------------------------------------


@pytest.mark.parametrize("leg", [0, 8, 10])
def test_a_first_morning_is_never_green_whatever_its_pain(leg):
    """A first morning (no baseline) is not judged: leg pain 8 on waking was "Green: nothing
    recorded argues against running today"."""
    result = readiness(make(wakes(2, leg=[leg]), steady_runs()), TODAY)
    assert result.level == "unknown"
    assert result.headline.startswith("Not judged yet: this morning has no baseline")


def test_without_a_baseline_amber_and_red_rules_still_speak():
    """Yesterday's run at 6 after: red, baseline or not."""
    days = wakes(0, 0)
    days[ago(1)].update(back_during=6, back_after=6)
    result = readiness(make(days, steady_runs() + [(ago(1), 8.0)]), TODAY)
    assert ("baseline", "info") in rules(result)
    assert result.level == "red"
    assert result.headline == "Red: better not to run today."


def test_the_third_morning_of_the_week_before_gives_a_baseline_and_a_green():
    """Exactly 3 of the 7 mornings before: judged, green at the baseline."""
    assert readiness(make(wakes(1, 1, 1, 1), steady_runs()), TODAY).level == "green"
    assert readiness(make(wakes(1, 1, 1), steady_runs()), TODAY).level == "unknown"


def test_a_past_day_without_a_baseline_says_so_about_that_day():
    """Asked later (``now`` after the day), the headline speaks of the day."""
    past = readiness(make(wakes(2, 2), steady_runs()), TODAY, now=TODAY + dt.timedelta(days=3))
    assert past.level == "unknown"
    assert past.headline == (
        "Not judged: Wed 25 Nov 2026 had no baseline to compare with (waking pain on 3 of the 7 "
        "mornings before)."
    )
