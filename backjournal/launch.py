"""The ``backjournal`` command's entry point, with a fast path to the full-screen journal.

Opening the journal is what the command does nine times out of ten, and loading click for it
costs 13 ms of a start-up budget of about 200. So ``backjournal`` alone, or with only
``--db PATH`` and ``--screen NAME``, opens the app without click; anything else (a command,
``--help``, an unknown option) goes to the click group in :mod:`backjournal.cli`, which opens the
app the same way through :func:`run_app`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCREENS = ("today", "body-map", "exercises", "trends", "history", "settings")


def plain_open(argv: list[str]) -> tuple[Path | None, str] | None:
    """``(db, screen)`` when ``argv`` only opens the app; None when click must read it."""
    db: Path | None = None
    screen = "today"
    args = list(argv)
    while args:
        arg = args.pop(0)
        name, has_value, value = arg.partition("=")
        if name not in ("--db", "--screen"):
            return None
        if not has_value:
            if not args:
                return None
            value = args.pop(0)
        if not value or value.startswith("-"):
            return None
        if name == "--db":
            db = Path(value)
        elif value in SCREENS:
            screen = value
        else:
            return None  # click explains the valid choices
    return db, screen


def run_app(db: Path | None, screen: str = "today") -> int:
    """Open the journal and run the app; a refused journal is one line on stderr, status 1."""
    from backjournal.paths import ENV_ASK_PROFILE, default_db_path, today
    from backjournal.store import JournalError
    from backjournal.tui.app import make_app

    try:
        ask = os.environ.get(ENV_ASK_PROFILE, "1") != "0"
        app = make_app(db or default_db_path(), today=today(), screen=screen, ask_profile=ask)
    except JournalError as exc:
        from backjournal.domain.safe_text import shown

        print(f"backjournal: {shown(str(exc))}", file=sys.stderr)
        return 1
    app.run()
    if getattr(app, "terminal_lost", False):
        return 0  # the terminal went away: nothing to report, and nobody to report it to
    return app.return_code or 0


def main() -> None:
    """Entry point of the ``backjournal`` script and ``python -m backjournal``."""
    # A shell asking for completions (click's _BACKJOURNAL_COMPLETE) calls the script with no
    # arguments: that must reach click, not open the app in the user's shell start-up.
    completing = "_BACKJOURNAL_COMPLETE" in os.environ
    plain = None if completing else plain_open(sys.argv[1:])
    if plain is not None:
        sys.exit(run_app(*plain))
    from backjournal.cli import cli

    cli(prog_name="backjournal")
