"""Where the journal lives: the user data dir, unless ``--db`` or ``BACKJOURNAL_DB`` say."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ENV_DB = "BACKJOURNAL_DB"
ENV_TODAY = "BACKJOURNAL_TODAY"  # freezes "today" for tests, screenshots and demos
# "0": the app does not offer the profile at start (tests that drive the real terminal).
ENV_ASK_PROFILE = "BACKJOURNAL_ASK_PROFILE"
JOURNAL_NAME = "journal.db"


def expand(path: str | os.PathLike[str]) -> Path:
    """``path`` with a leading ``~`` or ``~user`` expanded, as a shell does; a ``~name`` that
    names no user is kept as it is (as bash keeps it) instead of raising RuntimeError, which
    reached the user as a traceback (`restore ~0`; found by issue #7's long hypothesis run)."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def default_db_path() -> Path:
    """The journal file used when no ``--db`` is given."""
    override = os.environ.get(ENV_DB)
    if override:
        return expand(override)
    from platformdirs import user_data_path

    return user_data_path("backjournal", appauthor=False) / JOURNAL_NAME


def today() -> dt.date:
    """Today's date, or the one frozen in ``BACKJOURNAL_TODAY`` (ISO)."""
    frozen = os.environ.get(ENV_TODAY)
    if frozen:
        return dt.date.fromisoformat(frozen)
    return dt.date.today()


def display_path(path: Path) -> str:
    """The path as a person would write it: ``~/...`` when it is under the home folder."""
    try:
        return "~/" + str(Path(path).relative_to(Path.home()))
    except ValueError:
        return str(path)
