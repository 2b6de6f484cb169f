"""Privacy: backjournal opens no network connection, ever, and still does all it does without one.

Socket creation is made to fail (any family but AF_UNIX: the event loop's own wake-up pipe is a
local socket pair, not a connection) and name lookups too, in this process for the app and the
commands run in-process, and through a ``sitecustomize`` for real processes. Every attempt is
recorded, so a test fails on the attempt itself even where the code would swallow the error.
The permission side of privacy (0600 files in a 0700 folder under any umask) is in
``test_journal_file.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ptykit import PtyApp
from uikit import TODAY, build_app, demo_journal, settle

from backjournal.cli import cli
from backjournal.store import Journal

# Loaded by every Python process that has its folder on PYTHONPATH.
SITECUSTOMIZE = """
import socket, sys

_real_socket = socket.socket

def _refuse(what):
    sys.stderr.write(f"NETWORK ATTEMPT: {what}\\n")
    sys.stderr.flush()
    raise OSError(f"network disabled by the privacy test ({what})")

class _NoNetworkSocket(_real_socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family not in (socket.AF_UNIX, -1):
            _refuse(f"socket(family={family})")
        if fileno is None and family == -1:
            _refuse("socket()")
        super().__init__(family, type, proto, fileno)

socket.socket = _NoNetworkSocket
socket.getaddrinfo = lambda *a, **k: _refuse(f"getaddrinfo{a[:2]}")
socket.gethostbyname = lambda *a, **k: _refuse(f"gethostbyname{a[:1]}")
socket.create_connection = lambda *a, **k: _refuse(f"create_connection{a[:1]}")
"""


# One timed run of 1 km (a real GPX file, as a watch writes it).
GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Run</name>
<type>running</type><trkseg>
<trkpt lat="51.5000" lon="-0.1200"><time>2026-11-20T07:00:00Z</time></trkpt>
<trkpt lat="51.5045" lon="-0.1200"><time>2026-11-20T07:03:00Z</time></trkpt>
<trkpt lat="51.5090" lon="-0.1200"><time>2026-11-20T07:06:00Z</time></trkpt>
</trkseg></trk></gpx>
"""


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Make socket creation (but AF_UNIX) and name lookups fail here; return the attempts."""
    attempts: list[str] = []
    real_socket = socket.socket

    class NoNetworkSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002
            if fileno is None and family != socket.AF_UNIX:
                attempts.append(f"socket(family={family})")
                raise OSError("network disabled by the privacy test")
            super().__init__(family, type, proto, fileno)

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args[:2]}")
            raise OSError("network disabled by the privacy test")

        return refused

    monkeypatch.setattr(socket, "socket", NoNetworkSocket)
    for name in ("getaddrinfo", "gethostbyname", "create_connection"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_guard_does_block(no_network):
    """The control: with the guard on, a connection attempt fails and is recorded."""
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(no_network) == 2


async def test_the_app_works_without_network(db_path, no_network):
    """Every screen opens, a day is saved and the palette runs, with no socket made."""
    demo_journal(db_path)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *"6k", "tab", *"33:00", "ctrl+s")
        await settle(pilot)
        for key in ("2", "4", "5", "9", "1"):
            await pilot.press("escape", key)
            await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"history")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen_name == "history"
    app.journal.close()
    with Journal.open(db_path) as journal:
        assert journal.get_day(TODAY.isoformat()).runs[-1].distance_m == 6000
    assert no_network == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["where"],
        ["log", "--help"],
        ["log", "8k", "42:10", "--pain", "2", "--leg", "1", "--note", "offline"],
        ["demo", "--help"],
        ["demo", "--force"],
        ["stats", "--weeks"],
        ["shoes", "add", "Pegasus", "--limit", "800"],
        ["export", "csv", "--out", "exp"],
        ["export", "json", "--out", "all.json"],
        ["backup", "backups"],
        ["import", "csv", "exp"],
        ["import", "gpx", "run.gpx"],
        ["restore", "all.json"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_every_command_works_without_network(tmp_path, monkeypatch, db_path, no_network, args):
    """Each command does its work in-process with socket creation failing."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run.gpx").write_text(GPX, encoding="utf-8")
    if args[0] in ("import", "restore", "stats", "export", "backup"):
        runner = CliRunner()
        runner.invoke(cli, ["demo"])
        runner.invoke(cli, ["export", "csv", "--out", "exp"])
        runner.invoke(cli, ["export", "json", "--out", "all.json"])
        if args[0] == "restore":
            runner.invoke(cli, ["--db", str(tmp_path / "empty.db"), "where"])
            args = ["--db", str(tmp_path / "empty.db"), *args]
    result = CliRunner().invoke(cli, args, prog_name="backjournal")
    assert result.exit_code == 0, result.output
    assert no_network == []


@pytest.fixture
def offline_env(tmp_path) -> dict[str, str]:
    """An environment whose Python processes load the no-network sitecustomize."""
    folder = tmp_path / "offline"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ, TERM="xterm-256color")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(folder), str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")]
    )
    return env


def test_the_sitecustomize_guard_does_block(offline_env):
    """The control for real processes: a connection attempt fails and says so."""
    proc = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        capture_output=True,
        text=True,
        env=offline_env,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "NETWORK ATTEMPT" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["where"],
        ["log", "8k", "--pain", "3"],
        ["demo", "--force"],
        ["stats"],
        ["export", "json", "--out", "-"],
        ["backup"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_every_command_works_without_network_in_a_real_process(tmp_path, offline_env, args):
    """``python -m backjournal`` commands work in a process where sockets cannot be made."""
    proc = subprocess.run(
        [sys.executable, "-m", "backjournal", *args],
        capture_output=True,
        text=True,
        env=offline_env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "NETWORK ATTEMPT" not in proc.stderr


def test_the_app_works_without_network_in_a_real_terminal(db_path, offline_env):
    """The app in a real terminal starts, shows History and quits, with no network."""
    demo_journal(db_path)
    term = PtyApp("--db", str(db_path), env=offline_env)
    try:
        term.wait_for(b"Pain 0-10")
        term.settle()
        term.press("5")
        term.wait_for(b"days")
        term.press("ctrl+q")
        code, _ = term.wait(10)
    finally:
        term.close()
    assert code == 0
    assert b"NETWORK ATTEMPT" not in term.output
