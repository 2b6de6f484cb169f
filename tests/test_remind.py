"""``backjournal remind``: one line when something is due, nothing otherwise (issue #15)."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner, Result
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.remind import reminder
from backjournal.domain.symptoms import Mark

DAY = TODAY.isoformat()


def invoke(*args: str) -> Result:
    """Run ``backjournal ARGS`` in-process and return click's result."""
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def test_nothing_due_is_no_line():
    """Today logged, a check-in 6 days ago and no flag: nothing to say."""
    last = TODAY - dt.timedelta(days=6)
    assert reminder(TODAY, logged_today=True, last_odi=last, flags={}) is None


def test_each_due_thing_is_named_in_one_line():
    """A flag (first), today not logged and a check-in 7 days old share one line."""
    line = reminder(
        TODAY,
        logged_today=False,
        last_odi=TODAY - dt.timedelta(days=7),
        flags={"2026-11-23": ("leg weakness",)},
    )
    assert line == (
        "backjournal: red flag since 2026-11-23: leg weakness"
        " · today not logged (backjournal log, or open the app)"
        " · Oswestry check-in due (last 2026-11-18; ctrl+o in the app)"
    )


def test_an_active_flag_is_named_whatever_its_age():
    """A flag stays active until its outcome: a week-old one is still named, the newest first."""
    line = reminder(
        TODAY,
        logged_today=True,
        last_odi=TODAY,
        flags={"2026-11-18": ("fever",), "2026-11-25": ("saddle numbness",)},
    )
    assert line == "backjournal: red flag today: saddle numbness"
    line = reminder(TODAY, logged_today=True, last_odi=TODAY, flags={"2026-11-18": ("fever",)})
    assert line == "backjournal: red flag since 2026-11-18: fever"


def test_remind_without_a_journal_prints_nothing_and_creates_nothing(db_path):
    """No journal file: silent, exit 0, and no journal is created by a prompt hook."""
    result = invoke("remind")
    assert (result.exit_code, result.output) == (0, "")
    assert not db_path.exists()


def test_remind_on_a_real_journal(journal):
    """A journal logged today, with no check-in, reminds of the check-in only; with nothing
    logged today it names that too; with everything done it is silent."""
    journal.save_day(DayEntry("2026-11-24", runs=[Run(5000.0)]), TODAY)
    assert invoke("remind").output == (
        "backjournal: today not logged (backjournal log, or open the app)"
        " · Oswestry check-in due (none yet; ctrl+o in the app)\n"
    )
    journal.save_day(DayEntry(DAY, back_wake=2), TODAY)
    journal.symptoms.save_odi(DAY, [1] * 10)
    assert invoke("remind").output == ""
    journal.symptoms.save_marks(DAY, [Mark("calf-l", 4, ("weakness",))], TODAY)
    assert invoke("remind").output == (
        "backjournal: red flag today: weakness marked on the body map (Contact your doctor in "
        "the next few days, sooner if it gets worse)\n"
    )
