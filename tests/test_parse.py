"""Parsing and formatting what a runner types: dates, distances, durations and scores.

The CLI and the TUI share these parsers, so what is pinned here holds for both faces.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from backjournal.domain.parse import (
    InvalidValue,
    format_distance,
    format_duration,
    format_pace,
    parse_date,
    parse_distance,
    parse_duration,
    parse_score,
    typed_unit,
)
from backjournal.domain.values import (
    MAX_DAY_DISTANCE_M,
    MAX_RUN_DURATION_S,
    METRES_PER_MILE,
    week_bounds,
)

# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", dt.date(2026, 11, 20)),
        ("  2026-11-25 ", TODAY),
        ("today", TODAY),
        ("Today", TODAY),
        ("t", TODAY),
        ("yesterday", dt.date(2026, 11, 24)),
        ("y", dt.date(2026, 11, 24)),
        ("-3", dt.date(2026, 11, 22)),
        ("- 3", dt.date(2026, 11, 22)),
        ("-30", dt.date(2026, 10, 26)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("1970-01-01", dt.date(1970, 1, 1)),
    ],
)
def test_parse_date_accepts(text, expected):
    """ISO dates, today, yesterday and -N days ago are read relative to the given today."""
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-11-26", "tomorrow", "+1", "2099-01-01"])
def test_parse_date_refuses_the_future(text):
    """A journal records what happened, so a future date is refused and today is named."""
    with pytest.raises(InvalidValue, match="future; today is 2026-11-25"):
        parse_date(text, TODAY)


def test_parse_date_allows_the_future_when_asked():
    """``allow_future`` lets a caller (e.g. a plan) accept tomorrow."""
    assert parse_date("tomorrow", TODAY, allow_future=True) == dt.date(2026, 11, 26)


@pytest.mark.parametrize("text", ["2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01"])
def test_parse_date_refuses_dates_missing_from_the_calendar(text):
    """A well-formed date that does not exist says so instead of "not a date"."""
    with pytest.raises(InvalidValue, match="does not exist on the calendar"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["garbage", "25/11/2026", "last week", "2026-11", "--3", "-x"])
def test_parse_date_refuses_garbage(text):
    """Text that is no date at all is refused with the forms that would work."""
    with pytest.raises(InvalidValue, match="is not a date; use YYYY-MM-DD"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["", "   "])
def test_parse_date_refuses_empty(text):
    """An empty date is refused with a hint, not silently read as today."""
    with pytest.raises(InvalidValue, match="a date is needed"):
        parse_date(text, TODAY)


def test_parse_date_refuses_before_1970():
    """Dates before the earliest supported date are refused."""
    with pytest.raises(InvalidValue, match="before 1970-01-01"):
        parse_date("1969-12-31", TODAY)


# --- distances -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units", "metres"),
    [
        ("8", "km", 8000.0),
        ("8.5", "km", 8500.0),
        ("8,5", "km", 8500.0),
        (".5", "km", 500.0),
        ("8k", "km", 8000.0),
        ("8 km", "km", 8000.0),
        ("8KM", "km", 8000.0),
        ("5mi", "km", 8046.7),
        ("5 miles", "km", 8046.7),
        ("8000m", "km", 8000.0),
        ("8000 metres", "km", 8000.0),
        ("0", "km", 0.0),
        ("300k", "km", 300000.0),
        # A bare number is in the user's unit; an explicit unit wins over the setting.
        ("5", "mi", 8046.7),
        ("8k", "mi", 8000.0),
        ("1", "mi", 1609.3),
    ],
)
def test_parse_distance_accepts(text, units, metres):
    """Distances come back in metres, rounded to a decimetre, whatever unit was typed."""
    assert parse_distance(text, units) == metres


@pytest.mark.parametrize("text", ["abc", "", "8 furlongs", "8kk", "5:00", "8.5.1", "k"])
def test_parse_distance_refuses_garbage(text):
    """Text that is not a distance is refused with examples of what would be."""
    with pytest.raises(InvalidValue, match="is not a distance; type e.g. 8, 8.5, 8k"):
        parse_distance(text)


@pytest.mark.parametrize("text", ["-5", "-0.1k", " -8 "])
def test_parse_distance_refuses_negative(text):
    """A negative distance is refused with its own message."""
    with pytest.raises(InvalidValue, match="cannot be negative"):
        parse_distance(text)


@pytest.mark.parametrize(("text", "units"), [("301k", "km"), ("300001m", "km"), ("187", "mi")])
def test_parse_distance_refuses_more_than_300_km(text, units):
    """More than 300 km in a day is a typing error, shown in the user's unit."""
    with pytest.raises(InvalidValue, match=f"is more than {format_distance(300_000, units)}"):
        parse_distance(text, units)


# --- durations -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("42:10", 42 * 60 + 10),
        ("0:05", 5),
        ("1:05:30", 3600 + 5 * 60 + 30),
        ("45", 45 * 60),
        ("1h05m", 3600 + 5 * 60),
        ("1h", 3600),
        ("45min", 45 * 60),
        ("30s", 30),
        ("1h 5m 30s", 3600 + 5 * 60 + 30),
        ("90:00", 90 * 60),  # mm:ss with no hours may pass 59 minutes
        ("48:00:00", MAX_RUN_DURATION_S),
    ],
)
def test_parse_duration_accepts(text, seconds):
    """Clock, bare-minute and h/m/s durations are read as whole seconds."""
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5:99", "seconds must be 0-59"),
        ("1:75:00", "minutes must be 0-59 after the hours"),
        ("1h75m", "minutes and seconds must be 0-59"),
        ("0", "longer than zero"),
        ("0:00", "longer than zero"),
        ("48:00:01", "longer than 48 hours"),
        ("abc", "is not a duration"),
        ("1:2:3:4", "is not a duration"),
        ("-5", "is not a duration"),
        ("", "a duration is needed"),
    ],
)
def test_parse_duration_refuses(text, message):
    """Impossible clock values, zero, over 48 hours and garbage are refused with a reason."""
    with pytest.raises(InvalidValue, match=message):
        parse_duration(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("²", id="superscript-two"),
        pytest.param("①", id="circled-one"),
        pytest.param("9" * 5000, id="5000-digit-minutes"),
        pytest.param("9" * 5000 + ":00:00", id="5000-digit-hours"),
        pytest.param("9" * 5000 + "h", id="5000-digit-h"),
    ],
)
def test_parse_duration_refuses_odd_digits_as_invalid_value(text):
    """Unicode non-decimal digits and absurdly long numbers are an InvalidValue, not a crash."""
    with pytest.raises(InvalidValue):
        parse_duration(text)


# --- scores --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", range(0, 11))
def test_parse_score_accepts_nrs_11(value):
    """Every integer of the NRS-11 scale, 0 to 10, is a valid pain score."""
    assert parse_score(str(value)) == value


@pytest.mark.parametrize("text", ["", "   "])
def test_parse_score_empty_is_not_recorded(text):
    """An empty score means "not recorded" (None), which is not the same as 0."""
    assert parse_score(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("11", "pain must be 0-10, not 11"),
        ("-1", "pain must be 0-10, not -1"),
        ("x", "pain must be a whole number 0-10, not 'x'"),
        ("3.5", "pain must be a whole number 0-10, not '3.5'"),
    ],
)
def test_parse_score_refuses(text, message):
    """Scores outside 0-10 or not whole numbers are refused, naming the scale."""
    with pytest.raises(InvalidValue, match=message):
        parse_score(text)


def test_parse_score_uses_its_own_range_and_name():
    """Other scales (sleep 1-5) pass their bounds and name into the message."""
    assert parse_score("5", low=1, high=5, what="sleep") == 5
    with pytest.raises(InvalidValue, match="sleep must be 1-5, not 0"):
        parse_score("0", low=1, high=5, what="sleep")


# --- formatting ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metres", "seconds", "units", "expected"),
    [
        (8000, 42 * 60 + 10, "km", "5:16 /km"),
        (10_000, 50 * 60, "km", "5:00 /km"),
        (METRES_PER_MILE, 8 * 60, "mi", "8:00 /mi"),
        (8000, 42 * 60 + 10, "mi", "8:29 /mi"),
        (0, 600, "km", ""),
        (8000, None, "km", ""),
        (1, 3600, "km", ""),  # a pace of 1000 minutes per km is not worth showing
        # a journal edited by hand: text or infinity in a number column (crashed Today's row)
        (8000, '=HYPERLINK("http://x")', "km", ""),
        (8000, float("inf"), "km", ""),
        (float("nan"), 600, "km", ""),
        ("8000", 600, "km", ""),
    ],
)
def test_format_pace(metres, seconds, units, expected):
    """Pace is minutes:seconds per unit, empty when it cannot be computed or makes no sense."""
    assert format_pace(metres, seconds, units) == expected


@pytest.mark.parametrize(
    ("metres", "units", "expected"),
    [
        (8000, "km", "8 km"),
        (8420, "km", "8.42 km"),
        (8500, "km", "8.5 km"),
        (8046.7, "mi", "5 mi"),
        (10_000, "mi", "6.21 mi"),
        (0, "km", "0 km"),
    ],
)
def test_format_distance(metres, units, expected):
    """Distances show in the user's unit with at most two decimals and no trailing zeros."""
    assert format_distance(metres, units) == expected


def test_format_distance_without_label():
    """The unit label can be left off for tables that name the unit in the header."""
    assert format_distance(8420, "km", unit_label=False) == "8.42"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(5, "0:05"), (42 * 60 + 10, "42:10"), (3600 + 5 * 60 + 30, "1:05:30"), (None, ""), (0, "")],
)
def test_format_duration(seconds, expected):
    """Durations show as m:ss or h:mm:ss, and nothing at all when there is none."""
    assert format_duration(seconds) == expected


# --- properties ----------------------------------------------------------------------------------

# Text that looks like what a runner types (digits, separators, unit letters) mixed with any text.
typed = st.one_of(
    st.text(),
    st.text(alphabet="0123456789:.,-+ hmskitoday", max_size=12),
    st.from_regex(r"\A-?\d{1,6}([.,:]\d{1,3}){0,3}\s?(k|km|mi|m|h|min|s)?\Z"),
)


@settings(max_examples=examples(1.5))
@given(typed)
def test_parsers_return_a_value_or_raise_invalid_value(text):
    """For any text each parser returns a valid value or raises InvalidValue, nothing else."""
    try:
        day = parse_date(text, TODAY)
    except InvalidValue:
        pass
    else:
        assert dt.date(1970, 1, 1) <= day <= TODAY
    for units in ("km", "mi"):
        try:
            metres = parse_distance(text, units)
        except InvalidValue:
            pass
        else:
            assert 0 <= metres <= MAX_DAY_DISTANCE_M
    try:
        seconds = parse_duration(text)
    except InvalidValue:
        pass
    else:
        assert isinstance(seconds, int) and 0 < seconds <= MAX_RUN_DURATION_S
    try:
        score = parse_score(text)
    except InvalidValue:
        pass
    else:
        assert score is None or 0 <= score <= 10


@settings(max_examples=examples(1.5))
@given(st.integers(min_value=1, max_value=MAX_RUN_DURATION_S))
def test_duration_round_trips_through_its_format(seconds):
    """Any duration from 1 s to 48 h reads back exactly as it was shown."""
    assert parse_duration(format_duration(seconds)) == seconds


@settings(max_examples=examples())
@given(st.integers(min_value=0, max_value=MAX_DAY_DISTANCE_M * 10).map(lambda dm: dm / 10))
def test_distance_round_trips_through_its_format_in_km(metres):
    """A distance shown in km reads back within the 10 m that two decimals can hold."""
    shown = format_distance(metres, "km", unit_label=False)
    assert abs(parse_distance(shown, "km") - metres) <= 5.01


@pytest.mark.parametrize(
    ("day", "week_start", "first"),
    [
        ("2026-11-25", "monday", "2026-11-23"),
        ("2026-11-23", "monday", "2026-11-23"),
        ("2026-11-22", "monday", "2026-11-16"),
        ("2026-11-25", "sunday", "2026-11-22"),
        ("2026-11-21", "sunday", "2026-11-15"),
        ("2026-11-25", "wednesday", "2026-11-25"),
    ],
)
def test_week_bounds(day, week_start, first):
    """A week runs from its first day (the setting) to six days later."""
    start, end = week_bounds(dt.date.fromisoformat(day), week_start)
    assert start.isoformat() == first
    assert (end - start).days == 6


@pytest.mark.parametrize(
    ("text", "units", "expected"),
    [
        ("500mi", "km", "mi"),
        ("5 miles", "km", "mi"),
        ("800k", "mi", "km"),
        ("8000m", "mi", "km"),
        ("800", "mi", "mi"),
        ("abc", "km", "km"),
    ],
)
def test_typed_unit_names_the_unit_the_user_typed(text, units, expected):
    """A distance's own unit wins; a bare number (or nonsense) is in the setting's unit."""
    assert typed_unit(text, units) == expected
