"""Scenes: a screen in a state worth showing, on the seeded demo journal with today frozen.

``python -m screenshots`` saves each scene as an SVG in this folder; ``tests/test_snapshots.py``
compares each scene with its stored snapshot, so every screenshot is also a tested screen.
The journal lives at platformdirs' default place under a temporary HOME, so that paths shown on
screen read as a real user's (``~/.local/share/backjournal/journal.db``) and never vary.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

TODAY = dt.date(2026, 11, 25)
DEMO_SEED = 7


@dataclass(frozen=True)
class Scene:
    """One screenshot: a name, a terminal size, and what to do before taking it."""

    name: str
    title: str
    size: tuple[int, int]
    run_before: Callable[[Pilot], Awaitable[None]]
    demo: bool = True
    # False for a screenshot whose drawing is not repeatable enough to compare cell by cell
    # (none today: Trends' tick labels used to move a column from process to process, with the
    # hash seed; backjournal.charts.stable fixed that).
    snapshot: bool = True
    # Writes what the scene needs beyond the demo (or a blank journal), given the journal's path.
    setup: Callable[[Path], None] | None = None


async def settle(pilot: Pilot) -> None:
    """Wait for the workers and the screen to finish."""
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


async def today(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


async def yesterday(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("pageup")
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


async def today_editing(pilot: Pilot) -> None:
    await settle(pilot)
    screen = pilot.app.screen
    screen.query_one("#pain").set_value("back_after", 4)
    screen.query_one("#note").value = "stiff after the long run; did the bridges"
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


async def today_errors(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("ctrl+n", *"abc", "tab", *"5:99")
    screen = pilot.app.screen
    screen.query_one("#pain").focus()
    await pilot.press("1", "1")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def history(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    await pilot.press("down", "down")
    await pilot.pause()


async def history_delete(pilot: Pilot) -> None:
    await history(pilot)
    await pilot.press("d")
    await pilot.pause()


async def body_map_on(pilot: Pilot, date: str) -> None:
    await settle(pilot)
    await pilot.press("escape", "2")
    await settle(pilot)
    if date:
        await pilot.press("ctrl+g", *date, "enter")
        await settle(pilot)


async def body_map(pilot: Pilot) -> None:
    """The peak of the demo's leg-symptom episode: symptoms down to the calf."""
    await body_map_on(pilot, "2026-04-27")


async def body_map_empty(pilot: Pilot) -> None:
    await body_map_on(pilot, "")


async def body_map_compare(pilot: Pilot) -> None:
    """Two weeks later beside a week earlier: the symptoms have moved back up the leg."""
    await body_map_on(pilot, "2026-05-12")
    await pilot.press("c")
    await settle(pilot)


async def mark_dialog(pilot: Pilot) -> None:
    await body_map_on(pilot, "2026-04-27")
    await pilot.press("down", "down", "enter")
    await settle(pilot)


async def today_flagged(pilot: Pilot) -> None:
    """Today, two days after saddle numbness was ticked: the emergency banner, still there."""
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


def saddle_two_days_ago(path: Path) -> None:
    """Saddle numbness ticked two days ago (a Tier 1 sign), today's waking pain recorded."""
    from backjournal.domain.models import DayEntry
    from backjournal.store import Journal

    with Journal.open(path) as journal:
        day = (TODAY - dt.timedelta(days=2)).isoformat()
        journal.update_day(day, lambda e: setattr(e, "rf_saddle", True), TODAY)
        journal.save_day(DayEntry(TODAY.isoformat(), back_wake=2, leg_wake=1), TODAY)


def mornings(today_back: int, run: bool = False) -> Callable[[Path], None]:
    """A quiet week (waking back 2, leg 0) and this morning's back pain; a run today if asked
    (pain during it 3): Run today? in each of its states on a small journal."""

    def setup(path: Path) -> None:
        from backjournal.domain.models import DayEntry, Run
        from backjournal.store import Journal

        with Journal.open(path) as journal:
            for k in range(7, 0, -1):
                day = (TODAY - dt.timedelta(days=k)).isoformat()
                runs = [Run(6000.0)] if k % 2 else []
                journal.save_day(DayEntry(day, back_wake=2, leg_wake=0, runs=runs), TODAY)
            journal.save_day(
                DayEntry(
                    TODAY.isoformat(),
                    back_wake=today_back,
                    leg_wake=0,
                    back_during=3 if run else None,
                    runs=[Run(7000.0)] if run else [],
                ),
                TODAY,
            )

    return setup


async def help_card(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("f1")
    await settle(pilot)


async def profile(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.app.run_action("edit_profile")
    await settle(pilot)
    await pilot.press("right")  # cancer: yes
    await pilot.pause()


async def outcome_dialog(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)


async def history_export(pilot: Pilot) -> None:
    await history(pilot)
    await pilot.press("x")
    await settle(pilot)


async def trends_in(pilot: Pilot, presses: int) -> None:
    await settle(pilot)
    await pilot.press("escape", "4")
    for _ in range(presses + 1):
        for _ in range(50):
            await settle(pilot)
            if getattr(pilot.app.screen, "loaded", False):
                break
        if presses:
            presses -= 1
            await pilot.press("r")
    pilot.app.set_focus(None)
    await settle(pilot)


async def trends_12w(pilot: Pilot) -> None:
    await trends_in(pilot, 0)


async def trends_1y(pilot: Pilot) -> None:
    await trends_in(pilot, 1)


async def trends_all(pilot: Pilot) -> None:
    await trends_in(pilot, 2)


async def trends_4w(pilot: Pilot) -> None:
    await trends_in(pilot, 3)


async def today_readiness(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.pause(0.1)
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


async def settings(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("9")
    await settle(pilot)


def watch_folder(path: Path) -> None:
    """An import folder beside the journal: two runs and a damaged file."""
    import struct

    from backjournal.store import Journal
    from backjournal.store.import_folder import set_folder

    folder = path.parent / "GARMIN"
    folder.mkdir(parents=True, exist_ok=True)
    start = "2026-11-24T06:30:00Z"
    points = "".join(
        f'<trkpt lat="{45 + i * 0.0009:.4f}" lon="7.0"><time>2026-11-24T06:{30 + i:02d}:00Z'
        "</time></trkpt>"
        for i in range(26)
    )
    (folder / "morning.gpx").write_text(
        f'<gpx version="1.1"><metadata><time>{start}</time></metadata><trk><name>Easy</name>'
        f"<type>running</type><trkseg>{points}</trkseg></trk></gpx>"
    )
    (folder / "broken.fit").write_bytes(struct.pack("<BBHI4s", 14, 16, 0, 9, b".FIT"))
    with Journal.open(path) as journal:
        set_folder(journal, folder)


async def import_notice(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.pause()


async def odi(pilot: Pilot) -> None:
    from backjournal.tui.dialogs.odi import OdiDialog

    await settle(pilot)
    pilot.app.push_screen(OdiDialog())
    await pilot.pause()
    await pilot.press("2", "1", "s", "down", "down")  # two answered, one skipped, on Walking
    await pilot.pause()


async def exercises(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("escape", "3")
    await settle(pilot)
    await pilot.press("down")
    await pilot.pause()


async def programme_editor(pilot: Pilot) -> None:
    await exercises(pilot)
    await pilot.press("p")
    await settle(pilot)
    await pilot.press("down", "down")
    await pilot.pause()


def quiet_fortnight(path: Path) -> None:
    """A strengthening programme, then two quiet weeks with every exercise done."""
    from backjournal.domain.models import DayEntry
    from backjournal.store import Journal

    with Journal.open(path) as journal:
        journal.exercises.start(
            "strengthening", on=TODAY - dt.timedelta(days=40), why="pain settling", today=TODAY
        )
        for n in range(40, -1, -1):
            day = TODAY - dt.timedelta(days=n)
            pain = 1 if n < 16 else 3
            journal.save_day(DayEntry(day.isoformat(), back_wake=pain, leg_wake=0), TODAY)
            ids = [i.exercise.id for i in journal.exercises.checklist(day) if i.scheduled]
            if ids and (n < 16 or n % 3):
                journal.exercises.done(day, ids, today=TODAY)


def shared_journal(path: Path) -> None:
    """A journal from someone else: notes holding escape sequences (a window title, the
    clipboard, a screen clear, a right-to-left override) and markup, and a note stored as a
    BLOB (issue #12). (A day dated 2026-13-45 is refused on open since: test_hostile_journal.)"""
    import sqlite3

    from backjournal.domain.models import DayEntry, Run
    from backjournal.store import Journal

    with Journal.open(path) as journal:
        for n, note in enumerate(
            (
                "title \x1b]0;pwned\x1b\\ clipboard \x1b]52;c;cHduZWQ=\x07",
                "clear \x1b[2J and \x9b2J, reversed \u202eexe.txt",
                "markup [b]not bold[/b] [@click=app.quit]not a link[/]",
                "a note another program stored as bytes",
            )
        ):
            day = (TODAY - dt.timedelta(days=n + 1)).isoformat()
            journal.save_day(DayEntry(day, back_wake=n, note=note, runs=[Run(5000 + n)]), TODAY)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE day SET note = ? WHERE date = ?", (b"\xff\x00", "2026-11-21"))
    conn.close()


def runner_knee(path: Path) -> None:
    """Today's map: a low back ache, tingling down the back of the left thigh to the calf (nerve-
    like: counted) and an aching left knee (local pain: not counted)."""
    from backjournal.domain.symptoms import Mark
    from backjournal.store import Journal

    with Journal.open(path) as journal:
        journal.symptoms.save_marks(
            TODAY.isoformat(),
            [
                Mark("low-back", 3, ("ache",)),
                Mark("thigh-back-l", 3, ("shooting", "tingling")),
                Mark("calf-l", 2, ("tingling",)),
                Mark("knee-l", 4, ("ache",)),
            ],
            TODAY,
        )


async def body_map_counted(pilot: Pilot) -> None:
    """The aching knee selected: the panel says why it does not count."""
    await body_map_on(pilot, "")
    pilot.app.screen.query_one("#map").selected = "knee-l"
    await settle(pilot)


def steady_weeks(path: Path, weeks: int = 12) -> None:
    """``weeks`` alike up to today: long runs (16 km) on Monday and Saturday, after which back
    pain is 4 points higher the next morning; short runs (5 km) on Wednesday and Friday."""
    from backjournal.domain.models import DayEntry, Run
    from backjournal.store import Journal

    week = ((16, 2), (None, 6), (5, 2), (None, 2), (5, 2), (16, 2), (None, 6))
    first = TODAY - dt.timedelta(days=TODAY.weekday() + 7 * (weeks - 1))
    with Journal.open(path) as journal:
        for i in range((TODAY - first).days + 1):
            km, pain = week[i % 7]
            runs = [Run(km * 1000.0)] if km else []
            day = (first + dt.timedelta(days=i)).isoformat()
            journal.save_day(DayEntry(day, back_wake=pain, leg_wake=1, runs=runs), TODAY)


def three_weeks(path: Path) -> None:
    steady_weeks(path, 3)


def two_days(path: Path) -> None:
    """A journal begun yesterday: a run with a body map, and a morning's scores today."""
    from backjournal.domain.models import DayEntry, Run
    from backjournal.domain.symptoms import Mark
    from backjournal.store import Journal

    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    with Journal.open(path) as journal:
        journal.save_day(DayEntry(yesterday, back_wake=3, runs=[Run(6000.0, 2000)]), TODAY)
        journal.symptoms.save_marks(yesterday, [Mark("buttock-l", 3, ("tingling",))], TODAY)
        journal.save_day(DayEntry(TODAY.isoformat(), back_wake=2, leg_wake=1), TODAY)
        journal.symptoms.save_marks(TODAY.isoformat(), [Mark("low-back", 2)], TODAY)


def long_note_run(path: Path) -> None:
    """Today's run in named shoes, with a note longer than a narrow row."""
    from backjournal.domain.models import DayEntry, Run, Shoe
    from backjournal.store import Journal
    from backjournal.store.shoes import add_shoe

    with Journal.open(path) as journal:
        shoe = add_shoe(journal, Shoe(name="Blue trainers", limit_m=800_000))
        run = Run(8000.0, 2530, notes="felt loose after the hills, calves tight", shoe_id=shoe.id)
        journal.save_day(DayEntry(TODAY.isoformat(), back_after=2, runs=[run]), TODAY)


def set_note(path: Path) -> None:
    """The relief programme, with one exercise done in fewer sets and a long note."""
    from backjournal.store import Journal

    with Journal.open(path) as journal:
        journal.exercises.start("relief", on=TODAY, why="new", today=TODAY)
        journal.exercises.tick(
            TODAY,
            "bird-dog",
            sets_done=2,
            note="left side wobbly, stopped at two sets because of tingling",
            today=TODAY,
        )


async def trends_scrolled(pilot: Pilot) -> None:
    """Trends over 12 weeks, scrolled to the charts below the first."""
    await trends_in(pilot, 0)
    pilot.app.screen.query_one("#trends-body").scroll_to(y=30, animate=False)
    await settle(pilot)


def walk_and_ride(path: Path) -> None:
    """Today: a run with its effort, a walk and a ride (issue #20)."""
    from backjournal.domain.activity import Activity
    from backjournal.domain.models import DayEntry, Run
    from backjournal.store import Journal

    with Journal.open(path) as journal:
        entry = DayEntry(
            TODAY.isoformat(),
            back_wake=2,
            leg_wake=1,
            runs=[Run(6000.0, 2100, type="easy", effort=4)],
            activities=[
                Activity("walk", 2700, 3500.0, pain_during=1, pain_after=1, notes="dog"),
                Activity("ride", 3600, 24000.0, effort=5, pain_after=2, notes="to work"),
            ],
        )
        journal.save_day(entry, TODAY)


def clinical_record(path: Path) -> None:
    """A week at waking pain 2, then 4 and 5 (issue #17): a flare-up open since yesterday, the
    physio's plan, a course and a dose, a PSFS and three factors."""
    from backjournal.domain.clinical import Appointment, Factor, FlareUp, PlanRule, Treatment
    from backjournal.domain.models import DayEntry, Run
    from backjournal.store import Journal

    def ago(n: int) -> str:
        return (TODAY - dt.timedelta(days=n)).isoformat()

    with Journal.open(path) as journal:
        for n, score in [(8, 2), (7, 2), (6, 1), (5, 2), (4, 2), (3, 2), (2, 2), (1, 4), (0, 5)]:
            runs = [Run(5000.0, 1800, effort=5)] if n in (2, 4, 6) else []
            journal.save_day(DayEntry(ago(n), back_wake=score, leg_wake=1, runs=runs), TODAY)
        c = journal.clinical
        c.add_treatment(
            Treatment("Naproxen", "medication", "course", ago(1), ago(-5), "500 mg twice a day"),
            TODAY,
        )
        c.took("paracetamol", "1 g", ago(0), TODAY)
        said = "no running until 2026-11-28; at most 5 km per run"
        rules = [
            PlanRule("no-running-until", ago(1), "2026-11-28", "no running until 2026-11-28"),
            PlanRule("max-distance-per-run", ago(1), 5000.0, "at most 5 km per run"),
        ]
        c.add_appointment(Appointment(ago(1), "physio", "", said, "2026-12-02"), rules, TODAY)
        c.start_flare(FlareUp(ago(1), note="after the long drive"), TODAY)
        for name, kind in [
            ("sat over 6 h", "yes-no"),
            ("long drive", "yes-no"),
            ("stress", "scale"),
        ]:
            c.add_factor(Factor(name, kind))
        factors = c.factors()
        c.set_factor(ago(0), factors[0], 1, TODAY)
        c.set_factor(ago(0), factors[2], 6, TODAY)
        c.set_psfs_items(["run 10 km", "sit for an hour", "lift a child"], ago(8))
        c.record_psfs(ago(8), [2, 4, 3], TODAY)


async def clinical_dialog(pilot: Pilot, key: str, *keys: str) -> None:
    await settle(pilot)
    pilot.app.set_focus(None)
    await pilot.press(key)
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)


async def treatment_dialog(pilot: Pilot) -> None:
    """Logging a dose: the name completes from the journal."""
    await clinical_dialog(pilot, "t", *"Nap")


async def psfs_dialog(pilot: Pilot) -> None:
    """The PSFS check-in: three ratings, the mean against the first."""
    await clinical_dialog(pilot, "p", "5", "tab", "6", "tab", "4")


async def factors_dialog(pilot: Pilot) -> None:
    """Adding a factor to the three in use."""
    await clinical_dialog(pilot, "e", *"lifted heavy")


async def appointment_dialog(pilot: Pilot) -> None:
    """Recording an appointment: instructions that become rules, exercises that become the
    user's own with the clinician's dose."""
    from textual.widgets import Input, TextArea

    await clinical_dialog(pilot, "a")
    dialog = pilot.app.screen
    dialog.query_one("#ap-who", Input).value = "physio"
    dialog.query_one("#ap-said", Input).value = "disc irritated, settling; keep moving"
    dialog.query_one(
        "#ap-instructions", TextArea
    ).text = "no running until 2026-11-28\nat most 5k per run"
    dialog.query_one("#ap-exercises", Input).value = "Bird dog: 3 x 10; Wall sit: 3 x 30 s"
    await settle(pilot)


SCENES: tuple[Scene, ...] = (
    Scene("today", "Today: the day's runs and pain", (120, 40), yesterday),
    Scene("today-80x24", "Today in an 80x24 terminal", (80, 24), yesterday),
    Scene("today-editing", "Today with unsaved changes marked", (120, 40), today_editing),
    Scene("today-errors", "Today refusing bad input", (120, 40), today_errors),
    Scene("today-new", "Today in a brand-new journal", (80, 24), today, demo=False),
    Scene(
        "today-flagged",
        "Today with an emergency red flag",
        (120, 40),
        today_flagged,
        setup=saddle_two_days_ago,
    ),
    Scene(
        "today-flagged-80x24",
        "The emergency banner in an 80x24 terminal",
        (80, 24),
        today_flagged,
        setup=saddle_two_days_ago,
    ),
    Scene(
        "outcome-dialog",
        "Recording that a clinician saw a flag",
        (80, 24),
        outcome_dialog,
        setup=saddle_two_days_ago,
    ),
    Scene("help-card", "When to get help (f1)", (120, 40), help_card, demo=False),
    Scene("help-card-80x24", "When to get help, 80x24", (80, 24), help_card, demo=False),
    Scene("profile", "The profile: risk factors, asked once", (80, 24), profile, demo=False),
    Scene(
        "readiness-amber",
        "Run today? amber: waking pain 1 above baseline",
        (80, 24),
        today,
        demo=False,
        setup=mornings(3),
    ),
    Scene(
        "readiness-red",
        "Run today? red: waking pain 2 above baseline",
        (120, 40),
        today,
        demo=False,
        setup=mornings(4),
    ),
    Scene(
        "readiness-after-run",
        "Run today? after today's run: the run on the pain-monitoring model",
        (120, 40),
        today,
        demo=False,
        setup=mornings(2, run=True),
    ),
    Scene(
        "today-run-80x24",
        "A run's notes and shoes in 80 columns",
        (80, 24),
        today,
        demo=False,
        setup=long_note_run,
    ),
    Scene("body-map", "Body map: leg symptoms down the left leg", (120, 40), body_map),
    Scene("body-map-80x24", "Body map in an 80x24 terminal", (80, 24), body_map),
    Scene("body-map-160x50", "Body map in a 160x50 terminal", (160, 50), body_map),
    Scene("body-map-compare", "Body map beside a week before", (120, 40), body_map_compare),
    Scene(
        "body-map-compare-80x24", "Compare in 80x24: the back figures", (80, 24), body_map_compare
    ),
    Scene("body-map-compare-160x50", "Compare in 160x50", (160, 50), body_map_compare),
    Scene("body-map-empty", "Body map of a new journal", (80, 24), body_map_empty, demo=False),
    Scene("body-map-empty-120x40", "A new body map, 120x40", (120, 40), body_map_empty, demo=False),
    Scene("body-map-empty-160x50", "A new body map, 160x50", (160, 50), body_map_empty, demo=False),
    Scene("mark-dialog", "Editing a mark with the mouse", (80, 24), mark_dialog),
    Scene(
        "body-map-counted",
        "Body map: nerve-like marks count, an aching knee does not",
        (80, 24),
        body_map_counted,
        demo=False,
        setup=runner_knee,
    ),
    Scene("mark-dialog-120x40", "The mark dialog, 120x40", (120, 40), mark_dialog),
    Scene("mark-dialog-160x50", "The mark dialog, 160x50", (160, 50), mark_dialog),
    Scene("today-readiness", "Today: run today?", (80, 24), today_readiness),
    Scene("trends", "Trends over 12 weeks", (120, 40), trends_12w),
    Scene("trends-1y", "Trends over a year", (120, 40), trends_1y),
    Scene("trends-all", "Trends over the whole journal", (120, 40), trends_all),
    Scene("trends-4w", "Trends over 4 weeks, 80x24", (80, 24), trends_4w),
    Scene(
        "trends-insights",
        "What the data says: a clinically meaningful difference",
        (120, 40),
        trends_12w,
        demo=False,
        setup=steady_weeks,
    ),
    Scene(
        "trends-too-little",
        "What the data says: not enough data yet",
        (80, 24),
        trends_12w,
        demo=False,
        setup=three_weeks,
    ),
    Scene("trends-80x24", "Trends over 12 weeks, 80x24: pain per week", (80, 24), trends_12w),
    Scene("trends-charts", "Trends: load, ratio and extent, lined up", (120, 40), trends_scrolled),
    Scene(
        "trends-two-days",
        "Trends of a two-day journal: too little data, said",
        (120, 40),
        trends_12w,
        demo=False,
        setup=two_days,
    ),
    Scene("exercises", "Exercises: the day's checklist and how to", (120, 40), exercises),
    Scene("exercises-80x24", "Exercises in an 80x24 terminal", (80, 24), exercises),
    Scene(
        "exercises-note-80x24",
        "A set note wrapped under its exercise, 80x24",
        (80, 24),
        exercises,
        demo=False,
        setup=set_note,
    ),
    Scene("exercises-160x50", "Exercises in a 160x50 terminal", (160, 50), exercises),
    Scene("programme-editor", "Editing the programme", (120, 40), programme_editor),
    Scene(
        "exercises-suggestion",
        "A suggestion to move to maintenance",
        (80, 24),
        exercises,
        demo=False,
        setup=quiet_fortnight,
    ),
    Scene("history", "History: every day, newest first", (120, 40), history),
    Scene("history-delete", "History asking before a delete", (120, 40), history_delete),
    Scene("history-export", "Export CSV asks for the folder", (120, 40), history_export),
    Scene(
        "history-shared",
        "History of a shared journal: escapes shown, unreadable values named",
        (120, 40),
        history,
        demo=False,
        setup=shared_journal,
    ),
    Scene("settings", "Settings", (120, 40), settings),
    Scene(
        "settings-import-folder",
        "Settings with an import folder",
        (80, 24),
        settings,
        setup=watch_folder,
    ),
    Scene(
        "import-notice",
        "New runs from the import folder at start",
        (80, 24),
        import_notice,
        setup=watch_folder,
    ),
    Scene("odi", "The Oswestry check-in", (80, 24), odi),
    Scene("too-small", "A terminal smaller than 80x24", (60, 20), today),
    Scene(
        "today-activity",
        "Today with a walk and a ride",
        (120, 40),
        today,
        demo=False,
        setup=walk_and_ride,
    ),
    Scene(
        "today-activity-80x24",
        "A walk and a ride in 80 columns",
        (80, 24),
        today,
        demo=False,
        setup=walk_and_ride,
    ),
    Scene(
        "today-clinical",
        "Today with a plan, a course and a flare-up",
        (120, 40),
        today,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "today-clinical-80x24",
        "The clinical lines in 80 columns",
        (80, 24),
        today,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "treatment-dialog",
        "Logging a treatment",
        (80, 24),
        treatment_dialog,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "psfs-dialog",
        "The PSFS check-in",
        (80, 24),
        psfs_dialog,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "appointment-dialog",
        "Recording an appointment",
        (80, 24),
        appointment_dialog,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "treatment-dialog-120x40",
        "Logging a treatment, 120x40",
        (120, 40),
        treatment_dialog,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "psfs-dialog-120x40",
        "The PSFS check-in, 120x40",
        (120, 40),
        psfs_dialog,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "factors-dialog-80x24",
        "Your own factors, 80x24",
        (80, 24),
        factors_dialog,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "appointment-dialog-120x40",
        "Recording an appointment, 120x40",
        (120, 40),
        appointment_dialog,
        demo=False,
        setup=clinical_record,
    ),
    Scene(
        "factors-dialog",
        "Your own factors",
        (120, 40),
        factors_dialog,
        demo=False,
        setup=clinical_record,
    ),
)


def prepare_home(home: Path, demo: bool) -> Path:
    """Point HOME at ``home`` and write the demo journal at the platform's default place."""
    os.environ["HOME"] = str(home)
    os.environ.pop("XDG_DATA_HOME", None)
    os.environ.pop("BACKJOURNAL_DB", None)
    from backjournal.paths import default_db_path

    path = default_db_path()
    if demo:
        write_demo_copy(path, TODAY, years=1, seed=DEMO_SEED)
    return path


_DEMO_FILES: dict[tuple[dt.date, int, int], Path] = {}


def write_demo_copy(path: Path, today: dt.date, *, years: int, seed: int) -> Path:
    """Write the seeded demo journal at ``path``: the first call of a process generates it (about
    0.3 s a year), later ones copy that file (10 ms), the same bytes a fresh demo would write."""
    import atexit
    import shutil
    import tempfile

    from backjournal.store import Journal
    from backjournal.store.demo import write_demo

    key = (today, years, seed)
    if key not in _DEMO_FILES or not _DEMO_FILES[key].exists():
        folder = Path(tempfile.mkdtemp(prefix="backjournal-demo-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        first = folder / "journal.db"
        with Journal.open(first) as journal:  # closed: SQLite folds the WAL back into the file
            write_demo(journal, today, years=years, seed=seed)
        _DEMO_FILES[key] = first
    from backjournal.store.connection import ensure_directory

    ensure_directory(path.parent)  # 0700, as the journal makes it
    shutil.copy(_DEMO_FILES[key], path)  # with the file's 0600
    return path


def build(home: Path, scene: Scene):
    """The app for ``scene``, on a fresh journal under ``home``."""
    from backjournal.tui.app import make_app

    path = prepare_home(home, scene.demo)
    if scene.setup is not None:
        scene.setup(path)
    return make_app(path, today=TODAY)
