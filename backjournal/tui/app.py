"""The app shell: one App, screens as modes, number keys and the command palette to switch.

Build it with :func:`make_app` (the CLI, the tests, the screenshot script and the benchmarks all
do), which opens the journal first so that a refused file is reported before the screen changes.

Why one module of 600-odd lines: the App is one class (screens, key switching, the command
palette's entries for every screen, the journal's refresh); each screen, widget and dialog lives
in its own module, and the palette's entries stay here so that one place lists every action.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen

from backjournal.domain.models import Settings
from backjournal.domain.safe_text import shown
from backjournal.paths import display_path
from backjournal.store import Journal, JournalError
from backjournal.tui.import_folder import import_new_files
from backjournal.tui.screens.today import TodayScreen
from backjournal.tui.stylesheet import shared_parse

START_MODE = "_default"  # Textual's name for the default screen's mode (the start screen's)
MIN_SIZE = (80, 24)  # the smallest terminal the screens are laid out for (columns, lines)
REFRESH_SECONDS = 2.0  # how often the app looks for another program's writes (cheap pragma)

# Number keys follow the order of DESIGN.md: 1 Today, 2 Body map, 3 Exercises, 4 Trends,
# 5 History; later issues fill 2-4 without renumbering what users already know.
SCREENS_BY_KEY = (
    ("1", "today", "Today", "Log the day's runs and pain"),
    ("2", "body-map", "Body map", "Where it hurts, how much and how; how far down the leg"),
    ("3", "exercises", "Exercises", "The day's exercise checklist, the programme, adherence"),
    ("4", "trends", "Trends", "Pain against mileage, load, and what the data says"),
    ("5", "history", "History", "Every day in a table: open, filter, delete"),
    ("9", "settings", "Settings", "Units, first day of the week, theme"),
)


def _history_screen() -> Screen:
    """History, imported when first shown (its table widget is slow to import)."""
    from backjournal.tui.screens.history import HistoryScreen

    return HistoryScreen()


def _body_map_screen() -> Screen:
    """The body map, imported when first shown."""
    from backjournal.tui.screens.body_map import BodyMapScreen

    return BodyMapScreen()


def _exercises_screen() -> Screen:
    """The exercise checklist and programme, imported when first shown."""
    from backjournal.tui.screens.exercises import ExercisesScreen

    return ExercisesScreen()


def _trends_screen() -> Screen:
    """Trends, imported when first shown (plotext is slow to import)."""
    from backjournal.tui.screens.trends import TrendsScreen

    return TrendsScreen()


def _settings_screen() -> Screen:
    """Settings, imported when first shown."""
    from backjournal.tui.screens.settings import SettingsScreen

    return SettingsScreen()


SCREEN_FACTORIES: dict[str, Callable[[], Screen]] = {
    "today": TodayScreen,
    "body-map": _body_map_screen,
    "exercises": _exercises_screen,
    "trends": _trends_screen,
    "history": _history_screen,
    "settings": _settings_screen,
}
SCREEN_NAMES = tuple(SCREEN_FACTORIES)


def screen_sheet(name: str) -> str:
    """The style sheet beside the screen called ``name`` (its ``CSS_PATH``), relative to this
    module, found without importing the screen's module."""
    return f"screens/{name.replace('-', '_')}.tcss"


class BackjournalApp(App[None]):
    """backjournal's terminal UI."""

    # app.tcss: the app-wide variables and the shared components. Each screen's own look is in a
    # .tcss beside it (its CSS_PATH), which Textual loads when the screen first shows, re-parsing
    # every style; the start screen's is read here instead, with app.tcss, in the one parse of
    # start-up (Textual's default screen would not load it at all).
    CSS_PATH = "app.tcss"
    TITLE = "backjournal"
    # The screen the app starts on is Textual's default screen rather than a mode of its own:
    # Textual refreshes every style when it switches to a mode at start-up (25 ms, a fifth of the
    # start-up budget). The other screens are modes, made per instance in __init__.
    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {}
    SCREENS_BY_KEY = SCREENS_BY_KEY
    BINDINGS = [
        *(
            Binding(
                key,
                f"show_screen('{mode}')",
                label,
                tooltip=help_text,
                id=f"screen.{mode}",
                show=False,
            )
            for key, mode, label, help_text in SCREENS_BY_KEY
        ),
        # F2-F7 switch screens from anywhere, a field or the body map included, where digits
        # are typed (on the map they set intensities: "2" to switch wrote a mark; issue #15).
        # One footer entry says so for all six; F1 stays the safety net's help card.
        *(
            Binding(
                f"f{i}",
                f"show_screen('{mode}')",
                "Screens" if i == 2 else label,
                key_display="F2-F7" if i == 2 else f"F{i}",
                tooltip=f"F{i}: {label} (F2-F7 switch screens from anywhere)",
                id=f"screen.f.{mode}",
                show=i == 2,
                priority=True,
            )
            # F1 is help everywhere (the safety net): the screens start at F2.
            for i, (_, mode, label, _) in enumerate(SCREENS_BY_KEY, start=2)
        ),
        Binding("ctrl+o", "oswestry", "Oswestry check-in", id="app.odi", show=False),
        # The safety net, one key away on every screen (no screen binds f1).
        Binding("f1", "help_now", "Help", tooltip="When to get help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    settings: reactive[Settings] = reactive(Settings, init=False, always_update=True)

    def __init__(
        self,
        journal: Journal,
        today: dt.date | None = None,
        screen: str = "today",
        ask_profile: bool = False,
    ):
        if screen not in SCREEN_FACTORIES:
            raise ValueError(f"no screen {screen!r}; choose one of {', '.join(SCREEN_NAMES)}")
        super().__init__(css_path=[self.CSS_PATH, screen_sheet(screen)])
        # Each screen's first visit re-parses all CSS; parsed rules are kept for the process.
        self.stylesheet = shared_parse(self.stylesheet)
        self.ask_profile = ask_profile  # offer the profile once (the CLI's app; tests opt in)
        self.start_screen = screen
        self.terminal_lost = False  # set when the terminal went away (tui/terminal.py)
        self._modes = {n: f for n, f in SCREEN_FACTORIES.items() if n != screen}
        self.journal = journal
        self._frozen_today = today
        # The day Today, Body map and Exercises show (issue #15: following a link from 9 May
        # must not open today). None follows today, also past midnight.
        self.shared_day: dt.date | None = None
        self.settings = journal.settings()
        self._apply_theme(self.settings.theme)

    def today(self) -> dt.date:
        """Today's date (frozen in tests and screenshots, live otherwise: the app may stay open
        past midnight)."""
        return self._frozen_today or dt.date.today()

    def shown_day(self) -> dt.date:
        """The day the one-day screens show: the last one chosen on any of them, or today."""
        return self.shared_day or self.today()

    def share_day(self, day: dt.date) -> None:
        """A one-day screen moved to ``day``: the others follow when they are shown."""
        self.shared_day = None if day == self.today() else day

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self._check_size()
        self.journal.changed()  # remember the current data_version
        self.set_interval(REFRESH_SECONDS, self._poll_journal)
        import_new_files(self)  # the import folder's new files, in a worker
        if self.journal.warning:
            self.notify(
                self.journal.warning,
                title="Where your journal lives",
                severity="warning",
                timeout=15,
            )
        if self.journal.backup_path:
            self.notify(
                f"Journal upgraded; the copy made before is {self.journal.backup_path}", timeout=10
            )
        if self.ask_profile and not self.journal.flags.profile_asked():
            self.call_after_refresh(self.action_edit_profile)

    # --- terminal size ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)  # the event's: self.size is updated after this handler

    def _check_size(self, size: Size | None = None) -> None:
        """Cover the screens with a notice while the terminal is smaller than 80x24."""
        size = size or self.size
        try:
            top = self.screen
        except Exception:  # noqa: BLE001 - no screen yet (starting up): on_mount checks again
            return
        covered = getattr(top, "is_size_notice", False)
        if size.width < MIN_SIZE[0] or size.height < MIN_SIZE[1]:
            if covered:
                top.show_size(size)
            else:
                # Imported only when needed: every start-up checks the size (0.5 ms saved).
                from backjournal.tui.screens.too_small import TooSmallScreen

                self.push_screen(TooSmallScreen(size, MIN_SIZE))
        elif covered:
            self.pop_screen()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notification, for text that may name the user's things (an exercise, a
        folder, a journal error quoting a file): made safe to show, and never read as markup
        (``markup`` is taken for Textual's signature and ignored; Textual's own notices that
        are written in markup are replaced: :meth:`action_help_quit`,
        :meth:`action_screenshot_home`)."""
        super().notify(
            shown(message, multiline=True),
            title=shown(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def _fatal_error(self) -> None:
        """Textual's crash report, without what could show the journal's data.

        Textual prints the traceback with every frame's local variables, so a crash while
        History drew a row printed other days' notes to the terminal. Here the report keeps the
        frames (file, line, code) and drops the locals and the exception's message (which may
        quote a value, a note or a name): the type and where it happened are enough to report.
        """
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        exc_type, exc_value, tb = sys.exc_info()
        if exc_value is None and self._exception is not None:
            exc_value = self._exception
            exc_type, tb = type(exc_value), exc_value.__traceback__
        self.bell()
        if exc_type is None or exc_value is None:
            self._close_messages_no_wait()
            return
        trace = Traceback.extract(exc_type, exc_value, tb, show_locals=False)
        for stack in trace.stacks:
            stack.exc_value = "(details left out: they may quote your journal)"
            stack.syntax_error = None
        report = Traceback(trace, width=None, show_locals=False, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()

    def get_driver_class(self):
        """Textual's driver, but on Linux and macOS one that ends the app when the terminal goes
        away instead of hanging in the writer thread (``tui/terminal.py``)."""
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from backjournal.tui.terminal import TerminalDriver

            return TerminalDriver
        return driver

    def _install_signal_handlers(self) -> None:
        """Textual does not catch SIGTERM or SIGHUP: exit cleanly so the terminal is restored.

        SIGHUP is handled at once (a plain signal handler runs between any two bytecodes, even
        while the loop is busy starting up): when the terminal has really gone, the app ends
        within a second whatever it is doing (``tui/terminal.py``); a ``kill -HUP`` on a live
        terminal exits cleanly like SIGTERM.
        """
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, partial(self.exit, None, 0))
            signal.signal(signal.SIGHUP, self._hang_up)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not the main thread, or a platform without these signals

    def _hang_up(self, signum: int, frame: object) -> None:
        from backjournal.tui.terminal import end_soon, terminal_gone

        if terminal_gone(sys.__stdin__.fileno()):
            end_soon(self)
        elif self._loop is not None:
            self._loop.call_soon_threadsafe(self.exit, None, 0)

    def _poll_journal(self) -> None:
        if self.journal.changed():
            self.journal_changed()

    def journal_changed(self, source: Screen | None = None) -> None:
        """Tell every open screen (but ``source``, which made the change) that the journal
        changed, so that each reloads its data."""
        for _, name, _, _ in SCREENS_BY_KEY:
            screen = self._screen_for(name)
            if screen is source:
                continue
            if screen is not None and hasattr(screen, "refresh_from_journal"):
                screen.refresh_from_journal()

    def get_default_screen(self) -> Screen:
        return SCREEN_FACTORIES[self.start_screen]()

    def _mode(self, name: str) -> str:
        """The Textual mode that holds the screen called ``name``."""
        return START_MODE if name == self.start_screen else name

    @property
    def screen_name(self) -> str:
        """The name of the screen shown: "today", "history" or "settings"."""
        return self.start_screen if self.current_mode == START_MODE else self.current_mode

    def _screen_for(self, name: str) -> Screen | None:
        stack = self._screen_stacks.get(self._mode(name))
        return stack[0] if stack else None

    # --- settings --------------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings everywhere (screens watch ``settings``)."""
        self._apply_theme(settings.theme)
        self.settings = settings

    def _apply_theme(self, theme: str) -> None:
        self.theme = theme if theme in self.available_themes else "textual-dark"

    # --- navigation ------------------------------------------------------------------------------

    async def action_show_screen(self, name: str) -> None:
        """Show a screen by its name: "today", "history" or "settings"."""
        if self.screen_name != name:
            await self._switch(name)

    async def _switch(self, name: str) -> None:
        """Switch to the screen ``name`` (and wait until it is mounted)."""
        # Registering Today's stack (made at start-up from get_default_screen) under Textual's
        # default mode name lets ``switch_mode`` come back to it. Done here, not in __init__:
        # registered before start-up, Textual would build Today as a mode, refreshing all CSS.
        self._modes.setdefault(START_MODE, SCREEN_FACTORIES[self.start_screen])
        await self.switch_mode(self._mode(name))
        self._check_size()  # each mode has its own stack: cover (or uncover) this one too

    async def open_day(self, day: dt.date) -> None:
        """Show ``day`` in Today (History's Enter)."""
        await self._switch("today")
        today = self._screen_for("today")
        if isinstance(today, TodayScreen):
            today.show_date(day)

    async def action_quit(self) -> None:
        """Quit, asking first if Today has unsaved changes."""
        today = self._screen_for("today")
        if isinstance(today, TodayScreen) and today.is_dirty:
            if self.screen_name != "today":
                await self._switch("today")
            today.confirm_leave(self.exit)
        else:
            self.exit()

    def action_oswestry(self) -> None:
        """Open the Oswestry check-in; store the answers for today."""
        from backjournal.tui.dialogs.odi import OdiDialog

        def answered(answers: list[int | None] | None) -> None:
            if answers is not None:
                self.run_worker(partial(self._save_odi, answers), thread=True, group="odi")

        self.push_screen(OdiDialog(), answered)

    def _save_odi(self, answers: list[int | None]) -> None:
        try:
            result = self.journal.symptoms.save_odi(self.today().isoformat(), answers)
        except (JournalError, ValueError) as exc:
            self.call_from_thread(self.notify, str(exc), title="Not saved", severity="error")
            return
        if result is not None:
            self.call_from_thread(
                self.notify,
                f"Oswestry: {result.text}, {result.answered} of 10 sections. Saved.",
                timeout=6,
            )
            self.call_from_thread(self.journal_changed)

    # --- safety ----------------------------------------------------------------------------------

    def action_help_now(self) -> None:
        """When to get help: the safety-net card (f1 on every screen)."""
        from backjournal.tui.dialogs.safety import HelpCard

        if not isinstance(self.screen, HelpCard):
            self.push_screen(HelpCard())

    def action_edit_profile(self) -> None:
        """The profile: risk factors and year of birth (asked once; then from Settings)."""
        from backjournal.tui.dialogs.safety import ProfileAnswers, ProfileDialog

        today = self.today()

        def answered(answers: ProfileAnswers | None) -> None:
            try:
                if answers is None:
                    self.journal.flags.mark_profile_asked(today)
                    return
                self.journal.flags.save_profile(answers.factors, answers.birth_year, today)
            except (JournalError, ValueError) as exc:
                self.notify(str(exc), title="Profile not saved", severity="error")
                return
            self.notify("Profile saved.", timeout=3)
            self.journal_changed()

        self.push_screen(ProfileDialog(self.journal.flags.profile(), today), answered)

    # --- data in and out -------------------------------------------------------------------------

    def action_export_csv(self, start: str | None = None, end: str | None = None) -> None:
        """Ask for a folder (default ~/backjournal-export-<today>), then export the days from
        ``start`` to ``end`` (History's filter; None: from the first or to the last) there."""
        from backjournal.store.exchange import default_export_folder
        from backjournal.tui.dialogs.prompts import FolderPrompt

        span = export_span(start, end)

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self._export_csv(folder, start, end, span)

        prompt = FolderPrompt(
            "Export CSV",
            f"{span[:1].upper()}{span[1:]}: one CSV file per table, plus daily.csv with a row "
            "per day; settings whole. The files are readable only by you; text that a "
            "spreadsheet would run as a formula gets a leading apostrophe.",
            default_export_folder(Path.home(), self.today()),
            action="Export",
        )
        self.push_screen(prompt, chosen)

    @work(thread=True, exclusive=True, group="exchange")
    def _export_csv(self, folder: Path, start: str | None, end: str | None, span: str) -> None:
        from backjournal.store.exchange import export_csv

        try:
            written = export_csv(self.journal, folder, start=start, end=end)
        except JournalError as exc:
            self.call_from_thread(self.notify, str(exc), title="Not exported", severity="error")
            return
        rows = sum(f.rows for f in written)
        self.call_from_thread(
            self.notify,
            f"{span[:1].upper()}{span[1:]}: {len(written)} files ({rows:,} rows) in "
            f"{display_path(folder)}",
            title="Exported",
            timeout=8,
        )

    def action_backup(self) -> None:
        """Ask for a folder (default: backups next to the journal), then back up there."""
        from backjournal.store.backup import default_backup_folder
        from backjournal.tui.dialogs.prompts import FolderPrompt

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self._backup(folder)

        prompt = FolderPrompt(
            "Back up the journal",
            "A checked copy of the whole journal in a dated file "
            "(backjournal-YYYY-MM-DD-HHMMSS.db), fine while the app is open.",
            default_backup_folder(self.journal.path),
            action="Back up",
        )
        self.push_screen(prompt, chosen)

    @work(thread=True, exclusive=True, group="exchange")
    def _backup(self, folder: Path) -> None:
        from backjournal.store.backup import make_backup

        try:
            path = make_backup(self.journal, folder)
        except JournalError as exc:
            self.call_from_thread(self.notify, str(exc), title="Not backed up", severity="error")
            return
        self.call_from_thread(self.notify, display_path(path), title="Backed up", timeout=8)

    # --- the report for a clinician -------------------------------------------------------------

    def action_report(self, start: str | None = None, end: str | None = None) -> None:
        """Write the report for a clinician to ~/backjournal-report-<today>.pdf in a worker: the
        last 6 weeks, or ``start``..``end`` (History's filter; either may be None)."""
        self.notify("Writing the report for your physio...", title="Report", timeout=3)
        self._write_report(start, end)

    @work(thread=True, exclusive=True, group="report")
    def _write_report(self, start: str | None, end: str | None) -> None:
        # fpdf2 and matplotlib are imported here, in the worker, on first use: never at start-up.
        from backjournal.report.data import RangeError, report_range
        from backjournal.report.write import ReportError, default_path, make_report

        today = self.today()
        last = min(dt.date.fromisoformat(end), today) if end else today
        first = dt.date.fromisoformat(start) if start else None
        try:
            if first is not None and first > last:
                raise RangeError(f"the range starts ({first}) after it ends ({last})")
            first, last = report_range(
                today, weeks=None, start=first, end=last, week_start=self.settings.week_start
            )
            path = make_report(
                self.journal, default_path(today, "pdf", Path.home()), first, last, today=today
            )
        except (RangeError, ReportError, JournalError) as exc:
            self.call_from_thread(self.notify, str(exc), title="No report", severity="error")
            return
        self.call_from_thread(
            self.notify,
            f"{display_path(path)} ({first.isoformat()} to {last.isoformat()})",
            title="Report written",
            timeout=10,
        )

    def _appointments(self) -> list:
        """The journal's appointments, newest first, for the palette's "Delete appointment"
        (a small table, read when the palette opens); none when the journal cannot be read."""
        try:
            return self.journal.clinical.appointments()
        except JournalError:
            return []

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette finds every screen and every action of the current screen."""
        for key, mode, label, help_text in SCREENS_BY_KEY:
            yield SystemCommand(
                f"Go to {label}",
                f"{help_text} ({key})",
                partial(self.run_action, f"show_screen('{mode}')"),
            )
        yield SystemCommand(
            "When to get help",
            "Red flags in two tiers and what to do (f1)",
            self.action_help_now,
        )
        yield SystemCommand(
            "Profile",
            "Risk factors and year of birth (also in Settings)",
            self.action_edit_profile,
        )
        yield SystemCommand(
            "Oswestry check-in",
            "The weekly disability questionnaire (ctrl+o)",
            self.action_oswestry,
        )
        if screen.id == "body-map":
            yield SystemCommand(
                "Same as yesterday", "Copy yesterday's map (y)", screen.action_same_as_yesterday
            )
            yield SystemCommand(
                "Compare days",
                "Show the map of 7 or 30 days before (c)",
                screen.action_cycle_compare,
            )
            yield SystemCommand(
                "Compare with a date",
                "Show the map of a chosen day (ctrl+k)",
                screen.action_compare_date,
            )
            yield SystemCommand(
                "Undo map change", "Undo the last change (ctrl+z)", screen.action_undo
            )
        if screen.id == "exercises":
            for title, help_text, action in (
                ("Tick exercise", "Tick or untick the highlighted exercise (Space)", "toggle"),
                ("Fewer sets", "Record fewer sets than prescribed (-)", "sets(-1)"),
                ("Exercise note", "A note on the highlighted exercise (n)", "note"),
                ("Tick an extra exercise", "One the programme does not schedule (e)", "add_extra"),
                ("Edit programme", "Exercises, doses, days and phase (p)", "edit_programme"),
                ("Accept suggestion", "Change phase as suggested (a)", "accept_suggestion"),
                ("Dismiss suggestion", "Not now: quiet for 7 days (d)", "dismiss_suggestion"),
                ("Previous day", "Show the day before (PgUp)", "previous_day"),
                ("Next day", "Show the day after (PgDn)", "next_day"),
                ("Go to date", "Jump to a date (ctrl+g)", "jump_to_date"),
            ):
                yield SystemCommand(title, help_text, partial(screen.run_action, action))
        if screen.id == "trends":
            from backjournal.domain.trends import RANGE_LABELS

            for name, label in RANGE_LABELS.items():
                yield SystemCommand(
                    f"Trends: {label}",
                    f"Show the charts over {label} (r cycles)",
                    partial(screen.action_show_range, name),
                )
        if isinstance(screen, TodayScreen):
            yield SystemCommand("Save day", "Save the day shown (ctrl+s)", screen.action_save_day)
            yield SystemCommand(
                "Previous day", "Show the day before (PgUp)", screen.action_previous_day
            )
            yield SystemCommand("Next day", "Show the day after (PgDn)", screen.action_next_day)
            yield SystemCommand("Back to today", "Show today (ctrl+t)", screen.action_go_today)
            yield SystemCommand("Go to date", "Jump to a date (ctrl+g)", screen.action_jump_to_date)
            yield SystemCommand("Add run", "Add a run to the day (ctrl+n)", screen.action_add_run)
            yield SystemCommand(
                "Record a red flag's outcome",
                "Seen by a clinician, or resolved (o)",
                screen.action_record_outcome,
            )
            yield SystemCommand(
                "Note in your editor",
                "Write the day's (or the focused run's) note in $VISUAL or $EDITOR (ctrl+l)",
                screen.action_edit_note,
            )
            for title, help_text, action in (
                (
                    "Add activity",
                    "A walk, ride, swim or session on the day (ctrl+r)",
                    "add_activity",
                ),
                ("Log a treatment", "A dose taken, a course or a session (t)", "log_treatment"),
                ("Record an appointment", "Who, what they said, the plan (a)", "add_appointment"),
                ("Flare-up: start or end", "Start a flare-up, or end the open one (f)", "flare"),
                ("PSFS check-in", "Rate the activities your back makes hard (p)", "psfs"),
                ("Your factors: add", "Daily factors, yes/no or 0-10 (e)", "edit_factors"),
                ("Your factors: answer", "A number answers each (ctrl+f)", "focus_factors"),
            ):
                yield SystemCommand(title, help_text, partial(screen.run_action, action))
            for appointment in self._appointments():
                label = appointment.date + (
                    f" with {shown(appointment.who)}" if appointment.who else ""
                )
                yield SystemCommand(
                    f"Delete appointment: {label}",
                    "Recorded by mistake? Its rules go with it, after asking",
                    partial(screen.delete_appointment, appointment.id, label),
                )
        if screen.id == "history":
            yield SystemCommand(
                "Open day", "Open the selected day in Today (Enter)", screen.action_open_day
            )
            yield SystemCommand(
                "Delete day", "Delete the selected day, after asking (d)", screen.action_delete_day
            )
            yield SystemCommand(
                "Undo delete", "Put back the day just deleted (u)", screen.action_undo_delete
            )
            yield SystemCommand(
                "Filter by dates", "Show only a date range (f)", screen.action_focus_filter
            )
        yield SystemCommand(
            "Export CSV",
            "Write every table, and a row per day, to CSV files in a folder (x on History: "
            "the days its filter shows)",
            # On History, the days its filter shows; elsewhere, the whole journal.
            screen.action_export_csv if screen.id == "history" else self.action_export_csv,
        )
        yield SystemCommand(
            "Report for my physio",
            "A PDF of the last 6 weeks in your home folder (r on History: the range shown)",
            screen.action_report if screen.id == "history" else self.action_report,
        )
        yield SystemCommand(
            "Back up the journal",
            "A checked copy of the journal in a dated file (b on History)",
            self.action_backup,
        )
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":  # Textual's says where it went in its markup
                command = SystemCommand(
                    "Screenshot",
                    "Save an SVG picture of the screen in your home folder",
                    self.action_screenshot_home,
                )
            yield command

    def action_screenshot_home(self) -> None:
        """An SVG of the screen in the home folder, said in plain words (Textual's own notice is
        written in its markup, which this app's notifications never read)."""
        try:
            path = self.save_screenshot(path=str(Path.home()))
        except OSError as exc:
            self.notify(f"{exc.strerror or exc}", title="No screenshot", severity="error")
            return
        self.notify(f"Saved to {path}", title="Screenshot")

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in a field): say which key does, in plain words
        (Textual's own notice is written in its markup, which this app's notifications never
        read: "Press [b]ctrl+q[/b]" showed as typed)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit the app", title="Do you want to quit?")
                return


def export_span(start: str | None, end: str | None) -> str:
    """What an export writes, in words: ``the days from 2026-05-01 to 2026-06-30``."""
    if start and end:
        return f"the days from {start} to {end} (History's filter)"
    if start:
        return f"the days from {start} on (History's filter)"
    if end:
        return f"the days up to {end} (History's filter)"
    return "every day of the journal"


def make_app(
    db_path: str | Path,
    *,
    today: dt.date | None = None,
    screen: str = "today",
    ask_profile: bool = False,
) -> BackjournalApp:
    """Open the journal at ``db_path`` (raising JournalError if it is refused) and build the app,
    starting on ``screen``; ``ask_profile`` offers the profile once (the command line does)."""
    journal = Journal.open(db_path)
    return BackjournalApp(journal, today=today, screen=screen, ask_profile=ask_profile)
