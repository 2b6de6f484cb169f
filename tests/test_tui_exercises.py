"""The Exercises screen, driven with Pilot: the checklist (keys and mouse), sets and notes, extras,
the programme editor, phase changes, the suggestion banner, and Today's checklist summary."""

from __future__ import annotations

import datetime as dt

from textual.widgets import OptionList, Static
from uikit import TODAY, build_app, settle

from backjournal.domain.exercises import Dose, ProgrammeItem, starter_items
from backjournal.domain.models import DayEntry
from backjournal.store import Journal
from backjournal.tui.dialogs.library import ExercisePicker
from backjournal.tui.dialogs.programme import ProgrammeEditor
from backjournal.tui.dialogs.prompts import TextPrompt
from backjournal.tui.screens.exercises import ExercisesScreen

START = TODAY - dt.timedelta(days=30)


def with_starter(path, phase: str = "relief") -> None:
    """A journal whose programme is ``phase``'s starter, from 30 days ago."""
    with Journal.open(path) as journal:
        journal.exercises.start(phase, on=START, today=TODAY)


def done_ids(journal, day=TODAY) -> list[str]:
    return [i.exercise.id for i in journal.exercises.checklist(day) if i.done]


async def open_exercises(pilot) -> ExercisesScreen:
    await settle(pilot)
    await pilot.press("escape", "3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExercisesScreen)
    return screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_key_3_opens_an_empty_programme_with_guidance(db_path):
    """A new journal: key 3 shows that there is no programme yet and how to start one."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        assert "No programme yet" in text_of(screen, "#how-to-text")
        assert "no programme yet" in text_of(screen, "#checklist-title")
        assert screen.query_one("#suggestion").display is False
    app.journal.close()


async def test_space_ticks_and_enter_unticks(db_path):
    """Space ticks the highlighted exercise and saves it; Enter on it unticks it again."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        first = screen.items[0].exercise.id
        await pilot.press("space")
        await settle(pilot)
        assert done_ids(app.journal) == [first]
        assert "1 of 5 done" in text_of(screen, "#checklist-title")
        await pilot.press("enter")
        await settle(pilot)
        assert done_ids(app.journal) == []
        assert "0 of 5 done" in text_of(screen, "#checklist-title")
    app.journal.close()


async def test_a_click_ticks_the_line_under_the_pointer(db_path):
    """Clicking the third line of the checklist ticks the third exercise."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        third = screen.items[2].exercise.id
        await pilot.click("#checklist", offset=(5, 2))
        await settle(pilot)
        assert done_ids(app.journal) == [third]
    app.journal.close()


async def test_fewer_sets_and_a_note_are_saved(db_path):
    """``-`` on a ticked exercise stores one set fewer; ``n`` stores a note typed in the prompt."""
    with_starter(db_path, "strengthening")
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        item = screen.items[0]
        assert item.dose.sets >= 2
        await pilot.press("space", "minus")
        await settle(pilot)
        stored = app.journal.exercises.checklist(TODAY)[0]
        assert (stored.done, stored.sets_done) == (True, item.dose.sets - 1)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"felt tight", "enter")
        await settle(pilot)
        stored = app.journal.exercises.checklist(TODAY)[0]
        assert (stored.sets_done, stored.note) == (item.dose.sets - 1, "felt tight")
        assert "felt tight" in str(screen.checklist.get_option_at_index(0).prompt)
    app.journal.close()


async def test_the_note_prompt_opens_the_editor_with_ctrl_l(db_path, tmp_path, monkeypatch):
    """The set note's prompt names ctrl+l; the editor's lines are kept and stored; a note over
    500 characters is refused with a line saying so, and stays in the field to shorten."""
    from textual.widgets import Label

    from backjournal.tui.widgets.fields import Field

    with_starter(db_path, "strengthening")
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "two sets\\nthen stiff\\n" > "$1"\n')
    script.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(script))
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("n")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        hints = [str(label.content) for label in prompt.query(".hint").results(Label)]
        assert hints == ["Enter to keep · ctrl+l in your editor · Escape to cancel"]
        await pilot.press("ctrl+l")
        await settle(pilot)
        field = prompt.query_one("#text-input", Field)
        assert field.value == "two sets\nthen stiff"
        field.value = "x" * 501  # as an editor may return it
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is prompt
        assert str(prompt.query_one("#text-error", Static).content) == (
            "The note has 501 characters; at most 500."
        )
        field.value = "two sets\nthen stiff"
        await pilot.press("enter")
        await settle(pilot)
        assert app.journal.exercises.checklist(TODAY)[0].note == "two sets\nthen stiff"
    app.journal.close()


async def test_fewer_sets_needs_a_tick_first(db_path):
    """``-`` on an exercise not ticked stores nothing and says why."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("minus")
        await settle(pilot)
        assert done_ids(app.journal) == []
        assert any("Tick the exercise first" in str(n.message) for n in app._notifications)
    app.journal.close()


async def test_an_extra_exercise_is_ticked_from_the_library(db_path):
    """``e`` opens the library without today's exercises; Enter ticks the pick as an extra."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        scheduled = {i.exercise.id for i in screen.items}
        await pilot.press("e")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ExercisePicker)
        options = picker.query_one("#picker", OptionList)
        offered = {options.get_option_at_index(i).id for i in range(options.option_count)}
        assert offered and not offered & scheduled
        first = options.get_option_at_index(0).id
        await pilot.press("enter")
        await settle(pilot)
        extra = [i for i in app.journal.exercises.checklist(TODAY) if not i.scheduled]
        assert [(i.exercise.id, i.done) for i in extra] == [(first, True)]
        assert "extra" in str(screen.checklist.get_option_at_index(len(screen.items) - 1).prompt)
    app.journal.close()


async def test_programme_editor_adds_moves_edits_and_removes(db_path):
    """The editor adds an exercise, moves it up, changes its dose and days, removes another, and
    ctrl+s makes that the programme from the day shown."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("p")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ProgrammeEditor)
        before = [i.exercise_id for i in editor.items]
        await pilot.press("a")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ExercisePicker)
        added = picker.query_one("#picker", OptionList).get_option_at_index(0).id
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is editor
        await pilot.press("shift+up")  # the new last item moves above the one before it
        editor.query_one("#item-dose").focus()
        await pilot.press(*"2 x 5 per side", "enter")
        editor.query_one("#item-days").focus()
        await pilot.press(*"tue thu", "enter")
        await pilot.press("home", "x")  # remove the first item
        await pilot.press("ctrl+s")
        await settle(pilot)
        phase, items = app.journal.exercises.programme()
        expected_ids = before[1:-1] + [added, before[-1]]
        assert [i.exercise_id for i in items] == expected_ids
        new = items[expected_ids.index(added)]
        assert (new.dose, new.weekdays) == (Dose(2, reps=5, per_side=True), (1, 3))
        assert phase == "relief"
        # the days before keep the programme they had
        assert [i.exercise_id for i in app.journal.exercises.programme(START)[1]] == before
    app.journal.close()


async def test_a_wrong_dose_is_named_and_nothing_is_saved(db_path):
    """A dose of "lots" is named under the fields; saving keeps the programme as it was."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        before = app.journal.exercises.programme()
        await pilot.press("p")
        await settle(pilot)
        editor = app.screen
        editor.query_one("#item-dose").focus()
        await pilot.press(*"lots", "ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert "Dose: 'lots' is not a dose" in text_of(editor, "#editor-error")
        await pilot.press("escape", "escape")  # leave the field, then close (asks: changed? no)
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        assert app.journal.exercises.programme() == before
    app.journal.close()


async def test_escape_asks_before_discarding_changes(db_path):
    """Escape from an editor with a removed item asks first; "Keep editing" keeps the change."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("p")
        await settle(pilot)
        editor = app.screen
        await pilot.press("x", "escape")
        await settle(pilot)
        assert "Discard the changes" in str(app.screen.query_one(".question").content)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is editor and len(editor.items) == 4
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        assert len(app.journal.exercises.programme()[1]) == 5
    app.journal.close()


async def test_phase_change_is_recorded_with_why(db_path):
    """Changing the phase in the editor (with a reason) records it in the phase history."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.press("p")
        await settle(pilot)
        editor = app.screen
        editor.query_one(".phase-choice").focus()
        await pilot.press("right")
        assert editor.query_one("#why-row").display is True
        editor.query_one("#why").focus()
        await pilot.press(*"pain settled", "ctrl+s")
        await settle(pilot)
        history = app.journal.exercises.phase_history()
        assert history[-1] == (TODAY, "relief", "strengthening", "pain settled")
        assert "Strengthening" in text_of(screen, "#ex-phase")
        await pilot.press("p")
        await settle(pilot)
        shown = text_of(app.screen, "#phase-history")
        assert shown.startswith("Strengthening since 25 Nov 2026 (pain settled) · Relief from")
    app.journal.close()


def quiet_fortnight(path) -> None:
    """Fifteen days of pain at 1 with every scheduled exercise done: the move to maintenance."""
    with Journal.open(path) as journal:
        journal.exercises.start("strengthening", on=START, today=TODAY)
        for n in range(15):
            day = TODAY - dt.timedelta(days=n)
            journal.save_day(DayEntry(day.isoformat(), back_wake=1, leg_wake=0), TODAY)
            ids = [i.exercise.id for i in journal.exercises.checklist(day) if i.scheduled]
            if ids:
                journal.exercises.done(day, ids, today=TODAY)


async def test_suggestion_accepted_switches_phase(db_path):
    """After a quiet fortnight the banner suggests maintenance; ``a`` switches from today."""
    quiet_fortnight(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        assert screen.query_one("#suggestion").display is True
        assert "Move to maintenance?" in text_of(screen, "#suggestion-text")
        await pilot.press("a")
        await settle(pilot)
        assert app.journal.exercises.phase() == "maintenance"
        assert app.journal.exercises.phase_history()[-1][:3] == (
            TODAY,
            "strengthening",
            "maintenance",
        )
        assert screen.query_one("#suggestion").display is False
    app.journal.close()


async def test_suggestion_dismissed_by_click_stays_quiet(db_path):
    """ "Not now" (clicked) dismisses the suggestion: the phase stays, and it does not come back
    on reopening."""
    quiet_fortnight(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.click("#suggestion-dismiss")
        await settle(pilot)
        assert screen.query_one("#suggestion").display is False
        assert app.journal.exercises.phase() == "strengthening"
    app.journal.close()
    with Journal.open(db_path) as journal:
        assert journal.exercises.suggestion(TODAY) is None


async def test_today_shows_the_checklist_summary(db_path):
    """Today's summary reads "1 of 5 done" after a tick on the Exercises screen."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#marks-summary", Static).content)
        assert "0 of 5 done" in summary
        await open_exercises(pilot)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "1 of 5 done" in str(app.screen.query_one("#marks-summary", Static).content)
    app.journal.close()


async def test_previous_day_shows_its_own_checklist(db_path):
    """PgUp shows yesterday's checklist, where a tick is stored for yesterday; PgDn stops at
    today."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.press("pageup")
        await settle(pilot)
        yesterday = TODAY - dt.timedelta(days=1)
        assert screen.date == yesterday
        assert "yesterday" in str(screen.query_one("#ex-date").content)
        await pilot.press("space")
        await settle(pilot)
        assert done_ids(app.journal, yesterday) == [screen.items[0].exercise.id]
        assert done_ids(app.journal) == []
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert screen.date == TODAY
    app.journal.close()


async def test_palette_finds_the_exercise_actions(db_path):
    """The command palette lists the Exercises screen and its actions."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        titles = [c.title for c in app.get_system_commands(screen)]
        for wanted in ("Go to Exercises", "Tick exercise", "Edit programme", "Exercise note"):
            assert wanted in titles
    app.journal.close()


async def test_a_new_exercise_of_ones_own_goes_into_the_library(db_path):
    """From the picker, ``n`` opens the form; a saved exercise joins the library and can be
    picked; a form without a dose is refused with its reason."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        form.query_one("#ex-name").focus()
        await pilot.press(*"Wall angel", "ctrl+s")
        assert "Dose" in text_of(form, "#ex-error")
        form.query_one("#ex-steps").focus()
        await pilot.press(*"Back to a wall; slide arms up; slowly down")
        form.query_one("#ex-dose").focus()
        await pilot.press(*"2 x 10", "ctrl+s")
        await settle(pilot)
        mine = app.journal.exercises.get("wall-angel")
        assert mine is not None and not mine.builtin
        assert mine.steps == ("Back to a wall", "slide arms up", "slowly down")
        picker = app.screen
        assert isinstance(picker, ExercisePicker)
        options = picker.query_one("#picker", OptionList)
        assert options.get_option_at_index(options.highlighted).id == "wall-angel"
    app.journal.close()


def test_starter_programmes_fit_the_checklist():
    """Every starter item is a known exercise with a dose the checklist can show."""
    for phase in ("relief", "strengthening", "maintenance"):
        for item in starter_items(phase):
            assert isinstance(item, ProgrammeItem) and item.dose.text()


async def test_a_new_user_starts_a_programme_from_the_starter(db_path):
    """A new journal: the editor's empty list says how to begin; ``l`` loads the relief starter
    and ctrl+s makes it the programme, so today's checklist fills."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.press("p")
        await settle(pilot)
        editor = app.screen
        options = editor.query_one("#items", OptionList)
        assert "l loads this phase's starter" in str(options.get_option_at_index(0).prompt)
        await pilot.press("l", "ctrl+s")
        await settle(pilot)
        relief = [i.exercise_id for i in starter_items("relief")]
        assert [i.exercise_id for i in app.journal.exercises.programme()[1]] == relief
        scheduled_today = [i for i in starter_items("relief") if i.scheduled_on(TODAY)]
        assert len(screen.items) == len(scheduled_today)
        assert f"0 of {len(scheduled_today)} done" in text_of(screen, "#checklist-title")
    app.journal.close()


async def test_a_tick_from_the_shell_appears(db_path):
    """``backjournal done`` in another process shows on the open checklist at the next poll."""
    from click.testing import CliRunner

    from backjournal.cli import cli

    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        first = screen.items[0].exercise.id
        result = CliRunner().invoke(cli, ["--db", str(db_path), "done", first])
        assert result.exit_code == 0, result.output
        app._poll_journal()
        await settle(pilot)
        assert screen.items[0].done
        assert "1 of 5 done" in text_of(screen, "#checklist-title")
    app.journal.close()


async def test_ones_own_exercise_is_edited_and_a_built_in_is_not(db_path):
    """In the library, ctrl+e on one's own exercise opens it filled in and saves the change;
    on a built-in it says to hide it or add one's own, and opens nothing."""
    from backjournal.domain.exercises import Exercise

    with_starter(db_path)
    with Journal.open(db_path) as journal:
        journal.exercises.add(
            Exercise(
                "wall-angel",
                "Wall angel",
                "strength",
                "upper back",
                ("Back to a wall", "slide down"),
                Dose(3, hold_s=30),
                "knee pain",
                builtin=False,
            )
        )
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("e")
        await settle(pilot)
        picker = app.screen
        options = picker.query_one("#picker", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("dead-bug")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen is picker
        assert any("is built in" in str(n.message) for n in app._notifications)
        options.highlighted = ids.index("wall-angel")
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#ex-steps").value == "Back to a wall; slide down"
        form.query_one("#ex-name").focus()
        await pilot.press(*"Arms up wall slide", "ctrl+s")
        await settle(pilot)
        assert app.screen is picker
        mine = app.journal.exercises.get("wall-angel")
        assert (mine.name, mine.steps, mine.dose) == (
            "Arms up wall slide",
            ("Back to a wall", "slide down"),
            Dose(3, hold_s=30),
        )
    app.journal.close()


async def test_h_hides_a_built_in_and_s_shows_it_to_bring_it_back(db_path):
    """``h`` in the library hides the highlighted built-in (kept, not offered); ``s`` lists the
    hidden ones, and ``h`` there offers it again."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("e")
        await settle(pilot)
        options = app.screen.query_one("#picker", OptionList)

        def offered() -> list[str]:
            return [options.get_option_at_index(i).id for i in range(options.option_count)]

        options.highlighted = offered().index("plank")
        await pilot.press("h")
        await settle(pilot)
        assert "plank" not in offered()
        assert app.journal.exercises.get("plank").hidden
        assert "plank" not in [e.id for e in app.journal.exercises.library()]
        await pilot.press("s")
        options.highlighted = offered().index("plank")
        await pilot.press("h")
        await settle(pilot)
        assert not app.journal.exercises.get("plank").hidden
    app.journal.close()


async def test_saving_a_past_days_programme_says_what_it_replaces(db_path):
    """On a day before a later programme edit, the editor says saving replaces the edits made
    since and asks first; "Keep editing" writes nothing, "Save" applies from that day on."""
    with_starter(db_path)
    past = TODAY - dt.timedelta(days=10)
    with Journal.open(db_path) as journal:
        items = starter_items("relief")[:3]
        journal.exercises.set_programme(items, on=TODAY - dt.timedelta(days=5), today=TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("ctrl+g", *past.isoformat(), "enter")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        editor = app.screen
        assert "replaces the programme edits made since" in text_of(editor, "#later-warning")
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        assert "It replaces the programme edits made since" in str(
            app.screen.query_one(".question").content
        )
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is editor
        assert len(app.journal.exercises.programme()[1]) == 3
        await pilot.press("ctrl+s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        assert len(app.journal.exercises.programme(past)[1]) == 4
        assert len(app.journal.exercises.programme()[1]) == 4  # the later edit is replaced
        assert app.journal.exercises.phase_history()[-1][0] == START  # phases untouched
    app.journal.close()


async def test_today_programme_saves_without_asking(db_path):
    """Editing today's programme (nothing after it) saves at once, with no question."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_exercises(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert not app.screen.query("#later-warning")
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
        assert len(app.journal.exercises.programme()[1]) == 4
    app.journal.close()


async def test_todays_checklist_line_opens_the_exercises_screen(db_path):
    """A click on Today's "3: open the checklist" shows the Exercises screen."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        summary = app.screen.query_one("#marks-summary", Static)
        lines = str(summary.content).split("\n")
        row = next(i for i, line in enumerate(lines) if "open the checklist" in line)
        await pilot.click("#marks-summary", offset=(40, row))
        await settle(pilot)
        assert isinstance(app.screen, ExercisesScreen)
    app.journal.close()


async def test_the_panel_follows_the_highlight_and_adherence_is_shown(db_path):
    """The how-to panel shows the highlighted exercise's steps and when to stop; the adherence
    line shows the store's 7- and 28-day percentages and streak."""
    from backjournal.tui.exercise_text import pct

    with_starter(db_path)
    with Journal.open(db_path) as journal:
        for n in range(1, 8):
            day = TODAY - dt.timedelta(days=n)
            journal.exercises.done(
                day, [i.exercise.id for i in journal.exercises.checklist(day)][:2], today=TODAY
            )
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        await pilot.press("down")
        second = screen.items[1].exercise
        panel = text_of(screen, "#how-to-text")
        assert panel.startswith(second.name)
        assert second.steps[0] in panel and second.stop_when[:20] in panel
        stored = app.journal.exercises.adherence(TODAY)
        line = text_of(screen, "#adherence-wide")  # 120 columns: under both panes
        assert f"7 days {pct(stored.pct7)}" in line and f"28 days {pct(stored.pct28)}" in line
        assert stored.pct7 is not None and 0 < stored.pct7 < 1
    app.journal.close()


async def test_the_old_relief_starter_is_kept_with_a_one_time_note(db_path):
    """A programme loaded from the relief starter of before issue #14 is not changed; a note
    says the starter changed, once; l loads the new starter from today."""
    from backjournal.domain.exercises import OLD_RELIEF_STARTER, ProgrammeItem, parse_dose

    with Journal.open(db_path) as journal:
        old = [
            ProgrammeItem(i, parse_dose("2 x 10"), (0, 1, 2, 3, 4, 5, 6))
            for i in sorted(OLD_RELIEF_STARTER)
        ]
        journal.exercises.set_phase("relief", on=START, items=old, today=TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        assert {i.exercise.id for i in screen.items} == set(OLD_RELIEF_STARTER)
        notes = [str(n.message) for n in app._notifications]
        assert any(
            "The relief starter has changed" in n or "relief starter has" in n for n in notes
        )
        assert app.journal.note_shown("relief-starter-14")
        await pilot.press("l")
        await settle(pilot)
        ids = {i.exercise.id for i in app.journal.exercises.checklist(TODAY)}
        assert ids == {"walking", "mcgill-curl-up", "bird-dog", "side-plank", "glute-bridge"}


async def test_a_wide_screen_balances_the_panes_and_shows_twelve_weeks(db_path):
    """At 120 columns the how-to takes half the width and the strip twelve weeks under both
    panes; at 80 columns the narrow layout keeps four weeks in the checklist's pane."""
    with_starter(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercises(pilot)
        how_to = screen.query_one("#how-to")
        assert how_to.region.width >= 55 and screen.query_one("#ex-wide-adherence").display
        weeks = text_of(screen, "#ex-strip-wide").splitlines()[0].split(" ")[2:-2]
        assert len(weeks) == 12 and all(len(week) == 7 for week in weeks)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not screen.query_one("#ex-wide-adherence").display
        assert screen.query_one("#ex-strip").display
        weeks = text_of(screen, "#ex-strip").splitlines()[0].split(" ")[2:-2]
        assert len(weeks) == 4
    app.journal.close()
