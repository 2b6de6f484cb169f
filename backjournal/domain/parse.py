"""Parsing and formatting of what a runner types: dates, distances, durations, scores.

Every parser raises :class:`InvalidValue` with a message that says what is wrong and what would be
right. The CLI prints that message; the TUI shows it under the field. Both call the same parsers,
so a value refused in one face is refused in the other with the same words.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from backjournal.domain.safe_text import UNREADABLE
from backjournal.domain.values import (
    EARLIEST_DATE,
    MAX_DAY_DISTANCE_M,
    MAX_RUN_DURATION_S,
    METRES_PER_MILE,
    PAIN_MAX,
    PAIN_MIN,
)


class InvalidValue(ValueError):
    """A value the user typed that cannot be stored; ``field`` names where it was typed."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


# --- dates ---------------------------------------------------------------------------------------

_RELATIVE = re.compile(r"^([+-])\s*(\d{1,5})$")


def parse_date(text: str, today: dt.date, *, allow_future: bool = False) -> dt.date:
    """Read a date typed as ISO ``YYYY-MM-DD``, ``today``, ``yesterday`` or ``-3`` (days ago).

    Future dates are refused unless ``allow_future``: a journal records what happened.
    """
    raw = text.strip().lower()
    if not raw:
        raise InvalidValue("a date is needed (YYYY-MM-DD, today, yesterday or -N)")
    if raw in ("today", "t", "0"):
        day = today
    elif raw in ("yesterday", "y"):
        day = today - dt.timedelta(days=1)
    elif raw == "tomorrow":
        day = today + dt.timedelta(days=1)
    elif m := _RELATIVE.match(raw):
        n = int(m.group(2))
        day = today - dt.timedelta(days=n) if m.group(1) == "-" else today + dt.timedelta(days=n)
    else:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise InvalidValue(f"{text.strip()} does not exist on the calendar") from None
            raise InvalidValue(
                f"'{text.strip()}' is not a date; use YYYY-MM-DD, today, yesterday or -N"
            ) from None
    if day.isoformat() < EARLIEST_DATE:
        raise InvalidValue(f"{day.isoformat()} is before {EARLIEST_DATE}")
    if not allow_future and day > today:
        raise InvalidValue(f"{day.isoformat()} is in the future; today is {today.isoformat()}")
    return day


# --- distances -----------------------------------------------------------------------------------

_DISTANCE = re.compile(
    r"^(?P<num>\d+(?:[.,]\d*)?|[.,]\d+)\s*(?P<unit>km|k|kms|mi|mile|miles|m|meters|metres)?$"
)
_UNIT_METRES = {
    "km": 1000.0,
    "k": 1000.0,
    "kms": 1000.0,
    "mi": METRES_PER_MILE,
    "mile": METRES_PER_MILE,
    "miles": METRES_PER_MILE,
    "m": 1.0,
    "meters": 1.0,
    "metres": 1.0,
}


def parse_distance(text: str, units: str = "km", *, max_m: float = MAX_DAY_DISTANCE_M) -> float:
    """Read a distance in metres from ``8``, ``8.5``, ``8k``, ``5mi`` or ``8000m``.

    A bare number is in the user's unit (``km`` or ``mi``). Zero is allowed (a walk-run that did
    not count); negative values and more than ``max_m`` (300 km, a day's most) are refused.
    """
    raw = text.strip().lower().replace(" ", "")
    if raw.startswith("-"):
        raise InvalidValue(f"distance cannot be negative ({text.strip()})")
    m = _DISTANCE.match(raw)
    if not m:
        raise InvalidValue(
            f"'{text.strip()}' is not a distance; type e.g. 8, 8.5, 8k, 5mi or 8000m"
        )
    number = float(m.group("num").replace(",", "."))
    unit = m.group("unit") or units
    metres = number * _UNIT_METRES[unit]
    if metres > max_m:
        raise InvalidValue(f"{text.strip()} is more than {format_distance(max_m, units)}")
    return round(metres, 1)


def typed_unit(text: str, units: str) -> str:
    """The unit a distance was typed in, as a display unit: ``mi`` for ``500mi``, ``km`` for
    ``800k`` or ``8000m``, ``units`` for a bare number (so an answer can echo the user's unit)."""
    m = _DISTANCE.match(text.strip().lower().replace(" ", ""))
    unit = m.group("unit") if m else None
    if unit is None:
        return units
    return "mi" if unit.startswith("mi") else "km"


def metres_to_unit(metres: float, units: str) -> float:
    """Convert metres to kilometres or miles."""
    return metres / (METRES_PER_MILE if units == "mi" else 1000.0)


def format_distance(metres: float, units: str, *, unit_label: bool = True) -> str:
    """Show a distance in the user's unit with two decimals at most: ``8.42 km``; totals of
    1,000 or more are whole numbers with thousands separators (``20,033 km``)."""
    value = metres_to_unit(metres, units)
    if value >= 1000:
        text = f"{value:,.0f}"
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".") if value else "0"
    return f"{text} {units}" if unit_label else text


# --- durations -----------------------------------------------------------------------------------

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{1,2})$")
_UNITS_DURATION = re.compile(r"^(?:(\d+)h)?\s*(?:(\d+)(?:m|min))?\s*(?:(\d+)s)?$")
_MAX_DURATION_CHARS = 32


def parse_duration(text: str) -> int:
    """Read a duration in seconds from ``42:10`` (mm:ss), ``1:05:30`` (h:mm:ss), ``45`` (minutes)
    or ``1h05m``. Seconds and minutes past 59 are refused (``5:99``).
    """
    raw = text.strip().lower().replace(" ", "")
    if not raw:
        raise InvalidValue("a duration is needed, e.g. 42:10 or 1:05:30")
    # No real duration needs this many characters, and int() refuses more than 4,300 digits with
    # a ValueError that is not ours: stop absurd input here, as an InvalidValue like any other.
    if len(raw) > _MAX_DURATION_CHARS:
        raise InvalidValue(
            f"'{text.strip()[:20]}...' is not a duration; type e.g. 42:10 or 1:05:30"
        )
    if m := _CLOCK.match(raw):
        hours = int(m.group(1) or 0)
        minutes, seconds = int(m.group(2)), int(m.group(3))
        if seconds > 59:
            raise InvalidValue(f"{text.strip()}: seconds must be 0-59")
        if m.group(1) is not None and minutes > 59:
            raise InvalidValue(f"{text.strip()}: minutes must be 0-59 after the hours")
        total = hours * 3600 + minutes * 60 + seconds
    elif raw.isdecimal():  # not isdigit(): it accepts "²", which int() refuses
        total = int(raw) * 60
    elif (m := _UNITS_DURATION.match(raw)) and any(m.groups()):
        hours, minutes, seconds = (int(g or 0) for g in m.groups())
        if seconds > 59 or (m.group(1) and minutes > 59):
            raise InvalidValue(f"{text.strip()}: minutes and seconds must be 0-59")
        total = hours * 3600 + minutes * 60 + seconds
    else:
        raise InvalidValue(f"'{text.strip()}' is not a duration; type e.g. 42:10 or 1:05:30")
    if total <= 0:
        raise InvalidValue("a duration must be longer than zero")
    if total > MAX_RUN_DURATION_S:
        raise InvalidValue(f"{text.strip()} is longer than 48 hours")
    return total


def format_duration(seconds: int | None) -> str:
    """Show seconds as ``42:10`` or ``1:05:30``; empty for no duration, and "(unreadable)" for a
    value no duration can be (text or an infinite number from a damaged or shared journal)."""
    if not seconds:
        return ""
    if not isinstance(seconds, (int, float)) or not math.isfinite(seconds):
        return UNREADABLE
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_pace(metres: float | None, seconds: int | None, units: str) -> str:
    """Show the pace as ``5:16 /km`` (or ``/mi``); empty when it cannot be computed (also for
    a value of the wrong type or an infinite one, as a journal edited by hand can hold)."""
    numbers = (int, float)
    if not isinstance(metres, numbers) or not isinstance(seconds, numbers):
        return ""
    if not metres or not seconds or not math.isfinite(metres) or not math.isfinite(seconds):
        return ""
    per_unit = seconds / metres_to_unit(metres, units)
    if per_unit >= 100 * 60:
        return ""
    minutes, secs = divmod(round(per_unit), 60)
    return f"{minutes}:{secs:02d} /{units}"


# --- scores --------------------------------------------------------------------------------------


def parse_score(
    text: str, *, low: int = PAIN_MIN, high: int = PAIN_MAX, what: str = "pain"
) -> int | None:
    """Read an integer score within ``low..high``; empty text means "not recorded" (``None``)."""
    raw = text.strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise InvalidValue(f"{what} must be a whole number {low}-{high}, not '{raw}'") from None
    if not low <= value <= high:
        raise InvalidValue(f"{what} must be {low}-{high}, not {value}")
    return value


def check_score(
    value: int | None, *, low: int = PAIN_MIN, high: int = PAIN_MAX, what: str = "pain"
) -> None:
    """Refuse an integer score outside ``low..high`` (``None`` is "not recorded")."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"{what} must be a whole number {low}-{high}, not {value!r}")
    if not low <= value <= high:
        raise InvalidValue(f"{what} must be {low}-{high}, not {value}")
