"""No byte of data reaches the terminal from a screen: every screen of the app, opened on a
journal whose every free-text value carries escapes and markup (``tests/hostile_corpus.py``),
renders no ESC, C1 or bidi control in any segment, and shows the markup as text.

The rendered screen is read from Textual's compositor (the strips it would write), so what is
checked is exactly what would reach the terminal, widget by widget, after Rich and Textual have
done their work.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hostile_corpus import escape_journal, journal_with_bad_values, leaks
from uikit import TODAY, build_app, settle

from backjournal.domain.models import DayEntry
from backjournal.store import Journal


def rendered(app) -> str:
    """The text of every segment of the screen as the app would draw it now."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


SCREENS = ("today", "body-map", "exercises", "trends", "history", "settings")


async def visit_everything(pilot, seen: dict[str, str], *, dialogs: bool = True) -> None:
    """Open each screen (the Exercises screen's dialogs too, unless not ``dialogs``, and
    History's first day in Today), recording what each one shows."""
    app = pilot.app
    for name in SCREENS:
        await app.action_show_screen(name)
        await settle(pilot)
        seen[name] = rendered(app)
    # The Exercises screen's dialogs: the programme editor, the library picker, a tick's note.
    await app.action_show_screen("exercises")
    await settle(pilot)
    for key, dialog in (("p", "programme"), ("e", "library"), ("n", "note")) if dialogs else ():
        await pilot.press(key)
        await settle(pilot)
        seen[f"exercises-{dialog}"] = rendered(app)
        await pilot.press("escape")
        await settle(pilot)
        if dialog == "programme" and app.screen.is_modal:
            await pilot.press("escape")  # from a field back to the list, then out
            await settle(pilot)
    await app.action_show_screen("history")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    seen["history-day-in-today"] = rendered(app)


async def test_no_screen_renders_a_control_sequence_from_data(tmp_path):
    """Today, Body map, Exercises, Trends, History and Settings on the seeded journal: no
    segment holds ESC, a C1 control or a bidi override, and History shows the markup as text."""
    db = escape_journal(tmp_path / "journal.db")
    app = build_app(db)
    seen: dict[str, str] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await visit_everything(pilot, seen)
    app.journal.close()
    dirty = {name: leaks(text) for name, text in seen.items() if leaks(text)}
    assert dirty == {}
    assert all("pwned" in seen[f"exercises-{d}"] for d in ("programme", "library", "note"))
    assert "␛]52;" in seen["history"] and "[b]x[/b]" in seen["history"]


async def test_values_of_the_wrong_type_show_as_unreadable_and_crash_nothing(tmp_path):
    """A note stored as a BLOB, an infinite duration and text in a number column (all pass
    integrity_check): every screen opens, History shows the BLOB note as unreadable, and the app
    is still running. (A date that is no day is refused on open: test_hostile_journal.py.)"""
    db = journal_with_bad_values(tmp_path / "journal.db", bad_date=False)
    app = build_app(db)
    seen: dict[str, str] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await visit_everything(pilot, seen, dialogs=False)
        for day in ("2026-11-20", "2026-11-21"):  # the BLOB note; the text duration
            await app.open_day(dt.date.fromisoformat(day))
            await settle(pilot)
            seen[day] = rendered(app)
        assert app.is_running and app._exception is None
    app.journal.close()
    assert "(unreadable)" in seen["history"]
    assert not any(leaks(text) for text in seen.values())


async def test_a_crash_report_shows_no_journal_data(tmp_path, monkeypatch, capsys):
    """A crash while History draws its rows: the report names the error's type and where it
    happened, but neither the locals (other days' notes) nor the message (which quotes one)."""
    from backjournal.tui.screens import history

    secret = "-".join(("SECRET", "NOTE"))  # built here: the report shows this file's source
    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:
        journal.save_day(DayEntry("2026-11-20", note=f"{secret} 1"), TODAY)
        journal.save_day(DayEntry("2026-11-21", note=f"{secret} 2"), TODAY)

    def broken(row, units, wide=False, tiers=(), flare=False):
        raise ValueError(f"cannot draw {row.note}")

    monkeypatch.setattr(history, "_row_cells", broken)
    app = build_app(db)
    with pytest.raises(ValueError):
        async with app.run_test(size=(120, 40)) as pilot:
            await app.action_show_screen("history")
            await settle(pilot)
    app.journal.close()
    report = capsys.readouterr().err
    assert "ValueError" in report and "history.py" in report
    assert secret not in report


async def test_typed_markup_and_escapes_are_shown_as_text_in_error_lines(db_path):
    """A distance typed as ``[/]`` and an escape (a closing tag that closes nothing made the
    app end with a MarkupError): the error line quotes it as text, safely, and the app runs."""
    from backjournal.tui.widgets.run_row import RunRow

    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        app.screen.query(RunRow).last().distance_input.value = "[/]\x1b[2J"
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = rendered(app)
        assert app.is_running
    app.journal.close()
    assert "[/]␛[2J" in shown and not leaks(shown)


async def test_textual_s_own_notices_read_as_plain_words(tmp_path, monkeypatch):
    """Our notifications never read markup (user text), so Textual's own notices written in it
    showed their tags: ctrl+c said "Press [b]ctrl+q[/b] to quit the app". Now the words are
    plain, and the palette's Screenshot says where the picture went in plain words too."""
    from backjournal.tui.app import BackjournalApp

    monkeypatch.setenv("HOME", str(tmp_path))
    app = build_app(tmp_path / "journal.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_focus(None)
        await pilot.press("ctrl+c")
        await settle(pilot)
        [shot] = [
            c
            for c in BackjournalApp.get_system_commands(app, app.screen)
            if c.title == "Screenshot"
        ]
        shot.callback()
        await settle(pilot)
        notices = [(n.title, n.message) for n in app._notifications]
    app.journal.close()
    [picture] = tmp_path.glob("*.svg")
    assert notices == [
        ("Do you want to quit?", "Press ctrl+q to quit the app"),
        ("Screenshot", f"Saved to {picture}"),
    ]
