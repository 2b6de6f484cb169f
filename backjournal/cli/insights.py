"""``backjournal insights``: what the journal's data says, in the Trends screen's sentences.

Every comparison of the range, ranked as on the Trends screen (which shows the first few):
differences that pass CLINICAL.md's statistics bar first, then "no clear difference", then "not
enough data yet". ``--json`` prints the numbers behind each sentence (docs/insights-json.md). The
rules live in ``backjournal.domain.insights``; this module parses the options and prints.
"""

from __future__ import annotations

import click

from backjournal.cli.base import cli, fail, open_journal


@cli.command()
@click.option(
    "--from",
    "from_text",
    metavar="D",
    help="First day: YYYY-MM-DD, yesterday or -N. Default: the current week and the 11 before "
    "it (as Trends' 12 weeks).",
)
@click.option("--to", "to_text", metavar="D", default="today", show_default=True, help="Last day.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/insights-json.md).")
@click.pass_context
def insights(ctx: click.Context, from_text: str | None, to_text: str, as_json: bool) -> None:
    """What the data says: comparisons of pain by the next morning, with their uncertainty.

    Each comparison (run and rest days, long and short runs, run types, surfaces, shoes, spike
    runs, two-week ramps, exercise adherence, your own factors) is made for the change in back
    pain, the change in leg pain and how far down the leg symptoms reach. A difference is stated
    only with 10 days or more on each side over 3 weeks or more, when its 95 % interval
    (week-block bootstrap) lies 2 points or more from zero and it survives a Benjamini-Hochberg
    check across all comparisons.
    Associations, not causes; guidance, not a verdict.
    """
    import datetime as dt
    import json

    from backjournal.domain import insights as rules
    from backjournal.domain.parse import InvalidValue, parse_date
    from backjournal.domain.trends import range_bounds
    from backjournal.paths import today

    now = today()
    try:
        end = parse_date(to_text, now)
    except InvalidValue as exc:
        fail(f"--to: {exc}")
    start = None
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
        if start is None:
            start = range_bounds("12w", end, None, settings.week_start)[0]
        # One day past the range, so that its last day has its next morning when recorded.
        data = journal.trends.data(start, end + dt.timedelta(days=1))
        shoes = journal.trends.shoe_names()
        own = journal.clinical.factor_series(start, end)
    found = rules.insights(
        data,
        start,
        end,
        units=settings.units,
        week_start=settings.week_start,
        shoes=shoes,
        own=own,
    )
    if as_json:
        document = rules.document(
            found, start=start, end=end, week_start=settings.week_start, units=settings.units
        )
        click.echo(json.dumps(document, indent=2))
        return
    from backjournal.domain.safe_text import shown

    click.echo(f"What the data says, {start.isoformat()} to {end.isoformat()}")
    for sentence in rules.sentences(found):
        click.echo(f"- {shown(sentence)}")  # a shoe's name is the user's text
    if not found:
        click.echo("- No days in this range yet.")
    click.echo("")
    click.echo(rules.METHOD)
    click.echo(rules.FOOTER)
