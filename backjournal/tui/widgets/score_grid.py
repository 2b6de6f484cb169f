"""A small spreadsheet of scores (pain 0-10, sleep 1-5): one widget instead of a field per score.

Keyboard first: arrow keys move, a digit sets the score (type ``1`` then ``0`` for 10), Backspace,
Delete or Space clears, Enter moves on. A click picks a cell. A digit out of range is refused with
a message naming the score and its range, and the score keeps its value. Cells that differ from
the saved values are marked, so the screen can show what is not saved yet.

One widget, rendered as a few lines of text, keeps the Today screen quick to build: a dozen input
widgets cost more start-up time than the rest of the screen together.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from backjournal.tui.widgets.component_styles import CachedStyles

TEN_WINDOW_S = 1.0  # "1" then "0" within this many seconds is 10


@dataclass(frozen=True)
class ScoreCell:
    """One score: its field name, how messages name it, and its range."""

    key: str
    label: str
    low: int = 0
    high: int = 10


class ScoreGrid(CachedStyles, Widget, can_focus=True):
    """Rows of score cells under column headers, with an optional read-only note per row."""

    STYLE_PREFIX = "score-grid"

    DEFAULT_CSS = """
    ScoreGrid {
        height: auto;
        width: 1fr;
    }
    ScoreGrid > .score-grid--header { color: $text-muted; }
    ScoreGrid > .score-grid--label { color: $text; }
    ScoreGrid > .score-grid--cell { background: $boost; }
    ScoreGrid > .score-grid--empty { color: $text-muted; background: $boost; }
    ScoreGrid > .score-grid--dirty { background: $warning 30%; text-style: italic; }
    ScoreGrid > .score-grid--error { background: $error 50%; text-style: bold; }
    ScoreGrid > .score-grid--cursor { background: $accent; color: $text; text-style: bold; }
    ScoreGrid > .score-grid--note { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "score-grid--header",
        "score-grid--label",
        "score-grid--cell",
        "score-grid--empty",
        "score-grid--dirty",
        "score-grid--error",
        "score-grid--cursor",
        "score-grid--note",
    }
    BINDINGS = [
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("backspace,delete,space", "clear_cell", "Clear", show=False),
        Binding("enter", "next_cell", "Next", show=False),
    ]

    cursor: reactive[tuple[int, int]] = reactive((0, 0))

    @dataclass
    class Changed(Message):
        """A score was set or cleared by the user."""

        grid: ScoreGrid
        key: str
        value: int | None

        @property
        def control(self) -> ScoreGrid:
            return self.grid

    @dataclass
    class Refused(Message):
        """A digit was out of range; ``message`` says why."""

        grid: ScoreGrid
        key: str
        message: str

        @property
        def control(self) -> ScoreGrid:
            return self.grid

    def __init__(
        self,
        columns: list[str],
        rows: list[tuple[str, list[ScoreCell]]],
        *,
        notes_header: str = "",
        label_width: int = 8,
        cell_width: int = 12,
        id: str | None = None,
        tooltip: str | None = None,
    ):
        super().__init__(id=id)
        self.columns = columns
        self.rows = rows
        self.notes_header = notes_header
        self.label_width = label_width
        self.cell_width = cell_width
        self.values: dict[str, int | None] = {c.key: None for _, cells in rows for c in cells}
        self.baseline: dict[str, int | None] = dict(self.values)
        self.notes: list[str] = ["" for _ in rows]
        self.errors: set[str] = set()
        self._pending_one: tuple[str, float] | None = None
        if tooltip:
            self.tooltip = tooltip

    # --- values ----------------------------------------------------------------------------------

    @property
    def cells(self) -> list[ScoreCell]:
        """Every cell, row by row."""
        return [cell for _, cells in self.rows for cell in cells]

    def cell_at(self, row: int, col: int) -> ScoreCell | None:
        cells = self.rows[row][1] if 0 <= row < len(self.rows) else []
        return cells[col] if 0 <= col < len(cells) else None

    @property
    def current(self) -> ScoreCell:
        """The cell under the cursor."""
        cell = self.cell_at(*self.cursor)
        assert cell is not None
        return cell

    def load(self, values: dict[str, int | None]) -> None:
        """Show saved values: they become the baseline that marks changes."""
        for key in self.values:
            self.values[key] = values.get(key)
        self.baseline = dict(self.values)
        self.errors.clear()
        self._pending_one = None
        self.refresh()

    def load_values(self, values: dict[str, int | None]) -> None:
        """Show ``values`` without changing the baseline (undo puts unsaved values back)."""
        if all(self.values.get(k) == v for k, v in values.items()):
            return
        for key in self.values:
            self.values[key] = values.get(key)
        self.errors.clear()
        self.refresh()
        self.post_message(self.Changed(self, next(iter(values), ""), None))

    def set_value(self, key: str, value: int | None) -> None:
        """Set a score as if the user typed it (it shows as changed until saved)."""
        self.values[key] = value
        self.errors.clear()  # a refusal mark is about the last keystroke; this one was accepted
        self.refresh()
        self.post_message(self.Changed(self, key, value))

    def dirty_keys(self) -> list[str]:
        """The scores that differ from the saved values."""
        return [k for k, v in self.values.items() if v != self.baseline.get(k)]

    def set_note(self, row: int, text: str) -> None:
        """Set the read-only note shown at the end of ``row``."""
        self.notes[row] = text
        self.refresh()

    def move_to(self, key: str) -> None:
        """Put the cursor on the cell ``key``."""
        for r, (_, cells) in enumerate(self.rows):
            for c, cell in enumerate(cells):
                if cell.key == key:
                    self.cursor = (r, c)
                    return

    def mark_error(self, key: str) -> None:
        """Mark a cell as the cause of a refusal (cleared when it changes)."""
        self.errors.add(key)
        self.refresh()

    # --- keys and mouse --------------------------------------------------------------------------

    def action_move(self, drow: int, dcol: int) -> None:
        row, col = self.cursor
        row = max(0, min(len(self.rows) - 1, row + drow))
        col = max(0, min(len(self.rows[row][1]) - 1, col + dcol))
        self.cursor = (row, col)
        self._pending_one = None

    def action_clear_cell(self) -> None:
        self._pending_one = None
        if self.values[self.current.key] is not None:
            self.set_value(self.current.key, None)

    def action_next_cell(self) -> None:
        row, col = self.cursor
        self._pending_one = None
        if col + 1 < len(self.rows[row][1]):
            self.cursor = (row, col + 1)
        elif row + 1 < len(self.rows):
            self.cursor = (row + 1, 0)
        else:
            self.screen.focus_next()

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdecimal():
            return
        if not event.character.isascii():
            return
        event.stop()
        event.prevent_default()
        self._type_digit(int(event.character))

    def _type_digit(self, digit: int) -> None:
        cell = self.current
        now = time.monotonic()
        pending, self._pending_one = self._pending_one, None
        if pending and pending[0] == cell.key and now - pending[1] <= TEN_WINDOW_S:
            value = 10 + digit
            if value > cell.high:
                self._refuse(cell, value)
                return
        else:
            value = digit
            if not cell.low <= value <= cell.high:
                self._refuse(cell, value)
                return
            if value == 1 and cell.high >= 10:
                self._pending_one = (cell.key, now)
        self.set_value(cell.key, value)

    def _refuse(self, cell: ScoreCell, value: int) -> None:
        self.mark_error(cell.key)
        message = f"{cell.label} must be {cell.low}-{cell.high}, not {value}"
        self.post_message(self.Refused(self, cell.key, message))

    def on_click(self, event: events.Click) -> None:
        row = event.y - (1 if self.columns else 0)
        if row < 0 or row >= len(self.rows):
            return
        col = (event.x - self.label_width) // self.cell_width
        if self.cell_at(row, col) is not None and event.x >= self.label_width:
            self.cursor = (row, col)
            self._pending_one = None
            self.focus()

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self._pending_one = None
        self.refresh()

    # --- drawing ---------------------------------------------------------------------------------

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows) + (1 if self.columns else 0)

    def render(self) -> Text:
        style = self.style_of
        lines: list[Text] = []
        if self.columns:
            header = Text(" " * self.label_width)
            for title in self.columns:
                header.append(f"{title:<{self.cell_width}}"[: self.cell_width])
            header.append(self.notes_header)
            header.stylize(style("header"))
            lines.append(header)
        for r, (label, cells) in enumerate(self.rows):
            label_text = f"{label:<{self.label_width}}"[: self.label_width]
            line = Text(label_text, style("label"))
            for c, cell in enumerate(cells):
                line.append_text(self._cell_text(cell, (r, c) == self.cursor))
                line.append(" " * (self.cell_width - 4))
            if self.notes[r]:
                line.append(self.notes[r], style("note"))
            lines.append(line)
        return Text("\n").join(lines)

    def _cell_text(self, cell: ScoreCell, under_cursor: bool) -> Text:
        style = self.style_of
        value = self.values[cell.key]
        text = f" {'·' if value is None else value:>2} "
        if under_cursor and self.has_focus:
            cell_style = style("cursor")
        elif cell.key in self.errors:
            cell_style = style("error")
        elif value != self.baseline.get(cell.key):
            cell_style = style("dirty")
        elif value is None:
            cell_style = style("empty")
        else:
            cell_style = style("cell")
        return Text(text, cell_style or Style())
