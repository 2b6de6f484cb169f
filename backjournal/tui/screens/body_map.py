"""Body map: where it hurts, how much and how, for one day; sciatica extent; compare days.

Every change is saved at once (one small write in a worker), with undo (ctrl+z) for the day's
earlier maps: a map is edited a region at a time, and a save key would only be forgotten. The
day's red flags are recomputed by the journal on each save and shown as a banner.
"""

from __future__ import annotations

import datetime as dt
import threading

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from backjournal.domain.body import EXTENT_LABELS, QUALITIES, extent, extent_trend
from backjournal.domain.symptoms import Mark, RedFlag, banner_text
from backjournal.store import JournalError
from backjournal.tui.daytext import date_title, fmt_date
from backjournal.tui.dialogs.prompts import DatePrompt
from backjournal.tui.screens.day_nav import DAY_BINDINGS, DayNavigation
from backjournal.tui.widgets.body_map import LEGEND, BodyMap, region_name
from backjournal.tui.widgets.navbar import NavBar

COMPARE_STEPS = (None, 7, 30)  # c cycles: off, 7 days ago, 30 days ago


class BodyMapScreen(DayNavigation, Screen):
    """The body map of one day."""

    CSS_PATH = "body_map.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "Body map"
    BINDINGS = [
        *(b for b in DAY_BINDINGS if b.action != "jump_to_date"),
        Binding("ctrl+g", "jump_to_date", "Go to date", show=False),
        Binding("y", "same_as_yesterday", "Copy yesterday"),
        Binding("c", "cycle_compare", "Compare"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+k", "compare_date", "Compare with a date", show=False),
        Binding("escape", "leave_map", "Leave map", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="body-map")
        self.date: dt.date = dt.date.min
        self.loaded = False
        self.compare_days: int | None = None
        self.compare_date: dt.date | None = None
        self._undo: list[list[Mark]] = []
        self._flags: list[RedFlag] = []
        self._saved_marks: list[Mark] = []
        self._pending: tuple[str, list[Mark]] | None = None
        self._pending_lock = threading.Lock()
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
                yield Static(LEGEND, id="map-legend", classes="hint")
                yield Static(
                    "0-9 intensity (1 0 or x: 10)\n"
                    "a ache · s sharp · b burning\n"
                    "t tingling · n numbness\n"
                    "w weakness · Space clears\n"
                    "Enter or click: the mark dialog",
                    id="map-keys",
                    classes="hint",
                )
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
        self._flags = journal.symptoms.flags(day)
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
        panel = self.query_one("#map-panel")
        target = self._compare_target()
        if target is None:
            other.display = False
            panel.display = True
            return
        marks = self.app.journal.symptoms.marks(target.isoformat())
        days = (self.date - target).days
        other.show_marks(marks, title=f"{fmt_date(target)} · {days} days before")
        other.display = True
        # At 80 columns the two maps take the whole width: the panel steps aside.
        panel.display = self.size.width >= 2 * 40 + 30

    def _compare_target(self) -> dt.date | None:
        if self.compare_date is not None:
            return self.compare_date
        if self.compare_days is not None:
            return self.date - dt.timedelta(days=self.compare_days)
        return None

    def _show_panel(self, series: list[tuple[str, int, int]]) -> None:
        self._show_region()
        left, right = extent([m.region for m in self.map.mark_list()])
        first = self.date - dt.timedelta(days=13)
        points = {
            side: [
                ((dt.date.fromisoformat(d) - first).days, ext)
                for d, ext_l, ext_r in series
                for ext in ((ext_l,) if side == "l" else (ext_r,))
            ]
            for side in ("l", "r")
        }
        lines = ["[b]Sciatica extent[/] · 14-day trend"]
        for side, value in (("l", left), ("r", right)):
            trend = extent_trend(points[side])
            lines.append(f" {side.upper()} {value} {EXTENT_LABELS[value]} · {trend}")
        self.query_one("#map-extent", Static).update("\n".join(lines))

    def _show_region(self) -> None:
        region = self.map.selected
        mark = self.map.marks.get(region)
        if mark is None:
            detail = "not marked"
        else:
            qualities = ", ".join(mark.qualities) or "no quality"
            detail = f"intensity {mark.intensity} · {qualities}"
        toggles = "  ".join(
            f"[b]{q}[/]" if mark and q in mark.qualities else f"[dim]{q}[/]" for q in QUALITIES
        )
        self.query_one("#map-region", Static).update(
            f"[b]{region_name(region)}[/] · {region}\n{detail}\n{toggles}"
        )

    def _show_banner(self) -> None:
        banner = self.query_one("#map-banner", Static)
        if self._flags:
            banner.update(f"⚠ {banner_text(self._flags)}")
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

    def _saved(self, date: str, flags: list[RedFlag]) -> None:
        if date != self.date.isoformat():
            return
        self._flags = flags
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

    def action_compare_date(self) -> None:
        """ctrl+k: compare with a chosen date."""

        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.compare_date = day
                self._show_compare()

        self.app.push_screen(DatePrompt(self.app.today(), title="Compare with"), chosen)

    def action_leave_map(self) -> None:
        """Escape: leave the map, so that number keys switch screens."""
        self.set_focus(None)

    def on_resize(self) -> None:
        if self.loaded:
            self._show_compare()
