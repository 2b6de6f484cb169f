"""Red flags in the journal (store/flags.py, migration m006): a journal made before m006 keeps
its data and its answers; flags persist and end with an outcome; the JSON round trip keeps
outcomes and the profile; the maintenance suggestion waits for flags, marks and extent."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.exercises import Dose, ProgrammeItem
from backjournal.domain.flags import Outcome
from backjournal.domain.models import DayEntry, ValidationError
from backjournal.domain.symptoms import Mark
from backjournal.store import Journal
from backjournal.store.migrations import migrations


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def test_a_journal_made_before_m006_keeps_its_data_and_answers(tmp_path, monkeypatch):
    """Days, runs, marks and check answers written by the previous release survive; the flags
    are recomputed by the new rules and a backup is made."""
    path = tmp_path / "old.db"
    before = migrations._migrations[: migrations.names().index("m006_red_flags")]
    monkeypatch.setattr(migrations, "_migrations", before)
    with Journal.open(path) as old, old._writing() as conn:  # the old release's columns only
        stamp = "2026-11-01T08:00:00+00:00"
        conn.executemany(
            "INSERT INTO day (date, back_wake, leg_after, note, rf_saddle, rf_night, rf_fever, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (ago(3), 8, None, "flare", None, None, 0, stamp),
                (ago(2), 2, 7, "", 1, None, None, stamp),
                (ago(1), 1, None, "calm", None, 1, None, stamp),
            ],
        )
        conn.execute(
            "INSERT INTO run (date, distance_m, created_at) VALUES (?, 5000, ?)", (ago(2), stamp)
        )
        conn.execute(
            "INSERT INTO symptom (date, region, intensity, qualities) VALUES (?, 'calf-l', 3, "
            "'tingling')",
            (ago(2),),
        )
        conn.execute(
            "INSERT INTO red_flag (date, code, reason) VALUES (?, 'severe-pain', 'old words')",
            (ago(3),),
        )
    monkeypatch.undo()
    with Journal.open(path) as journal:
        assert journal.backup_path is not None and journal.backup_path.exists()
        days = [journal.get_day(ago(k)) for k in (3, 2, 1)]
        assert [d.note for d in days] == ["flare", "", "calm"]
        assert [(d.rf_saddle, d.rf_night, d.rf_fever) for d in days] == [
            (None, None, False),
            (True, None, None),
            (None, True, None),
        ]
        assert days[1].runs[0].distance_m == 5000 and days[1].marks == [
            Mark("calf-l", 3, ("tingling",))
        ]
        rows = journal.conn.execute(
            "SELECT date, code, tier FROM red_flag ORDER BY date, tier"
        ).fetchall()
        assert rows == [(ago(2), "saddle", 1), (ago(2), "severe-pain", 2), (ago(1), "night", 2)]
        assert [f.code for f in journal.flags.active(TODAY.isoformat())] == [
            "saddle",
            "severe-pain",
            "night",
        ]


def test_saddle_two_days_ago_is_still_active_and_red(journal):
    """The issue's case: saddle numbness two days ago, nothing since: today is red."""
    journal.save_day(DayEntry(ago(2), rf_saddle=True), TODAY)
    for k in (1, 0):
        journal.save_day(DayEntry(ago(k), back_wake=0, leg_wake=0), TODAY)
    answer = journal.flags.readiness(TODAY)
    assert answer.level == "red"
    assert answer.headline == "Red: do not run: go to an emergency department now."


def test_an_outcome_is_refused_with_nothing_stored(journal):
    """An outcome before its flag raises a ValidationError and stores nothing."""
    journal.save_day(DayEntry(ago(2), rf_bladder=True), TODAY)
    with pytest.raises(ValidationError, match="before the flag was recorded"):
        journal.flags.record_outcome(Outcome("bladder", ago(3), "seen"), TODAY)
    assert journal.flags.outcomes() == []


def test_the_schema_refuses_bad_outcomes_and_profile_keys(journal):
    """CHECK constraints hold without the store: an unknown kind, a profile key, a bad date."""
    for sql in (
        "INSERT INTO flag_outcome (code, date, kind, created_at) VALUES ('x', '2026-11-01', "
        "'cured', 't')",
        "INSERT INTO profile (key, value, since) VALUES ('shoe_size', '44', '2026-11-01')",
        "INSERT INTO profile (key, value, since) VALUES ('cancer', '1', 'today')",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            journal.conn.execute(sql)


def test_json_restore_keeps_outcomes_and_the_profile(journal, tmp_path):
    """export json, restore into a new file, export again: the same, outcomes and profile too."""
    journal.save_day(DayEntry(ago(4), rf_fever=True, back_wake=2), TODAY)
    journal.flags.record_outcome(Outcome("fever", ago(3), "seen", "a virus", ago(1)), TODAY)
    journal.flags.save_profile({"osteoporosis": True}, 1950, TODAY)
    runner = CliRunner()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert runner.invoke(cli, ["export", "json", "--out", str(first)]).exit_code == 0
    new = tmp_path / "new.db"
    result = runner.invoke(cli, ["--db", str(new), "restore", str(first)])
    assert result.exit_code == 0, result.output
    assert "flag_outcome 1 added" in result.stdout and "profile 2 added" in result.stdout
    assert runner.invoke(cli, ["--db", str(new), "export", "json", "--out", str(second)])
    strip = lambda p: [x for x in p.read_text().splitlines() if '"exported_at"' not in x]  # noqa
    assert strip(second) == strip(first)
    with Journal.open(new) as copy:
        assert [f.code for f in copy.flags.active(TODAY.isoformat())] == [
            "age-onset",  # since the first episode, 4 days ago
            "osteoporosis",  # since today
        ]


def test_profile_is_asked_once(journal):
    """Offered once: skipping or answering marks it asked."""
    assert not journal.flags.profile_asked()
    journal.flags.mark_profile_asked(TODAY)
    assert journal.flags.profile_asked()


# --- the maintenance suggestion -----------------------------------------------------------------


def calm_with_programme(journal):
    store = journal.exercises
    store.set_programme(
        [ProgrammeItem("plank", Dose(2, reps=10), tuple(range(7)))],
        on=TODAY - dt.timedelta(days=20),
        today=TODAY,
    )
    for k in range(21):
        journal.save_day(DayEntry(ago(k), back_wake=1, leg_wake=0), TODAY)
        store.tick(TODAY - dt.timedelta(days=k), "plank", today=TODAY)
    assert store.suggestion(TODAY) is not None


@pytest.mark.parametrize(
    "change",
    ["flag", "numbness", "weakness", "rising"],
)
def test_maintenance_waits(journal, change):
    """An active flag, a numbness or weakness mark, or a rising extent in the 14 days: no
    suggestion to move to maintenance."""
    calm_with_programme(journal)
    if change == "flag":
        journal.update_day(ago(20), lambda e: setattr(e, "rf_thoracic", True), TODAY)
    elif change in ("numbness", "weakness"):
        journal.symptoms.save_marks(ago(13), [Mark("calf-l", 1, (change,))], TODAY)
    else:
        journal.symptoms.save_marks(ago(6), [Mark("buttock-l", 1, ("tingling",))], TODAY)
        journal.symptoms.save_marks(ago(5), [Mark("calf-l", 1, ("tingling",))], TODAY)
    assert journal.exercises.suggestion(TODAY) is None


def test_maintenance_not_held_by_a_mark_outside_the_14_days(journal):
    """A numbness mark 14 days ago (outside the 14 days ending today) does not hold it."""
    calm_with_programme(journal)
    journal.symptoms.save_marks(ago(14), [Mark("calf-l", 1, ("numbness",))], TODAY)
    assert journal.exercises.suggestion(TODAY) is not None


def test_active_days_marks_every_day_until_the_outcome(journal):
    """History's lookup: a flag is active from its day to the day before its outcome, a
    profile risk factor from the day it was answered, each with its tier."""
    journal.save_day(DayEntry(ago(6), rf_saddle=True), TODAY)
    journal.save_day(DayEntry(ago(4), rf_trauma=True), TODAY)
    journal.flags.record_outcome(Outcome("saddle", ago(2), "seen"), TODAY)
    days = journal.flags.active_days()
    assert [days.tiers(ago(n)) for n in range(8, -2, -1)] == [
        (),  # 8 days ago
        (),
        (1,),  # the saddle sign recorded
        (1,),
        (1, 2),  # the trauma recorded
        (1, 2),
        (2,),  # seen by a clinician: the saddle flag ends that day
        (2,),
        (2,),  # today, the trauma still active
        (2,),  # and on every later day
    ]


def test_a_flag_code_edited_in_by_hand_breaks_nothing(tmp_path):
    """A red_flag row with a code this version does not know (the file edited by hand) is left
    out: the known flag beside it still shows, and nothing fails (it crashed `log` and `check`
    when the demo first held a flag)."""
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        journal.save_day(DayEntry(ago(1), back_wake=2, rf_saddle=True), TODAY)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO red_flag (date, code, reason, tier) VALUES (?, 'made-up', 'x', 1)",
            (ago(1),),
        )
    conn.close()
    with Journal.open(path) as journal:
        assert [f.code for f in journal.flags.active(TODAY.isoformat())] == ["saddle"]
        assert [s.code for s in journal.symptoms.flags(ago(1))] == ["saddle"]
    result = CliRunner().invoke(cli, ["--db", str(path), "check"])
    assert result.exit_code == 2, result.output
    assert "made-up" not in result.output
