"""``backjournal report``: the report for a physiotherapist or doctor, as a PDF or Markdown.

Only the options are read here; the work is ``backjournal.report`` (fpdf2 and matplotlib), imported
inside the command so that quick entry and every other command never pay for it.
"""

from __future__ import annotations

from pathlib import Path

import click

from backjournal.cli.base import cli, db_path, fail, open_journal


@cli.command()
@click.option(
    "--weeks",
    type=int,
    metavar="N",
    help="The last N weeks (the current one and N-1 before it; default 6; 1-520).",
)
@click.option(
    "--from", "from_text", metavar="D", help="First day (moves back to its week's start)."
)
@click.option("--to", "to_text", metavar="D", help="Last day (default today).")
@click.option(
    "--out",
    type=click.Path(dir_okay=True, path_type=Path),
    help="The file to write (default ./backjournal-report-YYYY-MM-DD.pdf).",
)
@click.option("--format", "fmt", type=click.Choice(["pdf", "md"]), default="pdf", show_default=True)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--note", default="", help="Questions for my appointment, printed on page 1.")
@click.pass_context
def report(
    ctx: click.Context,
    weeks: int | None,
    from_text: str | None,
    to_text: str | None,
    out: Path | None,
    fmt: str,
    paper: str,
    note: str,
) -> None:
    """Write a report for your physiotherapist or doctor: one page to read in a minute (red
    flags, pain, leg symptoms, questionnaires, running, exercise, what the data says, your
    questions), then charts, body maps, a timeline and every day. Guidance, not a verdict.
    The journal is only read."""
    from backjournal.domain.parse import InvalidValue, parse_date
    from backjournal.domain.safe_text import shown
    from backjournal.paths import today as today_
    from backjournal.report.data import MAX_WEEKS, MIN_WEEKS, RangeError, report_range
    from backjournal.report.write import ReportError, check_note, check_target, default_path

    now = today_()
    dates = {}
    for name, value in (("--from", from_text), ("--to", to_text)):
        if value is not None:
            try:
                dates[name] = parse_date(value, now)
            except InvalidValue as exc:
                fail(f"{name}: {exc}")
    if weeks is not None and from_text is not None:
        fail("give --weeks or --from, not both")
    if weeks is not None and not MIN_WEEKS <= weeks <= MAX_WEEKS:
        fail(f"--weeks must be {MIN_WEEKS} to {MAX_WEEKS}, not {weeks}")
    if not db_path(ctx).exists():
        fail(f"no journal at {shown(str(db_path(ctx)))}: nothing to report")
    try:
        check_note(note)
        target = check_target(out or default_path(now, fmt))
    except ReportError as exc:
        fail(str(exc))
    journal = open_journal(ctx)
    with journal:
        try:
            settings = journal.settings()
            start, end = report_range(
                now,
                weeks=weeks,
                start=dates.get("--from"),
                end=dates.get("--to"),
                week_start=settings.week_start,
            )
            from backjournal.report.write import make_report

            written = make_report(
                journal, target, start, end, today=now, fmt=fmt, paper=paper, note=note
            )
        except (RangeError, ReportError) as exc:
            fail(str(exc))
    click.echo(f"Wrote {shown(str(written))} ({start.isoformat()} to {end.isoformat()}).")
