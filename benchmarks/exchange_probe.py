"""Timings of the CSV export and import inside one process (``python -m benchmarks.exchange``).

The issue's targets compare the export with what Python's csv module needs to write the same
rows, and the import with the export: the work itself, not interpreter start-up (which
``quick_entry`` measures). So both sides run here, in one fresh process, interleaved, each
``--repeat`` times after ``--warmup`` untimed runs, on journals opened before the clock starts:

* ``export``: ``store.exchange.export_csv`` of every table and daily.csv into a fresh folder,
  against a reference that, for each of the same files, runs one plain query on a plain sqlite3
  connection (the same SELECT: every column in key order; for daily.csv the same aggregate query)
  and writes its rows with ``csv.writer`` into a fresh folder.
* ``import``: ``store.importer.import_csv`` of that export into a new, empty (already opened and
  migrated) journal, against ``export_csv`` of the demo journal.

Prints one JSON line: ``{"measured": [seconds...], "reference": [seconds...]}``.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.exchange_probe")
    parser.add_argument("what", choices=("export", "import"))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--today", default="2026-11-25")
    args = parser.parse_args(argv)

    import datetime as dt

    from backjournal.store import Journal
    from backjournal.store.exchange import daily_sql, export_csv, export_rows
    from backjournal.store.importer import import_csv

    today = dt.date.fromisoformat(args.today)
    journal = Journal.open(args.db)
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)

    # The reference's queries: per file, the SELECT the export runs, as plain SQL text.
    queries = []
    for rows in export_rows(journal):
        if rows.name == "daily":
            queries.append((rows.file_name, daily_sql(journal.settings().units)[0]))
        else:
            cols = ", ".join(f'"{c}"' for c in rows.header)
            key = "id" if "id" in rows.header else rows.header[0]
            queries.append((rows.file_name, f'SELECT {cols} FROM "{rows.name}" ORDER BY "{key}"'))
    plain = sqlite3.connect(args.db)

    def export() -> None:
        export_csv(journal, _fresh(work / "ours"))

    def reference() -> None:
        folder = _fresh(work / "reference")
        folder.mkdir()
        for name, sql in queries:
            with open(folder / name, "w", newline="", encoding="utf-8") as fh:
                cursor = plain.execute(sql)
                writer = csv.writer(fh, lineterminator="\r\n")
                writer.writerow([d[0] for d in cursor.description])
                writer.writerows(cursor)

    source = work / "source"
    export_csv(journal, _fresh(source))
    target = work / "target.db"
    opened: list[Journal] = []

    def new_journal() -> None:
        for old in opened:
            old.close()
        opened.clear()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        opened.append(Journal.open(target))

    def import_() -> None:
        result, _ = import_csv(opened[0], source, today)
        if not result.written or result.problems:
            raise SystemExit(f"the import failed: {result.problems[:3]}")

    if args.what == "export":
        sides = {"measured": (export, None), "reference": (reference, None)}
    else:
        sides = {"measured": (import_, new_journal), "reference": (export, None)}
    times: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(args.warmup + args.repeat):
        order = list(sides) if i % 2 == 0 else list(reversed(sides))
        for name in order:
            run, prepare = sides[name]
            if prepare:
                prepare()
            start = time.perf_counter()
            run()
            elapsed = time.perf_counter() - start
            if i >= args.warmup:
                times[name].append(elapsed)
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
