"""The demo journal's exercises: deterministic, following the demo's story (relief at the
flare-up, strengthening as it settles, maintenance after), with realistic adherence, written by
``backjournal demo`` alongside the days."""

from __future__ import annotations

import datetime as dt
import time

from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.demo.exercises import generate_exercises
from backjournal.demo.story import day_states
from backjournal.store import Journal
from backjournal.store.demo import write_demo


def test_same_arguments_same_exercises():
    """The generator is seeded: same (today, years, seed), same data; another seed differs."""
    assert generate_exercises(TODAY, years=2, seed=3) == generate_exercises(TODAY, years=2, seed=3)
    assert generate_exercises(TODAY, years=2, seed=3) != generate_exercises(TODAY, years=2, seed=4)


def test_phases_follow_the_story_of_the_days():
    """Relief starts during the flare, strengthening when the demo enters rehab, maintenance when
    it reaches maintenance; a later flare-up goes back to relief."""
    states = {s.date: s for s in day_states(TODAY, years=3)}
    demo = generate_exercises(TODAY, years=3)
    assert [p[2] for p in demo.phases[:3]] == ["relief", "strengthening", "maintenance"]
    assert demo.phases[0][1] is None
    for day, _, to, _ in demo.phases:
        expected = {"relief": "flare", "strengthening": "rehab", "maintenance": "maintenance"}
        assert states[day].phase == expected[to], (day, to)
    assert any(frm == "maintenance" and to == "relief" for _, frm, to, _ in demo.phases)
    assert demo.phases[-1][2] == "maintenance"  # the journal ends in maintenance


def test_adherence_is_realistic_and_higher_in_relief(tmp_path):
    """Relief is done more faithfully than maintenance, maintenance still above half, busy weeks
    dip well below the usual, and today is half done."""
    with Journal.open(tmp_path / "demo.db") as journal:
        write_demo(journal, TODAY, years=3)
        store = journal.exercises
        history = store.phase_history()
        counts = store.day_counts(TODAY - dt.timedelta(days=3 * 365 - 1), TODAY)
        weeks = store.weekly_adherence(TODAY - dt.timedelta(days=3 * 365 - 1), TODAY)
        done, scheduled = store.summary(TODAY)
    by_phase: dict[str, list[int]] = {}
    for day, (s, d) in counts.items():
        phase = [to for start, _, to, _ in history if start <= day]
        if phase and s and day != TODAY:
            acc = by_phase.setdefault(phase[-1], [0, 0])
            acc[0] += s
            acc[1] += d
    share = {k: d / s for k, (s, d) in by_phase.items()}
    assert share["relief"] > share["maintenance"] > 0.5
    assert 0.7 < share["relief"] < 0.98
    assert min(weeks.values()) < 0.5 < max(weeks.values())
    assert 0 < done < scheduled


def test_ten_years_generate_quickly():
    """Ten years of exercises take well under a second (the benchmarks build that journal)."""
    start = time.perf_counter()
    demo = generate_exercises(TODAY, years=10)
    assert time.perf_counter() - start < 1.0
    assert len(demo.ticks) > 5000 and len(demo.phases) >= 10


def test_backjournal_demo_writes_the_programme(db_path):
    """backjournal demo fills the exercise tables too; --force writes them again the same."""
    result = CliRunner().invoke(cli, ["demo"], prog_name="backjournal")
    assert result.exit_code == 0, result.output
    with Journal.open(db_path) as journal:
        first = (journal.exercises.phase_history(), journal.exercises.checklist(TODAY))
        assert first[0] and first[1]
    again = CliRunner().invoke(cli, ["demo", "--force"], prog_name="backjournal")
    assert again.exit_code == 0, again.output
    with Journal.open(db_path) as journal:
        assert (journal.exercises.phase_history(), journal.exercises.checklist(TODAY)) == first
