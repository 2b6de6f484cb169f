"""The import folder (issue #16): ``backjournal import --folder DIR`` and ``import sync``; each
file considered once, a refused file reported once, and ``--json`` per-file results."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest
from activitykit import UTC, fit, gpx, invoke, utc_clock  # noqa: F401

from backjournal.store import Journal, import_folder

START = dt.datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def run_count(db: Path) -> int:
    with Journal.open(db) as journal:
        return journal.conn.execute("SELECT count(*) FROM run").fetchone()[0]


@pytest.fixture
def watch(tmp_path: Path) -> Path:
    """A watch's folder: two runs (one in a subfolder) and a damaged file."""
    folder = tmp_path / "GARMIN"
    (folder / "Activity").mkdir(parents=True)
    (folder / "Activity" / "a.fit").write_bytes(fit(START, 5000, 1500))
    (folder / "b.gpx").write_bytes(gpx(START - dt.timedelta(days=1), 6000, 1800))
    (folder / "bad.gpx").write_bytes(b"<gpx>")
    (folder / "notes.txt").write_text("not an activity")
    return folder


def test_sync_imports_each_file_once_and_reports_a_refusal_once(db_path, watch):
    """The first sync imports both runs and names the damaged file; the next sync reads
    nothing; a touched file and a copy under another name are not read again; a new file is."""
    chosen = invoke("import", "--folder", str(watch))
    assert chosen.exit_code == 0, chosen.output
    assert chosen.stdout.startswith(f"Import folder: {watch.resolve()} (3 activity files there")
    first = invoke("import", "sync")
    assert first.exit_code == 0, first.output
    assert first.stdout == (
        f"Imported 2 runs (11 km) from 3 new files in {watch.resolve()} (3 files there) · "
        "1 not imported\n"
    )
    assert first.stderr.splitlines()[1].startswith(f"  {watch.resolve() / 'bad.gpx'}: is not a GPX")
    again = invoke("import", "sync")
    assert (again.stdout, again.stderr) == (
        f"Imported 0 runs (0 km) from 0 new files in {watch.resolve()} (3 files there)\n",
        "",
    )
    os.utime(watch / "b.gpx", ns=(10**18, 10**18))
    (watch / "copy.fit").write_bytes((watch / "Activity" / "a.fit").read_bytes())
    (watch / "new.fit").write_bytes(fit(START - dt.timedelta(days=2), 7000, 2100))
    third = invoke("import", "sync")
    assert third.stdout == (
        f"Imported 1 run (7 km) from 1 new file in {watch.resolve()} (5 files there)\n"
    )
    assert run_count(db_path) == 3


def test_sync_json_gives_each_files_results(db_path, watch):
    """sync --json: per file, each activity's status, date, distance and time, or the problem."""
    invoke("import", "--folder", str(watch))
    result = invoke("import", "sync", "--json")
    document = json.loads(result.stdout)
    root = watch.resolve()
    assert document["runs_imported"] == 2 and document["not_imported"] == 1
    by_file = {f["file"]: f for f in document["files"]}
    assert by_file[str(root / "Activity" / "a.fit")]["activities"] == [
        {
            "status": "added",
            "sport": "running",
            "start": "2026-11-20T07:00:00+00:00",
            "distance_m": 5000.0,
            "duration_s": 1500,
            "date": "2026-11-20",
        }
    ]
    assert by_file[str(root / "bad.gpx")]["problems"] == [
        "is not a GPX file (no element found: line 1, column 5)"
    ]


def test_import_json_for_files(db_path, tmp_path):
    """import fit --json: the run "added", the ride "kept" as a ride; with --runs-only the ride
    is "not a run"."""
    (tmp_path / "a.fit").write_bytes(fit(START, 5000, 1500))
    (tmp_path / "b.fit").write_bytes(fit(START, 30000, 3600, sport="cycling"))
    document = json.loads(invoke("import", "fit", "--json", str(tmp_path)).stdout)
    assert [
        (f["file"][-5:], [a["status"] for a in f["activities"]]) for f in document["files"]
    ] == [
        ("a.fit", ["added"]),
        ("b.fit", ["kept"]),
    ]
    assert document["activities_kept"] == {"ride": 1} and document["not_runs"] == {}
    (ride,) = document["files"][1]["activities"]
    assert (ride["kept_as"], ride["date"], ride["sport"]) == ("ride", "2026-11-20", "cycling")
    (tmp_path / "c.fit").write_bytes(fit(START, 20000, 3000, sport="cycling"))
    only = json.loads(
        invoke("import", "fit", "--json", "--runs-only", str(tmp_path / "c.fit")).stdout
    )
    assert only["not_runs"] == {"cycling": 1} and only["activities_kept"] == {}
    assert only["files"][0]["activities"][0]["status"] == "not a run"


def test_sync_without_a_folder_and_a_missing_folder(db_path, tmp_path):
    """sync with no folder chosen, or a folder that is gone, is one line and status 1."""
    result = invoke("import", "sync")
    assert result.exit_code == 1
    assert result.stderr == (
        "backjournal: no import folder is set: choose one with backjournal import --folder DIR\n"
    )
    assert "is not a folder" in invoke("import", "--folder", str(tmp_path / "nope")).stderr
    gone = tmp_path / "gone"
    gone.mkdir()
    invoke("import", "--folder", str(gone))
    gone.rmdir()
    assert "is not there (is the watch connected?)" in invoke("import", "sync").stderr


def test_known_files_are_not_opened(journal, tmp_path, monkeypatch):
    """With 2,000 known files and nothing new, the check lists the folder and opens no file."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"{i:04d}.fit").write_bytes(b"x")
    import_folder.set_folder(journal, folder)
    import_folder.sync(journal, dt.date(2026, 11, 25))  # every file refused, and remembered

    def no_open(path):
        raise AssertionError(f"{path} was opened")

    monkeypatch.setattr(import_folder, "file_chunks", no_open)
    started = time.perf_counter()
    done = import_folder.sync(journal, dt.date(2026, 11, 25))
    took = time.perf_counter() - started
    assert (done.listed, done.files) == (2000, [])
    assert took < 0.5, f"{took * 1000:.0f} ms"  # about 5 ms; python -m benchmarks measures it


def test_a_journal_of_the_current_release_gains_the_import_folder(tmp_path, monkeypatch):
    """A journal made before m009 opens with its runs intact, is backed up, and can be given
    an import folder; the new tables are not exported (they describe this computer)."""
    from backjournal.domain.models import DayEntry, Run
    from backjournal.store.migrations import migrations

    path = tmp_path / "old.db"
    before = [m for m in migrations._migrations if m.name != "m009_import_folder"]
    monkeypatch.setattr(migrations, "_migrations", before)
    with Journal.open(path) as old:
        old.save_day(
            DayEntry("2026-11-20", back_wake=2, runs=[Run(5000, 1500)]), dt.date(2026, 11, 25)
        )
        assert "_import_file" not in old.db.table_names()
    monkeypatch.undo()
    with Journal.open(path) as journal:
        assert journal.backup_path is not None and journal.backup_path.exists()
        assert journal.get_day("2026-11-20").runs[0].distance_m == 5000
        import_folder.set_folder(journal, tmp_path)
        assert import_folder.folder(journal) == tmp_path.resolve()
    out = tmp_path / "export"
    assert invoke("--db", str(path), "export", "csv", "--out", str(out)).exit_code == 0
    assert not any("import" in p.name for p in out.iterdir())


# --- the app ---------------------------------------------------------------------------------


async def _start(db: Path) -> list[str]:
    """Start the app, let its workers finish, and return the notices it showed."""
    from uikit import build_app, settle

    app = build_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications]
    app.journal.close()
    return notices


async def test_the_app_imports_a_new_file_once_at_start(db_path, tmp_path):
    """A file that appears in the import folder is imported at the next start, with a notice;
    the start after that imports and says nothing; a refused file is named once."""
    watch = tmp_path / "watch"
    watch.mkdir()
    with Journal.open(db_path) as journal:
        import_folder.set_folder(journal, watch)
    assert await _start(db_path) == []
    (watch / "a.fit").write_bytes(fit(START, 5000, 1500))
    (watch / "bad.gpx").write_bytes(b"<gpx>")
    notices = await _start(db_path)
    assert notices == [
        "1 new run imported\n1 file not imported: bad.gpx: is not a GPX file (no element "
        "found: line 1, column 5) (backjournal import sync --json lists them)"
    ]
    assert run_count(db_path) == 1
    assert await _start(db_path) == []
    assert run_count(db_path) == 1


async def test_settings_sets_the_import_folder(db_path, tmp_path):
    """Typing a folder in Settings and pressing Enter saves it and imports its files."""
    from uikit import build_app, settle

    watch = tmp_path / "watch"
    watch.mkdir()
    (watch / "a.fit").write_bytes(fit(START, 5000, 1500))
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        field = app.screen.query_one("#import-folder")
        field.value = str(watch)
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        status = str(app.screen.query_one("#import-folder-status").render())
    app.journal.close()
    assert status == "1 activity file there; new ones are imported at each start."
    with Journal.open(db_path) as journal:
        assert import_folder.folder(journal) == watch.resolve()
    assert run_count(db_path) == 1
