"""``backjournal import gpx|tcx|fit`` and ``import strava``: runs from watches and apps, each once,
from files that are treated as untrusted."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from activitykit import UTC, fit, gpx, gpx_tracks, gz, strava_export, tcx
from click.testing import CliRunner

from backjournal.cli import cli
from backjournal.io import activities
from backjournal.store import Journal

START = dt.datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch):
    """The runs' dates are local dates: make local time UTC unless a test says otherwise."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def runs(db: Path) -> list[tuple]:
    """(date, seq, metres, seconds, type, surface, notes, source, source_id, started_at) of every
    run, in order."""
    with Journal.open(db) as journal:
        return journal.conn.execute(
            "SELECT date, seq, distance_m, duration_s, type, surface, notes, source, source_id, "
            "started_at FROM run ORDER BY id"
        ).fetchall()


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_gpx_becomes_a_run_once(db_path, tmp_path):
    """A GPX track becomes a run on its date with its distance, time, start and source; the same
    file again is counted as already in the journal."""
    path = write(tmp_path, "morning.gpx", gpx(START, 5000, 1800))
    result = invoke("import", "gpx", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 1 run (5 km) from 1 file\n"
    ((date, seq, metres, seconds, kind, surface, notes, source, source_id, started),) = runs(
        db_path
    )
    assert (date, seq, seconds, kind, surface, notes) == (
        "2026-11-20", 0, 1800, "easy", "road", "Morning Run"
    )  # fmt: skip
    assert metres == pytest.approx(5000, rel=0.01)
    assert (source, source_id, started) == (
        "gpx", "2026-11-20T07:00:00+00:00", "2026-11-20T07:00:00+00:00"
    )  # fmt: skip
    again = invoke("import", "gpx", str(path))
    assert again.stdout == "Imported 0 runs (0 km) from 1 file · 1 already in the journal\n"
    assert len(runs(db_path)) == 1


def test_tcx_laps_add_up_and_a_ride_is_kept(db_path, tmp_path):
    """A TCX run's laps are added up; a biking activity is kept as a ride (issue #20)."""
    folder = tmp_path / "tcx"
    write(folder, "track.tcx", tcx(START, [(4000, 960), (1000.5, 180.4)]))
    write(folder, "ride.tcx", tcx(START + dt.timedelta(days=1), [(30000, 3600)], sport="Biking"))
    result = invoke("import", "tcx", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Imported 1 run (5 km) and 1 other activity (ride 1) from 2 files\n")
    assert [r[2:4] + r[6:8] for r in runs(db_path)] == [(5000.5, 1140, "Track session", "tcx")]


def test_fit_sessions_and_gzipped_files(db_path, tmp_path):
    """A FIT session (plain or .fit.gz) becomes a run; a cycling session a ride."""
    folder = tmp_path / "fit"
    write(folder, "a.fit", fit(START, 10012.5, 3000.4))
    write(folder, "b.fit.gz", gz(fit(START + dt.timedelta(days=2), 8000, 2400)))
    write(folder, "c.fit", fit(START + dt.timedelta(days=3), 40000, 4000, sport="cycling"))
    result = invoke("import", "fit", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 2 runs (18.01 km) and 1 other activity (ride 1) from 3 files\n"
    )
    assert [(r[0], r[2], r[3], r[7]) for r in runs(db_path)] == [
        ("2026-11-20", 10012.5, 3000, "fit"),
        ("2026-11-22", 8000.0, 2400, "fit"),
    ]


def test_the_same_run_from_two_sources_is_imported_once(db_path, tmp_path):
    """A watch's FIT file and the GPX of the same run (same start, distance within 1 %) count as
    one run; a run at another time the same day is a second run of that day."""
    write(tmp_path, "watch.fit", fit(START, 10000, 3000))
    write(tmp_path, "phone.gpx", gpx(START + dt.timedelta(seconds=20), 10040, 3000))
    write(tmp_path, "evening.gpx", gpx(START + dt.timedelta(hours=10), 10000, 3000))
    assert invoke("import", "fit", str(tmp_path / "watch.fit")).exit_code == 0
    result = invoke("import", "gpx", str(tmp_path / "phone.gpx"), str(tmp_path / "evening.gpx"))
    assert result.stdout.endswith("from 2 files · 1 already in the journal\n")
    assert [(r[0], r[1], r[7]) for r in runs(db_path)] == [
        ("2026-11-20", 0, "fit"),
        ("2026-11-20", 1, "gpx"),
    ]


def test_the_date_is_the_local_date_of_the_start(db_path, tmp_path, monkeypatch):
    """A run that started at 02:00 UTC is on the previous day in New York."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    path = write(tmp_path, "late.fit", fit(dt.datetime(2026, 11, 20, 2, 0, tzinfo=UTC), 5000, 1500))
    assert invoke("import", "fit", str(path)).exit_code == 0
    assert runs(db_path)[0][0] == "2026-11-19"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<gpx version="1.1"><trk><name>&lol2;</name></trk></gpx>"""


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bomb.gpx", BILLION_LAUGHS, "declares a DOCTYPE or an ENTITY"),
        (
            "external.tcx",
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
            "declares a DOCTYPE or an ENTITY",
        ),
        (
            "notimes.gpx",
            gpx(START, 5000, 1800).replace(b"<time>", b"<desc>").replace(b"</time>", b"</desc>"),
            "has no track with times",
        ),  # fmt: skip
        ("broken.gpx", b"<gpx><trk>", "is not a GPX file"),
        ("broken.fit", fit(START, 5000, 1500)[:-2] + b"\x00\x00", "is not a FIT file"),
        ("broken.fit.gz", b"not gzip at all", "is not a gzip file"),
        ("empty.tcx", b"", "is not a TCX file"),
        ("future.fit", fit(START + dt.timedelta(days=30), 5000, 1500), "is in the future"),
        ("ultra.fit", fit(START, 320_000, 86_000), "distance is more than 300 km"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v and len(v) < 20 else "",
)
def test_bad_files_are_named_and_the_rest_imported(db_path, tmp_path, name, data, reason):
    """Each unreadable or unacceptable file is named with its reason on stderr; a good file
    beside it is still imported."""
    kind = activities.kind_of(name)
    folder = tmp_path / "in"
    bad = write(folder, name, data)
    good_name = f"good.{kind}"
    maker = {"gpx": gpx, "fit": fit}.get(kind)
    good = maker(START - dt.timedelta(days=5), 6000, 1800) if maker else tcx(
        START - dt.timedelta(days=5), [(6000, 1800)]
    )  # fmt: skip
    write(folder, good_name, good)
    result = invoke("import", kind, str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 1 run (6 km) from 2 files")
    assert result.stdout.rstrip().endswith("1 not imported")
    lines = result.stderr.splitlines()
    assert lines[0] == "backjournal: 1 not imported:"
    assert lines[1].startswith(f"  {bad}: ") and reason in lines[1], lines
    assert len(runs(db_path)) == 1


def test_nothing_readable_is_status_1(db_path, tmp_path):
    """When no file at all could be read, the command fails (status 1)."""
    path = write(tmp_path, "bomb.gpx", BILLION_LAUGHS)
    result = invoke("import", "gpx", str(path))
    assert result.exit_code == 1
    assert "declares a DOCTYPE or an ENTITY" in result.stderr


def test_size_limits(db_path, tmp_path, monkeypatch):
    """A file over the size limit, or a .gz that unpacks past it, is refused unread."""
    monkeypatch.setattr(activities, "MAX_FILE_BYTES", 4000)
    monkeypatch.setattr(activities, "MAX_UNPACKED_BYTES", 20_000)
    big = write(tmp_path, "big.gpx", gpx(START, 5000, 3600) + b" " * 5000)
    bomb = write(tmp_path, "bomb.gpx.gz", gz(b"<gpx>" + b" " * 1_000_000 + b"</gpx>"))
    result = invoke("import", "gpx", str(big), str(bomb))
    assert result.exit_code == 1
    assert f"  {big}: is 0 MB, more than an activity file can be" in result.stderr
    assert f"  {bomb}: unpacks to more than an activity file can be" in result.stderr


def test_a_file_of_another_kind_is_named(db_path, tmp_path):
    """import gpx given a .fit file says which command reads it."""
    path = write(tmp_path, "watch.fit", fit(START, 5000, 1500))
    result = invoke("import", "gpx", str(path))
    assert result.exit_code == 1
    assert "is a .fit file, not a .gpx one (use backjournal import fit)" in result.stderr


def test_many_files_are_all_read(db_path, tmp_path):
    """A folder of thirty runs (enough for the progress bar) imports them all."""
    folder = tmp_path / "many"
    for i in range(30):
        write(folder, f"run{i:02d}.fit", fit(START - dt.timedelta(days=i), 5000 + i, 1500))
    result = invoke("import", "fit", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 30 runs (")
    assert len(runs(db_path)) == 30


def test_strava_export_with_files_csv_values_rides_and_duplicates(db_path, tmp_path):
    """A Strava export: runs from their files (gpx, fit.gz) or from activities.csv, a ride
    kept as such, a run already imported from the watch skipped, Strava's names and workout types
    kept; importing the export again adds nothing."""
    watch = write(tmp_path, "watch.fit", fit(START + dt.timedelta(days=1), 12000, 3600))
    assert invoke("import", "fit", str(watch)).exit_code == 0
    export = strava_export(
        tmp_path / "strava",
        [
            {"id": "101", "start": START, "name": "Easy one", "seconds": 1800, "metres": 5000,
             "file": ("101.gpx", gpx(START, 5000, 1800))},
            {"id": "102", "start": START + dt.timedelta(days=1), "name": "Long one",
             "seconds": 3600, "metres": 12000, "workout": "2",
             "file": ("102.fit.gz", gz(fit(START + dt.timedelta(days=1), 12000, 3600)))},
            {"id": "103", "start": START + dt.timedelta(days=2, hours=2), "name": "Parkrun",
             "seconds": 1260, "metres": 5000, "workout": "1"},
            {"id": "104", "start": START + dt.timedelta(days=2), "name": "Commute",
             "type": "Ride", "seconds": 1200, "metres": 8000},
            {"id": "105", "start": START + dt.timedelta(days=3), "name": "Hills",
             "type": "Trail Run", "seconds": 2400, "metres": 7000},
        ],
    )  # fmt: skip
    result = invoke("import", "strava", str(export))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 3 runs (17 km) and 1 other activity (ride 1) from 5 Strava activities · "
        "1 already in the journal\n"
    )
    assert [(r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in runs(db_path)][1:] == [
        ("2026-11-20", pytest.approx(5000, rel=0.01), 1800, "easy", "road", "Easy one",
         "strava", "101"),
        ("2026-11-22", 5000.0, 1260, "race", "road", "Parkrun", "strava", "103"),
        ("2026-11-23", 7000.0, 2400, "easy", "trail", "Hills", "strava", "105"),
    ]  # fmt: skip
    again = invoke("import", "strava", str(export))
    assert again.stdout.startswith("Imported 0 runs (0 km) from 5 Strava activities · "
                                   "5 already in the journal")  # fmt: skip


def test_strava_refusals(tmp_path):
    """A zip, a folder without activities.csv, or a CSV that is not Strava's, is one line."""
    (tmp_path / "export.zip").write_bytes(b"PK")
    assert "unzip it" in invoke("import", "strava", str(tmp_path / "export.zip")).stderr
    assert "has no activities.csv" in invoke("import", "strava", str(tmp_path)).stderr
    (tmp_path / "activities.csv").write_text("date,distance\n2026-11-20,5\n")
    result = invoke("import", "strava", str(tmp_path))
    assert result.exit_code == 1
    assert "is not Strava's activities.csv (no column Activity ID" in result.stderr


# --- issue #16: a runner's real history ----------------------------------------------------------

MIN = dt.timedelta(minutes=1)


def _points(metres: float, minutes: int, start: dt.datetime, every: int = 1):
    """Points from 0 to ``metres`` north over ``minutes``, one every ``every`` minutes."""
    return [(metres * i / minutes, start + i * MIN) for i in range(0, minutes + 1, every)]


def test_strava_gpx_numeric_types(db_path, tmp_path):
    """Strava's GPX writes <type>9</type> for a run and 1 for a ride: the run is imported, the
    ride kept as a ride."""
    write(tmp_path, "run.gpx", gpx(START, 5000, 1800, sport="9"))
    write(tmp_path, "ride.gpx", gpx(START - dt.timedelta(days=1), 20000, 3600, sport="1"))
    result = invoke("import", "gpx", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 1 run (5 km) and 1 other activity (ride 1) from 2 files\n"


def test_older_strava_header(db_path, tmp_path):
    """The older activities.csv (id,date,...,distance in km,...,filename) is read."""
    (tmp_path / "activities.csv").write_text(
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        "111,2015-03-14 08:00:00,Pi run,Run,,1800,5.25,false,,\n"
        "112,2015-03-15 09:00:00,Spin,Ride,,3600,30.0,false,,\n"
    )
    result = invoke("import", "strava", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 1 run (5.25 km) and 1 other activity (ride 1) from 2 Strava activities\n"
    )
    assert [(r[0], r[2], r[3], r[6], r[8]) for r in runs(db_path)] == [
        ("2015-03-14", 5250.0, 1800, "Pi run", "111")
    ]


GERMAN_HEADER = (
    "Aktivitäts-ID,Aktivitätsdatum,Aktivitätsname,Aktivitätsart,Aktivitätsbeschreibung,"
    "Verstrichene Zeit,Distanz,Max. Herzfrequenz,Relative Leistung,Pendelfahrt,Private Notiz,"
    "Ausrüstung,Dateiname,Sportlergewicht,Fahrradgewicht,Verstrichene Zeit,Bewegungszeit,"
    "Distanz,Trainingsart\n"
)


def test_translated_strava_header(db_path, tmp_path):
    """An export in the account's language (German here) is read by its layout: dates in its
    words, its "Lauf" a run, the metres column used."""
    (tmp_path / "activities.csv").write_text(
        GERMAN_HEADER + '201,"20.11.2026, 07:00:00",Morgenlauf,Lauf,,1900,"10,12",,,,,,,,,'
        "1900,1800,10119.599609375,\n"
        '202,"19 Nov. 2026, 18:30:00",Abendlauf,Lauf,,1300,"4,00",,,,,,,,,1300,1200,4000.0,\n'
    )
    result = invoke("import", "strava", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 2 runs (14.12 km) from 2 Strava activities")
    assert [(r[0], r[2], r[3], r[6]) for r in runs(db_path)] == [
        ("2026-11-20", 10119.6, 1800, "Morgenlauf"),  # rounded to 0.1 m
        ("2026-11-19", 4000.0, 1200, "Abendlauf"),
    ]


def test_an_export_without_its_files_has_a_true_summary(db_path, tmp_path):
    """activities.csv naming files that are not in the export: the runs come from the CSV, the
    summary counts nothing as not imported, and one line says the files are missing."""
    rows = [
        {"id": str(i), "start": START - dt.timedelta(days=i), "seconds": 1500, "metres": 5000,
         "file": (f"{i}.gpx", b"")}
        for i in range(1, 4)
    ]  # fmt: skip
    export = strava_export(tmp_path / "s", rows)
    for i in range(1, 4):
        (export / "activities" / f"{i}.gpx").unlink()
    result = invoke("import", "strava", str(export))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 3 runs (15 km) from 3 Strava activities\n"
    assert result.stderr == (
        f"backjournal: 3 activity files named in activities.csv are not in {export}: their "
        "start, distance and time come from activities.csv\n"
    )


def test_strava_type_surface_and_workout_words(db_path, tmp_path):
    """A Virtual Run is on a treadmill, a Trail Run on a trail; a workout type written as a word
    ("Race", "Long Run") gives the run's type."""
    export = strava_export(
        tmp_path / "s",
        [
            {"id": "1", "start": START, "type": "Virtual Run", "seconds": 1800, "metres": 5000},
            {"id": "2", "start": START - dt.timedelta(days=1), "type": "Trail Run",
             "seconds": 3000, "metres": 8000, "workout": "Long Run"},
            {"id": "3", "start": START - dt.timedelta(days=2), "seconds": 1200, "metres": 5000,
             "workout": "Race"},
        ],
    )  # fmt: skip
    assert invoke("import", "strava", str(export)).exit_code == 0
    assert [(r[4], r[5]) for r in runs(db_path)] == [
        ("easy", "treadmill"),
        ("long", "trail"),
        ("race", "road"),
    ]


def test_gpx_pieces_of_one_outing_are_one_run(db_path, tmp_path):
    """Two tracks 10 minutes apart (an old Garmin's ACTIVE LOG) and a second segment are one run
    whose time is the pieces' moving time; a track 2 hours later is another run."""
    later = START + dt.timedelta(hours=3)
    data = gpx_tracks(
        [
            [_points(3000, 15, START), _points(1000, 5, START + 20 * MIN)],
            [_points(2000, 10, START + 35 * MIN)],
            [_points(4000, 20, later)],
        ]
    )
    path = write(tmp_path, "active-log.gpx", data)
    result = invoke("import", "gpx", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 2 runs (10 km) from 1 file\n"
    assert [(r[2], r[3], r[9]) for r in runs(db_path)] == [
        (6000.0, 30 * 60, "2026-11-20T07:00:00+00:00"),
        (4000.0, 20 * 60, "2026-11-20T10:00:00+00:00"),
    ]


def test_partly_timed_and_untimed_tracks(db_path, tmp_path):
    """Points without a time are left out of both distance and time; a track with no time at
    all is named, not dropped silently; a single timed point is not a run."""
    timed = _points(5000, 25, START)
    partly = timed[:21] + [(m, None) for m, _ in timed[21:]]  # the last 1 km has no times
    path = write(
        tmp_path,
        "mixed.gpx",
        gpx_tracks(
            [
                [partly],
                [[(m, None) for m, _ in timed]],
                [[(0, START + dt.timedelta(hours=5))]],
            ]
        ),
    )
    result = invoke("import", "gpx", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 1 run (4 km) from 1 file · 2 not imported\n"
    assert [(r[2], r[3]) for r in runs(db_path)] == [(4000.0, 20 * 60)]
    assert result.stderr.splitlines()[1:] == [
        f"  {path}: track 2 has no times, so when it was run cannot be told: left out",
        f"  {path}: track 3 has one timed point only (no distance, no time): left out",
    ]


def test_implausible_runs_are_refused_with_their_numbers_unless_forced(db_path, tmp_path):
    """195.7 km in two hours, and 28 m, are refused with their numbers; --force keeps them."""
    car = write(tmp_path, "car.fit", fit(START, 195_700, 7200))
    blip = write(tmp_path, "blip.fit", fit(START - dt.timedelta(days=1), 28, 30))
    result = invoke("import", "fit", str(car), str(blip))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"  {car}: 195.7 km in 2:00:00 is 97.9 km/h, faster than the world record over that "
        "distance: not a run (--force keeps it)",
        f"  {blip}: 28 m is under 100 m: not a run (--force keeps it)",
    ]
    forced = invoke("import", "fit", "--force", str(car), str(blip))
    assert forced.stdout == "Imported 2 runs (195.73 km) from 2 files\n"


def test_a_world_class_pace_is_accepted():
    """A marathon in 2:01 and 5 km in 13:00 are plausible; 5 km in 12:00 is not."""
    from backjournal.domain.plausibility import implausible

    assert implausible(42195, 2 * 3600 + 60) is None
    assert implausible(5000, 13 * 60) is None
    assert implausible(5000, 12 * 60) is not None


def test_fit_with_an_unset_clock_is_placed_with_date(db_path, tmp_path):
    """A FIT file with device-relative times says why it cannot be placed; --date places it."""
    path = write(tmp_path, "old.fit", fit(START, 5000, 1500, relative=True))
    result = invoke("import", "fit", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        f"  {path}: the watch's clock was not set, so the file cannot say when this was: give "
        "its date with --date"
    )
    placed = invoke("import", "fit", "--date", "2026-11-18", str(path))
    assert placed.stdout == "Imported 1 run (5 km) from 1 file\n"
    assert [(r[0], r[2], r[9]) for r in runs(db_path)] == [("2026-11-18", 5000.0, None)]
    again = invoke("import", "fit", "--date", "2026-11-18", str(path))
    assert again.stdout.endswith("1 already in the journal\n")


def test_surfaces_from_the_file(db_path, tmp_path):
    """FIT sub-sport treadmill and trail, and a TCX whose points have no position, give the
    surface; a TCX with positions stays on the road."""
    write(tmp_path, "a.fit", fit(START, 5000, 1500, sub_sport="treadmill"))
    write(tmp_path, "b.fit", fit(START - dt.timedelta(days=1), 8000, 3000, sub_sport="trail"))
    write(tmp_path, "c.tcx", tcx(START - dt.timedelta(days=2), [(5000, 1500)], positions=False))
    write(tmp_path, "d.tcx", tcx(START - dt.timedelta(days=3), [(5000, 1500)], positions=True))
    assert invoke("import", "fit", str(tmp_path)).exit_code == 0
    assert invoke("import", "tcx", str(tmp_path)).exit_code == 0
    assert [r[5] for r in runs(db_path)] == ["treadmill", "trail", "treadmill", "road"]


def test_local_date_from_the_files_zone(db_path, tmp_path, monkeypatch):
    """A FIT run at 23:30 UTC recorded at UTC+2 is on the next day there, whatever this
    computer's zone; the summary says the date came from the file's zone."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    late = dt.datetime(2026, 11, 19, 23, 30, tzinfo=UTC)
    path = write(tmp_path, "tokyo.fit", fit(late, 5000, 1500, local_offset_s=7200))
    result = invoke("import", "fit", str(path))
    assert result.stdout == (
        "Imported 1 run (5 km) from 1 file · 1 dated in the time zone its file gives\n"
    )
    assert runs(db_path)[0][0] == "2026-11-20"


def test_multisport_fit_counts_each_sport(db_path, tmp_path):
    """A multisport FIT: its run session is a run, its ride a ride; with --runs-only the ride
    is counted by its sport, not kept."""
    path = write(
        tmp_path,
        "tri.fit",
        fit(START, 5000, 1500, more=[(START + dt.timedelta(hours=1), 40000, 3600, "cycling")]),
    )
    result = invoke("import", "fit", "--runs-only", str(path))
    assert result.stdout == "Imported 1 run (5 km) from 1 file · 1 not a run (cycling 1)\n"
    result = invoke("import", "fit", str(path))
    assert result.stdout == (
        "Imported 0 runs (0 km) and 1 other activity (ride 1) from 1 file · "
        "1 already in the journal\n"
    )
