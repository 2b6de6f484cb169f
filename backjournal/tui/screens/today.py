"""Today: log one day (runs, pain before/during/after, next morning, stiffness, sleep, note).

The first day is read while the screen is built (three lookups by primary key: well under a
millisecond at any journal size), so the first paint already shows it; every later day is read by
a thread worker. Saving parses every field with the same parsers as the CLI and ends in the same
journal method; an invalid field is marked, named and focused, and nothing is saved. Fields that
differ from what is stored are marked, so the screen shows what is not saved yet.

Why one class of about 650 lines: the screen's four parts (layout, loading, dirty tracking,
saving) all work on the same widgets and the same loaded :class:`DayView`; split into mixins or
helpers, each part would reach into the others' state and a reader would follow one field across
files. What stands alone already lives elsewhere: what is read for a day in ``today_view``, the
day navigation in ``day_nav``, the display texts in ``tui/daytext.py``, the widgets in
``tui/widgets/``, the unsaved-changes dialog in ``tui/dialogs/confirm.py``. New panels belong in
a widget of their own (with its own data read beside ``read_view``), so the class grows by a
compose line and a refresh call, not by a section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, Static

from backjournal.domain.activity import active_minutes, day_kind
from backjournal.domain.models import DayEntry, Shoe, ValidationError
from backjournal.domain.parse import format_distance
from backjournal.domain.symptoms import (
    RED_FLAG_FIELDS,
    SHORT_CHECK_LABELS,
    Mark,
    banner_text,
    red_flags,
)
from backjournal.domain.values import (
    PAIN_MOMENT_LABELS,
    PAIN_MOMENTS,
    SLEEP_LABELS,
)
from backjournal.store import JournalError
from backjournal.store.shoes import get_shoe
from backjournal.tui.daytext import date_title, exercises_text, fmt_date, marks_text, odi_text
from backjournal.tui.dialogs.confirm import UnsavedDialog
from backjournal.tui.screens.day_nav import DAY_BINDINGS, DayNavigation
from backjournal.tui.screens.today_clinical import CLINICAL_BINDINGS, TodayClinical
from backjournal.tui.screens.today_view import DayView, read_view
from backjournal.tui.widgets.activity_row import ACTIVITY_HEADER, ActivityList
from backjournal.tui.widgets.check_row import CheckRow
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.clinical_panel import ClinicalPanel, FactorRow
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.navbar import NavBar
from backjournal.tui.widgets.push_button import PushButton
from backjournal.tui.widgets.run_row import RunRow
from backjournal.tui.widgets.score_grid import ScoreCell, ScoreGrid

SITES = ("back", "leg")
SCORE_FIELDS = tuple(f"{site}_{moment}" for site in SITES for moment in PAIN_MOMENTS)
MORNING_FIELDS = ("stiffness", "sleep")
FIELD_LABELS = {
    **{
        f"{site}_{m}": f"{site} pain {PAIN_MOMENT_LABELS[m].lower()}"
        for site in SITES
        for m in PAIN_MOMENTS
    },
    "stiffness": "stiffness",
    "sleep": "sleep quality",
    "note": "note",
}
RUNS_HEADER = (
    "{distance:<10}"
    + f"{'Time':<10}"
    + "{pace}"
    + f"{'Effort':<7}{'Type':<14}{'Surface':<14}"
    + "{shoe}Notes"
)
# Below this width a run row with a shoe picker leaves out its pace (worked out from the distance
# and time; a wider terminal shows it), so that distance, time, type, surface, shoe, notes and the
# remove button fit 80 columns.
NARROW_WIDTH = 100


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TodayScreen(DayNavigation, TodayClinical, Screen):
    """Log a day. The default screen."""

    CSS_PATH = "today.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "Today"
    BINDINGS = [
        Binding("ctrl+s", "save_day", "Save", tooltip="Save this day", id="today.save"),
        *DAY_BINDINGS,
        Binding("ctrl+n", "add_run", "Add run", tooltip="Add a run to this day"),
        *CLINICAL_BINDINGS,
        Binding("escape", "leave_field", "Leave field", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="today")
        self.date: dt.date = dt.date.min
        self.loaded = False  # True once a day has been filled in (benchmarks wait on it)
        self._note_baseline = ""
        self._run_baseline: list[dict[str, str]] = []
        self._removed_run_ids: list[int] = []
        self._view: DayView | None = None
        self._marks: list[Mark] = []
        self._shoes: list[Shoe] = []
        self._missed_refresh = False  # another program wrote while this day could not reload
        self._filling = False  # True while _fill replaces the rows

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.app
        self.date = app.today()
        view = read_view(app.journal, self.date, app.settings.week_start)
        self._shoes = view.shoes
        entry = view.entry or DayEntry(self.date.isoformat())
        yield NavBar("today", app.SCREENS_BY_KEY)
        # The scroll container takes no focus: focusing it restyles every widget inside (25 ms).
        with VerticalScroll(id="today-body", can_focus=False):
            with Horizontal(id="date-bar"):
                yield PushButton(
                    "◀", id="prev-day", tooltip="Previous day (PgUp)", action="screen.previous_day"
                )
                yield Label(self._date_title(self.date), id="date-label")
                yield PushButton(
                    "▶",
                    id="next-day",
                    tooltip="Next day (PgDn)",
                    disabled=self.date >= app.today(),
                    action="screen.next_day",
                )
                yield PushButton(
                    "Today",
                    id="go-today",
                    tooltip="Back to today (ctrl+t)",
                    action="screen.go_today",
                )
                yield PushButton(
                    "Save",
                    id="save",
                    primary=True,
                    tooltip="Save (ctrl+s)",
                    action="screen.save_day",
                )
                yield Static("", id="save-state")
            yield Static("", id="flag-banner", classes="banner")
            yield Static("", id="readiness")
            yield ClinicalPanel(id="clinical")
            yield Static("", id="runs-title", classes="section-bar")
            yield Static("", id="runs-header")
            with Vertical(id="runs"):
                for run in entry.runs:
                    yield RunRow(run, self.units, self._shoes)
            yield Static("", id="activities-header")
            yield ActivityList(entry.activities or [], self.units, id="activities")
            with Horizontal(id="runs-actions"):
                yield PushButton(
                    "+ Add run", id="add-run", tooltip="Add a run (ctrl+n)", action="screen.add_run"
                )
                yield PushButton(
                    "+ Activity",
                    id="add-activity",
                    tooltip="Add a walk, ride, swim or session (ctrl+r)",
                    action="screen.add_activity",
                )
                yield Static("", id="rest-day-hint")
            yield Static(
                "[b $accent]Pain 0-10[/]  [dim]0 none · 1-3 mild · 4-6 moderate · 7-10 severe[/]",
                classes="section-bar",
            )
            yield ScoreGrid(
                [PAIN_MOMENT_LABELS[m] for m in PAIN_MOMENTS],
                [
                    (
                        site.capitalize(),
                        [
                            ScoreCell(f"{site}_{m}", FIELD_LABELS[f"{site}_{m}"])
                            for m in PAIN_MOMENTS
                        ],
                    )
                    for site in SITES
                ],
                notes_header="Next morning",
                id="pain",
                tooltip="Pain 0-10: a digit sets it (1 then 0 for 10), arrows move, Space clears",
            )
            yield Static("", id="wake-hint", classes="hint")
            yield ScoreGrid(
                ["Stiffness", "Sleep 1-5"],
                [
                    (
                        "Morning",
                        [
                            ScoreCell("stiffness", "stiffness"),
                            ScoreCell("sleep", "sleep quality", low=1, high=5),
                        ],
                    )
                ],
                id="morning",
                tooltip="Morning stiffness 0-10; sleep quality 1 (very poor) to 5 (very good)",
            )
            with Horizontal(id="note-bar"):
                yield Label("Note", classes="extra-label")
                yield Field(entry.note, placeholder="how the day went", id="note")
            yield FactorRow(id="factors")
            yield Static("", id="marks-summary")
            yield CheckRow(
                tuple((key, SHORT_CHECK_LABELS[key]) for key in RED_FLAG_FIELDS),
                id="checks",
                tooltip="Space or a click ticks; any tick means: see a physician",
                title="Red-flag check",
                hint="tick anything that happened today",
            )
            yield Static("", id="errors")
        yield Footer(compact=True)
        self._first_view = view

    def on_mount(self) -> None:
        self.watch(self.app, "settings", self._settings_changed, init=False)
        self._apply_view(self._first_view, rows=list(self.query(RunRow)))

    def on_resize(self) -> None:
        if self.loaded:
            self._update_header_and_totals()

    @property
    def units(self) -> str:
        return self.app.settings.units

    @property
    def pain(self) -> ScoreGrid:
        return self.query_one("#pain", ScoreGrid)

    @property
    def morning(self) -> ScoreGrid:
        return self.query_one("#morning", ScoreGrid)

    @property
    def checks(self) -> CheckRow:
        return self.query_one("#checks", CheckRow)

    # --- loading ---------------------------------------------------------------------------------

    def show_date(self, day: dt.date) -> None:
        """Show ``day`` (asking first if the current day has unsaved changes)."""
        self.confirm_leave(lambda: self._load(day))

    def _load(self, day: dt.date) -> None:
        self.date = day
        self.query_one("#date-label", Label).update(self._date_title(day))
        self.query_one("#next-day", PushButton).disabled = day >= self.app.today()
        self._read_day(day)

    def _date_title(self, day: dt.date) -> str:
        return date_title(day, self.app.today())

    @work(thread=True, exclusive=True, group="today-load")
    def _read_day(self, day: dt.date) -> None:
        view = read_view(self.app.journal, day, self.app.settings.week_start)
        self.app.call_from_thread(self._fill, view)

    async def _fill(self, view: DayView) -> None:
        """Put a day's runs in place, then its values (after a worker read it)."""
        if view.date != self.date:
            return  # the user moved on while this was loading
        if self._filling:
            # Another fill is mounting its rows: two at once would mount both sets (the
            # two-writers test saw a day's runs twice). Read again once that one is done.
            self._missed_refresh = True
            return
        entry = view.entry or DayEntry(view.date.isoformat())
        runs = self.query_one("#runs", Vertical)
        # While the rows are replaced, a row may be mounted but not yet composed: nothing may ask
        # it for its values then (the journal's refresh did, and the app died with NoMatches;
        # found by the two-writers test).
        self._filling = True
        try:
            with self.app.batch_update():
                await runs.remove_children()
                self._shoes = view.shoes
                rows = [RunRow(run, self.units, self._shoes) for run in entry.runs]
                await runs.mount_all(rows)
                await self.activity_list.replace(entry.activities or [], self.units)
                self.query_one("#note", Field).value = entry.note
                self._apply_view(view, rows)
        finally:
            self._filling = False
        self._catch_up()

    def _apply_view(self, view: DayView, rows: list[RunRow]) -> None:
        """Show ``view``'s scores and remember everything shown as the saved state."""
        self._view = view
        entry = view.entry or DayEntry(view.date.isoformat())
        self.pain.load({name: getattr(entry, name) for name in SCORE_FIELDS})
        self.morning.load({"stiffness": entry.stiffness, "sleep": entry.sleep})
        self.checks.load(entry.checks())
        self._show_summary(entry.marks or [], view.odi, view.exercises)
        self._note_baseline = entry.note
        self._run_baseline = [row.values() for row in rows]
        self._removed_run_ids = []
        self.activity_list.mark_saved()
        self._show_next_morning(view)
        self._show_sleep_label()
        self._show_banner()
        self._update_header_and_totals()
        self._clear_errors()
        self._refresh_dirty()
        self.loaded = True
        # After the frame that shows the day: the worker's imports and queries would otherwise
        # compete with the first paint for the interpreter.
        self.call_after_refresh(self._read_readiness, view.date)
        self.load_clinical(view.date)

    @work(thread=True, exclusive=True, group="today-readiness")
    def _read_readiness(self, day: dt.date) -> None:
        """Run today? Read after the first paint: it is not needed to start typing."""
        if day != self.app.today():
            self.app.call_from_thread(self._show_readiness, day, None)
            return
        from backjournal.domain.readiness import readiness, readiness_range

        settings = self.app.settings
        try:
            data = self.app.journal.trends.data(*readiness_range(day))
            answer = readiness(data, day, week_start=settings.week_start, units=settings.units)
        except JournalError:
            answer = None
        self.app.call_from_thread(self._show_readiness, day, answer)

    def _show_readiness(self, day: dt.date, answer) -> None:
        line = self.query_one("#readiness", Static)
        if answer is None or day != self.date:
            line.display = False
            return
        colour = {"green": "$success", "amber": "$warning", "red": "$error"}.get(
            answer.level, "$text-muted"
        )
        reasons = [r.text for r in answer.reasons if r.level in ("amber", "red")][:3]
        if not reasons:
            reasons = [r.text for r in answer.reasons][:2]
        text = f"[b {colour}]● Run today?[/]  {answer.headline}"
        text += "".join(f"\n  [dim]·[/] {reason}" for reason in reasons)
        line.update(text)
        line.set_classes(f"readiness-{answer.level}")
        line.display = True

    def _show_next_morning(self, view: DayView) -> None:
        following = view.date + dt.timedelta(days=1)
        for i in range(len(SITES)):
            value = view.next_morning[i] if view.next_morning else None
            text = "–" if value is None else f"{value}  ({following.day} {following:%b})"
            self.pain.set_note(i, text)
        hint = ""
        if view.previous_runs:
            km = format_distance(sum(r.distance_m for r in view.previous_runs), self.units)
            kinds = "/".join(sorted({r.type for r in view.previous_runs}))
            hint = f"On waking is the next morning after yesterday's {km} {kinds} run."
        self.query_one("#wake-hint", Static).update(hint)

    def _show_summary(
        self,
        marks: list[Mark],
        odi: tuple[str, float, str] | None,
        exercises: tuple[int, int] = (0, 0),
    ) -> None:
        """The day's body map with the extent per leg, the exercise checklist, and the latest
        Oswestry score."""
        self._marks = list(marks)
        self.query_one("#marks-summary", Static).update(
            f"{marks_text(marks)}\n{exercises_text(exercises)}\n{odi_text(odi, self.app.today())}"
        )

    def _show_banner(self) -> None:
        """Red flags from the check, the marks and the pain scores, as they stand on screen."""
        flags = red_flags(
            self.checks.values, self._marks, {n: self.pain.values[n] for n in SCORE_FIELDS}
        )
        banner = self.query_one("#flag-banner", Static)
        banner.display = bool(flags)
        if flags:
            banner.update(f"⚠ {banner_text(flags)}")

    def _show_sleep_label(self) -> None:
        sleep = self.morning.values["sleep"]
        self.morning.set_note(0, SLEEP_LABELS.get(sleep, "") if sleep else "")

    def _update_header_and_totals(self) -> None:
        rows = list(self.query(RunRow))
        narrow = bool(self._shoes) and self.size.width < NARROW_WIDTH
        self.query_one("#runs", Vertical).set_class(narrow, "-no-pace")
        self.query_one("#runs-header", Static).update(
            RUNS_HEADER.format(
                distance=f"Dist ({self.units})",
                pace="" if narrow else f"{'Pace':<11}",
                shoe=f"{'Shoe':<14}" if self._shoes else "",
            )
            if rows
            else ""
        )
        total = 0.0
        timed: list[int | None] = []
        for row in rows:
            run, _ = row.to_run()
            total += run.distance_m if run else 0.0
            timed.append(run.duration_s if run else None)
        title = "[b $accent]Runs[/]"
        if rows:
            title += f"  {_plural(len(rows), 'run')} · {format_distance(total, self.units)}"
        activities = self.activity_list.rows
        if activities:
            done = [a for a in (r.to_activity()[0] for r in activities) if a is not None]
            title += f" · active {active_minutes(timed, done)} min"
        if self._view is not None:
            start, runs, metres = self._view.week
            title += (
                f"  [dim]· week from {start.day} {start:%b}: {_plural(runs, 'run')} · "
                f"{format_distance(metres, self.units)} saved[/]"
            )
        self.query_one("#runs-title", Static).update(title)
        self.query_one("#activities-header", Static).update(
            ACTIVITY_HEADER.format(distance=f"Dist ({self.units})") if activities else ""
        )
        kind = day_kind(len(rows), len(activities))
        hints = {
            "rest day": "A rest day: pain, sleep and a note still count.",
            "active day": "No run: an active day. Moving in other ways counts.",
        }
        self.query_one("#rest-day-hint", Static).update(hints.get(kind, ""))

    def _settings_changed(self) -> None:
        if self.loaded and not self.is_dirty:
            self._load(self.date)

    def refresh_from_journal(self) -> None:
        """Another program changed the journal: reload, unless the user is editing this day."""
        if self.loaded and not self._filling and not self.is_dirty:
            self._read_day(self.date)
        else:
            # Not now: remember it, and read again as soon as the day is clean (_catch_up).
            # Dropped, the change would not be shown until the next one: after an edit undone
            # by hand, or when it arrives while a fill is mounting its rows, which looks like an
            # edit (found by the two-writers test).
            self._missed_refresh = True

    def _catch_up(self) -> None:
        """Read the day again if another program wrote while it could not be reloaded."""
        if self._missed_refresh and self.loaded and not self.is_dirty:
            self._missed_refresh = False
            self._read_day(self.date)

    # --- dirty tracking --------------------------------------------------------------------------

    def _dirty_fields(self) -> list[str]:
        dirty = self.pain.dirty_keys() + self.morning.dirty_keys() + self.checks.dirty_keys()
        if self.query_one("#note", Field).value != self._note_baseline:
            dirty.append("note")
        return dirty

    def _runs_dirty(self) -> bool:
        current = [r.values() for r in self.query(RunRow)]
        return (
            bool(self._removed_run_ids)
            or current != self._run_baseline
            or self.activity_list.is_dirty()
        )

    @property
    def is_dirty(self) -> bool:
        """True when something on screen differs from what the journal holds."""
        if not self.loaded or self._filling:
            return False  # nothing shown is the user's yet: it is being filled from the journal
        return bool(self._dirty_fields()) or self._runs_dirty()

    def _refresh_dirty(self) -> None:
        dirty = self._dirty_fields()
        self.query_one("#note").set_class("note" in dirty, "-dirty")
        rows = list(self.query(RunRow))
        for i, row in enumerate(rows):
            saved = self._run_baseline[i] if i < len(self._run_baseline) else None
            row.set_class(saved is None or row.values() != saved, "-dirty")
        state = self.query_one("#save-state", Static)
        count = len(dirty) + sum(1 for r in rows if r.has_class("-dirty"))
        count += len(self._removed_run_ids) + self.activity_list.changes()
        if count:
            state.update(f"● {_plural(count, 'change')} not saved")
            state.set_classes("unsaved")
        elif self._view and self._view.entry is not None:
            state.update("✓ Saved")
            state.set_classes("saved")
        else:
            state.update("Nothing recorded yet")
            state.set_classes("empty")
        if not count:
            self._catch_up()

    @on(Field.Changed)
    @on(ChoiceCycle.Changed)
    @on(ScoreGrid.Changed)
    @on(CheckRow.Changed)
    def _field_changed(
        self, event: Field.Changed | ChoiceCycle.Changed | ScoreGrid.Changed | CheckRow.Changed
    ) -> None:
        widget = event.control
        if widget.has_class("-error") or isinstance(widget, ScoreGrid):
            widget.remove_class("-error")
            _, errors = self._collect()
            self._show_errors(errors, focus=False)
        if widget.id == "morning":
            self._show_sleep_label()
        if isinstance(widget, (ScoreGrid, CheckRow)) and self.loaded:
            self._show_banner()
        if self.loaded:
            self._refresh_dirty()
            self._update_header_and_totals()

    @on(ScoreGrid.Refused)
    def _score_refused(self, event: ScoreGrid.Refused) -> None:
        self.query_one("#errors", Static).update(event.message[:1].upper() + event.message[1:])

    # --- saving ----------------------------------------------------------------------------------

    def _collect(self) -> tuple[DayEntry | None, dict[str, tuple[Widget | None, str]]]:
        """Parse every field; return the entry, or the errors as {key: (widget, message)}."""
        errors: dict[str, tuple[Widget | None, str]] = {}
        entry = DayEntry(self.date.isoformat())
        # In screen order, so that the first error named is the first one on screen.
        for i, row in enumerate(self.query(RunRow)):
            run, row_errors = row.to_run()
            for key, message in row_errors.items():
                widget = row.field(key)
                errors[f"run {i + 1} {key}"] = (widget, message)
            if run:
                entry.runs.append(run)
        entry.activities, activity_errors = self.activity_list.collect()
        errors.update(activity_errors)
        for name in SCORE_FIELDS:
            setattr(entry, name, self.pain.values[name])
        for name in RED_FLAG_FIELDS:
            setattr(entry, name, self.checks.values[name])
        entry.stiffness = self.morning.values["stiffness"]
        entry.sleep = self.morning.values["sleep"]
        entry.note = self.query_one("#note", Field).value.strip()
        if not errors:
            try:
                entry.validate(self.app.today())
            except ValidationError as exc:
                for key, message in exc.errors.items():
                    errors[key] = (self._widget_for(key), message)
        return (None if errors else entry), errors

    def _widget_for(self, key: str) -> Widget | None:
        rows = list(self.query(RunRow))
        if key.startswith("runs."):
            index, field = key.split(".")[1:3]
            row = rows[int(index)]
            return row.field(field if field in ("distance", "effort") else "duration")
        if key == "distance":
            return rows[-1].distance_input if rows else None
        if key.startswith("activities."):
            return self.activity_list.widget_for(key)
        if key in SCORE_FIELDS:
            self.pain.move_to(key)
            self.pain.mark_error(key)
            return self.pain
        if key in MORNING_FIELDS:
            self.morning.move_to(key)
            self.morning.mark_error(key)
            return self.morning
        if key == "note":
            return self.query_one("#note")
        return None

    def _show_errors(
        self, errors: dict[str, tuple[Widget | None, str]], *, focus: bool = True
    ) -> None:
        for widget in self.query(".-error"):
            widget.remove_class("-error")
        for widget, _ in errors.values():
            if widget is not None and not isinstance(widget, ScoreGrid):
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
        for shoe_id in {row.to_run()[0].shoe_id for row in self.query(RunRow) if row.to_run()[0]}:
            shoe = get_shoe(self.app.journal, shoe_id) if shoe_id is not None else None
            warning = shoe.wear_warning(self.units) if shoe else None
            if warning:
                self.notify(warning, title="Shoes", severity="warning", timeout=8)
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

    async def action_add_run(self) -> None:
        row = RunRow(None, self.units, self._shoes)
        await self.query_one("#runs", Vertical).mount(row)
        row.distance_input.focus()
        self._update_header_and_totals()
        self._refresh_dirty()

    def action_leave_field(self) -> None:
        """Escape: leave the field, so that number keys switch screens."""
        self.set_focus(None)

    @on(Field.Submitted)
    def _submitted(self) -> None:
        """Enter in a field moves on to the next one, like Tab (ctrl+s saves)."""
        self.focus_next()

    async def on_run_row_remove_requested(self, message: RunRow.RemoveRequested) -> None:
        index = list(self.query(RunRow)).index(message.row)
        if message.row.run_id is not None:
            # A stored run: its removal is the change, so it leaves the saved state compared.
            self._removed_run_ids.append(message.row.run_id)
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
