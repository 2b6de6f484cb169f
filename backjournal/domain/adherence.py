"""Keeping to the programme: which exercises each day scheduled (by the programme in force that
day), adherence over 7 and 28 days, the streak of complete days, the four-week strip, weekly
adherence for Trends, and the suggestion to move to (or back from) maintenance. Pure Python.

Definitions (each is tested in tests/test_exercises.py):

* **Scheduled** on a date: the programme items in force that date (an edit closes the old items
  and opens new ones from its date) whose weekdays include the date's weekday.
* **Done** on a date: the scheduled exercises ticked that date. Extra (unscheduled) ticks are kept
  and shown but do not count, so a day's done is never more than its scheduled. A tick with fewer
  sets than prescribed still counts as done.
* **Adherence** over a window = done / scheduled, summed over the window's days; ``None`` when
  nothing was scheduled. **Today is not over**: it counts only with what is already ticked (done
  of done), so the morning's percentage is not lowered by exercises still to come.
* **Streak**: the consecutive days, going back from today, on which every scheduled exercise was
  done. A day with nothing scheduled neither counts nor breaks it; today, while not complete, does
  not break it either (it is not over).
* **Suggestions**: see :func:`phase_suggestion`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from backjournal.domain.values import PHASES

# The suggestion rules (issue #4).
MAINTENANCE_DAYS = 14  # pain at or under MAINTENANCE_PAIN for this many days...
MAINTENANCE_PAIN = 2
MAINTENANCE_ADHERENCE_PCT = 70  # ...and this share of the programme done over those days
RISE_POINTS = 2  # during maintenance: pain rises this much (the NRS's meaningful change)...
RISE_DAYS = 3  # ...within this many days
DISMISS_DAYS = 7  # a dismissed suggestion stays quiet this many days (the day of dismissal too)
ADHERENCE_WINDOW = 28  # the strip and the 28-day percentage
SUGGESTION_KINDS: tuple[str, ...] = ("maintenance", "back")


# --- scheduling over time ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeSpan:
    """A programme item as it was in force: from ``valid_from`` up to (not including)
    ``valid_to`` (None: still in force)."""

    exercise_id: str
    weekdays: tuple[int, ...]
    valid_from: dt.date
    valid_to: dt.date | None = None

    def scheduled_on(self, day: dt.date) -> bool:
        return (
            self.valid_from <= day
            and (self.valid_to is None or day < self.valid_to)
            and day.weekday() in self.weekdays
        )


def day_counts(
    spans: Iterable[ProgrammeSpan],
    ticks: Mapping[dt.date, Iterable[str]],
    start: dt.date,
    end: dt.date,
) -> dict[dt.date, tuple[int, int]]:
    """(scheduled, done) for every date ``start``..``end``, with the programme in force on each
    date: done counts only the scheduled exercises that were ticked."""
    # Each span marks only its own days (from its first day in the range, every 7 days per
    # weekday), rather than every day asking every span: the cost follows the items in force and
    # the range asked for, not the age of the journal or the number of programme edits.
    n = (end - start).days + 1
    if n <= 0:
        return {}
    scheduled: list[set[str] | None] = [None] * n
    for span in spans:
        first = max(span.valid_from, start)
        last = end if span.valid_to is None else min(span.valid_to - dt.timedelta(days=1), end)
        if last < first:
            continue
        lo, hi = (first - start).days, (last - start).days
        for weekday in set(span.weekdays):
            for i in range(lo + (weekday - first.weekday()) % 7, hi + 1, 7):
                found = scheduled[i]
                if found is None:
                    scheduled[i] = {span.exercise_id}
                else:
                    found.add(span.exercise_id)
    out: dict[dt.date, tuple[int, int]] = {}
    day = start
    one = dt.timedelta(days=1)
    for due in scheduled:
        out[day] = (len(due), len(due.intersection(ticks.get(day, ())))) if due else (0, 0)
        day += one
    return out


# --- adherence -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Adherence:
    """``pct7`` and ``pct28``: the share (0-1) of scheduled exercises done over the last 7 and
    28 days (None when nothing was scheduled); ``streak``: complete days in a row (see the module's
    definitions); ``strip``: the last 28 days as (date, scheduled, done), oldest first."""

    pct7: float | None
    pct28: float | None
    streak: int
    strip: tuple[tuple[dt.date, int, int], ...]


def _counted(days: Mapping[dt.date, tuple[int, int]], day: dt.date, today: dt.date):
    """(scheduled, done) of ``day`` as the percentages count it: done capped at scheduled, and
    today (not over yet) counted only with what is ticked."""
    scheduled, done = days.get(day, (0, 0))
    done = min(done, scheduled)
    if day == today:
        return done, done
    return scheduled, done


def ratio(
    days: Mapping[dt.date, tuple[int, int]], first: dt.date, last: dt.date, today: dt.date
) -> tuple[int, int]:
    """(scheduled, done) summed over ``first``..``last`` as adherence counts them."""
    total_s = total_d = 0
    day = first
    while day <= last:
        s, d = _counted(days, day, today)
        total_s += s
        total_d += d
        day += dt.timedelta(days=1)
    return total_s, total_d


def _pct(days: Mapping[dt.date, tuple[int, int]], n: int, today: dt.date) -> float | None:
    scheduled, done = ratio(days, today - dt.timedelta(days=n - 1), today, today)
    return done / scheduled if scheduled else None


def streak_of(days: Mapping[dt.date, tuple[int, int]], today: dt.date) -> tuple[int, bool]:
    """The streak, and whether it was broken within ``days`` (False: it reaches back to the
    earliest date given, so an older day might lengthen it)."""
    if not days:
        return 0, False
    earliest = min(days)
    count = 0
    day = today
    while day >= earliest:
        scheduled, done = days.get(day, (0, 0))
        if scheduled:
            if done >= scheduled:
                count += 1
            elif day != today:
                return count, True
        day -= dt.timedelta(days=1)
    return count, False


def strip_of(
    days: Mapping[dt.date, tuple[int, int]], today: dt.date, length: int = ADHERENCE_WINDOW
) -> tuple[tuple[dt.date, int, int], ...]:
    """The last ``length`` days up to ``today`` as (date, scheduled, done), oldest first, done
    capped at scheduled: the adherence strip (28 days, or twelve weeks on a wide screen)."""
    out = []
    for i in range(length):
        day = today - dt.timedelta(days=length - 1 - i)
        scheduled, done = days.get(day, (0, 0))
        out.append((day, scheduled, min(done, scheduled)))
    return tuple(out)


def adherence(days: Mapping[dt.date, tuple[int, int]], today: dt.date) -> Adherence:
    """The adherence panel from (scheduled, done) per date (a date not given: nothing
    scheduled). See the module's definitions of today and the streak."""
    strip = strip_of(days, today)
    return Adherence(
        pct7=_pct(days, 7, today),
        pct28=_pct(days, ADHERENCE_WINDOW, today),
        streak=streak_of(days, today)[0],
        strip=strip,
    )


def weekly(
    days: Mapping[dt.date, tuple[int, int]], week_start: str, today: dt.date | None = None
) -> dict[dt.date, float]:
    """Each week's first day -> done / scheduled that week (weeks with nothing scheduled left
    out). ``today``, when in the data, counts as in :func:`adherence`."""
    from backjournal.domain.values import week_bounds

    sums: dict[dt.date, list[int]] = {}
    for day in days:
        s, d = _counted(days, day, today) if today is not None else _capped(days[day])
        if not s:
            continue
        acc = sums.setdefault(week_bounds(day, week_start)[0], [0, 0])
        acc[0] += s
        acc[1] += d
    return {week: d / s for week, (s, d) in sorted(sums.items())}


def _capped(pair: tuple[int, int]) -> tuple[int, int]:
    return pair[0], min(pair[1], pair[0])


# --- the phase suggestion ------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A prompt to change phase, which the user accepts or dismisses (never applied by itself):
    ``kind`` "maintenance" (move on) or "back" (return to a more intensive phase)."""

    kind: str
    to_phase: str
    reason: str


def _scored(pain: tuple[int | None, int | None] | None) -> bool:
    return pain is not None and any(p is not None for p in pain)


def phase_suggestion(
    phase: str,
    pain_by_day: Mapping[dt.date, tuple[int | None, int | None]],
    adherence_by_day: Mapping[dt.date, tuple[int, int]],
    today: dt.date,
) -> Suggestion | None:
    """The suggestion for ``today``, or None. ``pain_by_day`` maps a date to the day's worst
    (back, leg) scores; ``adherence_by_day`` to (scheduled, done).

    The day judged is today when today has a pain score, otherwise yesterday (today's log may not
    be written yet).

    * **Move to maintenance** (from relief or strengthening): on each of the 14 days ending on the
      day judged, pain was scored and back and leg were both 2 or less (a site not scored that day
      counts as not painful, but a day with no score at all blocks the suggestion: we cannot say
      pain stayed low on a day we know nothing of), and over those 14 days at least 70 % of the
      scheduled exercises were done (something must have been scheduled).
    * **Go back** (during maintenance, to strengthening): back or leg pain on the day judged is 2
      or more points higher than on one of the 3 days before it ("a rise of 2 points over 3
      days"); days without a score are skipped, and with none of the 3 scored, no suggestion.
    """
    judged = today if _scored(pain_by_day.get(today)) else today - dt.timedelta(days=1)
    if phase == "maintenance":
        return _back_suggestion(pain_by_day, judged)
    if phase not in PHASES:
        return None
    first = judged - dt.timedelta(days=MAINTENANCE_DAYS - 1)
    day = first
    while day <= judged:
        pain = pain_by_day.get(day)
        if not _scored(pain):
            return None
        if any(p is not None and p > MAINTENANCE_PAIN for p in pain):  # type: ignore[union-attr]
            return None
        day += dt.timedelta(days=1)
    scheduled, done = ratio(adherence_by_day, first, judged, today)
    if not scheduled or done * 100 < MAINTENANCE_ADHERENCE_PCT * scheduled:
        return None
    pct = done / scheduled * 100
    return Suggestion(
        "maintenance",
        "maintenance",
        f"Back and leg pain have stayed at {MAINTENANCE_PAIN} or less for "
        f"{MAINTENANCE_DAYS} days ({first.isoformat()} to {judged.isoformat()}) and you did "
        f"{_fmt_pct(pct)} of the programme ({done} of {scheduled}): time to move to the "
        "maintenance programme?",
    )


def _fmt_pct(pct: float) -> str:
    """A percentage that never rounds over a threshold: 69.9 shows as 69.9 %, not 70 %."""
    return f"{pct:.0f} %" if pct == int(pct) else f"{int(pct * 10) / 10:.1f} %"


def _back_suggestion(
    pain_by_day: Mapping[dt.date, tuple[int | None, int | None]], judged: dt.date
) -> Suggestion | None:
    now = pain_by_day.get(judged)
    if not _scored(now):
        return None
    for i, site in enumerate(("back", "leg")):
        score = now[i]  # type: ignore[index]
        if score is None:
            continue
        before = [
            (d, p[i])
            for k in range(1, RISE_DAYS + 1)
            if (p := pain_by_day.get(d := judged - dt.timedelta(days=k))) is not None
            and p[i] is not None
        ]
        if not before:
            continue
        low_day, low = min(before, key=lambda x: (x[1], x[0]))
        if score - low >= RISE_POINTS:
            return Suggestion(
                "back",
                "strengthening",
                f"{site.capitalize()} pain rose from {low} on {low_day.isoformat()} to {score} "
                f"on {judged.isoformat()} during maintenance: go back to the strengthening "
                "programme for a while?",
            )
    return None
