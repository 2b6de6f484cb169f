"""Dated backups of the journal: ``backjournal backup`` and the TUI's "Back up the journal".

The copy itself is :meth:`Journal.backup_to` (SQLite's backup API into a temporary file, fsync,
``integrity_check``, rename; 0600), which is safe while the app or another command has the
journal open. This module only chooses where the copy goes and what it is called.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from backjournal.paths import expand
from backjournal.store import connection as c
from backjournal.store.errors import JournalError
from backjournal.store.journal import Journal

BACKUP_FOLDER = "backups"


def default_backup_folder(journal_path: Path) -> Path:
    """Where backups go by default: a ``backups`` folder next to the journal."""
    return Path(journal_path).parent / BACKUP_FOLDER


def backup_name(moment: dt.datetime, attempt: int = 0) -> str:
    """``backjournal-YYYY-MM-DD-HHMMSS.db`` (``-2``, ``-3``... when that second is taken)."""
    suffix = f"-{attempt + 1}" if attempt else ""
    return f"backjournal-{moment:%Y-%m-%d-%H%M%S}{suffix}.db"


def make_backup(
    journal: Journal, folder: Path | None = None, *, moment: dt.datetime | None = None
) -> Path:
    """Copy the journal to a dated file in ``folder`` (default: ``backups`` next to it).

    A missing folder is created 0700 (and its missing parents); an existing one keeps its mode.
    An earlier backup is never overwritten. Raises :class:`JournalError` with one line saying why
    the copy could not be made; then no file is left behind.
    """
    if folder is None:
        folder = default_backup_folder(journal.path)
    folder = expand(folder)
    if folder.exists() and not folder.is_dir():
        raise JournalError(f"cannot back up into {folder}: it is a file, not a folder")
    c.ensure_directory(folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JournalError(f"cannot back up into {folder}: the folder is read-only")
    moment = moment or dt.datetime.now()
    attempt = 0
    while (folder / backup_name(moment, attempt)).exists():
        attempt += 1
    target = folder / backup_name(moment, attempt)
    if target.resolve() == journal.path.resolve():  # pragma: no cover - a dated name never is
        raise JournalError(f"cannot back up {journal.path} onto itself")
    try:
        return journal.backup_to(target)
    except sqlite3.Error as exc:
        raise c.describe_sqlite_error(journal.path, exc) from None
    except OSError as exc:
        raise JournalError(f"cannot write the backup in {folder}: {exc.strerror or exc}") from None
