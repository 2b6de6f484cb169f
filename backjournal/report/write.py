"""Making a report file: one call for the command and the app's worker (``make_report``), the
default file name, and the atomic write (a temporary file in the same folder, 0600, fsync'd,
then renamed), so that a failure leaves nothing half-written and a report is never readable by
other users of the machine (it is health data).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

FORMATS: tuple[str, ...] = ("pdf", "md")
MAX_NOTE = 2000  # characters of --note


class ReportError(ValueError):
    """The report cannot be written: one line naming what is wrong."""


def default_path(today: dt.date, fmt: str, folder: Path | None = None) -> Path:
    """``./backjournal-report-YYYY-MM-DD.pdf`` (or ``.md``) in ``folder`` (default: here)."""
    return (folder or Path.cwd()) / f"backjournal-report-{today.isoformat()}.{fmt}"


def check_note(note: str) -> str:
    """The ``--note`` as given, or :class:`ReportError` for one that cannot be printed."""
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise ReportError("--note holds bytes that are not text (not UTF-8)") from None
    if len(note) > MAX_NOTE:
        raise ReportError(f"--note is {len(note):,} characters; at most {MAX_NOTE:,}")
    return note


def check_target(path: Path) -> Path:
    """``path`` made absolute, or :class:`ReportError` when it cannot be written there."""
    path = Path(os.path.abspath(os.path.expanduser(path)))
    if path.is_dir():
        raise ReportError(f"{path} is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise ReportError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportError(f"cannot write {path}: the folder {folder} is not writable")
    return path


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` (0600) through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, content)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from None


def render(
    journal,
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date,
    fmt: str = "pdf",
    paper: str = "a4",
    note: str = "",
) -> bytes:
    """The report of ``start``..``end`` as bytes (PDF, or Markdown in UTF-8). Read-only."""
    from backjournal.report.data import gather

    report = gather(journal, start, end, today=today, note=note)
    if fmt == "md":
        from backjournal.report import markdown

        return markdown.render(report).encode("utf-8")
    from backjournal.report import pdf

    return pdf.render(report, paper)


def make_report(
    journal,
    path: Path,
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date,
    fmt: str = "pdf",
    paper: str = "a4",
    note: str = "",
) -> Path:
    """Check the target, render and write the report; return where it went."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}; formats are {', '.join(FORMATS)}")
    target = check_target(path)
    write_atomic(
        target,
        render(journal, start, end, today=today, fmt=fmt, paper=paper, note=check_note(note)),
    )
    return target
