"""Shell completion (click's own) for bash, zsh and fish, through the real entry point.

The entry point opens the app without click when given no command; a shell asking for its
completion script also gives no command, and must get the script, not a full-screen app.
"""

from __future__ import annotations

import sys

import pytest

from backjournal import launch


def complete(monkeypatch, capsys, mode: str, words: str = "", cword: int = 0) -> str:
    """Run ``backjournal`` as a shell's completion call would and return what it printed."""
    monkeypatch.setenv("_BACKJOURNAL_COMPLETE", mode)
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(cword))
    monkeypatch.setattr(sys, "argv", ["backjournal"])
    monkeypatch.setattr(launch, "run_app", lambda *a: pytest.fail("the app was opened"))
    with pytest.raises(SystemExit):
        launch.main()
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F"), ("zsh", "compdef"), ("fish", "complete --no-files")],
)
def test_each_shell_gets_its_script(monkeypatch, capsys, shell, marker):
    """bash_source, zsh_source and fish_source print that shell's completion script."""
    out = complete(monkeypatch, capsys, f"{shell}_source")
    assert marker in out and "_BACKJOURNAL_COMPLETE" in out


def test_commands_and_screen_names_complete(monkeypatch, capsys):
    """'backjournal rem<TAB>' offers remind; '--screen <TAB>' the screens."""
    out = complete(monkeypatch, capsys, "bash_complete", "backjournal rem", 1)
    assert out.splitlines() == ["plain,remind"]
    out = complete(monkeypatch, capsys, "bash_complete", "backjournal --screen ", 2)
    assert "plain,history" in out.splitlines()
