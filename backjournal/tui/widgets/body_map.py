"""The body map widget: human figures (back, front) with the day's marks drawn on the body.

The figures come from ``backjournal.domain.figure`` (one geometry for the screen and the PDF
report) and grow with the widget: its height decides the figures' height, their width follows.

What a mark looks like, so that it reads with colour and without (NO_COLOR):
- intensity: a shade character by band (``◦`` 0, ``░`` 1-3, ``▒`` 4-6, ``▓`` 7-10) and, where
  colour is on, the shade in a colour on a scale from the theme's warning colour (1) to its
  error colour (10); the digits of the intensity on the region's centre cell when they fit;
- qualities: their signs (``~`` ache, ``×`` sharp, ``↯`` shooting, ``≋`` burning, ``∴``
  tingling, ``○`` numbness, ``▽`` weakness) spread over the region as a pattern, taking
  turns; nerve-like qualities in a colour of their own;
- the selected region: outlined, its edge cells on the cursor colour (focused) or underlined
  (not focused).

The silhouette is drawn at quarter-cell resolution (quadrant blocks, which DejaVu Sans Mono and
most terminal fonts draw edge to edge): braille reads as dots, not as a body, and half blocks
give the arms and legs steps twice as coarse.

Keyboard: arrows move to the spatially nearest region, a digit sets the intensity (``1`` then
``0``, or ``x``, for 10), a letter toggles a quality, Space/Delete clears the region, Enter asks
the screen to open the mark dialog. Mouse: a click anywhere inside a region selects it; a click
on the selected region opens the dialog.

Each line is cached by what it shows: a key press rebuilds the few lines of the regions it
changed, so a redraw stays far inside the 50 ms the journal allows for a key press.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache

from rich.color import Color as RichColor
from rich.color import blend_rgb
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from backjournal.domain.body import QUALITY_KEYS, REGION_BY_ID
from backjournal.domain.figure import (
    MIN_ROWS,
    NERVE_QUALITIES,
    QUADRANT_CHARS,
    VIEWS,
    Canvas,
    FigureRaster,
    canvas,
    nearest_shown,
    neighbour,
    quality_glyph,
    raster,
)
from backjournal.domain.symptoms import Mark, sorted_qualities
from backjournal.tui.widgets.component_styles import CachedStyles

HEADER_ROWS = 2
FIGURE_GAP = 2
TEN_WINDOW_S = 1.0
# Shading by NRS band: the character carries the band even without colour.
SHADES = {"zero": "◦", "mild": "░", "moderate": "▒", "severe": "▓"}
UNMARKED = "·"
_FOREGROUND_ONLY = frozenset({"title", "edge", "digit", "nerve", "selected"})


def band(intensity: int) -> str:
    if intensity <= 0:
        return "zero"
    if intensity <= 3:
        return "mild"
    if intensity <= 6:
        return "moderate"
    return "severe"


def pack(items: list[str], width: int, sep: str = "  ") -> list[str]:
    """``items`` joined by ``sep`` into lines of at most ``width`` cells (an item never split)."""
    lines: list[str] = []
    line = ""
    for item in items:
        if line and len(line) + len(sep) + len(item) > width:
            lines.append(line)
            line = item
        else:
            line = f"{line}{sep}{item}" if line else item
    if line:
        lines.append(line)
    return lines


def legend(qualities: tuple[str, ...], width: int = 28) -> str:
    """The key to the drawing, in lines of at most ``width``: shades, then the qualities' signs."""
    shades = [f"{UNMARKED} none", "◦ 0", "░ 1-3", "▒ 4-6", "▓ 7-10"]
    signs = [f"{quality_glyph(q)} {q}" for q in qualities]
    return "\n".join(pack(shades, width, " ") + pack(signs, width))


def figure_rows(height: int) -> int:
    """The figures' height in a widget ``height`` lines tall."""
    return max(MIN_ROWS, height - HEADER_ROWS)


class BodyMap(CachedStyles, Widget, can_focus=True):
    """Human figures with regions; ``marks`` maps region ids to their marks."""

    STYLE_PREFIX = "body-map"

    DEFAULT_CSS = """
    BodyMap {
        width: 40;
        height: 1fr;
    }
    BodyMap > .body-map--title { color: $text-muted; text-style: bold; }
    BodyMap > .body-map--body { color: $foreground 22%; background: $foreground 22%; }
    BodyMap > .body-map--edge { color: $foreground 22%; }
    BodyMap > .body-map--region { color: $foreground 55%; background: $foreground 12%; }
    BodyMap > .body-map--zero { color: $text; background: $foreground 30%; }
    BodyMap > .body-map--low { color: $warning; }
    BodyMap > .body-map--high { color: $error; }
    BodyMap > .body-map--digit { color: $text; text-style: bold; }
    BodyMap > .body-map--nerve { color: $primary-lighten-3; text-style: bold; }
    BodyMap > .body-map--cursor { background: $primary; text-style: bold; }
    BodyMap > .body-map--selected { text-style: bold underline; }
    """
    COMPONENT_CLASSES = {
        "body-map--title",
        "body-map--body",
        "body-map--edge",
        "body-map--region",
        "body-map--zero",
        "body-map--low",
        "body-map--high",
        "body-map--digit",
        "body-map--nerve",
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
        self.views: tuple[str, ...] = VIEWS
        self.rows_cap: int | None = None
        self._pending_one: tuple[str, float] | None = None
        self._lines: dict[tuple, Strip] = {}
        self._palettes: dict[tuple, dict[str, Style]] = {}
        self._pal: dict[str, Style] = {}
        if read_only:
            self.can_focus = False

    def _palette(self) -> dict[str, Style]:
        """Every component style for the current theme and focus, looked up once per line.

        Those that only colour the text keep the cell's background."""
        key = (self.app.theme, self.has_focus)
        palette = self._palettes.get(key)
        if palette is None:
            palette = {}
            for name in (c.removeprefix("body-map--") for c in self.COMPONENT_CLASSES):
                style = self.style_of(name)
                if name in _FOREGROUND_ONLY:
                    style = Style(color=style.color, bold=style.bold, underline=style.underline)
                palette[name] = style
            self._palettes[key] = palette
        return palette

    # --- geometry --------------------------------------------------------------------------------

    @property
    def canvas(self) -> Canvas:
        rows = figure_rows(self.size.height)
        if self.rows_cap is not None:
            rows = max(MIN_ROWS, min(rows, self.rows_cap))
        return canvas(rows, self.views, FIGURE_GAP)

    def fit(self, rows: int | None, views: tuple[str, ...]) -> None:
        """Draw the figures of ``views``, at most ``rows`` tall (None: as tall as the widget)."""
        if (rows, views) == (self.rows_cap, self.views):
            return
        self.rows_cap = rows
        self.show_views(views)
        self.refresh()

    def _left(self, drawn: Canvas) -> int:
        """Where the canvas starts: centred in the widget."""
        return max(0, (self.size.width - drawn.width) // 2)

    def show_views(self, views: tuple[str, ...]) -> None:
        """Draw the figures of ``views`` only (the back alone, in a narrow compare)."""
        if views == self.views:
            return
        self.views = views
        self.selected = nearest_shown(self.selected, views)
        self.refresh()

    def cell_of(self, region: str) -> tuple[int, int]:
        """Where ``region``'s centre cell is in the widget (for tests and the mouse)."""
        drawn = self.canvas
        x, y = drawn.label_cell(region)
        return x + self._left(drawn), y + HEADER_ROWS

    def region_at(self, x: int, y: int) -> str | None:
        """The region drawn at widget cell (x, y), or None."""
        drawn = self.canvas
        return drawn.region_at(x - self._left(drawn), y - HEADER_ROWS)

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
        self._refresh_regions(region)
        self.post_message(self.Changed(self, region, mark))

    def set_mark(self, region: str, mark: Mark | None) -> None:
        """Set (or clear) a region's mark as if the user did."""
        self._set(region, mark)

    # --- keys and mouse --------------------------------------------------------------------------

    def watch_selected(self, old: str, region: str) -> None:
        self._pending_one = None
        self._refresh_regions(old, region)
        self.post_message(self.Moved(self, region))

    def _refresh_regions(self, *regions: str) -> None:
        """Repaint only the lines that show ``regions``: a key press then costs a few lines of
        the screen, not the whole drawing."""
        drawn = self.canvas
        rows = {
            y
            for figure in drawn.figures
            for y, on_row in enumerate(figure.region_rows)
            if any(r in on_row for r in regions)
        }
        width = self.size.width
        if not rows or not width:
            self.refresh()
            return
        self.refresh(*(Region(0, y + HEADER_ROWS, width, 1) for y in sorted(rows)))

    def action_move(self, direction: str) -> None:
        self.selected = neighbour(self.selected, direction, self.views)

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
        region = self.region_at(event.x, event.y)
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
        """One line of the widget, from a cache keyed by what the line shows.

        A key press changes one or two regions: the other lines come from the cache, so a redraw
        builds a handful of strips instead of the whole drawing.
        """
        width = self.size.width
        drawn = self.canvas
        common = (self.app.theme, width, drawn.rows, drawn.views)
        if y == 0:
            key: tuple = ("title", self.title, *common)
        elif y == 1:
            key = ("sides", *common)
        elif y - HEADER_ROWS < drawn.rows:
            row = y - HEADER_ROWS
            regions = [r for figure in drawn.figures for r in figure.region_rows[row]]
            key = (
                row,
                tuple(self.marks.get(r) for r in regions),
                self.selected if self.selected in regions and not self.read_only else None,
                self.has_focus,
                *common,
            )
        else:
            return Strip.blank(width, self.rich_style)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > 4096:
                self._lines.clear()
            strip = self._make_line(y, width, drawn)
            self._lines[key] = strip
        return strip

    def _make_line(self, y: int, width: int, drawn: Canvas) -> Strip:
        self._pal = self._palette()
        left = self._left(drawn)
        if y == 0:
            title = self.title or ""
            if len(title) > width:  # "Wed 25 Nov 2026 · today" over a narrow map: the date
                title = title.split(" · ")[0]
            text = Text(title, self._pal["title"], no_wrap=True)
            text.align("center", width)
            segments = list(text.render(self.app.console))
        else:
            line = _Line()
            line.add(" " * left, None)
            for index, figure in enumerate(drawn.figures):
                if index:
                    line.add(" " * drawn.gap, None)
                if y == 1:
                    name, ends = ("back", "LR") if figure.view == "back" else ("front", "RL")
                    inner = max(0, figure.cols - 2)
                    label = f"{ends[0]}{name:^{inner}}{ends[1]}"[: figure.cols]
                    line.add(label, self._pal["title"])
                else:
                    self._figure_row(line, figure, y - HEADER_ROWS)
            segments = line.segments()
        return Strip(segments).adjust_cell_length(width).apply_style(self.rich_style)

    def _figure_row(self, line: _Line, figure: FigureRaster, y: int) -> None:
        """One row of one figure, built as segments directly: a line is rebuilt on every key
        press that touches its regions, and Rich's Text costs ten times as much."""
        pal = self._pal
        body, edge = pal["body"], pal["edge"]
        selected = None if self.read_only else self.selected
        cursor = pal["cursor" if self.has_focus else "selected"]
        cells = figure.cells
        quads = figure.quads[y]
        x = 0
        while x < figure.cols:
            region = cells.get((x, y))
            if region is None:
                mask = quads[x]
                if mask == 0:
                    line.add(" ", None)
                elif (x, y) in figure.body:
                    line.add(" ", body)
                else:
                    line.add(QUADRANT_CHARS[mask], edge)
                x += 1
                continue
            mark = self.marks.get(region)
            outlined = region == selected and _edge_cell(figure, region, x, y)
            if mark is None:
                char, style = UNMARKED, pal["region"]
            else:
                place = pattern_cells(figure.rows, figure.view, region).get((x, y))
                if figure.labels[region] == (x, y):
                    digits = str(mark.intensity)
                    if len(digits) <= figure.label_room[region]:
                        style = self._intensity_style(mark.intensity, solid=True)
                        line.add(digits, style + cursor if outlined else style)
                        x += len(digits)
                        continue
                if mark.qualities and place is not None:
                    quality = mark.qualities[place % len(mark.qualities)]
                    char = quality_glyph(quality)
                    style = self._intensity_style(mark.intensity, solid=True)
                    if quality in NERVE_QUALITIES:
                        style += pal["nerve"]
                else:
                    char = SHADES[band(mark.intensity)]
                    style = self._intensity_style(mark.intensity)
            line.add(char, style + cursor if outlined else style)
            x += 1

    def _intensity_style(self, intensity: int, *, solid: bool = False) -> Style:
        """The colour scale: 0 grey, then from the warning colour (1) to the error colour (10).

        The shade characters take the colour (denser and redder as it hurts more); the digits
        and signs (``solid``) sit on it. Kept in the palette: one Style per value.
        """
        key = f"scale-{intensity}-{solid}"
        style = self._pal.get(key)
        if style is not None:
            return style
        if intensity <= 0:
            style = self._pal["zero"]
        else:
            low, high = self._pal["low"], self._pal["high"]
            if low.color is None or high.color is None:
                style = self._pal["body"]
            else:
                mixed = RichColor.from_triplet(
                    blend_rgb(
                        low.color.get_truecolor(),
                        high.color.get_truecolor(),
                        (intensity - 1) / 9,
                    )
                )
                if solid:
                    style = Style(color=self._pal["digit"].color, bgcolor=mixed, bold=True)
                else:
                    style = Style(color=mixed, bgcolor=self._pal["body"].bgcolor)
        self._pal[key] = style
        return style


class _Line:
    """Text and styles of one line, neighbours of the same style merged into one segment."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.styles: list[Style | None] = []

    def add(self, text: str, style: Style | None) -> None:
        if self.styles and self.styles[-1] is style:
            self.texts[-1] += text
        else:
            self.texts.append(text)
            self.styles.append(style)

    def segments(self) -> list[Segment]:
        return [Segment(t, s) for t, s in zip(self.texts, self.styles, strict=True)]


@lru_cache(maxsize=512)
def pattern_cells(rows: int, view: str, region: str) -> dict[tuple[int, int], int]:
    """The cells of ``region`` that carry the signs of its qualities, each with its place in
    the pattern (the signs take turns): a sparse diagonal pattern away from the digits, and in
    a small region at least one cell, so that every marked region shows its quality."""
    figure = raster(rows, view)
    lx, ly = figure.labels[region]
    near_digits = ((lx - 1, ly), (lx, ly), (lx + 1, ly))
    own = sorted(
        (c for c, r in figure.cells.items() if r == region and c not in near_digits),
        key=lambda c: (c[1], c[0]),
    )
    chosen = [c for c in own if (c[0] + 2 * c[1]) % 4 == 0]
    if not chosen and own:
        chosen = [min(own, key=lambda c: (abs(c[1] - ly), abs(c[0] - lx), c[1], c[0]))]
    return {cell: index for index, cell in enumerate(chosen)}


def _edge_cell(figure: FigureRaster, region: str, x: int, y: int) -> bool:
    """A cell of ``region`` on its border (a neighbour is not in the region)."""
    cells = figure.cells
    return any(cells.get(n) != region for n in ((x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)))


def region_name(region: str) -> str:
    """The region's name for people, e.g. "back of thigh (left)"."""
    return REGION_BY_ID[region].name
