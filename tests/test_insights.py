"""Insights: plain sentences comparing next-morning pain after different days, checked on
constructed journals whose answers are known, with the 3-days-on-each-side rule."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from backjournal.domain.insights import (
    ASSOCIATION,
    Comparison,
    default_threshold,
    insights,
)
from backjournal.domain.models import DayEntry, Run, Shoe
from backjournal.domain.trends import DayRow, RunRow, TrendData
from backjournal.domain.values import METRES_PER_MILE
from backjournal.store.shoes import add_shoe, set_retired

OCT1 = dt.date(2026, 10, 1)  # a Thursday
LONG = (0, 4, 8, 12)  # 16 km long runs on trails
SHORT = (2, 6, 10, 14, 16)  # 5 km easy runs on road


def wake_on(i: int) -> int:
    """Back pain on waking on day ``i``: 5 after a long run, 2 after a short one, else 3."""
    if i - 1 in LONG:
        return 5
    if i - 1 in SHORT:
        return 2
    return 3


@pytest.fixture
def known(journal):
    """19 days from 1 October: next mornings 5.0 after long runs, 2.0 after short, 3.0 after
    rest; every run day itself and every morning two days on is 3."""
    for i in range(19):
        runs = []
        if i in LONG:
            runs = [Run(16000.0, type="long", surface="trail")]
        elif i in SHORT:
            runs = [Run(5000.0, type="easy", surface="road")]
        date = (OCT1 + dt.timedelta(days=i)).isoformat()
        journal.save_day(DayEntry(date, back_wake=wake_on(i), runs=runs), TODAY)
    return journal.trends.data(OCT1, OCT1 + dt.timedelta(days=18))


def by_key(found):
    return {i.key: i for i in found}


def test_run_length_with_known_answer(known):
    """Long runs: next morning 5.0 vs 2.0 over 4 vs 5 days, 3 points: clinically meaningful."""
    found = by_key(insights(known, threshold_m=15000))
    distance = found["distance"]
    assert distance.text == (
        "Next-morning back pain averages 5.0 after runs over 15 km and 2.0 after shorter runs "
        "(4 vs 5 days): 3.0 points higher, at least the 2 points that count as a clinically "
        f"meaningful change. {ASSOCIATION}"
    )
    assert distance.detail == (
        "The same morning: 3.0 vs 3.0 (4 vs 5 days); two mornings later: 3.0 vs 3.0 (4 vs 5 days)."
    )
    main = distance.main
    assert (main.mean_a, main.mean_b, main.days_a, main.days_b) == (5.0, 2.0, 4, 5)
    assert main.difference == 3.0 and distance.enough


def test_the_default_threshold_splits_off_the_longest_quarter(known):
    """Without a threshold, the whole km below the upper quartile (16 km runs: over 15 km)."""
    assert by_key(insights(known))["distance"].label_a == "after runs over 15 km"
    assert default_threshold([5000.0] * 5 + [16000.0] * 4, "km") == 15000.0
    assert default_threshold([15300.0] * 4, "km") == 15000.0
    assert default_threshold([300.0], "km") == 1000.0
    assert default_threshold([], "km") is None


def test_run_days_against_rest_days(known):
    """Run days (9) average 30/9 = 3.3 next morning; rest days (9) 3.0: a small difference."""
    rest = by_key(insights(known, threshold_m=15000))["rest"]
    assert (rest.main.days_a, rest.main.days_b) == (9, 9)
    assert rest.main.mean_a == pytest.approx(30 / 9)
    assert "3.3 after run days and 3.0 after rest days (9 vs 9 days): 0.3 points higher, less " in (
        rest.text
    )


def test_run_type_and_surface(known):
    """Long runs and trails (the same days here) against the rest: 5.0 vs 2.0; easy runs and
    road the other way round; types and surfaces never run are not compared."""
    found = by_key(insights(known, threshold_m=15000))
    assert set(found) == {
        "distance",
        "rest",
        "type:easy",
        "type:long",
        "surface:road",
        "surface:trail",
        "ramp",
    }
    assert found["type:long"].text.startswith(
        "Next-morning back pain averages 5.0 after long runs and 2.0 after other runs (4 vs 5 "
    )
    assert "5.0 after runs on trails and 2.0 after runs on other surfaces" in (
        found["surface:trail"].text
    )
    assert "3.0 points lower" in found["type:easy"].text


def test_not_enough_ramp_weeks(known):
    """No week of the constructed journal ramped: the ramp comparison says so, with counts."""
    ramp = by_key(insights(known))["ramp"]
    assert not ramp.enough
    assert ramp.text == (
        "Weeks that ramped up more than 10 % vs other weeks: not enough data yet (0 vs 7 days "
        "with a next-morning back pain score; 3 needed on each side)."
    )


def make_data(start, end, wake, runs=(), first_day=None, site="back") -> TrendData:
    """TrendData from ``{date: wake score}`` and ``[(date, km, type, surface[, shoe_id])]``."""
    rows = tuple(DayRow(d.isoformat(), **{f"{site}_wake": w}) for d, w in sorted(wake.items()))
    run_rows = tuple(RunRow(d.isoformat(), km * 1000, *rest) for d, km, *rest in runs)
    daily = tuple((r.date, r.distance_m, 1) for r in run_rows)
    return TrendData(
        start=start, end=end, first_day=first_day or start, daily=daily, runs=run_rows, days=rows
    )


@pytest.mark.parametrize("long_days, stated", [(2, False), (3, True)])
def test_three_days_on_each_side(long_days, stated):
    """Two days on one side: "not enough data yet"; three: the comparison is stated."""
    start = dt.date(2026, 6, 1)
    runs, wake = [], {}
    for i in range(10):
        d = start + dt.timedelta(days=2 * i)
        long = i < long_days
        runs.append((d, 20 if long else 5, "easy", "road"))
        wake[d + dt.timedelta(days=1)] = 6 if long else 1
    data = make_data(start, start + dt.timedelta(days=21), wake, runs)
    distance = by_key(insights(data, threshold_m=10000))["distance"]
    assert distance.enough is stated
    if stated:
        assert "averages 6.0 after runs over 10 km and 1.0 after shorter runs (3 vs 7 days)" in (
            distance.text
        )
        assert distance.text.endswith(ASSOCIATION)
    else:
        assert "not enough data yet (2 vs 8 days" in distance.text
        assert "averages" not in distance.text


def test_ramp_weeks_with_known_answer():
    """One week at +100 % whose next mornings are 5 against 2 in the other weeks: 7 vs 20 days
    (the first week has no base, the last misses its final next morning)."""
    start = dt.date(2026, 6, 1)  # a Monday
    end = start + dt.timedelta(days=34)  # five weeks
    totals = (10, 10, 20, 10, 10)
    runs = [(start + dt.timedelta(weeks=w), km, "easy", "road") for w, km in enumerate(totals)]
    wake = {start + dt.timedelta(days=i): 2 for i in range(35)}
    for i in range(14, 21):  # the mornings after the days of the third week (days 14-20)
        wake[start + dt.timedelta(days=i + 1)] = 5
    ramp = by_key(insights(make_data(start, end, wake, runs)))["ramp"]
    assert (ramp.main.days_a, ramp.main.days_b) == (7, 20)
    assert ramp.text.startswith(
        "Next-morning back pain averages 5.0 in weeks that ramped up more than 10 % and 2.0 in "
        "other weeks (7 vs 20 days): 3.0 points higher"
    )


def test_adherence_only_when_exercise_data_exists():
    """No adherence given (exercises are not recorded yet): no sentence; with weekly adherence,
    weeks at 70 % or more are compared with the others."""
    start = dt.date(2026, 6, 1)
    end = start + dt.timedelta(days=20)
    wake = {start + dt.timedelta(days=i): (1 if i <= 7 else 4) for i in range(21)}
    data = make_data(start, end, wake)
    assert "adherence" not in by_key(insights(data))
    adherence = {start: 0.8, start + dt.timedelta(weeks=1): 0.7, start + dt.timedelta(weeks=2): 0.2}
    found = by_key(insights(data, adherence=adherence))["adherence"]
    # Week 1 mornings after (days 1-7) are 1; weeks 2 (0.7 counts as adherent) and 3 are 4.
    assert (found.main.days_a, found.main.days_b) == (14, 6)
    assert "in weeks with 70 % or more of the programme done" in found.text
    assert found.main.mean_a == pytest.approx((7 * 1 + 7 * 4) / 14)


def test_distances_follow_the_unit_setting():
    """In miles the threshold is said in miles."""
    start = dt.date(2026, 6, 1)
    data = make_data(start, start + dt.timedelta(days=3), {}, [(start, 20, "easy", "road")])
    found = insights(data, units="mi", threshold_m=10 * METRES_PER_MILE)
    assert by_key(found)["distance"].label_a == "after runs over 10 mi"
    assert default_threshold([12.5 * METRES_PER_MILE] * 4, "mi") == pytest.approx(
        12 * METRES_PER_MILE
    )


def test_leg_pain_can_be_compared_too():
    """``site="leg"`` compares leg pain on waking, and says so."""
    start = dt.date(2026, 6, 1)
    wake = {start + dt.timedelta(days=i): i % 3 for i in range(12)}
    runs = [(start + dt.timedelta(days=i), 5, "easy", "road") for i in range(0, 12, 2)]
    data = make_data(start, start + dt.timedelta(days=11), wake, runs, site="leg")
    rest = by_key(insights(data, site="leg"))["rest"]
    assert rest.text.startswith("Next-morning leg pain averages")
    assert rest.main.days_a + rest.main.days_b == 11  # the last day has no next morning


def test_differences_are_stated_from_the_rounded_means():
    """The difference said matches the two numbers said (4.15 and 2.34 read 4.2 - 2.3 = 1.9)."""
    assert Comparison(1, 4.15, 2.34, 3, 3).difference == 1.9
    assert Comparison(1, 4.15, 2.34, 2, 3).difference is None


# --- shoes ---------------------------------------------------------------------------------------


@pytest.fixture
def shod(journal):
    """19 days from 1 October: the long runs (next mornings 5) in "Trail Blazers", the short ones
    (next mornings 2) in "Road Kings", and one more short run on day 17 without a shoe (next
    morning 3); the Trail Blazers are retired since."""
    trail = add_shoe(journal, Shoe("Trail Blazers")).id
    road = add_shoe(journal, Shoe("Road Kings")).id
    for i in range(19):
        runs = []
        if i in LONG:
            runs = [Run(16000.0, type="long", surface="trail", shoe_id=trail)]
        elif i in SHORT:
            runs = [Run(5000.0, shoe_id=road)]
        elif i == 17:
            runs = [Run(5000.0)]
        date = (OCT1 + dt.timedelta(days=i)).isoformat()
        journal.save_day(DayEntry(date, back_wake=wake_on(i), runs=runs), TODAY)
    set_retired(journal, "Trail Blazers", True)
    return journal, trail, road


def test_shoes_with_known_answer(shod):
    """Runs in one shoe against runs in the others, by the shoe's name (retired shoes too): 5.0
    vs 2.0 next mornings over 4 vs 5 days; the run without a shoe counts on neither side."""
    journal, trail, road = shod
    data = journal.trends.data(OCT1, OCT1 + dt.timedelta(days=18))
    assert [r.shoe_id for r in data.runs][:2] == [trail, road]
    assert journal.trends.shoe_names() == {trail: "Trail Blazers", road: "Road Kings"}
    found = by_key(insights(data, shoes=journal.trends.shoe_names()))
    blazers = found[f"shoe:{trail}"]
    assert blazers.topic == "shoe"
    assert blazers.text == (
        "Next-morning back pain averages 5.0 after runs in Trail Blazers and 2.0 after runs in "
        "other shoes (4 vs 5 days): 3.0 points higher, at least the 2 points that count as a "
        f"clinically meaningful change. {ASSOCIATION}"
    )
    assert blazers.detail == (
        "The same morning: 3.0 vs 3.0 (4 vs 5 days); two mornings later: 3.0 vs 3.0 (4 vs 5 days)."
    )
    kings = found[f"shoe:{road}"]
    assert (kings.main.mean_a, kings.main.mean_b, kings.main.days_a, kings.main.days_b) == (
        2.0,
        5.0,
        5,
        4,
    )
    assert "2.0 after runs in Road Kings and 5.0 after runs in other shoes" in kings.text
    assert "3.0 points lower" in kings.text


@pytest.mark.parametrize("shoe_days, stated", [(2, False), (3, True)])
def test_shoes_need_three_days_on_each_side(shoe_days, stated):
    """Two days in a shoe: "not enough data yet" with the counts; three: the comparison, with
    the size of the difference and that it is an association."""
    start = dt.date(2026, 6, 1)
    runs, wake = [], {}
    for i in range(8):
        d = start + dt.timedelta(days=2 * i)
        new = i < shoe_days
        runs.append((d, 8, "easy", "road", 1 if new else 2))
        wake[d + dt.timedelta(days=1)] = 4 if new else 1
    data = make_data(start, start + dt.timedelta(days=17), wake, runs)
    shoe = by_key(insights(data, shoes={1: "Zoom Fly", 2: "Clifton"}))["shoe:1"]
    assert shoe.enough is stated
    if stated:
        assert shoe.text == (
            "Next-morning back pain averages 4.0 after runs in Zoom Fly and 1.0 after runs in "
            "other shoes (3 vs 5 days): 3.0 points higher, at least the 2 points that count as a "
            f"clinically meaningful change. {ASSOCIATION}"
        )
    else:
        assert shoe.text == (
            "Runs in Zoom Fly vs runs in other shoes: not enough data yet (2 vs 6 days with a "
            "next-morning back pain score; 3 needed on each side)."
        )


def test_no_shoe_comparison_without_another_shoe():
    """Runs all in one shoe (or none in any) give no shoe sentence: nothing to compare with;
    a shoe whose name is not given is called by its id."""
    start = dt.date(2026, 6, 1)
    wake = {start + dt.timedelta(days=i): i % 4 for i in range(12)}
    one = [(start + dt.timedelta(days=i), 5, "easy", "road", 4) for i in range(0, 12, 2)]
    assert not [
        i
        for i in insights(make_data(start, start + dt.timedelta(days=11), wake, one))
        if i.topic == "shoe"
    ]
    bare = [(start + dt.timedelta(days=i), 5, "easy", "road") for i in range(0, 12, 2)]
    assert not [
        i
        for i in insights(make_data(start, start + dt.timedelta(days=11), wake, bare))
        if i.topic == "shoe"
    ]
    two = one[:3] + [(d, km, t, s, 9) for d, km, t, s, _ in one[3:]]
    found = by_key(insights(make_data(start, start + dt.timedelta(days=11), wake, two)))
    assert found["shoe:4"].label_a == "after runs in shoe 4"
