"""``backjournal exercises``: the day's checklist, the library, and starting a programme.

Prints what the programme schedules for a date ([x] done, [ ] not yet) with the adherence of the
last days and any phase suggestion; ``--library`` lists the exercises and their ids;
``--start PHASE`` loads a phase's starter programme (the screen's editor changes it freely).
"""

from __future__ import annotations

import click

from backjournal.cli.base import cli, date_option, day_of, fail, open_journal, say
from backjournal.domain.models import ValidationError
from backjournal.paths import today
from backjournal.store import JournalError

PHASE_CHOICES = ("relief", "strengthening", "maintenance")  # domain.exercises.PHASES


@cli.command()
@date_option
@click.option("--library", "-L", is_flag=True, help="List the exercises and their ids.")
@click.option("--all", "-a", "show_all", is_flag=True, help="With --library: hidden ones too.")
@click.option(
    "--start",
    type=click.Choice(PHASE_CHOICES),
    help="Switch to PHASE and load its starter programme (from --date).",
)
@click.option("--why", default="", help="With --start: why the phase changes (kept in history).")
@click.pass_context
def exercises(
    ctx: click.Context,
    date_text: str,
    library: bool,
    show_all: bool,
    start: str | None,
    why: str,
) -> None:
    """Print the day's exercise checklist; tick with `backjournal done ID...`.

    Without a programme yet, start one: backjournal exercises --start relief (or strengthening,
    maintenance); `--library` lists every exercise with its id and default dose.
    """
    now = today()
    day = day_of(date_text, now)
    journal = open_journal(ctx)
    with journal:
        store = journal.exercises
        try:
            if library:
                _print_library(store.library(include_hidden=show_all))
                return
            if start is not None:
                items = store.start(start, on=day, why=why, today=now)
                say(f"Programme from {day.isoformat()}: {start} starter, {len(items)} exercises")
            _print_day(store, day, now)
        except ValidationError as exc:
            fail("; ".join(exc.errors.values()))
        except JournalError as exc:
            fail(str(exc))


def _print_library(found) -> None:
    from backjournal.domain.exercises import KINDS

    width = max(len(e.id) for e in found)
    for kind in KINDS:
        group = [e for e in found if e.kind == kind]
        if not group:
            continue
        say(f"{kind.capitalize()}:")
        for e in group:
            flags = ("  (yours)" if not e.builtin else "") + ("  (hidden)" if e.hidden else "")
            say(f"  {e.id:<{width}}  {e.name} · {e.dose.text()}{flags}")


def _print_day(store, day, now) -> None:
    from backjournal.domain.exercises import format_weekdays

    phase, items = store.programme(day)
    checklist = store.checklist(day)
    when = f"{day.strftime('%a')} {day.isoformat()}"
    if not items:
        _print_checklist(checklist)
        if store.programme()[1]:
            say(f"{when}: no programme was in force that day")
        else:
            say(
                "No programme yet. Start one: backjournal exercises --start relief "
                "(or strengthening, maintenance); the exercises: backjournal exercises --library"
            )
        return
    done_count, scheduled = store.summary(day)
    if scheduled:
        say(f"{when} · {phase} · {done_count} of {scheduled} done")
    else:
        say(f"{when} · {phase} · nothing scheduled")
    _print_checklist(checklist)
    if not scheduled:
        plan = ", ".join(f"{i.exercise_id} ({format_weekdays(i.weekdays)})" for i in items)
        say(f"The programme: {plan}")
    result = store.adherence(day)
    parts = []
    if result.pct7 is not None:
        parts.append(f"last 7 days {result.pct7 * 100:.0f} %")
    if result.pct28 is not None:
        parts.append(f"28 days {result.pct28 * 100:.0f} %")
    if parts:
        parts.append(f"streak {result.streak} day{'s' if result.streak != 1 else ''}")
        say("Adherence: " + " · ".join(parts))
    if day == now:
        suggestion = store.suggestion(day)
        if suggestion is not None:
            say(f"Suggestion: {suggestion.reason}")
    todo = [c.exercise.id for c in checklist if c.scheduled and not c.done]
    if todo:
        say(f"Tick with: backjournal done {' '.join(todo)}")


def _print_checklist(checklist) -> None:
    """The checklist in aligned columns: [x] id  name  dose  (sets, extra, note)."""
    if not checklist:
        return
    id_w = max(len(c.exercise.id) for c in checklist)
    name_w = max(len(c.exercise.name) for c in checklist)
    for c in checklist:
        box = "[x]" if c.done else "[ ]"
        tail = []
        if c.sets_done:
            tail.append(f"{c.sets_done} of {c.dose.sets} sets")
        if not c.scheduled:
            tail.append("extra")
        if c.note:
            tail.append(c.note)
        more = f"  ({'; '.join(tail)})" if tail else ""
        line = f"{box} {c.exercise.id:<{id_w}}  {c.exercise.name:<{name_w}}  {c.dose.text()}{more}"
        say(line.rstrip())
