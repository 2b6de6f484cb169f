"""Today: log one day (runs, pain before/during/after, next morning, stiffness, sleep, note).

The screen paints at once, then a thread worker reads the day (and its neighbours, for the
next-morning pain) from the journal. Saving parses every field with the same parsers as the CLI,
and ends in the same journal method; an invalid field is marked, named, focused, and nothing is
saved. Fields that differ from what is stored are marked, so the screen shows what is not saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Select, Static

from backjournal.domain.models import DayEntry, Run, ValidationError
from backjournal.domain.parse import (
    InvalidValue,
    format_distance,
    format_duration,
    parse_score,
)
from backjournal.domain.values import (
    PAIN_MOMENT_LABELS,
    PAIN_MOMENTS,
    SLEEP_LABELS,
    week_bounds,
)
from backjournal.store import JournalError
from backjournal.tui.modals import DatePrompt, UnsavedDialog
from backjournal.tui.widgets.fields import Choice, Field, ScoreField
from backjournal.tui.widgets.navbar import NavBar
from backjournal.tui.widgets.run_row import RunRow

SCORE_FIELDS = tuple(f"{site}_{moment}" for site in ("back", "leg") for moment in PAIN_MOMENTS)
RUNS_HEADER = "{distance:<10}" + f"{'Time':<10}{'Pace':<11}{'Type':<14}{'Surface':<14}Notes"
SCALAR_FIELDS = (*SCORE_FIELDS, "stiffness", "sleep", "note")
FIELD_LABELS = {
    **{
        f"{site}_{m}": f"{site} pain {PAIN_MOMENT_LABELS[m].lower()}"
        for site in ("back", "leg")
        for m in PAIN_MOMENTS
    },
    "stiffness": "stiffness",
    "sleep": "sleep",
    "note": "note",
}


@dataclass
class DayView:
    """What the screen shows for one date: the entry and its neighbours' relevant facts."""

    date: dt.date
    entry: DayEntry | None
    next_morning: tuple[int | None, int | None] | None  # the following day's waking pain
    previous_runs: list[Run]  # yesterday's runs: today's waking pain is their "next morning"
    week: tuple[dt.date, int, float]  # the week's first day, its runs and metres (as saved)


def fmt_date(day: dt.date) -> str:
    """``Tue 24 Nov 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


class TodayScreen(Screen):
    """Log a day. The default screen."""

    TITLE = "backjournal"
    SUB_TITLE = "Today"
    BINDINGS = [
        Binding("ctrl+s", "save_day", "Save", tooltip="Save this day", id="today.save"),
        # Priority: the scrolling container would otherwise take PgUp/PgDn for itself.
        Binding("pageup", "previous_day", "Prev day", key_display="PgUp", priority=True),
        Binding("pagedown", "next_day", "Next day", key_display="PgDn", priority=True),
        Binding("ctrl+n", "add_run", "Add run", tooltip="Add a run to this day"),
        Binding("ctrl+g", "jump_to_date", "Go to date"),
        Binding("ctrl+t", "go_today", "Today", tooltip="Back to today", show=False),
        Binding("escape", "leave_field", "Leave field", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="today")
        self.date: dt.date = dt.date.min
        self.loaded = False  # True once the first day has been filled in (benchmarks wait on it)
        self._baseline: dict[str, str] = {}
        self._run_baseline: list[dict[str, str]] = []
        self._removed_run_ids: list[int] = []
        self._view: DayView | None = None

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield NavBar("today", self.app.SCREENS_BY_KEY)
        with VerticalScroll(id="today-body"):
            with Horizontal(id="date-bar"):
                yield Button("◀", id="prev-day", compact=True, tooltip="Previous day (PgUp)")
                yield Label("", id="date-label")
                yield Button("▶", id="next-day", compact=True, tooltip="Next day (PgDn)")
                yield Button("Today", id="go-today", compact=True, tooltip="Back to today (ctrl+t)")
                yield Button(
                    "Save",
                    id="save",
                    compact=True,
                    variant="primary",
                    tooltip="Save this day (ctrl+s)",
                )
                yield Static("", id="save-state")
            with Horizontal(classes="section-bar"):
                yield Label("Runs", classes="section")
                yield Static("", id="runs-total")
                yield Static("", id="week-total")
            yield Static("", id="runs-header")
            yield Vertical(id="runs")
            with Horizontal(id="runs-actions"):
                yield Button("+ Add run", id="add-run", compact=True, tooltip="Add a run (ctrl+n)")
                yield Static("", id="rest-day-hint")
            with Horizontal(classes="section-bar"):
                yield Label("Pain 0-10", classes="section")
                yield Static("0 none · 1-3 mild · 4-6 moderate · 7-10 severe", classes="hint")
            with Horizontal(id="pain-header", classes="pain-row"):
                yield Static("", classes="pain-site")
                for moment in PAIN_MOMENTS:
                    yield Static(PAIN_MOMENT_LABELS[moment], classes="pain-moment")
                yield Static("Next morning", classes="pain-moment next-morning")
            for site in ("back", "leg"):
                with Horizontal(classes="pain-row"):
                    yield Static(site.capitalize(), classes="pain-site")
                    for moment in PAIN_MOMENTS:
                        with Horizontal(classes="pain-cell"):
                            yield ScoreField(
                                id=f"{site}_{moment}",
                                tooltip=f"{site.capitalize()} pain "
                                f"{PAIN_MOMENT_LABELS[moment].lower()}, 0-10",
                            )
                    yield Static("–", id=f"next-{site}", classes="pain-moment next-morning")
            yield Static("", id="wake-hint", classes="hint")
            with Horizontal(id="extras"):
                yield Label("Stiffness", classes="extra-label")
                with Horizontal(classes="pain-cell"):
                    yield ScoreField(id="stiffness", tooltip="Morning stiffness, 0-10")
                yield Label("Sleep", classes="extra-label")
                yield Choice(
                    [(f"{k} {v}", str(k)) for k, v in SLEEP_LABELS.items()],
                    None,
                    id="sleep",
                    allow_blank=True,
                    prompt="–",
                    tooltip="Sleep quality",
                )
            with Horizontal(id="note-bar"):
                yield Label("Note", classes="extra-label")
                yield Field(placeholder="how the day went", id="note")
            yield Static("", id="errors")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "settings", self._settings_changed, init=False)
        self.show_date(self.app.today())

    @property
    def units(self) -> str:
        return self.app.settings.units

    # --- loading ---------------------------------------------------------------------------------

    def show_date(self, day: dt.date) -> None:
        """Show ``day`` (asking first if the current day has unsaved changes)."""
        self.confirm_leave(lambda: self._load(day))

    def _load(self, day: dt.date) -> None:
        self.date = day
        self.query_one("#date-label", Label).update(self._date_title(day))
        self.query_one("#next-day", Button).disabled = day >= self.app.today()
        self._read_day(day)

    def _date_title(self, day: dt.date) -> str:
        today = self.app.today()
        suffix = {0: " · today", 1: " · yesterday"}.get((today - day).days, "")
        return f"{fmt_date(day)}{suffix}"

    @work(thread=True, exclusive=True, group="today-load")
    def _read_day(self, day: dt.date) -> None:
        journal = self.app.journal
        entry = journal.get_day(day.isoformat())
        following = journal.get_day((day + dt.timedelta(days=1)).isoformat())
        previous = journal.get_day((day - dt.timedelta(days=1)).isoformat())
        start, end = week_bounds(day, self.app.settings.week_start)
        runs, metres = journal.run_totals(start.isoformat(), end.isoformat())
        view = DayView(
            date=day,
            entry=entry,
            next_morning=(following.back_wake, following.leg_wake) if following else None,
            previous_runs=previous.runs if previous else [],
            week=(start, runs, metres),
        )
        self.app.call_from_thread(self._fill, view)

    async def _fill(self, view: DayView) -> None:
        """Put a day's values into the fields and remember them as the saved state."""
        if view.date != self.date:
            return  # the user moved on while this was loading
        self._view = view
        entry = view.entry or DayEntry(view.date.isoformat())
        self._baseline = self._entry_strings(entry)
        self._removed_run_ids = []
        with self.app.batch_update():
            for name in SCORE_FIELDS + ("stiffness", "note"):
                self.query_one(f"#{name}", Field).value = self._baseline[name]
            sleep = self.query_one("#sleep", Choice)
            sleep.value = self._baseline["sleep"] or Select.NULL
            runs = self.query_one("#runs", Vertical)
            await runs.remove_children()
            rows = [RunRow(run, self.units) for run in entry.runs]
            await runs.mount_all(rows)
            self._run_baseline = [row.values() for row in rows]
            self._show_next_morning(view)
            self._update_header_and_totals()
            self._clear_errors()
            self._refresh_dirty()
        self.loaded = True

    def _entry_strings(self, entry: DayEntry) -> dict[str, str]:
        values = {name: _text(getattr(entry, name)) for name in SCORE_FIELDS + ("stiffness",)}
        values["sleep"] = _text(entry.sleep)
        values["note"] = entry.note
        return values

    def _show_next_morning(self, view: DayView) -> None:
        following = view.date + dt.timedelta(days=1)
        for i, site in enumerate(("back", "leg")):
            value = view.next_morning[i] if view.next_morning else None
            text = "–" if value is None else f"{value}  ({following.day} {following:%b})"
            self.query_one(f"#next-{site}", Static).update(text)
        hint = ""
        if view.previous_runs:
            km = format_distance(sum(r.distance_m for r in view.previous_runs), self.units)
            kinds = "/".join(sorted({r.type for r in view.previous_runs}))
            hint = f"On waking is the next morning after yesterday's {km} {kinds} run."
        self.query_one("#wake-hint", Static).update(hint)

    def _update_header_and_totals(self) -> None:
        self.query_one("#runs-header", Static).update(
            RUNS_HEADER.format(distance=f"Dist ({self.units})") if self.query("RunRow") else ""
        )
        rows = list(self.query(RunRow))
        total = 0.0
        for row in rows:
            run, _ = row.to_run()
            total += run.distance_m if run else 0.0
        day_text = (
            f"{len(rows)} run{'s' if len(rows) != 1 else ''} · {format_distance(total, self.units)}"
            if rows
            else ""
        )
        self.query_one("#runs-total", Static).update(day_text)
        week_text = ""
        if self._view is not None:
            start, runs, metres = self._view.week
            week_text = (
                f"week from {start.day} {start:%b}: {runs} run{'s' if runs != 1 else ''} · "
                f"{format_distance(metres, self.units)} saved"
            )
        self.query_one("#week-total", Static).update(week_text)
        self.query_one("#rest-day-hint", Static).update(
            "" if rows else "No run: a rest day. Pain, sleep and a note still count."
        )

    def _settings_changed(self) -> None:
        if self.date != dt.date.min and not self.is_dirty:
            self._load(self.date)

    def refresh_from_journal(self) -> None:
        """Another program changed the journal: reload, unless the user is editing this day."""
        if self.loaded and not self.is_dirty:
            self._read_day(self.date)

    # --- dirty tracking --------------------------------------------------------------------------

    def _current_strings(self) -> dict[str, str]:
        values = {
            name: self.query_one(f"#{name}", Field).value.strip()
            for name in SCORE_FIELDS + ("stiffness",)
        }
        sleep = self.query_one("#sleep", Choice).value
        values["sleep"] = "" if sleep is Select.NULL else str(sleep)
        values["note"] = self.query_one("#note", Field).value
        return values

    def _dirty_fields(self) -> list[str]:
        current = self._current_strings()
        return [name for name in SCALAR_FIELDS if current[name] != self._baseline.get(name, "")]

    def _runs_dirty(self) -> bool:
        return (
            bool(self._removed_run_ids)
            or [r.values() for r in self.query(RunRow)] != self._run_baseline
        )

    @property
    def is_dirty(self) -> bool:
        """True when something on screen differs from what the journal holds."""
        if not self.loaded:
            return False
        return bool(self._dirty_fields()) or self._runs_dirty()

    def _refresh_dirty(self) -> None:
        dirty = set(self._dirty_fields())
        for name in SCALAR_FIELDS:
            self.query_one(f"#{name}").set_class(name in dirty, "-dirty")
        rows = list(self.query(RunRow))
        for i, row in enumerate(rows):
            saved = self._run_baseline[i] if i < len(self._run_baseline) else None
            row.set_class(saved is None or row.values() != saved, "-dirty")
        state = self.query_one("#save-state", Static)
        count = (
            len(dirty) + sum(1 for r in rows if r.has_class("-dirty")) + len(self._removed_run_ids)
        )
        if count:
            state.update(f"● {count} change{'s' if count != 1 else ''} not saved")
            state.set_classes("unsaved")
        elif self._view and self._view.entry is not None:
            state.update("✓ Saved")
            state.set_classes("saved")
        else:
            state.update("Nothing recorded yet")
            state.set_classes("empty")

    @on(Field.Changed)
    @on(Select.Changed)
    def _field_changed(self, event: Field.Changed | Select.Changed) -> None:
        widget = event.control
        if widget.has_class("-error"):
            widget.remove_class("-error")
            self._validate_live(widget)
        if self.loaded:
            self._refresh_dirty()
            self._update_header_and_totals()

    def _validate_live(self, widget) -> None:
        """Re-check a field that was marked invalid, so the mark goes as soon as it is right."""
        _, errors = self._collect()
        self._show_errors(errors, focus=False)

    # --- saving ----------------------------------------------------------------------------------

    def _collect(self) -> tuple[DayEntry | None, dict[str, tuple[object, str]]]:
        """Parse every field; return the entry, or the errors as {key: (widget, message)}."""
        errors: dict[str, tuple[object, str]] = {}
        entry = DayEntry(self.date.isoformat())
        # In screen order, so that the first error named is the first one on screen.
        for i, row in enumerate(self.query(RunRow)):
            run, row_errors = row.to_run()
            for key, message in row_errors.items():
                widget = row.distance_input if key == "distance" else row.duration_input
                errors[f"run {i + 1} {key}"] = (widget, message)
            if run:
                entry.runs.append(run)
        for name in SCORE_FIELDS + ("stiffness",):
            widget = self.query_one(f"#{name}", Field)
            try:
                setattr(entry, name, parse_score(widget.value, what=FIELD_LABELS[name]))
            except InvalidValue as exc:
                errors[name] = (widget, exc.message)
        sleep = self.query_one("#sleep", Choice).value
        entry.sleep = None if sleep is Select.NULL else int(sleep)
        entry.note = self.query_one("#note", Field).value.strip()
        if not errors:
            try:
                entry.validate(self.app.today())
            except ValidationError as exc:
                for key, message in exc.errors.items():
                    errors[key] = (self._widget_for(key), message)
        return (None if errors else entry), errors

    def _widget_for(self, key: str):
        if key.startswith("runs."):
            index, field = key.split(".")[1:3]
            rows = list(self.query(RunRow))
            row = rows[int(index)]
            return row.distance_input if field == "distance" else row.duration_input
        if key == "distance":
            rows = list(self.query(RunRow))
            return rows[-1].distance_input if rows else None
        if key == "date":
            return None
        return self.query_one(f"#{key}")

    def _show_errors(self, errors: dict[str, tuple[object, str]], *, focus: bool = True) -> None:
        for widget in self.query(".-error"):
            widget.remove_class("-error")
        for widget, _ in errors.values():
            if widget is not None:
                widget.add_class("-error")
        line = self.query_one("#errors", Static)
        if errors:
            line.update(
                "Not saved: "
                + "; ".join(_error_text(key, message) for key, (_, message) in errors.items())
            )
            first = next((w for w, _ in errors.values() if w is not None), None)
            if focus and first is not None:
                first.focus()
        else:
            line.update("")

    def _clear_errors(self) -> None:
        self._show_errors({}, focus=False)

    def action_save_day(self) -> None:
        """Save the day: all fields valid, or nothing saved and the first bad field focused."""
        self.save(then=None)

    def save(self, then: Callable[[], None] | None) -> None:
        entry, errors = self._collect()
        if errors or entry is None:
            self._show_errors(errors)
            return
        self._clear_errors()
        self._write(entry, tuple(self._removed_run_ids), then)

    @work(thread=True, exclusive=True, group="today-save")
    def _write(
        self, entry: DayEntry, removed: tuple[int, ...], then: Callable[[], None] | None
    ) -> None:
        try:
            self.app.journal.save_day(entry, self.app.today(), removed_run_ids=removed)
        except ValidationError as exc:
            self.app.call_from_thread(
                self._show_errors,
                {key: (self._widget_for(key), message) for key, message in exc.errors.items()},
            )
            return
        except JournalError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not saved", severity="error")
            return
        self.app.call_from_thread(self._saved, entry.date, then)

    def _saved(self, date: str, then: Callable[[], None] | None) -> None:
        self.notify(f"Saved {fmt_date(dt.date.fromisoformat(date))}", timeout=2)
        if then is not None:
            then()
        else:
            self._read_day(self.date)

    def confirm_leave(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` now, or after the user chose to save or discard unsaved changes."""
        if not self.is_dirty:
            proceed()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(then=proceed)
            elif choice == "discard":
                proceed()

        self.app.push_screen(UnsavedDialog(fmt_date(self.date)), answered)

    # --- actions ---------------------------------------------------------------------------------

    def action_previous_day(self) -> None:
        self.show_date(self.date - dt.timedelta(days=1))

    def action_next_day(self) -> None:
        if self.date < self.app.today():
            self.show_date(self.date + dt.timedelta(days=1))
        else:
            self.notify("Today is the latest day you can log.", timeout=2)

    def action_go_today(self) -> None:
        self.show_date(self.app.today())

    def action_jump_to_date(self) -> None:
        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.show_date(day)

        self.app.push_screen(DatePrompt(self.app.today()), chosen)

    async def action_add_run(self) -> None:
        row = RunRow(None, self.units)
        await self.query_one("#runs", Vertical).mount(row)
        row.distance_input.focus()
        self._update_header_and_totals()
        self._refresh_dirty()

    def action_leave_field(self) -> None:
        """Escape: leave the field, so that number keys switch screens."""
        self.set_focus(None)

    @on(Button.Pressed, "#prev-day")
    def _prev_pressed(self) -> None:
        self.action_previous_day()

    @on(Button.Pressed, "#next-day")
    def _next_pressed(self) -> None:
        self.action_next_day()

    @on(Button.Pressed, "#go-today")
    def _today_pressed(self) -> None:
        self.action_go_today()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save_day()

    @on(Button.Pressed, "#add-run")
    async def _add_pressed(self) -> None:
        await self.action_add_run()

    @on(Field.Submitted)
    def _submitted(self) -> None:
        """Enter in a field moves on to the next one, like Tab (ctrl+s saves)."""
        self.focus_next()

    async def on_run_row_remove_requested(self, message: RunRow.RemoveRequested) -> None:
        if message.row.run_id is not None:
            self._removed_run_ids.append(message.row.run_id)
            saved = [r for r in self._run_baseline]
            index = list(self.query(RunRow)).index(message.row)
            if index < len(saved):
                saved.pop(index)
            self._run_baseline = saved
        else:
            index = list(self.query(RunRow)).index(message.row)
            if index < len(self._run_baseline):
                self._run_baseline.pop(index)
        await message.row.remove()
        self._update_header_and_totals()
        self._refresh_dirty()


def _error_text(key: str, message: str) -> str:
    """Name the field unless the message already does (score messages name their field)."""
    if key in FIELD_LABELS and key != "note":
        return message[:1].upper() + message[1:]
    return f"{key.replace('_', ' ').replace('.', ' ')}: {message}"


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


__all__ = ["TodayScreen", "fmt_date", "format_duration"]
