"""The report from the app: ``r`` on History writes the PDF of the range the filter shows, in a
worker, and says where it went; the palette offers "Report for my physio"; a range that cannot be
reported is one notification, and no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from uikit import build_app, demo_journal, settle

from backjournal.tui.widgets.fields import Field


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A HOME of the test's own: the app writes the report there."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def messages(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def filtered_history(pilot, start: str, end: str) -> None:
    await pilot.press("5")
    await settle(pilot)
    assert pilot.app.screen.id == "history"
    screen = pilot.app.screen
    screen.query_one("#filter-from", Field).value = start
    screen.query_one("#filter-to", Field).value = end
    assert screen._apply_filter()
    await settle(pilot)


async def test_r_on_history_reports_the_filtered_range(db_path, home):
    """r writes ~/backjournal-report-<today>.pdf of the filter's weeks and names it."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await filtered_history(pilot, "2026-04-01", "2026-05-10")
        app.screen.table.focus()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await settle(pilot)
        target = home / "backjournal-report-2026-11-25.pdf"
        assert target.read_bytes().startswith(b"%PDF-")
        assert (
            "Report written: ~/backjournal-report-2026-11-25.pdf (2026-03-30 to 2026-05-10)"
            in messages(app)
        )
    app.journal.close()


async def test_palette_and_a_range_after_today(db_path, home):
    """The palette offers "Report for my physio" on Today and History; a filter that starts after
    today gives one error notification and writes nothing."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Report for my physio" in [c.title for c in app.get_system_commands(app.screen)]
        await filtered_history(pilot, "2026-12-01", "2026-12-31")
        assert "Report for my physio" in [c.title for c in app.get_system_commands(app.screen)]
        app.screen.table.focus()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert any(m.startswith("No report: the range starts (2026-12-01)") for m in messages(app))
        assert list(home.iterdir()) == []
    app.journal.close()
