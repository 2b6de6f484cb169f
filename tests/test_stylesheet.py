"""CSS is parsed once per process: a screen's first visit and a new app reuse parsed rules, and a
theme change parses again with its own colours (backjournal/tui/stylesheet.py)."""

from __future__ import annotations

import textual.css.stylesheet as textual_stylesheet
from uikit import build_app, settle

from backjournal.tui.stylesheet import _PARSED


async def visit(app, pilot, key: str) -> None:
    await pilot.press("escape", key)
    await settle(pilot)


async def test_parsed_css_is_reused_and_a_theme_change_restyles(db_path, monkeypatch):
    parsed: list[str] = []
    real_parse = textual_stylesheet.parse

    def counting_parse(scope, css, read_from, *args, **kwargs):
        parsed.append(str(read_from))
        return real_parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting_parse)
    _PARSED.clear()  # as in a new process: earlier tests in this one parsed the same sheets
    first = build_app(db_path)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await visit(first, pilot, "3")  # Exercises: its sheet is read on this first visit
        assert any("exercises.tcss" in source for source in parsed)
        dark = first.screen.styles.background
    first.journal.close()

    parsed.clear()
    second = build_app(db_path)
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await visit(second, pilot, "3")
        assert parsed == [], "nothing parsed again: same text, same theme"
        assert second.screen.styles.background == dark
        second.theme = "textual-light"
        await settle(pilot)
        assert parsed, "a new theme's variables are parsed into new rules"
        assert second.screen.styles.background != dark
    second.journal.close()
