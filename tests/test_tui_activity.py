"""Other activity and run effort on Today, driven with Pilot: keys, the mouse, bad input."""

from __future__ import annotations

from textual.widgets import Static
from uikit import TODAY, build_app, settle

from backjournal.domain.activity import Activity
from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal
from backjournal.tui.widgets.activity_row import ActivityRow
from backjournal.tui.widgets.run_row import RunRow

DAY = TODAY.isoformat()


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_an_activity_typed_with_keys_is_saved_with_the_day(db_path):
    """ctrl+r, a letter for the sport, then minutes, distance, effort and pain: saved with the
    day in the user's unit."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r", "r")  # ride
        await pilot.press("tab", *"60", "tab", *"25", "tab", "5", "tab", "2", "tab", "3")
        await pilot.press("tab", *"to work")
        await settle(pilot)
        screen = app.screen
        assert "active 60 min" in text_of(screen, "#runs-title")
        assert "active day" in text_of(screen, "#rest-day-hint")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(screen, "#save-state") == "✓ Saved"
        stored = app.journal.get_day(DAY).activities
    app.journal.close()
    assert [
        (a.sport, a.duration_s, a.distance_m, a.effort, a.pain_during, a.pain_after, a.notes)
        for a in stored
    ] == [("ride", 3600, 25000.0, 5, 2, 3, "to work")]


async def test_bad_minutes_are_named_at_the_field_and_nothing_is_stored(db_path):
    """Minutes of 'abc' and pain 12: both named, the first field marked and focused, no day."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r", "tab", *"abc", "tab", "tab", "tab", "tab", *"12")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        errors = text_of(screen, "#errors")
        row = screen.query_one(ActivityRow)
        assert "activity 1 minutes:" in errors
        assert "activity 1 pain after: pain must be 0-10, not 12" in errors
        assert app.focused is row.field("duration")
        assert row.field("duration").has_class("-error")
        assert app.journal.get_day(DAY) is None
    app.journal.close()


async def test_removing_a_stored_activity_with_the_mouse_asks_first(db_path):
    """A click on ✕ asks; "Keep" keeps the walk, "Remove" then Save removes it."""
    with Journal.open(db_path) as journal:
        walk = Activity("walk", 2400, 3200.0)
        ride = Activity("ride", 3600)
        journal.save_day(DayEntry(DAY, back_wake=1, activities=[walk, ride]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        first = screen.query(ActivityRow).first()
        await pilot.click(first.query_one(".act-remove"))
        await settle(pilot)
        await pilot.click("#no")
        await settle(pilot)
        assert len(screen.query(ActivityRow)) == 2
        await pilot.click(first.query_one(".act-remove"))
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert [r.sport.value for r in screen.query(ActivityRow)] == ["ride"]
        assert "1 change not saved" in text_of(screen, "#save-state")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [a.sport for a in app.journal.get_day(DAY).activities] == ["ride"]
    app.journal.close()


async def test_a_day_with_a_walk_and_no_run_is_an_active_day(db_path):
    """The rest-day hint gives way to "an active day" (domain.activity.day_kind)."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(DAY, activities=[Activity("walk", 1800)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "an active day" in text_of(app.screen, "#rest-day-hint")
        assert "rest day" not in text_of(app.screen, "#rest-day-hint")
    app.journal.close()


async def test_run_effort_is_saved_and_eleven_is_refused(db_path):
    """Effort 0-10 beside the pace: 11 is named at the field and nothing stored; 7 is saved."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(DAY, runs=[Run(8000.0, 2700)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = app.screen.query_one(RunRow)
        row.field("effort").focus()
        await pilot.press(*"11", "ctrl+s")
        await settle(pilot)
        assert "run 1 effort: effort must be 0-10, not 11" in text_of(app.screen, "#errors")
        assert app.focused is row.field("effort")
        assert app.journal.get_day(DAY).runs[0].effort is None
        await pilot.press("backspace", "backspace", "7", "ctrl+s")
        await settle(pilot)
        assert app.journal.get_day(DAY).runs[0].effort == 7
    app.journal.close()
