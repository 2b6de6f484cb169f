"""Long notes in the user's own editor: ``$VISUAL`` or ``$EDITOR`` (issue #15), as posting does.

The app suspends (the terminal is the editor's until it exits), the text goes through a private
temporary file (0600, removed after), and the app resumes with what was saved. A missing or
failing editor is one line, and the field keeps its text.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from contextlib import nullcontext
from pathlib import Path

from textual.app import App, SuspendNotSupported

FALLBACK = "vi"


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else vi, split as a shell would (``code -w``)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return [FALLBACK]


class EditorFailed(Exception):
    """The editor could not be run, or exited with an error: the text is unchanged."""


def edit_text(app: App, text: str) -> str:
    """Let the user edit ``text`` in their editor; return the edited text (one trailing newline,
    which editors add, taken off). Raises :class:`EditorFailed` with one line."""
    command = editor_command()
    fd, name = tempfile.mkstemp(prefix="backjournal-note-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            suspended = app.suspend()
        except SuspendNotSupported:
            suspended = nullcontext()
        try:
            with suspended:
                result = subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise EditorFailed(f"cannot run {command[0]}: {exc.strerror or exc}") from None
        # Back from the editor: paint the whole screen again (the terminal was the editor's).
        app.refresh(repaint=True, layout=True)
        if result.returncode != 0:
            raise EditorFailed(f"{command[0]} exited with status {result.returncode}")
        edited = path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    edited = edited.replace("\r\n", "\n")  # an editor that writes CR LF: one line break each
    return edited[:-1] if edited.endswith("\n") else edited
