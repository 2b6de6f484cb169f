"""``backjournal demo``: fill a journal with the seeded demo data."""

from __future__ import annotations

import click

from backjournal.cli.base import cli, fail, open_journal, say
from backjournal.paths import today
from backjournal.store import JournalError


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
    """Fill the journal with a realistic, seeded sample year (or years) of entries, with an
    exercise programme, its phase history and the exercises done."""
    from backjournal.store.demo import write_demo

    journal = open_journal(ctx)
    with journal:
        if journal.has_entries() and not force:
            fail(f"{journal.path} already holds entries; use --force to replace them with the demo")
        try:
            entries, _ = write_demo(journal, today(), years=years, seed=seed)
        except JournalError as exc:
            fail(str(exc))
    runs = sum(len(e.runs) for e in entries)
    # format_filename: a path with bytes that are not UTF-8 must not break the message.
    say(
        f"Wrote {len(entries)} days and {runs} runs of demo data to "
        f"{click.format_filename(journal.path)}"
    )
