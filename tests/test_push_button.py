"""PushButton: the light button of the Today screen (click, Enter, Space; disabled does nothing)."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult

from backjournal.tui.widgets.push_button import PushButton


class Buttons(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield PushButton("Go", id="go", tooltip="Go now")
        yield PushButton("Off", id="off", disabled=True)
        yield PushButton("Save", id="save", primary=True)
        yield PushButton("Count", id="count", action="app.count")

    def action_count(self) -> None:
        self.pressed.append("counted")

    @on(PushButton.Pressed)
    def _pressed(self, event: PushButton.Pressed) -> None:
        self.pressed.append(event.control.id or "")


async def test_click_enter_and_space_press_it():
    """A click, Enter and Space on the focused button each post one Pressed for that button."""
    app = Buttons()
    async with app.run_test() as pilot:
        await pilot.click("#go")
        app.query_one("#save").focus()
        await pilot.press("enter", "space")
        await pilot.pause()
        assert app.pressed == ["go", "save", "save"]


async def test_disabled_button_ignores_clicks_and_focus():
    """A disabled button posts nothing and Tab skips it."""
    app = Buttons()
    async with app.run_test() as pilot:
        await pilot.click("#off")
        app.query_one("#go").focus()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "save"
        assert app.pressed == []


async def test_primary_and_tooltip():
    """``primary`` adds the -primary class; the tooltip is kept for hovering."""
    app = Buttons()
    async with app.run_test():
        assert app.query_one("#save").has_class("-primary")
        assert app.query_one("#go").tooltip == "Go now"


async def test_a_button_runs_its_action():
    """A button given an action runs it when pressed, and still posts its Pressed message."""
    app = Buttons()
    async with app.run_test() as pilot:
        await pilot.click("#count")
        await pilot.pause()
        assert sorted(app.pressed) == ["count", "counted"]
