"""The safety dialogs: "When to get help" (the safety-net card), recording an outcome for an
active red flag, and the profile (risk factors and year of birth).

Typed modals: each returns its answer with ``dismiss`` and the caller does the work. Their words
come from :mod:`backjournal.domain.safety_words`, as everywhere else; user text is shown through
``shown()`` and never parsed as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from backjournal.domain import safety_words as words
from backjournal.domain.flags import (
    PROFILE_FACTORS,
    ActiveFlag,
    Outcome,
    Profile,
    birth_year_problem,
    outcome_problem,
)
from backjournal.domain.parse import InvalidValue, parse_date
from backjournal.tui.widgets.choice import ChoiceCycle
from backjournal.tui.widgets.fields import Field

TIER1_SIGNS = ("saddle", "bladder", "sexual", "both-legs", "weakness-worse")
TIER2_SIGNS = ("fever", "night", "thoracic", "trauma", "weakness", "severe-pain")


class HelpCard(ModalScreen[None]):
    """When to get help: both tiers and what to do. Needs no data; any of Escape, q or f1
    closes it."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [Binding("escape,q,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="safety-dialog", id="help-card"):
            yield Label(words.HELP_TITLE, classes="question")
            with VerticalScroll(id="help-scroll"):
                with Vertical(id="help-tier1"):
                    yield Static(
                        f"!! {words.TIER1_TITLE.upper()} !!", classes="tier-title", markup=False
                    )
                    yield Static(
                        "Any one of:\n"
                        + "\n".join(f"• {words.SIGN_TEXT[c]}" for c in TIER1_SIGNS)
                        + f"\n{words.TIER1_MESSAGE}\n({words.SOURCE_TIER1})",
                        markup=False,
                    )
                with Vertical(id="help-tier2"):
                    yield Static(
                        f"{words.TIER2_TITLE}, sooner if worse", classes="tier-title", markup=False
                    )
                    yield Static(
                        "\n".join(f"• {words.SIGN_TEXT[c]}" for c in TIER2_SIGNS)
                        + "\n• risk factors: cancer, long-term steroids, immunosuppression or IV "
                        "drug use, osteoporosis, back pain that began before 20 or after 50"
                        + f"\n{words.TIER2_MESSAGE}\n({words.SOURCE_TIER2}; severe pain on 2 "
                        f"days running: {words.SOURCE_ARTICLE})",
                        markup=False,
                    )
            yield Static(
                "backjournal records and points to help; it cannot tell what causes your "
                f"symptoms. {words.GUIDANCE}",
                classes="hint",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Close (Esc)", variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class OutcomeDialog(ModalScreen["Outcome | None"]):
    """Record what happened to an active flag: "seen by a clinician" (date, what they said, an
    optional "no running until") or "resolved" (date). Returns the checked Outcome, or None."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, active: list[ActiveFlag], today: dt.date):
        super().__init__()
        self.active = active
        self.today = today

    def compose(self) -> ComposeResult:
        codes = tuple(f.code for f in self.active)
        with Vertical(classes="safety-dialog", id="outcome-card"):
            yield Label("Record an outcome for a red flag", classes="question")
            yield Static("", id="outcome-flag", markup=False)
            with Horizontal(classes="form-line"):
                yield Label("Flag")
                yield ChoiceCycle(codes, codes[0], tooltip="Left/Right: the flag")
            with Horizontal(classes="form-line"):
                yield Label("Outcome")
                yield ChoiceCycle(
                    ("seen", "resolved"), "seen", tooltip="seen by a clinician, or resolved"
                )
            with Horizontal(classes="form-line"):
                yield Label("Date")
                yield Field("today", id="outcome-date", placeholder="YYYY-MM-DD, today, -2")
            with Horizontal(classes="form-line"):
                yield Label("What they said")
                yield Field(id="outcome-note", placeholder="optional", max_length=500)
            with Horizontal(classes="form-line"):
                yield Label("No running until")
                yield Field(id="outcome-until", placeholder="optional date, if they said so")
            yield Static("", id="outcome-error", classes="error-line", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self._show_flag()
        self.query(ChoiceCycle).first().focus()

    def on_choice_cycle_changed(self, event: ChoiceCycle.Changed) -> None:
        self._show_flag()

    def _show_flag(self) -> None:
        code = self.query(ChoiceCycle).first().value
        flag = next(f for f in self.active if f.code == code)
        self.query_one("#outcome-flag", Static).update(
            words.sign_line(flag.code, flag.since, flag.worse_than)
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        choices = list(self.query(ChoiceCycle))
        code, kind = choices[0].value, choices[1].value
        error = self.query_one("#outcome-error", Static)
        try:
            day = parse_date(
                self.query_one("#outcome-date", Field).value, self.today, allow_future=True
            )
            until_text = self.query_one("#outcome-until", Field).value.strip()
            until = parse_date(until_text, self.today, allow_future=True) if until_text else None
        except InvalidValue as exc:
            error.update(f"Not saved: {exc}")
            return
        outcome = Outcome(
            code,
            day.isoformat(),
            kind,
            self.query_one("#outcome-note", Field).value.strip(),
            until.isoformat() if until else None,
        )
        problem = outcome_problem(outcome, self.active, self.today)
        if problem:
            error.update(f"Not saved: {problem}")
            return
        self.dismiss(outcome)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ProfileAnswers:
    """What the profile dialog returns: each risk factor (None: not answered) and the year."""

    factors: dict[str, bool | None]
    birth_year: int | None


_ANSWER_WORDS = {True: "yes", False: "no", None: "skip"}
_WORD_ANSWERS = {v: k for k, v in _ANSWER_WORDS.items()}


class ProfileDialog(ModalScreen["ProfileAnswers | None"]):
    """The profile: risk factors and the year of birth, each skippable. Returns the answers, or
    None when the whole dialog is skipped."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Skip"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, profile: Profile, today: dt.date):
        super().__init__()
        self.profile = profile
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="safety-dialog", id="profile-card"):
            yield Label("Your profile", classes="question")
            yield Static(words.PROFILE_INTRO, classes="hint", markup=False)
            for factor in PROFILE_FACTORS:
                with Horizontal(classes="form-line"):
                    yield Static(words.PROFILE_QUESTIONS[factor], markup=False)
                    yield ChoiceCycle(
                        ("skip", "yes", "no"),
                        _ANSWER_WORDS[self.profile.factors.get(factor)],
                        classes=f"factor-{factor}",
                        tooltip="Left/Right: yes, no or skip",
                    )
            with Horizontal(classes="form-line"):
                yield Static(words.PROFILE_QUESTIONS["birth_year"], markup=False)
                year = self.profile.birth_year
                yield Field(str(year) if year else "", id="profile-year", placeholder="e.g. 1978")
            yield Static("", id="profile-error", classes="error-line", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Skip (Esc)", id="skip")

    def on_mount(self) -> None:
        self.query(ChoiceCycle).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        factors = {
            factor: _WORD_ANSWERS[self.query_one(f".factor-{factor}", ChoiceCycle).value]
            for factor in PROFILE_FACTORS
        }
        text = self.query_one("#profile-year", Field).value.strip()
        year = None
        if text:
            problem = None
            try:
                year = int(text)
            except ValueError:
                problem = f"'{text}' is not a year (e.g. 1978)"
            if problem is None:
                problem = birth_year_problem(year, self.today)
            if problem:
                self.query_one("#profile-error", Static).update(f"Not saved: {problem}")
                return
        self.dismiss(ProfileAnswers(factors, year))

    def action_cancel(self) -> None:
        self.dismiss(None)
