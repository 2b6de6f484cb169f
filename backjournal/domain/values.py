"""The fixed vocabularies and limits of the journal, shared by the CLI, the TUI and the store."""

from __future__ import annotations

import datetime as dt

RUN_TYPES: tuple[str, ...] = ("easy", "long", "tempo", "intervals", "race", "other")
SURFACES: tuple[str, ...] = ("road", "trail", "track", "treadmill", "grass")
UNITS: tuple[str, ...] = ("km", "mi")
# The load the ratios and ramps use (the "load" setting; backjournal.domain.load): distance run, or
# session RPE (effort x minutes). Here, not in load.py, so that Settings need not import the load.
LOAD_MODES: tuple[str, ...] = ("distance", "srpe")
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

# NRS-11 (CLINICAL.md): integers 0-10.
PAIN_MIN, PAIN_MAX = 0, 10
# Moments of the day at which pain is scored. "Next morning" is not stored separately: it is the
# following day's "wake" score, shown against the run it follows.
PAIN_MOMENTS: tuple[str, ...] = ("wake", "before", "during", "after")
PAIN_MOMENT_LABELS: dict[str, str] = {
    "wake": "On waking",
    "before": "Before run",
    "during": "During run",
    "after": "After run",
}
PAIN_FIELDS: tuple[str, ...] = tuple(
    f"{site}_{moment}" for moment in PAIN_MOMENTS for site in ("back", "leg")
)

SLEEP_LABELS: dict[int, str] = {1: "very poor", 2: "poor", 3: "fair", 4: "good", 5: "very good"}

METRES_PER_MILE = 1609.344
MAX_DAY_DISTANCE_M = 300_000  # more than 300 km in a day is a typing error, not a run
MAX_RUN_DURATION_S = 48 * 3600
EARLIEST_DATE = "1970-01-01"

# Shoes: a name short enough for a picker, a retirement distance up to 5,000 km, and a warning from
# 90 % of it (running shoes are usually retired at 500-1,000 km).
MAX_SHOE_NAME = 40
MAX_SHOE_LIMIT_M = 5_000_000
SHOE_WARNING_SHARE = 0.9


def pain_band(score: int) -> str:
    """Name the NRS-11 band of a pain score: none, mild, moderate or severe (CLINICAL.md)."""
    if score <= 0:
        return "none"
    if score <= 3:
        return "mild"
    if score <= 6:
        return "moderate"
    return "severe"


def week_bounds(day: dt.date, week_start: str = "monday") -> tuple[dt.date, dt.date]:
    """The first and last date of the week holding ``day``, weeks starting on ``week_start``."""
    offset = (day.weekday() - WEEKDAYS.index(week_start)) % 7
    start = day - dt.timedelta(days=offset)
    return start, start + dt.timedelta(days=6)


# The phases of the exercise programme (the article's steps 3 and 4): relief, then strengthening,
# then maintenance to keep the problem away.
PHASES: tuple[str, ...] = ("relief", "strengthening", "maintenance")
PHASE_LABELS: dict[str, str] = {
    "relief": "Relief",
    "strengthening": "Strengthening",
    "maintenance": "Maintenance",
}
