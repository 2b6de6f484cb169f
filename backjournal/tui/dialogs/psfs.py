"""The PSFS check-in (Patient-Specific Functional Scale; Stratford 1995).

The first time, the user names 3 to 5 activities that are hard because of the back ("run 10
km", "sit for an hour"); then, at each check-in, rates each 0 (unable) to 10 (as before the
problem). The score is the mean; the dialog shows it against the first check-in with
``psfs_change`` (a change of 2 in the mean is meaningful; Abbott & Schmitt 2014). ``ctrl+e``
renames the activities. Returns a :class:`PsfsEntry`: the new names (or None) and the ratings
(or None when only the names were changed).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from backjournal.domain.clinical import (
    PSFS_MAX_ITEMS,
    psfs_change,
    psfs_items_problem,
    psfs_score,
)
from backjournal.domain.parse import InvalidValue, parse_score
from backjournal.domain.safe_text import shown
from backjournal.tui.dialogs.clinical_form import ClinicalForm
from backjournal.tui.widgets.fields import Field
from backjournal.tui.widgets.push_button import PushButton

SOURCE = "PSFS, Stratford 1995: 0 unable to 10 as before the problem"


@dataclass
class PsfsEntry:
    """New activity names (None: unchanged) and the ratings, in their order (None: none)."""

    items: list[str] | None
    ratings: list[int] | None


class PsfsDialog(ClinicalForm):
    """Name the activities (the first time, or with ctrl+e), then rate each."""

    BINDINGS = [
        *ClinicalForm.BINDINGS,
        Binding("ctrl+e", "rename", "Rename activities"),
    ]

    def __init__(self, items: list[str], scores: list[tuple[str, float]]):
        super().__init__()
        self.items = list(items)
        self.scores = scores
        self.new_items: list[str] | None = None
        self.naming = not items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog clinical-dialog"):
            yield Label("PSFS check-in", classes="question")
            yield Static("", id="psfs-intro", classes="hint explanation")
            with Vertical(id="psfs-names"):
                for i in range(PSFS_MAX_ITEMS):
                    with Horizontal(classes="form-row"):
                        yield Label(f"Activity {i + 1}", classes="field-label")
                        yield Field(
                            placeholder="e.g. run 10 km" if i == 0 else "",
                            id=f"psfs-name-{i}",
                            max_length=60,
                        )
            with Vertical(id="psfs-ratings"):
                for i in range(PSFS_MAX_ITEMS):
                    with Horizontal(classes="form-row", id=f"psfs-row-{i}"):
                        yield Label("", classes="rating-label", id=f"psfs-label-{i}")
                        yield Field(placeholder="0-10", classes="rating", id=f"psfs-rate-{i}")
            yield Static("", id="psfs-score")
            yield Static("", id="form-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield PushButton("Save", id="form-save", primary=True, tooltip="ctrl+s")
                yield PushButton("Cancel", id="form-cancel", tooltip="Escape")
            yield Label(
                "ctrl+s save · Escape cancel · ctrl+e rename the activities", classes="hint"
            )

    def on_mount(self) -> None:
        self._show_phase()

    def _show_phase(self) -> None:
        names = self.new_items or self.items
        self.query_one("#psfs-names").display = self.naming
        self.query_one("#psfs-ratings").display = not self.naming
        intro = self.query_one("#psfs-intro", Static)
        if self.naming:
            intro.update(
                "Name 3 to 5 activities that are hard because of your back (e.g. run 10 km, "
                "sit for an hour, lift a child). They stay the same at every check-in."
            )
            for i in range(PSFS_MAX_ITEMS):
                self.query_one(f"#psfs-name-{i}", Field).value = names[i] if i < len(names) else ""
            self.query_one("#psfs-name-0", Field).focus()
        else:
            intro.update(f"How well can you do each today? ({SOURCE})")
            for i in range(PSFS_MAX_ITEMS):
                self.query_one(f"#psfs-row-{i}").display = i < len(names)
                if i < len(names):
                    self.query_one(f"#psfs-label-{i}", Label).update(shown(names[i]))
            self.query_one("#psfs-rate-0", Field).focus()
        self._show_score()

    def _ratings(self) -> tuple[list[int | None], tuple[str, str] | None]:
        """The ratings typed so far, and the first problem as (field id, message)."""
        out: list[int | None] = []
        problem = None
        for i in range(len(self.new_items or self.items)):
            try:
                out.append(parse_score(self.value_of(f"psfs-rate-{i}"), what=f"rating {i + 1}"))
            except InvalidValue as exc:
                out.append(None)
                problem = problem or (f"psfs-rate-{i}", exc.message)
        return out, problem

    def _show_score(self) -> None:
        line = self.query_one("#psfs-score", Static)
        if self.naming:
            line.update("")
            return
        ratings, _ = self._ratings()
        if any(r is None for r in ratings):
            first = f"; first {self.scores[0][1]:.1f} ({self.scores[0][0]})" if self.scores else ""
            line.update(f"Mean: rate every activity{first}")
            return
        mean = psfs_score([r for r in ratings if r is not None])
        text = f"Mean {mean:.1f} / 10"
        if self.scores and self.new_items is None:
            first_date, first = self.scores[0]
            text += f" · first {first:.1f} ({first_date}) · {psfs_change(first, mean)}"
        else:
            text += " · your first check-in with these activities"
        line.update(text)

    def on_input_changed(self, event: Field.Changed) -> None:
        if (event.input.id or "").startswith("psfs-rate"):
            self._show_score()

    def action_rename(self) -> None:
        self.naming = True
        self._show_phase()

    def action_save(self) -> None:
        if self.naming:
            names = [self.value_of(f"psfs-name-{i}") for i in range(PSFS_MAX_ITEMS)]
            names = [n for n in names if n]
            problem = psfs_items_problem(names)
            if problem:
                empty = next(
                    (
                        f"psfs-name-{i}"
                        for i in range(PSFS_MAX_ITEMS)
                        if not self.value_of(f"psfs-name-{i}")
                    ),
                    "psfs-name-0",
                )
                self.refuse(empty, problem)
                return
            if names != self.items:
                self.new_items = names
            self.naming = False
            self.query_one("#form-error", Static).update("")
            self._show_phase()
            return
        ratings, problem = self._ratings()
        if problem:
            self.refuse(*problem)
            return
        missing = next((i for i, r in enumerate(ratings) if r is None), None)
        if missing is not None:
            self.refuse(f"psfs-rate-{missing}", f"rate activity {missing + 1} (0-10)")
            return
        self.dismiss(PsfsEntry(self.new_items, [r for r in ratings if r is not None]))
