"""The day shown is the app's: Today, Body map and Exercises follow each other (issue #15)."""

from __future__ import annotations

import datetime as dt

from uikit import TODAY, build_app, settle

MAY_9 = dt.date(2026, 5, 9)


async def test_the_day_follows_the_user_across_the_one_day_screens(db_path):
    """9 May chosen on Today opens the map and the checklist on 9 May; a day chosen on the map
    is Today's day when it comes back; ctrl+t returns every screen to today."""
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.show_date(MAY_9)
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        assert (app.screen.id, app.screen.date) == ("body-map", MAY_9)
        await pilot.press("escape", "3")
        await settle(pilot)
        assert (app.screen.id, app.screen.date) == ("exercises", MAY_9)
        await pilot.press("pageup")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert (app.screen.id, app.screen.date) == ("today", MAY_9 - dt.timedelta(days=1))
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.screen.date == TODAY
        await pilot.press("escape", "2")
        await settle(pilot)
        assert app.screen.date == TODAY
    app.journal.close()
