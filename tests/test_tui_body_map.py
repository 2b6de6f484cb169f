"""The body map screen, driven with Pilot: clicking and marking regions, keys, compare, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Footer, Static
from uikit import TODAY, build_app, settle

from backjournal.domain.body import REGION_IDS
from backjournal.domain.symptoms import Mark
from backjournal.store import Journal
from backjournal.tui.screens.body_map import BodyMapScreen, map_layout
from backjournal.tui.widgets.body_map import BodyMap

DAY = TODAY.isoformat()
YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()


async def open_map(pilot) -> BodyMapScreen:
    await settle(pilot)
    await pilot.press("escape", "2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BodyMapScreen)
    return screen


def offset_of(screen: BodyMapScreen, region: str) -> tuple[int, int]:
    """Where to click inside the map widget to hit ``region``: its centre cell as drawn."""
    return screen.map.cell_of(region)


async def test_click_a_region_then_mark_it_with_keys(db_path):
    """A click selects the region under the pointer; a digit and letters mark it; it is saved."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        await pilot.click("#map", offset=offset_of(screen, "thigh-back-l"))
        assert screen.map.selected == "thigh-back-l"
        await pilot.press("3", "t", "n")
        await settle(pilot)
        assert app.journal.symptoms.marks(DAY) == [
            Mark("thigh-back-l", 3, ("tingling", "numbness"))
        ]
        assert " L 3 thigh" in str(screen.query_one("#map-extent", Static).content)
    app.journal.close()


async def test_a_click_on_the_centre_of_every_region_selects_it(db_path):
    """At 80x24, 120x40 and 160x50 (one app, resized), the centre cell of each of the 28 regions,
    as drawn, is that region for the map's hit test. Real clicks go through the event path: on
    every region at 80x24, where regions are smallest, and on a few at the larger sizes."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_map(pilot)
        for size, clicked in (
            ((80, 24), REGION_IDS),
            ((120, 40), ("neck", "buttock-l", "knee-r", "foot-l")),
            ((160, 50), ("low-back", "thigh-back-r", "calf-l", "foot-r")),
        ):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            hit = {
                region: screen.map.region_at(*offset_of(screen, region)) for region in REGION_IDS
            }
            assert hit == {region: region for region in REGION_IDS}, size
            got = {}
            for region in clicked:
                if screen.map.selected == region:
                    await pilot.press("up" if region != "neck" else "down")
                await pilot.click("#map", offset=offset_of(screen, region))
                got[region] = screen.map.selected
            assert got == {region: region for region in clicked}, size
    app.journal.close()


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 20), ((120, 40), 36), ((160, 50), 46)])
async def test_the_figures_fill_the_height(db_path, size, rows):
    """The figures are as tall as the screen allows (the bars and two title lines aside), and
    the panel stays beside them."""
    app = build_app(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_map(pilot)
        assert screen.map.canvas.rows == rows
        panel = screen.query_one("#map-panel")
        assert panel.display and panel.region.x >= screen.map.region.right
        assert panel.region.right <= size[0]
    app.journal.close()


@pytest.mark.parametrize(("size", "views"), [((80, 24), ("back",)), ((120, 40), ("back", "front"))])
async def test_compare_cuts_neither_day_and_keeps_the_panel(db_path, size, views):
    """Compared, both maps fit whole beside the panel, which gives both days' extent: at 80x24
    with the back figures only, wider with both figures each."""
    week_ago = (TODAY - dt.timedelta(days=7)).isoformat()
    with Journal.open(db_path) as journal:
        journal.symptoms.save_marks(week_ago, [Mark("calf-l", 5, ("tingling",))], TODAY)
        journal.symptoms.save_marks(DAY, [Mark("buttock-l", 3, ("shooting",))], TODAY)
    app = build_app(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_map(pilot)
        await pilot.press("c")
        await settle(pilot)
        other = screen.query_one("#compare-map", BodyMap)
        for body_map in (screen.map, other):
            assert body_map.views == views
            assert body_map.canvas.width <= body_map.region.width
        panel = screen.query_one("#map-panel")
        assert panel.display and other.region.right <= panel.region.x
        assert panel.region.right <= size[0]
        extent_text = str(screen.query_one("#map-extent", Static).content)
        assert " L 2 buttock" in extent_text and " L 4 below the knee" in extent_text
        assert "7 days before" in extent_text
    app.journal.close()


def test_compare_layout_by_terminal_size():
    """Alone the figures fill the height; compared at 80 columns the back figures only, at 120
    and 160 both figures each, as tall as the width allows."""
    assert map_layout(80, 22, compare=False) == (20, ("back", "front"))
    assert map_layout(80, 22, compare=True) == (20, ("back",))
    assert map_layout(120, 38, compare=True) == (21, ("back", "front"))
    assert map_layout(160, 48, compare=True) == (32, ("back", "front"))


async def test_the_footer_says_how_to_leave_the_map(db_path):
    """The footer shows Esc to leave the map (number keys set intensities while it has focus),
    and Esc does leave it."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_map(pilot)
        footer = screen.query_one(Footer)
        keys = [b.binding.description for b in screen.active_bindings.values() if b.binding.show]
        assert "Leave map" in keys and footer.display
        await pilot.press("escape")
        assert screen.focused is None
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
    """Weakness on the map brings the see-a-doctor banner (Tier 2) at once."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        banner = screen.query_one("#map-banner", Static)
        assert not banner.display
        await pilot.press("down", "down", "down", "down", "w")
        await settle(pilot)
        assert banner.display
        assert "see a doctor within days: weakness marked on the body map" in (
            str(banner.content).lower()
        )
        assert f"weakness marked on the body map (recorded {DAY}; calf-l)" in str(banner.content)
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
        extent_text = screen.query_one("#map-extent", Static)
        assert "7 days before" in str(extent_text.content)
        await pilot.press("c")
        assert "30 days before" in str(extent_text.content) and other.marks == {}
        await pilot.press("c")
        assert not other.display
    app.journal.close()


async def test_the_mark_dialog_works_with_the_mouse(db_path):
    """A click on the selected region opens the dialog; clicks set intensity and quality."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        await pilot.click("#map", offset=offset_of(screen, "low-back"))
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


async def test_a_past_days_banner_on_the_map_names_the_day(db_path):
    """A flag active on a past day and resolved since: the map's banner names the day and gives
    no action (the one for a flag still active today stays word for word: test_flags)."""
    from backjournal.domain.flags import Outcome
    from backjournal.domain.models import DayEntry

    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(yesterday, rf_fever=True), TODAY)
        journal.flags.record_outcome(Outcome("fever", DAY, "resolved"), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        banner = screen.query_one("#map-banner", Static)
        assert not banner.display  # resolved today
        await pilot.press("pageup")
        await settle(pilot)
        assert str(banner.content) == (
            "Active on Tue 24 Nov 2026, with an outcome recorded since: fever or feeling "
            "generally unwell with the back pain, or unexplained weight loss "
            f"(recorded {yesterday})."
        )
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
        await pilot.press("space")  # saddle numbness: the first check, Tier 1
        assert banner.display and banner.has_class("-tier1")
        assert "numbness or tingling in the saddle area" in str(banner.content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.journal.get_day(DAY).rf_saddle is True
        assert [f.code for f in app.journal.symptoms.flags(DAY)] == ["saddle"]
    app.journal.close()


async def test_a_mark_is_drawn_with_shade_digits_and_signs(db_path):
    """A calf at 8 with tingling and numbness shows its digits, the 7-10 shade and the signs of
    both qualities on the body; unmarked regions show dots; no colour is needed to read it."""
    with Journal.open(db_path) as journal:
        journal.symptoms.save_marks(DAY, [Mark("calf-l", 8, ("tingling", "numbness"))], TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_map(pilot)
        body_map = screen.map
        x, y = body_map.cell_of("calf-l")
        line = body_map.render_line(y).text
        assert line[x : x + 1] == "8"
        calf_rows = "".join(body_map.render_line(row).text for row in range(y - 3, y + 4))
        assert {"▓", "∴", "○"} <= set(calf_rows)
        nx, ny = body_map.cell_of("neck")
        assert body_map.render_line(ny).text[nx] == "·"
    app.journal.close()
