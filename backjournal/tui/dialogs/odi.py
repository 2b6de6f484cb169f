"""The Oswestry Disability Index check-in: ten sections, one at a time, answered 0-5 or skipped.

A typed modal: it returns the ten answers (``None`` for a skipped section), or ``None`` when
cancelled; the caller stores them (``journal.symptoms.save_odi``). The live score uses the same
``odi_score`` as the store, so what the dialog shows is what will be saved.

Light on widgets: the six answers and the row of sections are two Statics with clickable links,
so a section changes by re-rendering text rather than rebuilding sixty buttons. A digit or a click
answers and moves on to the next section, so ten keys fill the questionnaire.
"""

from __future__ import annotations

import textwrap

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain.questionnaires import ODI_SECTIONS, odi_score

SECTION_COUNT = len(ODI_SECTIONS)
ANSWER_COUNT = 6  # each section is answered 0-5
BOX_WIDTH = 90  # the dialog's width (CSS below), and its frame: a thick border and padding 0 1
BOX_FRAME = 4
PREFIX = 6  # "▸● 3  " before each answer; a long answer's next line is indented as deep


class OdiDialog(ModalScreen["list[int | None] | None"]):
    """Ask the ten Oswestry sections; return the answers (None: skipped), or None if cancelled."""

    AUTO_FOCUS = ""  # no focus: keys reach the dialog's bindings until Tab focuses a button
    DEFAULT_CSS = """
    OdiDialog {
        align: center middle;
        background: $background 60%;
    }
    OdiDialog #odi-box {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    OdiDialog #odi-title {
        text-style: bold;
    }
    OdiDialog #odi-hint {
        color: $text-muted;
        margin-bottom: 1;
    }
    OdiDialog #odi-section {
        text-style: bold;
        color: $accent;
    }
    OdiDialog #odi-progress {
        margin-top: 1;
    }
    OdiDialog #odi-error {
        color: $error;
        text-style: bold;
        height: 1;
    }
    OdiDialog #odi-buttons {
        height: auto;
        align-horizontal: right;
    }
    OdiDialog Button {
        min-width: 8;
        margin-left: 1;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the check-in"),
        *(Binding(str(n), f"answer({n})", f"Answer {n}", show=False) for n in range(6)),
        Binding("s", "skip", "Skip", tooltip="Skip this section (it is left out of the score)"),
        Binding("up", "move_cursor(-1)", "Previous answer", show=False),
        Binding("down", "move_cursor(1)", "Next answer", show=False),
        Binding("enter", "choose_cursor", "Choose", show=False),
        Binding("left,pageup", "step(-1)", "Previous section", show=False),
        Binding("right,pagedown", "step(1)", "Next section", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[int | None] = [None] * SECTION_COUNT
        self.skipped: set[int] = set()
        self.current = 0
        self.cursor = 0
        self._error = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="odi-box"):
            yield Label("Oswestry check-in: how your back affects everyday life", id="odi-title")
            yield Static(
                "0-5 or click: answer · s: skip · ←/→: section · ctrl+s: save · Esc: cancel",
                id="odi-hint",
            )
            yield Static("", id="odi-section")
            yield Static("", id="odi-answers")
            yield Static("", id="odi-progress")
            yield Static("", id="odi-score")
            yield Static("", id="odi-error")
            with Horizontal(id="odi-buttons"):
                yield Button("‹ Back", id="back")
                yield Button("Next ›", id="next")
                yield Button("Skip (s)", id="skip")
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self._refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._refresh(self._error)

    # --- drawing ---------------------------------------------------------------------------------

    def _refresh(self, error: str = "") -> None:
        """Redraw the section, its answers, the row of sections and the score."""
        title, texts = ODI_SECTIONS[self.current]
        self.query_one("#odi-section", Static).update(
            f"Section {self.current + 1} of {SECTION_COUNT} · {escape(title)}"
        )
        chosen = self.answers[self.current]
        # Wrap long answers here, with a hanging indent, rather than let them wrap to column 0.
        width = min(BOX_WIDTH, self.app.size.width) - BOX_FRAME - PREFIX
        width = max(width, 20)
        answers = self.query_one("#odi-answers", Static)
        # As tall as the longest section at this width, so the dialog keeps its size throughout.
        answers.styles.min_height = max(
            sum(len(textwrap.wrap(text, width)) for text in texts) for _, texts in ODI_SECTIONS
        )
        lines = []
        for n, text in enumerate(texts):
            pointer = "▸" if n == self.cursor else " "
            dot = "●" if n == chosen else " "
            wrapped = textwrap.wrap(text, width) or [""]
            body = ("\n" + " " * PREFIX).join(escape(part) for part in wrapped)
            line = f"{pointer}{dot} {n}  {body}"
            if n == chosen:
                line = f"[b]{line}[/b]"
            lines.append(f"[@click=screen.answer({n})]{line}[/]")
        answers.update("\n".join(lines))
        self.query_one("#odi-progress", Static).update(self._progress())
        self.query_one("#odi-score", Static).update(self.score_line())
        self._error = error
        self.query_one("#odi-error", Static).update(error)

    def _progress(self) -> str:
        """``Sections  1:2  2:0  3:–  4:· ...``: answered, skipped (–) or not yet (·)."""
        cells = []
        for i, answer in enumerate(self.answers):
            mark = str(answer) if answer is not None else "–" if i in self.skipped else "·"
            cell = f" {i + 1}:{mark} "
            if i == self.current:
                cells.append(f"[reverse]{cell}[/]")
            else:
                cells.append(f"[@click=screen.goto({i})]{cell}[/]")
        return "Sections " + "".join(cells)

    def score_line(self) -> str:
        """``Score so far: 32.0 % (moderate disability), 10 of 10 answered``."""
        result = odi_score(self.answers)
        if result is None:
            return f"Score so far: none yet, 0 of {SECTION_COUNT} answered"
        return (
            f"Score so far: {result.score:.1f} % ({result.band}), "
            f"{result.answered} of {SECTION_COUNT} answered"
        )

    # --- actions ---------------------------------------------------------------------------------

    def _go(self, section: int) -> None:
        """Show ``section``, with the cursor on its answer (or on 0)."""
        self.current = max(0, min(SECTION_COUNT - 1, section))
        self.cursor = self.answers[self.current] or 0
        self._refresh()

    def action_answer(self, value: int) -> None:
        """Answer the current section with ``value`` (0-5) and move on to the next one."""
        self.answers[self.current] = value
        self.skipped.discard(self.current)
        if self.current < SECTION_COUNT - 1:
            self._go(self.current + 1)
        else:
            self.cursor = value
            self._refresh()

    def action_skip(self) -> None:
        """Leave the current section out of the score and move on."""
        self.answers[self.current] = None
        self.skipped.add(self.current)
        if self.current < SECTION_COUNT - 1:
            self._go(self.current + 1)
        else:
            self._refresh()

    def action_move_cursor(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % ANSWER_COUNT
        self._refresh()

    def action_choose_cursor(self) -> None:
        self.action_answer(self.cursor)

    def action_step(self, delta: int) -> None:
        self._go(self.current + delta)

    def action_goto(self, section: int) -> None:
        self._go(section)

    def action_save(self) -> None:
        """Return the answers; refuse (and say so) when every section is skipped."""
        if odi_score(self.answers) is None:
            what = "Every section is skipped" if self.skipped else "No section is answered yet"
            self._refresh(f"{what}: answer at least one to save, or Esc to cancel.")
            return
        self.dismiss(list(self.answers))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "back": lambda: self.action_step(-1),
            "next": lambda: self.action_step(1),
            "skip": self.action_skip,
            "save": self.action_save,
            "cancel": self.action_cancel,
        }
        actions[event.button.id or "cancel"]()
