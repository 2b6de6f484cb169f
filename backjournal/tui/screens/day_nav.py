"""Moving through days, shared by the screens that show one day (Today, Body map, Exercises).

PgUp/PgDn step a day (never past today), ctrl+t goes back to today, ctrl+g asks for a date
(ISO, ``today``, ``yesterday`` or ``-3``). Each ends in the screen's own ``show_date``, which may
first ask about unsaved changes.

The day is the app's (``app.shared_day``): each screen tells the app when it moves
(:meth:`DayNavigation.share_day`), and shows the app's day again whenever it comes back into view,
so that the day followed from Today to the map or the checklist stays the same (issue #15).
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from backjournal.tui.dialogs.prompts import DatePrompt

# Priority for PgUp/PgDn: a scrolling container would otherwise take them for itself.
# One footer entry for both PgUp and PgDn, and none for ctrl+g (the palette and the date bar
# have it): the footers fit 80 columns with F2-F7 and Quit (issue #15).
DAY_BINDINGS = [
    Binding(
        "pageup",
        "previous_day",
        "Day",
        key_display="PgUp/Dn",
        tooltip="PgUp the day before, PgDn the day after",
        priority=True,
    ),
    Binding("pagedown", "next_day", "Next day", key_display="PgDn", priority=True, show=False),
    Binding("ctrl+g", "jump_to_date", "Go to date", show=False),
    Binding("ctrl+t", "go_today", "Today", tooltip="Back to today", show=False),
]


class DayNavigation:
    """Screen mixin: the day-moving actions, over ``self.date`` and ``self.show_date``."""

    date: dt.date

    def show_date(self, day: dt.date) -> None:  # pragma: no cover - each screen has its own
        raise NotImplementedError

    def share_day(self, day: dt.date) -> None:
        """Tell the app which day this screen shows now."""
        self.app.share_day(day)  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        """Coming back into view: show the day chosen meanwhile on another screen."""
        wanted = self.app.shown_day()  # type: ignore[attr-defined]
        if self.date != dt.date.min and self.date != wanted:
            self.show_date(wanted)

    def action_previous_day(self) -> None:
        self.show_date(self.date - dt.timedelta(days=1))

    def action_next_day(self) -> None:
        if self.date < self.app.today():  # type: ignore[attr-defined]
            self.show_date(self.date + dt.timedelta(days=1))
        else:
            self.notify("Today is the latest day.", timeout=2)  # type: ignore[attr-defined]

    def action_go_today(self) -> None:
        self.show_date(self.app.today())  # type: ignore[attr-defined]

    def action_jump_to_date(self) -> None:
        def chosen(day: dt.date | None) -> None:
            if day is not None:
                self.show_date(day)

        self.app.push_screen(DatePrompt(self.app.today()), chosen)  # type: ignore[attr-defined]
