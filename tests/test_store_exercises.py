"""Exercises in the journal (``journal.exercises``): the migration, the library, the programme and
its history, ticks, the checklist, adherence by the programme of each day, suggestions and their
dismissal. Real SQLite files in tmp_path."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest
from conftest import TODAY

from backjournal.domain.exercises import (
    LIBRARY,
    Dose,
    Exercise,
    ProgrammeItem,
    starter_items,
)
from backjournal.domain.models import DayEntry, ValidationError
from backjournal.store import Journal
from backjournal.store.migrations import migrations

D = dt.timedelta
MONDAY = dt.date(2026, 11, 23)  # TODAY is the Wednesday after


def back(n: int) -> dt.date:
    return TODAY - D(days=n)


def item(exercise_id: str, days=(0, 1, 2, 3, 4, 5, 6), dose: Dose | None = None):
    return ProgrammeItem(exercise_id, dose or Dose(2, reps=10), tuple(days))


def own(exercise_id: str = "wall-angel", **changes) -> Exercise:
    fields = dict(
        id=exercise_id,
        name="Wall angel",
        kind="mobility",
        targets="upper back",
        steps=("Stand against a wall.", "Slide your arms up and down."),
        dose=Dose(2, reps=10),
        stop_when="Stop if your shoulder pinches.",
        builtin=False,
    )
    fields.update(changes)
    return Exercise(**fields)


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


# --- migration -----------------------------------------------------------------------------------


def test_blank_journal_has_the_exercise_tables(journal, db_path):
    """m005_exercises creates the six tables with the expected columns and indexes."""
    conn = sqlite3.connect(db_path)
    try:
        assert columns(conn, "exercise") == [
            "id", "name", "kind", "targets", "steps", "sets", "reps", "hold_s", "per_side",
            "stop_when", "hidden", "created_at",
        ]  # fmt: skip
        assert columns(conn, "exercise_hidden") == ["id", "hidden_at"]
        assert columns(conn, "programme_item") == [
            "id", "exercise_id", "position", "sets", "reps", "hold_s", "per_side", "weekdays",
            "valid_from", "valid_to",
        ]  # fmt: skip
        assert columns(conn, "exercise_done") == ["date", "exercise_id", "sets_done", "note"]
        assert columns(conn, "phase_change") == [
            "id", "date", "from_phase", "to_phase", "why", "created_at",
        ]  # fmt: skip
        assert columns(conn, "suggestion_dismissal") == ["kind", "date"]
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"programme_item_in_force", "phase_change_date"} <= indexes
        plan = " ".join(
            str(r[3])
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM exercise_done WHERE date BETWEEN ? AND ?",
                ("2026-01-01", "2026-02-01"),
            )
        )
        assert "USING INDEX" in plan or "PRIMARY KEY" in plan
    finally:
        conn.close()
    assert "m005_exercises" in migrations.names()


def test_upgrade_from_the_previous_schema_keeps_the_data(tmp_path, monkeypatch):
    """A journal made before m005 opens with its days intact, is backed up, and gains the tables."""
    path = tmp_path / "old.db"
    before = [m for m in migrations._migrations if m.name != "m005_exercises"]
    monkeypatch.setattr(migrations, "_migrations", before)
    with Journal.open(path) as old:
        old.save_day(DayEntry("2026-11-20", back_wake=3, note="before exercises"), TODAY)
        assert "exercise_done" not in old.db.table_names()
    monkeypatch.undo()
    with Journal.open(path) as journal:
        assert journal.backup_path is not None and journal.backup_path.exists()
        assert journal.get_day("2026-11-20").note == "before exercises"
        journal.exercises.done(TODAY, ["bird-dog"], today=TODAY)
        assert journal.exercises.summary(TODAY) == (0, 0)
        assert [c.exercise.id for c in journal.exercises.checklist(TODAY)] == ["bird-dog"]


def test_schema_refuses_bad_rows_even_without_the_store(journal):
    """CHECK constraints refuse a bad id, a bad date, both reps and hold, and unknown phases."""
    conn = journal.conn
    for sql in (
        "INSERT INTO exercise_done (date, exercise_id) VALUES ('2026-11-25', 'Bad Id')",
        "INSERT INTO exercise_done (date, exercise_id) VALUES ('25/11/2026', 'plank')",
        "INSERT INTO exercise_done (date, exercise_id, sets_done) VALUES ('2026-11-25', 'x', 0)",
        "INSERT INTO programme_item (exercise_id, position, sets, reps, hold_s, weekdays, "
        "valid_from) VALUES ('plank', 0, 3, 10, 30, '0', '2026-11-25')",
        "INSERT INTO programme_item (exercise_id, position, sets, reps, weekdays, valid_from) "
        "VALUES ('plank', 0, 3, 10, '07', '2026-11-25')",
        "INSERT INTO phase_change (date, to_phase, created_at) VALUES ('2026-11-25', 'rest', 'x')",
        "INSERT INTO suggestion_dismissal (kind, date) VALUES ('later', '2026-11-25')",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)


# --- the library ---------------------------------------------------------------------------------


def test_library_lists_built_ins_then_own_exercises(journal):
    """The library starts with the built-ins in order, then the user's exercises by name."""
    store = journal.exercises
    store.add(own("wall-angel"))
    store.add(own("a-neck-roll", name="Neck roll"))
    ids = [e.id for e in store.library()]
    assert ids[: len(LIBRARY)] == [e.id for e in LIBRARY]
    assert ids[len(LIBRARY) :] == ["a-neck-roll", "wall-angel"]
    assert store.get("wall-angel") == own("wall-angel")
    assert store.get("bird-dog") == LIBRARY[1] and store.get("nope") is None


def test_own_exercise_ids_must_be_new_slugs(journal):
    """A built-in's id, a taken id and a bad field are refused, and nothing is stored."""
    store = journal.exercises
    store.add(own())
    with pytest.raises(ValidationError, match="bird-dog is a built-in exercise"):
        store.add(own("bird-dog"))
    with pytest.raises(ValidationError, match="already an exercise with the id wall-angel"):
        store.add(own())
    with pytest.raises(ValidationError) as info:
        store.add(own("x-y", kind="yoga", steps=()))
    assert set(info.value.errors) == {"kind", "steps"}
    assert [e.id for e in store.library() if not e.builtin] == ["wall-angel"]


def test_built_ins_can_only_be_hidden(journal):
    """A built-in is hidden and shown again, never changed or deleted."""
    store = journal.exercises
    plank = store.get("plank")
    store.update(dataclasses.replace(plank, hidden=True))
    assert "plank" not in [e.id for e in store.library()]
    assert store.get("plank").hidden
    assert "plank" in [e.id for e in store.library(include_hidden=True)]
    with pytest.raises(ValidationError, match="built in and cannot be changed"):
        store.update(dataclasses.replace(plank, name="Long plank"))
    with pytest.raises(ValidationError, match="can be hidden, not deleted"):
        store.delete("plank")
    store.set_hidden("plank", False)
    assert not store.get("plank").hidden


def test_own_exercises_are_edited_retired_and_deleted_only_without_history(journal):
    """A user's exercise is updated fully, retired (hidden) with its history kept, and deleted
    only while nothing refers to it."""
    store = journal.exercises
    store.add(own())
    store.update(own(name="Wall angels", dose=Dose(3, reps=12)))
    assert store.get("wall-angel").name == "Wall angels"
    store.tick(TODAY, "wall-angel", today=TODAY)
    with pytest.raises(ValidationError, match="has a history; retire it"):
        store.delete("wall-angel")
    store.set_hidden("wall-angel", True)
    assert "wall-angel" not in [e.id for e in store.library()]
    assert store.checklist(TODAY)[0].exercise.name == "Wall angels"  # history still shows it
    store.add(own("unused"))
    store.delete("unused")
    assert store.get("unused") is None
    with pytest.raises(ValidationError, match="there is no exercise 'nope'"):
        store.set_hidden("nope", True)


# --- the programme -------------------------------------------------------------------------------


def test_a_new_journal_has_no_programme(journal):
    """Before any choice the phase is relief, the programme empty and the history empty."""
    store = journal.exercises
    assert store.programme() == ("relief", [])
    assert store.phase_history() == []
    assert store.checklist(TODAY) == [] and store.summary(TODAY) == (0, 0)


def test_start_loads_the_starter_and_records_the_phase(journal):
    """start() records the phase change (no "from" the first time) and loads the starter."""
    store = journal.exercises
    store.start("relief", on=back(10), why="flare-up", today=TODAY)
    assert store.programme() == ("relief", starter_items("relief"))
    store.start("strengthening", on=back(2), why="pain settling", today=TODAY)
    assert store.phase_history() == [
        (back(10), None, "relief", "flare-up"),
        (back(2), "relief", "strengthening", "pain settling"),
    ]
    assert store.programme(back(5)) == ("relief", starter_items("relief"))
    assert store.programme()[1] == starter_items("strengthening")


def test_set_phase_without_items_keeps_the_programme(journal):
    """set_phase(items=None) records the phase only; the same phase again records nothing."""
    store = journal.exercises
    store.set_programme([item("plank")], on=back(3), today=TODAY)
    store.set_phase("strengthening", on=back(1), why="", today=TODAY)
    store.set_phase("strengthening", on=TODAY, why="again", today=TODAY)
    assert store.programme() == ("strengthening", [item("plank")])
    assert len(store.phase_history()) == 1
    with pytest.raises(ValidationError, match="a change cannot be dated before it"):
        store.set_phase("relief", on=back(2), today=TODAY)
    with pytest.raises(ValidationError, match="phase must be one of"):
        store.set_phase("rest", on=TODAY, today=TODAY)


def test_a_second_phase_change_on_the_same_day_replaces_the_first(journal):
    """One change a day: a second one replaces it, and changing back undoes it."""
    store = journal.exercises
    store.set_phase("relief", on=back(9), today=TODAY)
    store.set_phase("strengthening", on=TODAY, why="first", today=TODAY)
    store.set_phase("maintenance", on=TODAY, why="second thoughts", today=TODAY)
    assert store.phase_history()[-1] == (TODAY, "relief", "maintenance", "second thoughts")
    store.set_phase("relief", on=TODAY, today=TODAY)
    assert store.phase_history() == [(back(9), None, "relief", "")]


def test_programme_edits_keep_the_past(journal):
    """An edit dated today leaves yesterday's schedule as it was; editing again the same day
    replaces the morning's version; a back-dated edit replaces everything from its date."""
    store = journal.exercises
    store.set_programme([item("plank"), item("bird-dog")], on=back(7), today=TODAY)
    store.set_programme([item("dead-bug")], on=TODAY, today=TODAY)
    assert [i.exercise_id for i in store.programme(back(1))[1]] == ["plank", "bird-dog"]
    assert [i.exercise_id for i in store.programme()[1]] == ["dead-bug"]
    store.set_programme([item("clamshell"), item("plank")], on=TODAY, today=TODAY)
    assert [i.exercise_id for i in store.programme()[1]] == ["clamshell", "plank"]
    store.set_programme([item("calf-raise")], on=back(3), today=TODAY)
    assert [i.exercise_id for i in store.programme(back(4))[1]] == ["plank", "bird-dog"]
    assert [i.exercise_id for i in store.programme()[1]] == ["calf-raise"]
    rows = journal.conn.execute("SELECT count(*) FROM programme_item").fetchone()[0]
    assert rows == 3


def test_a_bad_programme_writes_nothing(journal):
    """An unknown id (named with its close match) or a repeated exercise: nothing changes."""
    store = journal.exercises
    store.set_programme([item("plank")], on=back(1), today=TODAY)
    with pytest.raises(ValidationError, match="did you mean bird-dog"):
        store.set_programme([item("dead-bug"), item("brid-dog")], on=TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="twice"):
        store.set_programme([item("plank"), item("plank")], on=TODAY, today=TODAY)
    assert store.programme()[1] == [item("plank")]


def test_future_and_invalid_dates_are_refused_like_the_day_log(journal):
    """Writes refuse a future or malformed date with the day log's own messages."""
    store = journal.exercises
    with pytest.raises(ValidationError, match="2026-11-26 is in the future; today is 2026-11-25"):
        store.tick("2026-11-26", "plank", today=TODAY)
    with pytest.raises(ValidationError, match=r"'2026-13-01' is not a date \(YYYY-MM-DD\)"):
        store.done("2026-13-01", ["plank"], today=TODAY)
    with pytest.raises(ValidationError, match="is in the future"):
        store.set_programme([item("plank")], on=TODAY + D(days=1), today=TODAY)
    with pytest.raises(ValidationError, match="not a date"):
        store.checklist("soon")


# --- ticks and the checklist ---------------------------------------------------------------------


def test_checklist_shows_scheduled_in_order_then_ticked_extras(journal):
    """Scheduled exercises in programme order (ticked or not), then the extras ticked."""
    store = journal.exercises
    store.set_programme(
        [item("side-plank", (2,)), item("bird-dog"), item("calf-raise", (0,))],
        on=back(7),
        today=TODAY,
    )
    store.tick(TODAY, "bird-dog", sets_done=1, note="tired", today=TODAY)
    store.tick(TODAY, "plank", today=TODAY)
    store.tick(TODAY, "calf-raise", today=TODAY)  # scheduled Mondays only: an extra today
    items = store.checklist(TODAY)
    assert [(c.exercise.id, c.scheduled, c.done) for c in items] == [
        ("side-plank", True, False),
        ("bird-dog", True, True),
        ("calf-raise", False, True),
        ("plank", False, True),
    ]
    assert items[1].sets_done == 1 and items[1].note == "tired"
    assert items[1].dose == Dose(2, reps=10)  # the programme's dose
    assert store.summary(TODAY) == (1, 2)
    store.untick(TODAY, "bird-dog", today=TODAY)
    assert store.summary(TODAY) == (0, 2)


def test_done_checks_every_id_first_and_writes_all_or_nothing(journal):
    """One unknown id among good ones: nothing is stored, and the error lists close matches."""
    store = journal.exercises
    with pytest.raises(ValidationError) as info:
        store.done(TODAY, ["plank", "glute-brige", "bird-dog"], today=TODAY)
    assert "did you mean glute-bridge?" in str(info.value)
    assert store.checklist(TODAY) == []
    assert store.done(TODAY, ["plank", "bird-dog", "plank"], sets=2, today=TODAY) == [
        "plank",
        "bird-dog",
    ]
    assert {c.exercise.id: c.sets_done for c in store.checklist(TODAY)} == {
        "bird-dog": 2,
        "plank": 2,
    }
    with pytest.raises(ValidationError, match="sets done must be"):
        store.done(TODAY, ["plank"], sets=0, today=TODAY)


def test_ticking_again_replaces_sets_and_note(journal):
    """A second tick of the same exercise on the same day replaces its sets and note."""
    store = journal.exercises
    store.tick(TODAY, "plank", sets_done=1, note="short", today=TODAY)
    store.tick(TODAY, "plank", today=TODAY)
    (only,) = store.checklist(TODAY)
    assert only.sets_done is None and only.note == ""


def test_an_imported_tick_of_an_unknown_id_is_shown_under_its_id(journal):
    """A tick whose exercise no longer exists (imported) is listed, not a crash."""
    journal.conn.execute(
        "INSERT INTO exercise_done (date, exercise_id) VALUES (?, 'gone-away')",
        (TODAY.isoformat(),),
    )
    (only,) = journal.exercises.checklist(TODAY)
    assert only.exercise.id == "gone-away" and only.exercise.name == "gone-away"


# --- adherence -----------------------------------------------------------------------------------


def test_adherence_uses_the_programme_in_force_each_day(journal):
    """Changing the programme today does not rewrite the adherence of past days."""
    store = journal.exercises
    store.set_programme([item("plank")], on=back(6), today=TODAY)
    for n in range(1, 7):
        store.tick(back(n), "plank", today=TODAY)
    before = store.adherence(TODAY)
    assert before.pct7 == 1.0 and before.streak == 6
    store.set_programme([item("bird-dog"), item("dead-bug")], on=TODAY, today=TODAY)
    after = store.adherence(TODAY)
    assert after.pct7 == 1.0 and after.streak == 6  # today is not over: it does not count yet
    assert after.strip[-1] == (TODAY, 2, 0) and after.strip[-2] == (back(1), 1, 1)
    store.tick(TODAY, "bird-dog", today=TODAY)
    assert store.adherence(TODAY).pct7 == 1.0  # 7 of 7: today's tick counts
    assert store.day_counts(back(1), TODAY) == {back(1): (1, 1), TODAY: (2, 1)}


def test_a_streak_longer_than_the_strip_is_counted_in_full(journal):
    """A streak that reaches past the 28 days is read further back, to where it breaks."""
    store = journal.exercises
    store.set_programme([item("plank")], on=back(100), today=TODAY)
    journal.conn.executemany(
        "INSERT INTO exercise_done (date, exercise_id) VALUES (?, 'plank')",
        [(back(n).isoformat(),) for n in range(1, 41)],
    )
    assert store.adherence(TODAY).streak == 40
    journal.conn.executemany(
        "INSERT INTO exercise_done (date, exercise_id) VALUES (?, 'plank')",
        [(back(n).isoformat(),) for n in range(42, 101)],
    )
    assert store.adherence(TODAY).streak == 40  # day 41 was missed
    journal.conn.execute(
        "INSERT INTO exercise_done (date, exercise_id) VALUES (?, 'plank')",
        (back(41).isoformat(),),
    )
    assert store.adherence(TODAY).streak == 100


def test_weekly_adherence(journal):
    """weekly_adherence gives each week's done / scheduled, keyed by the week's first day."""
    store = journal.exercises
    store.set_programme([item("plank", (0, 2, 4))], on=MONDAY - D(days=7), today=TODAY)
    store.done(MONDAY - D(days=7), ["plank"], today=TODAY)
    store.done(MONDAY - D(days=5), ["plank"], today=TODAY)
    store.done(MONDAY, ["plank"], today=TODAY)
    weeks = store.weekly_adherence(MONDAY - D(days=7), MONDAY - D(days=1))
    assert weeks == {MONDAY - D(days=7): pytest.approx(2 / 3)}


# --- suggestions ---------------------------------------------------------------------------------


def calm_days(journal, n: int, back_pain: int = 1) -> None:
    for k in range(n):
        journal.save_day(DayEntry(back(k).isoformat(), back_wake=back_pain, leg_wake=0), TODAY)


def test_maintenance_suggestion_then_dismissal_for_seven_days(journal):
    """14 calm days with the programme done suggest maintenance; dismissed, it stays quiet for 7
    days and comes back on the 7th day after; accepting it is a phase change."""
    store = journal.exercises
    store.set_programme([item("plank")], on=back(20), today=TODAY)
    calm_days(journal, 21)
    for k in range(21):
        store.tick(back(k), "plank", today=TODAY)
    found = store.suggestion(TODAY)
    assert found is not None and found.kind == "maintenance"
    store.dismiss_suggestion("maintenance", on=back(7), today=TODAY)
    assert store.suggestion(TODAY) is not None  # dismissed 7 days ago: back again
    store.dismiss_suggestion("maintenance", on=back(6), today=TODAY)
    assert store.suggestion(TODAY) is None  # 6 days ago: still quiet
    assert store.suggestion(TODAY + D(days=1)) is not None  # the 7th day after: back again
    store.set_phase("maintenance", on=TODAY, why=found.reason, today=TODAY)
    assert store.suggestion(TODAY) is None
    with pytest.raises(ValidationError, match="kind must be one of"):
        store.dismiss_suggestion("later", on=TODAY, today=TODAY)


def test_back_suggestion_during_maintenance(journal):
    """In maintenance, pain 2 points up within 3 days suggests going back to strengthening."""
    store = journal.exercises
    store.start("maintenance", on=back(30), today=TODAY)
    calm_days(journal, 5)
    assert store.suggestion(TODAY) is None
    journal.save_day(DayEntry(TODAY.isoformat(), back_wake=1, back_after=4), TODAY)
    found = store.suggestion(TODAY)
    assert found is not None and found.kind == "back" and found.to_phase == "strengthening"
    assert "rose from 1" in found.reason and "to 4" in found.reason


# --- speed ---------------------------------------------------------------------------------------


def test_daily_reads_stay_cheap_in_a_long_journal(tmp_path):
    """With years of ticks, summary, checklist and adherence read only their dates (a few ms)."""
    import time

    path = tmp_path / "long.db"
    with Journal.open(path) as journal:
        store = journal.exercises
        first = TODAY - D(days=3650)
        for k in range(0, 3650, 90):  # an edit every quarter: 41 programmes
            items = starter_items(("relief", "strengthening", "maintenance")[k % 3])
            store.set_programme(items, on=first + D(days=k), today=TODAY)
        journal.conn.execute("BEGIN")
        journal.conn.executemany(
            "INSERT INTO exercise_done (date, exercise_id) VALUES (?, ?)",
            [
                ((first + D(days=k)).isoformat(), ex_id)
                for k in range(3651)
                for ex_id in ("bird-dog", "plank", "glute-bridge", "cat-camel")
            ],
        )
        journal.conn.execute("COMMIT")
        for call in (
            lambda: store.summary(TODAY),
            lambda: store.checklist(TODAY),
            lambda: store.adherence(TODAY),
        ):
            call()
            start = time.perf_counter()
            for _ in range(5):
                call()
            assert (time.perf_counter() - start) / 5 < 0.05


def test_each_days_reads_agree_with_its_checklist_over_a_demo_year(tmp_path):
    """Over a year of the demo's programme edits and phase changes, every day's one-query
    summary, its checklist, the programme in force and the day counts tell the same story."""
    from backjournal.domain.exercises import ProgrammeItem
    from backjournal.store.demo import write_demo
    from backjournal.store.exercise_summary import day_summary

    with Journal.open(tmp_path / "demo.db") as journal:
        write_demo(journal, TODAY, years=1)
        store = journal.exercises
        start = TODAY - dt.timedelta(days=364)
        counts = store.day_counts(start, TODAY)
        for n in range(365):
            day = start + dt.timedelta(days=n)
            items = store.checklist(day)
            scheduled = [i for i in items if i.scheduled]
            done = sum(1 for i in scheduled if i.done)
            assert day_summary(journal, day) == (done, len(scheduled)), day
            assert counts[day] == (len(scheduled), done), day
            in_force = store.programme(day)[1]
            assert all(isinstance(i, ProgrammeItem) for i in in_force)
            due = [i.exercise_id for i in in_force if i.scheduled_on(day)]
            assert [i.exercise.id for i in scheduled] == due, day
        assert len(store.phase_history()) >= 2  # the year holds programme changes to cross
