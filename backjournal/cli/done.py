"""``backjournal done``: tick the day's exercises from the shell.

The same store call as the Exercises screen's ticks: every id is checked before anything is
written (an unknown one is named with its close matches), and all the ticks land in one
transaction.
"""

from __future__ import annotations

import click

from backjournal.cli.base import cli, date_option, day_of, fail, open_journal, say
from backjournal.domain.models import ValidationError
from backjournal.paths import today
from backjournal.store import JournalError


@cli.command()
@click.argument("exercise_ids", metavar="EXERCISE...", nargs=-1, required=True)
@date_option
@click.option("--sets", "-s", type=int, metavar="N", help="Sets done, when fewer than prescribed.")
@click.option("--note", "-n", default="", help="A note for these exercises.")
@click.pass_context
def done(
    ctx: click.Context, exercise_ids: tuple[str, ...], date_text: str, sets: int | None, note: str
) -> None:
    """Tick exercises as done: backjournal done bird-dog glute-bridge.

    EXERCISE is an id from `backjournal exercises --library`. Ticking again replaces the sets and
    the note; extra exercises (not in today's programme) can be ticked too.
    """
    now = today()
    day = day_of(date_text, now)
    journal = open_journal(ctx)
    with journal:
        store = journal.exercises
        try:
            ticked = store.done(day, exercise_ids, sets=sets, note=note, today=now)
            done_count, scheduled = store.summary(day)
        except ValidationError as exc:
            fail("; ".join(exc.errors.values()))
        except JournalError as exc:
            fail(str(exc))
    sets_text = f" ({sets} set{'s' if sets != 1 else ''})" if sets else ""
    progress = f" · {done_count} of {scheduled} scheduled done" if scheduled else ""
    say(f"Done {day.isoformat()}: {', '.join(ticked)}{sets_text}{progress}")
