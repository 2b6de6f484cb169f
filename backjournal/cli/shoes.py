"""``backjournal shoes``: your shoes, the distance run in each, and when to retire them."""

from __future__ import annotations

import click

from backjournal.cli.base import cli, fail, open_journal, say
from backjournal.domain.models import Shoe, ValidationError
from backjournal.domain.parse import InvalidValue, format_distance, parse_distance, typed_unit
from backjournal.domain.safe_text import shown
from backjournal.store import JournalError


@cli.group(invoke_without_command=True)
@click.option("--all", "-a", "show_all", is_flag=True, help="Also list retired shoes.")
@click.pass_context
def shoes(ctx: click.Context, show_all: bool) -> None:
    """List your shoes with the distance run in each (retired ones with --all).

    A shoe nearing its retirement distance (90 %) is flagged.
    """
    if ctx.invoked_subcommand is not None:
        return
    from backjournal.store.shoes import list_shoes

    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        found = list_shoes(journal, include_retired=show_all)
    if not found:
        say('No shoes yet: backjournal shoes add "Pegasus 40" --limit 800')
        return
    names = {shoe.id: shown(shoe.name) for shoe in found}
    width = max(map(len, names.values()))
    for shoe in found:
        limit = f" of {format_distance(shoe.limit_m, units)}" if shoe.limit_m else ""
        share = shoe.share_used()
        percent = f" ({share:.0%})" if share is not None else ""
        runs = f"{shoe.runs} run{'s' if shoe.runs != 1 else ''}"
        flag = ""
        if shoe.retired:
            flag = "  retired"
        elif share is not None and share >= 1:
            flag = "  past its retirement distance"
        elif shoe.wear_warning(units):
            flag = "  nearing its retirement distance"
        distance = format_distance(shoe.distance_m, units)
        say(f"{names[shoe.id]:<{width}}  {distance}{limit}{percent} · {runs}{flag}")


@shoes.command("add")
@click.argument("name")
@click.option(
    "--limit",
    "-l",
    metavar="DISTANCE",
    help="Distance at which to retire them: 800 (your unit), 800km, 500mi.",
)
@click.pass_context
def add(ctx: click.Context, name: str, limit: str | None) -> None:
    """Add a pair of shoes: backjournal shoes add "Pegasus 40" --limit 800."""
    from backjournal.domain.values import MAX_SHOE_LIMIT_M
    from backjournal.store.shoes import add_shoe

    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        limit_m = None
        if limit is not None:
            try:
                limit_m = parse_distance(limit, units, max_m=MAX_SHOE_LIMIT_M)
            except InvalidValue as exc:
                fail(f"--limit: {exc}")
        try:
            shoe = add_shoe(journal, Shoe(name=name, limit_m=limit_m))
        except ValidationError as exc:
            fail("; ".join(exc.errors.values()))
        except JournalError as exc:
            fail(str(exc))
    limit_text = ""
    if shoe.limit_m:
        # Answered in the unit typed (500mi reads "500 mi"), with the setting's unit beside it.
        typed = typed_unit(limit, units)
        limit_text = f", to retire at {format_distance(shoe.limit_m, typed)}"
        if typed != units:
            limit_text += f" ({format_distance(shoe.limit_m, units)})"
    say(f"Added {shoe.name}{limit_text}")


def _set_retired(ctx: click.Context, name: str, retired: bool) -> None:
    from backjournal.store.shoes import set_retired

    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        try:
            shoe = set_retired(journal, name, retired)
        except ValidationError as exc:
            fail("; ".join(exc.errors.values()))
        except JournalError as exc:
            fail(str(exc))
    done = "Retired" if retired else "Back in use:"
    say(f"{done} {shoe.name} ({format_distance(shoe.distance_m, units)} run)")


@shoes.command("retire")
@click.argument("name")
@click.pass_context
def retire(ctx: click.Context, name: str) -> None:
    """Retire a pair of shoes: hidden from pickers; their runs keep them."""
    _set_retired(ctx, name, True)


@shoes.command("unretire")
@click.argument("name")
@click.pass_context
def unretire(ctx: click.Context, name: str) -> None:
    """Bring a retired pair of shoes back into use."""
    _set_retired(ctx, name, False)
