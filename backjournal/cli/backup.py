"""``backjournal backup [DEST]``: a checked copy of the journal in a dated file."""

from __future__ import annotations

from pathlib import Path

import click

from backjournal.cli.base import cli, fail, open_journal, say
from backjournal.store import JournalError


@cli.command()
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@click.pass_context
def backup(ctx: click.Context, dest: Path | None) -> None:
    """Copy the journal, consistently even while the app is open, to a dated file.

    The copy is DEST/backjournal-YYYY-MM-DD-HHMMSS.db; DEST is a folder, by default `backups`
    next to the journal (created if missing, readable only by you). Prints the copy's path.
    """
    from backjournal.store.backup import make_backup

    journal = open_journal(ctx, dates=False)
    with journal:
        try:
            path = make_backup(journal, dest)
        except JournalError as exc:
            fail(str(exc))
    say(str(path))
