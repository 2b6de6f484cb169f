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
    an active red flag (until its outcome is recorded). Print nothing otherwise.

    For a shell prompt or cron, e.g. notify-send "$(backjournal remind)".
    """
    from backjournal.domain.remind import reminder
    from backjournal.paths import today

    if not db_path(ctx).exists():
        return
    now = today()
    journal = open_journal(ctx)
    with journal:
        day = journal.get_day(now.isoformat())
        last_odi = journal.symptoms.last_odi_date()
        active = journal.flags.active(now.isoformat())
    from backjournal.domain.safety_words import SIGN_TEXT, TIER2_MESSAGE

    flags: dict[str, tuple[str, ...]] = {}
    for flag in sorted(active, key=lambda f: f.tier):
        action = "go to an emergency department now" if flag.tier == 1 else TIER2_MESSAGE
        text = f"{SIGN_TEXT.get(flag.code, flag.code)} ({action.rstrip('.')})"
        flags[flag.since] = (*flags.get(flag.since, ()), text)
    line = reminder(
        now,
        logged_today=day is not None and not day.is_empty(),
        last_odi=dt.date.fromisoformat(last_odi) if last_odi else None,
        flags=flags,
    )
    if line:
        click.echo(line)
