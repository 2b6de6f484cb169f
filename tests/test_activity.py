"""Other activity (issue #20): walks, rides and sessions are checked, stored and counted."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.activity import Activity, active_minutes, day_kind, sport_of
from backjournal.domain.models import DayEntry, Run, ValidationError
from backjournal.domain.parse import InvalidValue
from backjournal.store import Journal

DAY = TODAY.isoformat()


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


# --- the domain -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "sport"),
    [("walk", "walk"), ("Cycling", "ride"), (" swimming ", "swim"), ("pilates", "yoga")],
)
def test_words_name_sports(word, sport):
    """A user's word for a sport is read as the sport it names."""
    assert sport_of(word) == sport


def test_an_unknown_sport_names_the_choices():
    """'fly' is refused with the list of sports."""
    with pytest.raises(InvalidValue) as exc:
        sport_of("fly")
    assert exc.value.message == (
        "'fly' is not an activity; one of walk, hike, ride, swim, elliptical, row, strength, "
        "yoga, other"
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"duration_s": 59}, "a.duration", "an activity lasts from 1 minute to 24 hours"),
        ({"duration_s": 86_401}, "a.duration", "an activity lasts from 1 minute to 24 hours"),
        ({"duration_s": 600.0}, "a.duration", "an activity lasts from 1 minute to 24 hours"),
        ({"distance_m": -1}, "a.distance", "distance must be from 0 to 1,000 km"),
        ({"distance_m": 1_000_001}, "a.distance", "distance must be from 0 to 1,000 km"),
        ({"distance_m": float("nan")}, "a.distance", "distance must be from 0 to 1,000 km"),
        ({"sport": "run"}, "a.sport", None),
        ({"effort": 11}, "a.effort", None),
        ({"pain_after": -1}, "a.pain_after", None),
        ({"notes": "x" * 501}, "a.notes", "a note has at most 500 characters"),
    ],
)
def test_bad_values_are_named(change, field, message):
    """Each value out of its range is named by its field; the edges are refused."""
    values = {"sport": "walk", "duration_s": 600, **change}
    errs = Activity(**values).errors(prefix="a")
    assert list(errs) == [field]
    if message:
        assert errs[field] == message


@pytest.mark.parametrize(
    "values",
    [
        {"duration_s": 60},
        {"duration_s": 86_400},
        {"distance_m": 0},
        {"distance_m": 1_000_000},
        {"effort": 0, "pain_during": 10, "pain_after": 0},
        {"notes": "x" * 500},
    ],
)
def test_values_at_the_edges_are_accepted(values):
    """1 minute and 24 hours, 0 and 1,000 km, scores 0 and 10, a 500-character note."""
    assert Activity(**{"sport": "ride", "duration_s": 600, **values}).errors() == {}


def test_active_minutes_add_timed_runs_and_activities():
    """A 30:00 run, an untimed run and a 40-minute walk make 70 active minutes."""
    assert active_minutes([1800, None], [Activity("walk", 2400)]) == 70
    assert active_minutes([], []) == 0


@pytest.mark.parametrize(
    ("runs", "activities", "kind"),
    [(1, 0, "run day"), (1, 2, "run day"), (0, 1, "active day"), (0, 0, "rest day")],
)
def test_a_day_with_activity_but_no_run_is_an_active_day(runs, activities, kind):
    """The words a day gets everywhere: a walk alone makes an active day, not a rest day."""
    assert day_kind(runs, activities) == kind


# --- the store -------------------------------------------------------------------------------


def test_activities_are_stored_with_the_day_and_read_back(journal):
    """A day's walk and ride are read back in order with every field."""
    walk = Activity("walk", 2400, notes="with the dog")
    ride = Activity("ride", 3600, distance_m=25_000, effort=4, pain_during=2, pain_after=3)
    journal.save_day(DayEntry(DAY, back_wake=2, activities=[walk, ride]), TODAY)
    stored = journal.get_day(DAY)
    assert [(a.sport, a.duration_s, a.distance_m, a.notes) for a in stored.activities] == [
        ("walk", 2400, None, "with the dog"),
        ("ride", 3600, 25_000.0, ""),
    ]
    assert (stored.activities[1].effort, stored.activities[1].pain_after) == (4, 3)


def test_a_save_without_activities_keeps_them(journal):
    """A face that does not show activities (None) leaves the stored ones alone."""
    journal.save_day(DayEntry(DAY, activities=[Activity("swim", 1800)]), TODAY)
    journal.save_day(DayEntry(DAY, back_wake=4, runs=[Run(5000)]), TODAY)
    assert [a.sport for a in journal.get_day(DAY).activities] == ["swim"]


def test_a_list_replaces_the_activities_keeping_ids(journal):
    """Saving the list read back (one changed, one removed) updates in place and deletes."""
    journal.save_day(DayEntry(DAY, activities=[Activity("walk", 600), Activity("row", 900)]), TODAY)
    entry = journal.get_day(DAY)
    walk_id = entry.activities[0].id
    entry.activities[0].duration_s = 1200
    entry.activities = entry.activities[:1]
    journal.save_day(entry, TODAY)
    stored = journal.get_day(DAY).activities
    assert [(a.id, a.sport, a.duration_s) for a in stored] == [(walk_id, "walk", 1200)]


def test_a_bad_activity_stores_nothing(journal):
    """One bad activity refuses the whole day: no day row, no activity."""
    with pytest.raises(ValidationError) as exc:
        journal.save_day(DayEntry(DAY, back_wake=3, activities=[Activity("walk", 30)]), TODAY)
    assert exc.value.errors == {
        "activities.0.duration": "an activity lasts from 1 minute to 24 hours"
    }
    assert journal.get_day(DAY) is None


def test_deleting_the_day_deletes_its_activities(journal, db_path):
    """Activities belong to their day (ON DELETE CASCADE)."""
    journal.save_day(DayEntry(DAY, activities=[Activity("walk", 600)]), TODAY)
    journal.delete_day(DAY)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM activity").fetchone() == (0,)


def test_the_database_refuses_what_the_domain_refuses(journal, db_path):
    """The table's CHECKs hold even against a program that bypasses the journal."""
    journal.save_day(DayEntry(DAY, back_wake=1), TODAY)
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO activity (date, sport, duration_s, created_at) VALUES (?, 'fly', 600, '')",
            (DAY,),
        )


# --- the command line ------------------------------------------------------------------------


def test_log_activity_walk_minutes(db_path):
    """`log --activity walk 40` stores 40 minutes of walking and says so."""
    result = invoke("log", "--activity", "walk", "40")
    assert result.exit_code == 0, result.output
    assert result.output == f"Logged {DAY}: walk 40 min · active minutes 40\n"
    with Journal.open(db_path) as journal:
        assert [(a.sport, a.duration_s) for a in journal.get_day(DAY).activities] == [
            ("walk", 2400)
        ]


def test_log_activity_ride_with_distance_and_pain(db_path):
    """`--activity cycling 60 25k --pain 3 --leg 4`: a ride, 25 km, pain after 4 (the worse)."""
    invoke("log", "8k", "40:00")
    result = invoke("log", "-a", "cycling", "1:00:00", "25k", "--pain", "3", "--leg", "4")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Logged {DAY}: ride 60 min, 25 km, pain after 4 · active minutes 100\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-a", "fly", "40"), "backjournal: --activity: 'fly' is not an activity; one of walk,"),
        (("-a", "walk"), "backjournal: give the minutes: backjournal log --activity walk 40\n"),
        (("-a", "walk", "0"), "backjournal: minutes: '0': an activity lasts from 1 minute"),
        (("-a", "walk", "1441"), "backjournal: minutes: '1441': an activity lasts"),
        (("-a", "ride", "60", "abc"), "backjournal: distance: 'abc' is not a distance"),
        (("-a", "walk", "30", "--type", "long"), "backjournal: --type describes a run, not"),
        (("-a", "walk", "30", "--pain", "11"), "backjournal: --pain: "),
        (("-a", "walk", "30", "--date", "2099-01-01"), "backjournal: "),
    ],
)
def test_log_activity_refuses_bad_input_and_stores_nothing(db_path, args, message):
    """Each bad value is one line naming it, exit 1, and the journal holds nothing."""
    result = invoke("log", *args)
    assert result.exit_code == 1
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1
    if db_path.exists():
        with Journal.open(db_path) as journal:
            assert not journal.has_entries()
