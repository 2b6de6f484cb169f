"""A compact choice among a few fixed words (run type, surface): ``‹ long ›``.

Left and Right step through the words, a letter jumps to the next word starting with it, and a
click on the left or right half steps back or forward. One small widget instead of a drop-down,
which is several widgets and slow to build.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from backjournal.domain.safe_text import shown
from backjournal.tui.widgets.component_styles import CachedStyles


class ChoiceCycle(CachedStyles, Widget, can_focus=True):
    """One of ``options``; the value is always one of them."""

    STYLE_PREFIX = "choice-cycle"

    DEFAULT_CSS = """
    ChoiceCycle {
        height: 1;
        width: 13;
        background: $boost;
        color: $text;
    }
    ChoiceCycle:focus {
        background: $accent;
        text-style: bold;
    }
    ChoiceCycle > .choice-cycle--arrow {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {"choice-cycle--arrow"}
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right,space", "step(1)", "Next", show=False),
    ]

    value: reactive[str] = reactive("")

    @dataclass
    class Changed(Message):
        """The user chose another word."""

        choice: ChoiceCycle
        value: str

        @property
        def control(self) -> ChoiceCycle:
            return self.choice

    def __init__(
        self,
        options: tuple[str, ...],
        value: str,
        *,
        classes: str | None = None,
        tooltip: str | None = None,
    ):
        super().__init__(classes=classes)
        self.options = options
        self.set_reactive(ChoiceCycle.value, value if value in options else options[0])
        if tooltip:
            self.tooltip = f"{tooltip}: ←/→ or a letter ({', '.join(options)})"

    def choose(self, value: str) -> None:
        """Choose ``value`` as if the user did."""
        if value in self.options and value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    def action_step(self, step: int) -> None:
        index = self.options.index(self.value)
        self.choose(self.options[(index + step) % len(self.options)])

    def on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if not char.isalpha():
            return
        matches = [o for o in self.options if o.lower().startswith(char)]
        if not matches:
            return
        event.stop()
        event.prevent_default()
        if self.value in matches:
            self.choose(matches[(matches.index(self.value) + 1) % len(matches)])
        else:
            self.choose(matches[0])

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.action_step(-1 if event.x < 2 else 1)  # the "‹" steps back, the rest forward

    def render(self) -> Text:
        arrow = self.style_of("arrow")
        width = max(1, self.size.width - 4)
        text = Text("‹ ", arrow)
        # A word longer than the room ends in an ellipsis, not cut mid-word ("Blue trai").
        value = shown(self.value)  # a shoe's name is the user's text
        value = value if len(value) <= width else value[: width - 1] + "…"
        text.append(f"{value:<{width}}")
        text.append(" ›", arrow)
        return text
