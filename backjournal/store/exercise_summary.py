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

SUMMARY_SQL = (
    "SELECT count(d.exercise_id), count(*) FROM programme_item p "
    "LEFT JOIN exercise_done d ON d.date = ? AND d.exercise_id = p.exercise_id "
    "WHERE p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to > ?) "
    "AND instr(p.weekdays, ?) > 0"
)


def day_summary(journal: Journal, day: dt.date) -> tuple[int, int]:
    """(done, scheduled) of the programme in force on ``day``, in one query."""
    iso = day.isoformat()
    with journal._lock:
        row = journal.conn.execute(SUMMARY_SQL, (iso, iso, iso, str(day.weekday()))).fetchone()
    return row[0], row[1]
