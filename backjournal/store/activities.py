"""Runs from activity files: the SQL behind ``backjournal import gpx|tcx|fit|strava``.

An activity becomes a run on the local date of its start (this computer's time zone), after the
runs already on that day, with its source and source id and its start time (``started_at``,
UTC). It is skipped, and counted, when it is not a run (a ride, a swim...), or when the journal
already has it: the same source and source id, or, from any source, a run that started within a
minute of it and is as long (within 1 %, or 50 m). One batch is one transaction; a run that
breaks the journal's rules (more than 300 km, a start in the future) is named and left out, the
others are written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from backjournal.domain.models import Run, check_date
from backjournal.io.activities import Activity
from backjournal.store.journal import Journal, _now

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

    @property
    def metres(self) -> float:
        return sum(a.distance_m for _, a in self.added)


def local_date(activity: Activity, tz: dt.tzinfo | None = None) -> str:
    """The date the runner lived the start on: local time (``tz``, else this computer's)."""
    return activity.started_at.astimezone(tz).date().isoformat()


def add_activities(
    journal: Journal,
    activities: list[Activity],
    today: dt.date,
    *,
    tz: dt.tzinfo | None = None,
) -> ActivityResult:
    """Add the runs among ``activities`` that the journal does not have yet (one transaction)."""
    result = ActivityResult()
    with journal._writing() as conn:
        for activity in activities:
            if not activity.is_run:
                result.not_runs[activity.sport] += 1
                continue
            date = local_date(activity, tz)
            run = Run(
                distance_m=activity.distance_m,
                duration_s=activity.duration_s,
                type=activity.type,
                surface=activity.surface,
                notes=activity.name,
            )
            problems = list(run.errors().values())
            date_problem = check_date(date, today)
            if date_problem:
                problems.insert(0, date_problem)
            if problems:
                result.refused.append((activity, "; ".join(problems)))
                continue
            if _known(conn, activity, date):
                result.duplicates += 1
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
    return result


def _known(conn, activity: Activity, date: str) -> bool:
    """The journal already holds this activity (same source id, or same start and distance)."""
    if conn.execute(
        "SELECT 1 FROM run WHERE source = ? AND source_id = ?",
        (activity.source, activity.source_id),
    ).fetchone():
        return True
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
