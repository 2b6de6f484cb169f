"""Runs and other activity from activity files: the SQL behind ``backjournal import
gpx|tcx|fit|strava|sync``.

An activity becomes a run on the local date of its start (in the zone the file says it was
recorded in, else this computer's; a file that cannot say when, a watch's unset clock, on the
date given), after the runs already on that day, with its source and source id and its start
time (``started_at``, UTC). It is skipped, and counted, when the journal already has it: the
same source and source id, or, from any source, a run that started within a minute of it and is
as long (within 1 %, or 50 m). One batch is one transaction; a run that breaks the journal's
rules (more than 300 km, a start in the future), or that no one could run
(``domain/plausibility.py``, unless ``force``), is named and left out; the others are written.

A sport that is not a run (issue #20: a ride, a walk, a swim...) is kept as other activity of
its sport (``domain/activity.sport_from_file``: ``Biking`` is a ride, an unknown sport "other"),
on its local date in the same way, with its minutes, its distance when it has one, its name as
the note, and its source, source id and start time, found again as runs are (same source id, or
a start within a minute and the same distance). One without a duration of 1 minute to 24 hours
is named and left out. With ``runs_only`` such sports are skipped and counted, as before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from backjournal.domain.activity import MAX_ACTIVITY_NOTE, sport_from_file
from backjournal.domain.activity import Activity as OtherActivity
from backjournal.domain.models import Run, check_date
from backjournal.domain.plausibility import implausible
from backjournal.io.activities import Activity
from backjournal.store.journal import Journal, _now

ADDED, KNOWN, NOT_A_RUN, REFUSED = "added", "already in the journal", "not a run", "refused"
KEPT = "kept"  # other activity (a ride, a walk...) kept as such
SAME_START_S = 60
SAME_DISTANCE_SHARE = 0.01
SAME_DISTANCE_M = 50.0


@dataclass
class ActivityResult:
    """What a batch of activities did to the journal."""

    added: list[tuple[str, Activity]] = field(default_factory=list)  # (date, activity)
    # Other activity kept: (date, activity, the journal's sport: ride, walk...).
    kept: list[tuple[str, Activity, str]] = field(default_factory=list)
    duplicates: int = 0
    not_runs: Counter = field(default_factory=Counter)  # sport -> how many
    refused: list[tuple[Activity, str]] = field(default_factory=list)
    by_file_zone: int = 0  # runs added on the local date of the zone their file states
    # What happened to each activity, by id(activity): (status, date or sport or reason).
    status: dict[int, tuple[str, str]] = field(default_factory=dict)

    @property
    def metres(self) -> float:
        return sum(a.distance_m for _, a in self.added)

    @property
    def kept_by_sport(self) -> Counter:
        """How many activities were kept as other activity, by the journal's sport."""
        return Counter(sport for _, _, sport in self.kept)


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
    runs_only: bool = False,
) -> ActivityResult:
    """Add the runs among ``activities`` that the journal does not have yet, and the other
    sports as other activity unless ``runs_only`` (one transaction).

    ``place_on`` places the activities whose file cannot say when they were; ``force`` keeps runs
    refused as implausible."""
    result = ActivityResult()
    with journal._writing() as conn:
        for activity in activities:
            if not activity.is_run and runs_only:
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
            if not activity.is_run:
                _keep(conn, activity, date, today, result)
                continue
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


def _keep(conn, activity: Activity, date: str, today: dt.date, result: ActivityResult) -> None:
    """Keep a sport that is not a run as other activity of its sport, unless the journal has
    it or it breaks the rules of other activity (the reasons are named)."""
    sport = sport_from_file(activity.sport)
    seconds = activity.duration_s
    other = OtherActivity(
        sport=sport,
        duration_s=round(seconds) if seconds is not None else None,  # type: ignore[arg-type]
        distance_m=round(activity.distance_m, 1) if activity.distance_m > 0 else None,
        notes=activity.name[:MAX_ACTIVITY_NOTE],
    )
    if seconds is None:
        article = "an" if sport[0] in "aeiou" else "a"
        problems = [f"{article} {sport} without a duration: other activity needs its minutes"]
    else:
        problems = list(other.errors().values())
    date_problem = check_date(date, today)
    if date_problem:
        problems.insert(0, date_problem)
    if _known(conn, activity, date, "activity"):
        result.duplicates += 1
        result.status[id(activity)] = (KNOWN, date)
        return
    if problems:
        result.refused.append((activity, "; ".join(problems)))
        result.status[id(activity)] = (REFUSED, "; ".join(problems))
        return
    conn.execute(
        "INSERT INTO day (date, updated_at) VALUES (?, ?) ON CONFLICT(date) DO NOTHING",
        (date, _now()),
    )
    seq = conn.execute(
        "SELECT coalesce(max(seq) + 1, 0) FROM activity WHERE date = ?", (date,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO activity (date, seq, sport, duration_s, distance_m, notes, source, "
        "source_id, started_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            date,
            seq,
            other.sport,
            other.duration_s,
            other.distance_m,
            other.notes,
            activity.source,
            activity.source_id,
            activity.started_utc,
            _now(),
        ),
    )
    result.kept.append((date, activity, sport))
    result.status[id(activity)] = (KEPT, date)
    if activity.utc_offset_s is not None:
        result.by_file_zone += 1


def source_ids(journal: Journal, source: str) -> set[str]:
    """The source ids of the runs and other activity imported from ``source``."""
    with journal._lock:
        return {
            r[0]
            for r in journal.conn.execute(
                "SELECT source_id FROM run WHERE source = ? AND source_id IS NOT NULL "
                "UNION SELECT source_id FROM activity WHERE source = ? AND source_id IS NOT NULL",
                (source, source),
            )
        }


def _known(conn, activity: Activity, date: str, table: str = "run") -> bool:
    """The journal already holds this activity in ``table`` (``run`` or ``activity``): the same
    source id, or the same start and distance (no distance counts as 0)."""
    assert table in ("run", "activity")
    if conn.execute(
        f"SELECT 1 FROM {table} WHERE source = ? AND source_id = ?",
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
        f"SELECT started_at, coalesce(distance_m, 0) FROM {table} WHERE date IN (?, ?, ?) "
        "AND started_at IS NOT NULL",
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
