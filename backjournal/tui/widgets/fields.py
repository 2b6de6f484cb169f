"""Compact form fields: one line high, so that a whole day fits in an 80x24 terminal."""

from __future__ import annotations

from textual.widgets import Input, Select


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
            value,
            placeholder=placeholder,
            id=id,
            classes=classes,
            tooltip=tooltip,
            compact=True,
            max_length=max_length,
            select_on_focus=True,
        )

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False


class ScoreField(Field):
    """A 0-10 score: digits only, two characters at most."""

    def __init__(self, value: str = "", *, id: str | None = None, tooltip: str | None = None):
        super().__init__(
            value, placeholder="·", id=id, classes="score", tooltip=tooltip, max_length=2
        )


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
