"""The benchmark machinery (``python -m benchmarks``) runs end to end and prints its table.

No timing is asserted here: speed targets are ratios checked by the benchmarks themselves.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("benchmark", "median", "reference", "ref median", "ratio", "target", "met")


def test_smallest_benchmark_run_prints_the_table():
    """One quick-entry run on a one-year journal prints the machine line and the full table."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--repeat", "1", "--warmup", "0"]
        + ["--only", "quick_entry", "--years", "1"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("machine: ")
    header = next(line for line in lines if line.startswith("benchmark"))
    assert [c.strip() for c in header.split("  ") if c.strip()] == list(COLUMNS)
    row = next(line for line in lines if line.startswith("quick_entry"))
    assert "import sqlite_utils" in row
    assert row.split()[-1] in ("yes", "NO")


def test_exchange_benchmarks_run_on_a_small_journal():
    """export_csv and import_csv run end to end (one run each side, a one-year journal) and
    print their rows against their references."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--repeat", "1", "--warmup", "0"]
        + ["--only", "export_csv,import_csv", "--years", "1"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines() if line.strip()}
    assert "csv.writer, plain query" in rows["export_csv"]
    assert "export csv" in rows["import_csv"]
    assert rows["import_csv"].split()[-1] in ("yes", "NO")


def test_trends_data_benchmark_runs():
    """The in-process trends benchmark (10-year vs 1-year journal) runs and prints its row."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--repeat", "1", "--warmup", "0"]
        + ["--only", "trends_data", "--years", "2"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("trends_data"))
    assert "1-year journal" in row and "<= 1.20" in row


def test_insights_data_benchmark_runs():
    """The in-process insights benchmark (12 weeks, 10-year vs 1-year journal) runs and prints
    its row."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--repeat", "1", "--warmup", "0"]
        + ["--only", "insights_data", "--years", "2"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("insights_data"))
    assert "1-year journal" in row and "<= 1.20" in row


def test_exercises_data_benchmark_runs():
    """The in-process exercises benchmark (10-year vs 1-year journal) runs and prints its row."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--repeat", "1", "--warmup", "0"]
        + ["--only", "exercises_data", "--years", "2"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("exercises_data"))
    assert "1-year journal" in row and "<= 1.20" in row


def test_timed_processes_may_cache_bytecode(tmp_path, monkeypatch):
    """The timed processes' environment lets Python write bytecode, as a user's Python does."""
    from benchmarks.common import Context

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    ctx = Context(tmp_path, tmp_path / "demo.db", years=1, repeat=1, warmup=0)
    env = ctx.env()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["BACKJOURNAL_DB"] == str(tmp_path / "demo.db")


def test_cache_bytecode_writes_the_package_cache():
    """``cache_bytecode`` leaves a fresh .pyc for every backjournal module."""
    import importlib.util

    import backjournal
    from benchmarks.__main__ import cache_bytecode

    cache_bytecode()
    package = Path(backjournal.__file__).parent
    for source in package.rglob("*.py"):
        cached = Path(importlib.util.cache_from_source(str(source)))
        assert cached.exists(), source
        assert cached.stat().st_mtime >= source.stat().st_mtime, source


def test_activity_import_benchmarks_run_on_a_small_export(tmp_path):
    """import_strava and reimport_strava run end to end on an export of four files and print
    their rows (the peak memories in the first)."""
    env = {**__import__("os").environ, "BENCH_ACTIVITY_FILES": "4"}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--repeat", "1", "--warmup", "0"]
        + ["--only", "import_strava,reimport_strava", "--years", "1"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines() if line.strip()}
    assert "gpxpy+fitdecode parse; peak" in rows["import_strava"]
    assert "first import" in rows["reimport_strava"]
