"""The README's two commands stay true: CI runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shell_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def test_ci_runs_the_readme_test_command():
    """.ci/run ends with the very command the README gives for running the tests."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = next(b for b in shell_blocks(readme) if "pytest" in b)
    ci_lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci_lines[-1] == test_command
    assert "python3 -m venv" in "\n".join(ci_lines)


def test_readme_install_command_opens_the_journal():
    """The README's first command installs the package and starts the app."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert shell_blocks(readme)[0] == "pip install . && backjournal"


def test_readme_shows_every_screenshot():
    """Each SVG in screenshots/ appears in the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for svg in sorted((ROOT / "screenshots").glob("*.svg")):
        assert f"screenshots/{svg.name}" in readme


# Words CLINICAL.md rules out of what users read ("Avoid ..."): the README and the documents
# users read are held to it as the screens are. (The README said "find their source".)
RULED_OUT = (
    r"\bsafe\b",
    r"\bcure[sd]?\b",
    r"find (the|their) source",
    r"keeps? it away",
    r"disc pain",
    r"eases disc",
    r"crippled",
    r"sciatica extent",
)


def test_the_readme_and_docs_use_none_of_the_words_clinical_md_rules_out():
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern in RULED_OUT:
                if re.search(pattern, line, flags=re.I):
                    found.append(f"{path.name}:{n}: {line.strip()}")
    assert found == []
