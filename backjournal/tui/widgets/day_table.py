"""A table of days drawn line by line: only the rows on screen are rendered.

Ten years are 3,650 rows. A table widget that builds and measures every cell costs time in
proportion to the rows it holds; this one keeps plain formatted strings and renders the few lines
in view (Textual's line API, ``ScrollView.render_line``), so a ten-year journal paints as fast as
a one-week one. Keyboard: Up/Down, PgUp/PgDn, Home (newest), End (oldest), Enter opens. Mouse: a
click selects a row, a click on the selected row opens it, the wheel scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from backjournal.domain.safe_text import shown
from backjournal.tui.widgets.component_styles import CachedStyles


@dataclass(frozen=True)
class Column:
    """A column: its title, its width (0: the rest of the line) and whether it is right-aligned."""

    title: str
    width: int
    right: bool = False


class DayTable(CachedStyles, ScrollView, can_focus=True):
    """Rows of cells under a header line, with a row cursor."""

    STYLE_PREFIX = "day-table"

    DEFAULT_CSS = """
    DayTable {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        padding: 0 0 0 1;
    }
    DayTable > .day-table--header { color: $text; background: $panel; text-style: bold; }
    DayTable > .day-table--row { color: $text; }
    DayTable > .day-table--odd { color: $text; background: $boost; }
    DayTable > .day-table--cursor { color: $text; background: $primary 60%; text-style: bold; }
    DayTable:focus > .day-table--cursor { background: $primary; }
    DayTable > .day-table--dim { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "day-table--header",
        "day-table--row",
        "day-table--odd",
        "day-table--cursor",
        "day-table--dim",
    }
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "Newest", show=False),
        Binding("end", "jump(-1)", "Oldest", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Selected(Message):
        """Enter (or a click on the selected row) chose row ``index``."""

        table: DayTable
        index: int

        @property
        def control(self) -> DayTable:
            return self.table

    def __init__(self, columns: list[Column], *, id: str | None = None):
        super().__init__(id=id)
        self.columns = columns
        self.rows: list[tuple[str, ...]] = []
        self.dim: list[bool] = []  # rows drawn muted (rest days)

    # --- data ------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list[tuple[str, ...]], dim: list[bool] | None = None) -> None:
        """Replace every row (the cursor stays where it was, within the new rows)."""
        self.rows = list(rows)
        self.dim = list(dim) if dim is not None else [False] * len(rows)
        self._resize()
        self.cursor_row = min(self.cursor_row, max(0, len(self.rows) - 1))

    def add_rows(self, rows: list[tuple[str, ...]], dim: list[bool] | None = None) -> None:
        """Append rows at the end."""
        self.rows.extend(rows)
        self.dim.extend(dim if dim is not None else [False] * len(rows))
        self._resize()

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = columns
        self.refresh()

    def _resize(self) -> None:
        # One line for the header, one per row.
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)
        self.refresh()

    # --- cursor ----------------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` and scroll it into view."""
        if not self.rows:
            return
        self.cursor_row = max(0, min(len(self.rows) - 1, row))

    def watch_cursor_row(self, row: int) -> None:
        # The header occupies the first line of the view, so a row must stay below it.
        visible = self.scrollable_content_region.height - 1
        top = self.scroll_offset.y
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif visible > 0 and row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False)
        self.refresh()

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        page = max(1, self.scrollable_content_region.height - 2)
        self.move_cursor(self.cursor_row + direction * page)

    def action_jump(self, where: int) -> None:
        self.move_cursor(0 if where == 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return  # the header
        row = self.scroll_offset.y + event.y - 1
        if 0 <= row < len(self.rows):
            if row == self.cursor_row:
                self.action_select()
            else:
                self.move_cursor(row)

    # --- drawing ---------------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _line(self, cells: tuple[str, ...], width: int) -> str:
        parts = []
        used = 0
        for column, text in zip(self.columns, cells, strict=False):
            text = shown(text)  # every cell may hold stored text: drawn as segments, never raw
            cell_width = column.width or max(0, width - used - 1)
            text = text if len(text) <= cell_width else text[: max(0, cell_width - 1)] + "…"
            parts.append(text.rjust(cell_width) if column.right else text.ljust(cell_width))
            used += cell_width + 1
        return " ".join(parts)[:width].ljust(width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            header = self._line(tuple(c.title for c in self.columns), width)
            return Strip([Segment(header, self.style_of("header"))], width)
        row = self.scroll_offset.y + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, self.style_of("row"))
        if row == self.cursor_row:
            style = self.style_of("cursor")
        else:
            style = self.style_of("odd" if row % 2 else "row")
            if self.dim[row]:
                style = style + self.style_of("dim")
        return Strip([Segment(self._line(self.rows[row], width), style)], width)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()

    def on_resize(self) -> None:
        self._resize()
