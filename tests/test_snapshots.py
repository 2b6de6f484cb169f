"""Snapshot tests: every scene of ``screenshots/`` (every screen, 120x40 and 80x24) as an SVG.

Update after a deliberate change with ``python -m pytest tests/test_snapshots.py --snapshot-update``
and look at the report; then regenerate the screenshots with ``python -m screenshots``.
"""

from __future__ import annotations

import pytest

from screenshots.scenes import SCENES, build

SNAPSHOT_SCENES = [s for s in SCENES if s.snapshot]


@pytest.mark.parametrize("scene", SNAPSHOT_SCENES, ids=[s.name for s in SNAPSHOT_SCENES])
def test_scene(scene, snap_compare, tmp_path, monkeypatch):
    """The scene looks exactly as its stored snapshot."""
    monkeypatch.setenv("HOME", str(tmp_path))
    app = build(tmp_path, scene)
    try:
        assert snap_compare(app, terminal_size=scene.size, run_before=scene.run_before)
    finally:
        app.journal.close()
