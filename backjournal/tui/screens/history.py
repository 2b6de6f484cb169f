"""History: every recorded day, newest first, with a date-range filter, open and delete.

The journal returns ready-made rows (one query that groups runs per day). The first screenful is
added at once so the table paints quickly even with ten years; the rest follows in chunks.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Label, Static

from backjournal.domain.models import DayEntry, DaySummary
from backjournal.domain.parse import InvalidValue, format_distance, parse_date
from backjournal.store import JournalError
from backjournal.tui.modals import ConfirmDialog
from backjournal.tui.screens.today import fmt_date
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.navbar import NavBar

REST = Text("rest", style="dim", justify="right")
FIRST_ROWS = 120  # enough for any screen: painted before the rest is added
CHUNK_ROWS = 1000


class DaysTable(DataTable[str]):
    """The days table: Home and End go to the newest and the oldest day."""

    BINDINGS = [
        Binding("home", "scroll_top", "Newest", show=False),
        Binding("end", "scroll_bottom", "Oldest", show=False),
    ]


class HistoryScreen(Screen):
    """All days in a table; Enter opens one in Today, Delete removes it after confirmation."""

    TITLE = "backjournal"
    SUB_TITLE = "History"
    BINDINGS = [
        # Enter works through DataTable.RowSelected; "o" is the same, and shows in the footer.
        Binding("o", "open_day", "Open", tooltip="Open the day in Today (or Enter)"),
        Binding("delete,d", "delete_day", "Delete", tooltip="Delete the day (asks first)"),
        Binding("u", "undo_delete", "Undo delete"),
        Binding("f", "focus_filter", "Filter", tooltip="Filter by date range"),
        Binding("escape", "clear_filter", "Clear filter"),
    ]

    def __init__(self) -> None:
        super().__init__(id="history")
        self.loaded = False
        self.start: str | None = None
        self.end: str | None = None
        self._deleted: DayEntry | None = None
        self._rows: list[DaySummary] = []

    def compose(self) -> ComposeResult:
        yield NavBar("history", self.app.SCREENS_BY_KEY)
        with Horizontal(id="filter-bar"):
            yield Label("From", classes="extra-label")
            yield Field(
                placeholder="first day",
                id="filter-from",
                tooltip="YYYY-MM-DD, today, yesterday or -N; Enter applies",
            )
            yield Label("To", classes="extra-label")
            yield Field(
                placeholder="last day",
                id="filter-to",
                tooltip="YYYY-MM-DD, today, yesterday or -N; Enter applies",
            )
            yield Button("Clear", id="filter-clear", compact=True)
            yield Static("", id="history-summary")
        yield Static("", id="filter-error", classes="error-line")
        yield DaysTable(id="days", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "settings", lambda: self.reload(), init=False)
        self.query_one(DataTable).focus()
        self.reload()

    @property
    def units(self) -> str:
        return self.app.settings.units

    def reload(self) -> None:
        """Read the rows again (after a change, a filter, or another program's write)."""
        self._read_rows(self.start, self.end)

    refresh_from_journal = reload

    @work(thread=True, exclusive=True, group="history-load")
    def _read_rows(self, start: str | None, end: str | None) -> None:
        rows = self.app.journal.day_summaries(start, end)
        self.app.call_from_thread(self._fill, rows)

    def _fill(self, rows: list[DaySummary]) -> None:
        table = self.query_one(DataTable)
        cursor_key = self._cursor_date()
        self._rows = rows
        table.clear(columns=True)
        table.add_column("Date", key="date", width=16)
        table.add_column(f"Distance ({self.units})", key="distance", width=13)
        table.add_column("Runs", key="runs", width=4)
        table.add_column("Back", key="back", width=4)
        table.add_column("Leg", key="leg", width=4)
        table.add_column("Note", key="note")
        self._add_rows(rows[:FIRST_ROWS])
        if len(rows) > FIRST_ROWS:
            self.call_after_refresh(self._add_rest, FIRST_ROWS, cursor_key)
        else:
            self._restore_cursor(cursor_key)
        total = sum(r.distance_m for r in rows)
        days = f"{len(rows):,} day{'' if len(rows) == 1 else 's'}"
        self.query_one("#history-summary", Static).update(
            f"{days} · {format_distance(total, self.units)}"
        )
        self.loaded = True

    def _add_rows(self, rows: list[DaySummary]) -> None:
        units = self.units
        self.query_one(DataTable).add_rows(
            [
                (
                    fmt_date(dt.date.fromisoformat(r.date)),
                    Text(format_distance(r.distance_m, units, unit_label=False), justify="right")
                    if r.runs
                    else REST,
                    Text(str(r.runs) if r.runs else "", justify="right"),
                    Text(_score(r.back), justify="right"),
                    Text(_score(r.leg), justify="right"),
                    r.note.replace("\n", " "),
                )
                for r in rows
            ]
        )

    def _add_rest(self, offset: int, cursor_key: str | None) -> None:
        chunk = self._rows[offset : offset + CHUNK_ROWS]
        self._add_rows(chunk)
        if offset + CHUNK_ROWS < len(self._rows):
            self.call_after_refresh(self._add_rest, offset + CHUNK_ROWS, cursor_key)
        else:
            self._restore_cursor(cursor_key)

    def _cursor_date(self) -> str | None:
        table = self.query_one(DataTable)
        if not self._rows or table.row_count == 0:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)].date

    def _restore_cursor(self, date: str | None) -> None:
        if date is None:
            return
        for i, row in enumerate(self._rows):
            if row.date <= date:
                self.query_one(DataTable).move_cursor(row=i)
                return

    def selected(self) -> DaySummary | None:
        """The day under the cursor, if any."""
        table = self.query_one(DataTable)
        if table.row_count == 0 or not self._rows:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)]

    # --- actions ---------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_day()

    def action_open_day(self) -> None:
        day = self.selected()
        if day is not None:
            self.app.open_day(dt.date.fromisoformat(day.date))

    def action_delete_day(self) -> None:
        day = self.selected()
        if day is None:
            return
        runs = f" and its {day.runs} run{'s' if day.runs != 1 else ''}" if day.runs else ""
        question = f"Delete {fmt_date(dt.date.fromisoformat(day.date))}{runs}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(day.date)

        self.app.push_screen(ConfirmDialog(question), answered)

    @work(thread=True, exclusive=True, group="history-write")
    def _delete(self, date: str) -> None:
        try:
            deleted = self.app.journal.delete_day(date)
        except JournalError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not deleted", severity="error")
            return
        self._deleted = deleted
        label = fmt_date(dt.date.fromisoformat(date))
        self.app.call_from_thread(
            self.notify, f"Deleted {label}. Press u to undo.", title="Deleted", timeout=6
        )
        self.app.call_from_thread(self.app.journal_changed)

    @work(thread=True, exclusive=True, group="history-write")
    def action_undo_delete(self) -> None:
        entry, self._deleted = self._deleted, None
        if entry is None:
            self.app.call_from_thread(self.notify, "Nothing to undo.", timeout=2)
            return
        try:
            self.app.journal.restore_day(entry)
        except JournalError as exc:
            self._deleted = entry
            self.app.call_from_thread(self.notify, str(exc), title="Not restored", severity="error")
            return
        label = fmt_date(dt.date.fromisoformat(entry.date))
        self.app.call_from_thread(self.notify, f"Restored {label}.", timeout=3)
        self.app.call_from_thread(self.app.journal_changed)

    def action_focus_filter(self) -> None:
        self.query_one("#filter-from", Field).focus()

    def action_clear_filter(self) -> None:
        for name in ("#filter-from", "#filter-to"):
            self.query_one(name, Field).value = ""
        self._apply_filter()
        self.query_one(DataTable).focus()

    @on(Button.Pressed, "#filter-clear")
    def _clear_pressed(self) -> None:
        self.action_clear_filter()

    @on(Field.Submitted)
    def _filter_submitted(self) -> None:
        if self._apply_filter():
            self.query_one(DataTable).focus()

    def _apply_filter(self) -> bool:
        error = self.query_one("#filter-error", Static)
        bounds: list[str | None] = []
        for name in ("#filter-from", "#filter-to"):
            field = self.query_one(name, Field)
            field.remove_class("-error")
            if not field.value.strip():
                bounds.append(None)
                continue
            try:
                bounds.append(
                    parse_date(field.value, self.app.today(), allow_future=True).isoformat()
                )
            except InvalidValue as exc:
                field.add_class("-error")
                error.update(f"{'From' if 'from' in name else 'To'}: {exc}")
                field.focus()
                return False
        start, end = bounds
        if start and end and start > end:
            error.update("From must be on or before To")
            return False
        error.update("")
        self.start, self.end = start, end
        self.reload()
        return True


def _score(value: int | None) -> str:
    return "" if value is None else str(value)
