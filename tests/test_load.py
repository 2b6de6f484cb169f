"""Training load (CLINICAL.md, "Training load"): the daily series, ACWR rolling and EWMA, ramps
and single-run spikes, pinned with hand-computed vectors and at their exact edges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain.load import (
    ACWR_BAND_NAMES,
    acwr_band,
    daily_loads,
    ewma,
    ewma_acwr,
    exceeds,
    longest_before,
    rolling_acwr,
    spike_limit,
    spike_tier,
    spikes,
    weekly_loads,
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
        (150, "over 100 %"),
    ],
)
def test_spike_tiers_follow_frandsen_2025(pct, tier):
    """Frandsen 2025's tiers: 10-30 % (HR 1.64), 30-100 % (1.52), over 100 % (2.28)."""
    assert spike_tier(pct) == tier
