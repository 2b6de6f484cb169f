"""Issue #20: imports keep other activity. GPX, TCX, FIT and Strava activities that are not runs
become other activity of their sport (walks, hikes, rides, swims...), found again as runs are (a
re-import stores nothing twice); ``--runs-only`` keeps the old behaviour; the import folder does
the same, at ``import sync`` and at the app's start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from activitykit import UTC, fit, gpx, invoke, strava_export, tcx, utc_clock  # noqa: F401

from backjournal.domain.activity import SPORTS, sport_from_file
from backjournal.store import Journal
from backjournal.store.import_folder import sync
from backjournal.tui.import_folder import notice_text

START = dt.datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
TODAY = dt.date(2026, 11, 25)


def activities(db: Path) -> list[tuple]:
    """(date, seq, sport, seconds, metres, notes, source, source_id, started_at) of every
    other activity, in order."""
    with Journal.open(db) as journal:
        return journal.conn.execute(
            "SELECT date, seq, sport, duration_s, distance_m, notes, source, source_id, "
            "started_at FROM activity ORDER BY id"
        ).fetchall()


def run_count(db: Path) -> int:
    with Journal.open(db) as journal:
        return journal.conn.execute("SELECT count(*) FROM run").fetchone()[0]


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "sport"),
    [
        ("Walk", "walk"),
        ("walking", "walk"),
        ("Nordic Walking", "walk"),
        ("Hike", "hike"),
        ("hiking", "hike"),
        ("Ride", "ride"),
        ("Biking", "ride"),
        ("cycling", "ride"),
        ("Virtual Ride", "ride"),
        ("E-Bike Ride", "ride"),
        ("indoor_cycling", "ride"),
        ("Swim", "swim"),
        ("swimming", "swim"),
        ("open_water_swimming", "swim"),
        ("Rowing", "row"),
        ("indoor_rowing", "row"),
        ("Elliptical", "elliptical"),
        ("Weight Training", "strength"),
        ("strength_training", "strength"),
        ("Crossfit", "strength"),
        ("Yoga", "yoga"),
        ("pilates", "yoga"),
        ("Alpine Ski", "other"),
        ("Workout", "other"),
        ("Other", "other"),
        ("", "other"),
    ],
)
def test_a_files_sport_is_one_of_the_journals(name, sport):
    """Watches' and apps' sport names map to the sports the journal stores; any other is
    "other"."""
    assert sport_from_file(name) == sport
    assert sport in SPORTS


def test_gpx_walk_and_hike_are_kept_once(db_path, tmp_path):
    """A GPX walk and a Strava-numbered hike (<type>4</type>) are kept with their date, minutes,
    distance, name, source and start; the same files again store nothing twice."""
    folder = tmp_path / "gpx"
    write(folder, "walk.gpx", gpx(START, 4000, 2700, sport="walking"))
    write(folder, "hike.gpx", gpx(START + dt.timedelta(days=1), 12000, 14400, sport="4"))
    result = invoke("import", "gpx", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 0 runs (0 km) and 2 other activities (hike 1, walk 1) from 2 files\n"
    )
    (hike, walk) = sorted(activities(db_path), key=lambda r: r[2])
    assert walk[:4] == ("2026-11-20", 0, "walk", 2700)
    assert walk[4] == pytest.approx(4000, rel=0.01)
    assert walk[5:] == ("Morning Run", "gpx", START.isoformat(), START.isoformat())
    assert hike[:4] == ("2026-11-21", 0, "hike", 14400)
    again = invoke("import", "gpx", str(folder))
    assert again.stdout == "Imported 0 runs (0 km) from 2 files · 2 already in the journal\n"
    assert len(activities(db_path)) == 2 and run_count(db_path) == 0


def test_runs_only_keeps_the_old_behaviour(db_path, tmp_path):
    """--runs-only: the walk is counted by its sport, not kept; the run is imported."""
    folder = tmp_path / "gpx"
    write(folder, "run.gpx", gpx(START, 5000, 1800))
    write(folder, "walk.gpx", gpx(START + dt.timedelta(days=1), 4000, 2700, sport="Walk"))
    result = invoke("import", "gpx", "--runs-only", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 1 run (5 km) from 2 files · 1 not a run (Walk 1)\n"
    assert activities(db_path) == [] and run_count(db_path) == 1


def test_tcx_swim_without_distance_and_an_unknown_sport(db_path, tmp_path):
    """A TCX "Other" session of 0 m is kept as other activity without a distance; a ride under
    a minute and a FIT ride of more than a day are named and left out, the rest kept."""
    folder = tmp_path / "tcx"
    write(folder, "gym.tcx", tcx(START, [(0, 2400)], sport="Other"))
    write(folder, "blip.tcx", tcx(START + dt.timedelta(days=1), [(150, 40)], sport="Biking"))
    result = invoke("import", "tcx", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 0 runs (0 km) and 1 other activity (other 1) from 2 files · 1 not imported\n"
    )
    assert result.stderr == (
        "backjournal: 1 not imported:\n"
        f"  {folder / 'blip.tcx'}: an activity lasts from 1 minute to 24 hours\n"
    )
    ((date, _, sport, seconds, metres, notes, source, *_),) = activities(db_path)
    assert (date, sport, seconds, metres, notes, source) == (
        "2026-11-20", "other", 2400, None, "Track session", "tcx"
    )  # fmt: skip
    long_ride = write(tmp_path, "audax.fit", fit(START, 600000, 90000, sport="cycling"))
    refused = invoke("import", "fit", str(long_ride))
    assert refused.exit_code == 1
    assert "an activity lasts from 1 minute to 24 hours" in refused.stderr


def test_a_fit_ride_with_an_unset_clock_is_placed_with_date(db_path, tmp_path):
    """A ride from a watch whose clock was never set is refused with that reason, and kept on
    the day --date gives."""
    path = write(tmp_path, "ride.fit", fit(START, 20000, 3600, sport="cycling", relative=True))
    refused = invoke("import", "fit", str(path))
    assert refused.exit_code == 1 and "--date" in refused.stderr
    placed = invoke("import", "fit", "--date", "2026-11-22", str(path))
    assert placed.exit_code == 0, placed.output
    assert [r[:4] for r in activities(db_path)] == [("2026-11-22", 0, "ride", 3600)]


def test_strava_export_with_a_ride_and_a_walk(db_path, tmp_path):
    """A Strava export of a run, a ride (from activities.csv) and a walk (from its GPX file):
    the run is a run, the ride and the walk other activity with their Strava ids and names; the
    same ride from the watch's FIT file is known; the export again stores nothing twice."""
    export = strava_export(
        tmp_path / "strava",
        [
            {"id": "201", "start": START, "name": "Easy one", "seconds": 1800, "metres": 5000},
            {"id": "202", "start": START + dt.timedelta(days=1), "name": "Commute",
             "type": "Ride", "seconds": 1500, "metres": 9000},
            {"id": "203", "start": START + dt.timedelta(days=2), "name": "Dog walk",
             "type": "Walk", "seconds": 3000, "metres": 4200,
             "file": ("203.gpx", gpx(START + dt.timedelta(days=2), 4100, 2940, sport="10"))},
        ],
    )  # fmt: skip
    result = invoke("import", "strava", str(export))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 1 run (5 km) and 2 other activities (ride 1, walk 1) from 3 Strava activities\n"
    )
    ride, walk = activities(db_path)
    assert ride == (
        "2026-11-21", 0, "ride", 1500, 9000.0, "Commute", "strava", "202",
        "2026-11-21T07:00:00+00:00",
    )  # fmt: skip
    assert walk[:4] == ("2026-11-22", 0, "walk", 2940)  # the file's time, not the CSV's
    assert walk[4] == pytest.approx(4100, rel=0.01) and walk[5:8] == ("Dog walk", "strava", "203")
    again = invoke("import", "strava", str(export))
    assert again.stdout == (
        "Imported 0 runs (0 km) from 3 Strava activities · 3 already in the journal\n"
    )
    watch = write(
        tmp_path, "ride.fit", fit(START + dt.timedelta(days=1, seconds=20), 9030, 1490, "cycling")
    )
    same = invoke("import", "fit", str(watch))
    assert same.stdout == "Imported 0 runs (0 km) from 1 file · 1 already in the journal\n"
    assert len(activities(db_path)) == 2 and run_count(db_path) == 1


def test_strava_runs_only(db_path, tmp_path):
    """import strava --runs-only: the ride is counted by Strava's name, not kept."""
    export = strava_export(
        tmp_path / "strava",
        [{"id": "301", "start": START, "name": "Spin", "type": "Ride", "seconds": 3600,
          "metres": 30000}],
    )  # fmt: skip
    result = invoke("import", "strava", "--runs-only", str(export))
    assert (
        result.stdout == "Imported 0 runs (0 km) from 1 Strava activities · 1 not a run (Ride 1)\n"
    )
    assert activities(db_path) == []


def test_the_import_folder_keeps_other_activity(db_path, tmp_path):
    """import sync keeps a ride from the folder (its file counts as imported), and the app's
    notice says so; the same ride from another file (10 m longer) is nothing new."""
    folder = tmp_path / "GARMIN"
    write(folder, "run.fit", fit(START, 5000, 1500))
    write(folder, "ride.fit", fit(START + dt.timedelta(days=1), 30000, 3600, sport="cycling"))
    chosen = invoke("import", "--folder", str(folder))
    assert chosen.stdout.endswith("imports the new ones: runs and other activity)\n")
    result = invoke("import", "sync")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 1 run (5 km) and 1 other activity (ride 1) from 2 ")
    assert [r[2] for r in activities(db_path)] == ["ride"]
    write(folder / "copy", "ride2.fit", fit(START + dt.timedelta(days=1), 30010, 3600, "cycling"))
    write(folder, "walk.gpx", gpx(START + dt.timedelta(days=2), 3000, 2400, sport="Walk"))
    with Journal.open(db_path) as journal:
        done = sync(journal, TODAY)
    assert [(f.name, f.outcome) for f in sorted(done.files, key=lambda f: f.name)] == [
        ("copy/ride2.fit", "nothing new"),
        ("walk.gpx", "imported"),
    ]
    assert notice_text(done) == "1 other activity imported (walk 1)"


def test_a_folder_chosen_with_runs_only(db_path, tmp_path):
    """import --folder DIR --runs-only: its syncs (and the app's start) keep runs only; the
    folder chosen again without it keeps other activity again; --runs-only alone is refused."""
    folder = tmp_path / "watch"
    write(folder, "ride.fit", fit(START, 30000, 3600, sport="cycling"))
    chosen = invoke("import", "--folder", str(folder), "--runs-only")
    assert chosen.stdout.endswith("imports the new ones: runs only)\n")
    result = invoke("import", "sync")
    assert result.stdout.startswith("Imported 0 runs (0 km) from 1 new file")
    assert result.stdout.endswith(" · 1 not a run (cycling 1)\n")
    assert activities(db_path) == []
    invoke("import", "--folder", str(folder))
    write(folder, "ride2.fit", fit(START + dt.timedelta(days=1), 20000, 3000, sport="cycling"))
    with Journal.open(db_path) as journal:
        done = sync(journal, TODAY)
    assert done.new_activities == 1 and notice_text(done) == "1 other activity imported (ride 1)"
    alone = invoke("import", "--runs-only")
    assert alone.exit_code == 1
    assert alone.stderr == (
        "backjournal: --runs-only goes with --folder DIR (or after gpx, tcx, fit, strava or sync)\n"
    )


def test_an_activity_without_a_duration_is_named(db_path, tmp_path):
    """A Strava ride without a time (and no file) is named with its reason; the run is kept."""
    (tmp_path / "activities.csv").write_text(
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        "121,2015-03-14 08:00:00,Pi run,Run,,1800,5.25,false,,\n"
        "122,2015-03-15 09:00:00,Spin,Ride,,,30.0,false,,\n"
    )
    result = invoke("import", "strava", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 1 run (5.25 km) from 2 Strava activities · 1 not imported\n"
    assert result.stderr == (
        "backjournal: 1 not imported:\n"
        f"  {tmp_path / 'activities.csv'} line 3: a ride without a duration: other activity needs "
        "its minutes\n"
    )
    assert activities(db_path) == []
