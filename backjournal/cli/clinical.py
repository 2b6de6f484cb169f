"""The clinical record from the shell: ``took``, ``treatment``, ``plan``, ``flare``, ``factors``
and ``psfs``.

The same store calls as the Today screen's panels, with the same validation: a bad value is one
line naming it, and nothing is stored.
"""

from __future__ import annotations

import datetime as dt

import click

from backjournal.cli.base import cli, date_option, day_of, fail, open_journal
from backjournal.domain.clinical import (
    FACTOR_KINDS,
    TREATMENT_KINDS,
    Appointment,
    Factor,
    FlareUp,
    Treatment,
    parse_instruction,
    psfs_change,
)
from backjournal.domain.clinician_exercises import parse_all
from backjournal.domain.models import ValidationError
from backjournal.domain.parse import InvalidValue
from backjournal.domain.safe_text import shown
from backjournal.paths import today
from backjournal.store import JournalError


def _refused(exc: ValidationError) -> None:
    fail("; ".join(f"{k}: {v}" for k, v in exc.errors.items()))


def any_day(text: str, now: dt.date) -> dt.date:
    """A date that may lie in the future (a course's end, the next appointment, "no running
    until"): ``today``, ``-3`` and ``yesterday`` count from today, ISO dates are read as they
    are. Raises InvalidValue."""
    from backjournal.domain.parse import parse_date

    try:
        return parse_date(text, now)
    except InvalidValue:
        try:
            day = dt.date.fromisoformat(text.strip())
        except ValueError:
            raise InvalidValue(f"'{text}' is not a date (YYYY-MM-DD, today, -3)") from None
        if day.year > now.year + 5:
            raise InvalidValue(f"{day.isoformat()} is more than five years ahead") from None
        return day


def _optional_day(text: str | None, now: dt.date, name: str) -> str | None:
    if text is None:
        return None
    try:
        return any_day(text, now).isoformat()
    except InvalidValue as exc:
        fail(f"{name}: {exc}")


# --- treatments ---------------------------------------------------------------------------------


@cli.command()
@click.argument("name")
@click.option("--dose", default="", help="What was taken, e.g. '400 mg'.")
@date_option
@click.pass_context
def took(ctx: click.Context, name: str, dose: str, date_text: str) -> None:
    """Record a dose of a medication taken as needed: backjournal took ibuprofen --dose '400 mg'.

    A name not seen before becomes a new as-needed medication.
    """
    now = today()
    day = day_of(date_text, now).isoformat()
    with open_journal(ctx) as journal:
        try:
            treatment, created = journal.clinical.took(name.strip(), dose, day, now)
        except ValidationError as exc:
            _refused(exc)
        except JournalError as exc:
            fail(str(exc))
    what = f"{shown(treatment.name)}" + (f" {shown(dose or treatment.dose)}" if dose else "")
    note = " (a new as-needed medication)" if created else ""
    click.echo(f"Recorded {day}: took {what}{note}")


@cli.group(invoke_without_command=True)
@click.pass_context
def treatment(ctx: click.Context) -> None:
    """List treatments: courses (running or ended), as-needed medications, sessions."""
    if ctx.invoked_subcommand is not None:
        return
    with open_journal(ctx) as journal:
        found = journal.clinical.treatments()
    if not found:
        click.echo("No treatments yet: backjournal treatment add NAME --start D [--end D]")
        return
    for t in found:
        span = t.start if t.schedule == "once" else f"{t.start} to {t.end or 'now'}"
        if t.schedule == "as-needed":
            span = f"as needed since {t.start}"
        dose = f" {shown(t.dose)}" if t.dose else ""
        click.echo(f"{t.id:>4}  {shown(t.name)}{dose}  {t.kind}, {span}")


@treatment.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(TREATMENT_KINDS), default="medication", show_default=True)
@click.option("--start", "start_text", default="today", show_default=True)
@click.option("--end", "end_text", help="The last day of the course (leave out while it runs).")
@click.option("--as-needed", is_flag=True, help="Taken when needed: record each dose with took.")
@click.option("--once", is_flag=True, help="A single session (physio, injection, massage).")
@click.option("--dose", default="", help="e.g. '400 mg three times a day'.")
@click.option("--note", default="")
@click.pass_context
def treatment_add(
    ctx: click.Context,
    name: str,
    kind: str,
    start_text: str,
    end_text: str | None,
    as_needed: bool,
    once: bool,
    dose: str,
    note: str,
) -> None:
    """Add a course of medication, an as-needed one, or a session."""
    now = today()
    start = day_of(start_text, now).isoformat()
    end = _optional_day(end_text, now, "--end")
    if as_needed and once:
        fail("--as-needed and --once: choose one")
    schedule = "as-needed" if as_needed else "once" if once else "course"
    with open_journal(ctx) as journal:
        try:
            added = journal.clinical.add_treatment(
                Treatment(name, kind, schedule, start, end, dose, note), now
            )
        except ValidationError as exc:
            _refused(exc)
    click.echo(f"Added {shown(added.name)} ({kind}, {schedule}) from {start}")


@treatment.command("end")
@click.argument("treatment_id", type=int)
@date_option
@click.pass_context
def treatment_end(ctx: click.Context, treatment_id: int, date_text: str) -> None:
    """End a course: its last day is --date (today by default)."""
    now = today()
    day = day_of(date_text, now).isoformat()
    with open_journal(ctx) as journal:
        try:
            ended = journal.clinical.end_treatment(treatment_id, day, now)
        except ValidationError as exc:
            _refused(exc)
    click.echo(f"{shown(ended.name)}: ended on {day}")


# --- the clinician's plan -------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@date_option
@click.pass_context
def plan(ctx: click.Context, date_text: str) -> None:
    """What your clinician's plan says for a day: the rules in force, the next appointment."""
    if ctx.invoked_subcommand is not None:
        return
    now = today()
    day = day_of(date_text, now).isoformat()
    with open_journal(ctx) as journal:
        units = journal.settings().units
        record = journal.clinical.day(day)
        appointments = [a for a in journal.clinical.appointments() if a.date <= day]
        given = journal.clinical.exercises_in_programme(day)
    if not appointments:
        click.echo("No appointments recorded: backjournal plan add --who physio --rule '...'")
        return
    click.echo(f"Plan in force on {day}:")
    for rule in record.rules:
        click.echo(f"  - {rule.describe(units)}  (said on {rule.start}: {shown(rule.text)})")
    if not record.rules:
        click.echo("  - no rule the journal follows")
    if given:
        click.echo("Exercises from your clinician, in your programme:")
        for name, dose, source in given:
            click.echo(f"  - {shown(name)} {dose.text()}, {shown(source.text(dose))}")
    latest = appointments[0]
    who = f" with {shown(latest.who)}" if latest.who else ""
    click.echo(f"Last appointment: {latest.date}{who}")
    if latest.said:
        click.echo(f"  They said: {shown(latest.said)}")
    if latest.instructions:
        click.echo(f"  Instructions: {shown(latest.instructions)}")
    if record.next_appointment:
        click.echo(f"Next appointment: {record.next_appointment}")


@plan.command("add")
@date_option
@click.option("--who", default="", help="e.g. 'physio', 'Dr Patel'.")
@click.option("--said", default="", help="What they said, in your words.")
@click.option(
    "--rule",
    "rules",
    multiple=True,
    help="An instruction, as said (repeat): 'no running until 2026-12-12', 'at most 5k per run', "
    "'at most 3 runs a week', 'no runs on consecutive days'.",
)
@click.option(
    "--exercise",
    "exercises",
    multiple=True,
    help="An exercise they gave, as NAME: DOSE (repeat): 'Bird dog: 3 x 10', 'Wall sit: "
    "3 x 30 s hold'. It becomes yours, in your programme with their dose.",
)
@click.option("--next", "next_text", help="The next appointment's date.")
@click.pass_context
def plan_add(
    ctx: click.Context,
    date_text: str,
    who: str,
    said: str,
    rules: tuple[str, ...],
    exercises: tuple[str, ...],
    next_text: str | None,
) -> None:
    """Record an appointment and its instructions; those the journal understands become rules
    that Today and "Run today?" follow. Exercises given become your own, in your programme with
    the clinician's dose from the appointment's day (a dose changed is said: 2 x 8 -> 3 x 10)."""
    now = today()
    day = day_of(date_text, now).isoformat()
    next_date = _optional_day(next_text, now, "--next")
    try:
        given = parse_all(list(exercises))
    except InvalidValue as exc:
        fail(f"--exercise: {shown(exc.message)}")
    with open_journal(ctx) as journal:
        units = journal.settings().units
        understood = []
        for text in rules:
            try:
                rule = parse_instruction(text, day, units, lambda s: any_day(s, now))
            except InvalidValue as exc:
                fail(f"--rule '{shown(text)}': {exc}")
            if rule is not None:
                understood.append(rule)
        appointment = Appointment(day, who, said, "; ".join(rules), next_date)
        try:
            added = journal.clinical.add_appointment(appointment, understood, now, given)
        except ValidationError as exc:
            _refused(exc)
        changes = journal.clinical.given_at(added.id) if given else []  # type: ignore[arg-type]
    click.echo(f"Recorded the appointment of {day}" + (f" with {shown(who)}" if who else ""))
    for rule in understood:
        click.echo(f"  rule: {rule.describe(units)}")
    for change in changes:
        click.echo(f"  exercise: {shown(change.change())}")
    for text in rules:
        if not any(r.text == text.strip().rstrip(".") for r in understood):
            click.echo(f"  kept as said (not a rule the journal follows): {shown(text)}")


@plan.command("delete")
@date_option
@click.option("--who", default=None, help="Whose appointment, when that day has more than one.")
@click.option("--yes", is_flag=True, help="Delete without asking.")
@click.pass_context
def plan_delete(ctx: click.Context, date_text: str, who: str | None, yes: bool) -> None:
    """Delete an appointment recorded by mistake, with the rules it set. The exercises it gave
    stay in your programme. Asks first (--yes does not)."""
    day = day_of(date_text, today()).isoformat()
    with open_journal(ctx) as journal:
        found = [a for a in journal.clinical.appointments() if a.date == day]
        if who is not None:
            found = [a for a in found if a.who.casefold() == who.strip().casefold()]
        if not found:
            whose = f" with {shown(who)}" if who else ""
            fail(f"no appointment recorded on {day}{whose}: nothing deleted")
        if len(found) > 1:
            names = ", ".join(repr(shown(a.who)) for a in found)
            fail(f"{len(found)} appointments on {day} ({names}): say which with --who")
        appointment = found[0]
        rules = [r for r in journal.clinical.rules() if r.appointment_id == appointment.id]
        whose = f" with {shown(appointment.who)}" if appointment.who else ""
        what = f"the appointment of {day}{whose}" + (
            f" and its {len(rules)} rule{'' if len(rules) == 1 else 's'}" if rules else ""
        )
        if not yes and not click.confirm(
            f"Delete {what}? Exercises it gave stay in your programme.", default=False
        ):
            fail("nothing deleted")
        journal.clinical.delete_appointment(appointment.id)  # type: ignore[arg-type]
    click.echo(f"Deleted {what}.")


# --- flare-ups ------------------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.pass_context
def flare(ctx: click.Context) -> None:
    """List flare-ups: episodes of worse pain, with their start and end."""
    if ctx.invoked_subcommand is not None:
        return
    with open_journal(ctx) as journal:
        found = journal.clinical.flare_ups()
    if not found:
        click.echo("No flare-ups recorded: backjournal flare start")
        return
    for f in found:
        note = f"  {shown(f.note)}" if f.note else ""
        click.echo(f"{f.id:>4}  {f.start} to {f.end or 'now (open)'}{note}")


@flare.command("start")
@date_option
@click.option("--note", default="")
@click.pass_context
def flare_start(ctx: click.Context, date_text: str, note: str) -> None:
    """Start a flare-up on --date (today by default)."""
    now = today()
    day = day_of(date_text, now).isoformat()
    with open_journal(ctx) as journal:
        try:
            journal.clinical.start_flare(FlareUp(day, note=note), now)
        except ValidationError as exc:
            _refused(exc)
    click.echo(f"Flare-up started on {day}")


@flare.command("end")
@date_option
@click.pass_context
def flare_end(ctx: click.Context, date_text: str) -> None:
    """End the open flare-up: its last day is --date (today by default)."""
    now = today()
    day = day_of(date_text, now).isoformat()
    with open_journal(ctx) as journal:
        current = journal.clinical.open_flare(day)
        if current is None or current.end is not None:
            fail(f"no flare-up is open on {day}")
        try:
            journal.clinical.end_flare(current.id, day, now)  # type: ignore[arg-type]
        except ValidationError as exc:
            _refused(exc)
    click.echo(f"Flare-up of {current.start} ended on {day}")


# --- the user's own factors -----------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.pass_context
def factors(ctx: click.Context) -> None:
    """Your own daily factors (up to 10): record them with log --factor NAME[=N]."""
    if ctx.invoked_subcommand is not None:
        return
    with open_journal(ctx) as journal:
        found = journal.clinical.factors()
    if not found:
        click.echo('No factors yet: backjournal factors add "long drive" (or --scale for 0-10)')
        return
    for f in found:
        click.echo(f"{shown(f.name)}  ({'0-10' if f.kind == 'scale' else 'yes/no'})")


@factors.command("add")
@click.argument("name")
@click.option("--scale", is_flag=True, help="Rated 0-10 (else yes/no).")
@click.pass_context
def factors_add(ctx: click.Context, name: str, scale: bool) -> None:
    """Add a factor, yes/no ('sat over 6 h') or 0-10 with --scale ('stress')."""
    kind = FACTOR_KINDS[1] if scale else FACTOR_KINDS[0]
    with open_journal(ctx) as journal:
        try:
            journal.clinical.add_factor(Factor(name, kind))
        except ValidationError as exc:
            _refused(exc)
    click.echo(f"Added the factor {shown(name)} ({'0-10' if scale else 'yes/no'})")


# --- PSFS -----------------------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.pass_context
def psfs(ctx: click.Context) -> None:
    """Patient-Specific Functional Scale (Stratford 1995): your activities and their scores."""
    if ctx.invoked_subcommand is not None:
        return
    with open_journal(ctx) as journal:
        items = journal.clinical.psfs_items()
        scores = journal.clinical.psfs_scores()
    if not items:
        click.echo('No PSFS activities yet: backjournal psfs set "run 10 km" "sit 1 h" "lift"')
        return
    click.echo("Activities: " + "; ".join(shown(i) for i in items))
    for date, score in scores:
        click.echo(f"{date}  {score:.1f} / 10")
    if len(scores) >= 2:
        click.echo(psfs_change(scores[0][1], scores[-1][1]))


@psfs.command("set")
@click.argument("names", nargs=-1, required=True)
@date_option
@click.pass_context
def psfs_set(ctx: click.Context, names: tuple[str, ...], date_text: str) -> None:
    """Name 3 to 5 activities that are hard because of your back."""
    day = day_of(date_text, today()).isoformat()
    with open_journal(ctx) as journal:
        try:
            journal.clinical.set_psfs_items(list(names), day)
        except ValidationError as exc:
            _refused(exc)
    click.echo(f"PSFS activities from {day}: " + "; ".join(shown(n) for n in names))


@psfs.command("rate")
@click.argument("ratings", nargs=-1, type=int, required=True)
@date_option
@click.pass_context
def psfs_rate(ctx: click.Context, ratings: tuple[int, ...], date_text: str) -> None:
    """Rate each activity, in order: 0 (unable) to 10 (as before the problem)."""
    now = today()
    day = day_of(date_text, now).isoformat()
    with open_journal(ctx) as journal:
        try:
            score = journal.clinical.record_psfs(day, list(ratings), now)
        except ValidationError as exc:
            _refused(exc)
    click.echo(f"PSFS {day}: {score:.1f} / 10")
