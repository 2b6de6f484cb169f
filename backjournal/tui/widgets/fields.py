"""Compact form fields: one line high, so that a whole day fits in an 80x24 terminal."""

from __future__ import annotations

from textual.widgets import Input, Select
from textual.widgets.input import Selection


class Field(Input):
    """A one-line input. The cursor does not blink when the app runs headless (stable snapshots)."""

    def __init__(
        self,
        value: str = "",
        *,
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
        tooltip: str | None = None,
        max_length: int = 0,
    ):
        super().__init__(
            None,
            placeholder=placeholder,
            id=id,
            classes=classes,
            tooltip=tooltip,
            compact=True,
            max_length=max_length,
            select_on_focus=True,
        )
        if value:
            # Set without watchers: Input's own setter posts a Changed message and recomputes
            # its selection, which for a screenful of fields costs a noticeable part of start-up.
            self.set_reactive(Input.value, value)
            self.set_reactive(Input.selection, Selection.cursor(len(value)))
            self._initial_value = False

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False


class Choice(Select[str]):
    """A compact drop-down of fixed choices (no blank)."""

    def __init__(
        self,
        options: list[tuple[str, str]],
        value: str | None,
        *,
        id: str | None = None,
        tooltip: str | None = None,
        allow_blank: bool = False,
        prompt: str = "–",
        classes: str | None = None,
    ):
        super().__init__(
            options,
            value=Select.NULL if value is None else value,
            allow_blank=allow_blank,
            id=id,
            compact=True,
            classes=classes,
            tooltip=tooltip,
            prompt=prompt,
        )
