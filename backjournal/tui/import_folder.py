"""The import folder in the app (issue #16): its new files are imported when the app starts, in a
thread worker (the first paint does not wait), with one notice saying what came in.

A folder that is not there (the watch is not plugged in) is not worth a notice at every start:
the app says nothing then. A refused file is named once: the store remembers it
(``store/import_folder.py``), so the next start does not name it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backjournal.domain.safe_text import shown

if TYPE_CHECKING:
    from textual.app import App

    from backjournal.store.import_folder import SyncResult

NOTICE_TITLE = "Import folder"


def notice_text(done: SyncResult) -> str | None:
    """The notice for a sync: the new runs, the other activity kept, and the new files that
    could not be imported (the first one named with its reason); None when nothing new came."""
    from backjournal.store.import_folder import REFUSED

    lines = []
    runs = done.new_runs
    if runs:
        lines.append(f"{runs} new run{'s' if runs != 1 else ''} imported")
    others = done.new_activities
    if others:
        sports = ", ".join(f"{s} {n}" for s, n in sorted(done.result.kept_by_sport.items()))
        lines.append(f"{others} other activit{'y' if others == 1 else 'ies'} imported ({sports})")
    refused = [f for f in done.files if f.outcome == REFUSED]
    if refused:
        first = refused[0]
        reason = first.reasons[0] if first.reasons else "refused"
        more = f" and {len(refused) - 1} more" if len(refused) > 1 else ""
        lines.append(
            f"{len(refused)} file{'s' if len(refused) != 1 else ''} not imported: "
            f"{shown(first.name)}: {shown(reason)}{more} (backjournal import sync --json lists "
            "them)"
        )
    return "\n".join(lines) or None


def import_new_files(app: App) -> None:
    """Import the import folder's new files in a thread worker, then notify and refresh."""
    app.run_worker(
        lambda: _sync(app), thread=True, exclusive=True, group="import-folder", name="import"
    )


def _after_first_load(app, limit_s: float = 3.0) -> None:
    """Wait (in the worker) until the first screen has shown its data: the new runs then
    arrive as a change to a loaded screen, which reloads, and the import does not compete with
    the first paint."""
    import time

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            screen = app.screen
        except Exception:  # noqa: BLE001 - no screen yet
            screen = None
        if screen is not None and getattr(screen, "loaded", True):
            return
        time.sleep(0.02)


def _sync(app) -> None:
    from backjournal.store import JournalError
    from backjournal.store.import_folder import folder, sync

    journal = app.journal
    try:
        root = folder(journal)
        if root is None or not root.is_dir():
            return
        _after_first_load(app)
        done = sync(journal, app.today())
    except (JournalError, OSError) as exc:
        app.call_from_thread(
            app.notify, shown(exc), title=NOTICE_TITLE, severity="warning", timeout=10
        )
        return
    message = notice_text(done)
    if message is None:
        return
    app.call_from_thread(app.notify, message, title=NOTICE_TITLE, timeout=10)
    if done.new_runs or done.new_activities:
        app.call_from_thread(app.journal_changed)
