"""Switching screens from anywhere (F2-F7), and footers that fit 80 columns (issue #15)."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from uikit import TODAY, build_app, demo_journal, settle

SCREENS = ("today", "body-map", "exercises", "trends", "history", "settings")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """One demo journal for the module (the footers only read it)."""
    return demo_journal(tmp_path_factory.mktemp("footers") / "demo.db")


async def test_every_footer_fits_80_columns_with_screens_and_quit(demo_db):
    """At 80x24 every screen's footer shows all its keys, F2-F7 and Quit included, before the
    palette entry: History's lost Back up and Quit ("...x Export C▏^p palettep")."""
    app = build_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        for number, name in enumerate(SCREENS, start=2):
            await pilot.press(f"f{number}")
            await settle(pilot)
            assert app.screen.id == name or (name == "today" and app.screen.id == "today")
            footer = app.screen.query_one(Footer)
            keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
            palette = footer.query_one(".-command-palette", FooterKey)
            shown = {k.key_display or k.key for k in keys}
            assert {"F2-F7", "^q"} <= shown, (name, shown)
            assert max(k.region.right for k in keys) <= palette.region.x, name
    app.journal.close()


async def test_f_keys_switch_from_the_body_map_without_writing_marks(db_path):
    """On the map digits set intensities; F6 leaves it for History and nothing is marked (F1
    is the help card)."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen.id == "body-map" and app.focused.id == "map"
        await pilot.press("f6")
        await settle(pilot)
        assert app.screen.id == "history"
        assert app.journal.symptoms.marks(TODAY.isoformat()) == []
    app.journal.close()
