"""Opening the SQLite file safely: checks before touching it, permissions, pragmas.

Order matters. Nothing is written to an existing file until it has been shown to be a healthy
backjournal journal that this version understands; a damaged, foreign, newer, read-only or locked
file is refused with a :class:`JournalError` and left byte-for-byte as it was.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path

from backjournal.store.errors import JournalError, JournalLocked

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

# Folders kept in step by sync tools: SQLite's WAL side files must stay with the database, which
# these tools do not guarantee. There we use a rollback journal and warn (DESIGN.md).
SYNC_FOLDER_MARKERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "icloud",
    "mobile documents",
    "nextcloud",
    "owncloud",
    "syncthing",
    "pcloud",
    "mega",
)
NETWORK_FILESYSTEMS = ("nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "davfs")


def ensure_directory(directory: Path) -> None:
    """Create the journal's directory (and parents) as 0700, or explain why it cannot be."""
    if directory.is_dir():
        return
    missing = []
    parent = directory
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    try:
        # Each folder we create is 0700 whatever the umask: the journal's folder and its parents.
        for folder in reversed(missing):
            folder.mkdir(mode=0o700, exist_ok=True)
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise JournalError(f"cannot create the folder {directory}: {exc.strerror}") from None


def precheck_existing(path: Path) -> None:
    """Refuse an existing file that cannot be a journal we may write, before SQLite opens it."""
    if path.is_dir():
        raise JournalError(f"{path} is a folder, not a journal file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise JournalError(f"cannot read {path}: {exc.strerror}") from None
    if not header:
        raise JournalError(
            f"{path} is an empty file, not a journal; move it away or choose another --db"
        )
    if header != SQLITE_HEADER:
        raise JournalError(f"{path} is not a backjournal journal (it is not an SQLite database)")
    # os.access says yes to root whatever the mode, so also refuse a file that nobody may write
    # (chmod a-w): it was made read-only on purpose, and root must not write it either.
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
        raise JournalError(f"{path} is read-only; backjournal needs to write to it")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise JournalError(
            f"the folder {path.parent} is read-only; SQLite needs to write its journal files there"
        )


def create_file(path: Path) -> None:
    """Create an empty journal file as 0600 under any umask; SQLite's side files copy its mode."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise JournalError(f"cannot create {path}: {exc.strerror}") from None
    os.close(fd)
    os.chmod(path, 0o600)


def tighten_permissions(path: Path) -> None:
    """Make the journal and any side file 0600 (a file made by an older tool may be 0644)."""
    for candidate in (path, *(Path(f"{path}{s}") for s in SIDE_SUFFIXES)):
        try:
            if candidate.exists() and (candidate.stat().st_mode & 0o777) != 0o600:
                os.chmod(candidate, 0o600)
        except OSError:
            pass  # not ours to fix (e.g. owned by another user); the open still works


# Text that is not valid UTF-8 (a flipped bit in a note, another tool's write) is read with a
# replacement character instead of failing every read of that day with an OperationalError, which
# reached the user as a traceback (found by the flipped-bytes test). A C-level callable: reading
# ten years of days costs about 2 ms more than the default decoder.
_LENIENT_TEXT = functools.partial(str, encoding="utf-8", errors="replace")


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """Open a connection with no implicit transactions: every write says ``BEGIN IMMEDIATE``.

    A journal may come from someone else (a shared file), so SQLite's own defences are on before
    anything is read: ``trusted_schema = OFF`` (the schema's views, triggers, defaults and checks
    may call only functions that have no side effects) and, where Python offers it (3.12+),
    defensive mode (no writes to the schema table, no ``PRAGMA writable_schema`` tricks).
    """
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise JournalError(f"cannot open {path}: {exc}") from None
    conn.text_factory = _LENIENT_TEXT
    try:
        harden(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise describe_sqlite_error(path, exc) from None
    return conn


def harden(conn: sqlite3.Connection) -> None:
    """Turn on SQLite's defences against a hostile schema on ``conn`` (see :func:`connect`)."""
    conn.execute("PRAGMA trusted_schema = OFF")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None and hasattr(conn, "setconfig"):  # Python 3.12+
        conn.setconfig(defensive, True)


def describe_sqlite_error(path: Path, exc: sqlite3.Error | str) -> JournalError:
    """Turn an SQLite error met while opening into a sentence a runner can act on."""
    # One line, whatever SQLite said: a damaged schema is reported with its CREATE statement,
    # newlines and all (found by the flipped-bytes test).
    exc = " ".join(str(exc).split())
    if len(exc) > 160:
        exc = exc[:157] + "..."
    text = exc.lower()
    if "locked" in text or "busy" in text:
        return JournalLocked(
            f"{path} is locked by another program; close it (or wait) and try again"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return JournalError(
            f"{path} is damaged ({exc}); restore it from a backup (`backjournal backup` makes them)"
        )
    if "readonly" in text or "read-only" in text:
        return JournalError(f"{path} is read-only; backjournal needs to write to it")
    if "disk" in text and "full" in text:
        return JournalError(f"the disk holding {path} is full; nothing was saved")
    if "disk i/o error" in text:
        # What SQLite says when the operating system refuses a write (a full disk that reports
        # itself differently, a file size limit, a failing or removed drive).
        return JournalError(
            f"could not write to {path} (disk I/O error: is the disk full or failing?); "
            "nothing was saved"
        )
    if "unable to open" in text:
        return JournalError(f"cannot open {path}: {exc}")
    return JournalError(f"cannot use {path}: {exc}")


def storage_warning(path: Path) -> str | None:
    """Say why this place is risky for a live journal (a sync folder, a network disk), if it is."""
    resolved = str(path.resolve()).lower()
    for marker in SYNC_FOLDER_MARKERS:
        if f"/{marker}" in resolved:
            return (
                f"{path} is in a folder that a sync tool copies; a live journal there can be "
                "damaged. "
                "Keep it on a local disk and put `backjournal backup` copies in the synced folder."
            )
    fstype = _filesystem_type(path.resolve().parent)
    if fstype in NETWORK_FILESYSTEMS:
        return (
            f"{path} is on a network filesystem ({fstype}); SQLite's locking is unreliable there. "
            "Keep the journal on a local disk."
        )
    return None


def _filesystem_type(directory: Path) -> str | None:
    """The type of the filesystem that holds ``directory``, from /proc/mounts (Linux only)."""
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
            mounts = [line.split() for line in fh]
    except OSError:
        return None
    best, best_type = "", None
    target = str(directory)
    for parts in mounts:
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type
