"""Exercises a clinician gives at an appointment (issue #17): each becomes the user's own, in
the programme with the clinician's dose; what changed is said, where it came from is shown, bad
input refuses the whole appointment, and the link survives the exchange round trip."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.clinical import Appointment, PlanRule
from backjournal.domain.clinician_exercises import (
    Given,
    GivenExercise,
    Source,
    parse_all,
    parse_given,
)
from backjournal.domain.exercise_library import SPREAD_RULE
from backjournal.domain.exercises import Dose, ProgrammeItem
from backjournal.domain.models import ValidationError
from backjournal.domain.parse import InvalidValue
from backjournal.store import Journal

BIRD_DOG_8 = Dose(2, reps=8, per_side=True)
DAILY = (0, 1, 2, 3, 4, 5, 6)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def given(*lines: str) -> list[GivenExercise]:
    return parse_all(list(lines))


def with_bird_dog(journal: Journal, on: str = "2026-11-01") -> None:
    """A programme of bird dog 2 x 8 per side and glute bridge 3 x 10, every day, from ``on``."""
    journal.exercises.set_programme(
        [
            ProgrammeItem("bird-dog", BIRD_DOG_8, DAILY),
            ProgrammeItem("glute-bridge", Dose(3, reps=10), DAILY),
        ],
        on=on,
        today=TODAY,
    )


def dose_of(journal: Journal, exercise_id: str, on: str) -> Dose | None:
    _, items = journal.exercises.programme(on)
    return next((i.dose for i in items if i.exercise_id == exercise_id), None)


def snapshot(path: Path) -> dict[str, list]:
    """Every row of the tables an appointment with exercises writes."""
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("appointment", "plan_rule", "clinician_exercise", "exercise")
        } | {
            "programme_item": conn.execute(
                "SELECT exercise_id, sets, reps, hold_s, per_side, weekdays, valid_from, valid_to "
                "FROM programme_item ORDER BY valid_from, position"
            ).fetchall()
        }
    finally:
        conn.close()


# --- reading what was typed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "dose"),
    [
        ("Bird dog: 3x10", "Bird dog", Dose(3, reps=10)),
        ("  Wall sit :  3 x 30 s hold ", "Wall sit", Dose(3, hold_s=30)),
        ("Nerve glide: slider: 2 x 10 per side", "Nerve glide: slider", Dose(2, 10, None, True)),
        ("x" * 60 + ": 1 x 1", "x" * 60, Dose(1, reps=1)),  # the longest name
        ("Bird dog: 20 x 200", "Bird dog", Dose(20, reps=200)),  # the largest dose
    ],
)
def test_an_exercise_given_is_read_as_name_and_dose(text, name, dose):
    """NAME: DOSE, the dose after the last colon, at the limits of a name and a dose."""
    assert parse_given(text) == GivenExercise(name, dose)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["Bird dog 3x10"], "'Bird dog 3x10' has no dose; write each as NAME: DOSE, e.g. "
         "'Bird dog: 3 x 10'"),
        ([": 3x10"], "': 3x10': the exercise needs a name; write each as NAME: DOSE, e.g. "
         "'Bird dog: 3 x 10'"),
        (["x" * 61 + ": 3x10"], "'xxxxxxxxxxxxxxxxxxxx…': an exercise's name has at most 60 "
         "characters"),
        (["Bird dog: 3x201"], "Bird dog: repetitions must be a whole number from 1 to 200"),
        (["Bird dog: 21x10"], "Bird dog: sets must be a whole number from 1 to 20"),
        (["Bird dog: 0x10"], "Bird dog: sets must be a whole number from 1 to 20"),
        (["Bird dog: lots"], "Bird dog: 'lots' is not a dose; write it as 3 x 10, 3 x 10 per "
         "side or 3 x 30 s hold"),
        (["Bird dog: 3x10", "BIRD DOG: 2x5"], "'BIRD DOG' is given twice; give each exercise "
         "once"),
    ],
)  # fmt: skip
def test_what_was_typed_wrong_is_named(lines, message):
    """No colon, no name, a name of 61 characters, a dose the programme refuses (0 and 21
    sets, 201 repetitions), a name twice in any case: one sentence naming it."""
    with pytest.raises(InvalidValue) as caught:
        parse_all(lines)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (Given("bird-dog", "Bird dog", Dose(3, reps=10), "2 x 8 per side"),
         "Bird dog: 2 x 8 per side -> 3 x 10"),
        (Given("bird-dog", "Bird dog", Dose(3, reps=10), "3 x 10"), "Bird dog: 3 x 10 (as before)"),
        (Given("dead-bug", "Dead bug", Dose(3, reps=8)),
         "Dead bug: 3 x 8 (added to your programme)"),
        (Given("pallof-press", "Pallof press", Dose(2, reps=12), None, True),
         "Pallof press: 2 x 12 (a new exercise of yours, added to your programme)"),
    ],
)  # fmt: skip
def test_what_an_exercise_given_changed_is_said(change, line):
    """A new dose says the old one; the same dose, an exercise added, a new exercise."""
    assert change.change() == line


def test_where_an_exercise_came_from_is_said():
    """With whom and when; without a name, when only; the clinician's dose when the programme's
    is no longer theirs."""
    source = Source(1, "2026-11-20", "physio", Dose(3, reps=10))
    assert source.text() == "from your appointment with physio on 2026-11-20"
    assert source.text(Dose(3, reps=10)) == "from your appointment with physio on 2026-11-20"
    assert source.text(Dose(3, reps=12)) == (
        "from your appointment with physio on 2026-11-20 (given as 3 x 10)"
    )
    assert Source(1, "2026-11-20", "", Dose(1, reps=1)).text() == (
        "from your appointment on 2026-11-20"
    )


# --- the store ------------------------------------------------------------------------------------


def test_a_library_exercise_is_adopted_by_its_name_in_any_case(journal):
    """'GLUTE BRIDGE' and 'dead bug' are the built-ins: no new exercise; the one not in the
    programme is added for every day, the other keeps its days with the new dose."""
    with_bird_dog(journal)
    appointment = journal.clinical.add_appointment(
        Appointment("2026-11-20", "physio"), [], TODAY, given("GLUTE BRIDGE: 3x12", "dead bug: 2x6")
    )
    assert [g.change() for g in journal.clinical.given_at(appointment.id)] == [
        "Glute bridge: 3 x 10 -> 3 x 12",
        "Dead bug: 2 x 6 (added to your programme)",
    ]
    assert journal.exercises.library() == journal.exercises.library(include_hidden=True)
    assert not [e for e in journal.exercises.library() if not e.builtin]
    _, items = journal.exercises.programme("2026-11-20")
    assert [(i.exercise_id, i.dose, i.weekdays) for i in items] == [
        ("bird-dog", BIRD_DOG_8, DAILY),
        ("glute-bridge", Dose(3, reps=12), DAILY),
        ("dead-bug", Dose(2, reps=6), DAILY),
    ]


def test_a_name_not_known_becomes_a_new_exercise_of_the_users_own(journal):
    """'Pallof press' is no built-in: a new exercise with its id, the clinician's dose, one step
    and the stop rule every exercise shares; in the programme from the appointment's day."""
    appointment = journal.clinical.add_appointment(
        Appointment("2026-11-20", "Dr Patel"), [], TODAY, given("Pallof press: 2 x 12 per side")
    )
    made = journal.exercises.get("pallof-press")
    assert made is not None and not made.builtin and not made.hidden
    assert (made.name, made.kind, made.dose) == (
        "Pallof press",
        "strength",
        Dose(2, 12, None, True),
    )
    assert made.steps == ("As your clinician showed you.",)
    assert made.targets == "from your clinician"
    assert made.stop_when == SPREAD_RULE
    assert dose_of(journal, "pallof-press", "2026-11-20") == Dose(2, 12, None, True)
    assert dose_of(journal, "pallof-press", "2026-11-19") is None
    assert [g.change() for g in journal.clinical.given_at(appointment.id)] == [
        "Pallof press: 2 x 12 per side (a new exercise of yours, added to your programme)"
    ]


def test_a_new_exercise_gets_a_free_id(journal):
    """A user's exercise already holds the id 'pallof-press' under another name: the new one
    is 'pallof-press-2'; a name that makes no id ('!!!') is 'my-exercise'."""
    from backjournal.domain.exercises import Exercise

    journal.exercises.add(
        Exercise(
            "pallof-press", "Band press", "strength", "", ("Press.",), Dose(1, reps=5), "", False
        )
    )
    journal.clinical.add_appointment(
        Appointment("2026-11-20"), [], TODAY, given("Pallof press!: 2x12", "!!!: 1x5")
    )
    assert journal.exercises.get("pallof-press-2").name == "Pallof press!"
    assert journal.exercises.get("my-exercise").name == "!!!"


def test_a_new_dose_replaces_the_old_from_the_appointment_and_the_old_is_kept(journal):
    """Bird dog 2 x 8 per side, then the physio's 3 x 10 on the 20th: the 19th keeps 2 x 8 (the
    history), the 20th on has 3 x 10, and the link keeps the old dose to say the change."""
    with_bird_dog(journal)
    appointment = journal.clinical.add_appointment(
        Appointment("2026-11-20", "physio"), [], TODAY, given("Bird dog: 3x10")
    )
    assert dose_of(journal, "bird-dog", "2026-11-19") == BIRD_DOG_8
    assert dose_of(journal, "bird-dog", "2026-11-20") == Dose(3, reps=10)
    assert dose_of(journal, "bird-dog", "2026-11-25") == Dose(3, reps=10)
    [change] = journal.clinical.given_at(appointment.id)
    assert change.previous == "2 x 8 per side"
    assert change.change() == "Bird dog: 2 x 8 per side -> 3 x 10"


def test_a_programme_set_on_the_appointments_day_is_what_the_dose_replaces(journal):
    """The programme was set on the very day of the appointment: its dose is the old one said
    (that row is replaced, so the link is where it is kept)."""
    with_bird_dog(journal, on="2026-11-20")
    appointment = journal.clinical.add_appointment(
        Appointment("2026-11-20"), [], TODAY, given("bird dog: 3x10")
    )
    assert journal.clinical.given_at(appointment.id)[0].change() == (
        "Bird dog: 2 x 8 per side -> 3 x 10"
    )
    assert dose_of(journal, "bird-dog", "2026-11-20") == Dose(3, reps=10)


def test_an_appointment_recorded_late_keeps_the_users_later_programme(journal):
    """The programme changed on the 22nd (glute bridge dropped, bird dog on three days); the
    appointment of the 20th, recorded on the 25th, gives bird dog 3 x 10 and dead bug: the
    20th and 21st hold them, the programme of the 22nd stays as the user made it, and the
    change says until when."""
    with_bird_dog(journal)
    journal.exercises.set_programme(
        [ProgrammeItem("bird-dog", BIRD_DOG_8, (0, 2, 4))], on="2026-11-22", today=TODAY
    )
    appointment = journal.clinical.add_appointment(
        Appointment("2026-11-20"), [], TODAY, given("Bird dog: 3x10", "Dead bug: 2x6")
    )
    _, on_21 = journal.exercises.programme("2026-11-21")
    _, on_25 = journal.exercises.programme("2026-11-25")
    assert [(i.exercise_id, i.dose) for i in on_21] == [
        ("bird-dog", Dose(3, reps=10)),
        ("glute-bridge", Dose(3, reps=10)),
        ("dead-bug", Dose(2, reps=6)),
    ]
    assert [(i.exercise_id, i.dose, i.weekdays) for i in on_25] == [
        ("bird-dog", BIRD_DOG_8, (0, 2, 4))
    ]
    assert dose_of(journal, "bird-dog", "2026-11-19") == BIRD_DOG_8
    assert [g.change() for g in journal.clinical.given_at(appointment.id)] == [
        "Bird dog: 2 x 8 per side -> 3 x 10 until 2026-11-22 (your programme from that day is "
        "kept as it is)",
        "Dead bug: 2 x 6 (added to your programme) until 2026-11-22 (your programme from that "
        "day is kept as it is)",
    ]


def test_a_hidden_built_in_given_is_shown_again(journal):
    """The user had hidden bird dog; the physio gives it: it is back in the library."""
    journal.exercises.set_hidden("bird-dog", True)
    journal.clinical.add_appointment(Appointment("2026-11-20"), [], TODAY, given("Bird dog: 3x10"))
    assert "bird-dog" in {e.id for e in journal.exercises.library()}


@pytest.mark.parametrize(
    ("exercises", "message"),
    [
        ([GivenExercise("Bird dog", Dose(3, reps=10)), GivenExercise("bird-dog", Dose(2, reps=5))],
         "'Bird dog' and 'bird-dog' are the same exercise (Bird dog); give it once"),
        ([GivenExercise("Bird dog", Dose(3, reps=10)), GivenExercise("BIRD DOG", Dose(2, reps=5))],
         "'BIRD DOG' is given twice; give each exercise once"),
        ([GivenExercise("", Dose(3, reps=10))], "an exercise's name is needed"),
        ([GivenExercise("Pallof press", Dose(3, reps=201))],
         "Pallof press: repetitions must be a whole number from 1 to 200"),
        ([GivenExercise("Pallof press", Dose(3))],
         "Pallof press: a dose has either repetitions (3 x 10) or a hold (3 x 30 s hold)"),
    ],
)  # fmt: skip
def test_a_bad_exercise_refuses_the_whole_appointment(journal, db_path, exercises, message):
    """A name given twice (also through its id), an empty name, a dose the programme refuses:
    one error naming it, and nothing stored: no appointment, no rule, no exercise, the same
    programme."""
    with_bird_dog(journal)
    before = snapshot(db_path)
    rules = [PlanRule("max-runs-per-week", "2026-11-20", 3)]
    with pytest.raises(ValidationError) as caught:
        journal.clinical.add_appointment(Appointment("2026-11-20"), rules, TODAY, exercises)
    assert caught.value.errors == {"exercise": message}
    assert snapshot(db_path) == before


def test_where_each_exercise_came_from_is_the_last_appointment_that_gave_it(journal):
    """Bird dog from the physio on the 10th, again from Dr Patel on the 20th (then the user's
    own 3 x 12): before the 20th the physio, from it Dr Patel with the clinician's dose said."""
    with_bird_dog(journal)
    clinical = journal.clinical
    clinical.add_appointment(Appointment("2026-11-10", "physio"), [], TODAY, given("Bird dog: 3x8"))
    clinical.add_appointment(
        Appointment("2026-11-20", "Dr Patel"), [], TODAY, given("Bird dog: 3x10")
    )
    journal.exercises.set_programme(
        [ProgrammeItem("bird-dog", Dose(3, reps=12), DAILY)], on="2026-11-24", today=TODAY
    )
    assert clinical.exercise_sources("2026-11-09") == {}
    assert clinical.exercise_sources("2026-11-19")["bird-dog"].text() == (
        "from your appointment with physio on 2026-11-10"
    )
    assert [
        (name, dose.text(), source.text(dose))
        for name, dose, source in clinical.exercises_in_programme("2026-11-25")
    ] == [
        (
            "Bird dog",
            "3 x 12",
            "from your appointment with Dr Patel on 2026-11-20 (given as 3 x 10)",
        )
    ]


def test_deleting_an_appointment_keeps_the_users_exercises(journal):
    """The exercise made and the programme stay; only the link goes with the appointment."""
    appointment = journal.clinical.add_appointment(
        Appointment("2026-11-20"), [], TODAY, given("Pallof press: 2x12")
    )
    with journal._writing() as conn:
        conn.execute("DELETE FROM appointment WHERE id = ?", (appointment.id,))
    assert journal.exercises.get("pallof-press") is not None
    assert dose_of(journal, "pallof-press", "2026-11-25") == Dose(2, reps=12)
    assert journal.clinical.exercise_sources("2026-11-25") == {}


# --- the shell ------------------------------------------------------------------------------------


def test_plan_add_with_exercises_says_what_changed_and_plan_shows_them(db_path):
    """`plan add --exercise` repeated: each line says what it did; `plan` lists the exercises
    of the programme with the appointment they came from."""
    with Journal.open(db_path) as journal:
        with_bird_dog(journal)
    result = invoke(
        "plan", "add", "--date", "2026-11-20", "--who", "physio",
        "--rule", "at most 3 runs a week",
        "--exercise", "Bird dog: 3x10 per side", "--exercise", "Pallof press: 2 x 12",
        "--exercise", "glute bridge: 3x10",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Recorded the appointment of 2026-11-20 with physio",
        "  rule: at most 3 runs a week",
        "  exercise: Bird dog: 2 x 8 per side -> 3 x 10 per side",
        "  exercise: Pallof press: 2 x 12 (a new exercise of yours, added to your programme)",
        "  exercise: Glute bridge: 3 x 10 (as before)",
    ]
    assert invoke("plan").output.splitlines()[:6] == [
        "Plan in force on 2026-11-25:",
        "  - at most 3 runs a week  (said on 2026-11-20: at most 3 runs a week)",
        "Exercises from your clinician, in your programme:",
        "  - Bird dog 3 x 10 per side, from your appointment with physio on 2026-11-20",
        "  - Glute bridge 3 x 10, from your appointment with physio on 2026-11-20",
        "  - Pallof press 2 x 12, from your appointment with physio on 2026-11-20",
    ]
    before = invoke("plan", "--date", "2026-11-19").output
    assert "Exercises from your clinician" not in before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--exercise", "Bird dog 3x10"), "--exercise: 'Bird dog 3x10' has no dose; write each "
         "as NAME: DOSE, e.g. 'Bird dog: 3 x 10'"),
        (("--exercise", " : 3x10"), "--exercise: ': 3x10': the exercise needs a name; write "
         "each as NAME: DOSE, e.g. 'Bird dog: 3 x 10'"),
        (("--exercise", "Bird dog: 3x201"), "--exercise: Bird dog: repetitions must be a whole "
         "number from 1 to 200"),
        (("--exercise", "Bird dog: 3x10", "--exercise", "bird DOG: 2x5"), "--exercise: 'bird "
         "DOG' is given twice; give each exercise once"),
        (("--exercise", "Bird dog: 3x10", "--exercise", "bird-dog: 2x5"), "exercise: 'Bird dog' "
         "and 'bird-dog' are the same exercise (Bird dog); give it once"),
    ],
)  # fmt: skip
def test_plan_add_refuses_a_bad_exercise_in_one_line_and_stores_nothing(db_path, args, message):
    """Exit 1, one line naming the exercise, and no appointment, rule or exercise stored."""
    result = invoke("plan", "add", "--who", "physio", "--rule", "at most 5k per run", *args)
    assert result.exit_code == 1, result.output
    assert result.output == f"backjournal: {message}\n"
    with Journal.open(db_path) as journal:
        assert journal.clinical.appointments() == [] and journal.clinical.rules() == []
        assert journal.exercises.programme() == ("relief", [])
        assert not [e for e in journal.exercises.library(include_hidden=True) if not e.builtin]


# --- the migration and the exchange ---------------------------------------------------------------


def test_a_journal_of_the_current_release_gains_the_link(tmp_path, monkeypatch):
    """A journal made before m012 (appointments, rules, a programme) opens with all of it, is
    backed up, and then records an appointment with exercises."""
    from backjournal.store.migrations import migrations

    path = tmp_path / "old.db"
    before = [m for m in migrations._migrations if m.name != "m012_clinician_exercises"]
    monkeypatch.setattr(migrations, "_migrations", before)
    with Journal.open(path) as old:
        with_bird_dog(old)
        old.clinical.add_appointment(
            Appointment("2026-11-10", "physio", next_date="2026-12-01"),
            [PlanRule("max-runs-per-week", "2026-11-10", 3, "at most 3 runs a week")],
            TODAY,
        )
        assert "clinician_exercise" not in old.db.table_names()
    monkeypatch.undo()
    with Journal.open(path) as journal:
        assert journal.backup_path is not None and journal.backup_path.exists()
        [kept] = journal.clinical.appointments()
        assert (kept.who, kept.next_date) == ("physio", "2026-12-01")
        assert [r.value for r in journal.clinical.rules()] == [3]
        assert dose_of(journal, "bird-dog", "2026-11-25") == BIRD_DOG_8
        assert journal.clinical.exercise_sources("2026-11-25") == {}
        journal.clinical.add_appointment(
            Appointment("2026-11-20", "physio"), [], TODAY, given("Bird dog: 3x10")
        )
        assert journal.clinical.exercise_sources("2026-11-25")["bird-dog"].date == "2026-11-20"


def with_links(path: Path) -> Path:
    """A journal with two appointments that gave exercises (one made, one adopted twice)."""
    with Journal.open(path) as journal:
        with_bird_dog(journal)
        journal.clinical.add_appointment(
            Appointment("2026-11-10", "physio", 'said "easy", then, =1+1'),
            [],
            TODAY,
            given("Bird dog: 3x8", "Pallof press: 2 x 12 per side"),
        )
        journal.clinical.add_appointment(
            Appointment("2026-11-20", "Dr Patel"), [], TODAY, given("Bird dog: 3 x 30 s hold")
        )
    return path


def test_export_csv_import_export_keeps_the_links_byte_for_byte(tmp_path):
    """export csv, import csv into an empty journal, export again: every file the same, and
    the copy says where each exercise came from."""
    source = with_links(tmp_path / "source.db")
    first, second, copy = tmp_path / "first", tmp_path / "second", tmp_path / "copy.db"
    assert invoke("--db", str(source), "export", "csv", "--out", str(first)).exit_code == 0
    result = invoke("--db", str(copy), "import", "csv", str(first))
    assert result.exit_code == 0, result.output
    assert invoke("--db", str(copy), "export", "csv", "--out", str(second)).exit_code == 0
    files = {p.name: p.read_bytes() for p in sorted(first.iterdir())}
    assert files == {p.name: p.read_bytes() for p in sorted(second.iterdir())}
    assert files["clinician_exercise.csv"].count(b"\n") == 4  # the header and three links
    with Journal.open(copy) as journal:
        assert journal.clinical.exercise_sources("2026-11-25")["bird-dog"].who == "Dr Patel"


def test_export_json_restore_export_keeps_the_links(tmp_path):
    """export json, restore into a new journal, export again: the same document bar the time."""
    source = with_links(tmp_path / "source.db")
    first, second, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.db"
    assert invoke("--db", str(source), "export", "json", "--out", str(first)).exit_code == 0
    assert invoke("--db", str(copy), "restore", str(first)).exit_code == 0, "restore"
    assert invoke("--db", str(copy), "export", "json", "--out", str(second)).exit_code == 0
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    assert [r["exercise_id"] for r in a["tables"]["clinician_exercise"]] == [
        "bird-dog",
        "pallof-press",
        "bird-dog",
    ]


def test_an_imported_link_follows_its_appointment_to_a_new_id(tmp_path):
    """Importing into a journal whose appointment 1 is taken: the appointment gets a new id and
    its exercises' links go with it."""
    source = with_links(tmp_path / "source.db")
    out = tmp_path / "out"
    assert invoke("--db", str(source), "export", "csv", "--out", str(out)).exit_code == 0
    target = tmp_path / "target.db"
    with Journal.open(target) as journal:
        journal.clinical.add_appointment(Appointment("2026-11-01", "GP"), [], TODAY)
    result = invoke("--db", str(target), "import", "csv", str(out))
    assert result.exit_code == 0, result.output
    with Journal.open(target) as journal:
        sources = journal.clinical.exercise_sources("2026-11-25")
        assert (sources["pallof-press"].who, sources["pallof-press"].date) == (
            "physio",
            "2026-11-10",
        )
        assert sources["bird-dog"].who == "Dr Patel"


# --- the demo -------------------------------------------------------------------------------------


def test_the_demo_s_second_physio_visit_gives_three_exercises(tmp_path):
    """The visit that starts the strengthening programme gave the foam roll (their own), bird
    dog and glute bridge, each with the dose the programme holds from that day."""
    from backjournal.store.demo import write_demo

    with Journal.open(tmp_path / "demo.db") as journal:
        write_demo(journal, TODAY)
        second = sorted(journal.clinical.appointments(), key=lambda a: a.date)[1]
        changes = journal.clinical.given_at(second.id)  # type: ignore[arg-type]
        assert [c.exercise_id for c in changes] == [
            "thoracic-foam-roll",
            "bird-dog",
            "glute-bridge",
        ]
        assert changes[0].new_exercise
        for change in changes:
            assert dose_of(journal, change.exercise_id, second.date) == change.dose
        assert journal.exercises.phase(second.date) == "strengthening"
    assert dt.date.fromisoformat(second.date) < TODAY


# --- the appointment dialog -----------------------------------------------------------------------


async def test_the_appointment_dialog_takes_the_exercises_given(db_path):
    """The Exercises field: a name given twice is named on the error line and nothing is
    stored; corrected, each exercise shows in the preview, and saving says what changed."""
    from uikit import build_app, settle

    with Journal.open(db_path) as journal:
        with_bird_dog(journal)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await pilot.press(*"physio")
        field = dialog.query_one("#ap-exercises")
        field.value = "Bird dog: 3x10; bird dog: 2x5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(dialog.query_one("#form-error").render()) == (
            "Exercises: 'bird dog' is given twice; give each exercise once"
        )
        assert app.journal.clinical.appointments() == []
        field.value = "Bird dog: 3x10; Pallof press: 2 x 12"
        await settle(pilot)
        preview = str(dialog.query_one("#ap-rules").render())
        assert "● exercise: Bird dog 3 x 10\n● exercise: Pallof press 2 x 12" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        [appointment] = app.journal.clinical.appointments()
        programme = app.journal.exercises.programme()[1]
    app.journal.close()
    assert notices[-1] == (
        f"Appointment of {TODAY.isoformat()} recorded\n"
        "Bird dog: 2 x 8 per side -> 3 x 10\n"
        "Pallof press: 2 x 12 (a new exercise of yours, added to your programme)"
    )
    assert appointment.who == "physio"
    assert [i.exercise_id for i in programme] == ["bird-dog", "glute-bridge", "pallof-press"]


def test_the_exercises_panel_names_the_appointment_under_the_dose():
    """How to do it: the dose, then where it came from (the clinician's dose when changed)."""
    from backjournal.domain.exercises import builtin
    from backjournal.tui.exercise_text import how_to

    source = Source(1, "2026-11-20", "physio", Dose(3, reps=12))
    text = how_to(builtin("bird-dog"), "3 x 10", source.text(Dose(3, reps=10))).plain
    assert (
        "\nDose 3 x 10\nFrom your appointment with physio on 2026-11-20 (given as 3 x 12)\n" in text
    )
    assert "From your appointment" not in how_to(builtin("bird-dog"), "3 x 10").plain


# --- an appointment recorded by mistake ---------------------------------------------------------


def mistaken(journal: Journal, date: str = "2026-11-20", who: str = "physio") -> Appointment:
    """An appointment with a mistyped "no running until" (a year too far) and one exercise."""
    rules = [PlanRule("no-running-until", date, "2027-11-30", "no running until 2027-11-30")]
    return journal.clinical.add_appointment(
        Appointment(date, who), rules, TODAY, given("Bird dog: 3 x 10")
    )


def test_deleting_an_appointment_takes_its_rules_and_keeps_its_exercises(journal):
    """A mistyped "no running until" kept Run today? red with no way out but SQL. Deleting the
    appointment takes its rules (and the note of where the exercise came from); the exercise
    stays in the programme with its dose; another appointment is untouched."""
    with_bird_dog(journal)
    kept = journal.clinical.add_appointment(
        Appointment("2026-11-10", "GP"), [PlanRule("max-runs-per-week", "2026-11-10", 3)], TODAY
    )
    wrong = mistaken(journal)
    assert journal.flags.readiness(TODAY).level == "red"
    deleted, rules = journal.clinical.delete_appointment(wrong.id)
    assert (deleted.date, deleted.who, rules) == ("2026-11-20", "physio", 1)
    assert [a.id for a in journal.clinical.appointments()] == [kept.id]
    assert [r.kind for r in journal.clinical.rules()] == ["max-runs-per-week"]
    assert journal.clinical.exercise_sources(TODAY.isoformat()) == {}
    assert dose_of(journal, "bird-dog", TODAY.isoformat()) == Dose(3, reps=10)
    assert journal.flags.readiness(TODAY).level != "red"
    with pytest.raises(ValidationError) as exc:
        journal.clinical.delete_appointment(wrong.id)
    assert exc.value.errors == {"appointment": f"no appointment {wrong.id}"}


def test_plan_delete_asks_first_and_names_what_goes(db_path):
    """`plan delete --date D`: "n" (or no answer) deletes nothing; "y" deletes the appointment
    and its rules; a day without one, or two on a day without --who, is one line, exit 1."""
    with Journal.open(db_path) as journal:
        mistaken(journal)
        mistaken(journal, who="GP")
    ambiguous = invoke("plan", "delete", "--date", "2026-11-20")
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr == (
        "backjournal: 2 appointments on 2026-11-20 ('GP', 'physio'): say which with --who\n"
    )
    question = (
        "Delete the appointment of 2026-11-20 with physio and its 1 rule? Exercises it gave "
        "stay in your programme. [y/N]: "
    )
    kept = CliRunner().invoke(
        cli, ["plan", "delete", "--date", "2026-11-20", "--who", "Physio"], input="n\n"
    )
    assert (kept.exit_code, kept.stdout, kept.stderr) == (
        1,
        question + "n\n",  # (the runner echoes the answer)
        "backjournal: nothing deleted\n",
    )
    gone = CliRunner().invoke(
        cli, ["plan", "delete", "--date", "2026-11-20", "--who", "physio"], input="y\n"
    )
    assert gone.exit_code == 0, gone.output
    assert (
        gone.stdout
        == question + "y\nDeleted the appointment of 2026-11-20 with physio and its 1 rule.\n"
    )
    none = invoke("plan", "delete", "--date", "2026-11-19", "--yes")
    assert (none.exit_code, none.stderr) == (
        1,
        "backjournal: no appointment recorded on 2026-11-19: nothing deleted\n",
    )
    with Journal.open(db_path) as journal:
        assert [a.who for a in journal.clinical.appointments()] == ["GP"]


async def test_the_palette_deletes_an_appointment_after_asking(db_path):
    """Today's palette lists "Delete appointment: 2026-11-20 with physio"; it asks first ("n"
    keeps it), and "y" deletes it and says so."""
    from uikit import build_app, settle

    from backjournal.tui.app import BackjournalApp

    with Journal.open(db_path) as journal:
        mistaken(journal)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = [c for c in BackjournalApp.get_system_commands(app, app.screen)]
        [delete] = [c for c in commands if c.title.startswith("Delete appointment")]
        assert delete.title == "Delete appointment: 2026-11-20 with physio"
        delete.callback()
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert len(app.journal.clinical.appointments()) == 1
        delete.callback()
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.journal.clinical.appointments() == []
        assert app.journal.clinical.rules() == []
    app.journal.close()
