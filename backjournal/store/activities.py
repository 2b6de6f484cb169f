"""Runs from activity files: the SQL behind ``backjournal import gpx|tcx|fit|strava``.

An activity becomes a run on the local date of its start (in the zone the file says it was
recorded in, else this computer's; a file that cannot say when, a watch's unset clock, on the
date given), after the runs already on that day, with its source and source id and its start
time (``started_at``, UTC). It is skipped, and counted, when it is not a run (a ride, a
swim...), or when the journal already has it: the same source and source id, or, from any
source, a run that started within a minute of it and is as long (within 1 %, or 50 m). One
batch is one transaction; a run that breaks the journal's rules (more than 300 km, a start in
the future), or that no one could run (``domain/plausibility.py``, unless ``force``), is named
and left out; the others are written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from backjournal.domain.models import Run, check_date
from backjournal.domain.plausibility import implausible
from backjournal.io.activities import Activity
from backjournal.store.journal import Journal, _now

ADDED, KNOWN, NOT_A_RUN, REFUSED = "added", "already in the journal", "not a run", "refused"
SAME_START_S = 60
SAME_DISTANCE_SHARE = 0.01
SAME_DISTANCE_M = 50.0


@dataclass
class ActivityResult:
    """What a batch of activities did to the journal."""

    added: list[tuple[str, Activity]] = field(default_factory=list)  # (date, activity)
    duplicates: int = 0
    not_runs: Counter = field(default_factory=Counter)  # sport -> how many
    refused: list[tuple[Activity, str]] = field(default_factory=list)
    by_file_zone: int = 0  # runs added on the local date of the zone their file states
    # What happened to each activity, by id(activity): (status, date or sport or reason).
    status: dict[int, tuple[str, str]] = field(default_factory=dict)

    @property
    def metres(self) -> float:
        return sum(a.distance_m for _, a in self.added)


UNSET_CLOCK = (
    "the watch's clock was not set, so the file cannot say when this was: give its date with --date"
)


def local_date(activity: Activity, tz: dt.tzinfo | None = None) -> str | None:
    """The date the runner lived the start on: local time in the file's zone when it states one,
    else ``tz`` (else this computer's); None when the file cannot say when."""
    start = activity.local_start(tz)
    return start.date().isoformat() if start is not None else None


def add_activities(
    journal: Journal,
    activities: list[Activity],
    today: dt.date,
    *,
    tz: dt.tzinfo | None = None,
    force: bool = False,
    place_on: dt.date | None = None,
) -> ActivityResult:
    """Add the runs among ``activities`` that the journal does not have yet (one transaction).

    ``place_on`` places the runs whose file cannot say when they were; ``force`` keeps runs refused
    as implausible."""
    result = ActivityResult()
    with journal._writing() as conn:
        for activity in activities:
            if not activity.is_run:
                result.not_runs[activity.sport] += 1
                result.status[id(activity)] = (NOT_A_RUN, activity.sport)
                continue
            date = local_date(activity, tz)
            if date is None:
                if place_on is None:
                    result.refused.append((activity, UNSET_CLOCK))
                    result.status[id(activity)] = (REFUSED, UNSET_CLOCK)
                    continue
                date = place_on.isoformat()
            run = Run(
                distance_m=round(activity.distance_m, 1),
                duration_s=activity.duration_s,
                type=activity.type,
                surface=activity.surface,
                notes=activity.name,
            )
            problems = list(run.errors().values())
            date_problem = check_date(date, today)
            if date_problem:
                problems.insert(0, date_problem)
            if not problems and not force:
                doubt = implausible(run.distance_m, run.duration_s)
                if doubt:
                    problems.append(f"{doubt} (--force keeps it)")
            if _known(conn, activity, date):
                result.duplicates += 1
                result.status[id(activity)] = (KNOWN, date)
                continue
            if problems:
                result.refused.append((activity, "; ".join(problems)))
                result.status[id(activity)] = (REFUSED, "; ".join(problems))
                continue
            conn.execute(
                "INSERT INTO day (date, updated_at) VALUES (?, ?) ON CONFLICT(date) DO NOTHING",
                (date, _now()),
            )
            seq = conn.execute(
                "SELECT coalesce(max(seq) + 1, 0) FROM run WHERE date = ?", (date,)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO run (date, seq, distance_m, duration_s, type, surface, notes, "
                "source, source_id, started_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    date,
                    seq,
                    run.distance_m,
                    run.duration_s,
                    run.type,
                    run.surface,
                    run.notes,
                    activity.source,
                    activity.source_id,
                    activity.started_utc,
                    _now(),
                ),
            )
            result.added.append((date, activity))
            result.status[id(activity)] = (ADDED, date)
            if activity.utc_offset_s is not None:
                result.by_file_zone += 1
    return result


def source_ids(journal: Journal, source: str) -> set[str]:
    """The source ids of the runs imported from ``source``."""
    with journal._lock:
        return {
            r[0]
            for r in journal.conn.execute(
                "SELECT source_id FROM run WHERE source = ? AND source_id IS NOT NULL", (source,)
            )
        }


def _known(conn, activity: Activity, date: str) -> bool:
    """The journal already holds this activity (same source id, or same start and distance)."""
    if conn.execute(
        "SELECT 1 FROM run WHERE source = ? AND source_id = ?",
        (activity.source, activity.source_id),
    ).fetchone():
        return True
    if activity.started_at is None:
        return False
    start = activity.started_at.astimezone(dt.timezone.utc)
    # The same start can fall on the day before or after in another time zone: look around.
    day = dt.date.fromisoformat(date)
    around = [(day + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
    for started_at, metres in conn.execute(
        "SELECT started_at, distance_m FROM run WHERE date IN (?, ?, ?) AND started_at IS NOT NULL",
        around,
    ):
        try:
            other = dt.datetime.fromisoformat(started_at)
        except ValueError:
            continue
        if other.tzinfo is None:
            other = other.replace(tzinfo=dt.timezone.utc)
        close_in_time = abs((other - start).total_seconds()) <= SAME_START_S
        tolerance = max(SAME_DISTANCE_M, SAME_DISTANCE_SHARE * max(metres, activity.distance_m))
        if close_in_time and abs(metres - activity.distance_m) <= tolerance:
            return True
    return False
