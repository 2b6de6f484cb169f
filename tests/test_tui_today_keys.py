"""Today's keys for a new user: the first focus, Enter never on a button, ctrl+z for changes not
saved yet and for a removed run (issue #15)."""

from __future__ import annotations

from textual.widgets import Static
from uikit import TODAY, build_app, settle, type_score

from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.run_row import RunRow


def state(screen) -> str:
    return str(screen.query_one("#save-state", Static).content)


async def test_enter_enter_from_notes_never_removes_the_run(db_path):
    """Enter moves from a run's notes past its ✕; a second Enter leaves the run in place."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+n", *"8", "enter", *"42:10")
        screen.query_one(RunRow).query_one(".run-notes", Field).focus()
        await pilot.press(*"easy", "enter")
        assert not app.focused.has_class("run-remove")
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.query(RunRow)) == 1
    app.journal.close()


async def test_a_removed_run_comes_back_with_ctrl_z(db_path):
    """✕ removes a stored run from the screen and says ctrl+z puts it back; ctrl+z does, with
    its values, and the day is clean again."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(TODAY.isoformat(), runs=[Run(5000), Run(3000, 900)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.click(screen.query(RunRow).last().query_one(".run-remove"))
        await settle(pilot)
        assert len(screen.query(RunRow)) == 1 and "1 change not saved" in state(screen)
        assert any("ctrl+z puts it back" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await settle(pilot)
        rows = list(screen.query(RunRow))
        assert [(r.distance_input.value, r.duration_input.value) for r in rows] == [
            ("5", ""),
            ("3", "15:00"),
        ]
        assert state(screen) == "✓ Saved"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(app.journal.get_day(TODAY.isoformat()).runs) == 2
    app.journal.close()


async def test_ctrl_z_undoes_unsaved_changes_one_at_a_time(db_path):
    """A score, then a note typed in one go: ctrl+z takes back the note, then the score."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await type_score(pilot, "back_after", "4")
        note = screen.query_one("#note", Field)
        note.focus()
        await pilot.press(*"stiff")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert note.value == "" and screen.pain.values["back_after"] == 4
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.pain.values["back_after"] is None
        assert state(screen) == "Nothing recorded yet"
    app.journal.close()


async def test_a_new_journal_starts_on_add_run_and_enter_adds_one(db_path):
    """The first focus is "+ Add run", not ◀: the first Enter adds a run and moves to its
    distance, and the day shown is still today."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "add-run"
        await pilot.press("enter")
        await settle(pilot)
        row = app.screen.query_one(RunRow)
        assert app.focused is row.distance_input and app.screen.date == TODAY
    app.journal.close()


async def test_a_refused_save_at_80x24_is_said_where_the_user_is(db_path):
    """At 80x24 the errors line is below the fold: a refused save also shows as a notification,
    naming the field, and the bad field has the focus; a refused score too."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *"abc", "ctrl+s")
        await settle(pilot)
        said = [(n.title, n.message) for n in app._notifications]
        assert (
            "Not saved",
            "Run 1 distance: 'abc' is not a distance; type e.g. 8, 8.5, 8k, 5mi or 8000m",
        ) in said
        row = app.screen.query_one(RunRow)
        assert app.focused is row.distance_input
        await type_score(pilot, "back_after", "1", "1")
        assert any(
            title == "Not taken" for title, _ in ((n.title, n.message) for n in app._notifications)
        )
    app.journal.close()


async def test_at_80_columns_a_runs_notes_and_shoe_have_room(db_path):
    """At 80x24 a run's notes get a line of their own (they were cut to 9 characters) and the
    shoe picker shows the whole name; at 120 columns the notes stay on the run's line."""
    from backjournal.domain.models import Shoe
    from backjournal.store.shoes import add_shoe

    with Journal.open(db_path) as journal:
        shoe = add_shoe(journal, Shoe(name="Blue trainers"))
        note = "felt loose after the hills, calves tight"
        journal.save_day(
            DayEntry(TODAY.isoformat(), runs=[Run(8000, notes=note, shoe_id=shoe.id)]), TODAY
        )
    for size, two_lines in (((80, 24), True), ((120, 40), False)):
        app = build_app(db_path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            row = app.screen.query_one(RunRow)
            notes = row.query_one(".run-notes", Field)
            assert (notes.region.y > row.region.y) is two_lines
            assert notes.region.width >= 24  # beside the effort column (issue #17)
            assert "Blue trainers" in str(row.query_one(".run-shoe").render())
        app.journal.close()


async def test_today_shows_this_week_against_last_week(db_path):
    """Today's "This week" panel: distance and runs, mean pain and adherence against last week,
    and the days not logged yet."""
    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry("2026-11-17", back_wake=4, runs=[Run(10000.0)]), TODAY)
        journal.save_day(DayEntry("2026-11-23", back_wake=2, runs=[Run(8000.0)]), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#this-week", Static).content)
        assert text.startswith("This week so far, against the week before")
        assert "distance 8 km in 1 run · last week 10 km in 1 run" in text
        assert "back 2.0 leg - · last week back 4.0 leg -" in text
        assert "not logged yet: Tue 24, Wed 25" in text
    app.journal.close()


async def test_ctrl_e_writes_the_note_in_the_users_editor(db_path, tmp_path, monkeypatch):
    """ctrl+l hands the note to $VISUAL (here a script that appends to the file) and puts the
    result back in the field; a failing editor is one error line and the note is unchanged."""
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "%s" " and the hills were fine" >> "$1"\n')
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        note = app.screen.query_one("#note", Field)
        note.value = "stiff morning"
        note.focus()
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert note.value == "stiff morning and the hills were fine"
        monkeypatch.setenv("VISUAL", "false")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert note.value == "stiff morning and the hills were fine"
        assert any(n.message == "false exited with status 1" for n in app._notifications)
    app.journal.close()


async def test_a_note_written_in_the_editor_keeps_its_line_breaks(db_path, tmp_path, monkeypatch):
    """Lines written in $VISUAL come back as lines: the one-line field shows each break as ↵
    (nothing raw reaches the terminal), ctrl+s stores them, and the day reopens with them."""
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "first line\\nsecond line\\n" > "$1"\n')
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        note = app.screen.query_one("#note", Field)
        note.focus()
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert note.value == "first line\nsecond line"
        assert note._value.plain == "first line↵second line"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.journal.get_day(TODAY.isoformat()).note == "first line\nsecond line"
        await pilot.press("pageup")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.screen.query_one("#note", Field).value == "first line\nsecond line"
    app.journal.close()


async def test_keys_typed_at_once_after_ctrl_n_and_ctrl_r_fill_the_new_row(db_path):
    """The keys a fast typist sends right behind ctrl+n (or ctrl+r) are queued before the new row
    exists: they fill its first field. Routed to the button that had the focus, a digit switched
    screens and the distance stayed empty."""
    from textual import events

    from backjournal.tui.widgets.activity_row import ActivityRow

    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        for key, char in [("ctrl+n", None), ("7", "7"), ("full_stop", "."), ("5", "5")]:
            app.post_message(events.Key(key, char))  # all queued before the first is handled
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(RunRow).distance_input.value == "7.5"
        app.set_focus(None)
        await settle(pilot)
        for key, char in [("ctrl+r", None), ("w", "w")]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.screen is screen
        assert app.focused is screen.query_one(ActivityRow).sport
    app.journal.close()
