"""Insights held to CLINICAL.md's statistics bar: known answers on constructed journals, the
not-enough-data rules, Benjamini-Hochberg, determinism, and the simulated proof (null journals
rarely state anything; a true 3-point change after long runs is found)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from insights_sim import journal as simulated
from insights_sim import stated

from backjournal.domain import insights as rules
from backjournal.domain.insights import (
    MEANINGFUL,
    NO_CLEAR,
    NOT_ENOUGH,
    benjamini_hochberg,
    bootstrap,
    insights,
    panel,
)
from backjournal.domain.trends import DayRow, RunRow, TrendData

MONDAY = dt.date(2026, 6, 1)
# One week, repeated: (run km or None, type, waking back pain). Long runs on Monday and
# Saturday raise the next morning by 4; the day after comes back down; short runs change nothing.
WEEK = (
    (16, "long", 2),  # Mon: 2 -> 6
    (None, None, 6),  # Tue: 6 -> 2
    (5, "easy", 2),  # Wed: 2 -> 2
    (None, None, 2),  # Thu: 2 -> 2
    (5, "easy", 2),  # Fri: 2 -> 2
    (16, "long", 2),  # Sat: 2 -> 6
    (None, None, 6),  # Sun: 6 -> 2
)


def repeated(weeks: int = 12, *, shoes: bool = False) -> TrendData:
    """``weeks`` copies of :data:`WEEK` from 1 June 2026, and the next Monday's morning (2)."""
    days, runs = [], []
    for i in range(weeks * 7):
        km, kind, pain = WEEK[i % 7]
        date = (MONDAY + dt.timedelta(days=i)).isoformat()
        days.append(DayRow(date, back_wake=pain))
        if km:
            shoe = (1 if kind == "long" else 2) if shoes else None
            runs.append(RunRow(date, km * 1000.0, type=kind, shoe_id=shoe))
    end = MONDAY + dt.timedelta(days=weeks * 7 - 1)
    days.append(DayRow((end + dt.timedelta(days=1)).isoformat(), back_wake=2))
    daily = tuple((r.date, r.distance_m, 1) for r in runs)
    return TrendData(
        MONDAY, end + dt.timedelta(days=1), MONDAY, daily=daily, runs=tuple(runs), days=tuple(days)
    )


def day(i: int) -> str:
    return (MONDAY + dt.timedelta(days=i)).isoformat()


def of(found, key):
    return next(i for i in found if i.key == key)


def range_of(data: TrendData, weeks: int = 12):
    return insights(data, MONDAY, MONDAY + dt.timedelta(days=weeks * 7 - 1))


def test_long_runs_with_a_known_answer():
    """Long runs +4, short runs 0 in every week alike: +4.0 points, interval +4.0 to +4.0 (every
    resample is the same week), 24 days each side: clinically meaningful."""
    distance = of(range_of(repeated()), "distance/back")
    assert (distance.n_a, distance.n_b, distance.weeks_a, distance.weeks_b) == (24, 24, 12, 12)
    assert distance.difference == pytest.approx(4.0)
    assert distance.ci == pytest.approx((4.0, 4.0))
    assert distance.verdict == MEANINGFUL
    assert distance.text == (
        "Runs over 10.5 km (the median) are associated with a difference in the change in back "
        "pain by the next morning: +4.0 points against shorter runs (95 % CI +4.0 to +4.0; 24 "
        "and 24 days), clinically meaningful (the whole interval is 2 points or more from zero)."
    )


def test_run_days_against_rest_days_carry_the_caveat():
    """Run days +2.0 on average (24 x 4 + 24 x 0 over 48), rest days -8/3: +4.7 points, first
    (its interval is further from zero), with the reverse-causation caveat."""
    found = range_of(repeated())
    rest = found[0]
    assert rest.key == "rest/back" and (rest.n_a, rest.n_b) == (48, 36)
    assert rest.difference == pytest.approx(2.0 + 8 / 3)
    assert rest.text.endswith(
        "(95 % CI +4.7 to +4.7; 48 and 36 days), clinically meaningful (the whole interval is 2 "
        "points or more from zero). People often rest when they hurt more, so the link may run "
        "the other way."
    )
    assert [i.key for i in found[:2]] == ["rest/back", "distance/back"]


def test_one_comparison_per_split_of_the_days():
    """Long runs by type are exactly the runs over the median here: one comparison, not two
    (nor its mirror image, easy runs); shoes worn the same way add none either."""
    keys = {i.factor for i in range_of(repeated(shoes=True))}
    assert keys == {"rest", "distance", "ramp"}


def test_not_enough_data_names_the_days_and_the_rule():
    """Without leg scores, leg comparisons are short of data, with the counts and the rule."""
    leg = of(range_of(repeated()), "distance/leg")
    assert leg.verdict == NOT_ENOUGH and leg.ci is None and leg.q is None
    assert leg.text == (
        "Runs over 10.5 km (the median) vs shorter runs, leg pain change by the next morning: not "
        "enough data yet (0 and 0 days; 10 on each side needed)."
    )


def test_seven_and_four_days():
    """7 easy runs against 4 other runs over 4 weeks: "not enough data yet (7 and 4 days; 10
    on each side needed)"."""
    data = repeated(4)
    days = [0, 2, 4, 7, 9, 11, 14, 16, 18, 21, 23]
    runs = tuple(
        RunRow(day(d), 8000.0, type="easy" if k < 7 else "long") for k, d in enumerate(days)
    )
    trimmed = TrendData(data.start, data.end, data.first_day, runs=runs, days=data.days)
    easy = of(range_of(trimmed, 4), "type:easy/back")
    assert (easy.n_a, easy.n_b) == (7, 4)
    assert easy.text == (
        "Easy runs vs other runs, back pain change by the next morning: not enough data yet "
        "(7 and 4 days; 10 on each side needed)."
    )


def test_three_different_weeks_on_each_side():
    """11 easy-run days over 3 weeks against 10 long-run days in 2: not enough data yet."""
    data = repeated(3)
    long_days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11]
    easy_days = [5, 6, 12, 13] + list(range(14, 21))
    runs = tuple(
        RunRow((MONDAY + dt.timedelta(days=d)).isoformat(), 8000.0, type=kind)
        for kind, ds in (("long", long_days), ("easy", easy_days))
        for d in ds
    )
    weeks = TrendData(data.start, data.end, data.first_day, runs=runs, days=data.days)
    easy = of(range_of(weeks, 3), "type:easy/back")
    assert (easy.n_a, easy.n_b, easy.weeks_a, easy.weeks_b) == (11, 10, 3, 2)
    assert easy.verdict == NOT_ENOUGH
    assert easy.text.endswith(
        "not enough data yet (11 and 10 days over 3 and 2 weeks; 3 different weeks on each side "
        "needed)."
    )


def test_benjamini_hochberg_by_hand():
    """p = 0.01, 0.04, 0.03, 0.20: q = 0.04, 0.0533, 0.0533, 0.20 (m = 4, step-up)."""
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.20]) == pytest.approx(
        [0.04, 0.16 / 3, 0.16 / 3, 0.20]
    )
    assert benjamini_hochberg([]) == []


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 70), st.integers(1, 7), st.integers(0, 70), st.integers(1, 7)),
        min_size=3,
        max_size=12,
    )
)
def test_swapping_the_sides_mirrors_the_answer(weeks):
    """Side b against side a is side a against side b mirrored: the difference and interval
    change sign, the p-value does not (one sign convention: a minus b)."""
    sa, na, sb, nb = (list(c) for c in zip(*weeks, strict=True))
    sa = [s + 10 * n for s, n in zip(sa, na, strict=True)]
    sb = [s + 10 * n for s, n in zip(sb, nb, strict=True)]
    diff, (low, high), p = bootstrap(sa, na, sb, nb)
    back, (low2, high2), p2 = bootstrap(sb, nb, sa, na)
    assert back == pytest.approx(-diff)
    assert (low2, high2) == pytest.approx((-high, -low))
    assert p2 == pytest.approx(p)
    assert low <= high


def test_permuting_days_within_a_side_and_week_changes_nothing():
    """Moving the rows and runs around (the order the store hands them over) and swapping two
    rest days of one week give the same sentences."""
    data = repeated()
    shuffled = list(data.days)
    random.Random(1).shuffle(shuffled)
    # Tuesday and Sunday are both rest days of week 1 with the same next-morning change.
    again = TrendData(
        data.start,
        data.end,
        data.first_day,
        daily=data.daily,
        runs=tuple(reversed(data.runs)),
        days=tuple(shuffled),
    )
    assert [i.text for i in range_of(again)] == [i.text for i in range_of(data)]


def test_the_same_journal_gives_the_same_words_twice():
    """Same journal, same text, even with the bootstrap draws computed afresh."""
    data = simulated(5)
    first = [i.text for i in insights(data)]
    rules._draws.cache_clear()
    assert [i.text for i in insights(data)] == first


def test_the_panel_shows_the_stated_ones_and_counts_the_rest():
    """The screen's lines: the stated differences first, then one line counting the others."""
    found = range_of(repeated())
    lines = panel(found, limit=4)
    assert lines[0] == found[0].text and lines[1] == found[1].text
    assert lines[-1].startswith("Other comparisons: ")
    assert "without enough data yet" in lines[-1]


def test_no_clear_difference_reads_so_with_its_numbers():
    """A null simulated journal: tested comparisons read "no clear difference" with n and CI."""
    found = insights(simulated(3))
    unclear = [i for i in found if i.verdict == NO_CLEAR]
    assert unclear
    assert "no clear difference (" in unclear[0].text and "95 % CI" in unclear[0].text
    assert not [i for i in found if i.stated]


def test_null_journals_rarely_state_a_difference():
    """200 simulated 12-week journals whose pain follows nothing (AR(1), rho 0.8): at most 5 %
    (10) state any difference."""
    assert sum(1 for seed in range(200) if stated(simulated(seed))) <= 10


def test_a_three_point_change_after_long_runs_is_found():
    """200 simulated journals with next-morning back pain 3 points up after runs above the
    median: at least 80 % (160) state it, in that direction."""
    found = 0
    for seed in range(1000, 1200):
        for i in stated(simulated(seed, effect=3.0), "back"):
            if i.factor == "distance" and i.difference > 0:
                found += 1
                break
    assert found >= 160


# --- staying active (issue #20): active days against rest days with nothing ---------------------

# One week, repeated: (run km or None, other activity that day, waking back pain). The morning
# after a walk or a ride is unchanged; the morning after a day with nothing is 3 points up, and
# the run that follows brings it back down.
ACTIVE_WEEK = (
    (5, False, 3),  # Mon: run, 3 -> 3
    (None, True, 3),  # Tue: walk, 3 -> 3
    (None, False, 3),  # Wed: nothing, 3 -> 6
    (5, False, 6),  # Thu: run, 6 -> 3
    (None, True, 3),  # Fri: ride, 3 -> 3
    (None, False, 3),  # Sat: nothing, 3 -> 6
    (5, True, 6),  # Sun: run and a walk (a run day, on neither side), 6 -> 3
)


def active_weeks(weeks: int = 12, week=ACTIVE_WEEK) -> TrendData:
    """``weeks`` copies of ``week`` from 1 June 2026, and the next Monday's morning (3)."""
    days, runs, active = [], [], []
    for i in range(weeks * 7):
        km, moved, pain = week[i % 7]
        date = day(i)
        days.append(DayRow(date, back_wake=pain))
        if km:
            runs.append(RunRow(date, km * 1000.0))
        if moved:
            active.append((date, 2400, 1))
        elif km:
            active.append((date, 1800, 0))  # a run day's own minutes, no other activity
    end = MONDAY + dt.timedelta(days=weeks * 7 - 1)
    days.append(DayRow((end + dt.timedelta(days=1)).isoformat(), back_wake=3))
    daily = tuple((r.date, r.distance_m, 1) for r in runs)
    return TrendData(
        MONDAY,
        end + dt.timedelta(days=1),
        MONDAY,
        daily=daily,
        runs=tuple(runs),
        days=tuple(days),
        active=tuple(active),
    )


def test_active_days_against_rest_days_with_a_known_answer():
    """Walks and rides (change 0) against days with nothing (+3): -3.0 points, 24 and 24 days
    (a run day with a walk is on neither side), stated with the reverse-causation caveat."""
    found = range_of(active_weeks())
    moved = of(found, "active-rest/back")
    assert (moved.topic, moved.n_a, moved.n_b, moved.weeks_a, moved.weeks_b) == (
        "active-rest", 24, 24, 12, 12
    )  # fmt: skip
    assert moved.difference == pytest.approx(-3.0)
    assert moved.verdict == MEANINGFUL
    assert moved.text == (
        "Active days (other activity, no run) are associated with a difference in the change in "
        "back pain by the next morning: -3.0 points against rest days (no run, no other "
        "activity) (95 % CI -3.0 to -3.0; 24 and 24 days), clinically meaningful (the whole "
        "interval is 2 points or more from zero). People often stay still when they hurt more, "
        "so the link may run the other way."
    )
    assert (moved.label_a, moved.label_b) == (
        "active days (other activity, no run)", "rest days (no run, no other activity)"
    )  # fmt: skip


def test_active_days_short_of_data_say_so():
    """Three weeks give 6 and 6 days: not enough data yet, with the counts and the rule."""
    moved = of(range_of(active_weeks(3), 3), "active-rest/back")
    assert moved.verdict == NOT_ENOUGH
    assert moved.text == (
        "Active days (other activity, no run) vs rest days (no run, no other activity), back "
        "pain change by the next morning: not enough data yet (6 and 6 days; 10 on each side "
        "needed)."
    )


def test_no_active_day_no_comparison():
    """A journal of runs alone (and other activity only on run days, or outside the range) is
    not compared on active days at all."""
    assert "active-rest" not in {i.factor for i in range_of(repeated())}
    data = active_weeks()
    on_runs = TrendData(
        data.start,
        data.end,
        data.first_day,
        daily=data.daily,
        runs=data.runs,
        days=data.days,
        active=((day(6), 2400, 1), ("2026-05-31", 2400, 1), (day(84), 2400, 1)),
    )
    assert "active-rest" not in {i.factor for i in range_of(on_runs)}
    one = TrendData(
        data.start,
        data.end,
        data.first_day,
        daily=data.daily,
        runs=data.runs,
        days=data.days,
        active=((day(1), 2400, 1), (day(2), 600, 0)),
    )
    moved = of(range_of(one), "active-rest/back")
    assert (moved.n_a, moved.n_b) == (1, 47)  # a day with minutes but no activity is a rest day


def test_a_null_journal_states_nothing_about_active_days():
    """Pain that follows nothing (AR(1), rho 0.8) with walks on half the days without a run, at
    random: the comparison is tested and states nothing, here or anywhere else."""
    for seed in (3, 4):
        data = simulated(seed)
        rng = random.Random(seed)
        ran = {r.date for r in data.runs}
        active = tuple(
            (row.date, 2400, 1) for row in data.days if row.date not in ran and rng.random() < 0.5
        )
        walked = TrendData(
            data.start,
            data.end,
            data.first_day,
            load_start=data.load_start,
            daily=data.daily,
            runs=data.runs,
            days=data.days,
            active=active,
        )
        found = insights(walked)
        moved = of(found, "active-rest/back")
        assert moved.verdict != NOT_ENOUGH and min(moved.n_a, moved.n_b) >= 10
        assert not [i for i in found if i.stated]


# --- the rules' edges (each pins a mutant of .ci/mutants.py that changed behaviour) --------------


def test_each_sides_mean_is_reported():
    """Beside the difference, each side's own mean outcome: 0 after walks and rides, +3 after
    days with nothing; run days -2 (0, -3, -3) and days without a run +1.5 (0, 3, 0, 3)."""
    found = range_of(active_weeks())
    moved = of(found, "active-rest/back")
    assert (moved.mean_a, moved.mean_b) == (pytest.approx(0.0), pytest.approx(3.0))
    rest = of(found, "rest/back")
    assert (rest.mean_a, rest.mean_b) == (pytest.approx(-2.0), pytest.approx(1.5))


@pytest.mark.parametrize("rise", [2, -2])
def test_exactly_two_points_is_clinically_meaningful(rise):
    """A difference of exactly 2 points with an interval of exactly 2 to 2 (or -2 to -2) is
    clinically meaningful: "2 points or more from zero" includes 2."""
    # Days with nothing: the next morning is up by ``rise`` from 3 (after a walk: unchanged).
    week = (
        (5, False, 3),
        (None, True, 3),
        (None, False, 3),
        (5, False, 3 + rise),
        (None, True, 3),
        (None, False, 3),
        (5, True, 3 + rise),
    )
    moved = of(range_of(active_weeks(week=week)), "active-rest/back")
    assert moved.difference == pytest.approx(-rise)
    assert moved.ci == pytest.approx((-rise, -rise))
    assert moved.verdict == MEANINGFUL


def test_one_day_is_a_range():
    """A range of one day is compared (not enough data), not dropped; a range that ends before it
    begins gives nothing."""
    data = repeated()
    one = insights(data, MONDAY, MONDAY)
    assert one and all(i.verdict == NOT_ENOUGH for i in one)
    assert insights(data, MONDAY, MONDAY - dt.timedelta(days=1)) == []


@pytest.mark.parametrize(
    ("df", "exact", "below"),
    [(2, 4.302653, 0.13145), (3, 3.182446, 0.02345), (4, 2.776445, 0.00707)],
)
def test_t975_for_few_weeks(df, exact, below):
    """With 3 to 5 weeks the expansion is a little under Student's t, by as much as its
    docstring says (to 0.0001)."""
    assert exact - rules.t975(df) == pytest.approx(below, abs=1e-4)


@pytest.mark.parametrize(("df", "exact"), [(5, 2.570582), (8, 2.306004), (11, 2.200985)])
def test_t975_is_within_0_005_of_students_t(df, exact):
    """From 5 degrees of freedom on, within 0.005 of Student's t."""
    assert rules.t975(df) == pytest.approx(exact, abs=0.005)


def test_resampled_sums_by_hand():
    """Two weeks, three resamples drawing weeks (0, 0), (0, 1), (1, 1): the sums and counts of
    each resample are the weeks' sums and counts times how often each was drawn."""
    packed = (
        int.from_bytes(rules._COUNTS.pack(2, 1, 0, *[0] * (rules.RESAMPLES - 3)), "little"),
        int.from_bytes(rules._COUNTS.pack(0, 1, 2, *[0] * (rules.RESAMPLES - 3)), "little"),
    )
    sums, counts = rules._resampled([30, 50], [3, 5], packed)
    assert sums[:4] == (60, 80, 100, 0) and counts[:4] == (6, 8, 10, 0)


def test_a_spike_of_the_tier_is_side_a():
    """Per tier: a spike of that tier is side a, a run day without a spike side b, a spike of
    another tier and a day without a run neither."""
    monday, tuesday, wednesday, thursday = (MONDAY + dt.timedelta(days=i) for i in range(4))
    tier_of = {monday: 20.0, tuesday: 50.0}
    run_days = {monday: [], tuesday: [], wednesday: []}
    sides = [rules._tier_side(d, {monday}, tier_of, run_days) for d in (monday, tuesday, wednesday)]
    assert sides == [True, None, False]
    assert rules._tier_side(thursday, {monday}, tier_of, run_days) is None


def test_resamples_without_a_day_on_a_side_are_left_out():
    """Side a has days in one week of three: about 30 % of the resamples draw none of it; they
    are left out (no division by zero), and the interval comes from the others."""
    diff, (low, high), p = bootstrap([10 * 4, 0, 0], [4, 0, 0], [12, 12, 12], [1, 1, 1])
    assert diff == pytest.approx(-2.0)  # 40 / 4 - 36 / 3: the BIAS of 10 cancels
    assert low <= diff <= high and 0 < p <= 1


def test_the_same_journal_gives_the_same_numbers_from_version_to_version():
    """The seeded week-block bootstrap of a null journal, pinned: run days against rest days
    for back pain (+0.06 points, 95 % CI -0.653 to +0.683, p 0.870), so that a change to the
    draws, the widening or the p-value is seen."""
    rest = insights(simulated(3))[0]
    assert rest.key == "rest/back"
    assert rest.difference == pytest.approx(0.05555555555555536, abs=1e-12)
    assert rest.ci == pytest.approx((-0.6530387756651227, 0.6827022624979943), abs=1e-9)
    assert rest.p == pytest.approx(0.8695652173913043, abs=1e-12)


def test_widening_for_the_weeks():
    """The bootstrap's spread is widened by t(K-1) / z x sqrt(K / (K-1)): 1.1728 for 12 weeks,
    2.6065 for 3."""
    assert rules.widening(12) == pytest.approx(1.1728457896066407, abs=1e-9)
    assert rules.widening(3) == pytest.approx(2.606508353885824, abs=1e-9)


def test_an_interval_over_zero_is_no_clear_difference_even_when_q_passes():
    """A simulated journal where one comparison has p 0.057 and q 0.095 (under 0.10): its
    interval reaches zero, so it reads "no clear difference"."""
    shoe = of(insights(simulated(37, effect=3.0)), "shoe:1/back")
    assert shoe.p == pytest.approx(0.05697, abs=1e-4) and shoe.q <= rules.Q_LEVEL
    assert shoe.ci[0] < 0 <= shoe.ci[1]
    assert shoe.verdict == NO_CLEAR
    assert shoe.text == (
        "Runs in shoe 1 vs runs in other shoes, back pain change by the next morning: no clear "
        "difference (-1.2 points, 95 % CI -2.5 to 0.0; 27 and 21 days)."
    )


@pytest.mark.parametrize("fall", [1, -1])
def test_a_clear_difference_under_two_points_is_not_stated(fall):
    """Exactly 1 point either way, interval 1 to 1: it misses zero but not the 2 points, so it
    reads "no clear difference of 2 points or more", with its numbers."""
    week = (
        (5, False, 3),
        (None, True, 3),
        (None, False, 3),
        (5, False, 3 - fall),
        (None, True, 3),
        (None, False, 3),
        (5, True, 3 - fall),
    )
    moved = of(range_of(active_weeks(week=week)), "active-rest/back")
    assert moved.verdict == rules.SMALL and not moved.stated
    sign = "+" if fall > 0 else "-"
    assert moved.text == (
        "Active days (other activity, no run) vs rest days (no run, no other activity), back "
        "pain change by the next morning: no clear difference of 2 points or more "
        f"({sign}1.0 points, 95 % CI {sign}1.0 to {sign}1.0; 24 and 24 days)."
    )


def test_an_active_day_on_the_first_or_last_day_of_the_range_counts():
    """The range's first and last days are in it: a walk on either is an active day."""
    data = active_weeks()
    for only in (day(1), day(83)):
        walked = TrendData(
            data.start,
            data.end,
            data.first_day,
            daily=data.daily,
            runs=tuple(r for r in data.runs if r.date != day(83)),
            days=data.days,
            active=((only, 2400, 1),),
        )
        moved = of(insights(walked, day(1), day(83)), "active-rest/back")
        assert moved.n_a == 1


def test_runs_in_a_shoe_against_the_others():
    """Long runs and Wednesday's in one pair (+4, +4, 0: +8/3 on average), Friday's in the
    other (0): runs in the first pair are +2.7 points against the others."""
    data = repeated()
    runs = tuple(
        r.__class__(r.date, r.distance_m, type=r.type, shoe_id=2 if i % 4 == 2 else 1)
        for i, r in enumerate(data.runs)
    )
    shod = TrendData(data.start, data.end, data.first_day, daily=data.daily, runs=runs,
                     days=data.days)  # fmt: skip
    found = insights(shod, MONDAY, MONDAY + dt.timedelta(days=83), shoes={1: "Fast flats"})
    shoe = of(found, "shoe:1/back")
    assert (shoe.label_a, shoe.n_a, shoe.n_b) == ("runs in Fast flats", 36, 12)
    assert shoe.difference == pytest.approx(8 / 3)


@pytest.mark.parametrize(
    ("metres", "tier"),
    [(13000, "10-30"), (13000.1, "30-100"), (20000, "30-100"), (20000.1, "100+")],
)
def test_spike_tiers_at_their_bounds(metres, tier):
    """A run exactly 30 % longer than the longest of the 30 days before is of the 10-30 % tier,
    0.1 m more of the 30-100 % one; exactly twice as long of the 30-100 %, 0.1 m more of the top
    tier (as Run today? names them). Another spike, of another tier, makes the split."""
    spike_day = MONDAY + dt.timedelta(days=3)
    other = (MONDAY + dt.timedelta(days=60), 11500.0 if tier == "30-100" else 16000.0)
    base = [(MONDAY + dt.timedelta(days=7 * k), 10000.0) for k in range(12)]
    runs = tuple(RunRow(d.isoformat(), m) for d, m in sorted([*base, (spike_day, metres), other]))
    days = [MONDAY + dt.timedelta(days=i) for i in range(84)]
    data = TrendData(MONDAY, days[-1], MONDAY, runs=runs)
    made = rules.factors(data, days, units="km", week_start="monday", adherence={}, shoes={})
    assert [f.key for f in made if f.key.startswith("spike:") and f.side[3]] == [f"spike:{tier}"]
    assert rules.spike_tier(metres, 10000.0) == [t[0] for t in rules.SPIKE_TIERS].index(tier)


def test_no_difference_at_all_has_p_one():
    """Both sides alike in every week: difference 0, interval 0 to 0, p exactly 1."""
    diff, ci, p = bootstrap([30, 30, 30], [3, 3, 3], [20, 20, 20], [2, 2, 2])
    assert (diff, ci, p) == (0.0, (0.0, 0.0), 1.0)


@pytest.mark.parametrize(
    ("ci", "nearest"), [((2.5, 4.0), 2.5), ((-4.0, -2.5), 2.5), ((-1.0, 1.0), 0.0), (None, 0.0)]
)
def test_the_bound_nearest_zero(ci, nearest):
    """Stated differences are ranked by the interval bound nearest zero (0 when it spans zero,
    or when untested)."""
    found = of(range_of(repeated()), "distance/back")
    assert dataclasses.replace(found, ci=ci).nearest_bound == nearest


def _factor(data: TrendData, key: str, weeks: int = 12, **given):
    days = [MONDAY + dt.timedelta(days=i) for i in range(7 * weeks)]
    options = {"units": "km", "week_start": "monday", "adherence": None, "shoes": None, **given}
    return next((f for f in rules.factors(data, days, **options) if f.key == key), None)


def test_weeks_with_70_percent_of_the_programme_or_more():
    """Adherence weeks: exactly 70 % and 75 % are on side a, 69 % on side b; a week with nothing
    scheduled on neither."""
    shares = {0: 0.7, 1: 0.75, 2: 0.69, 3: 1.0}
    adherence = {MONDAY + dt.timedelta(days=7 * w): share for w, share in shares.items()}
    side = _factor(repeated(), "adherence", adherence=adherence).side
    assert [side[7 * w] for w in range(5)] == [True, True, False, True, None]


def test_adherence_comes_from_the_exercise_days_only_when_not_given():
    """Without ``adherence`` it is read from the exercise days (5 of 7 done: 71 %, side a); given
    (even empty) it is used as it is."""
    data = repeated()
    ticked = dataclasses.replace(
        data, exercise_days=tuple((day(i), 1, 1 if i % 7 < 5 else 0) for i in range(84))
    )
    assert _factor(ticked, "adherence").side[0] is True
    assert _factor(ticked, "adherence", adherence={}) is None
    assert _factor(data, "adherence") is None


def test_ramp_weeks_need_two_weeks_before_and_a_whole_week():
    """The two-week ramp splits whole weeks with two weeks before them: the first two weeks of a
    journal begun on the range's first day are on neither side, nor is a week not yet over."""
    side = _factor(repeated(), "ramp").side
    assert side[0] is None and side[7] is None and side[14] is False and side[77] is False
    partial = dataclasses.replace(repeated(), end=MONDAY + dt.timedelta(days=80))
    assert _factor(partial, "ramp").side[77] is None


def test_a_run_of_0_m_is_no_run_day():
    """A run row without distance does not make a run day (as in Run today?)."""
    data = repeated()
    empty = dataclasses.replace(data, runs=(*data.runs, RunRow(day(1), 0.0)))
    assert _factor(empty, "rest").side[1] is False
    assert _factor(data, "rest").side[0] is True


def test_the_panel_counts_what_it_does_not_show():
    """A null journal: four "no clear difference" lines shown, then the others counted."""
    lines = panel(insights(simulated(3)), limit=4)
    assert len(lines) == 5
    assert lines[-1] == (
        "Other comparisons: 6 with no clear difference, 17 without enough data yet (backjournal "
        "insights lists them all)."
    )


def test_any_distance_makes_a_run_day():
    """A run of 0.1 m is a run day (only 0 m is not)."""
    tiny = dataclasses.replace(repeated(), runs=(*repeated().runs, RunRow(day(3), 0.1)))
    assert _factor(tiny, "rest").side[3] is True


def test_exactly_ten_days_over_exactly_three_weeks_is_enough():
    """11 active days and 10 rest days over exactly 3 weeks each: tested (here: no clear
    difference, the pain never moves), not "not enough data"."""
    walked = {0, 1, 2, 3, 7, 8, 9, 14, 15, 16, 17}  # 4 + 3 + 4 walks; the other 10 days nothing
    data = TrendData(
        MONDAY,
        MONDAY + dt.timedelta(days=21),
        MONDAY,
        days=tuple(DayRow(day(i), back_wake=3) for i in range(22)),
        active=tuple((day(i), 2400, 1) for i in sorted(walked)),
    )
    moved = of(range_of(data, 3), "active-rest/back")
    assert (moved.n_a, moved.n_b, moved.weeks_a, moved.weeks_b) == (11, 10, 3, 3)
    assert moved.verdict == NO_CLEAR


def test_stated_then_tested_then_short_of_data():
    """The order of the sentences: stated differences, then the other tested comparisons, then
    those without enough data."""
    found = insights(simulated(37, effect=3.0))
    ranks = [0 if i.stated else (2 if i.verdict == NOT_ENOUGH else 1) for i in found]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 2 and 1 in ranks
