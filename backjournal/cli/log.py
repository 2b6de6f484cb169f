"""``backjournal log``: quick entry of a run, and of the day's body-map marks, from the shell.

The same save as the Today screen and the body map: everything typed is checked before the journal
is written, and a run with its marks is stored in one transaction (all or nothing).
"""

from __future__ import annotations

import copy

import click

from backjournal.cli.base import cli, date_option, day_of, fail, open_journal, say
from backjournal.domain.day_changes import (
    extent_change,
    mark_changes,
    merge_marks,
    replaced_scores,
)
from backjournal.domain.flags import RED_FLAG_FIELDS
from backjournal.domain.models import DayEntry, Run, ValidationError
from backjournal.domain.parse import (
    InvalidValue,
    format_distance,
    format_duration,
    format_pace,
    parse_distance,
    parse_duration,
    parse_score,
)
from backjournal.domain.safety_words import flag_blocks
from backjournal.domain.symptoms import format_marks, parse_where
from backjournal.domain.values import RUN_TYPES, SURFACES
from backjournal.paths import today
from backjournal.store import JournalError

# The daily check's signs by name, as --sign takes them (rf_weakness_worse: weakness-worse).
CHECK_NAMES = tuple(f.removeprefix("rf_").replace("_", "-") for f in RED_FLAG_FIELDS)

# Options that describe a run: without DISTANCE they are refused rather than silently dropped.
RUN_OPTIONS = (
    ("back", "--pain"),
    ("leg", "--leg"),
    ("run_type", "--type"),
    ("surface", "--surface"),
    ("note", "--note"),
    ("shoe", "--shoe"),
)


@cli.command()
@click.argument("distance", required=False)
@click.argument("duration", required=False)
@date_option
@click.option("--pain", "-p", "back", metavar="N", help="Back pain after the run, 0-10.")
@click.option("--leg", "-l", "leg", metavar="N", help="Leg pain after the run, 0-10.")
@click.option(
    "--type", "-t", "run_type", type=click.Choice(RUN_TYPES), default="easy", show_default=True
)
@click.option("--surface", "-s", type=click.Choice(SURFACES), default="road", show_default=True)
@click.option("--note", "-n", default="", help="A note for the run.")
@click.option(
    "--where",
    "-w",
    "where_text",
    metavar="MARKS",
    help="The day's body-map marks (replacing any): region:intensity[:quality+quality],...",
)
@click.option(
    "--add-where",
    "add_where_text",
    metavar="MARKS",
    help="Marks to add to the day's (a region already marked takes the new mark).",
)
@click.option("--shoe", metavar="NAME", help="The shoes worn (see backjournal shoes).")
@click.option(
    "--sign",
    "signs",
    multiple=True,
    type=click.Choice(CHECK_NAMES),
    help="A red-flag sign noticed today (repeatable); see backjournal help-now.",
)
@click.pass_context
def log(
    ctx: click.Context,
    distance: str | None,
    duration: str | None,
    date_text: str,
    back: str | None,
    leg: str | None,
    run_type: str,
    surface: str,
    note: str,
    where_text: str | None,
    add_where_text: str | None,
    shoe: str | None,
    signs: tuple[str, ...],
) -> None:
    """Add a run or symptoms to a day: backjournal log 8k 42:10 --pain 2.

    DISTANCE is in your unit setting, or explicit: 8k, 5mi, 8000m. DURATION is 42:10 or 1:05:30.

    --where buttock-l:4,thigh-back-l:2:tingling+numbness replaces the day's body-map marks
    (intensity 0-10; qualities ache, sharp, burning, tingling, numbness, weakness). With --where,
    DISTANCE may be left out: backjournal log --where low-back:3. --add-where adds marks and
    keeps the others.

    --sign saddle (repeatable) records a red-flag sign of the daily check; with --sign, DISTANCE
    may be left out too. Any red flag active on the day is printed with what to do.

    When the day already held a value that this replaces (after-run pain, marks, extent), a line
    says what it was.
    """

    now = today()
    day = day_of(date_text, now)
    # What needs no journal is checked before the journal is opened (or created).
    if where_text is not None and add_where_text is not None:
        fail("give --where (replaces the day's marks) or --add-where (adds to them), not both")
    marks = _field("--where", parse_where, where_text) if where_text is not None else None
    added = _field("--add-where", parse_where, add_where_text) if add_where_text else None
    if distance is None:
        if marks is None and added is None and not signs:
            fail("give a DISTANCE (e.g. 8k), --where MARKS, or both; see backjournal log --help")
        for name, flag in RUN_OPTIONS:
            if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT:
                fail(f"{flag} describes a run: give its DISTANCE too, e.g. log 8k {flag} ...")
    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        run: Run | None = None
        back_after = leg_after = None
        worn = _shoe(journal, shoe) if shoe is not None else None
        try:
            if distance is not None:
                run = Run(
                    distance_m=_field("distance", parse_distance, distance, units),
                    duration_s=_field("duration", parse_duration, duration) if duration else None,
                    type=run_type,
                    surface=surface,
                    notes=note,
                    shoe_id=worn.id if worn else None,
                )
                back_after = _field("--pain", parse_score, back) if back is not None else None
                leg_after = _field("--leg", parse_score, leg) if leg is not None else None

            seen: dict[str, object] = {}

            def change(entry: DayEntry) -> None:
                # What the day held, read inside the write transaction: the lines that say
                # what was replaced describe exactly the state this write changed.
                seen["day"] = copy.deepcopy(entry)
                seen["extent"] = _extent(journal, entry.date)
                if run is not None:
                    entry.runs.append(run)
                if back_after is not None:
                    entry.back_after = back_after
                if leg_after is not None:
                    entry.leg_after = leg_after
                if marks is not None:
                    entry.marks = marks  # replaces the day's marks; the store recomputes flags
                elif added is not None:
                    entry.marks = merge_marks(entry.marks or [], added)
                for name in signs:
                    setattr(entry, "rf_" + name.replace("-", "_"), True)

            # One transaction: the run, the marks, the extent and the red flags land together.
            stored = journal.update_day(day.isoformat(), change, now)
            extent_after = _extent(journal, day.isoformat())
            flags = journal.flags.active(day.isoformat())
            if worn is not None:
                worn = _shoe(journal, worn.name)  # with this run's distance
        except ValidationError as exc:
            fail("; ".join(f"{_label(k)}: {v}" for k, v in exc.errors.items()))
        except JournalError as exc:
            fail(str(exc))
    parts = []
    if run is not None:
        described = _describe_run(run, stored.back_after, stored.leg_after, units)
        if worn is not None:
            described += f", in {worn.name} ({format_distance(worn.distance_m, units)} so far)"
        parts.append(described)
        parts.append(f"day total {format_distance(stored.distance_m, units)}")
    if marks is not None or added is not None:
        parts.append(f"marks: {format_marks(stored.marks or [])}")
    if signs:
        parts.append(f"signs: {', '.join(signs)}")
    say(f"Logged {day.isoformat()}: " + " · ".join(parts))
    for line in _replaced(seen["day"], stored, seen["extent"], extent_after):
        say(line)
    # The tiered words of CLINICAL.md, Tier 1 first, the same as the banner's: every flag
    # active on the day (never a diagnosis).
    for block in flag_blocks(flags):
        say(f"backjournal: {block}")
    warning = worn.wear_warning(units) if worn is not None else None
    if warning:
        say(f"backjournal: warning: {warning}", err=True)


def _extent(journal, date: str) -> tuple[int, int] | None:
    """The stored extent (left, right) of ``date``, or ``None`` when it has none."""
    rows = journal.symptoms.extents(date, date)
    return (rows[0][1], rows[0][2]) if rows else None


def _replaced(before, stored, extent_before, extent_after) -> list[str]:
    """The lines that say what this write replaced on a day that already held values."""
    lines = []
    scores = replaced_scores(before, stored)
    if scores:
        lines.append("Replaced: " + ", ".join(scores))
    if before is not None:
        lines.extend(mark_changes(before.marks or [], stored.marks or []))
    moved = extent_change(extent_before, extent_after)
    if moved:
        lines.append(moved)
    return lines


def _shoe(journal, name: str):
    """The shoe called ``name``, or a one-line failure naming the shoes there are."""
    from backjournal.store.shoes import find_shoe, unknown_shoe

    found = find_shoe(journal, name)
    if found is None:
        fail(f"--shoe: {unknown_shoe(journal, name)}")
    return found


def _describe_run(run: Run, back_after: int | None, leg_after: int | None, units: str) -> str:
    """``8.00 km easy on road, in 42:10 (5:16/km), pain back 3 leg -``."""
    pace = format_pace(run.distance_m, run.duration_s, units)
    parts = [f"{format_distance(run.distance_m, units)} {run.type} on {run.surface}"]
    if run.duration_s:
        parts.append(f"in {format_duration(run.duration_s)}" + (f" ({pace})" if pace else ""))
    if back_after is not None or leg_after is not None:
        parts.append(f"pain back {_dash(back_after)} leg {_dash(leg_after)}")
    return ", ".join(parts)


def _field(name, parser, *args):
    """Run a parser, naming the argument in its error message."""
    try:
        return parser(*args)
    except InvalidValue as exc:
        fail(f"{name}: {exc}")


def _label(key: str) -> str:
    return key.split(".")[-1]


def _dash(value: int | None) -> str:
    return "-" if value is None else str(value)
