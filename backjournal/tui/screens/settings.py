"""Settings: units, first day of the week and theme, stored in the journal; applied at once."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Select, Static

from backjournal.domain.models import Settings
from backjournal.domain.values import WEEKDAYS
from backjournal.paths import display_path
from backjournal.store import JournalError
from backjournal.tui.widgets.fields import Choice
from backjournal.tui.widgets.navbar import NavBar


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

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        current = self.app.settings
        values = {"units": current.units, "week_start": current.week_start, "theme": current.theme}
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
