"""The 7-day extent trend (domain/extent_trend.py): peripheralising, centralising, stable, per
leg and over both legs."""

from __future__ import annotations

import datetime as dt

import pytest

from backjournal.domain.extent_trend import leg_trend, trend

DAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("today", "previous", "word"),
    [
        (5, [3, 3, 4], "peripheralising"),  # thigh to foot
        (4, [3, 5], "peripheralising"),  # further than the lowest: the cautious word first
        (3, [3, 5], "centralising"),
        (3, [3, 3], "stable"),
        (2, [3], "centralising"),
        (3, [2], "peripheralising"),
        (2, [0], "peripheralising"),  # reaches the buttock from nothing
        (1, [0], "none"),  # back only: not a leg
        (0, [1], "none"),
        (0, [2], "centralising"),
        (None, [3], "unknown"),
        (3, [], "unknown"),
    ],
)
def test_leg_trend(today, previous, word):
    """Against the lowest and the furthest of the days before; levels 0 and 1 are one level."""
    assert leg_trend(today, previous) == word


def ext(**days: tuple[int | None, int | None]) -> dict[str, tuple[int | None, int | None]]:
    return {(DAY - dt.timedelta(days=int(k[1:]))).isoformat(): v for k, v in days.items()}


def test_window_is_the_seven_days_before():
    """A day 8 days back is not in the window; a day 7 back is."""
    assert trend(ext(d0=(4, 0), d8=(3, 0)), DAY)[0] == "unknown"
    assert trend(ext(d0=(4, 0), d7=(3, 0)), DAY)[0] == "peripheralising"


def test_worse_leg_wins():
    """One leg centralising, the other peripheralising: peripheralising."""
    assert trend(ext(d0=(3, 4), d1=(5, 3)), DAY) == (
        "peripheralising",
        "centralising",
        "peripheralising",
    )
    assert trend(ext(d0=(3, 3), d1=(5, 3)), DAY) == ("stable", "centralising", "stable")
    assert trend(ext(d0=(3, 0), d1=(5, 0)), DAY) == ("centralising", "centralising", "none")


def test_days_without_an_extent_are_skipped():
    """None (body map not filled) is not a 0."""
    assert trend(ext(d0=(3, None), d1=(None, None), d2=(3, 0)), DAY)[1] == "stable"
