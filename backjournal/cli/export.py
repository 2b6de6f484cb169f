"""``backjournal export csv|json``: the journal's data in files you can open anywhere."""

from __future__ import annotations

from pathlib import Path

import click

from backjournal.cli.base import cli, emit_data, fail, open_journal, say
from backjournal.paths import today
from backjournal.store import JournalError


@cli.group()
def export() -> None:
    """Write the journal's data to CSV or JSON files."""


def _date_option(flag: str, help_text: str):
    return click.option(flag, f"{flag.strip('-')}_text", metavar="D", help=help_text)


def _bounds(from_text: str | None, to_text: str | None) -> tuple[str | None, str | None]:
    """--from and --to as ISO dates (YYYY-MM-DD, today, yesterday or -N), checked in order."""
    from backjournal.domain.parse import InvalidValue, parse_date

    now = today()
    bounds = []
    for flag, text in (("--from", from_text), ("--to", to_text)):
        if text is None:
            bounds.append(None)
            continue
        try:
            bounds.append(parse_date(text, now, allow_future=True).isoformat())
        except InvalidValue as exc:
            fail(f"{flag}: {exc}")
    start, end = bounds
    if start and end and start > end:
        fail(f"--from {start} is after --to {end}")
    return start, end


@export.command("csv")
@click.option(
    "--out",
    "-o",
    metavar="DIR|-",
    help="Folder to write into (default: ./backjournal-export-YYYY-MM-DD); "
    "- writes one table (--table) to standard output.",
)
@click.option(
    "--table", "-t", "only", metavar="NAME", help="Only this table (day, run, setting, daily...)."
)
@_date_option("--from", "First day to export (YYYY-MM-DD, yesterday, -30...).")
@_date_option("--to", "Last day to export.")
@click.option(
    "--raw",
    is_flag=True,
    help="Write text cells exactly as stored (no apostrophe before = + - @ tab CR).",
)
@click.pass_context
def export_csv(
    ctx: click.Context,
    out: str | None,
    only: str | None,
    from_text: str | None,
    to_text: str | None,
    raw: bool,
) -> None:
    """One CSV file per table, plus daily.csv (one row per day).

    UTF-8, a header row, ISO dates, units in the column names (distance_m, duration_s). Text that
    a spreadsheet would run as a formula gets a leading apostrophe unless --raw.
    """
    from backjournal.store.exchange import default_export_folder, export_csv, export_csv_text

    start, end = _bounds(from_text, to_text)
    if out == "-" and only is None:
        fail("--out - writes one table to standard output: name it with --table")
    journal = open_journal(ctx, dates=False)
    with journal:
        try:
            if out == "-":
                text, _ = export_csv_text(journal, only, start=start, end=end, raw=raw)
                emit_data(text)
                return
            folder = Path(out) if out else default_export_folder(Path.cwd(), today())
            written = export_csv(journal, folder, only=only, start=start, end=end, raw=raw)
        except JournalError as exc:
            fail(str(exc))
    files = ", ".join(f"{f.path.name} ({f.rows:,} rows)" for f in written)
    say(f"Exported to {folder}: {files}")


@export.command("json")
@click.option(
    "--out",
    "-o",
    metavar="FILE|-",
    help="File to write (default: ./backjournal-YYYY-MM-DD.json); - writes to standard output.",
)
@click.pass_context
def export_json(ctx: click.Context, out: str | None) -> None:
    """The whole journal as one JSON file (its format: docs/json-format.md).

    `backjournal restore FILE.json` puts it back into an empty journal.
    """
    from backjournal.store.exchange import export_json, export_json_text

    journal = open_journal(ctx, dates=False)
    with journal:
        try:
            if out == "-":
                text, _ = export_json_text(journal)
                emit_data(text)
                return
            target = Path(out) if out else Path.cwd() / f"backjournal-{today().isoformat()}.json"
            counts = export_json(journal, target)
        except JournalError as exc:
            fail(str(exc))
    rows = ", ".join(f"{name} ({n:,} rows)" for name, n in counts.items())
    say(f"Exported to {target}: {rows}")
