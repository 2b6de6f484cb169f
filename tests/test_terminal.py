"""Terminal edge cases: a terminal too small, NO_COLOR, LC_ALL=C, TERM=dumb, SIGTERM and SIGHUP.

The app runs headless (``run_test``) where the question is what it shows, and in a real
pseudo-terminal (``tests/ptykit.py``) where the question is how a terminal program behaves:
what it writes, and how it leaves when the terminal goes away.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from ptykit import LEAVE_ALT_SCREEN, SHOW_CURSOR, PtyApp
from textual.widgets import Static
from uikit import TODAY, build_app, demo_journal, settle

from backjournal.store import Journal
from backjournal.tui.screens.history import HistoryScreen
from backjournal.tui.screens.today import TodayScreen
from backjournal.tui.screens.too_small import TooSmallScreen

PAINTED = b"Pain 0-10"  # on Today's first paint


def terminal_env(**extra: str) -> dict[str, str]:
    """The test's environment for a program in a terminal, with ``extra`` set."""
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


def notice(app) -> str:
    """The text of the "terminal too small" notice shown."""
    assert isinstance(app.screen, TooSmallScreen)
    return str(app.screen.query_one("#too-small-message", Static).content)


# --- a terminal too small -------------------------------------------------------------------------


async def test_a_terminal_smaller_than_80x24_is_told_so_until_resized(db_path):
    """At 60x20 a notice names the size needed and the size it has; at 80x24 the journal is
    back as it was; each screen switched to while small is covered too."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert "needs at least 80x24" in notice(app) and "this terminal is 60x20" in notice(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.resize_terminal(79, 30)
        await pilot.pause()
        assert "this terminal is 79x30" in notice(app)
        await pilot.resize_terminal(100, 23)
        await pilot.pause()
        assert "this terminal is 100x23" in notice(app), "the notice follows each resize"
        await pilot.press("5")  # the screen keys still work, and History is covered too
        await settle(pilot)
        assert app.screen_name == "history" and isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen), "Today's own notice went when it grew"
    app.journal.close()


async def test_80x24_is_large_enough(db_path):
    """80x24 exactly shows the journal, not the notice."""
    app = build_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    app.journal.close()


# --- NO_COLOR -------------------------------------------------------------------------------------

SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colours(output: bytes) -> set[tuple[int, int, int]]:
    """Every RGB colour the program set (foreground and background) in its output."""
    found = set()
    for params in SGR.findall(output):
        values = [int(p) for p in params.split(b";") if p]
        i = 0
        while i < len(values):
            if values[i] in (38, 48) and i + 4 < len(values) and values[i + 1] == 2:
                found.add(tuple(values[i + 2 : i + 5]))
                i += 5
            else:
                i += 1
    return found


def first_paint(db_path, **env: str) -> bytes:
    """What the app writes to an 80x24 terminal until Today is painted, then quits."""
    term = PtyApp("--db", str(db_path), env=terminal_env(**env))
    try:
        term.wait_for(PAINTED)
        term.settle()
        painted = bytes(term.output)
        term.press("ctrl+q")
        code, _ = term.wait(10)
        assert code == 0, bytes(term.output[-500:])
    finally:
        term.close()
    return painted


def test_no_color_draws_in_greys_only(db_path):
    """With NO_COLOR set every colour drawn is a grey; without it the same screen has colours."""
    demo_journal(db_path)
    coloured = colours(first_paint(db_path))
    assert any(len(set(rgb)) > 1 for rgb in coloured), "the control: colours without NO_COLOR"
    plain = colours(first_paint(db_path, NO_COLOR="1"))
    assert plain, "text is still drawn"
    assert all(len(set(rgb)) == 1 for rgb in plain), sorted(rgb for rgb in plain if len(set(rgb)))


# --- LC_ALL=C and TERM=dumb -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "env", [{"LC_ALL": "C"}, {"TERM": "dumb"}, {"LC_ALL": "C", "TERM": "dumb"}], ids=str
)
def test_the_app_starts_and_quits_under(db_path, env):
    """The app paints Today and quits with ctrl+q under a C locale and a dumb terminal."""
    demo_journal(db_path)
    painted = first_paint(db_path, **env)
    assert b"Pain 0-10" in painted


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["where"],
        ["log", "8k", "42:10", "--note", "café au lait · 5 km"],
        ["demo", "--force"],
        ["log", "8x"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_commands_under_lc_all_c_and_term_dumb(db_path, args):
    """Every command answers under LC_ALL=C and TERM=dumb, non-ASCII text included."""
    proc = subprocess.run(
        [sys.executable, "-m", "backjournal", *args],
        capture_output=True,
        env=terminal_env(LC_ALL="C", TERM="dumb"),
        timeout=60,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    assert proc.returncode == (1 if args == ["log", "8x"] else 0), proc.stderr
    if args[0] == "log" and proc.returncode == 0:
        with Journal.open(db_path) as journal:
            assert journal.get_day(TODAY.isoformat()).runs[-1].notes == "café au lait · 5 km"


# --- SIGTERM and SIGHUP ---------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_signal_exits_cleanly_within_2_seconds_with_saved_data_intact(db_path, sig):
    """A run typed and saved, then SIGTERM (or SIGHUP: the terminal closed): the app exits
    within 2 s with status 0, leaves the alternate screen and shows the cursor, and the
    journal is healthy with the saved run in it."""
    demo_journal(db_path)
    with Journal.open(db_path) as journal:
        days = journal.count_days()
        runs_today = len((journal.get_day(TODAY.isoformat()) or _empty()).runs)
    term = PtyApp("--db", str(db_path), env=terminal_env())
    try:
        term.wait_for(PAINTED)
        term.settle()
        # As a person types, watching the screen: under load a Tab sent 50 ms behind text can be
        # routed before the text is handled (Textual routes each key to the focus of its time).
        for keys in (["ctrl+n", "7.5"], ["tab"], ["40:00"], ["ctrl+s"]):
            term.press(*keys)
            term.settle(quiet=0.2)
        deadline = time.monotonic() + 10
        while _runs_today(db_path) == runs_today:
            assert time.monotonic() < deadline, (
                f"the typed run was not saved: {term.text()[-1500:]}"
            )
            term.settle(quiet=0.1, timeout=0.5)
        term.settle()
        before_signal = len(term.output)
        term.signal(sig)
        code, took = term.wait(2.0)
        assert code == 0, f"exit status {code} after {sig.name}"
        assert took < 2.0
        goodbye = bytes(term.output[before_signal:])
        assert LEAVE_ALT_SCREEN in goodbye and SHOW_CURSOR in goodbye, goodbye[-300:]
    finally:
        term.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with Journal.open(db_path) as journal:
        assert journal.count_days() == days + (runs_today == 0 and days == 0)
        runs = journal.get_day(TODAY.isoformat()).runs
    assert len(runs) == runs_today + 1 and runs[-1].distance_m == 7500


def _runs_today(db_path) -> int:
    with Journal.open(db_path) as journal:
        day = journal.get_day(TODAY.isoformat())
    return len(day.runs) if day else 0


def _empty():
    from backjournal.domain.models import DayEntry

    return DayEntry(TODAY.isoformat())


# --- the terminal closed under the app ------------------------------------------------------------


def _journal_state(db_path) -> tuple[str, int, int]:
    """integrity_check's answer, and how many days and runs the journal holds."""
    conn = sqlite3.connect(db_path)
    try:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("SELECT count(*) FROM day").fetchone()[0],
            conn.execute("SELECT count(*) FROM run").fetchone()[0],
        )
    finally:
        conn.close()


ALT_SCREEN = b"\x1b[?1049h"  # the first thing Textual writes: painting starts


def _close_under(db_path, moment: float | bytes | None) -> tuple[int | None, float]:
    """Start the app, close its terminal ``moment`` seconds after start (bytes: once it has
    written them; None: once Today is painted and the app is idle), and wait up to 5 s:
    (exit status or None, seconds it took)."""
    term = PtyApp("--db", str(db_path), env=terminal_env())
    try:
        if isinstance(moment, bytes):
            term.wait_for(moment)
        elif moment is None:
            term.wait_for(PAINTED)
            term.settle()
        else:
            term.read_for(moment)
        term.hang_up()
        code, took = term.wait(5.0)
        return code, took
    finally:
        term.close()


def _assert_ends(db_path, moments: list[float | bytes | None]) -> None:
    before = _journal_state(db_path)
    slow = []
    for moment in moments:
        code, took = _close_under(db_path, moment)
        if code is None or took >= 2.0:
            slow.append((moment, code, round(took, 2)))
    assert not slow, f"(moment, status, seconds) of closes that did not end within 2 s: {slow}"
    assert _journal_state(db_path) == before, "the journal is intact"


def test_closing_the_terminal_ends_the_app_within_2_seconds(db_path):
    """The terminal closed as the app starts to paint (where Textual's writer thread used to
    deadlock), and again once it is idle: each time the process is gone within 2 s (none is
    left running) and the journal is intact."""
    from backjournal.domain.models import DayEntry, Run

    with Journal.open(db_path) as journal:
        journal.save_day(DayEntry(TODAY.isoformat(), back_wake=3, runs=[Run(5000)]), TODAY)
    _assert_ends(db_path, [ALT_SCREEN, None])


@pytest.mark.stress
def test_closing_the_terminal_12_times_at_varied_moments_leaves_no_process(db_path):
    """12 closes spread from the first instant to well past the first paint (measured first):
    every process ends within 2 s, and the journal is intact after all of them."""
    demo_journal(db_path)
    term = PtyApp("--db", str(db_path), env=terminal_env())
    try:
        term.wait_for(PAINTED)
        paint = time.monotonic() - term.started
    finally:
        term.close()
    _assert_ends(db_path, [paint * i / 8 for i in range(11)] + [None])
