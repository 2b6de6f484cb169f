"""``backjournal import gpx|tcx|fit PATH...`` and ``backjournal import strava EXPORT_DIR``: runs,
and other activity (rides, walks, swims...), from watches and apps, each once.

Each file is read on its own (``io/activities.py``): a file that cannot be read, or a part of it
left out (a track without times), is one line naming the file and the reason, and the other
files are still imported. The summary line counts what happened to every activity, and every
name printed (files, sports, tracks) goes through ``shown()``: a file name or a Strava sport can
hold escape sequences.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from backjournal.cli.base import day_of, fail, open_journal
from backjournal.cli.import_ import import_group
from backjournal.domain.safe_text import shown
from backjournal.paths import today
from backjournal.store import JournalError

PROGRESS_FROM = 10  # files: fewer are read before a bar would have drawn

force_option = click.option(
    "--force", is_flag=True, help="Keep runs refused as implausible (too fast, under 100 m)."
)
place_option = click.option(
    "--date",
    "-d",
    "date_text",
    default=None,
    help="The date of runs whose file cannot say when (a watch whose clock was never set): "
    "YYYY-MM-DD, today, yesterday or -N.",
)


@dataclass
class Batch:
    """What an import read: the activities with where each came from, the lines of what was
    not imported, and notes on what was imported another way."""

    activities: list = field(default_factory=list)
    origin: dict[int, str] = field(default_factory=dict)
    bad: list[tuple[str, str]] = field(default_factory=list)  # (file or line, reason)
    notes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # every file or line read, in order

    def add(self, activity, label: str) -> None:
        self.origin[id(activity)] = label
        self.activities.append(activity)


def _files(paths: tuple[Path, ...], kind: str) -> list[Path]:
    """The files named, and the files of ``kind`` (plain or .gz) in the folders named."""
    from backjournal.io.activities import kind_of

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if kind_of(p.name) == kind and p.is_file())
            )
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            fail(f"{shown(path)} does not exist")
    if not found:
        fail(f"no .{kind} file in {', '.join(shown(p) for p in paths)}")
    return found


def _read(path: Path, kind: str | None):
    """The :class:`Parsed` content of one file, or the reason it cannot be read."""
    from backjournal.io.activities import kind_of, read_or_reason

    found = kind_of(path.name)
    if kind and found not in (kind, None):
        return f"is a .{found} file, not a .{kind} one (use backjournal import {found})"
    return read_or_reason((path, kind or found))


def _read_all(paths: list[Path], kind: str | None, label: str) -> list:
    """:func:`_read` of every path, in order (in two processes when there are many), with a
    progress bar on stderr when there are many."""
    from backjournal.io.activities import kind_of, read_files

    reasons: dict[int, str] = {}
    jobs = []
    for i, path in enumerate(paths):
        found = kind_of(path.name)
        if kind and found not in (kind, None):
            reasons[i] = f"is a .{found} file, not a .{kind} one (use backjournal import {found})"
        else:
            jobs.append((path, kind or found))
    results = iter(read_files(jobs))
    out = []
    with _each(list(range(len(paths))), label) as bar:
        for i in bar:
            out.append(reasons[i] if i in reasons else next(results))
    return out


def _each(items: list, label: str):
    """``items``, with a progress bar on stderr when there are many."""
    if len(items) < PROGRESS_FROM:
        return _Plain(items)
    return click.progressbar(items, label=label, file=sys.stderr, show_pos=True)


class _Plain:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return iter(self.items)

    def __exit__(self, *exc):
        return False


runs_only_option = click.option(
    "--runs-only",
    is_flag=True,
    help="Import runs only: rides, walks, swims and other sports are counted, not kept.",
)

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print each file's results as JSON, for scripts."
)


def json_report(batch: Batch, result) -> str:
    """Each file's (or Strava line's) activities and what became of them, as JSON: the summary
    line's numbers, then ``files``, in the order they were read."""
    import json

    from backjournal.domain.activity import sport_from_file
    from backjournal.store.activities import KEPT, NOT_A_RUN, REFUSED

    files: dict[str, dict] = {}

    def entry(label: str) -> dict:
        return files.setdefault(label, {"file": label, "activities": [], "problems": []})

    for label in batch.labels:
        entry(label)
    for activity in batch.activities:
        status, detail = result.status.get(id(activity), (REFUSED, ""))
        item = {
            "status": status,
            "sport": activity.sport,
            "start": activity.started_utc,
            "distance_m": round(activity.distance_m, 1),
            "duration_s": activity.duration_s,
        }
        if status == REFUSED:
            item["reason"] = detail
        elif status != NOT_A_RUN:
            item["date"] = detail
        if status == KEPT:
            item["kept_as"] = sport_from_file(activity.sport)
        entry(batch.origin.get(id(activity), activity.source_id))["activities"].append(item)
    for label, reason in batch.bad:
        entry(label)["problems"].append(reason)
    document = {
        "runs_imported": len(result.added),
        "distance_m": round(result.metres, 1),
        "already_in_journal": result.duplicates,
        "activities_kept": dict(sorted(result.kept_by_sport.items())),
        "not_runs": dict(sorted(result.not_runs.items())),
        "not_imported": len(batch.bad) + len(result.refused),
        "notes": batch.notes,
        "files": list(files.values()),
    }
    return json.dumps(document, indent=2)


def _import_files(
    ctx: click.Context,
    paths: tuple[Path, ...],
    kind: str,
    force: bool,
    date_text: str | None,
    as_json: bool,
    runs_only: bool = False,
) -> None:
    place_on = day_of(date_text, today()) if date_text else None
    files = _files(paths, kind)
    batch = Batch()
    reads = _read_all(files, kind, f"Reading {len(files)} files")
    for path, read in zip(files, reads, strict=True):
        batch.labels.append(str(path))
        if isinstance(read, str):
            batch.bad.append((str(path), read))
            continue
        batch.bad.extend((str(path), reason) for reason in read.skipped)
        for activity in read.activities:
            batch.add(activity, str(path))
    what = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    _write(ctx, batch, what, force=force, place_on=place_on, as_json=as_json, runs_only=runs_only)


def _write(
    ctx: click.Context,
    batch: Batch,
    what: str,
    *,
    force: bool,
    place_on: dt.date | None,
    as_json: bool = False,
    runs_only: bool = False,
) -> None:
    from backjournal.store.activities import add_activities

    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        try:
            result = add_activities(
                journal,
                batch.activities,
                today(),
                force=force,
                place_on=place_on,
                runs_only=runs_only,
            )
        except JournalError as exc:
            fail(shown(exc))
    bad = list(batch.bad)
    for activity, reason in result.refused:
        bad.append((batch.origin.get(id(activity), activity.source_id), reason))
    if as_json:
        click.echo(json_report(batch, result))
        if bad and not (result.added or result.kept or result.duplicates or result.not_runs):
            sys.exit(1)
        return
    print_summary(result, bad, batch.notes, what, units)


def print_summary(result, bad: list[tuple[str, str]], notes: list[str], what: str, units: str):
    """The summary line on stdout; notes, then every file or run not imported, on stderr; exit
    status 1 when nothing at all could be read."""
    from backjournal.domain.parse import format_distance

    runs = len(result.added)
    kept = len(result.kept)
    others = ""
    if kept:
        sports = ", ".join(f"{sport} {n}" for sport, n in sorted(result.kept_by_sport.items()))
        others = f" and {kept} other activit{'y' if kept == 1 else 'ies'} ({sports})"
    parts = [
        f"Imported {runs} run{'s' if runs != 1 else ''} "
        f"({format_distance(result.metres, units)}){others} from {what}"
    ]
    if result.by_file_zone:
        parts.append(
            f"{result.by_file_zone} dated in the time zone its file gives"
            if result.by_file_zone == 1
            else f"{result.by_file_zone} dated in the time zone their files give"
        )
    if result.duplicates:
        parts.append(f"{result.duplicates} already in the journal")
    if result.not_runs:
        sports = ", ".join(f"{sport} {n}" for sport, n in sorted(result.not_runs.items()))
        count = sum(result.not_runs.values())
        parts.append(f"{count} not a run ({sports})")
    if bad:
        parts.append(f"{len(bad)} not imported")
    click.echo(shown(" · ".join(parts)))
    for note in notes:
        click.echo(f"backjournal: {shown(note)}", err=True)
    if bad:
        click.echo(f"backjournal: {len(bad)} not imported:", err=True)
        for label, reason in bad:
            click.echo(f"  {shown(label)}: {shown(reason)}", err=True)
        if not (runs or kept or result.duplicates or result.not_runs):
            sys.exit(1)


def _file_command(kind: str):
    @import_group.command(kind)
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @force_option
    @place_option
    @runs_only_option
    @json_option
    @click.pass_context
    def command(
        ctx: click.Context,
        paths: tuple[Path, ...],
        force: bool,
        date_text: str | None,
        runs_only: bool,
        as_json: bool,
    ) -> None:
        _import_files(ctx, paths, kind, force, date_text, as_json, runs_only)

    command.__doc__ = (
        f"Import runs and other activity from {kind.upper()} files (or the .{kind} and "
        f".{kind}.gz files in folders).\n\n"
        "Each activity that is a run becomes a run on the local date of its start (the file's "
        "time zone when it gives one, else this computer's); a ride, walk, swim or other sport "
        "becomes other activity of its sport (unless --runs-only: then it is counted, not "
        "kept). One already in the journal (same file, or the same start and distance from "
        "another source) is skipped and counted. A run no one could run (faster than the world "
        "record over its distance, or under 100 m) is refused unless --force."
    )
    command.help = command.__doc__
    return command


gpx = _file_command("gpx")
tcx = _file_command("tcx")
fit = _file_command("fit")


@import_group.command("strava")
@click.argument("export_dir", type=click.Path(path_type=Path))
@force_option
@runs_only_option
@json_option
@click.pass_context
def strava(
    ctx: click.Context, export_dir: Path, force: bool, runs_only: bool, as_json: bool
) -> None:
    """Import the runs and other activity of a Strava bulk export: EXPORT_DIR is the unzipped
    folder that holds activities.csv (and the activities/ files it names).

    Start, distance and time come from each activity's file when it is there, else from
    activities.csv. Rides, walks, swims and other sports become other activity of their sport
    (unless --runs-only: then they are counted, not kept). Activities already in the journal
    (same Strava id, or the same start and distance from a watch's file) are skipped and
    counted.
    """
    from backjournal.io.activities import ActivityError, file_chunks
    from backjournal.io.strava import parse_strava_csv

    if export_dir.is_file() and export_dir.suffix.lower() == ".zip":
        fail(f"{shown(export_dir)} is the zip file: unzip it, then give the folder")
    table = export_dir / "activities.csv"
    if not table.is_file():
        fail(
            f"{shown(export_dir)} has no activities.csv: give the folder of an unzipped Strava "
            "export"
        )
    try:
        rows, problems = parse_strava_csv(b"".join(file_chunks(table)))
    except ActivityError as exc:
        fail(f"{shown(table)} {shown(exc)}")
    batch = Batch(bad=[(f"{table} line {line}", reason) for line, reason in problems])
    known = _known_strava_ids(ctx)
    planned = [
        _strava_plan(export_dir, table, row, row.activity_id not in known, not runs_only)
        for row in rows
    ]
    to_read = [path for _, _, path, _, _ in planned if path is not None]
    reads = iter(_read_all(to_read, None, f"Reading {len(rows)} activities"))
    missing = 0
    for row, (label, base, path, file_missing, note) in zip(rows, planned, strict=True):
        missing += file_missing
        if note:
            batch.notes.append(note)
        if path is not None:
            read = next(reads)
            named = export_dir / row.filename
            if isinstance(read, str):
                batch.notes.append(f"{named}: {read} (activities.csv used)")
            else:
                first = read.activities[0]
                base = base.with_(
                    started_at=first.started_at or row.started_at,
                    distance_m=first.distance_m,
                    duration_s=first.duration_s or row.duration_s,
                    file_surface=first.file_surface,
                    utc_offset_s=first.utc_offset_s,
                )
                label = str(named)
        batch.labels.append(label)
        if base.is_run and row.distance_m is None and label.startswith(str(table)):
            if row.activity_id not in known:
                batch.bad.append((label, "no distance"))
            continue
        batch.add(base, label)
    if missing:
        batch.notes.append(
            f"{missing} activity file{'s' if missing != 1 else ''} named in activities.csv "
            f"{'are' if missing != 1 else 'is'} not in {export_dir}: "
            f"{'their' if missing != 1 else 'its'} start, distance and time come from "
            "activities.csv"
        )
    _write(
        ctx,
        batch,
        f"{len(rows)} Strava activities",
        force=force,
        place_on=None,
        as_json=as_json,
        runs_only=runs_only,
    )


def _known_strava_ids(ctx: click.Context) -> set[str]:
    """The Strava ids already in the journal: their files need not be read again (a second
    import of the same export is then a fraction of the first)."""
    from backjournal.store.activities import source_ids

    journal = open_journal(ctx)
    with journal:
        return source_ids(journal, "strava")


def _strava_plan(export_dir: Path, table: Path, row, read_file: bool, others: bool = True):
    """(label, activity from the CSV, path of its file to read or None, whether its file is
    missing, a note or "") for one row of activities.csv. A run's file (and, with ``others``,
    another sport's) is read for its start, distance and time, and only inside the export
    (``io/strava.export_file``)."""
    from backjournal.io.activities import Activity, ActivityError, sport_name
    from backjournal.io.strava import export_file

    base = Activity(
        source="strava",
        source_id=row.activity_id,
        started_at=row.started_at,
        distance_m=row.distance_m or 0.0,
        duration_s=row.duration_s,
        sport=sport_name(row.sport, ""),
        name=row.name,
        type=row.run_type(),
    )
    label = f"{table} line {row.line}"
    if not (row.filename and read_file and (base.is_run or others)):
        return label, base, None, False, ""
    try:
        return label, base, export_file(export_dir, row.filename), False, ""
    except FileNotFoundError:
        return label, base, None, True, ""
    except ActivityError as exc:
        return label, base, None, False, f"{export_dir / row.filename}: {exc} (activities.csv used)"


@import_group.command("sync")
@force_option
@runs_only_option
@json_option
@click.pass_context
def sync(ctx: click.Context, force: bool, runs_only: bool, as_json: bool) -> None:
    """Import the new files of the import folder (chosen with backjournal import --folder DIR):
    their runs, and their rides, walks and other sports as other activity (unless --runs-only,
    or the folder was chosen with --runs-only).

    Each file is considered once: a file already seen (same name, size and time, or the same
    content under another name) is not read again, and a refused file is reported once.
    """
    from backjournal.store.import_folder import sync as sync_folder

    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        try:
            done = sync_folder(journal, today(), force=force, only_runs=runs_only or None)
        except JournalError as exc:
            fail(shown(exc))
    batch = Batch()
    for file in done.files:
        label = str(done.folder / file.name)
        batch.labels.append(label)
        if file.parsed is None:
            batch.bad.extend((label, reason) for reason in file.reasons)
            continue
        batch.bad.extend((label, reason) for reason in file.parsed.skipped)
        for activity in file.parsed.activities:
            batch.add(activity, label)
    result = done.result
    if as_json:
        click.echo(json_report(batch, result))
        return
    bad = list(batch.bad) + [(batch.origin[id(a)], reason) for a, reason in result.refused]
    new = len(done.files)
    what = (
        f"{new} new file{'s' if new != 1 else ''} in {done.folder} "
        f"({done.listed} file{'s' if done.listed != 1 else ''} there)"
    )
    print_summary(result, bad, [], what, units)
