"""``backjournal remind``: one line when something is due, nothing otherwise (exit 0 either way).

For a shell prompt, cron or a systemd timer with ``notify-send`` (README, *Reminders*). It never
creates a journal: with no journal file there is nothing to remind, and a prompt hook must not
leave files behind.
"""

from __future__ import annotations

import datetime as dt

import click

from backjournal.cli.base import cli, db_path, open_journal


@cli.command()
@click.pass_context
def remind(ctx: click.Context) -> None:
    """Print one line when something is due: today not logged, the weekly Oswestry check-in,
    a red flag recorded in the last 7 days. Print nothing otherwise.

    For a shell prompt or cron, e.g. notify-send "$(backjournal remind)".
    """
    from backjournal.domain.remind import FLAG_DAYS, reminder
    from backjournal.paths import today

    if not db_path(ctx).exists():
        return
    now = today()
    journal = open_journal(ctx)
    with journal:
        day = journal.get_day(now.isoformat())
        last_odi = journal.symptoms.last_odi_date()
        flags = journal.trends.flags(now - dt.timedelta(days=FLAG_DAYS - 1), now)
    line = reminder(
        now,
        logged_today=day is not None and not day.is_empty(),
        last_odi=dt.date.fromisoformat(last_odi) if last_odi else None,
        flags=flags,
    )
    if line:
        click.echo(line)
