"""``backjournal flags``, ``check``, ``help-now``, ``profile`` and ``log --sign``: the tiered
words, each exit status, outcomes and the profile with their refusals (CliRunner, real files)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.flags import Outcome
from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal

DAY = TODAY.isoformat()


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def test_help_now_needs_no_journal(db_path):
    """The safety-net card prints without creating a journal file."""
    result = invoke("help-now")
    assert result.exit_code == 0
    assert result.stdout.startswith("When to get help\n")
    assert "Go to an emergency department now (UK: A&E or 999; US: ER or 911; EU: 112)." in (
        result.stdout
    )
    assert "Contact your doctor in the next few days, sooner if it gets worse." in result.stdout
    assert not db_path.exists()


def test_log_sign_prints_the_emergency_words(db_path):
    """log --sign bladder records the sign and prints the Tier 1 line, word for word."""
    result = invoke("log", "--sign", "bladder")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Logged {DAY}: signs: bladder"
    assert lines[1] == (
        "backjournal: EMERGENCY: POSSIBLE CAUDA EQUINA SYNDROME: new difficulty passing urine, "
        "new loss of bladder control or of its sensation, or new bowel incontinence (recorded "
        f"{DAY}). These can be signs of cauda equina syndrome, which needs treatment within "
        "hours. Go to an emergency department now (UK: A&E or 999; US: ER or 911; EU: 112). Do "
        "not wait to see whether it settles. (GIRFT National Suspected Cauda Equina Syndrome "
        "Pathway 2023; SBNS/BASS standards 2018; NICE CKS sciatica)"
    )
    with Journal.open(db_path) as journal:
        assert journal.get_day(DAY).rf_bladder is True


def test_log_prints_a_flag_still_active_from_an_earlier_day(db_path):
    """Saddle numbness two days ago, a run today: the emergency line is printed again."""
    assert invoke("log", "--sign", "saddle", "--date", ago(2)).exit_code == 0
    result = invoke("log", "5k")
    assert "numbness or tingling in the saddle area (between the legs, genitals, back " in (
        result.stdout
    )
    assert f"(recorded {ago(2)})" in result.stdout


def test_log_refuses_an_unknown_sign(db_path):
    """An unknown --sign is refused by click, naming the choices; nothing is stored."""
    result = invoke("log", "--sign", "dizzy")
    assert result.exit_code == 2
    assert "'dizzy' is not one of 'saddle', 'bladder'" in result.stderr
    assert not db_path.exists()


# --- check: each exit status --------------------------------------------------------------------


def save(journal, date, **values):
    journal.save_day(DayEntry(date, **values), TODAY)


@pytest.mark.parametrize(
    ("setup", "code", "headline"),
    [
        ("nothing", 3, "Unknown: record this morning's back and leg pain first."),
        ("green", 0, "Green: nothing recorded argues against running today."),
        ("amber", 1, "Amber: if you run, keep it easy and no longer than usual."),
        ("red", 2, "Red: better not to run today."),
        ("tier1", 2, "Red: do not run: go to an emergency department now."),
    ],
)
def test_check_exit_status(journal, setup, code, headline):
    """0 green, 1 amber, 2 red, 3 unknown; the headline first, then the reasons with sources."""
    if setup != "nothing":
        for k in (3, 2, 1):
            save(journal, ago(k), back_wake=2, leg_wake=0)
        today = {"green": 2, "amber": 3, "red": 4, "tier1": 2}[setup]
        save(journal, DAY, back_wake=today, leg_wake=0, rf_saddle=setup == "tier1")
    result = invoke("check")
    assert result.exit_code == code, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Run today? {headline}"
    assert lines[-1] == "Guidance, not a verdict."
    assert all(line.endswith(")") for line in lines[1:-1] if line.startswith("  ["))


def test_check_says_what_still_counts_when_pain_makes_it_amber(journal):
    """Waking pain 1 above the baseline: amber, and the staying-active line with its source
    among the reasons (in --json too); at the baseline, green, and no such line."""
    for k in (3, 2, 1):
        save(journal, ago(k), back_wake=2, leg_wake=0)
    save(journal, DAY, back_wake=3, leg_wake=0)
    line = (
        "  [info] Staying active still counts: walking, cycling or swimming as comfortable, while "
        "pain during and after stays at 5 or below and settles by the next morning. (stay "
        "active: NICE CKS low back pain and sciatica; pain zones: Silbernagel et al. 2007)"
    )
    result = invoke("check")
    assert result.exit_code == 1 and line in result.stdout.splitlines()
    doc = json.loads(invoke("check", "--json").stdout)
    assert [r["rule"] for r in doc["reasons"]].count("stay-active") == 1
    save(journal, DAY, back_wake=2, leg_wake=0)
    green = invoke("check")
    assert green.exit_code == 0 and "Staying active" not in green.stdout


def test_check_json_and_a_past_date(journal):
    """--json prints one object; --date judges a past day in words about that day."""
    for k in (4, 3, 2):
        save(journal, ago(k), back_wake=1, leg_wake=1)
    save(journal, ago(1), back_wake=3, leg_wake=1, rf_fever=True)
    result = invoke("check", "--json", "--date", ago(1))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["date"] == ago(1) and doc["level"] == "red" and doc["mode"] == "before"
    assert doc["active_flags"] == [
        {
            "code": "fever",
            "tier": 2,
            "since": ago(1),
            "text": "fever or feeling generally unwell with the back pain, or unexplained "
            "weight loss",
            "worse_than": "",
            "still_active_today": True,
            "action": "Contact your doctor in the next few days, sooner if it gets worse.",
        }
    ]
    assert doc["headline"] == (
        "Red: on Tue 24 Nov 2026, a red flag not yet seen by a clinician was active: no running."
    )
    assert {r["rule"] for r in doc["reasons"]} >= {"tier2", "rise"}
    assert all(r["source"] for r in doc["reasons"])
    assert doc["note"] == "Guidance, not a verdict."


def test_check_a_past_day_speaks_of_that_day_and_of_now(journal):
    """Looking back at a day: the headline names it; a flag answered since is named with the day
    and no action; one still active today keeps its tier's action, which is about now."""
    for k in (5, 4, 3):
        save(journal, ago(k), back_wake=1, leg_wake=0)
    save(journal, ago(2), back_wake=1, leg_wake=0, rf_saddle=True, rf_fever=True)
    journal.flags.record_outcome(Outcome("fever", ago(1), "resolved"), TODAY)
    result = invoke("check", "--date", ago(2))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Run on Mon 23 Nov 2026? (looking back) "
        "Red: on Mon 23 Nov 2026, an emergency sign was active: no running."
    )
    assert "Active on Mon 23 Nov 2026 and still active today, with no outcome recorded:" in lines
    assert any(
        line.startswith("EMERGENCY: POSSIBLE CAUDA EQUINA SYNDROME: numbness or tingling")
        and "Go to an emergency department now" in line
        for line in lines
    )
    assert (
        "Active on Mon 23 Nov 2026, with an outcome recorded since: fever or feeling generally "
        "unwell with the back pain, or unexplained weight loss (recorded 2026-11-23)."
    ) in lines
    assert not any(line.startswith("See a doctor within days") for line in lines)
    doc = json.loads(invoke("check", "--json", "--date", ago(2)).stdout)
    fever = next(f for f in doc["active_flags"] if f["code"] == "fever")
    assert (fever["still_active_today"], fever["action"]) == (False, None)


def test_check_after_todays_run(journal):
    """A run logged today: the run against the model, not a verdict on whether to run."""
    save(journal, DAY, back_wake=1, leg_wake=0, back_after=2, runs=[Run(5000)])
    result = invoke("check")
    assert result.stdout.splitlines()[0] == (
        "Run today? Today's run is logged: here it is against the pain-monitoring model."
    )
    assert result.exit_code == 0


def test_check_refuses_a_future_date(journal):
    """--date in the future: one line, exit 1."""
    result = invoke("check", "--date", "2026-12-01")
    assert result.exit_code == 1
    assert result.stderr.startswith("backjournal: --date: ")


# --- flags and outcomes -------------------------------------------------------------------------


def test_flags_lists_and_records_seen_then_later_days_change(journal):
    """A flag stays until "seen" is recorded; after that the day is no longer red from it."""
    save(journal, ago(3), rf_saddle=True)
    result = invoke("flags")
    assert result.stdout.splitlines()[:2] == [
        f"Active red flags on {DAY}:",
        "  [tier 1] saddle: numbness or tingling in the saddle area (between the legs, "
        f"genitals, back passage, inner buttocks) (recorded {ago(3)})",
    ]
    assert invoke("check").exit_code == 2
    result = invoke("flags", "seen", "saddle", "--date", ago(2), "--note", "MRI: no compression")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Recorded: saddle seen by a clinician on {ago(2)}.\n"
    result = invoke("flags")
    assert result.stdout.splitlines() == [
        f"No active red flags on {DAY}.",
        "Outcomes recorded:",
        f"  {ago(2)} saddle: seen by a clinician: MRI: no compression",
    ]
    assert invoke("check").exit_code == 3  # nothing this morning: unknown, no longer red


def test_resolved_and_no_running_until(journal):
    """ "resolved" ends a flag; a clinician's no-running date keeps the day red until then."""
    save(journal, ago(1), rf_trauma=True)
    result = invoke("flags", "seen", "trauma", "--no-running-until", "2026-12-12")
    assert result.exit_code == 0
    result = invoke("check", "--json")
    doc = json.loads(result.stdout)
    assert doc["active_flags"] == [] and doc["level"] == "red"
    assert doc["reasons"][0]["text"] == (
        f"Your clinician advised no running until 2026-12-12 (seen on {DAY})."
    )
    save(journal, ago(1), rf_fever=True)
    assert invoke("flags", "resolved", "fever").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["seen", "sadle"], "backjournal: unknown flag 'sadle'; flags are saddle, bladder, "),
        (["seen", "fever"], "backjournal: no active flag 'fever' to record an outcome for"),
        (
            ["seen", "saddle", "--date", ago(3)],
            f"backjournal: the outcome's date {ago(3)} is before the flag was recorded ({ago(2)})",
        ),
        (
            ["resolved", "saddle", "--date", "2026-11-26"],
            "backjournal: the outcome's date 2026-11-26 is in the future; today is 2026-11-25",
        ),
        (["seen", "saddle", "--date", "soon"], "backjournal: --date: 'soon' is not a date"),
        (
            ["seen", "saddle", "--no-running-until", ago(5)],
            f"backjournal: 'no running until' {ago(5)} is before the outcome's date",
        ),
    ],
)
def test_bad_outcomes_are_one_line_and_store_nothing(journal, args, message):
    """Each refusal: one line on stderr naming the problem, exit 1, no outcome stored."""
    save(journal, ago(2), rf_saddle=True)
    result = invoke("flags", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert journal.flags.outcomes() == []


# --- the profile --------------------------------------------------------------------------------


def test_profile_round_trip_and_its_flags(journal):
    """Answers are stored with their date; a risk factor and the age at onset become Tier 2."""
    save(journal, ago(30), back_wake=3)
    result = invoke("profile", "--cancer", "yes", "--steroids", "no", "--born", "1960")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Have you ever had cancer? yes (since {DAY})",
        "Do you take steroids long-term (e.g. prednisolone)? no",
        "Are you immunosuppressed, or have you used IV drugs? not answered",
        "Have you been told you have osteoporosis? not answered",
        "Year of birth: 1960",
    ]
    codes = [(f.code, f.since) for f in journal.flags.active(DAY)]
    assert codes == [("age-onset", ago(30)), ("cancer", DAY)]
    assert invoke("profile", "--born", "skip", "--cancer", "skip").exit_code == 0
    assert journal.flags.active(DAY) == []


@pytest.mark.parametrize(
    ("born", "message"),
    [
        ("1899", "backjournal: year of birth 1899 is before 1900\n"),
        ("2027", "backjournal: year of birth 2027 is in the future; this is 2026\n"),
        ("nineteen", "backjournal: --born: 'nineteen' is not a year (e.g. 1970)\n"),
    ],
)
def test_profile_refuses_a_bad_year(journal, born, message):
    """A year of birth in the future or before 1900: one line, nothing stored."""
    result = invoke("profile", "--born", born, "--cancer", "yes")
    assert result.exit_code == 1 and result.stderr == message
    assert journal.flags.profile().factors == {} and journal.flags.profile().birth_year is None
