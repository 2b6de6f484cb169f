"""The command line: one click group (``base``) and one module per command.

A new command is a module here that decorates its function with ``@cli.command()``, imported
below. Modules import heavy libraries inside their command functions, never at the top: every
command, quick entry included, imports all of these modules.
"""

from backjournal.cli import (  # noqa: F401  (registers the commands)
    activities,
    backup,
    clinical,
    clinician_report,
    demo,
    done,
    exercises,
    export,
    flags,
    import_,
    insights,
    log,
    remind,
    restore,
    shoes,
    stats,
)
from backjournal.cli.base import cli, main

__all__ = ["cli", "main"]
