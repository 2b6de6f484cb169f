"""The body map widget: the back and front figures, marks shaded by intensity, a region cursor.

Keyboard: arrows move to the spatially nearest region, a digit sets the intensity (``1`` then
``0``, or ``x``, for 10), a letter toggles a quality (a ache, s sharp, h shooting, b burning,
t tingling, n numbness, w weakness), Space/Delete clears the region, Enter asks the screen to open
the mark dialog. Mouse: a click anywhere inside a region selects it; a click on the selected
region opens the dialog. The shading uses different characters as well as colours, so it reads
with NO_COLOR; a leg mark with a nerve-like quality, the kind that counts toward the extent, is
filled with ``≈`` whatever its intensity (its number still says how much).

One widget renders the whole canvas as text (about 800 cells): a key press redraws it in well
under a millisecond of Python, far inside the 50 ms the issue allows.
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
from textual.strip import Strip
from textual.widget import Widget

from backjournal.domain.body import (
    CANVAS_WIDTH,
    CELLS,
    FIGURE_GAP,
    FIGURE_HEIGHT,
    FIGURE_WIDTH,
    LABEL_CELLS,
    QUALITY_KEYS,
    REGION_BY_ID,
    body_at,
    neighbour,
    nerve_like_leg_mark,
    region_at,
)
from backjournal.domain.symptoms import Mark, sorted_qualities
from backjournal.tui.widgets.component_styles import CachedStyles

HEADER_ROWS = 2
# The regions drawn on each row of the canvas: a row's cached line depends on these only.
ROW_REGIONS: tuple[tuple[str, ...], ...] = tuple(
    tuple(sorted({r for (x, yy), r in CELLS.items() if yy == y})) for y in range(FIGURE_HEIGHT)
)
TEN_WINDOW_S = 1.0
# Shading by NRS band: the character carries the band even without colour.
SHADES = {"zero": "◦", "mild": "░", "moderate": "▒", "severe": "▓"}
NERVE_FILL = "≈"  # a leg mark with a nerve-like quality: it counts toward the extent
LEGEND = "· not marked  ◦ 0\n░ 1-3 mild  ▒ 4-6 moderate\n▓ 7-10 severe  ≈ nerve-like"


def band(intensity: int) -> str:
    if intensity <= 0:
        return "zero"
    if intensity <= 3:
        return "mild"
    if intensity <= 6:
        return "moderate"
    return "severe"


class BodyMap(CachedStyles, Widget, can_focus=True):
    """Two figures of regions; ``marks`` maps region ids to their marks."""

    STYLE_PREFIX = "body-map"

    DEFAULT_CSS = """
    BodyMap {
        width: 40;
        height: 21;
    }
    BodyMap > .body-map--title { color: $text-muted; text-style: bold; }
    BodyMap > .body-map--region { color: $text-muted; background: $boost; }
    BodyMap > .body-map--body { background: $panel; }
    BodyMap > .body-map--zero { color: $text; background: $boost; }
    BodyMap > .body-map--mild { color: $warning-lighten-2; background: $warning 20%; }
    BodyMap > .body-map--moderate { color: $warning; background: $warning 40%; text-style: bold; }
    BodyMap > .body-map--severe {
        color: $error-lighten-2; background: $error 55%; text-style: bold;
    }
    BodyMap > .body-map--cursor { color: $text; background: $accent; text-style: bold reverse; }
    BodyMap > .body-map--selected { text-style: bold underline; }
    """
    COMPONENT_CLASSES = {
        "body-map--title",
        "body-map--region",
        "body-map--body",
        "body-map--zero",
        "body-map--mild",
        "body-map--moderate",
        "body-map--severe",
        "body-map--cursor",
        "body-map--selected",
    }
    BINDINGS = [
        Binding("left", "move('left')", "Left", show=False),
        Binding("right", "move('right')", "Right", show=False),
        Binding("up", "move('up')", "Up", show=False),
        Binding("down", "move('down')", "Down", show=False),
        Binding("space,delete,backspace", "clear_region", "Clear", show=False),
        Binding("enter", "edit", "Edit", show=False),
    ]

    selected: reactive[str] = reactive("low-back")

    @dataclass
    class Changed(Message):
        """The user changed a region's mark (``mark`` is None when it was cleared)."""

        body_map: BodyMap
        region: str
        mark: Mark | None

        @property
        def control(self) -> BodyMap:
            return self.body_map

    @dataclass
    class Moved(Message):
        """The selection moved to ``region``."""

        body_map: BodyMap
        region: str

        @property
        def control(self) -> BodyMap:
            return self.body_map

    @dataclass
    class EditRequested(Message):
        """Enter (or a click on the selected region): the screen opens the mark dialog."""

        body_map: BodyMap
        region: str

        @property
        def control(self) -> BodyMap:
            return self.body_map

    def __init__(self, *, read_only: bool = False, id: str | None = None, title: str = "") -> None:
        super().__init__(id=id)
        self.read_only = read_only
        self.title = title
        self.marks: dict[str, Mark] = {}
        self._pending_one: tuple[str, float] | None = None
        self._lines: dict[tuple, Strip] = {}
        if read_only:
            self.can_focus = False

    # --- data ------------------------------------------------------------------------------------

    def show_marks(self, marks: list[Mark], title: str | None = None) -> None:
        """Show ``marks`` (a day's map) and optionally a new title."""
        self.marks = {m.region: m for m in marks}
        if title is not None:
            self.title = title
        self.refresh()

    def mark_list(self) -> list[Mark]:
        return list(self.marks.values())

    def _set(self, region: str, mark: Mark | None) -> None:
        if mark is None:
            if self.marks.pop(region, None) is None:
                return
        else:
            self.marks[region] = mark
        self.refresh()
        self.post_message(self.Changed(self, region, mark))

    def set_mark(self, region: str, mark: Mark | None) -> None:
        """Set (or clear) a region's mark as if the user did."""
        self._set(region, mark)

    # --- keys and mouse --------------------------------------------------------------------------

    def watch_selected(self, region: str) -> None:
        self._pending_one = None
        self.refresh()
        self.post_message(self.Moved(self, region))

    def action_move(self, direction: str) -> None:
        self.selected = neighbour(self.selected, direction)

    def action_clear_region(self) -> None:
        if not self.read_only:
            self._set(self.selected, None)

    def action_edit(self) -> None:
        if not self.read_only:
            self.post_message(self.EditRequested(self, self.selected))

    def on_key(self, event: events.Key) -> None:
        if self.read_only:
            return
        char = event.character or ""
        if char.isascii() and char.isdecimal():
            self._digit(int(char))
        elif char == "x":
            self._set_intensity(10)
        elif char in QUALITY_KEYS:
            self._toggle_quality(QUALITY_KEYS[char])
        else:
            return
        event.stop()
        event.prevent_default()

    def _digit(self, digit: int) -> None:
        now = time.monotonic()
        pending, self._pending_one = self._pending_one, None
        if pending and pending[0] == self.selected and now - pending[1] <= TEN_WINDOW_S:
            if digit == 0:
                self._set_intensity(10)
                return
        if digit == 1:
            self._pending_one = (self.selected, now)
        self._set_intensity(digit)

    def _set_intensity(self, value: int) -> None:
        current = self.marks.get(self.selected)
        qualities = current.qualities if current else ()
        self._set(self.selected, Mark(self.selected, value, qualities))

    def _toggle_quality(self, quality: str) -> None:
        current = self.marks.get(self.selected) or Mark(self.selected, 0, ())
        chosen = set(current.qualities) ^ {quality}
        self._set(self.selected, Mark(self.selected, current.intensity, sorted_qualities(chosen)))

    def on_click(self, event: events.Click) -> None:
        region = region_at(event.x, event.y - HEADER_ROWS)
        if region is None:
            return
        if region == self.selected and self.has_focus:
            self.action_edit()
        else:
            self.selected = region
        if self.can_focus:
            self.focus()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- drawing ---------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """One line of the canvas, from a cache keyed by what the line shows.

        A key press changes one or two regions: the other lines come from the cache, so a redraw
        builds a handful of short strips instead of the whole canvas.
        """
        width = self.size.width
        if y == 0:
            key: tuple = ("title", self.title, self.app.theme, width)
        elif y == 1:
            key = ("sides", self.app.theme, width)
        elif y - HEADER_ROWS < FIGURE_HEIGHT:
            row = y - HEADER_ROWS
            regions = ROW_REGIONS[row]
            key = (
                row,
                tuple(self.marks.get(r) for r in regions),
                self.selected if self.selected in regions and not self.read_only else None,
                self.has_focus,
                self.app.theme,
                width,
            )
        else:
            return Strip.blank(width)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > 4096:
                self._lines.clear()
            strip = self._make_line(y, width)
            self._lines[key] = strip
        return strip

    def _make_line(self, y: int, width: int) -> Strip:
        if y == 0:
            text = self._title_line()
        elif y == 1:
            text = self._sides_line()
        else:
            text = self._figure_line(y - HEADER_ROWS)
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width)

    def _figure_line(self, y: int) -> Text:
        line = Text()
        x = 0
        while x < CANVAS_WIDTH:
            region = region_at(x, y)
            if region is None:
                line.append(" ", self.style_of("body") if body_at(x, y) else Style())
                x += 1
                continue
            mark = self.marks.get(region)
            style = self._region_style(region, mark)
            if mark is not None and LABEL_CELLS[region] == (x, y):
                digits = str(mark.intensity)
                line.append(digits, style)
                x += len(digits)
                continue
            if mark is None:
                char = "·"
            elif nerve_like_leg_mark(region, mark.qualities):
                char = NERVE_FILL  # counts toward the extent; a plain ache here does not
            else:
                char = SHADES[band(mark.intensity)]
            line.append(char, style)
            x += 1
        return line

    def _region_style(self, region: str, mark: Mark | None) -> Style:
        base = self.style_of("region") if mark is None else self.style_of(band(mark.intensity))
        if region == self.selected and not self.read_only:
            return base + self.style_of("cursor" if self.has_focus else "selected")
        return base

    def _title_line(self) -> Text:
        title = self.title or ""
        text = Text(f"{title:^{CANVAS_WIDTH}}"[:CANVAS_WIDTH], self.style_of("title"))
        return text

    def _sides_line(self) -> Text:
        back = f"L{'back':^{FIGURE_WIDTH - 2}}R"
        front = f"R{'front':^{FIGURE_WIDTH - 2}}L"
        return Text(back + " " * FIGURE_GAP + front, self.style_of("title"))


def region_name(region: str) -> str:
    """The region's name for people, e.g. "back of thigh (left)"."""
    return REGION_BY_ID[region].name
