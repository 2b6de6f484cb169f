"""The exercise domain: the library, doses, weekdays, scheduling over time, adherence and streaks,
and the phase suggestions with their edges (pure functions, no journal)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain import adherence as adh
from backjournal.domain import exercises as ex
from backjournal.domain.adherence import ProgrammeSpan, adherence, day_counts, phase_suggestion
from backjournal.domain.exercises import (
    KINDS,
    LIBRARY,
    STARTERS,
    Dose,
    Exercise,
    ProgrammeItem,
    close_matches,
    format_weekdays,
    parse_dose,
    parse_weekdays,
    starter_items,
)
from backjournal.domain.parse import InvalidValue
from backjournal.domain.values import PHASES

D = dt.timedelta


def days_back(n: int) -> dt.date:
    return TODAY - D(days=n)


# --- the library ---------------------------------------------------------------------------------


def test_library_holds_the_clinical_staples_with_everything_filled_in():
    """At least 16 built-ins, every CLINICAL.md staple among them, each complete and valid."""
    ids = [e.id for e in LIBRARY]
    assert len(ids) >= 16 and len(set(ids)) == len(ids)
    staples = {
        "glute-bridge", "bird-dog", "dead-bug", "side-plank", "mcgill-curl-up", "clamshell",
        "plank", "single-leg-rdl", "calf-raise", "knee-to-chest", "hamstring-stretch",
        "hip-flexor-stretch", "piriformis-stretch", "cat-camel", "childs-pose", "prone-press-up",
    }  # fmt: skip
    assert staples <= set(ids)
    for exercise in LIBRARY:
        assert exercise.errors() == {}, exercise.id
        assert 3 <= len(exercise.steps) <= 5, exercise.id
        assert exercise.targets and exercise.stop_when and exercise.builtin
    assert {e.kind for e in LIBRARY} == set(KINDS)


def test_starters_name_built_ins_once_each_for_every_phase():
    """Each phase has a starter programme of built-in exercises, none twice, with valid days."""
    assert set(STARTERS) == set(PHASES)
    for phase in PHASES:
        items = starter_items(phase)
        assert items and ex.programme_errors(items, ex.BUILTIN_IDS) == {}


def test_a_user_exercise_is_checked_field_by_field():
    """A bad id, empty name, unknown kind, no steps and a bad dose are each named."""
    bad = Exercise("Bad Id", " ", "yoga", "", (), Dose(0, reps=5), "", builtin=False)
    errs = bad.errors()
    assert {"id", "name", "kind", "steps", "sets"} <= set(errs)
    assert "lowercase" in errs["id"]
    good = Exercise("wall-angel", "Wall", "mobility", "shoulders", ("Stand.",), Dose(2, 10), "")
    assert good.errors() == {}


def test_ids_are_slugs():
    """check_id accepts slugs only; slugify makes one from a name."""
    assert ex.check_id("bird-dog") is None
    for bad in ("", "Bird", "a--b", "-a", "a-", "a b", "x" * 41, None):
        assert ex.check_id(bad) is not None
    assert ex.slugify("Wall sit (easy)!") == "wall-sit-easy"


# --- doses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, dose",
    [
        ("3 x 10", Dose(3, reps=10)),
        ("3x10", Dose(3, reps=10)),
        ("3 × 10 reps", Dose(3, reps=10)),
        ("3 x 10 per side", Dose(3, reps=10, per_side=True)),
        ("3x8/side", Dose(3, reps=8, per_side=True)),
        ("3 x 30 s hold", Dose(3, hold_s=30)),
        ("3 x 30s", Dose(3, hold_s=30)),
        ("2 x 1 min each side", Dose(2, hold_s=60, per_side=True)),
        ("  3   X 30 SEC HOLD PER SIDE ", Dose(3, hold_s=30, per_side=True)),
    ],
)
def test_doses_are_read_as_people_write_them(text, dose):
    """parse_dose reads repetitions, holds, minutes and per side in their usual spellings."""
    assert parse_dose(text) == dose


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "a dose is needed"),
        ("ten", "is not a dose; write it as 3 x 10"),
        ("3 x", "is not a dose"),
        ("0 x 10", "sets must be a whole number from 1 to 20"),
        ("21 x 10", "sets must be"),
        ("3 x 0", "repetitions must be"),
        ("3 x 601 s", "a hold must be whole seconds from 1 to 600"),
        ("3 x 10 reps hold", "is not a dose"),
    ],
)
def test_bad_doses_are_refused_with_a_clear_message(text, message):
    """parse_dose raises InvalidValue saying what is wrong and how to write a dose."""
    with pytest.raises(InvalidValue, match=message):
        parse_dose(text)


def test_dose_text():
    """Doses print as "3 x 10", "3 x 10 per side", "3 x 30 s hold"."""
    assert Dose(3, reps=10).text() == "3 x 10"
    assert Dose(3, reps=10, per_side=True).text() == "3 x 10 per side"
    assert Dose(3, hold_s=30).text() == "3 x 30 s hold"
    assert Dose(2, hold_s=45, per_side=True).text() == "2 x 45 s hold per side"


doses = st.builds(
    Dose,
    sets=st.integers(1, ex.MAX_SETS),
    reps=st.one_of(st.none(), st.integers(1, ex.MAX_REPS)),
    hold_s=st.integers(1, ex.MAX_HOLD_S),
    per_side=st.booleans(),
).map(lambda d: Dose(d.sets, d.reps, None if d.reps else d.hold_s, d.per_side))


@given(doses)
def test_a_dose_reads_back_from_its_text(dose):
    """Every valid dose's text parses back to the same dose."""
    assert dose.errors() == {}
    assert parse_dose(dose.text()) == dose


@given(st.text(max_size=30))
def test_parse_dose_gives_a_dose_or_invalid_value(text):
    """Any text gives a valid dose or an InvalidValue, never another error."""
    try:
        dose = parse_dose(text)
    except InvalidValue as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert dose.errors() == {}


# --- weekdays and matches ------------------------------------------------------------------------


def test_weekdays_read_and_print():
    """Days read as names, ranges, daily and weekdays, and print short."""
    assert parse_weekdays("mon wed fri") == (0, 2, 4)
    assert parse_weekdays("Tuesday,thu") == (1, 3)
    assert parse_weekdays("mon-fri") == (0, 1, 2, 3, 4)
    assert parse_weekdays("sat-mon") == (0, 5, 6)
    assert parse_weekdays("daily") == ex.ALL_DAYS
    assert format_weekdays((0, 2, 4)) == "Mon Wed Fri"
    assert format_weekdays(ex.ALL_DAYS) == "daily"
    assert format_weekdays((0, 1, 2, 3, 4)) == "weekdays"
    with pytest.raises(InvalidValue, match="'funday' is not a day"):
        parse_weekdays("mon funday")


def test_close_matches_find_typos_and_parts():
    """A typo or a part of an id finds the id; a single letter finds nothing silly."""
    assert close_matches("brid-dog", ex.BUILTIN_IDS) == ["bird-dog"]
    assert close_matches("bridge", ex.BUILTIN_IDS) == ["glute-bridge"]
    assert "side-plank" in close_matches("plank", ex.BUILTIN_IDS)
    assert close_matches("x", ex.BUILTIN_IDS) == []
    message = ex.unknown_id_message("hamstring", ex.BUILTIN_IDS)
    assert "did you mean hamstring-stretch?" in message


def test_programme_errors_name_unknown_and_repeated_exercises():
    """An unknown id (with its close match), an exercise twice, and bad days are named."""
    items = [
        ProgrammeItem("brid-dog", Dose(3, 8), (0,)),
        ProgrammeItem("plank", Dose(3, hold_s=30), (0,)),
        ProgrammeItem("plank", Dose(3, hold_s=30), (1,)),
        ProgrammeItem("bird-dog", Dose(3, 8), ()),
    ]
    errs = ex.programme_errors(items, ex.BUILTIN_IDS)
    assert "bird-dog" in errs["items.0.exercise"]
    assert "twice" in errs["items.2.exercise"]
    assert "items.3.days" in errs


# --- scheduling ----------------------------------------------------------------------------------


def test_each_day_is_judged_by_the_programme_in_force_that_day():
    """An edit closes the old items: days before it keep the old schedule, days after the new."""
    edit = dt.date(2026, 11, 16)  # a Monday
    spans = [
        ProgrammeSpan("plank", ex.ALL_DAYS, dt.date(2026, 11, 1), edit),
        ProgrammeSpan("bird-dog", (0, 2, 4), edit),
        ProgrammeSpan("glute-bridge", ex.ALL_DAYS, edit),
    ]
    ticks = {dt.date(2026, 11, 15): {"plank", "bird-dog"}, edit: {"bird-dog", "plank"}}
    counts = day_counts(spans, ticks, dt.date(2026, 10, 31), dt.date(2026, 11, 17))
    assert counts[dt.date(2026, 10, 31)] == (0, 0)  # before any programme
    assert counts[dt.date(2026, 11, 15)] == (1, 1)  # old programme: only plank counts
    assert counts[edit] == (2, 1)  # new programme: bird-dog and bridge, plank is an extra
    assert counts[dt.date(2026, 11, 17)] == (1, 0)  # Tuesday: bridge only


# --- adherence -----------------------------------------------------------------------------------


def test_adherence_percentages_over_7_and_28_days():
    """pct7 and pct28 are done / scheduled over their windows; the strip has 28 days."""
    days = {days_back(n): (2, 1) for n in range(1, 28)}  # 50 % on every finished day
    days.update({days_back(n): (2, 2) for n in range(1, 7)})  # the last six days complete
    result = adherence(days, TODAY)
    assert result.pct7 == pytest.approx(12 / 12)
    assert result.pct28 == pytest.approx((12 + 21) / (12 + 42))
    assert len(result.strip) == 28
    assert result.strip[0][0] == days_back(27) and result.strip[-1][0] == TODAY


def test_a_twelve_week_strip_reads_the_same_days():
    """strip_of gives any length of days up to today, done capped at scheduled: the wide
    Exercises screen shows 84 of them."""
    days = {days_back(80): (2, 1), days_back(3): (1, 4)}
    strip = adh.strip_of(days, TODAY, 84)
    assert len(strip) == 84 and strip[0][0] == days_back(83) and strip[-1][0] == TODAY
    assert strip[3] == (days_back(80), 2, 1) and strip[-4] == (days_back(3), 1, 1)
    assert strip[-28:] == adherence(days, TODAY).strip


def test_nothing_scheduled_gives_no_percentage():
    """Without anything scheduled the percentages are None, not 0 % or 100 %."""
    result = adherence({}, TODAY)
    assert result.pct7 is None and result.pct28 is None and result.streak == 0


def test_today_counts_only_what_is_ticked():
    """An unfinished today does not lower the percentage; each tick today raises it."""
    base = {days_back(n): (2, 1) for n in range(1, 7)}
    assert adherence({**base, TODAY: (3, 0)}, TODAY).pct7 == pytest.approx(0.5)
    assert adherence({**base, TODAY: (3, 2)}, TODAY).pct7 == pytest.approx(8 / 14)


def test_extra_ticks_never_push_a_day_over_its_schedule():
    """done is capped at scheduled (extras do not count)."""
    result = adherence({days_back(1): (2, 5)}, TODAY)
    assert result.pct7 == 1.0 and result.strip[-2] == (days_back(1), 2, 2)


def test_streak_counts_complete_days_skipping_unscheduled_ones():
    """Complete days count, days with nothing scheduled neither count nor break, an incomplete
    past day breaks, and an incomplete today does not."""
    days = {
        TODAY: (2, 1),  # not over yet: does not break
        days_back(1): (2, 2),
        days_back(2): (0, 0),  # rest from exercises: skipped
        days_back(3): (1, 1),
        days_back(4): (3, 2),  # incomplete: the streak stops here
        days_back(5): (1, 1),
    }
    assert adherence(days, TODAY).streak == 2
    assert adherence({**days, TODAY: (2, 2)}, TODAY).streak == 3


day_pairs = st.integers(0, 6).flatmap(lambda s: st.tuples(st.just(s), st.integers(0, 8)))


@settings(max_examples=examples(0.5))
@given(st.dictionaries(st.integers(0, 40), day_pairs, max_size=41))
def test_adherence_invariants(by_offset):
    """Percentages stay within 0..1, the streak within the days scheduled, and the strip is the
    last 28 days oldest first, whatever the days hold."""
    days = {days_back(n): pair for n, pair in by_offset.items()}
    result = adherence(days, TODAY)
    for pct in (result.pct7, result.pct28):
        assert pct is None or 0.0 <= pct <= 1.0
    assert 0 <= result.streak <= sum(1 for s, _ in days.values() if s)
    assert [d for d, _, _ in result.strip] == [days_back(n) for n in range(27, -1, -1)]
    assert all(0 <= done <= sched for _, sched, done in result.strip)


def test_weekly_adherence_by_week_start():
    """weekly() sums each week (by the week-start setting) and leaves out empty weeks."""
    monday = dt.date(2026, 11, 16)
    days = {monday + D(days=i): (2, 1 + (i % 2)) for i in range(7)}
    days[monday + D(days=14)] = (0, 0)
    result = adh.weekly(days, "monday")
    assert result == {monday: pytest.approx(10 / 14)}
    sunday_weeks = adh.weekly(days, "sunday")
    assert set(sunday_weeks) == {dt.date(2026, 11, 15), dt.date(2026, 11, 22)}


# --- phase suggestions ---------------------------------------------------------------------------


def pain_days(n: int, back: int = 1, leg: int = 0, end: dt.date = TODAY) -> dict:
    return {end - D(days=i): (back, leg) for i in range(n)}


def done_days(n: int, scheduled: int, done: int, end: dt.date = TODAY) -> dict:
    return {end - D(days=i): (scheduled, done) for i in range(n)}


def test_maintenance_is_suggested_after_exactly_14_calm_days_at_70_percent():
    """14 days of pain <= 2 and exactly 70 % done suggest maintenance, with the numbers."""
    # 7 of 10 scheduled exercises done over the 14 days: exactly 70 %.
    adh = {days_back(1 + i): ((1, 1) if i < 7 else (1, 0)) for i in range(10)}
    pain = pain_days(14, back=2, leg=2, end=days_back(1))
    found = phase_suggestion("strengthening", pain, adh, TODAY)
    assert found is not None and found.kind == "maintenance" and found.to_phase == "maintenance"
    assert "14 days" in found.reason and "70 %" in found.reason and "7 of 10" in found.reason
    assert phase_suggestion("relief", pain, adh, TODAY) is not None


def test_no_maintenance_after_13_days():
    """13 calm days (the 14th back has no score) suggest nothing."""
    adh = done_days(14, 1, 1, end=days_back(1))
    pain = pain_days(13, end=days_back(1))
    assert phase_suggestion("strengthening", pain, adh, TODAY) is None
    pain[days_back(14)] = (3, 0)  # the 14th day back scored, but above 2
    assert phase_suggestion("strengthening", pain, adh, TODAY) is None


def test_no_maintenance_below_70_percent():
    """69.x % done over the 14 days suggests nothing (no rounding up)."""
    # 9 of 13 = 69.2 %
    adh = {days_back(1 + i): ((1, 1) if i < 9 else (1, 0)) for i in range(13)}
    pain = pain_days(14, end=days_back(1))
    assert phase_suggestion("strengthening", pain, adh, TODAY) is None
    adh[days_back(14)] = (1, 1)  # 10 of 14 = 71.4 %
    assert phase_suggestion("strengthening", pain, adh, TODAY) is not None


def test_a_missing_day_blocks_the_maintenance_suggestion():
    """A day without any pain score inside the 14 days blocks it; a site not scored does not."""
    adh = done_days(14, 1, 1, end=days_back(1))
    pain = pain_days(14, end=days_back(1))
    del pain[days_back(7)]
    assert phase_suggestion("strengthening", pain, adh, TODAY) is None
    pain[days_back(7)] = (None, None)
    assert phase_suggestion("strengthening", pain, adh, TODAY) is None
    pain[days_back(7)] = (1, None)
    assert phase_suggestion("strengthening", pain, adh, TODAY) is not None


def test_maintenance_needs_a_programme_and_is_not_suggested_during_maintenance():
    """Nothing scheduled, or already in maintenance: no maintenance suggestion."""
    pain = pain_days(14)
    assert phase_suggestion("strengthening", pain, {}, TODAY) is None
    assert phase_suggestion("maintenance", pain, done_days(14, 1, 1), TODAY) is None


def test_today_is_judged_once_scored_else_yesterday():
    """With today scored the window ends today; without, it ends yesterday."""
    adh = done_days(15, 1, 1)
    pain = pain_days(14)  # today and the 13 days before
    assert phase_suggestion("relief", pain, adh, TODAY) is not None
    del pain[TODAY]  # now only 13 days end yesterday
    assert phase_suggestion("relief", pain, adh, TODAY) is None


def test_going_back_is_suggested_when_pain_rises_2_points_within_3_days():
    """During maintenance, back (or leg) pain 2 points above one of the 3 days before suggests
    going back to strengthening; a rise of 1, or over 4 days, does not."""
    pain = {days_back(3): (1, 0), days_back(2): (2, 0), days_back(1): (2, 0), TODAY: (3, 0)}
    found = phase_suggestion("maintenance", pain, {}, TODAY)
    assert found is not None and found.kind == "back" and found.to_phase == "strengthening"
    assert "rose from 1" in found.reason and "to 3" in found.reason
    pain[days_back(3)] = (2, 0)
    assert phase_suggestion("maintenance", pain, {}, TODAY) is None  # a rise of 1
    pain[days_back(4)] = (0, 0)
    assert phase_suggestion("maintenance", pain, {}, TODAY) is None  # 4 days back: too far
    leg = {days_back(1): (1, 1), TODAY: (1, 3)}
    assert "Leg pain rose" in phase_suggestion("maintenance", leg, {}, TODAY).reason


def test_going_back_skips_missing_days_and_waits_for_a_score():
    """Missing days among the 3 before are skipped; with none scored, no suggestion; an
    unscored today is judged from yesterday; outside maintenance nothing."""
    pain = {days_back(3): (1, 0), TODAY: (3, 0)}
    assert phase_suggestion("maintenance", pain, {}, TODAY) is not None
    assert phase_suggestion("maintenance", {TODAY: (5, 0)}, {}, TODAY) is None
    yesterday = {days_back(2): (0, 0), days_back(1): (2, 0)}
    assert phase_suggestion("maintenance", yesterday, {}, TODAY) is not None
    assert phase_suggestion("strengthening", pain, {}, TODAY) is None


_IDS = st.sampled_from(["bird-dog", "plank", "glute-bridge"])
_DAY = st.integers(min_value=0, max_value=40).map(lambda n: dt.date(2026, 10, 1) + dt.timedelta(n))


@st.composite
def _span(draw) -> adh.ProgrammeSpan:
    start = draw(_DAY)
    length = draw(st.none() | st.integers(min_value=1, max_value=30))
    days = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))))
    end = None if length is None else start + dt.timedelta(days=length)
    return adh.ProgrammeSpan(draw(_IDS), days, start, end)


@settings(max_examples=examples(0.5))
@given(
    spans=st.lists(_span(), max_size=6),
    ticks=st.dictionaries(_DAY, st.sets(_IDS), max_size=20),
    start=_DAY,
    length=st.integers(min_value=0, max_value=30),
)
def test_day_counts_agree_with_the_definition(spans, ticks, start, length):
    """day_counts (each span marking its own weekdays) gives, for every day, the number of
    exercises some span schedules that day and how many of those were ticked: the definition,
    checked day by day."""
    end = start + dt.timedelta(days=length)
    counts = adh.day_counts(spans, ticks, start, end)
    assert list(counts) == [start + dt.timedelta(days=i) for i in range(length + 1)]
    for day, (scheduled, done) in counts.items():
        due = {s.exercise_id for s in spans if s.scheduled_on(day)}
        assert (scheduled, done) == (len(due), len(due & set(ticks.get(day, ()))))


def test_the_relief_starter_follows_clinical_md():
    """Relief: walking, McGill curl-up, bird dog, side plank, glute bridge; the nerve slider
    only with leg symptoms; every stop rule names the spread of symptoms; the press-up carries
    the extension caution; the screen's lines say starting points, not prescriptions."""
    from backjournal.domain.exercises import (
        MORNING_ADVICE,
        STARTING_POINTS,
        builtin,
        starter_items,
    )

    ids = [i.exercise_id for i in starter_items("relief")]
    assert ids == ["walking", "mcgill-curl-up", "bird-dog", "side-plank", "glute-bridge"]
    with_legs = [i.exercise_id for i in starter_items("relief", leg_symptoms=True)]
    assert with_legs == ids + ["nerve-glide"]
    for exercise in LIBRARY:
        assert exercise.stop_when.endswith(
            "Stop if symptoms spread further down a leg, or tingling, numbness or weakness "
            "appear or grow."
        ), exercise.id
    press_up = builtin("prone-press-up")
    assert press_up.steps[0] == (
        "Not if bending backwards brings on leg symptoms; ask a clinician first if you have "
        "spinal stenosis or spondylolysis."
    )
    assert "disc" not in press_up.targets and builtin("nerve-glide").name == "Sciatic nerve slider"
    assert "not prescriptions" in STARTING_POINTS and "first hour after rising" in MORNING_ADVICE
