"""Helpers for the UI tests: build the app on a test journal, and wait for its workers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot

from backjournal.tui.app import BackjournalApp, make_app
from screenshots.scenes import write_demo_copy

TODAY = dt.date(2026, 11, 25)


def demo_journal(path: Path, years: int = 1, seed: int = 7) -> Path:
    """Write the seeded demo journal to ``path`` and return it."""
    return write_demo_copy(path, TODAY, years=years, seed=seed)


def build_app(path: Path) -> BackjournalApp:
    """The app on ``path`` with today frozen, as the CLI would build it."""
    return make_app(path, today=TODAY)


async def settle(pilot: Pilot) -> None:
    """Wait until every worker has finished and the screen has caught up."""
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            break
    await pilot.pause()


async def type_score(pilot: Pilot, key: str, *keys: str) -> None:
    """Type ``keys`` into the score ``key`` (``back_after``, ``sleep``...) on the Today screen."""
    screen = pilot.app.screen
    grid = screen.query_one("#morning" if key in ("stiffness", "sleep") else "#pain")
    grid.focus()
    grid.move_to(key)
    await pilot.press(*keys)
