"""The terminal driver: Textual's Linux driver, made to end when the terminal goes away.

When the terminal closes (the window is shut, an ssh link drops), every write to it fails with
``EIO``. Textual's writer thread does not catch that: it dies, its queue (30 writes) fills, and
the next write blocks the event loop for good, so the app hangs, deaf even to SIGTERM (whose
handler runs on that loop). Measured: about one close in five, more often right after start-up.

Here the output is a file that cannot fail: the first error marks the terminal as gone, every
later write is dropped, and the app is asked to exit (from whichever thread saw it). The input
thread's read error, and SIGHUP with the terminal hung up, mean the same thing.

Asking is not always enough: closed during start-up, the app may be busy for a second or more
before its loop reads the request (and Textual may then fail on widgets removed mid-mount). So
once the terminal is gone, :func:`end_soon` also starts a watchdog that ends the process after
:data:`GRACE_SECONDS` if it is still there. The journal needs nothing more: every save is one
committed SQLite transaction, and a transaction cut short is rolled back when the file is next
opened.
"""

from __future__ import annotations

import os
import select
import sys
import threading
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver

# How long a graceful exit may take once the terminal is gone, before the process is ended.
GRACE_SECONDS = 1.0
_ending = threading.Event()


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on ``fd`` has hung up (its other end closed)."""
    try:
        poller = select.poll()
        poller.register(fd, select.POLLHUP | select.POLLERR)
        return any(
            ev & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, ev in poller.poll(0)
        )
    except (OSError, ValueError, AttributeError):
        return True


def end_soon(app) -> None:
    """The terminal is gone: ask ``app`` to exit, and end the process after GRACE_SECONDS if it
    has not. Safe from any thread and from a signal handler; only the first call counts."""
    if _ending.is_set():
        return
    _ending.set()
    app.terminal_lost = True
    # Whatever is still written to standard output or error (an error report, Python's last
    # flush) has nowhere to go; written to a dead terminal it would fail with EIO.
    try:
        devnull = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends
        sys.stdout = sys.stderr = devnull
    except OSError:
        pass
    loop = getattr(app, "_loop", None)
    try:
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(app.exit, None, 0)
    except RuntimeError:  # the loop is closing: the app is on its way out already
        pass
    watchdog = threading.Timer(GRACE_SECONDS, os._exit, args=(0,))
    watchdog.daemon = True
    watchdog.start()


class GuardedOutput:
    """A text file whose ``write`` and ``flush`` never raise: after the first error (the
    terminal is gone) they drop everything and call ``on_gone`` once."""

    def __init__(self, file: IO[str], on_gone):
        self._file = file
        self._on_gone = on_gone
        self._gone = threading.Event()

    @property
    def gone(self) -> bool:
        return self._gone.is_set()

    def _lost(self) -> None:
        if not self._gone.is_set():
            self._gone.set()
            self._on_gone()

    def write(self, text: str) -> int:
        if self._gone.is_set():
            return len(text)
        try:
            return self._file.write(text)
        except (OSError, ValueError):  # EIO, EPIPE; ValueError: the file was closed
            self._lost()
            return len(text)

    def flush(self) -> None:
        if self._gone.is_set():
            return
        try:
            self._file.flush()
        except (OSError, ValueError):
            self._lost()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class TerminalDriver(LinuxDriver):
    """Textual's Linux driver whose output and input survive the terminal going away, and that
    then ends the app (exit status 0: nothing was lost)."""

    def __init__(self, app, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._file = GuardedOutput(self._file, self._terminal_gone)

    def _terminal_gone(self) -> None:
        """Called once, from the writer or the input thread, when the terminal failed."""
        end_soon(self._app)

    def run_input_thread(self) -> None:
        """Read keys until told to stop; a read error means the terminal is gone."""
        try:
            super().run_input_thread()
        except OSError:
            self._file._lost()
