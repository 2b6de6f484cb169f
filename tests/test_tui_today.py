"""The Today screen, driven with Pilot: logging a day with keys and mouse, and bad input."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static
from uikit import TODAY, build_app, settle, type_score

from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal
from backjournal.tui.screens.today import TodayScreen
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.run_row import RunRow


def today_screen(app) -> TodayScreen:
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_log_a_run_with_keys_then_reopen(db_path):
    """A run and its pain typed with the keyboard are saved, and found again after a restart."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert text_of(screen, "#save-state") == "Nothing recorded yet"
        await pilot.press("ctrl+n")
        await pilot.press(*"8.5", "tab", *"42:10")
        await settle(pilot)
        row = screen.query_one(RunRow)
        assert "4:58 /km" in str(row.query_one(".run-pace", Static).content)
        await type_score(pilot, "back_after", "3")
        await pilot.press("down", "1")  # leg pain after
        await type_score(pilot, "sleep", "4")
        assert "not saved" in text_of(screen, "#save-state")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(screen, "#save-state") == "✓ Saved"
    app.journal.close()

    with Journal.open(db_path) as journal:
        day = journal.get_day(TODAY.isoformat())
    assert day is not None
    assert [(r.distance_m, r.duration_s) for r in day.runs] == [(8500.0, 2530)]
    assert (day.back_after, day.leg_after, day.sleep) == (3, 1, 4)

    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        row = screen.query_one(RunRow)
        assert row.distance_input.value == "8.5"
        assert row.duration_input.value == "42:10"
        assert screen.pain.values["back_after"] == 3
        assert screen.pain.dirty_keys() == []
    app.journal.close()


async def test_log_a_run_with_the_mouse(db_path):
    """Add run, type, and Save can all be done by clicking."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        await pilot.click("#add-run")
        await settle(pilot)
        row = screen.query_one(RunRow)
        await pilot.click(row.distance_input)
        await pilot.press(*"10")
        await pilot.click(row.duration_input)
        await pilot.press(*"55:00")
        # The pain grid: an 8-column label, then 12 columns per moment; the back row is line 1.
        await pilot.click("#pain", offset=(8 + 2 * 12 + 1, 1))
        await pilot.press("2")
        await pilot.click("#save")
        await settle(pilot)
        stored = app.journal.get_day(TODAY.isoformat())
        assert stored is not None
        assert [(r.distance_m, r.duration_s) for r in stored.runs] == [(10000.0, 3300)]
        assert stored.back_during == 2
    app.journal.close()


async def assert_refused(app, pilot, field_id_or_widget, message_part: str) -> None:
    screen = today_screen(app)
    await pilot.press("ctrl+s")
    await settle(pilot)
    widget = (
        screen.query_one(field_id_or_widget)
        if isinstance(field_id_or_widget, str)
        else field_id_or_widget
    )
    assert widget.has_class("-error")
    assert app.focused is widget
    assert message_part in text_of(screen, "#errors")
    assert app.journal.get_day(TODAY.isoformat()) is None


async def test_bad_distance_is_named_and_nothing_saved(db_path):
    """Distance "abc" is refused: the field is marked and focused, the message says why."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *"abc")
        row = today_screen(app).query_one(RunRow)
        await assert_refused(app, pilot, row.distance_input, "'abc' is not a distance")
    app.journal.close()


async def test_distance_over_300_km_is_refused(db_path):
    """A distance over 300 km is a typing error: refused, nothing saved."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *"301")
        row = today_screen(app).query_one(RunRow)
        await assert_refused(app, pilot, row.distance_input, "more than 300 km")
    app.journal.close()


async def test_bad_duration_is_refused(db_path):
    """Duration 5:99 is refused with the reason (seconds 0-59)."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *"5", "tab", *"5:99")
        row = today_screen(app).query_one(RunRow)
        await assert_refused(app, pilot, row.duration_input, "seconds must be 0-59")
    app.journal.close()


async def test_pain_out_of_range_is_refused(db_path):
    """Pain 11 is refused where it is typed: named, marked, focus kept, the score unchanged."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        await type_score(pilot, "back_wake", "1", "1")
        assert "Back pain on waking must be 0-10, not 11" in text_of(screen, "#errors")
        assert screen.pain.values["back_wake"] == 1
        assert "back_wake" in screen.pain.errors
        assert app.focused is screen.pain
        # "1" then "0" is 10, the top of the scale.
        await pilot.press("right", "1", "0")
        assert screen.pain.values["back_before"] == 10
        assert "back_wake" not in screen.pain.errors
        # Sleep is 1-5: 0 and 7 are refused with their own range.
        await type_score(pilot, "sleep", "7")
        assert "Sleep quality must be 1-5, not 7" in text_of(screen, "#errors")
        assert screen.morning.values["sleep"] is None
        assert app.journal.get_day(TODAY.isoformat()) is None


async def test_pain_keys_clear_and_move(db_path):
    """Space clears a score, arrows move between cells, Enter moves on."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        await type_score(pilot, "back_wake", "5", "enter", "6", "down", "7")
        assert {k: v for k, v in screen.pain.values.items() if v is not None} == {
            "back_wake": 5,
            "back_before": 6,
            "leg_before": 7,
        }
        await pilot.press("up", "space")
        assert screen.pain.values["back_before"] is None
        assert sorted(screen.pain.dirty_keys()) == ["back_wake", "leg_before"]
    app.journal.close()


async def test_a_date_in_the_future_cannot_be_opened(db_path):
    """Next day stops at today, and typing 2099 in Go to date is refused in the dialog."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        await pilot.press("pagedown")
        await settle(pilot)
        assert screen.date == TODAY
        await pilot.press("ctrl+g")
        await pilot.press(*"2099-01-01", "enter")
        await pilot.pause()
        assert "in the future" in str(app.screen.query_one("#date-error", Static).content)
        await pilot.press("escape")
        await pilot.press("ctrl+g", *"-3", "enter")
        await settle(pilot)
        assert today_screen(app).date == TODAY - dt.timedelta(days=3)
    app.journal.close()


async def test_next_morning_pain_shows_against_the_run(db_path):
    """The following day's waking pain shows as "next morning" on the day of the run; the
    hint under it names the run it follows (yesterday's today, by its date on a past day)."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry("2026-11-23", runs=[Run(21000, 6300, type="long")]), TODAY)
        journal.save_day(
            DayEntry("2026-11-24", back_wake=5, leg_wake=2, runs=[Run(5000, type="easy")]), TODAY
        )
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert text_of(screen, "#wake-hint") == (
            "On waking is the next morning after yesterday's 5 km easy run."
        )
        await pilot.press("pageup", "pageup")
        await settle(pilot)
        assert screen.date == dt.date(2026, 11, 23)
        assert screen.pain.notes == ["5  (24 Nov)", "2  (24 Nov)"]
        await pilot.press("pagedown")
        await settle(pilot)
        # A past day: its day before is named, not "yesterday".
        assert text_of(screen, "#wake-hint") == (
            "On waking is the next morning after the 21 km long run of Mon 23 Nov 2026."
        )
    app.journal.close()


async def test_leaving_unsaved_changes_asks_first(db_path):
    """Moving to another day with unsaved changes asks; Discard drops them, Save keeps them."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        await type_score(pilot, "stiffness", "4")
        await pilot.press("pageup")
        await pilot.pause()
        assert type(app.screen).__name__ == "UnsavedDialog"
        await pilot.press("d")
        await settle(pilot)
        assert screen.date == TODAY - dt.timedelta(days=1)
        assert app.journal.get_day(TODAY.isoformat()) is None

        await type_score(pilot, "stiffness", "6")
        await pilot.press("pagedown")
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        assert screen.date == TODAY
        assert app.journal.get_day((TODAY - dt.timedelta(days=1)).isoformat()).stiffness == 6
    app.journal.close()


async def test_removing_a_stored_run(db_path):
    """The ✕ of a stored run removes it when the day is saved; the other run stays."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(TODAY.isoformat(), runs=[Run(5000), Run(3000)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        first = screen.query(RunRow).first()
        await pilot.click(first.query_one(".run-remove"))
        await settle(pilot)
        assert "not saved" in text_of(screen, "#save-state")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [r.distance_m for r in app.journal.get_day(TODAY.isoformat()).runs] == [3000.0]
    app.journal.close()


async def test_rest_day_is_a_full_entry(db_path):
    """A day with pain and a note but no run is saved as a rest day."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        await type_score(pilot, "back_wake", "2")
        screen.query_one("#note", Field).focus()
        await pilot.press(*"rest, stiff")
        await pilot.press("ctrl+s")
        await settle(pilot)
        day = app.journal.get_day(TODAY.isoformat())
        assert day.runs == [] and day.back_wake == 2 and day.note == "rest, stiff"
    app.journal.close()


async def test_another_programs_write_appears(db_path):
    """A run logged by another process shows on the next refresh of an unedited Today."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with Journal.open(db_path) as other:
            other.update_day(TODAY.isoformat(), lambda e: e.runs.append(Run(7000)), TODAY)
        app._poll_journal()
        await settle(pilot)
        assert len(today_screen(app).query(RunRow)) == 1
    app.journal.close()


async def test_every_bad_field_stays_marked(db_path):
    """Several bad fields all stay marked (moving focus must not clear one), in screen order."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *"abc", "tab", *"5:99", "tab", *"x" * 30)
        screen = today_screen(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = screen.query_one(RunRow)
        assert row.distance_input.has_class("-error")
        assert row.duration_input.has_class("-error")
        assert app.focused is row.distance_input
        errors = text_of(screen, "#errors")
        assert errors.index("distance") < errors.index("duration")
        assert app.journal.get_day(TODAY.isoformat()) is None
    app.journal.close()


async def test_week_total_follows_the_week_start_setting(db_path):
    """The week's saved runs are totalled from the first day of the week that Settings names."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry("2026-11-22", runs=[Run(10000)]), TODAY)  # a Sunday
        journal.save_day(DayEntry("2026-11-24", runs=[Run(5000)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        assert "week from 23 Nov: 1 run · 5 km saved" in text_of(screen, "#runs-title")
        await pilot.press("9")
        await settle(pilot)
        app.screen.query_one("#week_start").value = "sunday"
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "week from 22 Nov: 2 runs · 15 km saved" in text_of(screen, "#runs-title")
    app.journal.close()


async def test_the_shoe_picker_offers_shoes_in_use_and_warns_near_the_limit(db_path):
    """A run's shoe is chosen among the shoes in use (retired ones hidden); saving warns when
    the shoe nears its retirement distance."""
    from backjournal.domain.models import Shoe
    from backjournal.store.shoes import add_shoe, set_retired

    with Journal.open(db_path) as journal:
        add_shoe(journal, Shoe("Pegasus", limit_m=10000))
        add_shoe(journal, Shoe("Old trail"))
        set_retired(journal, "Old trail", True)
        journal.save_day(DayEntry("2026-11-20", runs=[Run(8500)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # distance, time, effort, type, surface, then the shoe
        await pilot.press("ctrl+n", *"9.5", "tab", "tab", "tab", "tab", "tab")
        row = today_screen(app).query_one(RunRow)
        picker = row.query_one(".run-shoe")
        assert picker.options == ("no shoe", "Pegasus")
        assert app.focused is picker
        await pilot.press("p", "ctrl+s")
        await settle(pilot)
        stored = app.journal.get_day(TODAY.isoformat()).runs[0]
        assert stored.shoe_id is not None
        assert "Shoe" in str(today_screen(app).query_one("#runs-header", Static).content)
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("Pegasus has run 9.5 km of its 10 km" in w for w in warnings)
    app.journal.close()


async def test_no_shoe_picker_without_shoes(db_path):
    """A runner who keeps no shoes sees no shoe column."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not today_screen(app).query_one(RunRow).query(".run-shoe")
    app.journal.close()


async def test_a_run_with_shoes_fits_80_columns(db_path):
    """With a shoe picker, an 80-column terminal leaves out the run's pace so that notes and the
    remove button stay on screen; a wider one shows the pace again."""
    from backjournal.domain.models import Shoe
    from backjournal.store.shoes import add_shoe

    with Journal.open(db_path) as journal:
        add_shoe(journal, Shoe("Pegasus"))
        journal.save_day(DayEntry(TODAY.isoformat(), runs=[Run(8000, 2400)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = today_screen(app)
        row = screen.query_one(RunRow)
        header = str(screen.query_one("#runs-header", Static).content)
        assert "Pace" not in header and "Notes" in header
        assert not row.query_one(".run-pace").display
        for part in (".run-notes", ".run-remove"):
            region = row.query_one(part).region
            assert region.width > 0 and region.right <= 80, part
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "Pace" in str(screen.query_one("#runs-header", Static).content)
        assert row.query_one(".run-pace").region.width == 11
    app.journal.close()
