"""Moving through days, shared by the screens that show one day (Today, Body map).

PgUp/PgDn step a day (never past today), ctrl+t goes back to today, ctrl+g asks for a date
(ISO, ``today``, ``yesterday`` or ``-3``). Each ends in the screen's own ``show_date``, which may
first ask about unsaved changes.
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from backjournal.tui.dialogs.prompts import DatePrompt

# Priority for PgUp/PgDn: a scrolling container would otherwise take them for itself.
DAY_BINDINGS = [
    Binding("pageup", "previous_day", "Prev", key_display="PgUp", priority=True),
    Binding("pagedown", "next_day", "Next", key_display="PgDn", priority=True),
    Binding("ctrl+g", "jump_to_date", "Go to date"),
    Binding("ctrl+t", "go_today", "Today", tooltip="Back to today", show=False),
]


class DayNavigation:
    """Screen mixin: the day-moving actions, over ``self.date`` and ``self.show_date``."""

    date: dt.date

    def show_date(self, day: dt.date) -> None:  # pragma: no cover - each screen has its own
        raise NotImplementedError

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
