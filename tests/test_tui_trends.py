"""The Trends screen and Today's readiness, driven with Pilot."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static
from uikit import TODAY, build_app, demo_journal, settle

from backjournal.domain.models import DayEntry, Run, Shoe
from backjournal.store import Journal
from backjournal.store.shoes import add_shoe
from backjournal.tui.screens.trends import TrendsScreen


async def open_trends(pilot) -> TrendsScreen:
    await settle(pilot)
    await pilot.press("escape", "4")
    for _ in range(50):
        await settle(pilot)
        if getattr(pilot.app.screen, "loaded", False):
            break
    screen = pilot.app.screen
    assert isinstance(screen, TrendsScreen) and screen.loaded
    return screen


async def test_trends_show_insights_and_charts_and_cycle_ranges(db_path):
    """Trends opens on 12 weeks with insights and four charts; r cycles the ranges."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trends(pilot)
        assert screen.range == "12w"
        text = str(screen.query_one("#insights", Static).content)
        assert "What the data says" in text and "not causes; guidance, not a verdict" in text
        assert screen._bounds[1] == TODAY
        for expected in ("1y", "all", "4w", "12w"):
            await pilot.press("r")
            for _ in range(50):
                await settle(pilot)
                if screen.loaded:
                    break
            assert screen.range == expected and screen.loaded
        assert (TODAY - screen._bounds[0]).days < 12 * 7 + 7
    app.journal.close()


async def test_the_palette_names_every_range(db_path):
    """The command palette offers each range while Trends is shown."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trends(pilot)
        titles = [c.title for c in app.get_system_commands(screen)]
        for label in ("Trends: 4 weeks", "Trends: 12 weeks", "Trends: 1 year", "Trends: all"):
            assert label in titles
    app.journal.close()


async def test_an_empty_journal_says_there_is_not_enough_data(db_path):
    """With nothing recorded, Trends says so instead of inventing numbers."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trends(pilot)
        text = str(screen.query_one("#insights", Static).content)
        assert "not enough data yet (0 and 0 days; 10 on each side needed)" in text
    app.journal.close()


async def test_insights_name_the_shoe_as_typed(db_path):
    """A shoe comparison names the shoe, brackets and all (its name is text, not markup)."""
    with Journal.open(db_path) as journal:
        fly = add_shoe(journal, Shoe("Zoom [b]Fly[/b]")).id
        other = add_shoe(journal, Shoe("Clifton")).id
        for i in range(40):
            day = TODAY - dt.timedelta(days=40 - i)
            runs = [Run(8000.0, shoe_id=fly if i % 4 == 0 else other)] if i % 2 == 0 else []
            wake = 5 if (i - 1) % 4 == 0 else 1
            journal.save_day(DayEntry(day.isoformat(), back_wake=wake, runs=runs), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trends(pilot)
        shown = screen.query_one("#insights", Static).render()
        assert screen.insights_loaded
        assert (
            "Runs in Zoom [b]Fly[/b] are associated with a difference in the change in back pain "
            "by the next morning: +4.0 points against runs in other shoes" in str(shown)
        )
    app.journal.close()


async def test_readiness_on_today_is_red_after_severe_pain(db_path):
    """Pain above 5 after yesterday's run makes today's readiness red, with the reason."""
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(yesterday, back_after=7, runs=[Run(12000)]), TODAY)
        journal.save_day(DayEntry(TODAY.isoformat(), back_wake=1, leg_wake=0), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#readiness", Static)
        assert line.display and line.has_class("readiness-red")
        assert "7" in str(line.content)
        await pilot.press("pageup")
        await settle(pilot)
        assert not line.display  # readiness answers "run today?" only
    app.journal.close()


async def test_readiness_on_today_is_green_after_an_easy_day(db_path):
    """Low pain after yesterday's run and no rise this morning, with a baseline: green."""
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    with Journal.open(db_path) as journal:
        for k in (2, 3, 4):  # three mornings before: a baseline of back 1, leg 0
            day = (TODAY - dt.timedelta(days=k)).isoformat()
            journal.save_day(DayEntry(day, back_wake=1, leg_wake=0), TODAY)
        journal.save_day(DayEntry(yesterday, back_wake=1, back_after=1, runs=[Run(6000)]), TODAY)
        journal.save_day(DayEntry(TODAY.isoformat(), back_wake=1, leg_wake=0), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#readiness", Static)
        assert line.display and line.has_class("readiness-green")
    app.journal.close()


async def test_charts_grow_on_a_tall_terminal(db_path):
    """At 120x40 a chart keeps its 15 lines; at 160x50 two charts fill the screen (21 each)."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trends(pilot)
        assert screen.query_one("#chart-pain").size.height == 15
        await pilot.resize_terminal(160, 50)
        await settle(pilot)
        assert screen.query_one("#chart-pain").size.height == 21
    app.journal.close()
