"""Run ``python -m backjournal`` in a real pseudo-terminal, as a runner's terminal would.

The app draws to the pty, reads keys from it and gets signals like any terminal program; the
test reads everything it wrote (escape codes included) to check how it started and how it left.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

# What Textual writes when it leaves: the alternate screen closed, the cursor shown again.
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
KEYS = {"ctrl+n": b"\x0e", "ctrl+s": b"\x13", "ctrl+q": b"\x11", "tab": b"\t", "escape": b"\x1b"}


def _controlling_terminal() -> None:
    """In the child: a session of its own, with the pty as its controlling terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """``python -m backjournal ARGS`` running in a pty of ``size`` columns x rows."""

    def __init__(self, *args: str, env: dict[str, str], size: tuple[int, int] = (80, 24)):
        master, slave = os.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "backjournal", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            preexec_fn=_controlling_terminal,
            cwd=Path(__file__).resolve().parent.parent,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.started = time.monotonic()
        self.hung_up = False

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False once the terminal is closed."""
        if self.hung_up:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program has closed the terminal
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, text: bytes, timeout: float = 15.0) -> None:
        """Read until ``text`` has been written (fails after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        start = len(self.output)
        while text not in self.output[max(0, start - len(text)) :]:
            if time.monotonic() > deadline or not self._read(0.05):
                raise AssertionError(
                    f"{text!r} not written within {timeout} s; got {bytes(self.output[-2000:])!r}"
                )

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = len(self.output)
            if not self._read(quiet) or len(self.output) == before:
                return

    def press(self, *keys: str) -> None:
        """Type keys (names from KEYS, or plain text)."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key.encode()))
            time.sleep(0.05)

    def text(self) -> str:
        """What the program wrote, without its escape sequences (for a failing test's message)."""
        return re.sub(
            r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", "", bytes(self.output).decode(errors="replace")
        )

    def signal(self, sig: signal.Signals) -> None:
        self.proc.send_signal(sig)

    def wait(self, timeout: float) -> tuple[int | None, float]:
        """Wait for the program to end, reading its last output: (exit code, seconds taken)."""
        started = time.monotonic()
        while self.proc.poll() is None and time.monotonic() - started < timeout:
            self._read(0.02)
        while self._read(0.05):  # whatever it wrote on its way out
            pass
        return self.proc.poll(), time.monotonic() - started

    def read_for(self, seconds: float) -> None:
        """Read whatever the program writes for ``seconds`` (as a terminal keeps reading)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._read(min(0.02, deadline - time.monotonic())):
            pass

    def hang_up(self) -> None:
        """Close the terminal under the program, as closing its window does: the kernel sends
        it SIGHUP, and every read or write of the terminal fails from then on."""
        if not self.hung_up:
            self.hung_up = True
            os.close(self.master)

    def close(self) -> None:
        """Kill the program if it is still running, and close the terminal."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.hang_up()
