"""The click group, its global options, and what every command shares (opening the journal,
failing with one clear line).

Commands that need no screen never import Textual or plotext (quick entry must start fast): the
TUI is imported inside the one code path that runs it.

Everything a command writes for the user goes through :func:`say` or :func:`fail`, which pass it
through :func:`~backjournal.domain.safe_text.shown`: a note, a shoe name, a file or table name in
an error may hold escape sequences, and none of them reaches the terminal as one. click's own
usage errors (which quote what was typed) and an ``OSError`` no command caught (a path too long
for the file system) are made one safe line by :class:`SafeGroup`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from backjournal import __version__
from backjournal.domain.safe_text import shown
from backjournal.launch import SCREENS
from backjournal.paths import ENV_DB, default_db_path
from backjournal.store import Journal, JournalError

# ``--date`` as every command that records or shows one day takes it.
date_option = click.option(
    "--date",
    "-d",
    "date_text",
    default="today",
    show_default=True,
    help="YYYY-MM-DD, today, yesterday or -N (days ago).",
)


def day_of(date_text: str, now: dt.date) -> dt.date:
    """The day ``--date`` names, or one line on stderr and exit 1 (a date that does not exist or
    lies in the future is refused with the same words as the Today screen)."""
    from backjournal.domain.parse import InvalidValue, parse_date

    try:
        return parse_date(date_text, now)
    except InvalidValue as exc:
        fail(f"--date: {exc}")


def fail(message: str) -> NoReturn:
    """Print one clear line on stderr and exit 1 (never a traceback, never a control sequence)."""
    click.echo(f"backjournal: {shown(message)}", err=True)
    sys.exit(1)


def say(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """Write ``message`` for the user, made safe to show (its line breaks kept)."""
    click.echo(shown(message, multiline=True), err=err, nl=nl)


def emit_data(text: str) -> None:
    """Write exported data (``--out -``) to standard output: byte for byte into a pipe or a file,
    made safe to show when standard output is a terminal (an export is data, a terminal is not
    the place for its escape sequences)."""
    stream = click.get_text_stream("stdout")
    click.echo(shown(text, multiline=True) if stream.isatty() else text, nl=False)


class SafeGroup(click.Group):
    """The command group: click's usage errors quote what was typed (a value, an option name),
    so their message is made safe to show; an ``OSError`` that no command turned into a sentence
    (a path longer than the file system allows, met by ``Path.exists()``) is one line, not a
    traceback."""

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            exc.message = shown(exc.message)
            raise

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = shown(exc.message)
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click's own: a pipe closed early (| head) is not an error to report
            where = f"{exc.filename}: " if exc.filename is not None else ""
            fail(f"{where}{exc.strerror or exc}")


def db_path(ctx: click.Context) -> Path:
    """The journal path chosen by ``--db``, ``BACKJOURNAL_DB`` or the platform default."""
    return ctx.obj["db"] or default_db_path()


def open_journal(ctx: click.Context, *, dates: bool = True) -> Journal:
    """Open the journal for a command, turning any refusal into one line on stderr (``dates``:
    see :meth:`Journal.open`)."""
    try:
        journal = Journal.open(db_path(ctx), dates=dates)
    except JournalError as exc:
        fail(str(exc))
    if journal.warning:
        say(f"backjournal: warning: {journal.warning}", err=True)
    if journal.backup_path:
        say(f"backjournal: journal upgraded; the previous copy is {journal.backup_path}", err=True)
    return journal


@click.group(
    cls=SafeGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
    # Bytes typed in argv that are not UTF-8 (a path, a folder) reach Python as surrogates.
    # Under a strict UTF-8 locale every command that echoed such a path died with a
    # UnicodeEncodeError; write them back as the same bytes instead (issue #7's hostile input).
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="surrogateescape")
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
    # As bytes, exactly as the filesystem has it: a name with bytes that are not UTF-8 (which
    # Python holds as surrogates) would otherwise fail to print under a strict UTF-8 locale.
    # On a terminal, made safe to show (a file name may hold an escape sequence).
    path = db_path(ctx)
    if click.get_text_stream("stdout").isatty():
        say(path)
    else:
        click.echo(os.fsencode(path))


def main() -> None:
    """Run the click group (``backjournal.launch.main`` is the script's entry point)."""
    cli(prog_name="backjournal")
