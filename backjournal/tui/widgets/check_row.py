"""A row of yes/no checks in one widget (the daily red-flag check).

Left/Right move, Space or Enter toggles, a click toggles the check under the pointer. Items wrap
to the widget's width. One widget rather than a checkbox each keeps the Today screen quick.

With ``collapsed`` text, the row is one line while nothing is ticked and it has no focus (the
daily red-flag check: "none of these today"); focus (a click, Tab) opens it. Ticking never moves
a check: the open row keeps its shape while it has focus or a tick. ``groups`` names where a
group of checks begins (a new line, with its label before the first check).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from backjournal.tui.widgets.component_styles import CachedStyles

GAP = 2


class CheckRow(CachedStyles, Widget, can_focus=True):
    """Checks ``items`` ((key, label) pairs); ``values`` maps each key to True or None."""

    STYLE_PREFIX = "check-row"

    DEFAULT_CSS = """
    CheckRow {
        height: auto;
        width: 1fr;
    }
    CheckRow > .check-row--title { color: $accent; text-style: bold; }
    CheckRow > .check-row--item { color: $text-muted; }
    CheckRow > .check-row--on { color: $error; text-style: bold; }
    CheckRow > .check-row--cursor { background: $accent; color: $text; }
    CheckRow > .check-row--dirty { text-style: italic; background: $warning 30%; }
    """
    COMPONENT_CLASSES = {
        "check-row--title",
        "check-row--item",
        "check-row--on",
        "check-row--cursor",
        "check-row--dirty",
    }
    BINDINGS = [
        Binding("left", "move(-1)", "Left", show=False),
        Binding("right", "move(1)", "Right", show=False),
        Binding("space,enter", "toggle", "Toggle", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """A check was toggled."""

        check_row: CheckRow
        key: str
        value: bool | None

        @property
        def control(self) -> CheckRow:
            return self.check_row

    def __init__(
        self,
        items: tuple[tuple[str, str], ...],
        *,
        id: str | None = None,
        tooltip: str = "",
        title: str = "",
        hint: str = "",
        collapsed: str = "",
        groups: dict[int, str] | None = None,
    ):
        super().__init__(id=id)
        self.items = items
        self.title = title  # a first line: the title, then a hint
        self.hint = hint
        self.collapsed = collapsed
        self.groups = groups or {}
        self.values: dict[str, bool | None] = {key: None for key, _ in items}
        self.baseline: dict[str, bool | None] = dict(self.values)
        self._layout: list[tuple[int, int, int]] = []  # (line, start, end) of each item
        if tooltip:
            self.tooltip = tooltip

    def load(self, values: dict[str, bool | None]) -> None:
        """Show saved answers: they become the baseline that marks changes."""
        self.values = {key: values.get(key) for key, _ in self.items}
        self.baseline = dict(self.values)
        self.refresh()

    def dirty_keys(self) -> list[str]:
        return [k for k, v in self.values.items() if bool(v) != bool(self.baseline.get(k))]

    def set_value(self, key: str, value: bool | None) -> None:
        """Answer a check as if the user did."""
        self.values[key] = value
        self.refresh()
        self.post_message(self.Changed(self, key, value))

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.items)

    def action_toggle(self) -> None:
        key = self.items[self.cursor][0]
        self.set_value(key, None if self.values[key] else True)

    @property
    def is_collapsed(self) -> bool:
        """One line: collapsible, nothing ticked, no focus."""
        return bool(self.collapsed) and not self.has_focus and not any(self.values.values())

    def on_click(self, event: events.Click) -> None:
        if self.is_collapsed:
            self.focus()  # opens the row; a tick needs a second, deliberate click
            return
        first = 1 if self.title else 0
        for index, (line, start, end) in enumerate(self._layout):
            if event.y == line + first and start <= event.x < end:
                self.cursor = index
                self.focus()
                self.action_toggle()
                return

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh(layout=bool(self.collapsed))

    def on_blur(self) -> None:
        self.refresh(layout=bool(self.collapsed))

    def _lines(self, width: int) -> list[list[tuple[int, str]]]:
        lines: list[list[tuple[int, str]]] = [[]]
        used = 0
        self._layout = []
        for index, (key, label) in enumerate(self.items):
            text = f"{'■' if self.values[key] else '□'} {label}"
            if index in self.groups:
                if used:
                    lines.append([])
                lines[-1].append((-1, self.groups[index]))
                used = len(self.groups[index])
            if used and used + GAP + len(text) > width:
                lines.append([])
                used = 0
            start = used + (GAP if used else 0)
            lines[-1].append((index, text))
            self._layout.append((len(lines) - 1, start, start + len(text)))
            used = start + len(text)
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:
        if self.is_collapsed:
            return 1
        return len(self._lines(max(1, width))) + (1 if self.title else 0)

    def render(self) -> Text:
        rows = []
        if self.is_collapsed:
            head = Text(self.title, self.style_of("title"))
            head.append(f"  {self.collapsed}", self.style_of("item"))
            return head
        if self.title:
            head = Text(self.title, self.style_of("title"))
            head.append(f"  {self.hint}", self.style_of("item"))
            rows.append(head)
        for line in self._lines(max(1, self.size.width)):
            row = Text()
            for position, (index, text) in enumerate(line):
                if index < 0:  # a group's label
                    row.append(text, self.style_of("title"))
                    continue
                if position:
                    row.append(" " * GAP)
                key = self.items[index][0]
                style = self.style_of("on" if self.values[key] else "item")
                if key in self.dirty_keys():
                    style = style + self.style_of("dirty")
                if index == self.cursor and self.has_focus:
                    style = style + self.style_of("cursor")
                row.append(text, style)
            rows.append(row)
        return Text("\n").join(rows)
