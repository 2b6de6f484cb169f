"""Exercises: the day's checklist, how to do each exercise, adherence, and the programme.

The article's steps 3 and 4: specific strengthening and stretching, then a maintenance programme
to stay active; doses are starting points, not prescriptions, and a clinician's programme
replaces them (the screen says so). The checklist shows what the programme schedules for the
date shown (and extras ticked that day); Space, Enter or a click ticks. Each tick is saved at
once, like the body map: one small write in a worker, in the order the user made them, so the
screen never waits for the file. The panel on the right shows how to do the highlighted
exercise; below, adherence over 7 and 28 days, the streak, and the last four weeks as a strip
(twelve weeks under both panes on a terminal 110 columns wide or more).
A suggestion to move to maintenance (or back) is shown as a banner; the user accepts or
dismisses it, and nothing changes by itself.

Why one module of about 600 lines: the checklist, the how-to pane, the adherence strip and the
banner share one reading of the day (read once in a worker) and one queue of tick writes; split,
each would read the day again. The text it shows lives in ``tui/exercise_text.py``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from backjournal.domain.adherence import Adherence, Suggestion, strip_of
from backjournal.domain.clinician_exercises import Source
from backjournal.domain.exercises import (
    ChecklistItem,
    Exercise,
    ProgrammeItem,
    from_old_relief_starter,
)
from backjournal.domain.models import ValidationError
from backjournal.domain.safe_text import stored_text
from backjournal.domain.values import PHASE_LABELS
from backjournal.store import JournalError
from backjournal.tui.daytext import date_title, fmt_date
from backjournal.tui.exercise_text import (
    adherence_text,
    checklist_prompt,
    error_message,
    how_to,
    strip_text,
)
from backjournal.tui.screens.day_nav import DAY_BINDINGS, DayNavigation
from backjournal.tui.widgets.navbar import NavBar
from backjournal.tui.widgets.plain import PlainText
from backjournal.tui.widgets.push_button import PushButton

STARTER_NOTE = "relief-starter-14"  # the one-time note that the relief starter has changed
WIDE_COLUMNS = 110  # from here the how-to gets half the width and the strip twelve weeks
WIDE_STRIP_DAYS = 84
NARROW_NAME, WIDE_NAME = 22, 32  # the checklist's name column


class ExercisesScreen(DayNavigation, Screen):
    """The exercise checklist of one day, with the programme and adherence."""

    CSS_PATH = "exercises.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "Exercises"
    BINDINGS = [
        *(b for b in DAY_BINDINGS if b.action != "jump_to_date"),
        Binding("ctrl+g", "jump_to_date", "Go to date", show=False),
        Binding("space", "toggle", "Tick", tooltip="Tick or untick the highlighted exercise"),
        Binding("minus", "sets(-1)", "Fewer sets", key_display="-", show=False),
        Binding("plus,equals_sign", "sets(1)", "More sets", key_display="+", show=False),
        Binding("n", "note", "Note", show=False),  # in the how-to hint; the footer keeps F1 Help
        # In the palette and the how-to panel's hint; the footer keeps room for F2-F7 at 80.
        Binding("e", "add_extra", "Extra", show=False),
        Binding("p", "edit_programme", "Programme"),
        # The banner's buttons name these keys; the footer has no room for them at 80 columns.
        Binding("a", "accept_suggestion", "Accept", tooltip="Accept the suggestion", show=False),
        Binding(
            "l",
            "load_new_starter",
            "New starter",
            tooltip="Load the new relief starter from today (your programme is kept until then)",
        ),
        Binding(
            "d",
            "dismiss_suggestion",
            "Dismiss",
            tooltip="Dismiss the suggestion for 7 days",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="exercises")
        self.date: dt.date = dt.date.min
        self.loaded = False
        self.items: list[ChecklistItem] = []
        self.suggestion: Suggestion | None = None
        self.sources: dict[str, Source] = {}  # exercise id -> the appointment that gave it
        self._has_programme = False
        self._old_starter = False  # the programme is the relief starter of before issue #14
        self._queue: deque[Callable[[], None]] = deque()
        self._queue_lock = threading.Lock()
        self._writing = False

    def compose(self) -> ComposeResult:
        yield NavBar("exercises", self.app.SCREENS_BY_KEY)
        with Horizontal(id="ex-date-bar"):
            yield PushButton(
                "◀", id="ex-prev", tooltip="Previous day (PgUp)", action="screen.previous_day"
            )
            yield Label("", id="ex-date")
            yield PushButton("▶", id="ex-next", tooltip="Next day (PgDn)", action="screen.next_day")
            yield PushButton(
                "Today", id="ex-today", tooltip="Back to today (ctrl+t)", action="screen.go_today"
            )
            yield PushButton(
                "Programme",
                id="ex-programme",
                tooltip="Edit the programme (p)",
                action="screen.edit_programme",
            )
            yield Static("", id="ex-phase")
        with Horizontal(id="suggestion"):
            yield Static("", id="suggestion-text")
            with Vertical(id="suggestion-buttons"):
                yield PushButton(
                    "Accept (a)",
                    id="suggestion-accept",
                    primary=True,
                    action="screen.accept_suggestion",
                )
                yield PushButton(
                    "Not now (d)", id="suggestion-dismiss", action="screen.dismiss_suggestion"
                )
        with Horizontal(id="ex-main"):
            with Vertical(id="ex-left"):
                yield Static("", id="checklist-title", classes="section-bar")
                yield OptionList(id="checklist")
                yield PlainText("", id="ex-error", classes="error-line")
                yield Static("", id="adherence", classes="adherence")
                yield Static("", id="ex-strip", classes="ex-strip")
            with VerticalScroll(id="how-to", can_focus=False):
                yield Static("", id="how-to-text")
        # On a wide terminal the adherence runs under both panes, twelve weeks long, and the
        # how-to takes half the width; at 80 columns the screen keeps its narrow layout.
        with Vertical(id="ex-wide-adherence"):
            yield Static("", id="adherence-wide", classes="adherence")
            yield Static("", id="ex-strip-wide", classes="ex-strip")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._set_width_class()
        self.watch(self.app, "settings", self._reload, init=False)
        self.query_one("#checklist", OptionList).focus()
        self.show_date(self.app.shown_day())

    @property
    def checklist(self) -> OptionList:
        return self.query_one("#checklist", OptionList)

    # --- loading ---------------------------------------------------------------------------------

    def show_date(self, day: dt.date) -> None:
        """Show the checklist of ``day``."""
        self.date = day
        self.share_day(day)
        self._load()

    def _reload(self) -> None:
        if self.loaded:
            self._load()

    def refresh_from_journal(self) -> None:
        """Another screen or program wrote: read again (unless our own writes are pending)."""
        if not self._writing:
            self._load()

    def _load(self, keep: int | None = None) -> None:
        journal = self.app.journal
        today = self.app.today()
        try:
            items = journal.exercises.checklist(self.date)
            phase, programme = journal.exercises.programme(self.date)
            adherence = journal.exercises.adherence(min(self.date, today))
            long_strip = None
            if self.wide:
                last = min(self.date, today)
                first = last - dt.timedelta(days=WIDE_STRIP_DAYS - 1)
                counts = journal.exercises.day_counts(first, last)
                long_strip = strip_of(counts, last, WIDE_STRIP_DAYS)
            suggestion = journal.exercises.suggestion(today) if self.date == today else None
            sources = journal.clinical.exercise_sources(self.date.isoformat())
        except (JournalError, ValidationError) as exc:
            self._show_error(exc)
            return
        self.items = items
        self.suggestion = suggestion
        self.sources = sources
        self._has_programme = bool(programme)
        self._old_starter = phase == "relief" and from_old_relief_starter(
            i.exercise_id for i in programme
        )
        if self._old_starter and not journal.note_shown(STARTER_NOTE):
            # Once: the programme stays as it is (no silent change); l loads the new one.
            journal.mark_note_shown(STARTER_NOTE)
            self.notify(
                "The relief starter has changed: walking, McGill curl-up, bird dog, side plank on "
                "the knees and glute bridge (CLINICAL.md; McGill). Your programme is kept as it "
                "is; l loads the new starter from today.",
                title="The relief starter has changed",
                timeout=20,
            )
        self._show_date_bar(phase)
        self._fill(keep if keep is not None else self.checklist.highlighted)
        self._show_adherence(adherence, long_strip)
        self._show_suggestion()
        self.loaded = True
        self.refresh_bindings()

    def _show_date_bar(self, phase: str) -> None:
        today = self.app.today()
        self.query_one("#ex-date", Label).update(date_title(self.date, today))
        self.query_one("#ex-next", PushButton).disabled = self.date >= today
        self.query_one("#ex-phase", Static).update(
            Text.assemble(("Phase ", "dim"), (PHASE_LABELS.get(phase, phase), "bold"))
        )

    def _fill(self, highlight: int | None) -> None:
        checklist = self.checklist
        checklist.clear_options()
        # The list's own width, less its scrollbar and padding: notes wrap under the name.
        width = max(20, checklist.size.width - 4) if checklist.size.width else None
        name_width = WIDE_NAME if self.wide else NARROW_NAME
        checklist.add_options(
            [Option(checklist_prompt(item, width, name_width)) for item in self.items]
        )
        if self.items:
            checklist.highlighted = max(0, min(highlight or 0, len(self.items) - 1))
        self._show_title()
        self._show_how_to()

    def _show_title(self) -> None:
        scheduled = [i for i in self.items if i.scheduled]
        done = sum(1 for i in scheduled if i.done)
        title = self.query_one("#checklist-title", Static)
        if not self.items:
            hint = "nothing scheduled" if self._has_programme else "no programme yet · p starts one"
            title.update(Text.assemble(("Checklist  ", "bold"), (hint, "dim")))
        else:
            title.update(
                Text.assemble(
                    ("Checklist", "bold"),
                    (f"  {done} of {len(scheduled)} done", "green" if done else "dim"),
                )
            )

    def _show_how_to(self) -> None:
        panel = self.query_one("#how-to-text", Static)
        index = self.checklist.highlighted
        if not self.items:
            panel.update(self._empty_text())
        elif index is not None and index < len(self.items):
            item = self.items[index]
            source = self.sources.get(item.exercise.id) if item.scheduled else None
            said = source.text(item.dose) if source is not None else None
            panel.update(how_to(item.exercise, item.dose.text(), said))

    def _empty_text(self) -> Text:
        text = Text()
        if self._has_programme:
            text.append("Nothing is scheduled on this day.\n\n", "bold")
            text.append("e ticks an extra exercise; p edits the programme.")
        else:
            text.append("No programme yet.\n\n", "bold")
            text.append(
                "p opens the programme: pick a phase (relief, strengthening or maintenance), "
                "press l to load its starter exercises, change what you like, and save. "
                "e ticks a single exercise without a programme."
            )
        return text

    @property
    def wide(self) -> bool:
        """Wide enough for the twelve-week strip under both panes (110 columns or more)."""
        return self.size.width >= WIDE_COLUMNS

    def _set_width_class(self) -> None:
        self.set_class(self.wide, "-wide")
        self.query_one("#ex-wide-adherence").display = self.wide

    def on_resize(self) -> None:
        """Crossing the wide width changes the layout (reload); otherwise the checklist wraps
        its notes to its new width."""
        was = self.has_class("-wide")
        self._set_width_class()
        if self.loaded and was != self.wide:
            self._load()
        elif self.loaded:
            self.call_after_refresh(self._fill, self.checklist.highlighted)

    def _show_adherence(self, adherence: Adherence, long_strip: tuple | None) -> None:
        today = self.app.today()
        summary = adherence_text(adherence)
        days = long_strip if long_strip is not None else adherence.strip
        first = days[0][0] if days else today
        line = Text.assemble((f"{first:%d %b} ", "dim"), strip_text(days, today))
        line.append(f" {min(self.date, today):%d %b}\n", "dim")
        line.append("█ all done  ▄ some  ▁ none  · rest", "dim")
        suffix = "-wide" if long_strip is not None else ""
        self.query_one(f"#adherence{suffix}", Static).update(summary)
        self.query_one(f"#ex-strip{suffix}", Static).update(line)

    def _show_suggestion(self) -> None:
        box = self.query_one("#suggestion")
        found = self.suggestion
        box.display = found is not None
        if found is not None:
            verb = (
                "Move to maintenance?"
                if found.kind == "maintenance"
                else f"Back to {PHASE_LABELS[found.to_phase].lower()}?"
            )
            self.query_one("#suggestion-text", Static).update(
                Text.assemble((f"{verb} ", "bold"), found.reason)
            )

    def _show_error(self, exc: Exception) -> None:
        self.query_one("#ex-error", Static).update(error_message(exc))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept_suggestion", "dismiss_suggestion"):
            return self.suggestion is not None  # False hides the keys from the footer
        if action == "load_new_starter":
            return self._old_starter
        if action in ("sets", "note", "toggle"):
            return bool(self.items)
        return True

    # --- the checklist ---------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#checklist")
    def _highlighted(self) -> None:
        self._show_how_to()

    @on(OptionList.OptionSelected, "#checklist")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._toggle(event.option_index)

    def _current(self) -> tuple[int, ChecklistItem] | None:
        index = self.checklist.highlighted
        if index is None or index >= len(self.items):
            return None
        return index, self.items[index]

    def action_toggle(self) -> None:
        """Tick or untick the highlighted exercise."""
        current = self._current()
        if current is not None:
            self._toggle(current[0])

    def _toggle(self, index: int) -> None:
        item = self.items[index]
        day, exercise_id = self.date, item.exercise.id
        exercises = self.app.journal.exercises
        today = self.app.today()
        if item.done:
            self._replace(index, done=False, sets_done=None, note="")
            self._write(lambda: exercises.untick(day, exercise_id, today=today))
        else:
            self._replace(index, done=True)
            self._write(lambda: exercises.tick(day, exercise_id, today=today))

    def action_sets(self, step: int) -> None:
        """Fewer (or more) sets done than prescribed, on a ticked exercise."""
        current = self._current()
        if current is None:
            return
        index, item = current
        prescribed = item.dose.sets
        sets = (item.sets_done or prescribed) + step
        if not item.done or prescribed <= 1:
            self.notify("Tick the exercise first; - then records fewer sets.", timeout=3)
            return
        sets = max(1, min(prescribed, sets))
        stored = None if sets == prescribed else sets
        if stored == item.sets_done:
            return
        self._replace(index, sets_done=stored)
        self._write_tick(item.exercise.id, stored, item.note)

    def action_note(self) -> None:
        """A note on the highlighted exercise (ticking it if it was not)."""
        from backjournal.domain.exercises import MAX_NOTE
        from backjournal.tui.dialogs.prompts import TextPrompt

        current = self._current()
        if current is None:
            return
        index, item = current

        def answered(note: str | None) -> None:
            if note is None:
                return
            self._replace(index, done=True, note=note)
            self._write_tick(item.exercise.id, item.sets_done if item.done else None, note)

        self.app.push_screen(
            TextPrompt(
                # The dialog's title is markup: the name is escaped, and made safe to show.
                f"Note on {escape(stored_text(item.exercise.name))} ({fmt_date(self.date)})",
                item.note,
                placeholder="how it went",
                max_length=MAX_NOTE,
            ),
            answered,
        )

    def _write_tick(self, exercise_id: str, sets: int | None, note: str) -> None:
        day, exercises, today = self.date, self.app.journal.exercises, self.app.today()
        self._write(
            lambda: exercises.tick(day, exercise_id, sets_done=sets, note=note, today=today)
        )

    def _replace(self, index: int, **changes) -> None:
        from dataclasses import replace

        self.items[index] = replace(self.items[index], **changes)
        name_width = WIDE_NAME if self.wide else NARROW_NAME
        self.checklist.replace_option_prompt_at_index(
            index, checklist_prompt(self.items[index], name_width)
        )
        self._show_title()

    def action_add_extra(self) -> None:
        """Tick an exercise the programme does not schedule today."""
        from backjournal.tui.dialogs.library import ExercisePicker

        shown = {i.exercise.id for i in self.items}

        def picked(exercise_id: str | None) -> None:
            if exercise_id is None:
                return
            exercises, day, today = self.app.journal.exercises, self.date, self.app.today()
            self._write(lambda: exercises.tick(day, exercise_id, today=today))

        library = self.app.journal.exercises.library(include_hidden=True)
        self.app.push_screen(ExercisePicker("Tick an extra exercise", library, shown, self), picked)

    # --- writes ----------------------------------------------------------------------------------

    def _write(self, write: Callable[[], None]) -> None:
        """Queue a write; one worker runs the queue in order, then the screen reads again."""
        with self._queue_lock:
            self._queue.append(write)
            if self._writing:
                return
            self._writing = True
        self._run_writes()

    @work(thread=True, group="exercise-writes")
    def _run_writes(self) -> None:
        failed: Exception | None = None
        while True:
            with self._queue_lock:
                if not self._queue:
                    self._writing = False
                    break
                write = self._queue.popleft()
            try:
                write()
            except (JournalError, ValidationError) as exc:
                failed = exc
        self.app.call_from_thread(self._written, failed)

    def _written(self, failed: Exception | None) -> None:
        self.query_one("#ex-error", Static).update("")
        self._load()
        if failed is not None:
            self._show_error(failed)
        self.app.journal_changed(self)

    # --- used by the dialogs: each write returns the new library, or None after an error ------

    def phase_history(self):
        """(date, from, to, why) of every phase change, oldest first."""
        return self.app.journal.exercises.phase_history()

    def library(self) -> list[Exercise]:
        return self.app.journal.exercises.library(include_hidden=True)

    def set_hidden(self, exercise_id: str, hidden: bool) -> list[Exercise] | None:
        return self._change_library(
            lambda store: store.set_hidden(exercise_id, hidden),
            f"{exercise_id} is {'hidden' if hidden else 'offered again'}.",
        )

    def add_exercise(self, exercise: Exercise) -> list[Exercise] | None:
        return self._change_library(
            lambda store: store.add(exercise),
            f"{exercise.name} is in your library (id {exercise.id}).",
        )

    def update_exercise(self, exercise: Exercise) -> list[Exercise] | None:
        return self._change_library(
            lambda store: store.update(exercise), f"{exercise.name} is saved."
        )

    def _change_library(self, change, done: str) -> list[Exercise] | None:
        """Run one small library write (at once: the dialog waits for its answer); say what
        happened, or why not."""
        try:
            change(self.app.journal.exercises)
        except (JournalError, ValidationError) as exc:
            self.notify(error_message(exc), severity="error")
            return None
        self.notify(done)
        self._load()
        return self.library()

    # --- programme and phase ---------------------------------------------------------------------

    def action_load_new_starter(self) -> None:
        """Replace a programme loaded from the old relief starter by the new one, from today."""
        if not self._old_starter:
            return
        exercises, today = self.app.journal.exercises, self.app.today()
        self._write(
            lambda: exercises.start(
                "relief", on=today, why="the new relief starter (issue #14)", today=today
            )
        )
        self.notify("The new relief starter applies from today.", timeout=6)

    def action_edit_programme(self) -> None:
        """Open the programme editor; its result applies from the date shown."""
        from backjournal.tui.dialogs.programme import ProgrammeEditor

        exercises = self.app.journal.exercises
        phase, items = exercises.programme(self.date)
        later = self._later_changes(items)

        def edited(result: tuple[str, list[ProgrammeItem], str] | None) -> None:
            if result is None:
                return
            new_phase, new_items, why = result
            if (new_phase, new_items) == (phase, items):
                return
            day, today = self.date, self.app.today()
            if new_phase == phase:  # the exercises only: the phase history is not touched
                self._write(lambda: exercises.set_programme(new_items, on=day, today=today))
            else:
                self._write(
                    lambda: exercises.set_phase(
                        new_phase, on=day, why=why, items=new_items, today=today
                    )
                )
            self.notify(f"Programme saved from {fmt_date(day)}: {len(new_items)} exercises.")

        self.app.push_screen(
            ProgrammeEditor(
                phase, items, self.library(), self, title=fmt_date(self.date), later=later
            ),
            edited,
        )

    def _later_changes(self, items: list[ProgrammeItem]) -> str:
        """What saving the programme from the day shown would replace: the programme edits made
        after it ("" when there are none, as on today). Phase changes are never replaced: the
        phase history only grows, in date order."""
        if self.app.journal.exercises.programme()[1] != items:
            return "the programme edits made since"
        return ""

    def action_accept_suggestion(self) -> None:
        """Switch phase as suggested, from today; the programme is kept (p changes it)."""
        found = self.suggestion
        if found is None:
            return
        exercises, today = self.app.journal.exercises, self.app.today()
        self.suggestion = None
        self._show_suggestion()
        self._write(
            lambda: exercises.set_phase(found.to_phase, on=today, why=found.reason, today=today)
        )
        self.notify(
            f"Phase: {PHASE_LABELS[found.to_phase].lower()} from today. "
            "p opens the programme (l loads the phase's starter)."
        )

    def action_dismiss_suggestion(self) -> None:
        """Not now: the suggestion stays quiet for 7 days."""
        found = self.suggestion
        if found is None:
            return
        exercises, today = self.app.journal.exercises, self.app.today()
        self.suggestion = None
        self._show_suggestion()
        self._write(lambda: exercises.dismiss_suggestion(found.kind, on=today, today=today))


__all__ = ["ExercisesScreen"]
