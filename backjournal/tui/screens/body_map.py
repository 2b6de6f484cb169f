"""Body map: where it hurts, how much and how, for one day; sciatica extent; compare days.

The figures (``backjournal.domain.figure``) fill the height beside the panel; compared with
another day, both maps share the width with the panel (``map_layout``), never cut.

Every change is saved at once (one small write in a worker), with undo (ctrl+z) for the day's
earlier maps: a map is edited a region at a time, and a save key would only be forgotten. The
day's red flags are recomputed by the journal on each save and shown as a banner.
"""

from __future__ import annotations

import datetime as dt
import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from backjournal.domain.body import (
    EXTENT_LABELS,
    QUALITIES,
    QUALITY_KEYS,
    extent,
    nerve_like_leg_mark,
    why_not_counted,
)
from backjournal.domain.extent_trend import trend as extent_trend
from backjournal.domain.figure import MIN_ROWS, VIEWS, canvas_width
from backjournal.domain.flags import ActiveFlag
from backjournal.domain.safety_words import flag_blocks, past_flag_blocks
from backjournal.domain.symptoms import Mark
from backjournal.store import JournalError
from backjournal.tui.daytext import date_title, fmt_date
from backjournal.tui.dialogs.prompts import DatePrompt
from backjournal.tui.screens.day_nav import DAY_BINDINGS, DayNavigation
from backjournal.tui.widgets.body_map import (
    FIGURE_GAP,
    HEADER_ROWS,
    BodyMap,
    legend,
    pack,
    region_name,
)
from backjournal.tui.widgets.navbar import NavBar

COMPARE_STEPS = (None, 7, 30)  # c cycles: off, 7 days ago, 30 days ago
PANEL_MIN = 32  # the panel's narrowest: its text is packed in lines of PANEL_MIN - 2
AREA_PADDING = 2  # #map-area's padding, left and right
MAP_MARGIN = 1  # each map's right margin
COMPARE_MIN_ROWS = 16  # below this, compare shows the back figures only, but taller


def map_layout(width: int, height: int, compare: bool) -> tuple[int, tuple[str, ...]]:
    """(figure rows, views) for a map area ``width`` x ``height`` cells.

    Alone, the figures fill the height. Compared, two maps and the panel share the width: both
    figures each if they stay at least ``COMPARE_MIN_ROWS`` tall, else the back figures only
    (at 80x24), so that neither day is cut and the panel stays beside them.
    """
    rows = max(MIN_ROWS, height - HEADER_ROWS)
    if not compare:
        return rows, VIEWS
    room = width - AREA_PADDING - 2 * MAP_MARGIN - PANEL_MIN

    def fitting(views: tuple[str, ...]) -> int:
        fit = rows
        while fit > MIN_ROWS and 2 * canvas_width(fit, len(views), FIGURE_GAP) > room:
            fit -= 1
        return fit

    both = fitting(VIEWS)
    if both >= COMPARE_MIN_ROWS:
        return both, VIEWS
    return fitting(VIEWS[:1]), VIEWS[:1]


def keys_text() -> str:
    """The map's keys, the qualities' letters from the one table of them."""
    pairs = [f"{key} {quality}" for key, quality in QUALITY_KEYS.items()]
    lines = ["0-9 intensity (1 0 or x: 10)", *pack(pairs, PANEL_MIN - 2, " · ")]
    lines += [
        "Space clears · Enter or click:",
        "the mark dialog",
        "y yesterday's map · c compare",
        "Esc leaves the map (digits switch)",
    ]
    return "\n".join(lines)


class BodyMapScreen(DayNavigation, Screen):
    """The body map of one day."""

    CSS_PATH = "body_map.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "Body map"
    BINDINGS = [
        *(b for b in DAY_BINDINGS if b.action != "jump_to_date"),
        Binding("ctrl+g", "jump_to_date", "Go to date", show=False),
        # In the palette and the panel's keys; the footer keeps room for Esc and F2-F7 at 80.
        Binding("y", "same_as_yesterday", "Copy yesterday", show=False),
        Binding("c", "cycle_compare", "Compare", show=False),  # in the panel: "c compare"
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+k", "compare_date", "Compare with a date", show=False),
        Binding("escape", "leave_map", "Leave map", tooltip="Leave the map: then digits switch"),
    ]

    def __init__(self) -> None:
        super().__init__(id="body-map")
        self.date: dt.date = dt.date.min
        self.loaded = False
        self.compare_days: int | None = None
        self.compare_date: dt.date | None = None
        self._undo: list[list[Mark]] = []
        self._flags: list[ActiveFlag] = []
        self._flags_now: list[ActiveFlag] | None = None  # a past day's: those active today
        self._saved_marks: list[Mark] = []
        self._pending: tuple[str, list[Mark]] | None = None
        self._pending_lock = threading.Lock()
        self._compare_marks: list[Mark] | None = None
        self._writing = False

    def compose(self) -> ComposeResult:
        yield NavBar("body-map", self.app.SCREENS_BY_KEY)
        yield Static("", id="map-banner", classes="banner")
        with Horizontal(id="map-area"):
            yield BodyMap(id="map")
            yield BodyMap(id="compare-map", read_only=True)
            with Vertical(id="map-panel"):
                yield Static("", id="map-region")
                yield Static("", id="map-extent")
                yield Static(legend(QUALITIES, PANEL_MIN - 2), id="map-legend", classes="hint")
                yield Static(keys_text(), id="map-keys", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#compare-map").display = False
        self.query_one("#map", BodyMap).focus()
        self.show_date(self.app.today())

    @property
    def map(self) -> BodyMap:
        return self.query_one("#map", BodyMap)

    # --- loading ---------------------------------------------------------------------------------

    def show_date(self, day: dt.date) -> None:
        """Show the map of ``day``."""
        self.date = day
        self._undo = []
        self._load()

    def _load(self) -> None:
        journal = self.app.journal
        day = self.date.isoformat()
        marks = journal.symptoms.marks(day)
        self._read_flags(day)
        start = (self.date - dt.timedelta(days=13)).isoformat()
        series = journal.symptoms.extents(start, day)
        self.map.show_marks(marks, title=self._title(self.date))
        self._last_saved = marks
        self._show_compare()
        self._show_panel(series)
        self._show_banner()
        self.loaded = True

    refresh_from_journal = _load

    def _title(self, day: dt.date) -> str:
        return date_title(day, self.app.today())

    def _show_compare(self) -> None:
        other = self.query_one("#compare-map", BodyMap)
        target = self._compare_target()
        self._compare_marks = None
        if target is None:
            other.display = False
        else:
            self._compare_marks = self.app.journal.symptoms.marks(target.isoformat())
            days = (self.date - target).days
            other.show_marks(self._compare_marks, title=fmt_date(target))
            other.tooltip = f"{days} days before"
            other.display = True
        self._fit()

    def _fit(self) -> None:
        """Size the maps to the terminal: the figures fill the height, or share the width."""
        compare = self._compare_target() is not None
        banner = self.query_one("#map-banner", Static)
        height = self.size.height - 2 - (banner.outer_size.height if banner.display else 0)
        rows, views = map_layout(self.size.width, height, compare)
        for body_map in self.query(BodyMap):
            body_map.fit(rows if compare else None, views)
            body_map.styles.width = canvas_width(rows, len(views), FIGURE_GAP)
        # Two days' extents make the panel longer: the keys step aside where it would overflow
        # (the footer still shows how to leave the map).
        self.query_one("#map-keys").display = not compare or height >= 32

    def _compare_target(self) -> dt.date | None:
        if self.compare_date is not None:
            return self.compare_date
        if self.compare_days is not None:
            return self.date - dt.timedelta(days=self.compare_days)
        return None

    def _show_panel(self, series: list[tuple[str, int, int]]) -> None:
        self._show_region()
        left, right = extent(self.map.mark_list())
        extents = {d: (ext_l, ext_r) for d, ext_l, ext_r in series}
        extents[self.date.isoformat()] = (left, right)
        _, trend_l, trend_r = extent_trend(extents, self.date)
        lines = ["[b]How far down the leg[/] · 7-day trend"]
        for side, value, trend in (("l", left, trend_l), ("r", right, trend_r)):
            lines.append(f" {side.upper()} {value} {EXTENT_LABELS[value]} · {trend}")
        target = self._compare_target()
        if target is not None and self._compare_marks is not None:
            then = extent(self._compare_marks)
            days = (self.date - target).days
            lines.append(f"[b]{fmt_date(target)}[/] · {days} days before")
            for side, value in zip("LR", then, strict=True):
                lines.append(f" {side} {value} {EXTENT_LABELS[value]}")
        extent_text = self.query_one("#map-extent", Static)
        room = max(1, extent_text.size.width or PANEL_MIN)
        extent_text.styles.height = sum(-(-len(Text.from_markup(line)) // room) for line in lines)
        extent_text.update("\n".join(lines))

    def _show_region(self) -> None:
        region = self.map.selected
        mark = self.map.marks.get(region)
        if mark is None:
            detail, counted = "not marked", ""
        else:
            qualities = ", ".join(mark.qualities) or "no quality"
            detail = f"intensity {mark.intensity} · {qualities}"
            # Whether the mark counts toward the extent, and why not (CLINICAL.md).
            why = why_not_counted(region, mark.qualities)
            if why is not None:
                counted = f"[dim]{why}[/]"
            elif nerve_like_leg_mark(region, mark.qualities):
                counted = "≈ nerve-like: counts in the extent"
            else:
                counted = ""
        self.query_one("#map-region", Static).update(
            f"[b]{region_name(region)}[/] · {region}\n{detail}\n{counted}"
        )

    def _read_flags(self, day: str) -> None:
        """The flags active on ``day`` and, for a past day, those active today (the banner
        gives a tier's action only for a flag still active: see past_flag_blocks)."""
        flags = self.app.journal.flags
        self._flags = flags.active(day)
        today = self.app.today()
        past = self._flags and self.date < today
        self._flags_now = flags.active(today.isoformat()) if past else None

    def _show_banner(self) -> None:
        banner = self.query_one("#map-banner", Static)
        if self._flags:
            now = self._flags_now
            if now is None:
                lines, alert = flag_blocks(self._flags), self._flags
            else:
                lines = past_flag_blocks(self._flags, now, fmt_date(self.date))
                then = {(f.code, f.since) for f in self._flags}
                alert = [f for f in now if (f.code, f.since) in then]
            banner.update("\n".join(lines), layout=True)
            banner.set_class(any(f.tier == 1 for f in alert), "-tier1")
            banner.display = True
        else:
            banner.display = False

    # --- editing ---------------------------------------------------------------------------------

    @on(BodyMap.Moved, "#map")
    def _moved(self) -> None:
        if self.loaded:
            self._show_region()

    @on(BodyMap.Changed, "#map")
    def _changed(self, event: BodyMap.Changed) -> None:
        self._save(self.map.mark_list())

    def _save(self, marks: list[Mark], *, remember: bool = True) -> None:
        if remember:
            self._undo.append(self._last_saved)
        self._last_saved = list(marks)
        # One writer at a time, always writing the newest map: quick key presses must land in
        # the order they were made, and a slow disk must not freeze the screen.
        with self._pending_lock:
            self._pending = (self.date.isoformat(), list(marks))
            if self._writing:
                return
            self._writing = True
        self._write()

    @work(thread=True, group="map-save")
    def _write(self) -> None:
        while True:
            with self._pending_lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._writing = False
                    return
            date, marks = job
            try:
                flags = self.app.journal.symptoms.save_marks(date, marks, self.app.today())
            except (JournalError, ValueError) as exc:
                self.app.call_from_thread(
                    self.notify, str(exc), title="Not saved", severity="error"
                )
                self.app.call_from_thread(self._load)
                continue
            self.app.call_from_thread(self._saved, date, flags)

    def _saved(self, date: str, flags: object) -> None:
        if date != self.date.isoformat():
            return
        self._read_flags(date)
        start = (self.date - dt.timedelta(days=13)).isoformat()
        self._show_panel(self.app.journal.symptoms.extents(start, date))
        self._show_banner()
        self.app.journal_changed(source=self)

    @property
    def _last_saved(self) -> list[Mark]:
        return self._saved_marks

    @_last_saved.setter
    def _last_saved(self, marks: list[Mark]) -> None:
        self._saved_marks = marks

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo for this day.", timeout=2)
            return
        previous = self._undo.pop()
        self.map.show_marks(previous)
        self._save(previous, remember=False)
        self.notify("Undone.", timeout=2)

    def action_same_as_yesterday(self) -> None:
        """Copy the previous day's map to this day (undo with ctrl+z)."""
        yesterday = self.date - dt.timedelta(days=1)
        marks = self.app.journal.symptoms.marks(yesterday.isoformat())
        if not marks:
            self.notify(f"Nothing is marked on {fmt_date(yesterday)}.", timeout=3)
            return
        self.map.show_marks(marks)
        self._save(marks)
        self.notify(f"Copied the map of {fmt_date(yesterday)}. ctrl+z undoes.", timeout=3)

    @on(BodyMap.EditRequested, "#map")
    def _edit(self, event: BodyMap.EditRequested) -> None:
        from backjournal.tui.dialogs.mark import MarkDialog

        def done(result: Mark | str | None) -> None:
            if result == "clear":
                self.map.set_mark(event.region, None)
            elif isinstance(result, Mark):
                self.map.set_mark(event.region, result)

        self.app.push_screen(
            MarkDialog(event.region, region_name(event.region), self.map.marks.get(event.region)),
            done,
        )

    # --- navigation ------------------------------------------------------------------------------

    def action_cycle_compare(self) -> None:
        """c: compare with 7 days before, then 30 days before, then off."""
        if self.compare_date is not None:
            self.compare_date, self.compare_days = None, None
        else:
            index = COMPARE_STEPS.index(self.compare_days)
            self.compare_days = COMPARE_STEPS[(index + 1) % len(COMPARE_STEPS)]
        self._show_compare()
        self._show_panel(self._series())

    def _series(self) -> list[tuple[str, int, int]]:
        start = (self.date - dt.timedelta(days=13)).isoformat()
        return self.app.journal.symptoms.extents(start, self.date.isoformat())

    def action_compare_date(self) -> None:
        """ctrl+k: compare with a chosen date."""

        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.compare_date = day
                self._show_compare()
                self._show_panel(self._series())

        self.app.push_screen(DatePrompt(self.app.today(), title="Compare with"), chosen)

    def action_leave_map(self) -> None:
        """Escape: leave the map, so that number keys switch screens."""
        self.set_focus(None)

    def on_resize(self) -> None:
        if self.loaded:
            self._fit()
