"""The user's own factors in the insights (issue #17): each split (yes against no, a 0-10 factor
at its median), the days with no answer on neither side, the same statistics bar and sentences
as every other comparison, Benjamini-Hochberg counting them, and the store's one-query read."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import TODAY

from backjournal.domain.clinical import Factor
from backjournal.domain.insights import (
    MEANINGFUL,
    NO_CLEAR,
    NOT_ENOUGH,
    insights,
    own_factors,
)
from backjournal.domain.trends import DayRow, RunRow, TrendData

MONDAY = dt.date(2026, 6, 1)
WEEKS = 12
DAYS = [MONDAY + dt.timedelta(days=i) for i in range(7 * WEEKS)]
# Waking back pain, Monday to Sunday, every week alike. The change by the next morning:
# Monday +4, Tuesday -4, Wednesday to Friday 0, Saturday +4, Sunday -4.
WAKE = (2, 6, 2, 2, 2, 2, 6)
CAVEAT = (
    "People often change what they do, and how they feel, when they hurt more, so the link may "
    "run the other way."
)
DRIVE = Factor("long drive", id=1)
STRESS = Factor("stress", "scale", id=2)


def journal(*, runs: bool = False) -> TrendData:
    """12 weeks of :data:`WAKE` from 1 June 2026 and the next Monday's morning (2); with
    ``runs``, 16 km on Monday and Saturday and 5 km on Wednesday and Friday."""
    days = [DayRow(d.isoformat(), back_wake=WAKE[i % 7]) for i, d in enumerate(DAYS)]
    days.append(DayRow((DAYS[-1] + dt.timedelta(days=1)).isoformat(), back_wake=2))
    km = {0: 16, 2: 5, 4: 5, 5: 16}
    rows = tuple(
        RunRow(d.isoformat(), km[i % 7] * 1000.0)
        for i, d in enumerate(DAYS)
        if runs and i % 7 in km
    )
    daily = tuple((r.date, r.distance_m, 1) for r in rows)
    return TrendData(MONDAY, DAYS[-1], MONDAY, daily=daily, runs=rows, days=tuple(days))


def answers(by_weekday: dict[int, int], weeks: int = WEEKS) -> dict[str, int]:
    """The same answer on the same weekday (0 Monday) of each of the first ``weeks`` weeks."""
    return {
        d.isoformat(): by_weekday[i % 7]
        for i, d in enumerate(DAYS[: 7 * weeks])
        if i % 7 in by_weekday
    }


def found(own, *, runs: bool = False):
    return insights(journal(runs=runs), MONDAY, DAYS[-1], own=own)


def of(result, key):
    return next(i for i in result if i.key == key)


def split(factor: Factor, values: dict[str, int]):
    (only,) = own_factors([(factor, values)], DAYS)
    return only


def test_a_yes_no_factor_with_a_known_answer():
    """Long drives on Monday and Saturday (next morning +4), none on Wednesday to Friday (0),
    unanswered on Tuesday and Sunday: +4.0 points over 24 and 36 days, the unanswered days on
    neither side; clinically meaningful, with the reverse-causation caveat."""
    drive = of(found([(DRIVE, answers({0: 1, 5: 1, 2: 0, 3: 0, 4: 0}))]), "own:1/back")
    assert (drive.factor, drive.topic) == ("own:1", "own")
    assert (drive.n_a, drive.n_b, drive.weeks_a, drive.weeks_b) == (24, 36, 12, 12)
    assert drive.verdict == MEANINGFUL
    assert drive.text == (
        'Days with "long drive" are associated with a difference in the change in back pain by '
        "the next morning: +4.0 points against days answered no (95 % CI +4.0 to +4.0; 24 and "
        "36 days), clinically meaningful (the whole interval is 2 points or more from zero). "
        + CAVEAT
    )


def test_a_day_without_an_answer_is_on_neither_side():
    """Yes is side a, no side b, a day never answered neither (not "no")."""
    drive = split(DRIVE, {DAYS[0].isoformat(): 1, DAYS[1].isoformat(): 0})
    assert drive.side[:3] == [True, False, None]
    assert (drive.key, drive.topic, drive.label_a, drive.label_b) == (
        "own:1",
        "own",
        'days with "long drive"',
        "days answered no",
    )


def test_a_scale_factor_splits_at_its_median_and_the_median_goes_to_or_more():
    """Stress 5, 7, 5, 2, 3 (median 5): the 5s and the 7 against the 2 and the 3."""
    stress = split(STRESS, answers({0: 5, 1: 7, 2: 5, 3: 2, 4: 3}))
    assert stress.side[:7] == [True, True, True, False, False, None, None]
    assert (stress.label_a, stress.label_b) == (
        'days with "stress" 5 or more (the median)',
        "days with less",
    )


def test_a_scale_factor_at_its_median_with_no_clear_difference():
    """Monday to Wednesday at or above the median (mean change 0), Thursday and Friday below
    (0): no clear difference, 36 and 24 days (Wednesday, exactly at the median, is of side a)."""
    stress = of(found([(STRESS, answers({0: 5, 1: 7, 2: 5, 3: 2, 4: 3}))]), "own:2/back")
    assert stress.verdict == NO_CLEAR
    assert stress.text == (
        'Days with "stress" 5 or more (the median) vs days with less, back pain change by the '
        "next morning: no clear difference (0.0 points, 95 % CI 0.0 to 0.0; 36 and 24 days)."
    )


def test_a_median_between_two_values_is_named_as_it_is():
    """Stress 3 and 4 (median 3.5): the 4s are "3.5 or more", the 3s less."""
    stress = split(STRESS, answers({0: 3, 1: 4}))
    assert stress.side[:2] == [False, True]
    assert stress.label_a == 'days with "stress" 3.5 or more (the median)'


def test_a_median_at_the_lowest_answer_splits_above_it():
    """Stress 0 on four days a week and 3 on one (median 0, nothing below it): the days above
    the median against the days at it."""
    stress = split(STRESS, answers({0: 3, 1: 0, 2: 0, 3: 0, 4: 0}))
    assert stress.side[:6] == [True, False, False, False, False, None]
    assert (stress.label_a, stress.label_b) == (
        'days with "stress" over 0 (the median)',
        'days with "stress" at 0',
    )


def test_a_median_at_the_highest_answer_is_of_the_or_more_side():
    """Stress 6 on four days, 1 on one (median 6): the 6s against the 1."""
    stress = split(STRESS, answers({0: 6, 1: 6, 2: 6, 3: 6, 4: 1}))
    assert stress.side[:5] == [True, True, True, True, False]
    assert stress.label_a == 'days with "stress" 6 or more (the median)'


@pytest.mark.parametrize("value", [0, 10])
def test_every_answer_equal_is_no_comparison(value):
    """A 0-10 factor answered 0 (or 10) every time has nothing to compare."""
    assert own_factors([(STRESS, answers({0: value, 3: value}))], DAYS) == []


def test_no_answer_in_the_range_is_no_comparison():
    """Answers before or after the range are not read; a factor without one in it is left out,
    a yes/no factor answered on the range's first and last day is compared."""
    outside = {"2026-05-31": 1, (DAYS[-1] + dt.timedelta(days=1)).isoformat(): 0}
    assert own_factors([(DRIVE, outside)], DAYS) == []
    edges = split(DRIVE, {**outside, DAYS[0].isoformat(): 1, DAYS[-1].isoformat(): 0})
    assert edges.side[0] is True and edges.side[-1] is False
    assert edges.side.count(None) == len(DAYS) - 2


def test_a_factor_with_too_few_days_says_so():
    """Long drives on three Mondays only: "not enough data yet (3 and 36 days; ...)"."""
    drive = answers({2: 0, 3: 0, 4: 0})
    drive.update({DAYS[7 * w].isoformat(): 1 for w in range(3)})
    result = of(found([(DRIVE, drive)]), "own:1/back")
    assert result.verdict == NOT_ENOUGH and result.q is None
    assert result.text == (
        'Days with "long drive" vs days answered no, back pain change by the next morning: not '
        "enough data yet (3 and 36 days; 10 on each side needed)."
    )


def test_retired_factors_and_the_same_split_as_another_are_compared_in_order():
    """A retired factor with answers in the range is compared; a factor that splits the days as
    the runs over the median do is compared too (the user named it); in the order given."""
    long_days = answers({0: 1, 5: 1, 2: 0, 4: 0})
    retired = Factor("lifted heavy", id=7, retired=True)
    result = found([(retired, long_days), (DRIVE, long_days)], runs=True)
    keys = [i.factor for i in result if i.outcome == "back"]
    assert {"distance", "own:7", "own:1"} <= set(keys)
    assert keys.index("own:7") < keys.index("own:1")
    assert of(result, "own:7/back").difference == of(result, "distance/back").difference


def test_benjamini_hochberg_counts_the_own_factors():
    """A tested own factor is one more comparison: the runs over the median keep their p-value,
    and their q-value grows with the number of comparisons tested."""
    alone = found([], runs=True)
    stress = [(STRESS, answers({0: 5, 1: 7, 2: 5, 3: 2, 4: 3}))]
    more = found(stress, runs=True)
    tested = sum(1 for i in alone if i.p is not None)
    assert sum(1 for i in more if i.p is not None) == tested + 1
    before, after = of(alone, "distance/back"), of(more, "distance/back")
    assert after.p == before.p
    assert after.q == pytest.approx(before.q * (tested + 1) / tested)


def test_the_factor_values_for_the_range_in_one_query(journal):
    """On a real journal file: every factor answered in the range, a retired one too, in the
    order they were added, with its answers of the range only; a factor without an answer in
    the range is left out. One SELECT, through the answers' date index."""
    clinical = journal.clinical
    sat = clinical.add_factor(Factor("sat over 6 h"))
    unused = clinical.add_factor(Factor("long drive"))
    stress = clinical.add_factor(Factor("stress", "scale"))
    for date, value in (("2026-10-31", 1), ("2026-11-01", 0), ("2026-11-10", 1)):
        clinical.set_factor(date, sat, value, TODAY)
    clinical.set_factor("2026-10-30", unused, 1, TODAY)
    clinical.set_factor("2026-11-02", stress, 6, TODAY)
    clinical.set_factor("2026-11-11", stress, 0, TODAY)
    journal.conn.execute("UPDATE factor SET retired = 1 WHERE id = ?", (sat.id,))
    seen: list[str] = []
    journal.conn.set_trace_callback(seen.append)
    try:
        series = clinical.factor_series("2026-11-01", dt.date(2026, 11, 10))
    finally:
        journal.conn.set_trace_callback(None)
    (select,) = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert "FROM factor_value" in select
    assert series == [
        (
            dataclasses.replace(sat, retired=True),
            {"2026-11-01": 0, "2026-11-10": 1},
        ),
        (stress, {"2026-11-02": 6}),
    ]
