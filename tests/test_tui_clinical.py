"""The clinical record on Today, driven with Pilot: the panel's lines, the flare-up question,
the factors, and the treatment, appointment, PSFS and factor dialogs (keys and the mouse)."""

from __future__ import annotations

import datetime as dt

from uikit import TODAY, build_app, settle

from backjournal.domain.clinical import Factor, Treatment
from backjournal.domain.models import DayEntry
from backjournal.store import Journal
from backjournal.tui.widgets.clinical_panel import ClinicalPanel, FactorRow

DAY = TODAY.isoformat()


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def panel_text(app) -> str:
    panel = app.screen.query_one("#clinical", ClinicalPanel)
    return str(panel.render()) if panel.display else ""


def rising_pain(journal: Journal) -> None:
    """Waking pain 2 for a week, then 4 yesterday and 5 today: baseline 2, up 2+ two days."""
    for n, score in [(8, 2), (7, 2), (6, 2), (5, 2), (4, 2), (3, 2), (2, 2), (1, 4), (0, 5)]:
        journal.save_day(DayEntry(ago(n), back_wake=score), TODAY)


async def test_one_key_starts_a_flare_up_and_ending_it_asks(db_path):
    """ "Is this a flare-up?" after two days 2+ over the baseline; f starts one on the day, and
    f again asks before it ends it."""
    with Journal.open(db_path) as journal:
        rising_pain(journal)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Is this a flare-up?" in panel_text(app)
        app.set_focus(None)
        await pilot.press("f")
        await settle(pilot)
        assert [(f.start, f.end) for f in app.journal.clinical.flare_ups()] == [(DAY, None)]
        assert "Flare-up  since Wed 25 Nov (day 1)" in panel_text(app)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("n")  # not yet
        await settle(pilot)
        assert app.journal.clinical.flare_ups()[0].end is None
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.journal.clinical.flare_ups()[0].end == DAY
    app.journal.close()


async def test_the_plan_treatments_and_next_appointment_show_on_today(db_path):
    """The plan's rules in force (red, then the limit), the course running, the dose taken and
    the next appointment, each on the panel."""
    from backjournal.domain.clinical import Appointment, PlanRule

    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(DAY, back_wake=2), TODAY)
        c = journal.clinical
        c.add_treatment(
            Treatment("Naproxen", "medication", "course", ago(3), None, "500 mg"), TODAY
        )
        c.took("ibuprofen", "400 mg", DAY, TODAY)
        rules = [
            PlanRule("no-running-until", ago(2), "2026-11-28", "no running until 2026-11-28"),
            PlanRule("max-distance-per-run", ago(2), 5000.0, "at most 5 km per run"),
        ]
        c.add_appointment(Appointment(ago(2), "physio", next_date="2026-12-01"), rules, TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = panel_text(app)
    app.journal.close()
    assert "No running until 2026-11-28 (your clinician's plan)" in text
    assert "Keep to at most 5 km per run (your clinician's plan)" in text
    assert "next appointment Tue 1 Dec" in text
    assert "Naproxen 500 mg (since Sun 22 Nov)" in text
    assert "took ibuprofen 400 mg" in text


async def test_factors_take_one_key_each_and_are_written_at_once(db_path):
    """ctrl+f, then 1 flips a yes/no factor, 2 then 7 sets a 0-10 one, 1 again says no."""
    with Journal.open(db_path) as journal:
        journal.clinical.add_factor(Factor("long drive"))
        journal.clinical.add_factor(Factor("stress", "scale"))
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", "1", "2", "7")
        await settle(pilot)
        ids = {f.name: f.id for f in app.journal.clinical.factors()}
        values = app.journal.clinical.factor_values(DAY)
        assert values == {ids["long drive"]: 1, ids["stress"]: 7}
        await pilot.press("2", "1", "0", "1")
        await settle(pilot)
        values = app.journal.clinical.factor_values(DAY)
        assert values == {ids["long drive"]: 0, ids["stress"]: 10}
    app.journal.close()


async def test_a_factor_clicked_with_the_mouse_is_answered(db_path):
    """A click on a yes/no factor ticks it."""
    with Journal.open(db_path) as journal:
        journal.clinical.add_factor(Factor("sat over 6 h"))
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = app.screen.query_one("#factors", FactorRow)
        row.scroll_visible(animate=False)
        await settle(pilot)
        await pilot.click(row, offset=(4, 1))
        await settle(pilot)
        factor = app.journal.clinical.factors()[0]
        assert app.journal.clinical.factor_values(DAY) == {factor.id: 1}
    app.journal.close()


async def test_the_treatment_dialog_completes_names_and_logs_a_dose(db_path):
    """t opens it; "nap" completes to the journal's "Naproxen" with →; a dose is recorded."""
    with Journal.open(db_path) as journal:
        journal.clinical.add_treatment(
            Treatment("Naproxen", "medication", "as-needed", ago(5)), TODAY
        )
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"nap", "right", "tab", *"500 mg", "ctrl+s")
        await settle(pilot)
        assert app.journal.clinical.day(DAY).doses == [("Naproxen", "500 mg")]
    app.journal.close()


async def test_a_course_ending_before_it_starts_is_named_and_not_stored(db_path):
    """A course from today until yesterday: the end is named at its field, nothing stored."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one(".tr-mode").choose("course")
        await pilot.press(*"Naproxen", "tab", *"500 mg", "tab", "tab", *"-1", "ctrl+s")
        await settle(pilot)
        error = str(dialog.query_one("#form-error").render())
        assert "ends (2026-11-24) before it starts (2026-11-25)" in error
        assert dialog.query_one("#tr-end").has_class("-error")
        assert app.journal.clinical.treatments() == []
    app.journal.close()


async def test_the_appointment_dialog_shows_which_instructions_become_rules(db_path):
    """Instructions one per line: two understood (shown as rules), one kept as said; saved
    with the appointment and the next date."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await pilot.press(*"physio", "tab", *"keep moving", "tab")
        text = "no running until 2026-12-01\nat most 3 runs a week\nice after runs"
        dialog.query_one("#ap-instructions").text = text
        await settle(pilot)
        shown = str(dialog.query_one("#ap-rules").render())
        assert "rule: no running until 2026-12-01" in shown
        assert "rule: at most 3 runs a week" in shown
        assert "kept as said: ice after runs" in shown
        dialog.query_one("#ap-next").value = "2026-12-02"
        await pilot.press("ctrl+s")
        await settle(pilot)
        kinds = sorted(r.kind for r in app.journal.clinical.rules())
        [appointment] = app.journal.clinical.appointments()
    app.journal.close()
    assert kinds == ["max-runs-per-week", "no-running-until"]
    assert (appointment.who, appointment.next_date) == ("physio", "2026-12-02")


async def test_an_instruction_dated_before_its_appointment_is_refused(db_path):
    """'no running until' a date before the appointment: named, and nothing stored."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#ap-instructions").text = "no running until 2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "is not after the appointment" in str(dialog.query_one("#form-error").render())
        assert app.journal.clinical.appointments() == []
    app.journal.close()


async def test_psfs_names_activities_once_then_rates_them_against_the_first(db_path):
    """Two names are refused (3-5 needed); three are kept, rated, and the next check-in shows
    the change from the first."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        await pilot.press(*"run 10 km", "tab", *"sit 1 h", "ctrl+s")
        assert "not 2" in str(dialog.query_one("#form-error").render())
        dialog.query_one("#psfs-name-2").value = "lift a child"
        await pilot.press("ctrl+s")
        await pilot.press("2", "tab", "4", "tab", "3", "ctrl+s")
        await settle(pilot)
        assert app.journal.clinical.psfs_items() == ["run 10 km", "sit 1 h", "lift a child"]
        assert app.journal.clinical.psfs_scores() == [(DAY, 3.0)]
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("6", "tab", "5", "tab", "4")
        line = str(dialog.query_one("#psfs-score").render())
        assert "Mean 5.0 / 10 · first 3.0 (2026-11-25) · +2.0 since the first" in line
        assert "meaningful change" in line
    app.journal.close()


async def test_the_factors_editor_adds_and_refuses_a_name_twice(db_path):
    """e opens the editor; a yes/no and a 0-10 factor are added; 'Long drive' again is refused
    at the field."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        await pilot.press(*"long drive", "enter")
        dialog.query_one(".factor-kind").choose("0-10")
        dialog.query_one("#factor-name").focus()
        await pilot.press(*"stress", "enter", *"Long drive", "enter")
        assert "exists already" in str(dialog.query_one("#form-error").render())
        await pilot.press("ctrl+a", "ctrl+k", "ctrl+s")
        await settle(pilot)
        found = [(f.name, f.kind) for f in app.journal.clinical.factors()]
        assert found == [("long drive", "yes-no"), ("stress", "scale")]
        assert app.screen.query_one("#factors", FactorRow).display
    app.journal.close()


async def test_the_palette_finds_every_new_action_on_today(db_path):
    """The command palette lists adding an activity and each clinical action, with its key."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
    app.journal.close()
    assert "(ctrl+r)" in commands["Add activity"]
    for title, key in (
        ("Log a treatment", "(t)"),
        ("Record an appointment", "(a)"),
        ("Flare-up: start or end", "(f)"),
        ("PSFS check-in", "(p)"),
        ("Your factors: add", "(e)"),
        ("Your factors: answer", "(ctrl+f)"),
    ):
        assert key in commands[title]


def test_the_panel_offers_to_end_a_flare_up_once_settled():
    """An open flare-up with settled_prompt true reads "end it? (f)"; without, "f ends it"."""
    from backjournal.domain.clinical import ClinicalDay, FlareUp
    from backjournal.tui.widgets.clinical_panel import ClinicalView, clinical_text

    record = ClinicalDay(flare=FlareUp("2026-11-18", note="after the drive"))
    settled = clinical_text(ClinicalView(TODAY, record, settled=True)).plain
    assert "Flare-up  since Wed 18 Nov (day 8) · after the drive" in settled
    assert "3 days back at your baseline waking pain: end it? (f)" in settled
    open_one = clinical_text(ClinicalView(TODAY, record)).plain
    assert "f ends it" in open_one and "end it?" not in open_one
    assert clinical_text(ClinicalView(TODAY, ClinicalDay())).plain == ""


async def test_a_running_course_is_ended_from_the_treatment_dialog(db_path):
    """t, "end a course": the running course is offered; a last day before its start is named at
    the field; "-3" (three days ago) is asked about, and "End it" stores it."""
    with Journal.open(db_path) as journal:
        journal.clinical.add_treatment(Treatment("Naproxen", start=ago(10)), TODAY)
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one(".tr-mode").choose("end a course")
        await settle(pilot)
        assert dialog.query_one(".tr-course").value == f"Naproxen from {ago(10)}"
        assert not dialog.query_one("#tr-name-row").display
        date = dialog.query_one("#tr-date")
        date.value = "-11"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(dialog.query_one("#form-error").render()) == (
            f"The course ends ({ago(11)}) before it starts ({ago(10)})"
        )
        date.value = "-3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(app.screen.query_one(".question").render()) == (
            f"End the course of Naproxen that began on {ago(10)}? Its last day: {ago(3)}."
        )
        await pilot.press("y")
        await settle(pilot)
        [course] = app.journal.clinical.treatments()
        assert course.end == ago(3)
    app.journal.close()


def test_a_past_day_s_panel_speaks_of_that_day(db_path):
    """Today's panel on a past day: "A run the day before Mon 23 Nov 2026", not "You ran
    yesterday" (issue #13: a past day speaks of that day); the same day as today says it so."""
    from backjournal.domain.clinical import Appointment, PlanRule
    from backjournal.domain.models import Run
    from backjournal.tui.widgets.clinical_panel import read_clinical

    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(ago(3), runs=[Run(5000)]), TODAY)
        rule = PlanRule("no-consecutive-days", ago(10), None, "no runs on consecutive days")
        journal.clinical.add_appointment(Appointment(ago(10), "physio"), [rule], TODAY)
        past = read_clinical(journal, TODAY - dt.timedelta(days=2), "monday", "km", TODAY)
        same = read_clinical(journal, TODAY - dt.timedelta(days=2), "monday", "km")
    assert [c.text for c in past.checks] == [
        "A run the day before Mon 23 Nov 2026: no runs on consecutive days (your clinician's plan)"
    ]
    assert [c.text for c in same.checks] == [
        "You ran yesterday: no runs on consecutive days (your clinician's plan)"
    ]
