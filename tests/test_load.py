"""Training load (CLINICAL.md, "Training load"): the daily series, ACWR rolling and EWMA, ramps
and single-run spikes, pinned with hand-computed vectors and at their exact edges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain.load import (
    ACWR_BAND_NAMES,
    LEAD_IN_DAYS,
    SPIKE_TIERS,
    EffortLoads,
    Spike,
    WeekLoad,
    acwr_band,
    daily_loads,
    decimetres,
    effort_loads,
    ewma,
    ewma_acwr,
    exceeds,
    load_unit,
    longest_before,
    percent_change,
    rolling_acwr,
    session_rpe,
    spike_limit,
    spike_tier,
    spikes,
    weekly_loads,
    worse_band,
)

D0 = dt.date(2026, 6, 1)  # a Monday


def day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


# --- the daily series ----------------------------------------------------------------------------


def test_a_missing_day_is_a_rest_day_of_zero():
    """Days without a run are 0 in the series (a gap is a zero, not a hole), in date order."""
    loads = daily_loads([(day(0), 5000.0), (day(3), 8000.0)], day(0), day(4))
    assert loads == [5000.0, 0.0, 0.0, 8000.0, 0.0]


def test_runs_on_one_day_add_up_and_dates_outside_are_ignored():
    """Two runs on one date make one day's load; pairs outside the range and ISO text work."""
    pairs = [("2026-06-02", 3000.0), (day(1), 4500.0), (day(-1), 9999.0), (day(9), 1.0)]
    assert daily_loads(pairs, day(0), day(2)) == [0.0, 7500.0, 0.0]


# --- ACWR, rolling -------------------------------------------------------------------------------


def test_rolling_acwr_hand_vector():
    """21 days of 1 km then 7 of 2 km: acute 2000, chronic 35000/28 = 1250, ratio 1.6."""
    loads = [1000.0] * 21 + [2000.0] * 7
    ratios = rolling_acwr(loads)
    assert ratios[27] == pytest.approx(1.6)


def test_rolling_acwr_is_none_for_the_first_27_days():
    """No ratio before 28 days of history: days 0-26 are None, day 27 has one."""
    ratios = rolling_acwr([1000.0] * 30)
    assert ratios[:27] == [None] * 27
    assert ratios[27] == pytest.approx(1.0)
    assert len(ratios) == 30


def test_rolling_acwr_with_rest_day_gaps():
    """10 km every other day for 28 days: chronic 140000/28 = 5000, acute (3 runs in the last 7
    days) 30000/7, ratio 6/7; built from dated runs with the gaps left out."""
    runs = [(day(i), 10000.0) for i in range(0, 28, 2)]
    loads = daily_loads(runs, day(0), day(27))
    assert loads[1] == 0.0
    assert rolling_acwr(loads)[27] == pytest.approx(6 / 7)


def test_rolling_acwr_next_day_moves_both_windows():
    """Day 28 drops day 0 from the chronic window and day 21 from the acute one."""
    loads = [7000.0] + [0.0] * 20 + [1000.0] * 7 + [0.0]
    ratios = rolling_acwr(loads)
    assert ratios[27] == pytest.approx(1000.0 / (14000.0 / 28))
    assert ratios[28] == pytest.approx((6000.0 / 7) / (7000.0 / 28))


def test_rolling_acwr_is_none_when_the_chronic_load_is_zero():
    """Four weeks of rest give no ratio (nothing to divide by), not a division error."""
    assert rolling_acwr([0.0] * 28)[27] is None


# --- ACWR, EWMA ----------------------------------------------------------------------------------


def test_ewma_is_seeded_with_the_first_day_and_follows_williams():
    """a = 2/(N+1): N=7 gives a=0.25: 10, 7.5, 10.625; N=28 gives 10, 270/29, 8450/841."""
    assert ewma([10.0, 0.0, 20.0], 7) == pytest.approx([10.0, 7.5, 10.625])
    assert ewma([10.0, 0.0, 20.0], 28) == pytest.approx([10.0, 270 / 29, 8450 / 841])


def test_ewma_acwr_of_a_constant_load_is_one():
    """Seeded with the first day's load, a constant load keeps both averages equal: ratio 1."""
    ratios = ewma_acwr([4000.0] * 40)
    assert ratios[:27] == [None] * 27
    assert all(r == pytest.approx(1.0) for r in ratios[27:])


def test_ewma_acwr_seeded_with_a_rest_day():
    """A first day of 0 then 1 km a day: ratio on day 27 is (1 - 0.75^27) / (1 - (27/29)^27),
    1.1694 (the seed matters: seeding with 1 km would give 1.0)."""
    ratios = ewma_acwr([0.0] + [1000.0] * 27)
    assert ratios[27] == pytest.approx((1 - 0.75**27) / (1 - (27 / 29) ** 27))
    assert ratios[27] == pytest.approx(1.1694, abs=1e-4)


def test_ewma_acwr_counts_history_before_the_series():
    """A series that starts after 27 days of journal has a ratio from its first day on."""
    assert ewma_acwr([1000.0] * 3, history_before=27)[0] == pytest.approx(1.0)
    assert ewma_acwr([1000.0] * 3, history_before=26) == [None, pytest.approx(1.0), 1.0]


def test_ewma_acwr_is_none_while_the_chronic_average_is_zero():
    """28 days of rest then a run: no ratio on the rest days, a ratio on the run day."""
    ratios = ewma_acwr([0.0] * 28 + [5000.0])
    assert ratios[27] is None
    assert ratios[28] == pytest.approx(0.25 / (2 / 29))


@pytest.mark.parametrize(
    "ratio, band",
    [
        (None, None),
        (0.0, "under-training"),
        (0.79, "under-training"),
        (0.8, "sweet spot"),
        (0.796, "sweet spot"),  # shown as 0.80
        (1.3, "sweet spot"),
        (1.304, "sweet spot"),  # shown as 1.30
        (1.31, "caution"),
        (1.5, "caution"),
        (1.51, "danger"),
        (3.0, "danger"),
    ],
)
def test_acwr_bands_at_their_edges(ratio, band):
    """<0.8 under-training, 0.8-1.3 sweet spot, above 1.3 to 1.5 caution, above 1.5 danger, for
    the ratio as shown (two decimals)."""
    assert acwr_band(ratio) == band
    assert band is None or band in ACWR_BAND_NAMES


# --- weekly ramps --------------------------------------------------------------------------------


def weeks_of(*totals_km: float, week_start: str = "monday", start: dt.date = D0):
    """Weeks with one run a week (on the week's first day) of the given totals."""
    loads = []
    for km in totals_km:
        loads += [km * 1000] + [0.0] * 6
    return weekly_loads(start, loads, week_start)


def test_exactly_ten_percent_is_not_flagged_and_just_over_is():
    """+10 % exactly is not a ramp flag; 11.01 km after 10 km (+10.1 %) is."""
    exact = weeks_of(10, 11)[1]
    assert exact.ramp_pct == pytest.approx(10.0)
    assert not exact.ramp_flag
    over = weeks_of(10, 11.01)[1]
    assert over.ramp_flag


def test_ten_percent_is_not_flagged_by_a_rounding_error():
    """3.3 + 3.3 + 3.4 km then 11 km is +10.000000000000009 % in floats: still exactly +10 %."""
    loads = [3333.3, 3333.3, 3333.4, 0, 0, 0, 0, 11000.0, 0, 0, 0, 0, 0, 0]
    week = weekly_loads(D0, loads)[1]
    assert week.ramp_pct > 10  # the float is just over...
    assert not week.ramp_flag  # ...but the journal's decimetres are not


def test_two_week_ramp_edges():
    """The two-week ramp compares with two weeks before: +30 % exactly is not flagged, more is."""
    exact = weeks_of(10, 11, 13)[2]
    assert exact.two_week_pct == pytest.approx(30.0)
    assert not exact.two_week_flag
    assert weeks_of(10, 11, 13.01)[2].two_week_flag
    assert weeks_of(10, 11, 13.01)[2].ramp_flag  # 13.01 / 11 is +18 % as well


def test_no_ramp_without_a_base_week():
    """After a week of no running there is no ramp (nothing to divide by), not an infinite one."""
    weeks = weeks_of(10, 0, 5)
    assert weeks[1].ramp_pct == pytest.approx(-100.0)
    assert weeks[2].ramp_pct is None and not weeks[2].ramp_flag
    assert weeks[2].two_week_pct == pytest.approx(-50.0)


def test_weeks_follow_the_week_start_setting():
    """Sunday weeks split a Monday-start series differently: the first week is partial."""
    loads = [1000.0] * 14  # Monday 1 June to Sunday 14 June
    monday = weekly_loads(D0, loads, "monday")
    assert [(w.start, w.metres, w.complete) for w in monday] == [
        (day(0), 7000.0, True),
        (day(7), 7000.0, True),
    ]
    sunday = weekly_loads(D0, loads, "sunday")
    assert [(w.start, w.end, w.metres, w.complete) for w in sunday] == [
        (day(-1), day(5), 6000.0, False),
        (day(6), day(12), 7000.0, True),
        (day(13), day(19), 1000.0, False),
    ]
    assert sunday[1].ramp_pct is None  # the partial week before is no base
    assert sunday[2].ramp_pct == pytest.approx((1000 / 7000 - 1) * 100)  # the week so far


def test_weekly_totals_lose_no_day():
    """Every day's load lands in exactly one week, whatever the week start."""
    loads = [float(i * 100) for i in range(45)]
    for start in ("monday", "wednesday", "sunday"):
        assert sum(w.metres for w in weekly_loads(day(2), loads, start)) == sum(loads)


def test_weekly_run_counts():
    """Runs per day add up per week."""
    weeks = weekly_loads(D0, [1.0] * 8, runs=[1, 0, 2, 0, 0, 1, 0, 3])
    assert [w.runs for w in weeks] == [4, 3]


# --- single-run spikes ---------------------------------------------------------------------------


def test_exactly_ten_percent_longer_is_not_a_spike():
    """11 km after a longest of 10 km is +10 %, not a spike; 11.01 km is one."""
    assert spikes([(day(0), 10000.0), (day(10), 11000.0)]) == []
    found = spikes([(day(0), 10000.0), (day(10), 11010.0)])
    assert [(s.date, s.metres, s.longest_before_m) for s in found] == [(day(10), 11010.0, 10000.0)]
    assert found[0].pct == pytest.approx(10.1)


def test_spike_window_is_the_30_days_before():
    """A run 30 days before is in the window; 31 days before is not (no base: no spike)."""
    assert spikes([(day(0), 10000.0), (day(30), 12000.0)])
    assert spikes([(day(0), 10000.0), (day(31), 12000.0)]) == []
    assert longest_before([(day(0), 10000.0)], day(30)) == 10000.0
    assert longest_before([(day(0), 10000.0)], day(31)) is None


def test_spikes_compare_with_the_longest_not_the_last_run():
    """A run is measured against the longest of the 30 days, not the most recent one."""
    runs = [(day(0), 15000.0), (day(5), 5000.0), (day(6), 15500.0), (day(7), 17100.0)]
    assert [s.date for s in spikes(runs)] == [day(7)]


def test_runs_on_the_same_day_are_not_compared_with_each_other():
    """A second run on one day is compared with the days before, not with the first run."""
    runs = [(day(0), 10000.0), (day(5), 3000.0), (day(5), 10500.0)]
    assert spikes(runs) == []


def test_first_run_and_zero_runs_are_not_spikes():
    """The journal's first run has nothing to compare with; a 0 m run is never a base or spike."""
    assert spikes([(day(0), 20000.0)]) == []
    assert spikes([(day(0), 0.0), (day(1), 5000.0)]) == []


def test_spike_limit_is_the_longest_plus_ten_percent():
    """Today's limit: the longest run of the previous 30 days + 10 %; None without a base."""
    runs = [(day(0), 8000.0), (day(10), 12000.0), (day(20), 9000.0)]
    assert spike_limit(runs, day(25)) == pytest.approx(13200.0)
    assert spike_limit(runs, day(45)) == pytest.approx(9900.0)
    assert spike_limit(runs, day(60)) is None


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 120), st.integers(0, 30).map(lambda km: km * 1000.0)),
        max_size=60,
    )
)
def test_spikes_match_the_definition(raw):
    """The sliding-window search finds exactly the runs that the definition, checked run by run
    against every run of the 30 days before, calls spikes."""
    runs = [(day(i), metres) for i, metres in raw]
    expected = []
    for date, metres in sorted(runs, key=lambda r: r[0]):
        before = [m for d, m in runs if date - dt.timedelta(days=30) <= d < date and m > 0]
        if before and metres > 0 and exceeds(metres, max(before), 10):
            expected.append((date, metres, max(before)))
    assert [(s.date, s.metres, s.longest_before_m) for s in spikes(runs)] == expected


@pytest.mark.parametrize(
    ("pct", "tier"),
    [
        (10.5, "10-30 %"),
        (30.0, "10-30 %"),
        (30.1, "30-100 %"),
        (100.0, "30-100 %"),
        (100.1, "over 100 %"),
        (105, "over 100 %"),
        (150, "over 100 %"),
        (float("nan"), "over 100 %"),  # not a number: the top tier, erring toward caution
    ],
)
def test_spike_tiers_follow_frandsen_2025(pct, tier):
    """Frandsen 2025's tiers: 10-30 % (HR 1.64), 30-100 % (1.52), over 100 % (2.28)."""
    assert spike_tier(pct) == tier


# --- load by effort (session RPE, Foster 2001) ---------------------------------------------------


@pytest.mark.parametrize(
    ("effort", "seconds", "au"),
    [
        (5, 1800, 150.0),  # effort 5 for 30 minutes
        (0, 3600, 0.0),  # effort 0 (rest) is a load of 0, not unknown
        (10, 60, 10.0),  # the top of CR-10 for one minute
        (3, 90, 4.5),  # minutes need not be whole
        (7, 0, 0.0),
    ],
)
def test_session_rpe_is_effort_times_minutes(effort, seconds, au):
    """Foster 2001: CR-10 effort x duration in minutes, in arbitrary units, at its edges."""
    assert session_rpe(effort, seconds) == au


@pytest.mark.parametrize(("effort", "seconds"), [(None, 1800), (5, None), (None, None)])
def test_session_rpe_without_effort_or_time_is_unknown(effort, seconds):
    """A session without an effort or a time has no load by effort: None, never 0."""
    assert session_rpe(effort, seconds) is None


@pytest.mark.parametrize("effort", [-1, 11])
def test_session_rpe_refuses_an_effort_outside_cr10(effort):
    """An effort of 11 or -1 is no CR-10 rating: refused with the scale named."""
    with pytest.raises(ValueError, match=rf"an effort is 0 to 10 \(CR-10\), not {effort}"):
        session_rpe(effort, 600)


def test_effort_loads_hand_vector():
    """Day 0: a run at 4 for 30 min (120 AU) and a walk at 2 for 40 min (80 AU) make 200 AU;
    day 1: a run without an effort (0, one missing); day 2: a ride without a time (0, one
    missing) and one at 6 for 10 min (60 AU); sessions outside the range are ignored."""
    sessions = [
        (day(0), 4, 1800),
        ("2026-06-01", 2, 2400),
        (day(1), None, 3000),
        (day(2), 5, None),
        (day(2), 6, 600),
        (day(-1), 9, 9000),
        (day(3), 9, 9000),
    ]
    got = effort_loads(sessions, day(0), day(2))
    assert got == EffortLoads([200.0, 0.0, 60.0], [0, 1, 1], [2, 1, 2])


def test_effort_loads_of_an_empty_or_backwards_span():
    """No days, nothing counted (a range that ends before it starts is empty, not an error)."""
    assert effort_loads([(day(0), 5, 600)], day(1), day(0)) == EffortLoads([], [], [])


def test_missing_between_counts_inclusive_and_clips():
    """(missing, sessions) over days lo..hi, both included; indexes outside the span are clipped
    and a backwards pair counts nothing."""
    loads = EffortLoads([0.0, 10.0, 0.0, 5.0], [1, 0, 2, 0], [1, 1, 3, 1])
    assert loads.missing_between(1, 2) == (2, 4)
    assert loads.missing_between(0, 0) == (1, 1)
    assert loads.missing_between(3, 3) == (0, 1)
    assert loads.missing_between(-5, 99) == (3, 6)
    assert loads.missing_between(2, 1) == (0, 0)
    assert loads.missing_between(4, 9) == (0, 0)
    assert loads.missing_between(0, 1) == (1, 2)  # day 2's two missing are after the span


def test_effort_loads_are_frozen():
    """The daily load by effort is a value: it cannot be replaced once computed."""
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        effort_loads([], D0, D0).loads = [1.0]


def test_load_unit_names_the_unit():
    """A load by effort is in AU; a distance load in the distance unit."""
    assert (load_unit("srpe"), load_unit("distance"), load_unit("distance", "mi")) == (
        "AU",
        "km",
        "mi",
    )


def test_two_week_ramp_by_effort_at_its_edge():
    """The two-week ramp on AU: 1000 AU then 1300 AU two weeks later is exactly +30 %, not a
    flag; 1300.1 AU is."""
    for third, flagged in ((1300.0, False), (1300.1, True)):
        loads = [1000.0] + [0.0] * 6 + [1000.0] + [0.0] * 6 + [third] + [0.0] * 6
        week = weekly_loads(D0, loads)[2]
        assert week.two_week_flag is flagged
        assert week.two_week_pct == pytest.approx(30.0, abs=0.02)


# --- edges found by mutation testing (python .ci/mutants.py) -------------------------------------


def test_the_lead_in_and_the_spike_hazard_ratios_are_as_documented():
    """120 days of lead-in (a day that far back weighs (27/29)^120, under 0.02 %, in the
    chronic EWMA); Frandsen 2025's tiers with their hazard ratios, as the screens quote them."""
    assert LEAD_IN_DAYS == 120
    assert (27 / 29) ** LEAD_IN_DAYS < 0.0002
    assert SPIKE_TIERS == (
        (30.0, "10-30 %", 1.64),
        (100.0, "30-100 %", 1.52),
        (float("inf"), "over 100 %", 2.28),
    )


def test_decimetres_and_exact_limits():
    """Distances count in whole decimetres: 1234.56 m is 12346 dm; 1100.0 m is exactly 10 % over
    1000 m (not exceeding), 1100.1 m is over, 1100.04 m rounds to the limit (not over)."""
    assert decimetres(1234.56) == 12346
    assert decimetres(0.04) == 0
    assert not exceeds(1100.0, 1000.0, 10)
    assert exceeds(1100.1, 1000.0, 10)
    assert not exceeds(1100.04, 1000.0, 10)


def test_percent_change_needs_a_base_of_a_decimetre():
    """A base of 0.1 m (one decimetre, the storage precision) is a base; 0.04 m rounds to none."""
    assert percent_change(0.2, 0.1) == pytest.approx(100.0)
    assert percent_change(5.0, 0.04) is None
    assert percent_change(5.0, 0.0) is None


def test_daily_loads_of_a_backwards_range_and_the_day_after_it():
    """A range that ends before it starts has no days; a pair on the day after the range (or
    before it) is outside it."""
    assert daily_loads([(day(0), 5.0)], day(1), day(0)) == []
    assert daily_loads([(day(3), 5.0), (day(-1), 5.0)], day(0), day(2)) == [0.0, 0.0, 0.0]


def test_week_and_spike_records_are_frozen():
    """A week's totals and a spike are values: they cannot be changed once computed."""
    import dataclasses

    week = weekly_loads(D0, [5000.0])[0]
    spike = Spike(D0, 12000.0, 10000.0)
    for record, name in ((week, "metres"), (spike, "metres")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, name, 1.0)
    assert isinstance(week, WeekLoad)


def test_a_one_day_series_is_one_partial_week_without_ramps():
    """One day (a Monday) of 5 km: one week, not complete, no ramp and no flag; without run
    counts, the week's runs are 0."""
    [week] = weekly_loads(D0, [5000.0])
    assert (week.start, week.metres, week.runs, week.complete) == (D0, 5000.0, 0, False)
    assert (week.ramp_pct, week.ramp_flag, week.two_week_pct, week.two_week_flag) == (
        None,
        False,
        None,
        False,
    )


def test_first_weeks_have_no_ramp_against_weeks_outside_the_series():
    """Four whole weeks of 10, 10, 10, 20 km: the first has no ramp and no flag, the second a
    week-to-week ramp only (no two-week ramp: there is no week two before it), the fourth
    +100 % on both (flagged)."""
    loads = []
    for km in (10, 10, 10, 20):
        loads += [km * 1000.0] + [0.0] * 6
    weeks = weekly_loads(D0, loads)
    assert (weeks[0].ramp_flag, weeks[0].two_week_flag, weeks[0].ramp_pct) == (False, False, None)
    assert (weeks[1].ramp_pct, weeks[1].two_week_pct, weeks[1].two_week_flag) == (0.0, None, False)
    assert (weeks[3].ramp_flag, weeks[3].two_week_flag) == (True, True)


def test_longest_before_leaves_out_the_day_itself_and_empty_runs():
    """The day's own run is not "before" it; a run of 0 m is no run; a run of 0.5 m is one."""
    assert longest_before([(day(5), 20000.0)], day(5)) is None
    assert longest_before([(day(0), 0.0)], day(1)) is None
    assert longest_before([(day(0), 0.5)], day(1)) == 0.5


def test_the_first_run_of_the_journal_is_a_base_for_spikes():
    """10 km on day 0, 11.5 km on day 5: 15 % longer than the first run, a spike."""
    found = spikes([(day(0), 10000.0), (day(5), 11500.0)])
    assert [(s.date, s.longest_before_m) for s in found] == [(day(5), 10000.0)]


def test_spikes_count_runs_of_less_than_a_metre():
    """Any run over 0 m is a run: 0.5 m after 0.3 m is a spike, 1 km after 0.5 m too."""
    assert [s.metres for s in spikes([(day(0), 0.3), (day(1), 0.5)])] == [0.5]
    assert [s.metres for s in spikes([(day(0), 0.5), (day(1), 1000.0)])] == [1000.0]


@pytest.mark.parametrize(
    ("ratios", "band"),
    [
        ((0.5, 1.0), "under-training"),  # below 0.8 is named over the sweet spot
        ((1.0, 0.5), "under-training"),
        ((0.5, 1.4), "caution"),
        ((1.4, 1.6), "danger"),
        ((1.6, 1.4), "danger"),
        ((None, 1.0), "sweet spot"),
        ((1.0,), "sweet spot"),
        ((None,), None),
        ((), None),
    ],
)
def test_worse_band_is_the_more_cautious(ratios, band):
    """Danger over caution over the others; under-training is named before the sweet spot;
    a missing ratio is left out, and none at all is no band."""
    assert worse_band(*ratios) == band


def test_a_run_exactly_30_or_100_percent_longer_is_in_the_lower_tier():
    """Frandsen's tiers are 10-30 %, 30-100 %, above 100 %: the bounds belong below, whatever
    the floating point says (13 / 10 - 1 is 0.30000000000000004)."""
    import datetime as dt

    from backjournal.domain.load import Spike
    from backjournal.report.data import _spike_tier

    day = dt.date(2026, 11, 20)
    thirty = Spike(day, 13_000, 10_000)
    assert thirty.pct == 30 and thirty.tier == spike_tier(30.0)
    assert _spike_tier(thirty.pct) == "10-30 % longer"
    double = Spike(day, 20_000, 10_000)
    assert double.pct == 100 and _spike_tier(double.pct) == "30-100 % longer"


def test_a_two_week_ramp_needs_the_week_two_before_complete_not_the_current_one():
    """Weeks of 10, 10, 20 km, then two days of the current week: the third week is +100 % on
    the first (complete) and flagged, whatever the current partial week holds."""
    loads = []
    for km in (10, 10, 20):
        loads += [km * 1000.0] + [0.0] * 6
    loads += [1000.0, 0.0]
    weeks = weekly_loads(D0, loads)
    assert (weeks[2].two_week_pct, weeks[2].two_week_flag) == (100.0, True)
    assert weeks[3].complete is False
