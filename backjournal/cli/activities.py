"""``backjournal import gpx|tcx|fit PATH...`` and ``backjournal import strava EXPORT_DIR``: runs
from watches and apps, each once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from backjournal.cli.base import fail, open_journal
from backjournal.cli.import_ import import_group
from backjournal.paths import today
from backjournal.store import JournalError

PROGRESS_FROM = 10  # files: fewer are read before a bar would have drawn


def _files(paths: tuple[Path, ...], kind: str) -> list[Path]:
    """The files named, and the files of ``kind`` (plain or .gz) in the folders named."""
    from backjournal.io.activities import kind_of

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p.name) == kind)
            )
        elif path.exists():
            found.append(path)
        else:
            fail(f"{path} does not exist")
    if not found:
        fail(f"no .{kind} file in {', '.join(str(p) for p in paths)}")
    return found


def _read(path: Path, kind: str | None):
    """The activities of one file, or the reason it cannot be read."""
    from backjournal.io.activities import MAX_FILE_BYTES, ActivityError, kind_of, read_activities

    found = kind_of(path.name)
    if kind and found not in (kind, None):
        return f"is a .{found} file, not a .{kind} one (use backjournal import {found})"
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return f"is {path.stat().st_size // 2**20} MB, more than an activity file can be"
        return read_activities(path.read_bytes(), path.name, kind or found)
    except ActivityError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"


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


def _import_files(ctx: click.Context, paths: tuple[Path, ...], kind: str) -> None:
    files = _files(paths, kind)
    activities, bad, origin = [], [], {}
    with _each(files, f"Reading {len(files)} files") as bar:
        for path in bar:
            read = _read(path, kind)
            if isinstance(read, str):
                bad.append(f"{path}: {read}")
                continue
            for activity in read:
                origin[id(activity)] = path
                activities.append(activity)
    _write(ctx, activities, bad, origin, f"{len(files)} file{'s' if len(files) != 1 else ''}")


def _write(ctx: click.Context, activities, bad: list[str], origin: dict, what: str) -> None:
    from backjournal.domain.parse import format_distance
    from backjournal.store.activities import add_activities

    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        try:
            result = add_activities(journal, activities, today())
        except JournalError as exc:
            fail(str(exc))
    for activity, reason in result.refused:
        bad.append(f"{origin.get(id(activity), activity.source_id)}: {reason}")
    runs = len(result.added)
    parts = [
        f"Imported {runs} run{'s' if runs != 1 else ''} "
        f"({format_distance(result.metres, units)}) from {what}"
    ]
    if result.duplicates:
        parts.append(f"{result.duplicates} already in the journal")
    if result.not_runs:
        sports = ", ".join(f"{sport} {n}" for sport, n in sorted(result.not_runs.items()))
        count = sum(result.not_runs.values())
        parts.append(f"{count} not a run ({sports})")
    if bad:
        parts.append(f"{len(bad)} not imported")
    click.echo(" · ".join(parts))
    if bad:
        click.echo(f"backjournal: {len(bad)} not imported:", err=True)
        for line in bad:
            click.echo(f"  {line}", err=True)
        if not (runs or result.duplicates or result.not_runs):
            sys.exit(1)


def _file_command(kind: str):
    @import_group.command(kind)
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.pass_context
    def command(ctx: click.Context, paths: tuple[Path, ...]) -> None:
        _import_files(ctx, paths, kind)

    command.__doc__ = (
        f"Import runs from {kind.upper()} files (or the .{kind} and .{kind}.gz files in "
        "folders).\n\n"
        "Each activity that is a run becomes a run on the local date of its start; one already "
        "in the journal (same file, or the same start and distance from another source) is "
        "skipped and counted, and so are rides, swims and walks."
    )
    command.help = command.__doc__
    return command


gpx = _file_command("gpx")
tcx = _file_command("tcx")
fit = _file_command("fit")


@import_group.command("strava")
@click.argument("export_dir", type=click.Path(path_type=Path))
@click.pass_context
def strava(ctx: click.Context, export_dir: Path) -> None:
    """Import the runs of a Strava bulk export: EXPORT_DIR is the unzipped folder that holds
    activities.csv (and the activities/ files it names).

    Start, distance and time come from each run's activity file when it is there, else from
    activities.csv. Runs already in the journal (same Strava id, or the same start and distance
    from a watch's file) are skipped and counted; rides, swims and walks too.
    """
    from backjournal.io.activities import Activity, ActivityError, parse_strava_csv

    if export_dir.is_file() and export_dir.suffix.lower() == ".zip":
        fail(f"{export_dir} is the zip file: unzip it, then give the folder")
    table = export_dir / "activities.csv"
    if not table.is_file():
        fail(f"{export_dir} has no activities.csv: give the folder of an unzipped Strava export")
    try:
        rows, problems = parse_strava_csv(table.read_bytes())
    except ActivityError as exc:
        fail(f"{table} {exc}")
    bad = [f"{table} line {line}: {reason}" for line, reason in problems]
    activities, origin = [], {}
    with _each(rows, f"Reading {len(rows)} activities") as bar:
        for row in bar:
            base = Activity(
                source="strava",
                source_id=row.activity_id,
                started_at=row.started_at,
                distance_m=row.distance_m or 0.0,
                duration_s=row.duration_s,
                sport=row.sport,
                name=row.name,
                type=row.run_type(),
            )
            label = f"{table} line {row.line}"
            if base.is_run and row.filename:
                read = _read(export_dir / row.filename, None)
                if isinstance(read, str):
                    bad.append(f"{export_dir / row.filename}: {read} (activities.csv used)")
                else:
                    first = read[0]
                    base = Activity(
                        source="strava",
                        source_id=row.activity_id,
                        started_at=first.started_at,
                        distance_m=first.distance_m,
                        duration_s=first.duration_s or row.duration_s,
                        sport=row.sport,
                        name=row.name,
                        type=row.run_type(),
                    )
                    label = str(export_dir / row.filename)
            if base.is_run and row.distance_m is None and not row.filename:
                bad.append(f"{label}: no distance")
                continue
            origin[id(base)] = label
            activities.append(base)
    _write(ctx, activities, bad, origin, f"{len(rows)} Strava activities")
