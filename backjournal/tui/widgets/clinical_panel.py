"""Today's clinical lines: the plan in force, the treatments, the flare-up, the user's factors.

Read in a worker after the day is shown (:func:`read_clinical`, through the journal only), and
drawn as a few lines of text: the plan's word on running that day (red, amber or a limit to keep
to, each naming "your clinician's plan"), the next appointment, the courses running and the
doses taken, an open flare-up, and the two questions CLINICAL.md asks: "Is this a flare-up?"
after two days of waking pain 2 or more above the baseline, and the offer to close a flare-up
after 3 days back at it. The panel shows nothing at all when there is nothing to say.

The factors are a row of their own (:class:`FactorRow`): each is one keypress (its number) or a
click; a 0-10 factor takes the digit typed after it. They are written at once
(``journal.clinical.set_factor``), not with the day's Save: a habit ticked is already recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from backjournal.domain.clinical import (
    ClinicalDay,
    Factor,
    PlanCheck,
    flare_prompt,
    plan_checks,
    settled_prompt,
)
from backjournal.domain.safe_text import shown
from backjournal.domain.values import week_bounds
from backjournal.tui.widgets.component_styles import CachedStyles

# How far back the flare-up questions look: the baseline's 7 days before each of the last 3.
WAKING_DAYS = 11
# The plan's weekly count and "not on consecutive days" need the runs of the week before.
RUN_DAYS = 8


@dataclass
class ClinicalView:
    """What the panel shows for one date."""

    date: dt.date
    record: ClinicalDay
    checks: list[PlanCheck] = field(default_factory=list)
    ask_flare: bool = False  # "Is this a flare-up?"
    settled: bool = False  # the open flare-up may be closed
    factors: list[Factor] = field(default_factory=list)
    values: dict[int, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        r = self.record
        return not (
            self.checks
            or r.treatments
            or r.doses
            or r.flare
            or r.next_appointment
            or self.ask_flare
        )


def read_clinical(
    journal, day: dt.date, week_start: str, units: str, today: dt.date | None = None
) -> ClinicalView:
    """Everything the panel shows for ``day``, from the journal (call it in a worker). A ``day``
    before ``today`` is a past day: the plan's sentences speak of it, not of today."""
    date = day.isoformat()
    record = journal.clinical.day(date)
    data = journal.trends.data(day - dt.timedelta(days=WAKING_DAYS), day, lead_in=0)
    waking = {
        row.date: max(s for s in (row.back_wake, row.leg_wake) if s is not None)
        for row in data.days
        if row.back_wake is not None or row.leg_wake is not None
    }
    since = (day - dt.timedelta(days=RUN_DAYS)).isoformat()
    run_dates = [r.date for r in data.runs if since <= r.date < date]
    week_first = week_bounds(day, week_start)[0].isoformat()
    from backjournal.domain.readiness import day_label  # (in the worker: not at start-up)

    past = day_label(day) if today is not None and day < today else None
    checks = plan_checks(record.rules, date, run_dates, week_first, units, past)
    flare = record.flare
    return ClinicalView(
        date=day,
        record=record,
        checks=checks,
        ask_flare=flare is None and flare_prompt(waking, date),
        settled=flare is not None and settled_prompt(waking, flare, date),
        factors=journal.clinical.factors(),
        values=journal.clinical.factor_values(date),
    )


def _short(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day:%a} {day.day} {day:%b}"


LEVEL_STYLE = {"red": "bold red", "amber": "bold yellow", "info": "bold cyan"}
KEYS_LINE = "t treatment · a appointment · f flare-up · p PSFS · e/^f factors"


def clinical_text(view: ClinicalView) -> Text:
    """The panel's lines for ``view`` (user text through ``shown``, never parsed as markup)."""
    date = view.date.isoformat()
    lines: list[Text] = []
    record = view.record
    if view.checks or record.next_appointment:
        for i, check in enumerate(view.checks):
            line = Text("Plan  " if i == 0 else "      ", "bold")
            line.append("● ", LEVEL_STYLE.get(check.level, ""))
            line.append(check.text)
            lines.append(line)
        if record.next_appointment:
            when = "today" if record.next_appointment == date else _short(record.next_appointment)
            line = Text("Plan  " if not view.checks else "      ", "bold")
            line.append(f"next appointment {when}", "dim" if view.checks else "")
            lines.append(line)
    if record.treatments or record.doses:
        line = Text("Treatments  ", "bold")
        parts: list[Text] = []
        for t in record.treatments:
            part = Text(shown(t.name))
            if t.dose:
                part.append(f" {shown(t.dose)}")
            if t.schedule == "once":
                part.append(" (session)", "dim")
            else:
                part.append(f" (since {_short(t.start)}", "dim")
                part.append(f", to {_short(t.end)})" if t.end else ")", "dim")
            parts.append(part)
        for name, dose in record.doses:
            part = Text("took ", "dim")
            part.append(shown(name))
            if dose:
                part.append(f" {shown(dose)}")
            parts.append(part)
        line.append(Text(" · ", "dim").join(parts))
        lines.append(line)
    flare = record.flare
    if flare is not None:
        days = (view.date - dt.date.fromisoformat(flare.start)).days + 1
        line = Text("Flare-up  ", "bold yellow")
        line.append(f"since {_short(flare.start)} (day {days})")
        if flare.end:
            line.append(f", ended {_short(flare.end)}")
        if flare.note:
            line.append(f" · {shown(flare.note)}", "dim")
        if view.settled:
            line.append(" · 3 days back at your baseline waking pain: end it? (f)", "bold green")
        elif flare.end is None:
            line.append("  f ends it", "dim")
        lines.append(line)
    elif view.ask_flare:
        line = Text("Is this a flare-up?  ", "bold yellow")
        line.append("Waking pain 2+ over baseline 2 days: ")
        line.append("f starts one", "bold")
        lines.append(line)
    if not view.empty:
        lines.append(Text(KEYS_LINE, "dim"))
    return Text("\n").join(lines)


class ClinicalPanel(Static):
    """The day's clinical lines; hidden when there is nothing to say."""

    DEFAULT_CSS = """
    ClinicalPanel {
        height: auto;
        padding: 0 1;
        border-left: thick $secondary;
        display: none;
    }
    """

    view: ClinicalView | None = None

    def show_view(self, view: ClinicalView | None) -> None:
        self.view = view
        if view is None or view.empty:
            self.display = False
            return
        self.update(clinical_text(view))
        self.display = True


class FactorRow(CachedStyles, Widget, can_focus=True):
    """The user's factors for the day: ``1 □ long drive  2 ■ sat over 6 h  3 stress 4``.

    A digit picks a factor by its number and answers it at once: a yes/no factor flips, a 0-10
    factor waits for its value (the next digit; ``1`` then ``0`` for 10). ←/→ move, Space flips
    or clears the factor under the cursor, a click does the same on the factor clicked.
    """

    STYLE_PREFIX = "factor-row"
    DEFAULT_CSS = """
    FactorRow { height: auto; width: 1fr; display: none; }
    FactorRow > .factor-row--title { color: $accent; text-style: bold; }
    FactorRow > .factor-row--item { color: $text-muted; }
    FactorRow > .factor-row--on { color: $text; text-style: bold; }
    FactorRow > .factor-row--cursor { background: $accent; color: $text; }
    """
    COMPONENT_CLASSES = {
        "factor-row--title",
        "factor-row--item",
        "factor-row--on",
        "factor-row--cursor",
    }
    BINDINGS = [
        Binding("left", "move(-1)", "Left", show=False),
        Binding("right", "move(1)", "Right", show=False),
        Binding("space,enter", "flip", "Flip", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """The user answered a factor (``value`` None clears it)."""

        row: FactorRow
        factor: Factor
        value: int | None

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.factors: list[Factor] = []
        self.values: dict[int, int] = {}
        self._pending: int | None = None  # a 0-10 factor waiting for its value
        self._typed = ""  # "1" typed for a 0-10 factor: 1, or the start of 10
        self._layout: list[tuple[int, int, int]] = []
        self.tooltip = (
            "Your factors: a number answers one (a 0-10 factor takes the next digit), "
            "Space flips the one under the cursor; saved at once"
        )

    def load(self, factors: list[Factor], values: dict[int, int]) -> None:
        if [f.id for f in factors] != [f.id for f in self.factors]:
            self._pending = None  # a reload after each answer keeps a "1" waiting for its "0"
            self._typed = ""
        self.factors = factors
        self.values = dict(values)
        self.cursor = min(self.cursor, max(0, len(factors) - 1))
        self.display = bool(factors)
        self.refresh(layout=True)

    def set_value(self, factor: Factor, value: int | None) -> None:
        """Answer ``factor`` as if the user did."""
        if value is None:
            self.values.pop(factor.id, None)  # type: ignore[arg-type]
        else:
            self.values[factor.id] = value  # type: ignore[index]
        self.refresh()
        self.post_message(self.Changed(self, factor, value))

    def action_move(self, step: int) -> None:
        if self.factors:
            self.cursor = (self.cursor + step) % len(self.factors)

    def action_flip(self) -> None:
        if not self.factors:
            return
        factor = self.factors[self.cursor]
        if factor.kind == "yes-no":
            # Unanswered or "no" becomes "yes", "yes" becomes "no" (Backspace clears).
            self.set_value(factor, 0 if self.values.get(factor.id) else 1)  # type: ignore[arg-type]
        else:
            self._pending = self.cursor
            self.refresh()

    def action_clear(self) -> None:
        if self.factors:
            self._pending = None
            self.set_value(self.factors[self.cursor], None)

    def on_key(self, event: events.Key) -> None:
        char = event.character or ""
        if not char.isdigit() or not self.factors:
            return
        event.stop()
        event.prevent_default()
        if self._pending is not None and not (self._typed == "1" and char != "0"):
            factor = self.factors[self._pending]
            if self._typed == "1":  # "1" then "0": 10
                self._typed = ""
                self._pending = None
                self.set_value(factor, 10)
                return
            self.set_value(factor, int(char))
            # 1 now, or 10 if a 0 follows; any other digit then picks a factor
            self._typed = "1" if char == "1" else ""
            if not self._typed:
                self._pending = None
            return
        self._pending = None
        index = (int(char) - 1) % 10  # 1..9, then 0 for the tenth
        if index >= len(self.factors):
            return
        self.cursor = index
        self._typed = ""
        self.action_flip()

    def on_click(self, event: events.Click) -> None:
        for index, (line, start, end) in enumerate(self._layout):
            if event.y == line + 1 and start <= event.x < end:
                self.cursor = index
                self.focus()
                self.action_flip()
                return

    def watch_cursor(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self._pending = None
        self._typed = ""
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def _label(self, index: int, factor: Factor) -> str:
        value = self.values.get(factor.id)  # type: ignore[arg-type]
        number = (index + 1) % 10
        if factor.kind == "yes-no":
            answer = {1: "■", 0: "□"}.get(value, "·")  # type: ignore[arg-type]
            suffix = ": no" if value == 0 else ""
            return f"{number} {answer} {shown(factor.name)}{suffix}"
        if self._pending == index and self.has_focus:
            return f"{number} {shown(factor.name)} [0-10?]"
        return f"{number} {shown(factor.name)} {'–' if value is None else value}"

    def _lines(self, width: int) -> list[list[tuple[int, str]]]:
        lines: list[list[tuple[int, str]]] = [[]]
        used = 0
        self._layout = []
        for index, factor in enumerate(self.factors):
            text = self._label(index, factor)
            if used and used + 2 + len(text) > width:
                lines.append([])
                used = 0
            start = used + (2 if used else 0)
            lines[-1].append((index, text))
            self._layout.append((len(lines) - 1, start, start + len(text)))
            used = start + len(text)
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(max(1, width))) + 1

    def render(self) -> Text:
        head = Text("Your factors", self.style_of("title"))
        head.append(
            "  a number answers one; saved at once · e edits the list", self.style_of("item")
        )
        rows = [head]
        for line in self._lines(max(1, self.size.width)):
            row = Text()
            for position, (index, text) in enumerate(line):
                if position:
                    row.append("  ")
                factor = self.factors[index]
                style = self.style_of("on" if self.values.get(factor.id) else "item")  # type: ignore[arg-type]
                if index == self.cursor and self.has_focus:
                    style = style + self.style_of("cursor")
                row.append(text, style)
            rows.append(row)
        return Text("\n").join(rows)
