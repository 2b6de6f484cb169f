"""Other activity in the journal: the walks, rides and sessions of a day (SQL only).

The rules (sports, limits, active minutes, the words "active day") are pure functions in
``backjournal.domain.activity``. A day's activities are written with the day, in its transaction.
"""

from __future__ import annotations

import sqlite3

from backjournal.domain.activity import Activity

ACTIVITY_COLUMNS = (
    "sport",
    "duration_s",
    "distance_m",
    "effort",
    "pain_during",
    "pain_after",
    "notes",
)

# History's two columns of a day ``d``: its active seconds (timed runs and other activity) and
# its number of activities, each an indexed lookup (run_date, activity_date).
DAY_ACTIVE_COLUMNS = """
    (SELECT coalesce(sum(duration_s), 0) FROM run WHERE run.date = d.date)
    + (SELECT coalesce(sum(duration_s), 0) FROM activity a WHERE a.date = d.date),
    (SELECT count(*) FROM activity a WHERE a.date = d.date)"""


def read_activities(conn: sqlite3.Connection, date: str) -> list[Activity]:
    """The activities of ``date``, in the order they were entered."""
    rows = conn.execute(
        f"SELECT id, {', '.join(ACTIVITY_COLUMNS)} FROM activity WHERE date = ? ORDER BY seq, id",
        (date,),
    )
    return [Activity(*row[1:], id=row[0]) for row in rows]


def write_activities(conn: sqlite3.Connection, date: str, activities: list[Activity]) -> None:
    """Make the activities of ``date`` (the day row exists) exactly ``activities``.

    An activity with an ``id`` of this day is updated in place (an imported walk keeps its source
    and start time); one without is added; the day's others are removed.
    """
    keep = [a.id for a in activities if a.id is not None]
    conn.execute(
        f"DELETE FROM activity WHERE date = ? AND id NOT IN ({', '.join('?' for _ in keep)})",
        (date, *keep),
    )
    sets = ", ".join(f"{col} = ?" for col in ACTIVITY_COLUMNS)
    for seq, activity in enumerate(activities):
        values = [getattr(activity, col) for col in ACTIVITY_COLUMNS]
        if activity.id is not None:
            cur = conn.execute(
                f"UPDATE activity SET seq = ?, {sets} WHERE id = ? AND date = ?",
                (seq, *values, activity.id, date),
            )
            if cur.rowcount:
                continue
        cur = conn.execute(
            f"INSERT INTO activity (date, seq, {', '.join(ACTIVITY_COLUMNS)}, created_at) "
            f"VALUES (?, ?, {', '.join('?' for _ in ACTIVITY_COLUMNS)}, "
            "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))",
            (date, seq, *values),
        )
        activity.id = cur.lastrowid


def activity_minutes(conn: sqlite3.Connection, start: str, end: str) -> dict[str, int]:
    """Seconds of other activity per date between ``start`` and ``end`` (inclusive)."""
    return dict(
        conn.execute(
            "SELECT date, sum(duration_s) FROM activity WHERE date BETWEEN ? AND ? GROUP BY date",
            (start, end),
        ).fetchall()
    )


def activities_between(
    conn: sqlite3.Connection, start: str, end: str
) -> list[tuple[str, str, int]]:
    """(date, sport, seconds) of every other activity from ``start`` to ``end`` (inclusive), by
    date in the order entered (the ``activity_date`` index: the cost follows the range)."""
    return conn.execute(
        "SELECT date, sport, coalesce(duration_s, 0) FROM activity "
        "WHERE date BETWEEN ? AND ? ORDER BY date, seq, id",
        (start, end),
    ).fetchall()


def activity_totals(
    conn: sqlite3.Connection, start: str, end: str
) -> list[tuple[str, int, int, float]]:
    """(sport, activities, seconds, metres) of the other activity from ``start`` to ``end``
    (inclusive), the most-timed sport first."""
    return conn.execute(
        "SELECT sport, count(*), coalesce(sum(duration_s), 0), coalesce(sum(distance_m), 0) "
        "FROM activity WHERE date BETWEEN ? AND ? GROUP BY sport "
        "ORDER BY sum(duration_s) DESC, sport",
        (start, end),
    ).fetchall()
