"""backjournal's speed benchmarks: ``python -m benchmarks`` (run from the repository root).

Every target is a ratio against a reference measured in the same run (a hello-world Textual app,
a bare ``import sqlite_utils``), never an absolute time: a slow machine slows both sides. Each
side is timed several times, interleaved, and compared by its median. The journal is the demo
generator's ten years, written to a temporary folder; the user's own journal is never opened.

This package imports nothing on purpose: the probe (``python -m benchmarks.probe``) runs in every
timed subprocess, and whatever this file imported would be counted against both sides.
"""
