"""Red flags and Run today? on screen (Pilot): the emergency banner at once, the banner and Run
today? agreeing before and after saving, a tick that moves nothing, an outcome from the banner
and what it changes on later days, the help card from every screen, the profile asked once."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static
from uikit import TODAY, build_app, settle

from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal
from backjournal.tui.app import make_app
from backjournal.tui.dialogs.safety import HelpCard, OutcomeDialog, ProfileDialog

DAY = TODAY.isoformat()


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def quiet_week(path) -> None:
    with Journal.open(path) as journal:
        for k in range(5, -1, -1):
            journal.save_day(DayEntry(ago(k), back_wake=1, leg_wake=0), TODAY)


async def test_ticking_a_tier1_sign_shows_the_emergency_at_once_and_moves_nothing(db_path):
    """Space on saddle numbness: the Tier 1 banner and a red Run today? before saving, the
    check row where it was; unticked, both go back; saved, both stay."""
    quiet_week(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        today = app.screen
        banner = today.query_one("#flag-banner", Static)
        readiness = today.query_one("#readiness", Static)
        assert not banner.display and readiness.has_class("readiness-green")
        today.checks.focus()
        await settle(pilot)  # focus opens the row and scrolls it into view: let that finish
        before = today.checks.region
        await pilot.press("space")  # the first check: saddle numbness
        await settle(pilot)
        assert banner.display and banner.has_class("-tier1")
        text = str(banner.content)
        assert text.startswith("!! EMERGENCY: GO TO AN EMERGENCY DEPARTMENT NOW !!\n")
        assert "Go to an emergency department now (UK: A&E or 999; US: ER or 911; EU: 112)" in text
        assert readiness.has_class("readiness-red")
        assert "Red: do not run: go to an emergency department now." in str(readiness.content)
        assert today.checks.region == before  # the box stayed under the mouse
        await pilot.press("space")  # untick
        await pilot.pause()
        assert not banner.display and readiness.has_class("readiness-green")
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert app.journal.get_day(DAY).rf_saddle is True
        assert banner.display and readiness.has_class("readiness-red")
    app.journal.close()


async def test_seen_by_a_clinician_from_the_banner_changes_later_days(db_path):
    """Saddle numbness two days ago is still red today; "seen" recorded from the banner (o)
    ends it: no banner, Run today? no longer red from it, and the day it was seen keeps it."""
    quiet_week(db_path)
    with Journal.open(db_path) as journal:
        journal.update_day(ago(2), lambda e: setattr(e, "rf_saddle", True), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        today = app.screen
        banner = today.query_one("#flag-banner", Static)
        assert banner.display and banner.has_class("-tier1")
        assert f"(recorded {ago(2)})" in str(banner.content)
        await pilot.press("o")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, OutcomeDialog)
        dialog.query_one("#outcome-date").value = ago(1)
        dialog.query_one("#outcome-note").value = "MRI: no compression"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is today
        assert not banner.display
        assert today.query_one("#readiness", Static).has_class("readiness-green")
        assert app.journal.flags.outcomes()[0].note == "MRI: no compression"
        await pilot.press("pageup", "pageup")  # the day it was recorded: still active then
        await settle(pilot)
        assert banner.display
        # ...but answered since: the day is named, and no action that no longer applies.
        assert str(banner.content) == (
            "Active on Mon 23 Nov 2026, with an outcome recorded since: numbness or tingling in "
            "the saddle area (between the legs, genitals, back passage, inner buttocks) "
            "(recorded 2026-11-23)."
        )
        assert not banner.has_class("-tier1")
    app.journal.close()


async def test_a_past_day_speaks_of_that_day_and_of_now(db_path):
    """On a past day the check names the day; a flag active then and still active today keeps
    its tier's action, which is about now (CLINICAL.md: never softened); Run today? is for
    today only and is not shown."""
    quiet_week(db_path)
    with Journal.open(db_path) as journal:
        journal.update_day(ago(2), lambda e: setattr(e, "rf_saddle", True), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        today = app.screen
        banner = today.query_one("#flag-banner", Static)
        assert str(banner.content).startswith(
            "!! EMERGENCY: GO TO AN EMERGENCY DEPARTMENT NOW !!\nEMERGENCY: POSSIBLE CAUDA"
        )
        assert "□ none of these today · Tab or a click to tick a sign" in str(today.checks.render())
        await pilot.press("pageup")
        await settle(pilot)
        assert "□ none of these on Tue 24 Nov 2026 · Tab or a click to tick a sign" in str(
            today.checks.render()
        )
        lines = str(banner.content).split("\n")
        assert lines[:2] == [
            "!! EMERGENCY: GO TO AN EMERGENCY DEPARTMENT NOW !!",
            "Active on Tue 24 Nov 2026 and still active today, with no outcome recorded:",
        ]
        assert "Go to an emergency department now (UK: A&E or 999" in lines[2]
        assert banner.has_class("-tier1")
        assert not today.query_one("#readiness", Static).display
        today.checks.focus()
        await pilot.pause()
        assert "tick any sign of Tue 24 Nov 2026 (f1: when to get help)" in str(
            today.checks.render()
        )
    app.journal.close()


async def test_an_outcome_before_its_flag_is_refused_in_the_dialog(db_path):
    """A date before the flag: the dialog names it, stays open, and nothing is stored."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(ago(1), rf_fever=True), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#outcome-date").value = ago(3)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert str(dialog.query_one("#outcome-error", Static).content) == (
            f"Not saved: the outcome's date {ago(3)} is before the flag was recorded ({ago(1)})"
        )
        await pilot.press("escape")
        assert app.journal.flags.outcomes() == []
    app.journal.close()


async def test_help_card_from_every_screen(db_path):
    """f1 opens When to get help on each screen; Escape closes it."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("1", "2", "3", "5", "9"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpCard), key
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpCard)
    app.journal.close()


async def test_the_daily_check_is_one_line_when_nothing_applies(db_path):
    """Nothing ticked and no focus: one line; focused: the signs, emergency first."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        checks = app.screen.checks
        assert checks.region.height == 1
        assert "□ none of these today · Tab or a click to tick a sign" in str(checks.render())
        checks.focus()
        await pilot.pause()
        lines = str(checks.render()).splitlines()
        assert lines[1].startswith("Emergency:  □ saddle numbness")
        assert any(line.startswith("Doctor within days:") for line in lines)
    app.journal.close()


async def test_a_rest_day_has_no_pain_after_a_run(db_path):
    """Without a run the pain columns say so; with one, they are the run's again."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pain = app.screen.pain
        assert pain.columns[2:] == ["(no run)", "End of day"]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert pain.columns[2:] == ["During run", "After run"]
    app.journal.close()


async def test_profile_is_asked_once_and_refuses_a_bad_year(db_path):
    """A new journal asks the profile; a year before 1900 is refused in place; Escape skips,
    and the next start does not ask again."""
    app = make_app(db_path, today=TODAY, ask_profile=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        dialog.query_one("#profile-year").value = "1850"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(dialog.query_one("#profile-error", Static).content) == (
            "Not saved: year of birth 1850 is before 1900"
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.journal.flags.profile_asked()
        assert app.journal.flags.profile().birth_year is None
    app.journal.close()
    again = make_app(db_path, today=TODAY, ask_profile=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(again.screen, ProfileDialog)
    again.journal.close()


async def test_profile_saved_from_settings_raises_its_flag(db_path):
    """Settings' button opens the profile; "yes" to cancer becomes a Tier 2 flag today."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(DAY, back_wake=2, leg_wake=0, runs=[Run(5000)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        await pilot.click("#edit-profile")
        await settle(pilot)
        assert isinstance(app.screen, ProfileDialog)
        await pilot.press("right", "ctrl+s")  # cancer: yes
        await settle(pilot)
        assert [f.code for f in app.journal.flags.active(DAY)] == ["cancer"]
    app.journal.close()
