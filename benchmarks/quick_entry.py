"""Quick entry (issue #2): ``backjournal log 5k 25:00`` into the ten-year journal.

Compared with ``python -c "import sqlite_utils"``: a process that loads the journal's database
library and does nothing else. Target: at most 1.5 times as long. Every run logs into a fresh
copy of the demo journal (copied before the timer starts), so the runs do not pile up on one day.
"""

from __future__ import annotations

from benchmarks.common import Command, Context, Result, benchmark, compare, python_command, result

TARGET = 1.5
REFERENCE = "import sqlite_utils"
COPY_NAME = "quick-entry.db"


@benchmark("quick_entry", "backjournal log 5k 25:00, ten-year journal")
def quick_entry(ctx: Context) -> Result:
    db = ctx.workdir / COPY_NAME
    measured = Command(
        "backjournal log",
        python_command("-m", "backjournal", "--db", str(db), "log", "5k", "25:00"),
        ctx.env(db),
        prepare=lambda: ctx.fresh_copy(COPY_NAME),
    )
    reference = Command(REFERENCE, python_command("-c", "import sqlite_utils"), ctx.env(db))
    m, r = compare(ctx, measured, reference)
    return result("quick_entry", TARGET, m, REFERENCE, r)
