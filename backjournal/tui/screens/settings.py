"""Settings: units, first day of the week, theme and the load of the ratios and ramps (distance
or effort x minutes, issue #17), stored in the journal; applied at once. And
the import folder (issue #16): a watch's or a sync app's folder whose new activity files are
imported at each start (``tui/import_folder.py``); it is this computer's, kept in the journal's
internal tables, never exported."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static

from backjournal.domain.models import Settings
from backjournal.domain.values import LOAD_MODES, WEEKDAYS
from backjournal.paths import display_path
from backjournal.store import JournalError
from backjournal.tui.widgets.fields import Choice
from backjournal.tui.widgets.navbar import NavBar
from backjournal.tui.widgets.push_button import PushButton

# What the load choice means: every word here is pinned by a test (tests/test_tui_settings_load.py).
LOAD_HINT = (
    "Effort x minutes (session RPE, Foster 2001): each run's and other activity's effort (0-10) "
    "times its minutes; other activity counts only in this mode. A session without an effort or "
    "a time counts as 0, and the screens say how many. Spikes stay distance-based."
)


class SettingsScreen(Screen):
    """Change a setting and it is saved; every screen follows it."""

    CSS_PATH = "settings.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "Settings"

    def __init__(self) -> None:
        super().__init__(id="settings")
        self.loaded = False

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        yield NavBar("settings", self.app.SCREENS_BY_KEY)
        with VerticalScroll(id="settings-body"):
            yield Label("Settings", classes="section")
            with Horizontal(classes="setting-row"):
                yield Label("Units", classes="setting-label")
                yield Choice(
                    [("kilometres (km)", "km"), ("miles (mi)", "mi")],
                    settings.units,
                    id="units",
                    tooltip="Distances everywhere, in this unit",
                )
            with Horizontal(classes="setting-row"):
                yield Label("Week starts on", classes="setting-label")
                yield Choice(
                    [(d.capitalize(), d) for d in WEEKDAYS],
                    settings.week_start,
                    id="week_start",
                    tooltip="First day of a week in weekly totals",
                )
            with Horizontal(classes="setting-row"):
                yield Label("Theme", classes="setting-label")
                themes = sorted(self.app.available_themes)
                yield Choice(
                    [(t, t) for t in themes],
                    settings.theme if settings.theme in themes else "textual-dark",
                    id="theme",
                    tooltip="Colours of the app",
                )
            with Horizontal(classes="setting-row"):
                yield Label("Load for ratios", classes="setting-label")
                yield Choice(
                    [("distance run", "distance"), ("effort x minutes", "srpe")],
                    settings.load if settings.load in LOAD_MODES else "distance",
                    id="load",
                    tooltip="The load of the acute:chronic ratio and the ramps",
                )
            yield Static(LOAD_HINT, id="load-hint", classes="hint")
            yield Label("Profile", classes="section")
            with Horizontal(classes="setting-row"):
                yield Label("Risk factors", classes="setting-label")
                yield PushButton(
                    "Edit profile…",
                    id="edit-profile",
                    tooltip="Risk factors and year of birth (red flags, NICE NG59)",
                    action="app.edit_profile",
                )
            yield Label("Import folder", classes="section")
            with Horizontal(classes="setting-row"):
                yield Label("Folder", classes="setting-label")
                yield Input(
                    self._folder_text(),
                    placeholder="the watch's or a sync app's folder; Enter to save",
                    id="import-folder",
                    tooltip="New .fit, .gpx and .tcx files there are imported at each start",
                )
            yield Static(self._folder_status(), id="import-folder-status", markup=False)
            yield Label("Journal file", classes="section")
            journal = self.app.journal
            yield Static(
                f"{display_path(journal.path)}\n"
                f"SQLite journal mode: {journal.journal_mode.upper()}",
                id="journal-info",
            )
            if journal.warning:
                yield Static(f"⚠ {journal.warning}", id="storage-warning")
            yield Static("Changes are saved as soon as you make them.", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.loaded = True

    def _folder_text(self) -> str:
        from backjournal.store.import_folder import folder

        chosen = folder(self.app.journal)
        return display_path(chosen) if chosen else ""

    def _folder_status(self) -> str:
        from backjournal.store.import_folder import folder, listing

        chosen = folder(self.app.journal)
        if chosen is None:
            return "None: runs come in with backjournal import."
        if not chosen.is_dir():
            return "Not there now (is the watch connected?): looked at again at each start."
        files = len(listing(chosen))
        return (
            f"{files} activity file{'s' if files != 1 else ''} there; new ones are imported "
            "at each start."
        )

    @on(Input.Submitted, "#import-folder")
    def _folder_submitted(self, event: Input.Submitted) -> None:
        self._save_folder(event.value.strip())

    @work(thread=True, exclusive=True, group="settings-save")
    def _save_folder(self, text: str) -> None:
        from pathlib import Path

        from backjournal.domain.safe_text import shown
        from backjournal.store.import_folder import set_folder
        from backjournal.tui.import_folder import import_new_files

        try:
            set_folder(self.app.journal, Path(text).expanduser() if text else None)
        except (JournalError, OSError) as exc:
            self.app.call_from_thread(self.notify, shown(exc), title="Not saved", severity="error")
            return
        status = self._folder_status()
        self.app.call_from_thread(self._show_folder_status, status)
        self.app.call_from_thread(self.notify, "Import folder saved.", timeout=2)
        if text:
            self.app.call_from_thread(import_new_files, self.app)

    def _show_folder_status(self, status: str) -> None:
        self.query_one("#import-folder-status", Static).update(status)

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        current = self.app.settings
        values = {
            "units": current.units,
            "week_start": current.week_start,
            "theme": current.theme,
            "load": current.load,
        }
        key = event.control.id or ""
        if values.get(key) == event.value:
            return
        values[key] = str(event.value)
        self._save(Settings(**values))

    @work(thread=True, exclusive=True, group="settings-save")
    def _save(self, settings: Settings) -> None:
        try:
            self.app.journal.save_settings(settings)
        except (JournalError, ValueError) as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not saved", severity="error")
            return
        self.app.call_from_thread(self.app.apply_settings, settings)
        self.app.call_from_thread(self.notify, "Settings saved.", timeout=2)
