"""The shape of the code (issue #11): dialogs in tui/dialogs, styles beside what they style, long
modules that say why they are long, and every style sheet shipped in the package."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
import tomllib
from textual.screen import ModalScreen, Screen

import backjournal
from backjournal.tui.app import SCREEN_NAMES, screen_sheet

PACKAGE = Path(backjournal.__file__).parent
ROOT = PACKAGE.parent
MAX_LINES = 600

SCREEN_CLASSES = {
    "today": "backjournal.tui.screens.today:TodayScreen",
    "body-map": "backjournal.tui.screens.body_map:BodyMapScreen",
    "exercises": "backjournal.tui.screens.exercises:ExercisesScreen",
    "trends": "backjournal.tui.screens.trends:TrendsScreen",
    "history": "backjournal.tui.screens.history:HistoryScreen",
    "settings": "backjournal.tui.screens.settings:SettingsScreen",
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _class(spec: str) -> type:
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


def test_long_modules_say_why_in_their_docstring():
    """A module over 600 lines has a docstring paragraph beginning "Why" (why it is long)."""
    unexplained = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= MAX_LINES:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if not any(p.startswith("Why ") for p in doc.split("\n\n")):
            unexplained.append(str(path.relative_to(ROOT)))
    assert unexplained == []


def test_every_modal_screen_lives_in_tui_dialogs():
    """No ModalScreen subclass is defined outside backjournal/tui/dialogs/."""
    outside = []
    for path in _modules():
        if "dialogs" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and "ModalScreen" in ast.unparse(node.bases[0:1]):
                outside.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert outside == []


def test_the_dialogs_are_modal_screens():
    """The dialog modules hold the app's modal screens (the check above is able to find them)."""
    from backjournal.tui.dialogs.confirm import ConfirmDialog
    from backjournal.tui.dialogs.programme import ProgrammeEditor

    assert issubclass(ConfirmDialog, ModalScreen)
    assert issubclass(ProgrammeEditor, ModalScreen)


@pytest.mark.parametrize("name", SCREEN_NAMES)
def test_each_screen_has_its_sheet_beside_it(name):
    """Each screen's CSS_PATH is the .tcss beside its module, the same file the app reads at
    start-up when the app starts on that screen."""
    cls = _class(SCREEN_CLASSES[name])
    assert issubclass(cls, Screen)
    module_dir = Path(inspect.getfile(cls)).parent
    sheet = (module_dir / cls.CSS_PATH).resolve()
    assert sheet.is_file()
    assert sheet == (PACKAGE / "tui" / screen_sheet(name)).resolve()
    assert sheet.with_suffix(".py").name == Path(inspect.getfile(cls)).name


def test_package_data_ships_every_style_sheet():
    """The package-data globs of pyproject.toml (as setuptools expands them, ``**`` included)
    match every .tcss in the package."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["backjournal"]
    sheets = set(PACKAGE.rglob("*.tcss"))
    shipped = {p for g in globs for p in PACKAGE.glob(g)}
    assert len(sheets) >= 9
    assert sorted(str(p.relative_to(PACKAGE)) for p in sheets - shipped) == []


def test_each_dialog_sheet_sits_beside_its_module():
    """A dialog's CSS_PATH names the .tcss of its own module (prompts.tcss beside prompts.py),
    and that file exists."""
    import backjournal.tui.dialogs as dialogs

    found = 0
    for path in sorted(Path(dialogs.__file__).parent.glob("*.py")):
        module = importlib.import_module(f"backjournal.tui.dialogs.{path.stem}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, ModalScreen):
                continue
            if "CSS_PATH" in cls.__dict__:
                found += 1
                assert cls.CSS_PATH == f"{path.stem}.tcss"
                assert (path.parent / cls.CSS_PATH).is_file()
    assert found >= 2  # FolderPrompt and ProgrammeEditor
