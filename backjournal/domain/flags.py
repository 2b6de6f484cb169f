"""Red flags in two tiers: which signs a day raises, which flags are active, and the profile's
risk factors (CLINICAL.md, "Red flags: two tiers"). Pure Python: no Textual, no SQL.

* :func:`day_signs` gives a day's signs (:class:`Sign`: code, tier, severity, detail) from its
  daily check, its body-map marks, its pain scores and the day before's (severe pain counts on
  2 days running). The store records them per day (table ``red_flag``).
* :func:`profile_signs` gives the profile's risk factors as Tier 2 signs.
* :func:`active_flags` says which flags are active on a day: a flag is active from the day it is
  recorded until an outcome ("seen by a clinician" or "resolved") is recorded for it, and fires
  again only when it is **new since its last outcome** or **worse**. "New", for a flag seen by a
  clinician, means recorded again after a day without it (a sign recorded on each day running
  stays the one the clinician saw); after "resolved", any later record is new. A day without any
  entry counts as a day without the sign: erring toward safety, a gap makes it new.
* :func:`outcome_problem` checks an outcome before it is stored.
* :func:`maintenance_hold` says why the maintenance suggestion waits.

The words (sign names, tier messages) live in :mod:`backjournal.domain.safety_words`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from backjournal.domain.body import REGION_BY_ID, extent
from backjournal.domain.safety_words import SIGN_TEXT
from backjournal.domain.symptoms import Mark

# The daily check: its day columns, Tier 1 first (the order Today asks them in).
TIER1_CHECKS: tuple[str, ...] = ("rf_saddle", "rf_bladder", "rf_sexual", "rf_weakness_worse")
TIER2_CHECKS: tuple[str, ...] = ("rf_weakness", "rf_fever", "rf_night", "rf_thoracic", "rf_trauma")
RED_FLAG_FIELDS: tuple[str, ...] = TIER1_CHECKS + TIER2_CHECKS

TIER1_CODES: frozenset[str] = frozenset(
    {"saddle", "bladder", "sexual", "weakness-worse", "saddle-map", "both-legs", "weakness-both"}
)
PROFILE_FACTORS: tuple[str, ...] = ("cancer", "steroids", "immunosuppression", "osteoporosis")
PROFILE_KEYS: tuple[str, ...] = (*PROFILE_FACTORS, "birth_year")
PROFILE_CODES: frozenset[str] = frozenset({*PROFILE_FACTORS, "age-onset"})
FLAG_CODES: tuple[str, ...] = tuple(SIGN_TEXT)

SEVERE = 7  # NRS 7-10 is severe (CLINICAL.md)
LEG_LEVEL = 3  # "thigh or below": extent level 3 (thigh) and further down
NERVE_QUALITIES: frozenset[str] = frozenset(
    {"shooting", "tingling", "numbness", "burning", "weakness"}
)
SADDLE_QUALITIES: frozenset[str] = frozenset({"tingling", "numbness"})
YOUNG_ONSET = 20  # new back pain before 20...
OLD_ONSET = 50  # ...or after 50 is a Tier 2 sign (NICE NG59)
EARLIEST_BIRTH_YEAR = 1900
OUTCOMES: tuple[str, ...] = ("seen", "resolved")
MAX_NOTE = 500


def tier_of(code: str) -> int:
    """1 for an emergency sign, 2 for the rest."""
    return 1 if code in TIER1_CODES else 2


@dataclass(frozen=True)
class Sign:
    """One sign recorded for a day. ``severity`` says whether a later record is worse (see
    :func:`worse`); ``detail`` names what was seen (regions, scores)."""

    code: str
    severity: int = 1
    detail: str = ""

    @property
    def tier(self) -> int:
        return tier_of(self.code)


def _legs_at(marks: Iterable[Mark], qualities: frozenset[str], level: int) -> set[str]:
    """The sides ("l", "r") holding a mark with one of ``qualities`` at ``level`` or below."""
    return {
        REGION_BY_ID[m.region].side  # type: ignore[misc]
        for m in marks
        if REGION_BY_ID[m.region].side
        and REGION_BY_ID[m.region].level >= level
        and qualities.intersection(m.qualities)
    }


def nerve_extent(marks: Iterable[Mark]) -> tuple[int, int]:
    """How far down each leg nerve-like symptoms reach, by the journal's extent function."""
    return extent([m for m in marks if NERVE_QUALITIES.intersection(m.qualities)])


def _severe_day(pain: Mapping[str, int | None], marks: Iterable[Mark]) -> int:
    """The day's highest score when it is severe (7+), else 0."""
    scores = [v for v in pain.values() if v is not None] + [m.intensity for m in marks]
    if not scores:
        return 0
    worst = max(scores)
    return worst if worst >= SEVERE else 0


def day_signs(
    checks: Mapping[str, bool | None],
    marks: list[Mark],
    pain: Mapping[str, int | None],
    before_pain: Mapping[str, int | None] | None = None,
    before_marks: list[Mark] | None = None,
) -> list[Sign]:
    """Every sign a day raises, Tier 1 first: its check answers, its body map, and severe pain
    on this day and the day before (``before_pain``, ``before_marks``)."""
    signs: list[Sign] = []
    for field in TIER1_CHECKS:
        if checks.get(field) is True:
            signs.append(Sign(field.removeprefix("rf_").replace("_", "-")))
    sides = {
        REGION_BY_ID[m.region].side
        for m in marks
        if m.region in ("buttock-l", "buttock-r") and SADDLE_QUALITIES.intersection(m.qualities)
    }
    if sides == {"l", "r"}:
        signs.append(Sign("saddle-map"))
    left, right = nerve_extent(marks)
    if left >= LEG_LEVEL and right >= LEG_LEVEL:
        signs.append(Sign("both-legs", left * 10 + right, f"extent left {left}, right {right}"))
    weak = sorted(m.region for m in marks if "weakness" in m.qualities)
    weak_both = _legs_at(marks, frozenset({"weakness"}), LEG_LEVEL) == {"l", "r"}
    if weak_both:
        signs.append(Sign("weakness-both", len(weak), ", ".join(weak)))
    for field in TIER2_CHECKS:
        if checks.get(field) is True:
            signs.append(Sign(field.removeprefix("rf_")))
    if weak and not weak_both:
        signs.append(Sign("weakness-mark", len(weak), ", ".join(weak)))
    today = _severe_day(pain, marks)
    yesterday = _severe_day(before_pain or {}, before_marks or [])
    if today and yesterday:
        signs.append(Sign("severe-pain", today, f"{yesterday} the day before, {today} this day"))
    return signs


def worse(code: str, new: int, old: int) -> bool:
    """True when a sign of severity ``new`` is worse than one of ``old``. For both legs the
    severity holds each leg's extent (left * 10 + right): worse when either leg reaches further
    down."""
    if code == "both-legs":
        return new // 10 > old // 10 or new % 10 > old % 10
    return new > old


# --- the profile ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Risk factors (True yes, False no, None not answered), each with the date it was recorded
    (``since``), and the year of birth."""

    factors: Mapping[str, bool | None]
    since: Mapping[str, str]
    birth_year: int | None = None


def birth_year_problem(year: object, today: dt.date) -> str | None:
    """What is wrong with a year of birth, or None."""
    if isinstance(year, bool) or not isinstance(year, int):
        return f"year of birth must be a whole year, not {year!r}"
    if year < EARLIEST_BIRTH_YEAR:
        return f"year of birth {year} is before {EARLIEST_BIRTH_YEAR}"
    if year > today.year:
        return f"year of birth {year} is in the future; this is {today.year}"
    return None


def onset_age(birth_year: int | None, first_episode: str | None) -> int | None:
    """The age at the first episode: its year minus the year of birth (a year of birth alone
    cannot say more); None when either is unknown."""
    if birth_year is None or first_episode is None:
        return None
    return int(first_episode[:4]) - birth_year


def onset_age_sign(birth_year: int | None, first_episode: str | None) -> bool:
    """True when back pain began before 20 or after 50."""
    age = onset_age(birth_year, first_episode)
    return age is not None and (age < YOUNG_ONSET or age > OLD_ONSET)


def profile_signs(profile: Profile, first_episode: str | None) -> list[tuple[str, Sign]]:
    """The profile's Tier 2 signs, each with the date it counts from: a risk factor from the day
    it was recorded, the age at onset from the first episode recorded."""
    out = []
    for factor in PROFILE_FACTORS:
        if profile.factors.get(factor) is True and factor in profile.since:
            out.append((profile.since[factor], Sign(factor)))
    age = onset_age(profile.birth_year, first_episode)
    if first_episode is not None and onset_age_sign(profile.birth_year, first_episode):
        out.append((first_episode, Sign("age-onset", detail=f"about {age} at the first episode")))
    return out


# --- persistence ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """A sign recorded on a date."""

    date: str
    sign: Sign


@dataclass(frozen=True)
class Outcome:
    """What the user recorded about a flag: ``kind`` "seen" (by a clinician; ``note`` what they
    said, ``until`` a date before which they advised no running) or "resolved"."""

    code: str
    date: str
    kind: str
    note: str = ""
    until: str | None = None


@dataclass(frozen=True)
class ActiveFlag:
    """A flag in force on a day: since when, its latest record, and why it fired again (when it
    was worse than at its last outcome)."""

    code: str
    since: str
    last: str
    severity: int
    detail: str = ""
    worse_than: str = ""  # e.g. "worse than when seen on 2026-11-20"

    @property
    def tier(self) -> int:
        return tier_of(self.code)


def _next_day(date: str) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


@dataclass(frozen=True)
class Span:
    """The days a flag was active: from ``since`` up to the day before ``end`` (the date of the
    outcome that answered it), or on every later day when ``end`` is None."""

    code: str
    since: str
    end: str | None

    @property
    def tier(self) -> int:
        return tier_of(self.code)


def _events(
    occurrences: Iterable[Occurrence], outcomes: Iterable[Outcome], day: str | None
) -> dict[str, list[tuple[str, Sign | Outcome]]]:
    """Each code's records and outcomes up to ``day`` (all of them when None), in the order
    :func:`_walk` follows: by date, a day's records before its outcome (the outcome answers
    them)."""
    by_code: dict[str, list[tuple[str, Sign | Outcome]]] = {}
    for occ in occurrences:
        if day is None or occ.date <= day:
            by_code.setdefault(occ.sign.code, []).append((occ.date, occ.sign))
    for out in outcomes:
        if (day is None or out.date <= day) and out.code in by_code:
            by_code[out.code].append((out.date, out))
    return {
        code: sorted(events, key=lambda e: (e[0], isinstance(e[1], Outcome)))
        for code, events in by_code.items()
    }


def active_spans(occurrences: Iterable[Occurrence], outcomes: Iterable[Outcome]) -> list[Span]:
    """Every stretch of days a flag was active, by the rules of :func:`active_flags` (a flag is
    active on a day exactly when the day falls in one of its spans): what History marks, read
    once for any range. A flag answered on the day it was recorded has no span."""
    spans: list[Span] = []
    for code, events in _events(occurrences, outcomes, None).items():
        _walk(code, events, spans)
    return sorted(spans, key=lambda s: (s.since, s.tier, FLAG_CODES.index(s.code)))


# How a day with a flag active is marked in a table (History, the report's daily appendix), in
# words so that it reads without colour: "!!T1" an emergency sign, "T2" a doctor within days.
TIER_MARKS: dict[tuple[int, ...], str] = {(): "", (1,): "!!T1", (2,): "T2", (1, 2): "!!T1+2"}


class ActiveDays:
    """Which tiers of flag are active on any day, from :func:`active_spans`: built once for a
    range, then two bisections per day (History looks up every row of ten years)."""

    def __init__(self, spans: Iterable[Span]):
        self._bounds: dict[int, tuple[list[str], list[int]]] = {}
        for tier in (1, 2):
            change: dict[str, int] = {}
            for span in spans:
                if span.tier != tier:
                    continue
                change[span.since] = change.get(span.since, 0) + 1
                if span.end is not None:
                    change[span.end] = change.get(span.end, 0) - 1
            dates = sorted(change)
            counts, total = [], 0
            for date in dates:
                total += change[date]
                counts.append(total)
            self._bounds[tier] = (dates, counts)

    def tiers(self, day: str) -> tuple[int, ...]:
        """The tiers with a flag active on ``day`` (ISO date), 1 first: (), (1,), (2,) or (1, 2)."""
        found = []
        for tier, (dates, counts) in self._bounds.items():
            i = bisect.bisect_right(dates, day) - 1
            if i >= 0 and counts[i] > 0:
                found.append(tier)
        return tuple(found)


def active_flags(
    occurrences: Iterable[Occurrence], outcomes: Iterable[Outcome], day: str
) -> list[ActiveFlag]:
    """The flags active on ``day`` (ISO date), Tier 1 first, then by date; see the module."""
    found = []
    for code, events in _events(occurrences, outcomes, day).items():
        flag = _walk(code, events)
        if flag is not None:
            found.append(flag)
    return sorted(found, key=lambda f: (f.tier, f.since, FLAG_CODES.index(f.code)))


def _walk(
    code: str, events: list[tuple[str, Sign | Outcome]], spans: list[Span] | None = None
) -> ActiveFlag | None:
    """Follow one code's records and outcomes in date order (a day's records before its
    outcome); return the flag still open at the end, or None. With ``spans``, append each
    stretch the flag was open (answered on its first day: none)."""
    open_flag: ActiveFlag | None = None
    # The last outcome, the last day it covers, and the severity it answered.
    cover: tuple[Outcome, str, int] | None = None
    for date, item in events:
        if isinstance(item, Outcome):
            if open_flag is not None:
                if spans is not None and open_flag.since < item.date:
                    spans.append(Span(code, open_flag.since, item.date))
                cover = (item, item.date, open_flag.severity)
                open_flag = None
            continue
        assert isinstance(item, Sign)
        if open_flag is not None:
            open_flag = ActiveFlag(
                code,
                open_flag.since,
                date,
                max(open_flag.severity, item.severity),
                item.detail or open_flag.detail,
                open_flag.worse_than,
            )
            continue
        if cover is not None:
            outcome, until, answered = cover
            is_worse = worse(code, item.severity, answered)
            if not is_worse and outcome.kind == "seen" and date == _next_day(until):
                cover = (outcome, date, answered)  # the same sign, still there the next day
                continue
            label = "seen by a clinician" if outcome.kind == "seen" else "resolved"
            why = f"worse than when {label} on {outcome.date}" if is_worse else ""
            open_flag = ActiveFlag(code, date, date, item.severity, item.detail, why)
            continue
        open_flag = ActiveFlag(code, date, date, item.severity, item.detail)
    if spans is not None and open_flag is not None:
        spans.append(Span(code, open_flag.since, None))
    return open_flag


def restrictions(outcomes: Iterable[Outcome], day: str) -> list[Outcome]:
    """The outcomes whose clinician advised no running until a date on or after ``day``."""
    return [o for o in outcomes if o.until is not None and o.date <= day <= o.until]


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_problem(what: str, value: object) -> str | None:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return f"{what} '{value}' is not a date (YYYY-MM-DD)"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"{what} '{value}' is not a date (YYYY-MM-DD)"
    return None


def outcome_problem(outcome: Outcome, active: Iterable[ActiveFlag], today: dt.date) -> str | None:
    """What is wrong with recording ``outcome`` against the flags ``active`` today, or None."""
    if outcome.code not in FLAG_CODES:
        return f"unknown flag '{outcome.code}'; flags are {', '.join(FLAG_CODES)}"
    if outcome.kind not in OUTCOMES:
        return f"an outcome is one of {', '.join(OUTCOMES)}, not '{outcome.kind}'"
    problem = _date_problem("the outcome's date", outcome.date)
    if problem:
        return problem
    if outcome.date > today.isoformat():
        return f"the outcome's date {outcome.date} is in the future; today is {today.isoformat()}"
    flag = next((f for f in active if f.code == outcome.code), None)
    if flag is None:
        return f"no active flag '{outcome.code}' to record an outcome for"
    if outcome.date < flag.since:
        return f"the outcome's date {outcome.date} is before the flag was recorded ({flag.since})"
    if not isinstance(outcome.note, str) or len(outcome.note) > MAX_NOTE:
        return f"the note is text of at most {MAX_NOTE} characters"
    if outcome.until is not None:
        problem = _date_problem("'no running until'", outcome.until)
        if problem:
            return problem
        if outcome.until < outcome.date:
            return f"'no running until' {outcome.until} is before the outcome's date"
        if outcome.kind != "seen":
            return "'no running until' goes with an outcome 'seen' (what the clinician said)"
    return None


# --- the maintenance suggestion ------------------------------------------------------------------

HOLD_DAYS = 14


def hold_start(day: dt.date) -> dt.date:
    """The first of the 14 days (ending on ``day``) the maintenance suggestion looks back on."""
    return day - dt.timedelta(days=HOLD_DAYS - 1)


def maintenance_hold(
    active: list[ActiveFlag],
    marks_by_day: Mapping[str, list[Mark]],
    peripheralising_days: Iterable[str],
    day: dt.date,
) -> str | None:
    """Why the maintenance suggestion waits, or None: a flag is active on ``day``, or the 14
    days ending on it hold a weakness or numbness mark or a rising extent (days outside them are
    left out)."""
    if active:
        return "a red flag is active"
    first = hold_start(day).isoformat()
    last = day.isoformat()
    for date in sorted(marks_by_day):
        if not first <= date <= last:
            continue
        for mark in marks_by_day[date]:
            if {"weakness", "numbness"}.intersection(mark.qualities):
                return f"{date} has a weakness or numbness mark"
    rising = sorted(d for d in peripheralising_days if first <= d <= last)
    if rising:
        return f"leg symptoms reached further down on {rising[0]}"
    return None
