"""The Oswestry check-in dialog: answered with keys and the mouse, scored live, saved or cancelled.

The dialog is pushed from a minimal app that records what it dismisses with, and once from the
real app (whose number keys switch screens) to check that digits answer instead.
"""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.widgets import Static
from uikit import build_app, settle

from backjournal.domain.questionnaires import odi_score
from backjournal.tui.dialogs.odi import OdiDialog

NOT_DISMISSED = object()


class DialogApp(App[None]):
    """An empty app that opens the dialog and keeps the value it returns."""

    def __init__(self) -> None:
        super().__init__()
        self.result: object = NOT_DISMISSED
        self.dialog = OdiDialog()

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.keep)

    def keep(self, value: object) -> None:
        self.result = value


def text(dialog: OdiDialog, selector: str) -> str:
    """The plain text a Static of the dialog shows (its markup removed)."""
    return Content.from_markup(str(dialog.query_one(selector, Static).content)).plain


async def test_keys_reproduce_the_ten_section_example():
    """Answers adding up to 16 over ten sections score 32.0 % and are returned as typed."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"2222221111")
        assert text(app.dialog, "#odi-score") == (
            "Score so far: 32.0 % (moderate disability), 10 of 10 answered"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == [2, 2, 2, 2, 2, 2, 1, 1, 1, 1]


async def test_keys_reproduce_the_nine_section_example_with_a_skip():
    """16 over nine sections, one skipped with s, scores 35.6 % and returns None for the skip."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"22222211", "s", "2")
        assert text(app.dialog, "#odi-score") == (
            "Score so far: 35.6 % (moderate disability), 9 of 10 answered"
        )
        assert " 9:– " in text(app.dialog, "#odi-progress")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == [2, 2, 2, 2, 2, 2, 1, 1, None, 2]
    assert odi_score(app.result).score == 35.6


async def test_a_digit_answers_and_moves_to_the_next_section():
    """Each digit answers the section shown and shows the next one; the score follows."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        assert text(app.dialog, "#odi-section") == "Section 1 of 10 · Pain intensity"
        assert text(app.dialog, "#odi-score") == "Score so far: none yet, 0 of 10 answered"
        await pilot.press("3")
        assert text(app.dialog, "#odi-section").startswith("Section 2 of 10 · Personal care")
        assert text(app.dialog, "#odi-score") == (
            "Score so far: 60.0 % (severe disability), 1 of 10 answered"
        )
        assert " 1:3 " in text(app.dialog, "#odi-progress")


async def test_sections_can_be_revisited_and_changed():
    """Left/PgUp go back, the chosen answer is marked, and a new digit replaces it."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "1", "left", "left")
        assert app.dialog.current == 0
        assert "▸● 4  The pain is very severe" in text(app.dialog, "#odi-answers")
        await pilot.press("0", "pagedown", "pageup")
        assert app.dialog.current == 1
        assert app.dialog.answers[:2] == [0, 1]
        await pilot.press("right", "up", "enter")
        assert app.dialog.answers[2] == 5
        assert app.dialog.current == 3


async def test_clicking_an_answer_chooses_it():
    """A click on an answer chooses it and moves on; a click on a section's number goes back."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#odi-answers", offset=(10, 3))
        await pilot.pause()
        assert app.dialog.answers[0] == 3
        assert app.dialog.current == 1
        await pilot.click("#odi-answers", offset=(10, 0))
        await pilot.pause()
        assert app.dialog.answers[1] == 0
        progress = text(app.dialog, "#odi-progress")
        await pilot.click("#odi-progress", offset=(progress.index(" 1:3 ") + 2, 0))
        await pilot.pause()
        assert app.dialog.current == 0
        await pilot.click("#save")
        await pilot.pause()
    assert app.result == [3, 0, *[None] * 8]


async def test_buttons_step_skip_and_save():
    """Next, Back and Skip buttons move through the sections; Save returns the answers."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#next")
        await pilot.pause(0.3)  # a button ignores clicks during its 0.2 s press effect
        await pilot.click("#next")
        await pilot.click("#back")
        assert app.dialog.current == 1
        await pilot.click("#skip")
        assert app.dialog.current == 2
        await pilot.press("5")
        await pilot.click("#save")
        await pilot.pause()
    assert app.result == [None, None, 5, *[None] * 7]


async def test_escape_cancels():
    """Escape closes the dialog and returns None, whatever was answered."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3", "escape")
        await pilot.pause()
        assert app.screen is not app.dialog
    assert app.result is None


async def test_cancel_button_cancels():
    """The Cancel button returns None."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.click("#cancel")
        await pilot.pause()
    assert app.result is None


async def test_saving_with_every_section_skipped_is_refused():
    """With all ten sections skipped, Save says so and the dialog stays open."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"s" * 10, "ctrl+s")
        await pilot.pause()
        assert app.screen is app.dialog
        assert "Every section is skipped" in text(app.dialog, "#odi-error")
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is app.dialog
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
    assert app.result == [*[None] * 9, 1]


async def test_saving_with_nothing_answered_is_refused():
    """Save before any answer says nothing is answered yet, and the dialog stays open."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.dialog
        assert "No section is answered yet" in text(app.dialog, "#odi-error")
        await pilot.press("0")
        assert text(app.dialog, "#odi-error") == ""
    assert app.result is NOT_DISMISSED


async def test_the_dialog_fits_80x24():
    """At 80x24 the whole dialog, the longest answer and the buttons are on screen."""
    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1")  # the Lifting section has the longest answer
        await pilot.pause()
        screen = app.screen.region
        for selector in ("#odi-box", "#odi-answers", "#odi-score", "#save", "#cancel"):
            assert screen.contains_region(app.dialog.query_one(selector).region), selector
        assert "fine if" in text(app.dialog, "#odi-answers")
        assert "\n      handy" in text(app.dialog, "#odi-answers")


async def test_digits_answer_instead_of_switching_screens_in_the_app(db_path):
    """Pushed on the real app, 5 answers a section rather than opening History."""
    app = build_app(db_path)
    results = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = OdiDialog()
        app.push_screen(dialog, results.append)
        await pilot.pause()
        await pilot.press("5", "1", "ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "TodayScreen"
    assert results == [[5, 1, *[None] * 8]]
