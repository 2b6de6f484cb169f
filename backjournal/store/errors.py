"""Errors the journal raises for the user to read: one clear line, never a traceback."""

from __future__ import annotations


class JournalError(Exception):
    """The journal file cannot be opened or written; the message says why and what to do."""


class JournalLocked(JournalError):
    """Another program holds the journal's write lock for longer than the busy timeout."""


class JournalTooNew(JournalError):
    """The journal was written by a newer backjournal; this version refuses to open it."""


class ExchangeError(JournalError):
    """A file or folder to export to, or to import or restore from, cannot be used."""
