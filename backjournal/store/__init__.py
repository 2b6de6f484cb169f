"""The store: the journal file and the only code that speaks SQL."""

from backjournal.store.errors import ExchangeError, JournalError, JournalLocked, JournalTooNew
from backjournal.store.journal import Journal

__all__ = ["ExchangeError", "Journal", "JournalError", "JournalLocked", "JournalTooNew"]
