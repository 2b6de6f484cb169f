"""The command line: one click group with a global ``--db``; without a command it opens the app.

Commands that need no screen never import Textual or plotext (quick entry must start fast): the
TUI is imported inside the one code path that runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from backjournal import __version__
from backjournal.domain.models import DayEntry, Run, ValidationError
from backjournal.domain.parse import (
    InvalidValue,
    format_distance,
    format_duration,
    format_pace,
    parse_date,
    parse_distance,
    parse_duration,
)
from backjournal.domain.values import RUN_TYPES, SURFACES
from backjournal.launch import SCREENS
from backjournal.paths import ENV_DB, default_db_path, today
from backjournal.store import Journal, JournalError


def fail(message: str) -> None:
    """Print one clear line on stderr and exit 1 (never a traceback)."""
    click.echo(f"backjournal: {message}", err=True)
    sys.exit(1)


def db_path(ctx: click.Context) -> Path:
    """The journal path chosen by ``--db``, ``BACKJOURNAL_DB`` or the platform default."""
    return ctx.obj["db"] or default_db_path()


def open_journal(ctx: click.Context) -> Journal:
    """Open the journal for a command, turning any refusal into one line on stderr."""
    try:
        journal = Journal.open(db_path(ctx))
    except JournalError as exc:
        fail(str(exc))
    if journal.warning:
        click.echo(f"backjournal: warning: {journal.warning}", err=True)
    if journal.backup_path:
        click.echo(
            f"backjournal: journal upgraded; the previous copy is {journal.backup_path}", err=True
        )
    return journal


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=ENV_DB,
    help=f"Journal file to use (default: your data folder; also ${ENV_DB}).",
)
@click.option(
    "--screen",
    type=click.Choice(SCREENS),
    default="today",
    show_default=True,
    help="The screen to open on.",
)
@click.version_option(__version__, "--version", "-V", prog_name="backjournal")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, screen: str) -> None:
    """A training journal for runners who live with back pain.

    Run without a command to open the journal in the terminal.
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        run_tui(ctx, screen)


def run_tui(ctx: click.Context, screen: str) -> None:
    """Open the full-screen journal (the only path that imports Textual)."""
    from backjournal.launch import run_app

    code = run_app(ctx.obj["db"], screen)
    if code:
        sys.exit(code)


@cli.command()
@click.pass_context
def where(ctx: click.Context) -> None:
    """Print the path of the journal file."""
    click.echo(str(db_path(ctx)))


@cli.command()
@click.argument("distance")
@click.argument("duration", required=False)
@click.option(
    "--date",
    "-d",
    "date_text",
    default="today",
    show_default=True,
    help="YYYY-MM-DD, today, yesterday or -N (days ago).",
)
@click.option("--pain", "-p", "back", metavar="N", help="Back pain after the run, 0-10.")
@click.option("--leg", "-l", "leg", metavar="N", help="Leg pain after the run, 0-10.")
@click.option(
    "--type", "-t", "run_type", type=click.Choice(RUN_TYPES), default="easy", show_default=True
)
@click.option("--surface", "-s", type=click.Choice(SURFACES), default="road", show_default=True)
@click.option("--note", "-n", default="", help="A note for the run.")
@click.pass_context
def log(
    ctx: click.Context,
    distance: str,
    duration: str | None,
    date_text: str,
    back: str | None,
    leg: str | None,
    run_type: str,
    surface: str,
    note: str,
) -> None:
    """Add a run to a day: backjournal log 8k 42:10 --pain 2.

    DISTANCE is in your unit setting, or explicit: 8k, 5mi, 8000m. DURATION is 42:10 or 1:05:30.
    """
    from backjournal.domain.parse import parse_score

    now = today()
    try:
        day = parse_date(date_text, now)
    except InvalidValue as exc:
        fail(f"--date: {exc}")
    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        try:
            run = Run(
                distance_m=_field("distance", parse_distance, distance, units),
                duration_s=_field("duration", parse_duration, duration) if duration else None,
                type=run_type,
                surface=surface,
                notes=note,
            )
            back_after = _field("--pain", parse_score, back) if back is not None else None
            leg_after = _field("--leg", parse_score, leg) if leg is not None else None

            def add_run(entry: DayEntry) -> None:
                entry.runs.append(run)
                if back_after is not None:
                    entry.back_after = back_after
                if leg_after is not None:
                    entry.leg_after = leg_after

            stored = journal.update_day(day.isoformat(), add_run, now)
        except ValidationError as exc:
            fail("; ".join(f"{_label(k)}: {v}" for k, v in exc.errors.items()))
        except JournalError as exc:
            fail(str(exc))
    pace = format_pace(run.distance_m, run.duration_s, units)
    parts = [f"{format_distance(run.distance_m, units)} {run.type} on {run.surface}"]
    if run.duration_s:
        parts.append(f"in {format_duration(run.duration_s)}" + (f" ({pace})" if pace else ""))
    if back_after is not None or leg_after is not None:
        parts.append(f"pain back {_dash(back_after)} leg {_dash(leg_after)}")
    total = format_distance(stored.distance_m, units)
    click.echo(f"Logged {day.isoformat()}: " + ", ".join(parts) + f" · day total {total}")


def _field(name, parser, *args):
    """Run a parser, naming the argument in its error message."""
    try:
        return parser(*args)
    except InvalidValue as exc:
        fail(f"{name}: {exc}")


def _label(key: str) -> str:
    return key.split(".")[-1]


def _dash(value: int | None) -> str:
    return "-" if value is None else str(value)


@cli.command()
@click.option(
    "--years",
    default=1,
    show_default=True,
    type=click.IntRange(1, 30),
    help="How many years of entries to write, ending today.",
)
@click.option(
    "--seed", default=7, show_default=True, type=int, help="Random seed (same seed, same journal)."
)
@click.option(
    "--force", is_flag=True, help="Replace the entries of a journal that already has some."
)
@click.pass_context
def demo(ctx: click.Context, years: int, seed: int, force: bool) -> None:
    """Fill the journal with a realistic, seeded sample year (or years) of entries."""
    from backjournal.domain.demo import generate

    journal = open_journal(ctx)
    with journal:
        if journal.has_entries() and not force:
            fail(f"{journal.path} already holds entries; use --force to replace them with the demo")
        entries = list(generate(today(), years=years, seed=seed))
        try:
            journal.replace_all_days(entries)
        except JournalError as exc:
            fail(str(exc))
    runs = sum(len(e.runs) for e in entries)
    click.echo(f"Wrote {len(entries)} days and {runs} runs of demo data to {journal.path}")


def main() -> None:
    """Run the click group (``backjournal.launch.main`` is the script's entry point)."""
    cli(prog_name="backjournal")
