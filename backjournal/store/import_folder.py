"""The import folder (issue #16): a watch's mounted activity folder or a sync folder, whose new
files are imported at start-up and by ``backjournal import sync``.

Each file is considered once. The folder is listed (``os.scandir``: one ``stat`` a file, links
not followed) and compared with the files already known (``_import_file``, one query): a file of
the same name, size and modification time is not opened. A new or changed file is hashed; a
content already known (a copy, a touched file) is recorded under its new name and not read
again. Only the rest are read and imported, and each one's outcome is kept, so that a refused
file is reported once, not at every start. With 2,000 known files and nothing new, the check
costs a few milliseconds (``python -m benchmarks``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from backjournal.io.activities import ActivityError, Parsed, file_chunks, kind_of, parse
from backjournal.store.activities import ADDED, KEPT, ActivityResult, add_activities
from backjournal.store.errors import ExchangeError
from backjournal.store.journal import Journal, _now

MAX_DEPTH = 4  # folders inside the import folder that are looked into (GARMIN/Activity/...)
IMPORTED, NOTHING_NEW, REFUSED = "imported", "nothing new", "refused"


@dataclass(frozen=True)
class Seen:
    """A file of the folder as listed: its name (relative to the folder), size and mtime."""

    name: str
    path: str
    size: int
    mtime_ns: int


@dataclass
class FileOutcome:
    """What one new file of the folder gave."""

    name: str
    outcome: str  # IMPORTED, NOTHING_NEW or REFUSED
    reasons: list[str] = field(default_factory=list)
    parsed: Parsed | None = None


@dataclass
class SyncResult:
    """A sync: the folder, how many files it holds, the new ones and what they gave."""

    folder: Path
    listed: int = 0
    files: list[FileOutcome] = field(default_factory=list)
    result: ActivityResult = field(default_factory=ActivityResult)

    @property
    def new_runs(self) -> int:
        return len(self.result.added)

    @property
    def new_activities(self) -> int:
        """Other activity (rides, walks...) kept from the new files."""
        return len(self.result.kept)


def folder(journal: Journal) -> Path | None:
    """The import folder, or None when none was chosen."""
    with journal._lock:
        row = journal.conn.execute("SELECT path FROM _import_folder WHERE id = 1").fetchone()
    return Path(row[0]) if row else None


# The setting that makes the folder's imports keep runs only (issue #20), "1" when chosen.
RUNS_ONLY_KEY = "import_runs_only"


def runs_only(journal: Journal) -> bool:
    """True when the folder's files are to give runs only (``import --folder DIR --runs-only``)."""
    with journal._lock:
        row = journal.conn.execute(
            "SELECT value FROM setting WHERE key = ?", (RUNS_ONLY_KEY,)
        ).fetchone()
    return row is not None and row[0] == "1"


def set_folder(journal: Journal, path: Path | None, *, only_runs: bool | None = None) -> None:
    """Choose the import folder (an existing folder), or none (``None``); ``only_runs`` True
    keeps only the runs of its files, False their other activity too, None leaves it as it is."""
    if path is not None:
        path = path.expanduser()
        if not path.is_dir():
            raise ExchangeError(f"{path} is not a folder")
        path = path.resolve()
    with journal._writing() as conn:
        conn.execute("DELETE FROM _import_folder")
        if path is not None:
            conn.execute("INSERT INTO _import_folder (id, path) VALUES (1, ?)", (str(path),))
        if only_runs:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, '1') "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (RUNS_ONLY_KEY,),
            )
        elif only_runs is not None:
            conn.execute("DELETE FROM setting WHERE key = ?", (RUNS_ONLY_KEY,))


def listing(root: Path) -> list[tuple[str, str, int, int]]:
    """The activity files under ``root`` (links not followed, MAX_DEPTH folders deep), as
    (name relative to root, path, size, mtime_ns): plain tuples, as SQLite gives the known
    ones, so that comparing the two is a set lookup."""
    found: list[tuple[str, str, int, int]] = []
    stack: list[tuple[str | Path, str, int]] = [(root, "", 0)]
    while stack:
        where, prefix, depth = stack.pop()
        try:
            entries = list(os.scandir(where))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth < MAX_DEPTH:
                        stack.append((entry.path, f"{prefix}{entry.name}/", depth + 1))
                elif kind_of(entry.name) and entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    found.append((prefix + entry.name, entry.path, info.st_size, info.st_mtime_ns))
            except OSError:
                continue
    return found


def digest(seen: list[tuple[str, str, int, int]]) -> str:
    """A digest of a listing's names, sizes and mtimes (the same files give the same one)."""
    text = "\n".join(sorted(f"{name}\t{size}\t{mtime}" for name, _, size, mtime in seen))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def new_files(journal: Journal, root: Path) -> tuple[list[Seen], int, str]:
    """The files of ``root`` not known by name, size and mtime, how many were listed, and the
    listing's digest. When the digest is the one of the last sync, nothing is new and the
    known files are not even read from the journal."""
    seen = listing(root)
    now = digest(seen)
    with journal._lock:
        row = journal.conn.execute("SELECT listing FROM _import_folder WHERE id = 1").fetchone()
        if row and row[0] == now:
            return [], len(seen), now
        known = set(journal.conn.execute("SELECT name, size, mtime_ns FROM _import_file"))
    fresh = [Seen(*s) for s in seen if (s[0], s[2], s[3]) not in known]
    return fresh, len(seen), now


def sync(
    journal: Journal,
    today: dt.date,
    *,
    force: bool = False,
    root: Path | None = None,
    only_runs: bool | None = None,
) -> SyncResult:
    """Import the new files of the import folder (or ``root``) and remember each one: their
    runs, and their other activity unless ``only_runs`` (None: as chosen with the folder)."""
    if only_runs is None:
        only_runs = runs_only(journal)
    root = root or folder(journal)
    if root is None:
        raise ExchangeError(
            "no import folder is set: choose one with backjournal import --folder DIR"
        )
    if not root.is_dir():
        raise ExchangeError(f"the import folder {root} is not there (is the watch connected?)")
    sync_result = SyncResult(root)
    fresh, sync_result.listed, listed = new_files(journal, root)
    if not fresh:
        _remember_listing(journal, listed)
        return sync_result
    with journal._lock:
        known_hashes = dict(
            journal.conn.execute("SELECT sha256, outcome FROM _import_file").fetchall()
        )
    records: list[tuple] = []
    to_add: list = []
    owners: dict[int, FileOutcome] = {}
    pending: list[tuple[Seen, str, FileOutcome]] = []
    for seen in fresh:
        outcome = FileOutcome(seen.name, REFUSED)
        digest = ""
        try:
            data = b"".join(file_chunks(Path(seen.path)))
            digest = hashlib.sha256(data).hexdigest()
            if digest in known_hashes:
                records.append(_record(seen, digest, known_hashes[digest], ""))
                continue
            known_hashes[digest] = REFUSED
            parsed = parse([data], seen.name)
        except ActivityError as exc:
            outcome.reasons.append(str(exc))
            sync_result.files.append(outcome)
            if digest:
                records.append(_record(seen, digest, REFUSED, str(exc)))
            continue
        outcome.parsed = parsed
        outcome.reasons.extend(parsed.skipped)
        for activity in parsed.activities:
            owners[id(activity)] = outcome
            to_add.append(activity)
        pending.append((seen, digest, outcome))
        sync_result.files.append(outcome)
    result = (
        add_activities(journal, to_add, today, force=force, runs_only=only_runs)
        if to_add
        else ActivityResult()
    )
    sync_result.result = result
    for seen, digest, outcome in pending:
        statuses = [result.status[id(a)] for a in outcome.parsed.activities]
        if any(status in (ADDED, KEPT) for status, _ in statuses):
            outcome.outcome = IMPORTED
        elif any(status == "refused" for status, _ in statuses):
            outcome.outcome = REFUSED
        else:
            outcome.outcome = NOTHING_NEW
        outcome.reasons.extend(detail for status, detail in statuses if status == "refused")
        records.append(_record(seen, digest, outcome.outcome, "; ".join(outcome.reasons)))
    all_recorded = len(records) == len(fresh)
    with journal._writing() as conn:
        if all_recorded:  # else a file that could not be opened is tried again next time
            conn.execute("UPDATE _import_folder SET listing = ? WHERE id = 1", (listed,))
        conn.executemany(
            "INSERT INTO _import_file (name, size, mtime_ns, sha256, outcome, reason, seen_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET size = excluded.size, "
            "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, outcome = excluded.outcome, "
            "reason = excluded.reason, seen_at = excluded.seen_at",
            records,
        )
    return sync_result


def _remember_listing(journal: Journal, listed: str) -> None:
    with journal._lock:
        row = journal.conn.execute("SELECT listing FROM _import_folder WHERE id = 1").fetchone()
    if row is not None and row[0] != listed:
        with journal._writing() as conn:
            conn.execute("UPDATE _import_folder SET listing = ? WHERE id = 1", (listed,))


def _record(seen: Seen, digest: str, outcome: str, reason: str) -> tuple:
    return (seen.name, seen.size, seen.mtime_ns, digest, outcome, reason, _now())
