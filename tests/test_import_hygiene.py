"""The layers stay apart: what each part of backjournal imports, checked in a fresh interpreter.

Quick entry from the shell must not pay for Textual or plotext, and the domain must stay pure
Python (no SQL), as DESIGN.md says. Each check starts a new interpreter, because the test session
itself has long since imported everything (the habit of harlequin's test_import_hygiene.py).
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import backjournal.demo
import backjournal.domain
import backjournal.io
import backjournal.tui.dialogs

UI_MODULES = ("textual", "plotext", "textual_plotext")
SQL_MODULES = ("sqlite3", "_sqlite3", "sqlite_utils")
DOMAIN_MODULES = tuple(
    f"backjournal.domain.{m.name}" for m in pkgutil.iter_modules(backjournal.domain.__path__)
)

IO_MODULES = tuple(
    f"backjournal.io.{m.name}" for m in pkgutil.iter_modules(backjournal.io.__path__)
)

DEMO_MODULES = tuple(
    f"backjournal.demo.{m.name}" for m in pkgutil.iter_modules(backjournal.demo.__path__)
)

DIALOG_MODULES = tuple(
    f"backjournal.tui.dialogs.{m.name}"
    for m in pkgutil.iter_modules(backjournal.tui.dialogs.__path__)
)


def imported_after(*modules: str) -> set[str]:
    """The top-level names in ``sys.modules`` after importing ``modules`` in a new interpreter."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout))


def test_domain_modules_are_found():
    """The check below covers the domain's real modules (values, parse, models), and the demo
    generators are no longer among them."""
    names = {m.rsplit(".", 1)[1] for m in DOMAIN_MODULES}
    assert {"values", "parse", "models"} <= names
    assert not {n for n in names if n.startswith("demo")}


def test_demo_and_dialog_modules_are_found():
    """The checks below cover the demo's generators and every dialog module."""
    assert {"story", "days", "shoes", "exercises"} <= {m.rsplit(".", 1)[1] for m in DEMO_MODULES}
    dialogs = {m.rsplit(".", 1)[1] for m in DIALOG_MODULES}
    assert {"confirm", "prompts", "mark", "odi", "library", "programme"} <= dialogs


def test_the_probe_sees_what_it_imports():
    """The probe reports imported UI and SQL modules (so the checks below are able to fail)."""
    assert "textual" in imported_after("textual")
    assert {"sqlite3", "sqlite_utils"} <= imported_after("sqlite_utils")


@pytest.mark.parametrize(
    "modules",
    [
        pytest.param(DOMAIN_MODULES, id="domain"),
        pytest.param(IO_MODULES, id="io"),
        pytest.param(DEMO_MODULES, id="demo"),
        pytest.param(("backjournal.store",), id="store"),
        pytest.param(("backjournal.cli",), id="cli"),
        pytest.param(("backjournal.__main__",), id="main"),
    ],
)
def test_no_ui_modules_outside_the_tui(modules):
    """Importing the domain, the store or the CLI loads neither Textual nor plotext."""
    loaded = imported_after(*modules)
    assert loaded.isdisjoint(UI_MODULES), sorted(loaded & set(UI_MODULES))


def test_io_modules_are_found():
    """The check below covers the file modules (tables, csv_export...)."""
    assert {"tables", "csv_export"} <= {m.rsplit(".", 1)[1] for m in IO_MODULES}


def test_domain_imports_no_sql():
    """The domain, io and demo modules import neither sqlite3 nor sqlite_utils: only the store
    speaks SQL."""
    loaded = imported_after(*DOMAIN_MODULES, *IO_MODULES, *DEMO_MODULES)
    assert loaded.isdisjoint(SQL_MODULES), sorted(loaded & set(SQL_MODULES))
    assert "backjournal" in loaded


def test_dialogs_reach_neither_the_store_nor_sql():
    """The dialogs return what the user chose and leave the work to their screen: importing every
    dialog module loads neither the store nor SQLite (but does load Textual, so the probe works)."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(DIALOG_MODULES)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    loaded = set(json.loads(proc.stdout))
    assert "textual" in loaded
    store = {m for m in loaded if m.startswith("backjournal.store")}
    assert not store, sorted(store)
    assert loaded.isdisjoint(SQL_MODULES), sorted(loaded & set(SQL_MODULES))


@pytest.mark.parametrize("module", ["backjournal.store", "backjournal.cli", "backjournal.tui.app"])
def test_sqlite_utils_waits_until_a_migration_is_due(module):
    """sqlite-utils (30 ms to import) is loaded only to run a migration, not at start-up."""
    assert "sqlite_utils" not in imported_after(module)


def test_quick_entry_does_not_load_the_trends_modules():
    """The stats command and journal.trends import their modules on use: importing the CLI (as
    quick entry does) loads none of them."""
    code = (
        "import json, sys\n"
        "import backjournal.cli, backjournal.store\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('backjournal'))))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    loaded = set(json.loads(proc.stdout))
    assert "backjournal.cli.stats" in loaded  # the command is registered...
    trends = {
        "backjournal.store.trends",
        "backjournal.domain.trends",
        "backjournal.domain.load",
        "backjournal.domain.aggregate",
        "backjournal.domain.insights",
        "backjournal.domain.readiness",
    }
    assert loaded.isdisjoint(trends), sorted(loaded & trends)  # ...but its work is not loaded


def test_today_does_not_load_the_exercise_library():
    """The app's start (Today) counts the day's exercises without importing the exercise library
    or the Exercises screen: both wait until key 3."""
    code = (
        "import json, sys\n"
        "import backjournal.launch, backjournal.tui.app, backjournal.tui.screens.today\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('backjournal'))))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    loaded = set(json.loads(proc.stdout))
    assert "backjournal.store.exercise_summary" in loaded
    heavy = {
        "backjournal.domain.exercises",
        "backjournal.store.exercises",
        "backjournal.tui.screens.exercises",
        "backjournal.tui.dialogs.programme",
    }
    assert loaded.isdisjoint(heavy), sorted(loaded & heavy)


REPORT_MODULES = ("fpdf", "matplotlib", "PIL", "fontTools")


@pytest.mark.parametrize(
    "modules",
    [
        pytest.param(("backjournal.tui.app",), id="app"),
        pytest.param(("backjournal.cli", "backjournal.store"), id="cli"),
        pytest.param(DOMAIN_MODULES, id="domain"),
    ],
)
def test_report_libraries_wait_for_the_report(modules):
    """fpdf2 and matplotlib (a second to import) are loaded by the report alone: not by the
    app, the command line or the domain."""
    loaded = imported_after(*modules)
    assert loaded.isdisjoint(REPORT_MODULES), sorted(loaded & set(REPORT_MODULES))


def test_other_commands_do_not_load_the_report(tmp_path):
    """Running another command (stats --json) loads neither the report package nor its
    libraries; the report command does."""
    code = (
        "import json, sys\n"
        "from backjournal.cli import cli\n"
        "try:\n"
        "    cli(['--db', sys.argv[1], sys.argv[2], *sys.argv[3:]], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules)))\n"
    )

    def loaded(*argv: str) -> set[str]:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "j.db"), *argv],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=tmp_path,
        )
        assert proc.returncode == 0, proc.stderr
        return set(json.loads(proc.stdout.splitlines()[-1]))

    stats = loaded("stats", "--json")
    heavy = {"fpdf", "matplotlib", "backjournal.report", "backjournal.report.pdf"}
    assert stats.isdisjoint(heavy), sorted(stats & heavy)
    report = loaded("report", "--format", "md", "--out", str(tmp_path / "r.md"))
    assert "backjournal.report.data" in report and "fpdf" not in report
