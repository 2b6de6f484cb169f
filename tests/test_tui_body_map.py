"""The body map screen, driven with Pilot: clicking and marking regions, keys, compare, undo."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static
from uikit import TODAY, build_app, settle

from backjournal.domain.body import CELLS, label_cell
from backjournal.domain.symptoms import Mark
from backjournal.store import Journal
from backjournal.tui.screens.body_map import BodyMapScreen
from backjournal.tui.widgets.body_map import HEADER_ROWS, BodyMap

DAY = TODAY.isoformat()
YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()


async def open_map(pilot) -> BodyMapScreen:
    await settle(pilot)
    await pilot.press("escape", "2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BodyMapScreen)
    return screen


def offset_of(region: str) -> tuple[int, int]:
    """Where to click inside the map widget to hit ``region``."""
    x, y = label_cell(region)
    return x, y + HEADER_ROWS


async def test_click_a_region_then_mark_it_with_keys(db_path):
    """A click selects the region under the pointer; a digit and letters mark it; it is saved."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        await pilot.click("#map", offset=offset_of("thigh-back-l"))
        assert screen.map.selected == "thigh-back-l"
        await pilot.press("3", "t", "n")
        await settle(pilot)
        assert app.journal.symptoms.marks(DAY) == [
            Mark("thigh-back-l", 3, ("tingling", "numbness"))
        ]
        assert " L 3 thigh" in str(screen.query_one("#map-extent", Static).content)
    app.journal.close()


async def test_every_region_is_clickable(db_path):
    """Clicking a corner cell of each region selects that region."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        corners: dict[str, tuple[int, int]] = {}
        for (x, y), region in sorted(CELLS.items()):
            corners.setdefault(region, (x, y))  # the leftmost column's first cell
        assert len(corners) == 28
        for region, (x, y) in corners.items():
            if screen.map.selected == region:
                continue  # a second click on the selected region opens the dialog
            await pilot.click("#map", offset=(x, y + HEADER_ROWS))
            assert screen.map.selected == region
    app.journal.close()


async def test_arrows_ten_and_clearing(db_path):
    """Arrows move between regions; 1 then 0 (or x) is 10; Space clears the region."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        assert screen.map.selected == "low-back"
        await pilot.press("down", "down", "1", "0")
        assert screen.map.selected == "buttock-l"
        await pilot.press("right", "x")
        await settle(pilot)
        assert {m.region: m.intensity for m in app.journal.symptoms.marks(DAY)} == {
            "buttock-l": 10,
            "buttock-r": 10,
        }
        await pilot.press("space")
        await settle(pilot)
        assert [m.region for m in app.journal.symptoms.marks(DAY)] == ["buttock-l"]
    app.journal.close()


async def test_red_flags_show_a_banner_on_the_map(db_path):
    """Severe pain or weakness on the map brings the see-a-physician banner at once."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        banner = screen.query_one("#map-banner", Static)
        assert not banner.display
        await pilot.press("down", "down", "down", "down", "w")
        await settle(pilot)
        assert banner.display
        assert "see a physician" in str(banner.content).lower()
        assert "weakness marked at calf-l" in str(banner.content)
        assert [f.code for f in app.journal.symptoms.flags(DAY)] == ["weakness-mark"]
    app.journal.close()


async def test_same_as_yesterday_and_undo(db_path):
    """y copies yesterday's map in one key; ctrl+z puts back what was there."""
    with Journal.open(db_path) as journal:
        journal.symptoms.save_marks(YESTERDAY, [Mark("calf-l", 4, ("tingling",))], TODAY)
        journal.symptoms.save_marks(DAY, [Mark("low-back", 2)], TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.journal.symptoms.marks(DAY) == [Mark("calf-l", 4, ("tingling",))]
        assert screen.map.marks.keys() == {"calf-l"}
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.journal.symptoms.marks(DAY) == [Mark("low-back", 2)]
    app.journal.close()


async def test_compare_view_shows_an_earlier_map(db_path):
    """c shows the map of 7 days before beside today's, then 30, then hides it."""
    week_ago = (TODAY - dt.timedelta(days=7)).isoformat()
    with Journal.open(db_path) as journal:
        journal.symptoms.save_marks(week_ago, [Mark("sole-r", 5)], TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        other = screen.query_one("#compare-map", BodyMap)
        assert not other.display
        await pilot.press("c")
        await settle(pilot)
        assert other.display and other.marks.keys() == {"sole-r"}
        assert "7 days before" in other.title
        await pilot.press("c")
        assert "30 days before" in other.title and other.marks == {}
        await pilot.press("c")
        assert not other.display
    app.journal.close()


async def test_the_mark_dialog_works_with_the_mouse(db_path):
    """A click on the selected region opens the dialog; clicks set intensity and quality."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        await pilot.click("#map", offset=offset_of("low-back"))
        await pilot.pause()
        assert type(app.screen).__name__ == "MarkDialog"
        await pilot.press("6", "s")
        await pilot.click("#save")
        await settle(pilot)
        assert app.journal.symptoms.marks(DAY) == [Mark("low-back", 6, ("sharp",))]
        assert screen.map.marks["low-back"].intensity == 6
    app.journal.close()


async def test_days_move_with_page_keys(db_path):
    """PgUp shows the previous day's map; PgDn stops at today."""
    with Journal.open(db_path) as journal:
        journal.symptoms.save_marks(YESTERDAY, [Mark("knee-l", 2)], TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        await pilot.press("pageup")
        await settle(pilot)
        assert screen.date == TODAY - dt.timedelta(days=1)
        assert screen.map.marks.keys() == {"knee-l"}
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert screen.date == TODAY
    app.journal.close()


async def test_today_shows_the_map_and_the_red_flag_check(db_path):
    """Today lists the day's marks with the extent, and a ticked check raises the banner."""
    with Journal.open(db_path) as journal:
        journal.symptoms.save_marks(DAY, [Mark("calf-l", 4, ("tingling",))], TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        today = app.screen
        summary = str(today.query_one("#marks-summary", Static).content)
        assert "calf-l 4 tingling" in summary and "left 4 below the knee" in summary
        banner = today.query_one("#flag-banner", Static)
        assert not banner.display
        today.checks.focus()
        await pilot.press("right", "space")  # saddle numbness
        assert banner.display
        assert "numbness in the saddle area" in str(banner.content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.journal.get_day(DAY).rf_saddle is True
        assert [f.code for f in app.journal.symptoms.flags(DAY)] == ["saddle"]
    app.journal.close()
