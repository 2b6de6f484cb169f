"""Shared fixtures: every test runs against its own journal file and a frozen "today".

No test may touch a real user's journal, so an autouse fixture points ``BACKJOURNAL_DB`` at a file
in the test's ``tmp_path`` and freezes ``BACKJOURNAL_TODAY``; the CLI and the app read both.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from backjournal.paths import ENV_ASK_PROFILE, ENV_DB, ENV_TODAY
from backjournal.store import Journal

# The frozen date of every test (a Wednesday), as a date and as BACKJOURNAL_TODAY reads it.
TODAY = dt.date(2026, 11, 25)

# --- hypothesis profiles: small in CI, HYPOTHESIS_PROFILE=long for a run of >= 10,000 examples ---

settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("long", max_examples=10_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(share: float = 1.0) -> int:
    """A share of the CI profile's examples, for property tests that cost more than a parse each;
    under the long profile every test runs all of its examples (at least 10,000)."""
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci":
        return settings().max_examples
    return max(20, int(settings().max_examples * share))


# --- isolation and the journal: used by every test ----------------------------------------------


@pytest.fixture(autouse=True)
def isolated_journal_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``BACKJOURNAL_DB`` at a file in ``tmp_path``, freeze today, and keep the profile
    from being offered at start (its own tests ask for it); return that path."""
    path = tmp_path / "data" / "journal.db"
    monkeypatch.setenv(ENV_DB, str(path))
    monkeypatch.setenv(ENV_TODAY, TODAY.isoformat())
    monkeypatch.setenv(ENV_ASK_PROFILE, "0")
    return path


@pytest.fixture
def db_path(isolated_journal_env: Path) -> Path:
    """The journal file that ``BACKJOURNAL_DB`` names (it does not exist until opened)."""
    return isolated_journal_env


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    """A freshly created, migrated journal at ``db_path``, closed after the test."""
    j = Journal.open(db_path)
    yield j
    j.close()


# --- UI fixtures (app factory, pilot helpers) go below: keep the ones above free of Textual -----
