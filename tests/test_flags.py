"""Red flags in two tiers (domain/flags.py): every sign, the body map's signs, severe pain on
two days running, the profile's risk factors, persistence and re-firing, outcomes' checks and
the maintenance hold. Expected sentences are written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backjournal.domain import safety_words as words
from backjournal.domain.flags import (
    RED_FLAG_FIELDS,
    ActiveDays,
    ActiveFlag,
    Occurrence,
    Outcome,
    Profile,
    Sign,
    Span,
    active_flags,
    active_spans,
    birth_year_problem,
    day_signs,
    maintenance_hold,
    onset_age_sign,
    outcome_problem,
    profile_signs,
    restrictions,
    tier_of,
    worse,
)
from backjournal.domain.symptoms import Mark

TODAY = dt.date(2026, 11, 25)


def codes(signs) -> list[tuple[str, int]]:
    return [(s.code, s.tier) for s in signs]


# --- the daily check ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "code", "tier"),
    [
        ("rf_saddle", "saddle", 1),
        ("rf_bladder", "bladder", 1),
        ("rf_sexual", "sexual", 1),
        ("rf_weakness_worse", "weakness-worse", 1),
        ("rf_weakness", "weakness", 2),
        ("rf_fever", "fever", 2),
        ("rf_night", "night", 2),
        ("rf_thoracic", "thoracic", 2),
        ("rf_trauma", "trauma", 2),
    ],
)
def test_each_check_gives_its_sign_and_tier(field, code, tier):
    """Yes gives the sign in its tier; no and not answered give nothing."""
    assert codes(day_signs({field: True}, [], {})) == [(code, tier)]
    assert day_signs({field: False}, [], {}) == []
    assert day_signs({field: None}, [], {}) == []


def test_checks_are_asked_tier1_first():
    """The daily check's order: the four emergency questions, then the five Tier 2 ones."""
    assert RED_FLAG_FIELDS == (
        "rf_saddle",
        "rf_bladder",
        "rf_sexual",
        "rf_weakness_worse",
        "rf_weakness",
        "rf_fever",
        "rf_night",
        "rf_thoracic",
        "rf_trauma",
    )


def test_tier1_signs_come_first_whatever_the_order_ticked():
    """A day with a Tier 2 and a Tier 1 sign lists the emergency first."""
    signs = day_signs({"rf_fever": True, "rf_bladder": True}, [], {})
    assert codes(signs) == [("bladder", 1), ("fever", 2)]


# --- the body map -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (
            [Mark("buttock-l", 2, ("numbness",)), Mark("buttock-r", 2, ("tingling",))],
            [("saddle-map", 1)],
        ),
        ([Mark("buttock-l", 2, ("numbness",))], []),
        ([Mark("buttock-l", 2, ("numbness",)), Mark("buttock-r", 2, ("ache",))], []),
        ([Mark("buttock-l", 2, ("ache",)), Mark("buttock-r", 2, ("ache",))], []),
        # both legs, nerve-like, thigh or below
        (
            [Mark("thigh-back-l", 3, ("tingling",)), Mark("calf-r", 3, ("numbness",))],
            [("both-legs", 1)],
        ),
        ([Mark("knee-l", 3, ("tingling",)), Mark("foot-r", 3, ("numbness",))], [("both-legs", 1)]),
        ([Mark("thigh-back-l", 3, ("tingling",)), Mark("hip-r", 3, ("numbness",))], []),
        ([Mark("thigh-back-l", 3, ("tingling",)), Mark("calf-l", 3, ("numbness",))], []),
        ([Mark("knee-l", 3, ("ache",)), Mark("knee-r", 3, ("sharp",))], []),
        # weakness
        ([Mark("calf-l", 2, ("weakness",))], [("weakness-mark", 2)]),
        (
            [Mark("calf-l", 2, ("weakness",)), Mark("shin-r", 2, ("weakness",))],
            [("both-legs", 1), ("weakness-both", 1)],
        ),
    ],
)
def test_body_map_signs(marks, expected):
    """Both buttocks numb or tingling, nerve-like symptoms in both legs (thigh or below), and
    weakness marks raise their signs; plain aches, one side or the buttock level do not."""
    assert codes(day_signs({}, marks, {})) == expected


def test_both_legs_severity_holds_each_legs_extent():
    """Left at the foot (5), right below the knee (4): severity 54, detail names both."""
    marks = [Mark("foot-l", 2, ("tingling",)), Mark("calf-r", 2, ("numbness",))]
    sign = day_signs({}, marks, {})[0]
    assert (sign.severity, sign.detail) == (54, "extent left 5, right 4")


# --- severe pain on two days running -------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "before", "fires"),
    [
        ({"back_wake": 7}, {"leg_after": 7}, True),
        ({"back_wake": 10}, {"back_wake": 10}, True),
        ({"back_wake": 7}, {"back_wake": 6}, False),
        ({"back_wake": 6}, {"back_wake": 7}, False),
        ({"back_wake": 7}, None, False),
        ({"back_wake": 7}, {"back_wake": None}, False),
    ],
)
def test_severe_pain_on_two_days_running(today, before, fires):
    """NRS 7+ on this day and the day before: a Tier 2 sign; 6 or one day: none."""
    signs = day_signs({}, [], today, before)
    assert (("severe-pain", 2) in codes(signs)) is fires


def test_severe_pain_counts_marks_too():
    """A mark of 7 counts as severe pain, on either day."""
    signs = day_signs({}, [Mark("calf-l", 7, ("ache",))], {}, {}, [Mark("low-back", 8, ())])
    assert codes(signs) == [("severe-pain", 2)]
    assert signs[0].detail == "8 the day before, 7 this day"


def test_severe_pain_is_the_articles_advice():
    """The sign is labelled as the source article's advice, not NICE."""
    assert words.SIGN_SOURCE["severe-pain"] == "the source article's own advice, not NICE"


# --- the profile --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "first", "fires"),
    [
        (2007, "2026-01-01", True),  # 19
        (2006, "2026-01-01", False),  # 20
        (1976, "2026-01-01", False),  # 50
        (1975, "2026-01-01", True),  # 51
        (None, "2026-01-01", False),
        (1975, None, False),
    ],
)
def test_age_at_onset(birth, first, fires):
    """New back pain before 20 or after 50 (by year) is a Tier 2 sign."""
    assert onset_age_sign(birth, first) is fires


def test_profile_signs_date_from_the_answer_and_the_first_episode():
    """A risk factor counts from the day it was recorded; the age from the first episode."""
    profile = Profile(
        {"cancer": True, "steroids": False, "osteoporosis": True},
        {"cancer": "2026-11-01", "steroids": "2026-11-01", "osteoporosis": "2026-11-02"},
        1960,
    )
    found = profile_signs(profile, "2026-03-04")
    assert [(d, s.code, s.tier) for d, s in found] == [
        ("2026-11-01", "cancer", 2),
        ("2026-11-02", "osteoporosis", 2),
        ("2026-03-04", "age-onset", 2),
    ]
    assert found[2][1].detail == "about 66 at the first episode"


@pytest.mark.parametrize(
    ("year", "problem"),
    [
        (1900, None),
        (2026, None),
        (1899, "year of birth 1899 is before 1900"),
        (2027, "year of birth 2027 is in the future; this is 2026"),
        ("1980", "year of birth must be a whole year, not '1980'"),
        (True, "year of birth must be a whole year, not True"),
    ],
)
def test_birth_year_bounds(year, problem):
    """A year of birth from 1900 to this year."""
    assert birth_year_problem(year, TODAY) == problem


# --- persistence --------------------------------------------------------------------------------


def occ(date: str, code: str = "saddle", severity: int = 1) -> Occurrence:
    return Occurrence(date, Sign(code, severity))


def test_a_flag_stays_active_until_an_outcome():
    """The issue's case: saddle numbness two days ago, nothing since: still active today."""
    found = active_flags([occ("2026-11-23")], [], "2026-11-25")
    assert found == [ActiveFlag("saddle", "2026-11-23", "2026-11-23", 1)]
    assert found[0].tier == 1


def test_not_active_before_its_day():
    """A flag is active from the day recorded, not before."""
    assert active_flags([occ("2026-11-23")], [], "2026-11-22") == []
    assert len(active_flags([occ("2026-11-23")], [], "2026-11-23")) == 1


@pytest.mark.parametrize("kind", ["seen", "resolved"])
def test_an_outcome_ends_the_flag_from_its_day(kind):
    """Seen or resolved on a day: active the day before, not on that day or later."""
    outs = [Outcome("saddle", "2026-11-24", kind)]
    assert len(active_flags([occ("2026-11-20")], outs, "2026-11-23")) == 1
    assert active_flags([occ("2026-11-20")], outs, "2026-11-24") == []
    assert active_flags([occ("2026-11-20")], outs, "2026-11-25") == []


def test_seen_then_recorded_each_day_running_stays_seen():
    """After "seen", the same sign recorded on each following day is the one the clinician saw."""
    occs = [occ(f"2026-11-{d}", "both-legs", 33) for d in (20, 21, 22, 23, 24, 25)]
    outs = [Outcome("both-legs", "2026-11-21", "seen", "known, follow up")]
    assert active_flags(occs, outs, "2026-11-25") == []


def test_seen_then_a_gap_then_recorded_again_fires():
    """After "seen", a day without the sign and then the sign again: new, active again."""
    occs = [occ("2026-11-20"), occ("2026-11-23")]
    outs = [Outcome("saddle", "2026-11-20", "seen")]
    assert active_flags(occs, outs, "2026-11-25") == [
        ActiveFlag("saddle", "2026-11-23", "2026-11-23", 1)
    ]


def test_resolved_then_recorded_again_the_next_day_fires():
    """After "resolved", any later record is new."""
    occs = [occ("2026-11-20"), occ("2026-11-21")]
    outs = [Outcome("saddle", "2026-11-20", "resolved")]
    assert len(active_flags(occs, outs, "2026-11-21")) == 1


def test_worse_fires_again_and_says_why():
    """Seen at extent 3/3, next day 5/3: worse, active again with the reason."""
    occs = [occ("2026-11-20", "both-legs", 33), occ("2026-11-21", "both-legs", 53)]
    outs = [Outcome("both-legs", "2026-11-20", "seen")]
    found = active_flags(occs, outs, "2026-11-25")
    assert found == [
        ActiveFlag(
            "both-legs",
            "2026-11-21",
            "2026-11-21",
            53,
            "",
            "worse than when seen by a clinician on 2026-11-20",
        )
    ]


def test_not_worse_on_the_outcomes_day_stays_covered():
    """A record dated on or before the outcome is the one it answered."""
    occs = [occ("2026-11-20"), occ("2026-11-19")]
    outs = [Outcome("saddle", "2026-11-20", "seen")]
    assert active_flags(occs, outs, "2026-11-25") == []


@pytest.mark.parametrize(
    ("code", "new", "old", "is_worse"),
    [
        ("severe-pain", 8, 7, True),
        ("severe-pain", 7, 7, False),
        ("severe-pain", 6, 7, False),
        ("both-legs", 43, 33, True),
        ("both-legs", 34, 33, True),
        ("both-legs", 33, 33, False),
        ("both-legs", 35, 53, True),
        ("both-legs", 32, 33, False),
        ("both-legs", 53, 53, False),
        ("both-legs", 53, 43, True),
        ("both-legs", 33, 34, False),
    ],
)
def test_worse(code, new, old, is_worse):
    """Worse: a higher severity; for both legs, either leg reaching further down."""
    assert worse(code, new, old) is is_worse


def test_active_flags_tier1_first_then_by_date():
    """The order flags are shown in: Tier 1 first, then the oldest."""
    occs = [occ("2026-11-20", "fever"), occ("2026-11-22", "bladder"), occ("2026-11-21", "saddle")]
    assert [f.code for f in active_flags(occs, [], "2026-11-25")] == ["saddle", "bladder", "fever"]


def test_an_outcome_without_a_flag_is_ignored():
    """An outcome for a code never recorded changes nothing."""
    assert active_flags([occ("2026-11-22")], [Outcome("fever", "2026-11-23", "seen")], "2026-11-25")


def test_spans_end_the_day_before_the_outcome():
    """Active from the day recorded until the day before its outcome; open without one."""
    outs = [Outcome("saddle", "2026-11-24", "seen")]
    assert active_spans([occ("2026-11-20")], outs) == [Span("saddle", "2026-11-20", "2026-11-24")]
    assert active_spans([occ("2026-11-20")], []) == [Span("saddle", "2026-11-20", None)]


def test_a_flag_answered_on_its_day_has_no_span():
    """Recorded and resolved on the same day: never active at the end of a day."""
    outs = [Outcome("fever", "2026-11-20", "resolved")]
    assert active_spans([occ("2026-11-20", "fever")], outs) == []


def test_a_flag_that_fires_again_has_two_spans():
    """Seen, a gap, recorded again: a second span from the new record, Tier 1 first per day."""
    occs = [occ("2026-11-20"), occ("2026-11-23"), occ("2026-11-23", "fever")]
    outs = [Outcome("saddle", "2026-11-21", "seen")]
    assert active_spans(occs, outs) == [
        Span("saddle", "2026-11-20", "2026-11-21"),
        Span("saddle", "2026-11-23", None),
        Span("fever", "2026-11-23", None),
    ]
    assert [s.tier for s in active_spans(occs, outs)] == [1, 1, 2]


_CODES = st.sampled_from(["saddle", "both-legs", "fever"])


@given(
    st.lists(st.tuples(st.integers(0, 12), _CODES, st.integers(31, 55)), max_size=8),
    st.lists(
        st.tuples(st.integers(0, 12), _CODES, st.sampled_from(["seen", "resolved"])), max_size=4
    ),
)
def test_spans_agree_with_active_flags_on_every_day(records, answers):
    """A flag is in a span on a day exactly when active_flags finds it active that day."""
    day = lambda n: (dt.date(2026, 11, 1) + dt.timedelta(days=n)).isoformat()  # noqa: E731
    occs = [
        occ(day(n), code, sev)
        for n, code, sev in {(n, c): (n, c, v) for n, c, v in records}.values()
    ]
    outs = list({(n, c): Outcome(c, day(n), k) for n, c, k in answers}.values())
    spans = active_spans(occs, outs)
    for n in range(15):
        d = day(n)
        in_span = sorted(s.code for s in spans if s.since <= d and (s.end is None or d < s.end))
        assert in_span == sorted(f.code for f in active_flags(occs, outs, d))


def test_restrictions_in_force():
    """A clinician's "no running until" holds from the outcome's day to that day inclusive."""
    out = Outcome("fever", "2026-11-20", "seen", "", "2026-11-25")
    assert restrictions([out], "2026-11-19") == []
    assert restrictions([out], "2026-11-20") == [out]
    assert restrictions([out], "2026-11-25") == [out]
    assert restrictions([out], "2026-11-26") == []
    assert restrictions([Outcome("fever", "2026-11-20", "seen")], "2026-11-21") == []


# --- outcomes' checks ---------------------------------------------------------------------------

ACTIVE = [ActiveFlag("saddle", "2026-11-20", "2026-11-22", 1)]


@pytest.mark.parametrize(
    ("outcome", "problem"),
    [
        (Outcome("saddle", "2026-11-20", "seen"), None),
        (Outcome("saddle", "2026-11-25", "resolved"), None),
        (Outcome("saddle", "2026-11-21", "seen", "scan booked", "2026-12-12"), None),
        (
            Outcome("saddle", "2026-11-19", "seen"),
            "the outcome's date 2026-11-19 is before the flag was recorded (2026-11-20)",
        ),
        (
            Outcome("saddle", "2026-11-26", "seen"),
            "the outcome's date 2026-11-26 is in the future; today is 2026-11-25",
        ),
        (Outcome("sadle", "2026-11-21", "seen"), "unknown flag 'sadle'; flags are saddle, "),
        (Outcome("fever", "2026-11-21", "seen"), "no active flag 'fever' to record an outcome for"),
        (
            Outcome("saddle", "2026-11-21", "gone"),
            "an outcome is one of seen, resolved, not 'gone'",
        ),
        (
            Outcome("saddle", "21/11/2026", "seen"),
            "the outcome's date '21/11/2026' is not a date (YYYY-MM-DD)",
        ),
        (
            Outcome("saddle", "2026-02-30", "seen"),
            "the outcome's date '2026-02-30' is not a date (YYYY-MM-DD)",
        ),
        (
            Outcome("saddle", "2026-11-21", "seen", "", "2026-11-20"),
            "'no running until' 2026-11-20 is before the outcome's date",
        ),
        (
            Outcome("saddle", "2026-11-21", "resolved", "", "2026-11-28"),
            "'no running until' goes with an outcome 'seen' (what the clinician said)",
        ),
        (
            Outcome("saddle", "2026-11-21", "seen", "x" * 501),
            "the note is text of at most 500 characters",
        ),
        (Outcome("saddle", None, "seen"), "the outcome's date 'None' is not a date (YYYY-MM-DD)"),
        (
            Outcome("saddle", "2026-11-21", "seen", "", "soon"),
            "'no running until' 'soon' is not a date (YYYY-MM-DD)",
        ),
        (Outcome("saddle", "2026-11-21", "seen", "", "2026-11-21"), None),
        (
            Outcome("saddle", "2026-11-21", "seen", None),
            "the note is text of at most 500 characters",
        ),
    ],
)
def test_outcome_problems(outcome, problem):
    """An outcome before its flag, in the future, for an unknown or inactive flag: one line."""
    found = outcome_problem(outcome, ACTIVE, TODAY)
    if problem is None or problem.endswith(", "):
        assert (found is None) if problem is None else found.startswith(problem)
    else:
        assert found == problem


def test_outcome_note_of_exactly_500_is_accepted():
    """The note's limit is inclusive."""
    assert (
        outcome_problem(Outcome("saddle", "2026-11-21", "seen", "x" * 500), ACTIVE, TODAY) is None
    )


# --- tiers, words, the safety net ---------------------------------------------------------------


def test_every_code_has_a_sentence_and_a_tier():
    """Tier 1 is exactly the cauda equina list; all the others are Tier 2."""
    tier1 = {c for c in words.SIGN_TEXT if tier_of(c) == 1}
    assert tier1 == {
        "saddle",
        "bladder",
        "sexual",
        "weakness-worse",
        "saddle-map",
        "both-legs",
        "weakness-both",
    }


def test_tier_messages_word_for_word():
    """The two messages of CLINICAL.md."""
    assert words.TIER1_MESSAGE == (
        "These can be signs of cauda equina syndrome, which needs treatment within hours. Go to "
        "an emergency department now (UK: A&E or 999; US: ER or 911; EU: 112). Do not wait to "
        "see whether it settles."
    )
    assert words.TIER2_MESSAGE == (
        "Contact your doctor in the next few days, sooner if it gets worse."
    )


def test_safety_net_lists_both_tiers_and_their_actions():
    """The card: the emergency first, then the doctor, with sources; no banned words."""
    card = words.safety_net()
    assert card.index("EMERGENCY") < card.index("See a doctor within days")
    assert words.TIER1_MESSAGE in card and words.TIER2_MESSAGE in card
    assert "GIRFT" in card and "NICE NG59" in card
    lowered = card.lower().replace("nice cks sciatica", "nice cks")  # a guideline's title
    for banned in (" safe", "cure", "crippled", "sciatica"):
        assert banned not in lowered


def test_tier_block_wording():
    """A terminal line: the tier's title, the signs, the action and the source."""
    line = words.tier_block(2, [words.sign_line("fever", "2026-11-24")])
    assert line == (
        "See a doctor within days: fever or feeling generally unwell with the back pain, or "
        "unexplained weight loss (recorded 2026-11-24). Contact your doctor in the next few "
        "days, sooner if it gets worse. (NICE NG59 and NICE CKS low back pain)"
    )


# --- the maintenance hold -----------------------------------------------------------------------


DAY = dt.date(2026, 11, 25)


def test_maintenance_waits_for_flags_marks_and_a_rising_extent():
    """Any active flag, a weakness or numbness mark, or a peripheralising day holds it."""
    assert maintenance_hold([], {}, [], DAY) is None
    assert maintenance_hold(ACTIVE, {}, [], DAY) == "a red flag is active"
    marks = {"2026-11-20": [Mark("calf-l", 1, ("numbness",))]}
    assert maintenance_hold([], marks, [], DAY) == "2026-11-20 has a weakness or numbness mark"
    marks = {"2026-11-20": [Mark("calf-l", 1, ("weakness",))]}
    assert maintenance_hold([], marks, [], DAY) == "2026-11-20 has a weakness or numbness mark"
    marks = {"2026-11-20": [Mark("calf-l", 1, ("tingling", "ache"))]}
    assert maintenance_hold([], marks, [], DAY) is None
    assert maintenance_hold([], {}, ["2026-11-22", "2026-11-21"], DAY) == (
        "leg symptoms reached further down on 2026-11-21"
    )


@pytest.mark.parametrize(
    ("date", "holds"),
    [("2026-11-12", True), ("2026-11-11", False), ("2026-11-25", True), ("2026-11-26", False)],
)
def test_maintenance_looks_at_the_14_days_ending_on_the_day(date, holds):
    """The 14 days are 12 to 25 November for the 25th: the 11th and the 26th are outside."""
    marks = {date: [Mark("calf-l", 1, ("numbness",))]}
    assert (maintenance_hold([], marks, [], DAY) is not None) is holds
    assert (maintenance_hold([], {}, [date], DAY) is not None) is holds


def test_dataclasses_are_frozen():
    """Signs, outcomes and flags are values: none can be changed in place."""
    import dataclasses

    for value in (
        Sign("fever"),
        Occurrence("2026-11-20", Sign("fever")),
        Outcome("fever", "2026-11-20", "seen"),
        ActiveFlag("fever", "2026-11-20", "2026-11-20", 1),
        Profile({}, {}),
        Span("fever", "2026-11-20", None),
    ):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.code = "x"  # type: ignore[misc]


def test_a_check_sign_has_severity_one_and_no_detail():
    """A ticked check carries severity 1: a later tick is never "worse" by itself."""
    assert day_signs({"rf_saddle": True}, [], {}) == [Sign("saddle", 1, "")]


def test_no_scores_on_either_day_is_not_severe():
    """Two days without a single score raise nothing."""
    assert day_signs({}, [], {}, {}, []) == []


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([Mark("calf-l", 2, ("tingling",)), Mark("thigh-back-r", 2, ("tingling",))], ["both-legs"]),
        (
            [Mark("thigh-back-l", 2, ("weakness",)), Mark("thigh-front-r", 2, ("weakness",))],
            ["both-legs", "weakness-both"],
        ),
        (
            [Mark("buttock-l", 2, ("weakness",)), Mark("buttock-r", 2, ("weakness",))],
            ["weakness-mark"],
        ),
    ],
)
def test_thigh_level_counts_on_each_leg(marks, expected):
    """The thigh (level 3) is "thigh or below" on either side; the buttock (2) is not."""
    assert [s.code for s in day_signs({}, marks, {})] == expected


def test_a_past_day_names_the_day_and_keeps_the_action_of_a_flag_still_active():
    """Looking back: a flag active then and still active today keeps its tier's words (the
    action is about now); one answered since, or answered and recorded again (another flag),
    is named with the day and no action."""
    saddle = ActiveFlag("saddle", "2026-11-20", "2026-11-20", 1)
    fever = ActiveFlag("fever", "2026-11-21", "2026-11-21", 1)
    again = ActiveFlag("fever", "2026-11-24", "2026-11-24", 1)
    found = words.past_flag_blocks([saddle, fever], [saddle, again], "Sun 22 Nov 2026")
    assert found == [
        "Active on Sun 22 Nov 2026 and still active today, with no outcome recorded:",
        "EMERGENCY: POSSIBLE CAUDA EQUINA SYNDROME: numbness or tingling in the saddle area "
        "(between the legs, genitals, back passage, inner buttocks) (recorded 2026-11-20). "
        "These can be signs of cauda equina syndrome, which needs treatment within hours. "
        "Go to an emergency department now (UK: A&E or 999; US: ER or 911; EU: 112). "
        "Do not wait to see whether it settles. (GIRFT National Suspected Cauda Equina Syndrome "
        "Pathway 2023; SBNS/BASS standards 2018; NICE CKS sciatica)",
        "Active on Sun 22 Nov 2026, with an outcome recorded since: fever or feeling generally "
        "unwell with the back pain, or unexplained weight loss (recorded 2026-11-21).",
    ]
    assert words.past_flag_blocks([], [saddle], "Sun 22 Nov 2026") == []


def test_the_daily_check_names_its_day():
    """Today's words, and a past day's."""
    assert words.CHECK_HINT == "tick any sign of today (f1: when to get help)"
    assert words.CHECK_COLLAPSED == "□ none of these today · Tab or a click to tick a sign"
    assert words.past_check_hint("Sun 22 Nov 2026") == (
        "tick any sign of Sun 22 Nov 2026 (f1: when to get help)"
    )
    assert words.past_check_collapsed("Sun 22 Nov 2026") == (
        "□ none of these on Sun 22 Nov 2026 · Tab or a click to tick a sign"
    )


def test_no_first_episode_gives_no_age_sign():
    """A year of birth without any episode recorded yet: no age-at-onset sign (nothing dated)."""
    assert profile_signs(Profile({}, {}, 1950), None) == []
    # An episode at an age between 20 and 50: none either.
    assert profile_signs(Profile({}, {}, 1980), "2026-01-10") == []


def test_a_later_record_without_detail_keeps_the_detail_seen():
    """Records on following days: the latest detail shown, an empty one keeping the earlier."""
    occs = [
        Occurrence("2026-11-20", Sign("weakness-mark", 1, "calf-l")),
        Occurrence("2026-11-21", Sign("weakness-mark", 1, "")),
    ]
    assert active_flags(occs, [], "2026-11-21")[0].detail == "calf-l"
    occs.append(Occurrence("2026-11-22", Sign("weakness-mark", 2, "calf-l, foot-l")))
    assert active_flags(occs, [], "2026-11-22")[0].detail == "calf-l, foot-l"


def test_active_days_looks_up_each_tier_at_its_boundaries():
    """From the first day of a span to the day before its end; two spans of a tier overlapping
    keep it active until both end; an open span on every later day."""
    days = ActiveDays(
        [
            Span("saddle", "2026-11-10", "2026-11-15"),
            Span("fever", "2026-11-12", "2026-11-14"),
            Span("night", "2026-11-13", "2026-11-20"),
            Span("bladder", "2026-11-18", None),
        ]
    )
    found = {f"2026-11-{d:02d}": days.tiers(f"2026-11-{d:02d}") for d in range(9, 22)}
    assert found == {
        "2026-11-09": (),
        "2026-11-10": (1,),
        "2026-11-11": (1,),
        "2026-11-12": (1, 2),
        "2026-11-13": (1, 2),
        "2026-11-14": (1, 2),  # the fever ended, the night pain still active
        "2026-11-15": (2,),
        "2026-11-16": (2,),
        "2026-11-17": (2,),
        "2026-11-18": (1, 2),
        "2026-11-19": (1, 2),
        "2026-11-20": (1,),
        "2026-11-21": (1,),
    }
    assert ActiveDays([]).tiers("2026-11-10") == ()
