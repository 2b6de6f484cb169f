"""Today's other activity and clinical record: the keys, actions and handlers (issues #17, #20).

A mixin beside :mod:`today_view` and :mod:`day_nav`, so that the Today screen grows by a few
hooks, not by a section: adding and removing activities (saved with the day), the clinical
panel's read (a worker after the day is shown), the factors (written at once), and the dialogs
for treatments, appointments, the PSFS and the factor list. Each dialog returns what the user
entered; the work is done here, through ``journal.clinical``, in a worker.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Callable

from textual import work
from textual.binding import Binding
from textual.markup import escape

from backjournal.domain.clinical import Factor, FlareUp
from backjournal.domain.models import ValidationError
from backjournal.domain.safe_text import shown
from backjournal.store import JournalError
from backjournal.tui.dialogs.confirm import ConfirmDialog
from backjournal.tui.widgets.activity_row import ActivityList, ActivityRow
from backjournal.tui.widgets.clinical_panel import (
    ClinicalPanel,
    ClinicalView,
    FactorRow,
    read_clinical,
)

# Letters work where the focus is not in a field (Escape leaves one), as the number keys do; the
# footer has no room for them at 80 columns: the panel's last line and the palette name them.
CLINICAL_BINDINGS = [
    Binding(  # priority, as ctrl+n: the keys typed next reach the new row (see TodayScreen)
        "ctrl+r",
        "add_activity",
        "Add activity",
        tooltip="A walk, ride, swim...",
        show=False,
        priority=True,
    ),
    Binding("t", "log_treatment", "Treatment", tooltip="Log a dose, course or session", show=False),
    Binding("a", "add_appointment", "Appointment", tooltip="Record an appointment", show=False),
    Binding("f", "flare", "Flare-up", tooltip="Start or end a flare-up", show=False),
    Binding("p", "psfs", "PSFS", tooltip="Patient-Specific Functional Scale", show=False),
    Binding("e", "edit_factors", "Factors", tooltip="Your own daily factors", show=False),
    Binding(
        "ctrl+f", "focus_factors", "Factors", tooltip="Answer your factors: 1-9, 0", show=False
    ),
]


def _first_error(exc: ValidationError) -> str:
    return "; ".join(exc.errors.values())


class TodayClinical:
    """The Today screen's other activity and clinical record (mixed into TodayScreen)."""

    date: dt.date
    _clinical: ClinicalView | None = None

    # --- other activity --------------------------------------------------------------------------

    @property
    def activity_list(self) -> ActivityList:
        return self.query_one("#activities", ActivityList)  # type: ignore[attr-defined]

    async def action_add_activity(self) -> None:
        """Add a row for a walk, ride, swim or session; the sport takes the focus."""
        row = await self.activity_list.add()
        self.set_focus(row.sport)  # at once: the next key is already queued
        self._update_header_and_totals()  # type: ignore[attr-defined]
        self._refresh_dirty()  # type: ignore[attr-defined]

    async def on_activity_row_remove_requested(self, message: ActivityRow.RemoveRequested) -> None:
        row = message.row
        if row.activity_id is None:
            await self._remove_activity(row)
            return
        values = row.values()

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._remove_activity(row)

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmDialog(
                f"Remove the {values['sport']} of {values['duration'] or '?'} min from this "
                "day? It goes when the day is saved.",
                yes="Remove",
            ),
            answered,
        )

    async def _remove_activity(self, row: ActivityRow) -> None:
        await self.activity_list.remove_row(row)
        self._update_header_and_totals()  # type: ignore[attr-defined]
        self._refresh_dirty()  # type: ignore[attr-defined]

    # --- the clinical panel ----------------------------------------------------------------------

    def load_clinical(self, day: dt.date) -> None:
        """Read the day's clinical lines after the first paint."""
        self.call_after_refresh(self._read_clinical, day)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="today-clinical")
    def _read_clinical(self, day: dt.date) -> None:
        settings = self.app.settings  # type: ignore[attr-defined]
        try:
            view = read_clinical(
                self.app.journal,  # type: ignore[attr-defined]
                day,
                settings.week_start,
                settings.units,
                self.app.today(),  # type: ignore[attr-defined]
            )
        except JournalError:
            view = None
        self.app.call_from_thread(self._show_clinical, day, view)  # type: ignore[attr-defined]

    def _show_clinical(self, day: dt.date, view: ClinicalView | None) -> None:
        if day != self.date:
            return
        self._clinical = view
        self.query_one("#clinical", ClinicalPanel).show_view(view)  # type: ignore[attr-defined]
        row = self.query_one("#factors", FactorRow)  # type: ignore[attr-defined]
        row.load(view.factors if view else [], view.values if view else {})

    def _clinical_done(self, message: str) -> None:
        """A clinical write went through: say so, and show the day's lines again."""
        self.notify(message, timeout=4)  # type: ignore[attr-defined]
        self.app.journal_changed(self)  # type: ignore[attr-defined]
        self._read_clinical(self.date)

    def _clinical_write(self, write: Callable[[], str], title: str = "Not saved") -> None:
        """Run ``write`` (a journal call returning what to say) in a worker, after the writes
        asked for before it: "1" then "0" on a 0-10 factor writes 1, then 10, in that order."""
        if not hasattr(self, "_write_lock"):
            self._write_lock = threading.Lock()
            self._writes: deque[tuple[Callable[[], str], str]] = deque()
            self._draining = False
        with self._write_lock:
            self._writes.append((write, title))
            if self._draining:
                return
            self._draining = True
        self.run_worker(self._drain_writes, thread=True, group="today-clinical-write")  # type: ignore[attr-defined]

    def _drain_writes(self) -> None:
        while True:
            with self._write_lock:
                if not self._writes:
                    self._draining = False
                    return
                write, title = self._writes.popleft()
            try:
                message = write()
            except ValidationError as exc:
                self.app.call_from_thread(  # type: ignore[attr-defined]
                    self.notify,  # type: ignore[attr-defined]
                    _first_error(exc),
                    title=title,
                    severity="error",
                )
                continue
            except JournalError as exc:
                self.app.call_from_thread(  # type: ignore[attr-defined]
                    self.notify,  # type: ignore[attr-defined]
                    str(exc),
                    title=title,
                    severity="error",
                )
                continue
            self.app.call_from_thread(self._clinical_done, message)  # type: ignore[attr-defined]

    def action_focus_factors(self) -> None:
        """Put the focus on the factors, where a number answers one."""
        row = self.query_one("#factors", FactorRow)  # type: ignore[attr-defined]
        if row.factors:
            row.focus()
            row.scroll_visible()
        else:
            self.action_edit_factors()

    # Named, not @on(...): Textual collects decorated handlers from its own classes only.
    def on_factor_row_changed(self, event: FactorRow.Changed) -> None:
        journal, today, date = self.app.journal, self.app.today(), self.date.isoformat()  # type: ignore[attr-defined]
        factor, value = event.factor, event.value

        def write() -> str:
            journal.clinical.set_factor(date, factor, value, today)
            said = "cleared" if value is None else str(value)
            if factor.kind == "yes-no" and value is not None:
                said = "yes" if value else "no"
            return f"{shown(factor.name)}: {said}"

        self._clinical_write(write)

    # --- flare-ups ------------------------------------------------------------------------------

    def action_flare(self) -> None:
        """Start a flare-up on the day shown, or end the open one (after asking)."""
        journal, today, date = self.app.journal, self.app.today(), self.date.isoformat()  # type: ignore[attr-defined]
        flare = self._clinical.record.flare if self._clinical else None
        if flare is None:

            def start() -> str:
                journal.clinical.start_flare(FlareUp(date), today)
                return f"Flare-up started on {date}: f ends it"

            self._clinical_write(start)
            return
        if flare.end is not None:
            self.notify(f"The flare-up of {flare.start} ended on {flare.end}", timeout=4)  # type: ignore[attr-defined]
            return

        def end() -> str:
            journal.clinical.end_flare(flare.id, date, today)  # type: ignore[arg-type]
            return f"Flare-up of {flare.start} ended on {date}"

        def answered(yes: bool | None) -> None:
            if yes:
                self._clinical_write(end)

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmDialog(
                f"End the flare-up that began on {flare.start}? Its last day: {date}.",
                yes="End it",
                no="Not yet",
            ),
            answered,
        )

    # --- dialogs ---------------------------------------------------------------------------------

    def action_log_treatment(self) -> None:
        """Log a dose, a course or a session (names complete from the journal)."""
        from backjournal.tui.dialogs.treatment import TreatmentDialog, TreatmentEntry

        journal, today = self.app.journal, self.app.today()  # type: ignore[attr-defined]

        def answered(entry: TreatmentEntry | None) -> None:
            if entry is None:
                return
            name = shown(entry.treatment.name)
            if entry.end_course:
                self._confirm_end_course(entry)
                return

            def write() -> str:
                if entry.took:
                    journal.clinical.took(entry.treatment.name, entry.dose, entry.date, today)
                    return f"Took {name} on {entry.date}"
                journal.clinical.add_treatment(entry.treatment, today)
                return f"Added {name} from {entry.treatment.start}"

            self._clinical_write(write)

        names = journal.clinical.treatment_names()
        courses = self._clinical.record.treatments if self._clinical else []
        dialog = TreatmentDialog(self.date, today, names, courses)
        self.app.push_screen(dialog, answered)  # type: ignore[attr-defined]

    def _confirm_end_course(self, entry) -> None:
        """Ask before ending a course (its last day as chosen), then end it in a worker; the
        store refuses an end before the start, said on the notice."""
        journal, today = self.app.journal, self.app.today()  # type: ignore[attr-defined]
        course, end = entry.treatment, entry.date
        name = shown(course.name)

        def write() -> str:
            journal.clinical.end_treatment(course.id, end, today)
            return f"{name}: course ended, last day {end}"

        def answered(yes: bool | None) -> None:
            if yes:
                self._clinical_write(write, title="Not ended")

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmDialog(
                f"End the course of {escape(name)} that began on {course.start}? "
                f"Its last day: {end}.",
                yes="End it",
                no="Not yet",
            ),
            answered,
        )

    def action_add_appointment(self) -> None:
        """Record an appointment; its instructions the journal understands become rules."""
        from backjournal.tui.dialogs.appointment import AppointmentDialog, AppointmentEntry

        journal, today = self.app.journal, self.app.today()  # type: ignore[attr-defined]

        def answered(entry: AppointmentEntry | None) -> None:
            if entry is None:
                return

            def write() -> str:
                added = journal.clinical.add_appointment(
                    entry.appointment, entry.rules, today, entry.exercises
                )
                rules = len(entry.rules)
                said = f", {rules} rule{'' if rules == 1 else 's'} in the plan" if rules else ""
                changes = journal.clinical.given_at(added.id) if entry.exercises else []
                lines = "".join(f"\n{shown(c.change())}" for c in changes)
                return f"Appointment of {entry.appointment.date} recorded{said}{lines}"

            self._clinical_write(write)

        dialog = AppointmentDialog(self.date, today, self.app.settings.units)  # type: ignore[attr-defined]
        self.app.push_screen(dialog, answered)  # type: ignore[attr-defined]

    def delete_appointment(self, appointment_id: int, label: str) -> None:
        """Delete an appointment recorded by mistake (from the palette), after asking: its rules
        go with it; the exercises it gave stay in the programme."""
        from backjournal.tui.dialogs.confirm import ConfirmDialog

        journal = self.app.journal  # type: ignore[attr-defined]

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def write() -> str:
                _, rules = journal.clinical.delete_appointment(appointment_id)
                went = f" and its {rules} rule{'' if rules == 1 else 's'}" if rules else ""
                return f"Deleted the appointment of {label}{went}"

            self._clinical_write(write, title="Not deleted")

        question = (
            f"Delete the appointment of {label} and the rules it set? "
            "The exercises it gave stay in your programme."
        )
        self.app.push_screen(ConfirmDialog(question), answered)  # type: ignore[attr-defined]

    def action_psfs(self) -> None:
        """The PSFS check-in: name the activities once, then rate each."""
        from backjournal.tui.dialogs.psfs import PsfsDialog, PsfsEntry

        journal, today, date = self.app.journal, self.app.today(), self.date.isoformat()  # type: ignore[attr-defined]

        def answered(entry: PsfsEntry | None) -> None:
            if entry is None:
                return

            def write() -> str:
                if entry.items is not None:
                    journal.clinical.set_psfs_items(entry.items, date)
                if entry.ratings is None:
                    return "PSFS activities saved"
                score = journal.clinical.record_psfs(date, entry.ratings, today)
                return f"PSFS {date}: {score:.1f} / 10"

            self._clinical_write(write)

        dialog = PsfsDialog(journal.clinical.psfs_items(), journal.clinical.psfs_scores())
        self.app.push_screen(dialog, answered)  # type: ignore[attr-defined]

    def action_edit_factors(self) -> None:
        """Add factors (up to 10, yes/no or 0-10)."""
        from backjournal.tui.dialogs.factors import FactorsDialog

        journal = self.app.journal  # type: ignore[attr-defined]

        def answered(new: list[Factor] | None) -> None:
            if not new:
                return

            def write() -> str:
                for factor in new:
                    journal.clinical.add_factor(factor)
                return "Added " + ", ".join(shown(f.name) for f in new)

            self._clinical_write(write)

        self.app.push_screen(FactorsDialog(journal.clinical.factors()), answered)  # type: ignore[attr-defined]
