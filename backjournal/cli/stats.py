"""``backjournal stats``: distance, runs, pain, extent, load ratios and flags per day or week.

A readable table by default; ``--json`` prints the stable document described in
docs/stats-json.md (built by ``backjournal.domain.stats.stats_document``), for other tools.
The numbers come from the same pure functions as the Trends screen; this module only parses the
options and lays out the table. Its imports happen inside the command, so that quick entry, which
imports every command module, does not pay for them.
"""

from __future__ import annotations

import click

from backjournal.cli.base import cli, fail, open_journal, say

DAY_SPAN = 28  # default rows without --weeks: the last 4 weeks of days
WEEK_SPAN = 12  # default rows with --weeks: the current week and the 11 before it


@cli.command()
@click.option(
    "--from",
    "from_text",
    metavar="D",
    help="First day: YYYY-MM-DD, yesterday or -N. Default: 28 days (with --weeks: 12 weeks) "
    "up to --to, from the journal's first day at the earliest.",
)
@click.option("--to", "to_text", metavar="D", default="today", show_default=True, help="Last day.")
@click.option(
    "--weeks",
    is_flag=True,
    help="One row per week (weeks begin on your week-start setting; --from moves back to the "
    "first day of its week).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/stats-json.md).")
@click.pass_context
def stats(
    ctx: click.Context, from_text: str | None, to_text: str, weeks: bool, as_json: bool
) -> None:
    """Distance, runs, pain, how far down the leg, acute:chronic load and flags, per day or week.

    Pain is the mean of each day's highest score (0-10); extent how far down each leg nerve-like
    symptoms reach (0 none ... 5 foot); ACWR the acute:chronic load ratio at the row's last day,
    rolling (7/28 days) and EWMA, from 28 days of history on (debated: information, not a
    verdict). The weekly ramp is information only (the traditional 10 % rule). Flags:
    two-week-ramp (more than 30 % above two weeks before; Nielsen 2014, a weak signal), spike (a
    run more than 10 % longer than the longest of the previous 30 days; Frandsen 2025, with its
    tier), red-flag (see a doctor). The red flags active on the last day follow the table, with
    what to do (backjournal flags). These are guidance, not a verdict.
    """
    import datetime as dt
    import json

    from backjournal.domain.parse import InvalidValue, parse_date
    from backjournal.domain.stats import stats_document, stats_rows
    from backjournal.domain.values import week_bounds
    from backjournal.paths import today

    now = today()
    try:
        end = parse_date(to_text, now)
    except InvalidValue as exc:
        fail(f"--to: {exc}")
    if from_text is not None:
        try:
            start = parse_date(from_text, now)
        except InvalidValue as exc:
            fail(f"--from: {exc}")
        if start > end:
            fail(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    journal = open_journal(ctx)
    with journal:
        settings = journal.settings()
        if from_text is None:
            if weeks:
                start = week_bounds(end, settings.week_start)[0] - dt.timedelta(weeks=WEEK_SPAN - 1)
            else:
                start = end - dt.timedelta(days=DAY_SPAN - 1)
            # The default range starts no earlier than the journal's first day: rows of "0 km"
            # before anything was recorded are not rest days, they are nothing (issue #15).
            first = journal.trends.first_date()
            start = min(max(start, first), end) if first is not None else end
        if weeks:
            start = week_bounds(start, settings.week_start)[0]
        data = journal.trends.data(start, end)
        active = journal.flags.active(end.isoformat())
    period = "week" if weeks else "day"
    rows = stats_rows(data, start, end, period=period, week_start=settings.week_start)
    if as_json:
        document = stats_document(
            rows,
            start=start,
            end=end,
            period=period,
            week_start=settings.week_start,
            units=settings.units,
            active=active,
            load=data.load_mode,
        )
        say(json.dumps(document, indent=2))
        return
    say(table(rows, period=period, units=settings.units, load=data.load_mode))
    if active:
        from backjournal.domain.safety_words import flag_blocks

        say(f"\nActive red flags on {end.isoformat()}:")
        for block in flag_blocks(active):
            say(block)


LEGEND = [
    "Active: minutes of timed runs and other activity (walks, rides...); distance is runs only.",
    "Pain: mean of each day's highest score (0-10). Extent: how far down each leg (0-5).",
    "Ramp: week on week, information only (the traditional 10 % rule). Flags: two-week-ramp",
    "(over +30 %, Nielsen 2014: a weak signal), spike (Frandsen 2025; tier: 10-30 %, 30-100 %,",
    "over 100 % longer), red-flag. ACWR and EWMA: acute:chronic load ratio at the row's last",
    "day; its bands (0.8, 1.3, 1.5) are debated and Frandsen 2025 found fewer injuries at higher",
    "ratios. Guidance, not a verdict.",
]
COLUMNS = ("distance", "runs", "active", "back", "leg", "extent L/R", "ACWR", "EWMA")


def effort_note(rows) -> str:
    """The legend's line when the load is by effort (the "load" setting)."""
    missing = sum(r.load_missing for r in rows)
    text = (
        "Load by effort (Settings): ACWR, EWMA and ramp use effort x minutes of runs and other "
        "activity (Foster 2001)"
    )
    if missing:
        text += f"; {missing} session{'s' if missing != 1 else ''} without an effort or a time "
        text += "counts as 0" if missing == 1 else "count as 0"
    return text + "."


def table(rows, *, period: str, units: str, load: str = "distance") -> str:
    """The rows as a fixed-width table, numbers aligned on the right, then a legend line."""
    from backjournal.domain.parse import format_distance

    first = "week of" if period == "week" else "day"
    header = [first, *COLUMNS] + (["ramp"] if period == "week" else []) + ["flags"]
    lines = []
    partial = False
    for r in rows:
        cells = [
            r.start.isoformat(),
            format_distance(r.distance_m, units),
            str(r.runs),
            f"{r.active_minutes} min",
            _num(r.back_mean, 1),
            _num(r.leg_mean, 1),
            f"{_int(r.extent_left_max)}/{_int(r.extent_right_max)}",
            _num(r.acwr_rolling, 2),
            _num(r.acwr_ewma, 2),
        ]
        if period == "week":
            ramp = _pct(r.ramp_pct)
            if not r.complete:
                ramp += "*"
                partial = True
            cells.append(ramp)
        flags = [f"spike {', '.join(r.spike_tiers)}" if f == "spike" else f for f in r.flags]
        cells.append(", ".join(flags))
        lines.append(cells)
    widths = [max(len(header[i]), *(len(c[i]) for c in lines)) for i in range(len(header))]
    right = set(range(1, len(header) - 1))

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(cells) for cells in lines]
    notes = []
    if partial:
        notes.append("* only part of this week is in the range: its ramp so far")
    notes += LEGEND
    if load == "srpe":
        notes.append(effort_note(rows))
    return "\n".join(out + [""] + notes)


def _num(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _int(value: int | None) -> str:
    return "-" if value is None else str(value)


def _pct(value: float | None) -> str:
    """``+12 %``, ``-3 %``, ``0 %``; ``-`` for no value."""
    if value is None:
        return "-"
    whole = round(value)
    return f"{whole:+d} %" if whole else "0 %"
