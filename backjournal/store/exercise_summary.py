"""A day's checklist as two numbers, (done, scheduled), for the Today screen's first paint.

Kept apart from :mod:`backjournal.store.exercises` on purpose: that module brings the exercise
library (``backjournal.domain.exercises``, a few milliseconds to import), which Today does not
need to say "3 of 5 done". :meth:`ExerciseStore.summary` is this same query.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backjournal.store.journal import Journal

# The items in force that day as two index ranges (open items, and items closed after the day):
# one "valid_to IS NULL OR valid_to > ?" made SQLite scan every programme item ever written.
SUMMARY_SQL = (
    "SELECT count(d.exercise_id), count(*) FROM ("
    "SELECT exercise_id, weekdays FROM programme_item WHERE valid_to IS NULL AND valid_from <= ? "
    "UNION ALL SELECT exercise_id, weekdays FROM programme_item "
    "INDEXED BY programme_item_in_force WHERE valid_to > ? AND valid_from <= ?) p "
    "LEFT JOIN exercise_done d ON d.date = ? AND d.exercise_id = p.exercise_id "
    "WHERE instr(p.weekdays, ?) > 0"
)


def day_summary(journal: Journal, day: dt.date) -> tuple[int, int]:
    """(done, scheduled) of the programme in force on ``day``, in one query."""
    iso = day.isoformat()
    with journal._lock:
        row = journal.conn.execute(SUMMARY_SQL, (iso, iso, iso, iso, str(day.weekday()))).fetchone()
    return row[0], row[1]
