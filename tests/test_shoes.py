"""Shoes: add and retire them, name one when logging a run, see the distance in each, and a
warning as a pair nears its retirement distance."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from conftest import TODAY
from uikit import build_app, settle

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run, Settings, Shoe
from backjournal.store import Journal
from backjournal.store.migrations import migrations
from backjournal.store.shoes import add_shoe, find_shoe, list_shoes, picker_shoes


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def ok(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_add_shoes_log_runs_in_them_and_list_the_distance_in_each(db_path):
    """Runs logged with --shoe add up per shoe; the list shows distance, limit, share and runs."""
    assert ok("shoes") == 'No shoes yet: backjournal shoes add "Pegasus 40" --limit 800\n'
    assert ok("shoes", "add", "Pegasus 40", "--limit", "800") == (
        "Added Pegasus 40, to retire at 800 km\n"
    )
    assert ok("shoes", "add", "Trail X") == "Added Trail X\n"
    assert ok("log", "12k", "1:00:00", "--shoe", "pegasus 40", "-d", "-2") == (
        "Logged 2026-11-23: 12 km easy on road, in 1:00:00 (5:00 /km), in Pegasus 40 "
        "(12 km so far) · day total 12 km\n"
    )
    ok("log", "8k", "--shoe", "Pegasus 40")
    ok("log", "15k", "--shoe", "TRAIL X", "--surface", "trail")
    ok("log", "5k")
    assert ok("shoes").splitlines() == [
        "Pegasus 40  20 km of 800 km (2%) · 2 runs",
        "Trail X     15 km · 1 run",
    ]
    with Journal.open(db_path) as journal:
        runs = journal.get_day(TODAY.isoformat()).runs
        pegasus = find_shoe(journal, "Pegasus 40")
        trail = find_shoe(journal, "trail x")
    assert [r.shoe_id for r in runs] == [pegasus.id, trail.id, None]


def test_an_unknown_shoe_is_refused_and_nothing_is_stored(db_path):
    """log --shoe with a name not in the journal is one line listing the shoes; no run is added."""
    ok("shoes", "add", "Pegasus 40")
    result = invoke("log", "8k", "--shoe", "Pegasus 41")
    assert result.exit_code == 1
    assert result.stderr == (
        "backjournal: --shoe: there is no shoe called 'Pegasus 41' (the shoes are: Pegasus 40); "
        "add it with `backjournal shoes add`\n"
    )
    with Journal.open(db_path) as journal:
        assert not journal.has_entries()


def test_a_warning_as_the_shoe_nears_and_passes_its_limit(db_path):
    """From 90 % of the retirement distance, logging a run warns on stderr; past it, says so;
    the list flags the shoe."""
    ok("shoes", "add", "Racer", "--limit", "20k")
    quiet = invoke("log", "17k", "--shoe", "Racer")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    near = invoke("log", "1.5k", "--shoe", "Racer")
    assert near.stderr == (
        "backjournal: warning: Racer has run 18.5 km of its 20 km: time to think about new shoes\n"
    )
    assert (
        ok("shoes") == "Racer  18.5 km of 20 km (92%) · 2 runs  nearing its retirement distance\n"
    )
    past = invoke("log", "2k", "--shoe", "Racer")
    assert past.stderr == (
        "backjournal: warning: Racer has run 20.5 km, past its retirement distance of 20 km\n"
    )
    assert ok("shoes").endswith("(102%) · 3 runs  past its retirement distance\n")


def test_retired_shoes_are_hidden_from_the_list_and_the_picker(db_path):
    """A retired pair disappears from `shoes` and from pickers (unless it is the run's own),
    shows with --all, and can come back."""
    ok("shoes", "add", "Old")
    ok("shoes", "add", "New")
    ok("log", "10k", "--shoe", "Old")
    assert ok("shoes", "retire", "old") == "Retired Old (10 km run)\n"
    assert ok("shoes") == "New  0 km · 0 runs\n"
    assert ok("shoes", "--all").splitlines()[1] == "Old  10 km · 1 run  retired"
    with Journal.open(db_path) as journal:
        old = find_shoe(journal, "Old")
        assert [s.name for s in picker_shoes(journal)] == ["New"]
        assert [s.name for s in picker_shoes(journal, keep=old.id)] == ["New", "Old"]
    assert ok("shoes", "unretire", "Old") == "Back in use: Old (10 km run)\n"
    assert [s.name for s in list_shoes(Journal.open(db_path))] == ["New", "Old"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Pegasus 40"], "there is already a shoe called Pegasus 40"),
        (["PEGASUS 40"], "there is already a shoe called PEGASUS 40"),
        ([" "], "a shoe needs a name"),
        (["x" * 41], "a shoe's name has at most 40 characters"),
        (["Fast", "--limit", "0"], "the retirement distance must be more than 0"),
        (["Fast", "--limit", "abc"], "--limit: 'abc' is not a distance"),
        (["Fast", "--limit", "6000km"], "--limit: 6000km is more than 5,000 km"),
    ],
)
def test_shoes_add_refuses_bad_names_and_limits(db_path, args, message):
    """A name taken (any case), empty or too long, or a limit that is not a distance, is one line,
    and no shoe is added."""
    ok("shoes", "add", "Pegasus 40")
    result = invoke("shoes", "add", *args)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    with Journal.open(db_path) as journal:
        assert [s.name for s in list_shoes(journal, include_retired=True)] == ["Pegasus 40"]


def test_the_limit_is_in_the_users_unit(db_path):
    """With units set to miles, --limit 500 is 500 miles."""
    with Journal.open(db_path) as journal:
        journal.save_settings(Settings(units="mi"))
    assert ok("shoes", "add", "Clifton", "--limit", "500") == "Added Clifton, to retire at 500 mi\n"
    with Journal.open(db_path) as journal:
        assert find_shoe(journal, "Clifton").limit_m == pytest.approx(804_672)


def test_a_limit_typed_in_miles_is_answered_in_miles(db_path):
    """With units in km, --limit 500mi answers "500 mi" first, the km beside it; 800km in km."""
    assert ok("shoes", "add", "Blue", "--limit", "500mi") == (
        "Added Blue, to retire at 500 mi (804.67 km)\n"
    )
    assert ok("shoes", "add", "Red", "--limit", "800km") == "Added Red, to retire at 800 km\n"


def test_retiring_an_unknown_shoe_is_one_line(db_path):
    """shoes retire with a name not in the journal says so."""
    result = invoke("shoes", "retire", "Ghost")
    assert result.exit_code == 1
    assert result.stderr.startswith("backjournal: there is no shoe called 'Ghost'")


def test_an_older_journal_gains_shoes_and_keeps_its_runs(tmp_path, monkeypatch):
    """A journal made before shoes existed is backed up and upgraded: its runs have no shoe, and
    everything else is as it was."""
    path = tmp_path / "old.db"
    monkeypatch.setattr(migrations, "_migrations", migrations._migrations[:1])
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO day (date, back_wake, updated_at) VALUES ('2026-11-01', 3, 'x')")
    conn.execute("INSERT INTO run (date, distance_m, created_at) VALUES ('2026-11-01', 8000, 'x')")
    conn.commit()
    conn.close()
    monkeypatch.undo()
    with Journal.open(path) as journal:
        assert journal.backup_path is not None and journal.backup_path.exists()
        day = journal.get_day("2026-11-01")
        assert (day.back_wake, [(r.distance_m, r.shoe_id) for r in day.runs]) == (
            3,
            [(8000, None)],
        )
        shoe = add_shoe(journal, Shoe("Pegasus"))
        assert shoe.distance_m == 0


async def test_saving_a_day_in_the_app_keeps_its_runs_shoe(db_path):
    """Today has no shoe picker yet: editing and saving a day must not drop the shoe of its run."""
    with Journal.open(db_path) as journal:
        shoe = add_shoe(journal, Shoe("Pegasus"))
        journal.save_day(DayEntry(TODAY.isoformat(), runs=[Run(8000, shoe_id=shoe.id)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#note").value = "edited in the app"
        await pilot.press("ctrl+s")
        await settle(pilot)
        day = app.journal.get_day(TODAY.isoformat())
    app.journal.close()
    assert day.note == "edited in the app"
    assert [r.shoe_id for r in day.runs] == [shoe.id]


def test_shoes_come_back_through_csv_with_their_runs(tmp_path):
    """Export and import carry shoes; when the shoe ids are taken, the runs follow their shoes."""
    source = tmp_path / "source.db"
    with Journal.open(source) as journal:
        a = add_shoe(journal, Shoe("Pegasus", limit_m=800_000))
        b = add_shoe(journal, Shoe("Trail"))
        journal.save_day(
            DayEntry("2026-11-01", runs=[Run(8000, shoe_id=b.id), Run(3000, shoe_id=a.id)]),
            TODAY,
        )
    out = tmp_path / "out"
    assert invoke("--db", str(source), "export", "csv", "--out", str(out)).exit_code == 0
    target = tmp_path / "target.db"
    with Journal.open(target) as journal:
        add_shoe(journal, Shoe("Mine"))
        add_shoe(journal, Shoe("Pegasus"))  # the same shoe: kept, and the runs link to it
    result = invoke("--db", str(target), "import", "csv", str(out))
    assert result.exit_code == 0, result.output
    assert "shoe 1 added, 1 already there" in result.stdout
    with Journal.open(target) as journal:
        names = {s.id: s.name for s in list_shoes(journal)}
        runs = journal.get_day("2026-11-01").runs
        assert [(r.distance_m, names[r.shoe_id]) for r in runs] == [
            (8000, "Trail"),
            (3000, "Pegasus"),
        ]
        assert find_shoe(journal, "Pegasus").limit_m is None  # the journal's version is kept


def test_wear_warning_in_miles():
    """The warning speaks the user's unit."""
    shoe = Shoe("Clifton", limit_m=804_672, distance_m=740_000)
    assert shoe.wear_warning("mi") == (
        "Clifton has run 459.81 mi of its 500 mi: time to think about new shoes"
    )
    assert Shoe("Clifton", limit_m=804_672, distance_m=700_000).wear_warning("mi") is None
    assert Shoe("Clifton", distance_m=9e9).wear_warning("km") is None


def test_shoe_names_must_be_one_clean_line():
    """A name with a line break or spaces around it is refused."""
    assert "name" in Shoe("Two\nlines").errors()
    assert "name" in Shoe(" padded ").errors()
    assert Shoe("Pegasus 40", limit_m=800_000).errors() == {}
