"""The clinical record (issue #17): treatments, the plan's rules, flare-ups, factors and the PSFS,
each rule pinned at its edges, and the shell commands that record them."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.clinical import (
    Appointment,
    Factor,
    FlareUp,
    PlanRule,
    Treatment,
    factors_problem,
    flare_prompt,
    parse_instruction,
    plan_checks,
    psfs_change,
    psfs_items_problem,
    psfs_score,
    settled_prompt,
    waking_baseline,
)
from backjournal.domain.models import ValidationError
from backjournal.domain.parse import InvalidValue, parse_date
from backjournal.store import Journal


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def read(text: str) -> dt.date:
    return parse_date(text, dt.date.max)


# --- treatments -------------------------------------------------------------------------------


def test_a_course_ending_before_it_starts_is_refused():
    """End 2026-11-01 before start 2026-11-02: named; ending on the start day is fine."""
    course = Treatment("naproxen", start="2026-11-02", end="2026-11-01")
    assert course.errors(TODAY) == {
        "end": "the course ends (2026-11-01) before it starts (2026-11-02)"
    }
    assert Treatment("naproxen", start="2026-11-02", end="2026-11-02").errors(TODAY) == {}


def test_a_course_runs_from_its_first_to_its_last_day():
    """Running on its start and end days, not the day before or after; as-needed never runs."""
    course = Treatment("naproxen", start="2026-11-02", end="2026-11-05")
    assert [course.running_on(d) for d in ("2026-11-01", "2026-11-02", "2026-11-05")] == [
        False,
        True,
        True,
    ]
    assert not course.running_on("2026-11-06")
    assert Treatment("x", start="2026-11-02").running_on("2030-01-01")
    assert not Treatment("x", schedule="as-needed", start="2026-11-02").running_on("2026-11-03")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": " x"}, "name"),
        ({"name": "x" * 61}, "name"),
        ({"kind": "pill"}, "kind"),
        ({"schedule": "daily"}, "schedule"),
        ({"start": "2026-11-26"}, "start"),
        ({"start": "soon"}, "start"),
        ({"dose": "x" * 61}, "dose"),
    ],
)
def test_bad_treatments_are_named(values, field):
    """Each bad field is named (a start after today, a name of 61 characters...)."""
    treatment = Treatment(**{"name": "ibuprofen", "start": "2026-11-20", **values})
    assert list(treatment.errors(TODAY)) == [field]


# --- the plan ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("no running until 2026-12-12", "no-running-until", "2026-12-12"),
        ("No runs before 2026-12-12.", "no-running-until", "2026-12-12"),
        ("at most 5k per run", "max-distance-per-run", 5000.0),
        ("no more than 8 per run", "max-distance-per-run", 8000.0),
        ("at most 3 runs a week", "max-runs-per-week", 3),
        ("max 2 runs per week", "max-runs-per-week", 2),
        ("no runs on consecutive days", "no-consecutive-days", None),
        ("no running back-to-back days", "no-consecutive-days", None),
    ],
)
def test_instructions_the_journal_understands(text, kind, value):
    """Each way of saying a rule becomes that rule, starting on the appointment's day."""
    rule = parse_instruction(text, "2026-11-20", "km", read)
    assert (rule.kind, rule.value, rule.start) == (kind, value, "2026-11-20")


def test_other_instructions_are_kept_as_words():
    """'stretch daily' is not a rule: None (the appointment keeps the words)."""
    assert parse_instruction("stretch daily", "2026-11-20", "km", read) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "no running until 2026-11-20",
            "'no running until 2026-11-20' is not after the appointment (2026-11-20)",
        ),
        ("at most 0 runs a week", "runs a week: a whole number from 1 to 14"),
        ("at most 15 runs a week", "runs a week: a whole number from 1 to 14"),
        ("at most 0k per run", "the longest run allowed is more than 0 and at most 300 km"),
    ],
)
def test_understood_instructions_with_bad_values_are_refused(text, message):
    """An instruction dated on (or before) its appointment, or a limit out of range."""
    with pytest.raises(InvalidValue) as exc:
        parse_instruction(text, "2026-11-20", "km", read)
    assert exc.value.message == message


def test_no_running_is_red_until_the_day_before_its_date():
    """'No running until 12 Dec': red on the appointment day and 11 Dec, gone on 12 Dec."""
    rule = PlanRule("no-running-until", "2026-12-01", "2026-12-12", "no running until 12 Dec")
    checks = plan_checks([rule], "2026-12-11", [], "2026-12-07")
    assert [(c.level, c.text) for c in checks] == [
        ("red", "No running until 2026-12-12 (your clinician's plan)")
    ]
    assert plan_checks([rule], "2026-12-01", [], "2026-11-30")[0].level == "red"
    assert plan_checks([rule], "2026-12-12", [], "2026-12-07") == []
    assert plan_checks([rule], "2026-11-30", [], "2026-11-30") == []


def test_runs_a_week_is_amber_once_the_limit_is_reached():
    """At most 3 a week: 3 runs this week make today amber, 2 do not; last week's do not count."""
    rule = PlanRule("max-runs-per-week", "2026-11-01", 3)
    week = "2026-11-23"
    runs = ["2026-11-22", "2026-11-23", "2026-11-24"]
    assert plan_checks([rule], "2026-11-25", runs[1:], week) == []
    checks = plan_checks([rule], "2026-11-25", [*runs[1:], "2026-11-24"], week)
    assert [(c.level, c.text) for c in checks] == [
        ("amber", "3 runs this week already: at most 3 a week (your clinician's plan)")
    ]


def test_consecutive_days_is_amber_only_after_a_run_yesterday():
    """A run yesterday makes today amber; a run two days ago does not."""
    rule = PlanRule("no-consecutive-days", "2026-11-01")
    assert plan_checks([rule], "2026-11-25", ["2026-11-23"], "2026-11-23") == []
    checks = plan_checks([rule], "2026-11-25", ["2026-11-24"], "2026-11-23")
    assert [(c.level, c.text) for c in checks] == [
        ("amber", "You ran yesterday: no runs on consecutive days (your clinician's plan)")
    ]


def test_the_distance_limit_is_shown_to_keep_to():
    """At most 5 km per run: an 'info' line in the user's unit."""
    rule = PlanRule("max-distance-per-run", "2026-11-01", 5000.0)
    assert [(c.level, c.text) for c in plan_checks([rule], "2026-11-25", [], "2026-11-23")] == [
        ("info", "Keep to at most 5 km per run (your clinician's plan)")
    ]
    assert plan_checks([rule], "2026-11-25", [], "2026-11-23", "mi")[0].text == (
        "Keep to at most 3.11 mi per run (your clinician's plan)"
    )


def test_a_rule_is_not_in_force_before_its_start_or_after_its_end():
    """A rule set on the 20th, ended on the 22nd: in force on the 20th and 22nd only between."""
    rule = PlanRule("no-consecutive-days", "2026-11-20", end="2026-11-22")
    assert [rule.in_force(d) for d in ("2026-11-19", "2026-11-20", "2026-11-22", "2026-11-23")] == [
        False,
        True,
        True,
        False,
    ]


def test_an_appointment_after_its_next_one_is_refused():
    """The next appointment must come after this one; a future one is fine."""
    assert Appointment("2026-11-20", next_date="2026-11-20").errors(TODAY) == {
        "next_date": "the next appointment (2026-11-20) must come after this one (2026-11-20)"
    }
    assert Appointment("2026-11-20", next_date="2026-12-20").errors(TODAY) == {}


# --- baseline and flare-ups ---------------------------------------------------------------------


def mornings(start: str, scores: list[int | None]) -> dict[str, int]:
    first = dt.date.fromisoformat(start)
    return {
        (first + dt.timedelta(days=i)).isoformat(): s for i, s in enumerate(scores) if s is not None
    }


def test_baseline_needs_three_of_the_seven_mornings_before():
    """Median of the 7 days before: 3 scores give it, 2 do not; the day itself never counts."""
    three = mornings("2026-11-18", [1, None, 5, None, None, None, 2, 9])
    assert waking_baseline(three, "2026-11-25") == 2
    two = mornings("2026-11-18", [1, None, None, None, None, None, 2, 9])
    assert waking_baseline(two, "2026-11-25") is None
    old = mornings("2026-11-17", [9, 1, None, 5, None, None, None, 2])
    assert waking_baseline(old, "2026-11-25") == 2  # the 17th is 8 days before: left out


def test_a_flare_up_is_asked_after_two_days_at_baseline_plus_two():
    """Mornings 2,2,2,2,2,2,2 then 4,4: asked on the second day at +2; 4 then 3: not asked."""
    waking = mornings("2026-11-16", [2, 2, 2, 2, 2, 2, 2, 4, 4])
    assert flare_prompt(waking, "2026-11-24")
    assert not flare_prompt(waking, "2026-11-23")  # one day only
    lower = mornings("2026-11-16", [2, 2, 2, 2, 2, 2, 2, 4, 3])
    assert not flare_prompt(lower, "2026-11-24")
    assert not flare_prompt(mornings("2026-11-22", [4, 4, 4]), "2026-11-24")  # no baseline


def test_closing_is_offered_after_three_days_back_at_baseline():
    """A flare-up begun on the 17th (baseline 2): offered to close after 3 mornings <= 2."""
    waking = mornings("2026-11-10", [2, 2, 2, 2, 2, 2, 2, 6, 6, 5, 4, 2, 2, 2])
    flare = FlareUp("2026-11-17")
    assert settled_prompt(waking, flare, "2026-11-23")
    assert not settled_prompt(waking, flare, "2026-11-22")  # two days back only
    assert not settled_prompt(waking, FlareUp("2026-11-17", "2026-11-23"), "2026-11-23")


def test_a_flare_up_ending_before_it_starts_is_refused():
    """End before start: named; the same day is fine."""
    assert FlareUp("2026-11-20", "2026-11-19").errors(TODAY) == {
        "end": "the flare-up ends (2026-11-19) before it starts (2026-11-20)"
    }
    assert FlareUp("2026-11-20", "2026-11-20").errors(TODAY) == {}


# --- PSFS and factors ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 5])
def test_psfs_takes_three_to_five_activities(count):
    """3 and 5 activities are accepted."""
    assert psfs_items_problem([f"activity {i}" for i in range(count)]) is None


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["a", "b"], "name 3 to 5 activities that are hard because of your back, not 2"),
        (list("abcdef"), "name 3 to 5 activities that are hard because of your back, not 6"),
        (["run", "sit", "Run"], "'Run' is named twice"),
    ],
)
def test_psfs_refuses_too_few_too_many_or_twice(names, message):
    """2 or 6 activities, or one named twice: refused with its reason."""
    assert psfs_items_problem(names) == message


def test_psfs_score_is_the_mean_and_ratings_are_0_to_10():
    """(0, 10, 5) -> 5.0; a rating of 11 is refused."""
    assert psfs_score([0, 10, 5]) == 5.0
    with pytest.raises(InvalidValue):
        psfs_score([0, 11, 5])


def test_psfs_change_of_two_is_meaningful():
    """+2.0 is meaningful (Abbott & Schmitt 2014); +1.9 is not."""
    assert psfs_change(3.0, 5.0) == (
        "+2.0 since the first (a meaningful change: 2 or more; Abbott & Schmitt 2014)"
    )
    assert psfs_change(3.0, 4.9) == (
        "+1.9 since the first (less than the 2 points that count as meaningful; "
        "Abbott & Schmitt 2014)"
    )


def test_ten_factors_at_most_each_named_once():
    """10 factors are fine, an eleventh is refused; a name twice (any case) is refused."""
    ten = [Factor(f"f{i}") for i in range(10)]
    assert factors_problem(ten) is None
    assert factors_problem([*ten, Factor("f10")]) == "at most 10 factors; retire one first"
    assert factors_problem([Factor("Long drive"), Factor("long drive")]) == (
        "a factor called 'long drive' exists already"
    )
    assert factors_problem([*ten, Factor("old", retired=True)]) is None


def test_factor_values():
    """yes/no takes 0 or 1; a scale 0-10."""
    assert Factor("drive").value_problem(1) is None
    assert Factor("drive").value_problem(2) == "'drive' is yes or no"
    assert Factor("stress", "scale").value_problem(10) is None
    assert Factor("stress", "scale").value_problem(11) == "'stress' is 0 to 10, not 11"


# --- the store and the shell --------------------------------------------------------------------


def test_took_records_a_dose_and_a_new_medication_once(journal, db_path):
    """Two `took` of ibuprofen (any case): one as-needed medication, two doses on the day."""
    first = invoke("took", "ibuprofen", "--dose", "400 mg")
    assert (
        first.output == "Recorded 2026-11-25: took ibuprofen 400 mg (a new as-needed medication)\n"
    )
    assert invoke("took", "Ibuprofen").output == "Recorded 2026-11-25: took ibuprofen\n"
    day = journal.clinical.day("2026-11-25")
    assert day.doses == [("ibuprofen", "400 mg"), ("ibuprofen", "400 mg")]
    assert [t.name for t in journal.clinical.treatments()] == ["ibuprofen"]


def test_plan_add_then_plan_shows_the_rules_in_force(db_path):
    """An appointment with four rules and one instruction kept as words; `plan` lists them."""
    result = invoke(
        "plan", "add", "--date", "2026-11-24", "--who", "physio",
        "--rule", "no running until 2026-11-28", "--rule", "at most 5k per run",
        "--rule", "stretch daily", "--next", "2026-12-08",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Recorded the appointment of 2026-11-24 with physio",
        "  rule: no running until 2026-11-28",
        "  rule: at most 5 km per run",
        "  kept as said (not a rule the journal follows): stretch daily",
    ]
    shown = invoke("plan").output.splitlines()
    assert shown[:3] == [
        "Plan in force on 2026-11-25:",
        "  - no running until 2026-11-28  (said on 2026-11-24: no running until 2026-11-28)",
        "  - at most 5 km per run  (said on 2026-11-24: at most 5k per run)",
    ]
    assert shown[-1] == "Next appointment: 2026-12-08"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("treatment", "add", "naproxen", "--start", "-3", "--end", "-5"), "end: the course ends"),
        (("plan", "add", "--rule", "no running until -1"), "--rule 'no running until -1': 'no"),
        (("log", "--rpe", "4"), "--rpe is the effort of a run: give its DISTANCE too"),
        (("log", "5k", "--rpe", "11"), "--rpe: effort must be 0-10, not 11"),
        (("psfs", "set", "a", "b"), "psfs: name 3 to 5 activities"),
        (("factors", "add", ""), "name: a factor needs a name"),
        (("log", "--factor", "nope"), "--factor: no factor called 'nope' (yours: none yet)"),
        (("flare", "end"), "no flare-up is open on 2026-11-25"),
    ],
)
def test_bad_input_is_one_line_and_stores_nothing(db_path, args, message):
    """Each refusal names the problem in one line, exit 1, and the journal stays empty."""
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"backjournal: {message}")
    assert result.output.count("\n") == 1
    with Journal.open(db_path) as journal:
        assert not journal.has_entries()
        assert journal.clinical.treatments() == [] and journal.clinical.appointments() == []


def test_morning_check_in_and_factors_from_the_shell(db_path):
    """`log --wake 3 --leg-wake 2 --stiffness 4 --sleep 3 --factor stress=6` without a run."""
    invoke("factors", "add", "stress", "--scale")
    result = invoke(
        "log", "--wake", "3", "--leg-wake", "2", "--stiffness", "4", "--sleep", "3",
        "--factor", "stress=6",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Logged 2026-11-25: back on waking 3, leg on waking 2, stiffness 4, sleep 3 · stress 6\n"
    )
    with Journal.open(db_path) as journal:
        day = journal.get_day("2026-11-25")
        assert (day.back_wake, day.leg_wake, day.stiffness, day.sleep) == (3, 2, 4, 3)
        assert list(journal.clinical.factor_values("2026-11-25").values()) == [6]


def test_overlapping_flare_ups_are_refused(journal):
    """A second flare-up starting inside an open one is refused."""
    journal.clinical.start_flare(FlareUp("2026-11-20"), TODAY)
    with pytest.raises(ValidationError) as exc:
        journal.clinical.start_flare(FlareUp("2026-11-22"), TODAY)
    assert exc.value.errors == {"start": "it overlaps the flare-up that began on 2026-11-20"}


def test_a_newer_rule_of_the_same_kind_replaces_the_older(journal):
    """5 km per run from the 10th, 8 km from the 20th: on the 25th only 8 km is in force."""
    for date, km in (("2026-11-10", 5000.0), ("2026-11-20", 8000.0)):
        journal.clinical.add_appointment(
            Appointment(date), [PlanRule("max-distance-per-run", date, km)], TODAY
        )
    assert [r.value for r in journal.clinical.rules_in_force("2026-11-25")] == [8000.0]
    assert [r.value for r in journal.clinical.rules_in_force("2026-11-15")] == [5000.0]


# --- ending a course -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "refusal"),
    [
        ("2026-11-19", "the course ends (2026-11-19) before it starts (2026-11-20)"),
        ("2026-11-20", None),  # the day it began: a one-day course
        ("2026-12-01", None),  # a planned last day, ahead of today
    ],
)
def test_ending_a_course_before_its_start_is_refused(journal, end, refusal):
    """The store ends a course on its last day; a day before its start is refused with both
    dates named, and nothing is written."""
    course = journal.clinical.add_treatment(Treatment("Naproxen", start="2026-11-20"), TODAY)
    if refusal is None:
        assert journal.clinical.end_treatment(course.id, end, TODAY).end == end
        assert journal.clinical.treatments()[0].end == end
        return
    with pytest.raises(ValidationError) as caught:
        journal.clinical.end_treatment(course.id, end, TODAY)
    assert caught.value.errors == {"end": refusal}
    assert journal.clinical.treatments()[0].end is None


def test_only_a_course_can_be_ended(journal):
    """An as-needed medication has no end: refused, said so."""
    pills = journal.clinical.add_treatment(
        Treatment("Paracetamol", schedule="as-needed", start="2026-11-20"), TODAY
    )
    with pytest.raises(ValidationError) as caught:
        journal.clinical.end_treatment(pills.id, "2026-11-24", TODAY)
    assert caught.value.errors == {"end": "only a course can be ended; this one is as-needed"}


def test_a_past_day_s_plan_sentences_speak_of_that_day():
    """Looked back on (``past``), the limits speak of that day, not of "this week" or
    "yesterday" (issue #13: past days speak of that day)."""
    week = PlanRule("max-runs-per-week", "2026-11-01", 2)
    checks = plan_checks(
        [week], "2026-11-25", ["2026-11-23", "2026-11-24"], "2026-11-23", past="Wed 25 Nov 2026"
    )
    assert [c.text for c in checks] == [
        "2 runs that week before Wed 25 Nov 2026: at most 2 a week (your clinician's plan)"
    ]
    apart = PlanRule("no-consecutive-days", "2026-11-01")
    checks = plan_checks(
        [apart], "2026-11-25", ["2026-11-24"], "2026-11-23", past="Wed 25 Nov 2026"
    )
    assert [c.text for c in checks] == [
        "A run the day before Wed 25 Nov 2026: no runs on consecutive days (your clinician's plan)"
    ]
