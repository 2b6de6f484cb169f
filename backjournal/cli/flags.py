"""Red flags and readiness from the shell: ``flags`` (the active flags, and recording an
outcome), ``check`` (Run today? for a prompt or a script), ``help-now`` (the safety-net card)
and ``profile`` (the risk factors and the year of birth).

Every sentence comes from :mod:`backjournal.domain.safety_words`, as on screen.
"""

from __future__ import annotations

import json
import sys

import click

from backjournal.cli.base import cli, day_of, fail, open_journal
from backjournal.domain import safety_words as words
from backjournal.domain.flags import FLAG_CODES, PROFILE_FACTORS, Outcome
from backjournal.domain.models import ValidationError
from backjournal.domain.parse import InvalidValue, parse_date
from backjournal.paths import today
from backjournal.store import JournalError

EXIT_CODES = {"green": 0, "amber": 1, "red": 2, "unknown": 3}
ANSWERS = {"yes": True, "no": False, "skip": None}


@cli.command("help-now")
def help_now() -> None:
    """When to get help: both tiers of red flags and what to do (needs no journal)."""
    click.echo(words.safety_net())


@cli.group(invoke_without_command=True)
@click.pass_context
def flags(ctx: click.Context) -> None:
    """The red flags active today, Tier 1 first, and the outcomes recorded.

    Record an outcome with `backjournal flags seen CODE` (seen by a clinician, with what they
    said) or `backjournal flags resolved CODE`.
    """
    if ctx.invoked_subcommand is not None:
        return
    now = today()
    journal = open_journal(ctx)
    with journal:
        try:
            active = journal.flags.active(now.isoformat())
            outcomes = journal.flags.outcomes()
        except JournalError as exc:
            fail(str(exc))
    if active:
        click.echo(f"Active red flags on {now.isoformat()}:")
        for flag in active:
            click.echo(
                f"  [tier {flag.tier}] {flag.code}: "
                + words.sign_line(flag.code, flag.since, flag.worse_than)
            )
        for block in words.flag_blocks(active):
            click.echo(block)
    else:
        click.echo(f"No active red flags on {now.isoformat()}.")
    if outcomes:
        click.echo("Outcomes recorded:")
        for o in outcomes:
            line = f"  {o.date} {o.code}: {words.OUTCOME_LABELS[o.kind]}"
            if o.note:
                line += f": {o.note}"
            if o.until:
                line += f" (no running until {o.until})"
            click.echo(line)


def _record(
    ctx: click.Context, kind: str, code: str, date_text: str, note: str, until: str | None
) -> None:
    now = today()
    try:
        day = parse_date(date_text, now, allow_future=True)
    except InvalidValue as exc:
        fail(f"--date: {exc}")
    try:
        end = parse_date(until, now, allow_future=True).isoformat() if until else None
    except InvalidValue as exc:
        fail(f"--no-running-until: {exc}")
    outcome = Outcome(code, day.isoformat(), kind, note, end)
    journal = open_journal(ctx)
    with journal:
        try:
            journal.flags.record_outcome(outcome, now)
        except ValidationError as exc:
            fail("; ".join(exc.errors.values()))
        except JournalError as exc:
            fail(str(exc))
    click.echo(f"Recorded: {code} {words.OUTCOME_LABELS[kind]} on {day.isoformat()}.")


_code_help = f"The flag's name: {', '.join(FLAG_CODES)}."


@flags.command("seen")
@click.argument("code")
@click.option(
    "--date",
    "-d",
    "date_text",
    default="today",
    show_default=True,
    help="When you were seen: YYYY-MM-DD, today, yesterday or -N.",
)
@click.option("--note", "-n", default="", help="What the clinician said (optional).")
@click.option(
    "--no-running-until",
    "until",
    metavar="DATE",
    help="The clinician advised no running until this date.",
)
@click.pass_context
def seen(ctx: click.Context, code: str, date_text: str, note: str, until: str | None) -> None:
    """Record that a clinician saw the flag CODE."""
    _record(ctx, "seen", code, date_text, note, until)


@flags.command("resolved")
@click.argument("code")
@click.option(
    "--date",
    "-d",
    "date_text",
    default="today",
    show_default=True,
    help="When it resolved: YYYY-MM-DD, today, yesterday or -N.",
)
@click.option("--note", "-n", default="", help="A note (optional).")
@click.pass_context
def resolved(ctx: click.Context, code: str, date_text: str, note: str) -> None:
    """Record that the flag CODE resolved."""
    _record(ctx, "resolved", code, date_text, note, None)


@cli.command()
@click.option(
    "--date",
    "-d",
    "date_text",
    default="today",
    show_default=True,
    help="The day to judge (a past day is worded as such): YYYY-MM-DD, today, yesterday or -N.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_context
def check(ctx: click.Context, date_text: str, as_json: bool) -> None:
    """Run today? The verdict, its reasons with their sources, and the active flags.

    Exit status: 0 green, 1 amber, 2 red, 3 unknown (for a shell prompt or a script).
    """
    now = today()
    day = day_of(date_text, now)
    journal = open_journal(ctx)
    with journal:
        try:
            answer = journal.flags.readiness(day, now)
            active = journal.flags.active(day.isoformat())
            # A past day: the flags active today say which of that day's still call for action.
            active_now = journal.flags.active(now.isoformat()) if day < now else active
        except JournalError as exc:
            fail(str(exc))
    from backjournal.domain.readiness import day_label

    still = {(f.code, f.since) for f in active_now}
    if as_json:
        doc = {
            "date": day.isoformat(),
            "level": answer.level,
            "mode": answer.mode,
            "headline": answer.headline,
            "reasons": [
                {"rule": r.rule, "level": r.level, "text": r.text, "source": r.source}
                for r in answer.reasons
            ],
            "active_flags": [
                {
                    "code": f.code,
                    "tier": f.tier,
                    "since": f.since,
                    "text": words.SIGN_TEXT[f.code],
                    "worse_than": f.worse_than,
                    # A past day's flag answered since calls for no action now.
                    "still_active_today": (f.code, f.since) in still,
                    "action": words.TIER_MESSAGES[f.tier] if (f.code, f.since) in still else None,
                }
                for f in active
            ],
            "note": answer.note,
        }
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        if day < now:
            click.echo(f"Run on {day_label(day)}? (looking back) {answer.headline}")
        else:
            click.echo(f"Run today? {answer.headline}")
        for r in answer.reasons:
            click.echo(f"  [{r.level}] {r.text} ({r.source})")
        if day < now:
            blocks = words.past_flag_blocks(active, active_now, day_label(day))
        else:
            blocks = words.flag_blocks(active)
        for block in blocks:
            click.echo(block)
        click.echo(answer.note)
    sys.exit(EXIT_CODES[answer.level])


@cli.command()
@click.option("--cancer", type=click.Choice(tuple(ANSWERS)), help="A history of cancer.")
@click.option("--steroids", type=click.Choice(tuple(ANSWERS)), help="Long-term steroids.")
@click.option(
    "--immunosuppression",
    type=click.Choice(tuple(ANSWERS)),
    help="Immunosuppression or IV drug use.",
)
@click.option("--osteoporosis", type=click.Choice(tuple(ANSWERS)), help="Osteoporosis.")
@click.option("--born", metavar="YEAR", help="Year of birth (or 'skip' to remove it).")
@click.pass_context
def profile(ctx: click.Context, born: str | None, **answers: str | None) -> None:
    """Show or change the profile: risk factors and year of birth (asked once in the app).

    Each risk factor takes yes, no or skip (not answered).
    """
    from backjournal.store.flags import KEEP

    now = today()
    factors = {k: ANSWERS[v] for k, v in answers.items() if v is not None}
    year: int | str | None = KEEP
    if born is not None:
        if born == "skip":
            year = None
        else:
            try:
                year = int(born)
            except ValueError:
                fail(f"--born: '{born}' is not a year (e.g. 1970)")
    journal = open_journal(ctx)
    with journal:
        try:
            if factors or year != KEEP:
                journal.flags.save_profile(factors, year, now)
            stored = journal.flags.profile()
        except ValidationError as exc:
            fail("; ".join(exc.errors.values()))
        except JournalError as exc:
            fail(str(exc))
    for factor in PROFILE_FACTORS:
        value = stored.factors.get(factor)
        shown = {True: "yes", False: "no", None: "not answered"}[value]
        since = f" (since {stored.since[factor]})" if value and factor in stored.since else ""
        click.echo(f"{words.PROFILE_QUESTIONS[factor]} {shown}{since}")
    year_text = str(stored.birth_year) if stored.birth_year is not None else "not answered"
    click.echo(f"{words.PROFILE_QUESTIONS['birth_year']}: {year_text}")
