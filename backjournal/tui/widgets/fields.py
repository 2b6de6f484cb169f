"""Compact form fields: one line high, so that a whole day fits in an 80x24 terminal.

A field holds the user's text exactly (what is saved is what was stored or typed), but draws it
through :func:`~backjournal.domain.safe_text.shown`: a note holding ``ESC [ 2 J`` is edited as
it is and drawn as ``␛[2J``, and a line break (a note written in $EDITOR) as ``↵``. ``shown``
maps each character to one character, so the cursor and the selection stay where they are.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, Select
from textual.widgets.input import Selection

from backjournal.domain.safe_text import UNREADABLE, shown

# A note written in $EDITOR keeps its line breaks (issue #15): the one-line field holds them
# and draws each as ↵, one character for one, so that the cursor stays where it is.
LINE_BREAK_MARK = "\N{DOWNWARDS ARROW WITH CORNER LEFTWARDS}"
_MARK_BREAKS = {ord("\n"): LINE_BREAK_MARK}


class Field(Input):
    """A one-line input. The cursor does not blink when the app runs headless (stable snapshots).
    A value that is not text (a BLOB in a damaged or shared journal) is shown as unreadable."""

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
        if not isinstance(value, str):
            value = UNREADABLE if value is not None else ""
        if value:
            # Set without watchers: Input's own setter posts a Changed message and recomputes
            # its selection, which for a screenful of fields costs a noticeable part of start-up.
            self.set_reactive(Input.value, value)
            self.set_reactive(Input.selection, Selection.cursor(len(value)))
            self._initial_value = False

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False

    def validate_value(self, value: object) -> str:
        """Only text is held: anything else read from a journal is shown as unreadable."""
        if isinstance(value, str):
            return value
        return "" if value is None else UNREADABLE

    @property
    def _value(self) -> Text:
        """The value as drawn: every control character made visible (Input draws it raw)."""
        if self.password:
            return super()._value
        text = Text(
            shown(self.value.translate(_MARK_BREAKS)), no_wrap=True, overflow="ignore", end=""
        )
        return self.highlighter(text) if self.highlighter is not None else text


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
