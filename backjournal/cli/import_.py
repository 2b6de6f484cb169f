"""``backjournal import csv PATH``: take back our own CSV export (a folder, or one file); and
``backjournal import --folder DIR``, which chooses the import folder that ``import sync`` and the
app's start read (``cli/activities.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from backjournal.cli.base import cli, fail, open_journal, say
from backjournal.cli.report import counts_line, how_many, print_problems
from backjournal.paths import today
from backjournal.store import JournalError


@cli.group("import", invoke_without_command=True)
@click.option(
    "--folder",
    "folder",
    metavar="DIR",
    help="Choose the import folder (a watch's activity folder or a sync folder): its new files "
    "are imported when the app starts and by `backjournal import sync`. --folder '' sets none.",
)
@click.option(
    "--runs-only",
    is_flag=True,
    help="With --folder: import only the runs of its files (rides, walks and other sports are "
    "counted, not kept).",
)
@click.pass_context
def import_group(ctx: click.Context, folder: str | None, runs_only: bool) -> None:
    """Bring data into the journal from files."""
    if folder is not None:
        from backjournal.domain.safe_text import shown
        from backjournal.store.import_folder import listing, set_folder

        chosen = Path(folder).expanduser().resolve() if folder else None
        journal = open_journal(ctx)
        with journal:
            try:
                set_folder(journal, chosen, only_runs=runs_only)
            except JournalError as exc:
                fail(shown(exc))
        if chosen is None:
            click.echo("No import folder any more.")
        else:
            files = len(listing(chosen))
            kept = "runs only" if runs_only else "runs and other activity"
            click.echo(
                f"Import folder: {shown(chosen)} ({files} activity "
                f"file{'s' if files != 1 else ''} there; backjournal import sync, or starting "
                f"the app, imports the new ones: {kept})"
            )
    elif runs_only and ctx.invoked_subcommand is None:
        fail("--runs-only goes with --folder DIR (or after gpx, tcx, fit, strava or sync)")
    elif ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@import_group.command("csv")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--table", "-t", metavar="NAME", help="The table of a single file not named after it."
)
@click.option(
    "--skip-bad", is_flag=True, help="Import the good rows and list the bad ones (instead of none)."
)
@click.option("--raw", is_flag=True, help="The files were exported with --raw: take text as it is.")
@click.pass_context
def import_csv(
    ctx: click.Context, path: Path, table: str | None, skip_bad: bool, raw: bool
) -> None:
    """Import CSV files made by `backjournal export csv`: PATH is the export folder (every table,
    in the order their links need) or one file (day.csv, run.csv...).

    Every row is checked with the Today screen's rules. When a line is bad, nothing is imported
    and every bad line is named, unless --skip-bad. Rows already in the journal (the same date,
    setting, or run) are left as they are: importing the same files twice adds nothing.
    """
    from backjournal.store.importer import import_csv

    journal = open_journal(ctx)
    with journal:
        try:
            result, plan = import_csv(
                journal, path, today(), table=table, skip_bad=skip_bad, raw=raw
            )
        except JournalError as exc:
            fail(str(exc))
    bad = len(result.problems)
    lines = how_many(result.problems)
    if not result.written:
        say(f"backjournal: nothing imported: {lines} in {path}", err=True)
        print_problems(result.problems)
        sys.exit(1)
    say(f"Imported {path}: {counts_line(result.counts)}")
    for note in plan.ignored:
        say(f"Left aside: {note}")
    if bad:
        say(f"backjournal: skipped {lines}:", err=True)
        print_problems(result.problems)
