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
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, Static

from backjournal.domain.activity import active_minutes, day_kind
from backjournal.domain.flags import (
    RED_FLAG_FIELDS,
    TIER1_CHECKS,
    ActiveFlag,
    Occurrence,
    active_flags,
    day_signs,
)
from backjournal.domain.models import DayEntry, Shoe, ValidationError
from backjournal.domain.parse import format_distance
from backjournal.domain.safety_words import (
    BANNER_ACTIONS,
    BANNER_TIER1_HEAD,
    CHECK_COLLAPSED,
    CHECK_HINT,
    CHECK_SHORT,
    REST_DAY_COLUMNS,
    REST_DAY_HINT,
    flag_blocks,
    past_check_collapsed,
    past_check_hint,
    past_flag_blocks,
)
from backjournal.domain.symptoms import Mark
from backjournal.domain.values import (
    PAIN_MOMENT_LABELS,
    PAIN_MOMENTS,
    SLEEP_LABELS,
    week_bounds,
)
from backjournal.store import JournalError
from backjournal.store.shoes import get_shoe
from backjournal.tui.daytext import (
    date_title,
    exercises_text,
    fmt_date,
    marks_text,
    odi_text,
)
from backjournal.tui.dialogs.confirm import UnsavedDialog
from backjournal.tui.screens.day_nav import DAY_BINDINGS, DayNavigation
from backjournal.tui.screens.today_clinical import CLINICAL_BINDINGS, TodayClinical
from backjournal.tui.screens.today_undo import UndoStack, capture, restore
from backjournal.tui.screens.today_view import DayView, read_view
from backjournal.tui.widgets.activity_row import ACTIVITY_HEADER, ActivityList
from backjournal.tui.widgets.check_row import CheckRow
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.clinical_panel import ClinicalPanel, FactorRow
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.navbar import NavBar
from backjournal.tui.widgets.plain import PlainText
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
# Below this width a run's notes take a line of their own under its other fields (at 80 columns
# they were cut to 9 characters, issue #15), and a row with a shoe picker leaves out its pace
# (worked out from the distance and time; a wider terminal shows it), so that the shoe's name
# has room.
NARROW_WIDTH = 100


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TodayScreen(DayNavigation, TodayClinical, Screen):
    """Log a day. The default screen."""

    CSS_PATH = "today.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "Today"
    # The first useful key: Enter adds a run (and its distance takes the focus); focus on ◀ made
    # a new user's first Enter move to yesterday (issue #15). A button, so digits still switch.
    AUTO_FOCUS = "#add-run"
    BINDINGS = [
        Binding("ctrl+s", "save_day", "Save", tooltip="Save this day", id="today.save"),
        *DAY_BINDINGS,
        # A priority binding runs in the app's own task, before the next key is routed: keys
        # typed right after ctrl+n then reach the new distance, not the button that had focus.
        Binding("ctrl+n", "add_run", "Add run", tooltip="Add a run to this day", priority=True),
        Binding(
            "o",
            "record_outcome",
            "Flag outcome",
            tooltip="Seen by a clinician, or resolved",
            id="today.outcome",
            show=False,  # the banner names it; the footer keeps its room for f1 (help)
        ),
        Binding("ctrl+z", "undo_change", "Undo", tooltip="Undo the last change not saved yet"),
        # In the note's placeholder and the palette; the footer has no room at 80 columns.
        Binding(
            "ctrl+l", "edit_note", "Long note", tooltip="Write the note in $EDITOR", show=False
        ),
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
        self._readiness_inputs = None  # (TrendData, restrictions) read for today
        self._undo = UndoStack()  # ctrl+z: the states before each unsaved change

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.app
        self.date = app.shown_day()
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
            # Red flags and Run today? share one panel of a fixed height: what appears in it
            # (a banner when a box is ticked) never moves the rest of the day under the mouse.
            with VerticalScroll(id="safety-panel", can_focus=False):
                yield Static("", id="flag-banner", classes="banner", markup=False)
                yield Static("", id="readiness", markup=False)
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
                yield Field(
                    entry.note, placeholder="how the day went (ctrl+l: in your editor)", id="note"
                )
            yield FactorRow(id="factors")
            yield Static("", id="marks-summary")
            yield Static("", id="this-week")
            yield CheckRow(
                tuple((key, CHECK_SHORT[key]) for key in RED_FLAG_FIELDS),
                id="checks",
                tooltip="Space or a click ticks a sign; f1: when to get help",
                title="Red-flag check",
                hint=CHECK_HINT,  # on a past day, its date (see _show_banner)
                collapsed=CHECK_COLLAPSED,
                groups={0: "Emergency:", len(TIER1_CHECKS): "Doctor within days:"},
            )
            yield PlainText("", id="errors")
        yield Footer(compact=True)
        self._first_view = view

    def on_mount(self) -> None:
        self.watch(self.app, "settings", self._settings_changed, init=False)
        self._apply_view(self._first_view, rows=list(self.query(RunRow)))

    def on_resize(self) -> None:
        if self.loaded:
            self._update_header_and_totals()
            self.call_after_refresh(self._show_readiness)

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
        self.share_day(day)
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
        self.refresh_bindings()  # "o" follows the day's flags
        self._readiness_inputs = None  # read again for this day, after the first paint
        entry = view.entry or DayEntry(view.date.isoformat())
        self.pain.load({name: getattr(entry, name) for name in SCORE_FIELDS})
        self.morning.load({"stiffness": entry.stiffness, "sleep": entry.sleep})
        self.checks.load(entry.checks())
        self._show_summary(entry.marks or [], view.odi, view.exercises, view.odi_first)
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
        self._undo.reset(capture(self))
        # After the frame that shows the day: the worker's imports and queries would otherwise
        # compete with the first paint for the interpreter.
        self.call_after_refresh(self._read_readiness, view.date)
        self.call_after_refresh(self._read_week, view.date)
        self.load_clinical(view.date)

    @work(thread=True, exclusive=True, group="today-week")
    def _read_week(self, day: dt.date) -> None:
        """This week against last week (issue #15), read after the first paint."""
        from backjournal.domain.week import bounds, week_lines, week_summary

        settings = self.app.settings
        today = self.app.today()
        last_start, _, end = bounds(day, today, settings.week_start)
        try:
            data = self.app.journal.trends.data(last_start, end, lead_in=0)
        except JournalError:
            return
        lines = week_lines(week_summary(data, day, today, settings.week_start), settings.units)
        self.app.call_from_thread(self._show_week, day, lines)

    def _show_week(self, day: dt.date, lines: list[str]) -> None:
        if day != self.date:
            return  # the user moved on meanwhile
        week_start = self.app.settings.week_start
        start = week_bounds(day, week_start)[0]
        if start == week_bounds(self.app.today(), week_start)[0]:
            title, tail = "This week", "so far, against the week before"
        else:
            title, tail = f"Week of {start.day} {start:%b}", "against the week before"
        self.query_one("#this-week", Static).update(
            Content.assemble((f"{title} ", "bold $accent"), (tail, "dim"))
            + Content("\n" + "\n".join(f"  {line}" for line in lines))
        )

    @work(thread=True, exclusive=True, group="today-readiness")
    def _read_readiness(self, day: dt.date) -> None:
        """What Run today? is judged from (read after the first paint: it is not needed to start
        typing): the days around today and the clinicians' restrictions. The flags and today's
        scores are taken from the screen, so that the panel follows every change before saving."""
        if day != self.app.today():
            self.app.call_from_thread(self._set_readiness_inputs, day, None)
            return
        from backjournal.domain.readiness import readiness_range

        try:
            data = self.app.journal.trends.data(*readiness_range(day))
            held = self.app.journal.flags.held(day.isoformat())
            plan = self.app.journal.clinical.rules_in_force(day.isoformat())
        except JournalError:
            data = held = plan = None
        inputs = None if data is None else (data, held, plan)
        self.app.call_from_thread(self._set_readiness_inputs, day, inputs)

    def _set_readiness_inputs(self, day: dt.date, inputs) -> None:
        if day != self.date:
            return
        self._readiness_inputs = inputs
        self._show_readiness()

    def readiness_now(self):
        """Run today? as the screen stands (saved or not), or None for another day."""
        if self.date != self.app.today() or self._readiness_inputs is None:
            return None
        from dataclasses import replace

        from backjournal.domain.body import extent
        from backjournal.domain.readiness import readiness
        from backjournal.domain.trends import DayRow
        from backjournal.domain.trends import RunRow as RunLine

        data, held, plan = self._readiness_inputs
        date = self.date.isoformat()
        left, right = extent(self._marks) if self._marks else (None, None)
        today_row = DayRow(
            date, **{n: self.pain.values[n] for n in SCORE_FIELDS}, extent_l=left, extent_r=right
        )
        runs = [run for row in self.query(RunRow) if (run := _shown_run(row)) is not None]
        metres = sum(r.distance_m for r in runs)
        shown = replace(
            data,
            days=tuple(r for r in data.days if r.date != date) + (today_row,),
            runs=tuple(r for r in data.runs if r.date != date)
            + tuple(RunLine(date, r.distance_m) for r in runs),
            daily=tuple(d for d in data.daily if d[0] != date)
            + (((date, metres, len(runs)),) if runs else ()),
        )
        if data.load_mode == "srpe":  # the load by effort follows the rows shown too
            shown = replace(
                shown,
                sessions=tuple(s for s in data.sessions if s[0] != date)
                + tuple((date, r.effort, r.duration_s) for r in runs)
                + tuple((date, a.effort, a.duration_s) for a in self._shown_activities()),
            )
        settings = self.app.settings
        return readiness(
            shown,
            self.date,
            active=self.screen_flags(),
            held=held,
            plan=plan,
            week_start=settings.week_start,
            units=settings.units,
        )

    def _shown_activities(self) -> list:
        """The other activities the rows show (those that parse), for the load by effort."""
        from textual.css.query import NoMatches

        try:
            return self.activity_list.collect()[0]
        except NoMatches:  # rows still being built
            return []

    def _show_readiness(self) -> None:
        line = self.query_one("#readiness", Static)
        answer = self.readiness_now()
        if answer is None:
            line.display = False
            return
        from rich.text import Text

        colour = {"green": "green", "amber": "yellow", "red": "red"}.get(answer.level, "")
        text = Text()
        text.append("● Run today? ", style=f"bold {colour}".strip())
        text.append(answer.headline, style="bold")
        for reason in answer.reasons:
            if reason.rule in ("tier1", "tier2"):
                continue  # the banner above says it, in full
            text.append(f"\n · {reason.text} ", style="")
            text.append(f"({reason.source})", style="dim")
        text.append(f"\n{answer.note}", style="italic")
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
            if view.date < self.app.today():  # a past day: "yesterday" would be misread
                before = fmt_date(view.date - dt.timedelta(days=1))
                hint = f"On waking is the next morning after the {km} {kinds} run of {before}."
            else:
                hint = f"On waking is the next morning after yesterday's {km} {kinds} run."
        self.query_one("#wake-hint", Static).update(hint)

    def _show_summary(
        self,
        marks: list[Mark],
        odi: tuple[str, float, str] | None,
        exercises: tuple[int, int] = (0, 0),
        odi_first: tuple[str, float, str] | None = None,
    ) -> None:
        """The day's body map with the extent per leg, the exercise checklist, and the latest
        Oswestry score with its change from the first."""
        self._marks = list(marks)
        odi_line = odi_text(odi, self.app.today(), odi_first)
        self.query_one("#marks-summary", Static).update(
            f"{marks_text(marks)}\n{exercises_text(exercises)}\n{odi_line}"
        )

    def _show_banner(self) -> None:
        """Red flags from the check, the marks and the pain scores, as they stand on screen. On
        a past day, the flags active that day: the tier's action for those still active today,
        the day alone for those answered since (see safety_words.past_flag_blocks)."""
        flags = self.screen_flags()
        banner = self.query_one("#flag-banner", Static)
        banner.display = bool(flags)
        today = self.app.today()
        checks = self.checks
        if self.date < today:
            label = fmt_date(self.date)
            words = (past_check_hint(label), past_check_collapsed(label))
            now = self.screen_flags(today) if flags else []
            still = [f for f in now if (f.code, f.since) in {(g.code, g.since) for g in flags}]
            tier1 = any(f.tier == 1 for f in still)
            lines = past_flag_blocks(flags, now, label) + ([BANNER_ACTIONS] if still else [])
        else:
            words = (CHECK_HINT, CHECK_COLLAPSED)
            tier1 = any(f.tier == 1 for f in flags)
            lines = [*flag_blocks(flags), BANNER_ACTIONS]
        if (checks.hint, checks.collapsed) != words:  # the check names the day it is about
            checks.hint, checks.collapsed = words
            checks.refresh(layout=True)
        banner.set_class(tier1, "-tier1")
        if flags:
            head = [BANNER_TIER1_HEAD] if tier1 else []
            banner.update("\n".join([*head, *lines]))
        self._show_readiness()

    def screen_flags(self, on: dt.date | None = None) -> list[ActiveFlag]:
        """The flags as they stand on screen: those active from earlier days, and the signs of
        the check, marks and scores shown now (saved or not); active on the day shown, or, with
        ``on`` (today, for a past day), on that later day."""
        view = self._view
        date = self.date.isoformat()
        before = view.before if view else None
        signs = day_signs(
            self.checks.values,
            self._marks,
            {n: self.pain.values[n] for n in SCORE_FIELDS},
            before[0] if before else None,
            before[1] if before else None,
        )
        occurrences = list(view.occurrences if view else [])
        occurrences += [Occurrence(date, s) for s in signs]
        if on is None or view is None:
            return active_flags(occurrences, view.outcomes if view else [], date)
        occurrences += view.later
        return active_flags(occurrences, view.outcomes + view.later_outcomes, on.isoformat())

    def _show_sleep_label(self) -> None:
        sleep = self.morning.values["sleep"]
        self.morning.set_note(0, SLEEP_LABELS.get(sleep, "") if sleep else "")

    def _update_header_and_totals(self) -> None:
        rows = list(self.query(RunRow))
        two_lines = self.size.width < NARROW_WIDTH
        narrow = bool(self._shoes) and two_lines
        runs_box = self.query_one("#runs", Vertical)
        runs_box.set_class(narrow, "-no-pace")
        runs_box.set_class(two_lines, "-two-lines")
        header = RUNS_HEADER.format(
            distance=f"Dist ({self.units})",
            pace="" if narrow else f"{'Pace':<11}",
            shoe=f"{'Shoe':<23}" if self._shoes else "",
        )
        if two_lines:
            header = header.replace("Notes", "").rstrip() + "  (Notes below)"
        self.query_one("#runs-header", Static).update(header if rows else "")
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
            "rest day": REST_DAY_HINT,
            "active day": "No run: an active day. Moving in other ways counts.",
        }
        self.query_one("#rest-day-hint", Static).update(hints.get(kind, ""))
        # A rest day has no pain "during" or "after the run": its columns say so.
        columns = [
            REST_DAY_COLUMNS.get(m, PAIN_MOMENT_LABELS[m]) if not rows else PAIN_MOMENT_LABELS[m]
            for m in PAIN_MOMENTS
        ]
        if columns != self.pain.columns:
            self.pain.columns = columns
            self.pain.refresh()

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
        if self.loaded:
            self._show_banner()  # and Run today?, which also follows the runs
        if self.loaded:
            self._refresh_dirty()
            self._update_header_and_totals()
            if not self._filling:
                self._undo.changed(capture(self), widget)

    @on(ScoreGrid.Refused)
    def _score_refused(self, event: ScoreGrid.Refused) -> None:
        message = event.message[:1].upper() + event.message[1:]
        self.query_one("#errors", Static).update(message)
        # The errors line is below the fold at 80x24: say it where the user is looking too.
        self.notify(message, title="Not taken", severity="warning", timeout=4)

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
            said = "; ".join(_error_text(key, message) for key, (_, message) in errors.items())
            line.update("Not saved: " + said)
            first = next((w for w, _ in errors.values() if w is not None), None)
            if focus:
                # A refused save: the errors line may be below the fold (80x24, issue #15), so
                # the message also shows where the user is, and the first bad field scrolls
                # into view with the focus.
                self.notify(said[:1].upper() + said[1:], title="Not saved", severity="error")
                if first is not None:
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
        # At once, not focus()'s call_later: keys typed right after ctrl+n are already queued,
        # and a digit reaching the screen switched screens instead of filling the distance.
        self.set_focus(row.distance_input)
        self._update_header_and_totals()
        self._refresh_dirty()
        self._show_readiness()
        self._undo.changed(capture(self), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "o" (a flag's outcome) is offered only while a saved flag is active on the day."""
        if action == "record_outcome":
            return bool(self._view and self._view.active)
        return True

    def action_record_outcome(self) -> None:
        """Record an outcome for a flag active on this day (saved flags: save the day first)."""
        from backjournal.tui.dialogs.safety import OutcomeDialog

        active = self.app.journal.flags.active(self.date.isoformat())
        if not active:
            self.notify(
                "No saved red flag is active on this day (save the day first).",
                title="Flag outcome",
                timeout=5,
            )
            return

        def answered(outcome) -> None:
            if outcome is not None:
                self._write_outcome(outcome)

        self.app.push_screen(OutcomeDialog(active, self.app.today()), answered)

    @work(thread=True, exclusive=True, group="today-outcome")
    def _write_outcome(self, outcome) -> None:
        try:
            self.app.journal.flags.record_outcome(outcome, self.app.today())
        except (ValidationError, JournalError) as exc:
            message = "; ".join(exc.errors.values()) if isinstance(exc, ValidationError) else exc
            self.app.call_from_thread(
                self.notify, str(message), title="Not saved", severity="error"
            )
            return
        self.app.call_from_thread(self.notify, "Outcome recorded.", timeout=3)
        self.app.call_from_thread(self._read_day, self.date)
        self.app.call_from_thread(self.app.journal_changed, self)

    def on_click(self, event) -> None:
        """A click on the red-flag banner records an outcome."""
        if getattr(event.widget, "id", None) == "flag-banner":
            self.action_record_outcome()

    def action_edit_note(self) -> None:
        """ctrl+l (long note): write the focused note (a run's, or else the day's) in $VISUAL
        or $EDITOR; the app suspends until the editor exits."""
        from backjournal.tui.editor import EditorFailed, edit_text

        focused = self.focused
        if isinstance(focused, Field) and focused.has_class("run-notes"):
            field = focused
        else:
            field = self.query_one("#note", Field)
        try:
            text = edit_text(self.app, field.value)
        except EditorFailed as exc:
            self.notify(str(exc), title="Editor", severity="error")
            return
        # The field is one line but holds the note as written: its line breaks are kept (and
        # stored, and exported), and drawn as ↵ (see Field).
        field.value = text
        field.focus()

    async def action_undo_change(self) -> None:
        """ctrl+z: put back the state before the last change not saved yet."""
        state = self._undo.pop()
        if state is None:
            self.notify("Nothing to undo: every change is saved.", timeout=3)
            return
        await restore(self, state)
        self._show_sleep_label()
        self._show_banner()
        self._update_header_and_totals()
        self._refresh_dirty()

    def action_leave_field(self) -> None:
        """Escape: leave the field, so that number keys switch screens."""
        self.set_focus(None)

    @on(Field.Submitted)
    def _submitted(self) -> None:
        """Enter in a field moves on to the next field, like Tab (ctrl+s saves), but never onto
        a button, where the next Enter would press it: Enter, Enter removed the run just typed
        (issue #15)."""
        for _ in range(8):  # past the buttons between two fields (✕, + Add run)
            self.focus_next()
            if not isinstance(self.focused, PushButton):
                break

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
        self._show_readiness()
        self._undo.changed(capture(self), None)
        self.notify("Run removed (not saved yet): ctrl+z puts it back.", timeout=5)


def _error_text(key: str, message: str) -> str:
    """Name the field unless the message already does (score messages name their field)."""
    if key in FIELD_LABELS and key != "note":
        return message[:1].upper() + message[1:]
    return f"{key.replace('_', ' ').replace('.', ' ')}: {message}"


def _shown_run(row: RunRow):
    """The run a row shows, or None; a row still being built (its fields not composed yet, as
    when another program's write refreshes the day mid-fill) shows none yet."""
    from textual.css.query import NoMatches

    try:
        return row.to_run()[0]
    except NoMatches:
        return None
