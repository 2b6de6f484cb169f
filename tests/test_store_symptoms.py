"""Symptoms in the journal: marks, extent, recorded red flags, Oswestry check-ins."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import TODAY

from backjournal.domain.models import DayEntry, Run, ValidationError
from backjournal.domain.symptoms import Mark
from backjournal.store import Journal

DAY = "2026-11-24"
BEFORE = "2026-11-23"


def test_marks_round_trip_and_extent_is_stored(journal):
    """Saved marks read back in catalogue order; the day gets its extent per leg."""
    marks = [Mark("calf-l", 4, ("tingling",)), Mark("low-back", 3, ("ache",))]
    journal.symptoms.save_marks(DAY, marks, TODAY)
    assert journal.symptoms.marks(DAY) == [marks[1], marks[0]]
    assert journal.symptoms.extents(DAY, DAY) == [(DAY, 4, 1)]
    assert journal.get_day(DAY) is not None  # the day was created for its marks


def test_saving_marks_replaces_the_days_marks(journal):
    """A second save replaces the first; an empty map stores extent 0."""
    journal.symptoms.save_marks(DAY, [Mark("calf-l", 4)], TODAY)
    journal.symptoms.save_marks(DAY, [], TODAY)
    assert journal.symptoms.marks(DAY) == []
    assert journal.symptoms.extents(DAY, DAY) == [(DAY, 0, 0)]


@pytest.mark.parametrize(
    "mark",
    [Mark("butt", 3), Mark("calf-l", 11), Mark("calf-l", -1), Mark("calf-l", 2, ("itchy",))],
)
def test_invalid_marks_write_nothing(journal, db_path, mark):
    """An unknown region, an intensity out of range or an unknown quality stores nothing."""
    with pytest.raises(ValidationError):
        journal.symptoms.save_marks(DAY, [Mark("low-back", 2), mark], TODAY)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM day").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM symptom").fetchone()[0] == 0
    finally:
        conn.close()


def test_red_flags_are_recorded_from_marks_check_and_pain(journal):
    """Flags come from every source, are recorded for the day, and go when the cause goes."""
    flags = journal.symptoms.save_marks(DAY, [Mark("shin-r", 3, ("weakness",))], TODAY)
    assert [f.code for f in flags] == ["weakness-mark"]

    def tick(entry: DayEntry) -> None:
        entry.rf_bladder = True
        entry.leg_after = 8

    journal.save_day(DayEntry(BEFORE, back_wake=7), TODAY)
    journal.update_day(DAY, tick, TODAY)
    assert [f.code for f in journal.symptoms.flags(DAY)] == [
        "bladder",
        "weakness-mark",
        "severe-pain",
    ]
    assert [f.tier for f in journal.symptoms.flags(DAY)] == [1, 2, 2]

    def untick(entry: DayEntry) -> None:
        entry.rf_bladder = None
        entry.leg_after = 2

    journal.update_day(DAY, untick, TODAY)
    journal.symptoms.save_marks(DAY, [Mark("shin-r", 3)], TODAY)
    assert journal.symptoms.flags(DAY) == []


def test_check_answers_round_trip(journal):
    """The daily check's answers are stored as yes, no or not answered."""
    journal.save_day(DayEntry(DAY, rf_saddle=True, rf_fever=False), TODAY)
    day = journal.get_day(DAY)
    assert (day.rf_saddle, day.rf_fever, day.rf_night) == (True, False, None)


def test_saving_a_day_keeps_its_marks_unless_given(journal):
    """The Today screen's save (marks None) leaves the map alone; a list replaces it."""
    journal.symptoms.save_marks(DAY, [Mark("calf-l", 4)], TODAY)
    journal.save_day(DayEntry(DAY, back_wake=2, runs=[Run(5000)]), TODAY)
    assert journal.symptoms.marks(DAY) == [Mark("calf-l", 4)]
    journal.save_day(DayEntry(DAY, marks=[Mark("knee-r", 1)]), TODAY)
    assert journal.symptoms.marks(DAY) == [Mark("knee-r", 1)]


def test_deleting_a_day_deletes_its_marks_and_flags_and_undo_restores_them(journal):
    """Delete takes the marks and flags with the day; restoring brings both back."""
    journal.save_day(DayEntry(BEFORE, back_wake=7), TODAY)
    journal.symptoms.save_marks(DAY, [Mark("calf-l", 8)], TODAY)
    assert [f.code for f in journal.symptoms.flags(DAY)] == ["severe-pain"]
    deleted = journal.delete_day(DAY)
    assert journal.symptoms.marks(DAY) == [] and journal.symptoms.flags(DAY) == []
    journal.restore_day(deleted)
    assert journal.symptoms.marks(DAY) == [Mark("calf-l", 8)]
    assert [f.code for f in journal.symptoms.flags(DAY)] == ["severe-pain"]


def test_severe_pain_follows_the_day_before(journal):
    """Severe pain needs 2 days running: writing or deleting the day before updates the day."""
    journal.save_day(DayEntry(DAY, leg_wake=9), TODAY)
    assert journal.symptoms.flags(DAY) == []
    journal.save_day(DayEntry(BEFORE, leg_after=7), TODAY)
    assert [f.code for f in journal.symptoms.flags(DAY)] == ["severe-pain"]
    journal.delete_day(BEFORE)
    assert journal.symptoms.flags(DAY) == []


def test_oswestry_check_ins_are_stored_with_version(journal, db_path):
    """A check-in is stored with its date, version, answers, score and band."""
    result = journal.symptoms.save_odi(DAY, [2, 2, 2, 2, 2, 2, 1, 1, 2, None])
    assert (result.score, result.band) == (35.6, "moderate")
    assert journal.symptoms.odi_scores() == [(DAY, 35.6, "moderate")]
    assert journal.symptoms.last_odi_date() == DAY
    conn = sqlite3.connect(db_path)
    try:
        version, answers = conn.execute("SELECT version, answers FROM questionnaire").fetchone()
    finally:
        conn.close()
    assert version.startswith("2.1a")
    assert answers == "[2, 2, 2, 2, 2, 2, 1, 1, 2, null]"


def test_all_skipped_oswestry_is_not_stored(journal):
    """Skipping every section stores nothing."""
    assert journal.symptoms.save_odi(DAY, [None] * 10) is None
    assert journal.symptoms.odi_scores() == []


def test_upgrading_a_journal_of_the_first_version_keeps_its_days(tmp_path):
    """A journal made before the symptoms migration upgrades with a backup and its days intact."""
    from backjournal.store.migrations import migrations

    path = tmp_path / "old.db"
    first = migrations._migrations[:1]
    saved = migrations._migrations
    migrations._migrations = first
    try:
        Journal.open(path).close()  # the schema of the first version only
    finally:
        migrations._migrations = saved
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO day (date, back_wake, updated_at) VALUES (?, 3, 'x')", (DAY,))
        conn.execute("INSERT INTO run (date, distance_m, created_at) VALUES (?, 8000, 'x')", (DAY,))
    conn.close()
    with Journal.open(path) as journal:
        assert journal.backup_path is not None and journal.backup_path.exists()
        day = journal.get_day(DAY)
        assert day.back_wake == 3 and [r.distance_m for r in day.runs] == [8000]
        assert day.rf_saddle is None and journal.symptoms.marks(DAY) == []
