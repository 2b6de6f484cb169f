"""History: every recorded day, newest first, with a date-range filter, open and delete.

The journal returns ready-made rows. The first screenful is read at once (one page by primary
key), so the table paints quickly even with ten years; a worker reads the rest. The table draws
only the lines in view, so holding ten years of rows costs nothing on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from backjournal.domain.activity import day_kind
from backjournal.domain.flags import TIER_MARKS, ActiveDays
from backjournal.domain.models import DayEntry, DaySummary
from backjournal.domain.parse import InvalidValue, format_distance, parse_date
from backjournal.domain.safe_text import UNREADABLE, shown, stored_date, stored_text
from backjournal.store import JournalError
from backjournal.tui.daytext import fmt_date
from backjournal.tui.dialogs.confirm import ConfirmDialog
from backjournal.tui.widgets.day_table import Column, DayTable
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.navbar import NavBar
from backjournal.tui.widgets.plain import PlainText

FIRST_ROWS = 120  # more than any terminal shows: painted before the rest is read
# From this width History also shows active minutes (timed runs and other activity, issue #20),
# stiffness, sleep and the exercises done of those scheduled (issue #15); narrower, the note
# keeps the room.
WIDE_WIDTH = 110
# The Flag column marks every day a red flag was active (CLINICAL.md: a flag stays active from the
# day recorded until its outcome), not only the day it was recorded, and says which tier in
# words, so that it reads without colour: "!!T1" an emergency sign, "T2" a doctor within days.
FLAG_TEXT = TIER_MARKS
FLAG_WIDTH = max(len("Flag"), *(len(t) for t in FLAG_TEXT.values()))


def columns(units: str, wide: bool = False) -> list[Column]:
    extra = [Column("Stiff", 5, right=True), Column("Sleep", 5, right=True)]
    extra.append(Column("Exercises", 10, right=True))
    return [
        Column("Date", 16),
        Column(f"Distance ({units})", 13, right=True),
        Column("Runs", 4, right=True),
        *([Column("Active", 6, right=True)] if wide else []),
        Column("Back", 4, right=True),
        Column("Leg", 4, right=True),
        *(extra if wide else []),
        Column("Flag", FLAG_WIDTH),
        Column("ODI", 5, right=True),
        Column("Note", 0),
    ]


class HistoryScreen(Screen):
    """All days in a table; Enter opens one in Today, Delete removes it after confirmation."""

    CSS_PATH = "history.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "History"
    BINDINGS = [
        # Enter works through DayTable.Selected; "o" is the same (not in the footer: with Report
        # it would not fit 80 columns).
        Binding("o", "open_day", "Open", tooltip="Open the day in Today (or Enter)", show=False),
        Binding("delete,d", "delete_day", "Delete", key_display="d", tooltip="Delete (asks first)"),
        # The delete's notification names u; the footer has no room for it at 80 columns.
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("f", "focus_filter", "Filter", tooltip="Filter by date range"),
        # The filter bar's Clear button shows it; the footer has no room at 80 columns.
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("x", "export_csv", "Export", tooltip="Write the days shown (the filter) to CSV"),
        Binding(
            "b", "app.backup", "Back up", tooltip="A checked, dated copy of the journal", show=False
        ),  # in the palette: the footer keeps F1 Help and Quit at 80 columns
        Binding("r", "report", "Report", tooltip="A PDF for your physio of the range shown"),
    ]

    def __init__(self) -> None:
        super().__init__(id="history")
        self.loaded = False
        self.start: str | None = None
        self.end: str | None = None
        self._deleted: DayEntry | None = None
        self._rows: list[DaySummary] = []
        self._generation = 0
        self._wide = False
        self._active = ActiveDays([])  # the tiers of flag active on each day, read per reload
        self._flares: list[tuple[str, str]] = []  # (first day, last day) of each flare-up

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
        yield PlainText("", id="filter-error", classes="error-line")
        yield DayTable(columns(self.app.settings.units), id="days")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "settings", lambda: self.reload(), init=False)
        self.table.focus()
        self.reload()

    @property
    def units(self) -> str:
        return self.app.settings.units

    @property
    def table(self) -> DayTable:
        return self.query_one("#days", DayTable)

    def reload(self) -> None:
        """Show the rows again (after a change, a filter, or another program's write).

        The first screenful is read here, at once: one page costs well under a millisecond at any
        journal size (primary key and the run index). A worker reads the rest, which is appended
        in chunks after the first rows are painted.
        """
        self._generation += 1
        self._wide = self.size.width >= WIDE_WIDTH
        journal = self.app.journal
        # Every sign and outcome, read once for any range: each row then looks its day up.
        self._active = journal.flags.active_days()
        # The flare-ups (a few rows), so that each day inside one says so (issue #17).
        self._flares = [(f.start, f.end or "9999-12-31") for f in journal.clinical.flare_ups()]
        first = self._with_exercises(journal.day_summaries(self.start, self.end, limit=FIRST_ROWS))
        days, metres = journal.day_totals(self.start, self.end)
        cursor_date = self._cursor_date()
        self._fill(first, days, metres)
        if days > len(first):
            self._read_rest(self.start, self.end, len(first), self._generation, cursor_date)
        else:
            self._restore_cursor(cursor_date)

    refresh_from_journal = reload

    @work(thread=True, exclusive=True, group="history-load")
    def _read_rest(
        self, start: str | None, end: str | None, offset: int, generation: int, cursor: str | None
    ) -> None:
        rows = self._with_exercises(self.app.journal.day_summaries(start, end, offset=offset))
        self.app.call_from_thread(self._add_rest, rows, generation, cursor)

    def _with_exercises(self, rows: list[DaySummary]) -> list[DaySummary]:
        """The rows with each day's (scheduled, done) exercises, for the wide table only."""
        if not self._wide or not rows:
            return rows
        # A shared or damaged journal can hold a date that is not one (2026-13-45): its row
        # gets no counts, and the others keep theirs.
        dates = {r.date: stored_date(r.date) for r in rows}
        readable = sorted(d for d in dates.values() if d is not None)
        if not readable:
            return rows
        counts = self.app.journal.exercises.day_counts(readable[0], readable[-1])
        return [
            replace(r, exercises=counts.get(dates[r.date], (0, 0)) if dates[r.date] else None)
            for r in rows
        ]

    def on_resize(self) -> None:
        """Crossing WIDE_WIDTH adds or removes the stiffness, sleep and exercises columns."""
        if self.loaded and (self.size.width >= WIDE_WIDTH) != self._wide:
            self.reload()

    def _fill(self, rows: list[DaySummary], days: int, metres: float) -> None:
        self._rows = list(rows)
        self.table.set_columns(columns(self.units, self._wide))
        self.table.set_rows(*self._cells(rows))
        label = f"{days:,} day{'' if days == 1 else 's'}"
        self.query_one("#history-summary", Static).update(
            f"{label} · {format_distance(metres, self.units)}"
        )
        self.loaded = True

    def _add_rest(self, rows: list[DaySummary], generation: int, cursor: str | None) -> None:
        if generation != self._generation:
            return  # a newer reload replaced the table meanwhile
        self._rows.extend(rows)
        self.table.add_rows(*self._cells(rows))
        self._restore_cursor(cursor)

    def _cells(self, rows: list[DaySummary]) -> tuple[list[tuple[str, ...]], list[bool]]:
        units = self.units
        active = self._active
        flares = self._flares
        return [
            _row_cells(
                r,
                units,
                self._wide,
                active.tiers(r.date),
                any(lo <= r.date <= hi for lo, hi in flares),
            )
            for r in rows
        ], [not r.runs and not r.activities for r in rows]

    def _cursor_date(self) -> str | None:
        table = self.table
        if not self._rows or table.row_count == 0:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)].date

    def _restore_cursor(self, date: str | None) -> None:
        if date is None:
            return
        for i, row in enumerate(self._rows):
            if row.date <= date:
                self.table.move_cursor(row=i)
                return

    def selected(self) -> DaySummary | None:
        """The day under the cursor, if any."""
        table = self.table
        if table.row_count == 0 or not self._rows:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)]

    # --- actions ---------------------------------------------------------------------------------

    @on(DayTable.Selected)
    async def _row_selected(self) -> None:
        await self.action_open_day()

    async def action_open_day(self) -> None:
        day = self.selected()
        if day is None:
            return
        date = stored_date(day.date)
        if date is None:
            self.notify(
                f"The date {shown(day.date)!r} cannot be read, so this day cannot be opened; "
                "the exports still carry it as it is.",
                title="An unreadable day",
                severity="warning",
                markup=False,
            )
            return
        await self.app.open_day(date)

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

    def action_export_csv(self) -> None:
        """Export the days the filter shows (every day without one), saying which."""
        self.app.action_export_csv(self.start, self.end)

    def action_report(self) -> None:
        """The report for a clinician of the range the filter shows (the last 6 weeks without
        one); the app writes it in a worker."""
        self.app.action_report(self.start, self.end)

    def action_focus_filter(self) -> None:
        self.query_one("#filter-from", Field).focus()

    def action_clear_filter(self) -> None:
        for name in ("#filter-from", "#filter-to"):
            self.query_one(name, Field).value = ""
        self._apply_filter()
        self.table.focus()

    @on(Button.Pressed, "#filter-clear")
    def _clear_pressed(self) -> None:
        self.action_clear_filter()

    @on(Field.Submitted)
    def _filter_submitted(self) -> None:
        if self._apply_filter():
            self.table.focus()

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


FLARE_NOTE = "flare-up"  # before the note of a day inside a flare-up (issue #17)


def _row_cells(
    r: DaySummary,
    units: str,
    wide: bool = False,
    tiers: tuple[int, ...] = (),
    flare: bool = False,
) -> tuple[str, ...]:
    """One History row's cells (``tiers``: the tiers of flag active on the day; ``flare``: the
    day is inside a flare-up, said before its note, in words). A row whose
    values a damaged or shared journal holds in the wrong type (a BLOB note, a date of
    2026-13-45, text for a distance) is shown as unreadable, cell by cell where it can be, rather
    than failing the screen."""
    date = stored_date(r.date)
    day = fmt_date(date) if date else f"{shown(r.date)} {UNREADABLE}"
    try:
        distance = (
            format_distance(r.distance_m, units, unit_label=False)
            if r.runs
            else day_kind(r.runs, r.activities).removesuffix(" day")
        )
        numbers = (
            distance,
            str(r.runs) if r.runs else "",
            *([f"{round(r.active_s / 60)}" if r.active_s else ""] if wide else []),
            _score(r.back),
            _score(r.leg),
            *((_score(r.stiffness), _score(r.sleep), _done(r.exercises)) if wide else ()),
            FLAG_TEXT[tiers],
            f"{r.odi:.0f}%" if r.odi is not None else "",
        )
    except (TypeError, ValueError, OverflowError):
        numbers = (UNREADABLE, "", "", "", *(("", "", "", "") if wide else ()), "", "")
    note = stored_text(r.note)
    if flare:
        note = f"{FLARE_NOTE} · {note}" if note else FLARE_NOTE
    return (day, *numbers, note)


def _done(counts: tuple[int, int] | None) -> str:
    """``3 of 5`` exercises done of those scheduled; blank when none was scheduled."""
    if not counts or not counts[0]:
        return ""
    scheduled, done = counts
    return f"{done} of {scheduled}"
