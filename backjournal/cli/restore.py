"""``backjournal restore FILE.json``: put a JSON export back into an empty journal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from backjournal.cli.base import cli, fail, open_journal, say
from backjournal.cli.report import counts_line, print_problems
from backjournal.paths import today
from backjournal.store import JournalError


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, file: Path) -> None:
    """Restore FILE.json (from `backjournal export json`) into an empty journal.

    Everything is checked first and written in one transaction: either the whole file is
    restored, or nothing is and every bad record is named. A journal that already holds entries
    is refused (its settings aside, which the file's replace).
    """
    from backjournal.store.importer import restore_json

    journal = open_journal(ctx)
    with journal:
        try:
            result = restore_json(journal, file, today())
        except JournalError as exc:
            fail(str(exc))
    if not result.written:
        bad = len(result.problems)
        say(
            f"backjournal: nothing restored: {bad:,} bad record{'s' if bad != 1 else ''} in {file}",
            err=True,
        )
        print_problems(result.problems)
        sys.exit(1)
    say(f"Restored {file} into {journal.path}: {counts_line(result.counts)}")
