"""``backjournal log``: quick entry of a run, and of the day's body-map marks, from the shell.

The same save as the Today screen and the body map: everything typed is checked before the journal
is written, and a run with its marks is stored in one transaction (all or nothing).
"""

from __future__ import annotations

import copy
from functools import partial

import click

from backjournal.cli.base import cli, date_option, day_of, fail, open_journal, say
from backjournal.domain.activity import SPORTS, Activity, active_minutes, sport_of
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
from backjournal.domain.safe_text import shown
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
@click.option(
    "--activity",
    "-a",
    "sport",
    metavar="SPORT",
    help=f"Log other activity instead of a run: SPORT MINUTES [DISTANCE] ({', '.join(SPORTS)}).",
)
@click.option("--rpe", metavar="N", help="How hard the run felt, 0-10 (CR-10 effort).")
@click.option("--wake", metavar="N", help="Back pain on waking, 0-10 (no DISTANCE needed).")
@click.option("--leg-wake", metavar="N", help="Leg pain on waking, 0-10.")
@click.option("--stiffness", metavar="N", help="Morning stiffness, 0-10.")
@click.option("--sleep", metavar="N", help="Sleep quality, 1 (very poor) to 5 (very good).")
@click.option(
    "--factor",
    "factor_texts",
    multiple=True,
    metavar="NAME[=N]",
    help="One of your factors (see backjournal factors): 'long drive', or 'stress=6'.",
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
    sport: str | None,
    rpe: str | None,
    wake: str | None,
    leg_wake: str | None,
    stiffness: str | None,
    sleep: str | None,
    factor_texts: tuple[str, ...],
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

    --wake 3 --leg-wake 2 --stiffness 4 --sleep 3 is the morning check-in, without a run;
    --factor "long drive" records one of your factors (--factor stress=6 for a 0-10 one).

    --activity walk 40 logs 40 minutes of walking instead of a run; --activity ride 60 25k adds a
    distance. --pain and --leg then give the pain after it, --note its note.
    """

    now = today()
    day = day_of(date_text, now)
    # What needs no journal is checked before the journal is opened (or created).
    if where_text is not None and add_where_text is not None:
        fail("give --where (replaces the day's marks) or --add-where (adds to them), not both")
    marks = _field("--where", parse_where, where_text) if where_text is not None else None
    added = _field("--add-where", parse_where, add_where_text) if add_where_text else None
    morning = {
        name: _field(flag, partial(parse_score, low=low, high=high, what=what), value)
        for name, flag, value, low, high, what in (
            ("back_wake", "--wake", wake, 0, 10, "pain"),
            ("leg_wake", "--leg-wake", leg_wake, 0, 10, "pain"),
            ("stiffness", "--stiffness", stiffness, 0, 10, "stiffness"),
            ("sleep", "--sleep", sleep, 1, 5, "sleep quality"),
        )
        if value is not None
    }
    effort = _field("--rpe", partial(parse_score, what="effort"), rpe) if rpe is not None else None
    if sport is not None:
        return _log_activity(ctx, day, now, sport, distance, duration, back, leg, note, marks)
    if distance is None:
        if effort is not None:
            fail("--rpe is the effort of a run: give its DISTANCE too, e.g. log 8k --rpe 4")
        if marks is None and added is None and not signs and not morning and not factor_texts:
            fail(
                "give a DISTANCE (e.g. 8k), --where MARKS, --wake N or --factor NAME; "
                "see backjournal log --help"
            )
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
                    effort=effort,
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
                for name, value in morning.items():
                    setattr(entry, name, value)

            factor_values = [_factor(journal, text) for text in factor_texts]
            # One transaction: the run, the marks, the extent and the red flags land together.
            stored = journal.update_day(day.isoformat(), change, now)
            extent_after = _extent(journal, day.isoformat())
            for factor, value in factor_values:
                journal.clinical.set_factor(day.isoformat(), factor, value, now)
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
    if morning:
        parts.append(", ".join(f"{_MORNING_WORDS[k]} {v}" for k, v in morning.items()))
    for factor, value in factor_values:
        parts.append(shown(factor.name) + (f" {value}" if factor.kind == "scale" else ""))
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


_MORNING_WORDS = {
    "back_wake": "back on waking",
    "leg_wake": "leg on waking",
    "stiffness": "stiffness",
    "sleep": "sleep",
}


def _factor(journal, text: str):
    """``long drive`` (yes) or ``stress=6``: the factor and its value, or one line naming it."""
    name, _, raw = text.partition("=")
    factor = journal.clinical.find_factor(name)
    if factor is None:
        known = ", ".join(f.name for f in journal.clinical.factors()) or "none yet"
        fail(f"--factor: no factor called '{shown(name)}' (yours: {shown(known)})")
    if factor.kind == "scale":
        if not raw:
            fail(f"--factor: '{shown(factor.name)}' is rated 0-10: --factor '{shown(name)}=N'")
        value = _field("--factor", parse_score, raw)
    else:
        value = 1 if raw in ("", "yes", "1") else 0 if raw in ("no", "0") else None
        if value is None:
            fail(f"--factor: '{shown(factor.name)}' is yes or no, not '{shown(raw)}'")
    return factor, value


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


def _log_activity(ctx, day, now, sport, minutes, distance, back, leg, note, marks) -> None:
    """``log --activity SPORT MINUTES [DISTANCE]``: other activity, in the day's transaction."""
    sport_id = _field("--activity", sport_of, sport)
    for name, flag in (("run_type", "--type"), ("surface", "--surface"), ("shoe", "--shoe")):
        if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT:
            fail(f"{flag} describes a run, not an activity ({sport_id})")
    if minutes is None:
        fail(f"give the minutes: backjournal log --activity {sport_id} 40")
    seconds = _field("minutes", _parse_minutes, minutes)
    pains = [_field(flag, parse_score, v) for flag, v in (("--pain", back), ("--leg", leg)) if v]
    journal = open_journal(ctx)
    with journal:
        units = journal.settings().units
        metres = _field("distance", parse_distance, distance, units) if distance else None
        activity = Activity(
            sport_id,
            seconds,
            distance_m=metres,
            pain_after=max(pains) if pains else None,
            notes=note,
        )

        def change(entry: DayEntry) -> None:
            entry.activities = [*(entry.activities or []), activity]
            if marks is not None:
                entry.marks = marks

        try:
            stored = journal.update_day(day.isoformat(), change, now)
            flags = journal.flags.active(day.isoformat())
        except ValidationError as exc:
            fail("; ".join(f"{_label(k)}: {v}" for k, v in exc.errors.items()))
        except JournalError as exc:
            fail(str(exc))
    described = f"{sport_id} {activity.minutes} min"
    if metres is not None:
        described += f", {format_distance(metres, units)}"
    if activity.pain_after is not None:
        described += f", pain after {activity.pain_after}"
    total = active_minutes([r.duration_s for r in stored.runs], stored.activities or [])
    parts = [described, f"active minutes {total}"]
    if marks is not None:
        parts.append(f"marks: {format_marks(marks)}")
    say(f"Logged {day.isoformat()}: " + " · ".join(parts))
    for block in flag_blocks(flags):
        say(f"backjournal: {block}")


def _parse_minutes(text: str) -> int:
    """``40`` is minutes; ``1:05:00`` or ``45:00`` a duration (hours:minutes:seconds)."""
    value = text.strip()
    if value.isdigit():
        minutes = int(value)
        if not 1 <= minutes <= 24 * 60:
            raise InvalidValue(f"'{text}': an activity lasts from 1 minute to 24 hours")
        return minutes * 60
    return parse_duration(value)
