"""``python -m screenshots``: regenerate every SVG in this folder from the demo journal, and the
report's pages as PNG (``python -m screenshots report`` for those alone)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from screenshots import report
from screenshots.scenes import SCENES, build

HERE = Path(__file__).parent


async def shoot(scene, home: Path) -> Path:
    app = build(home, scene)
    async with app.run_test(size=scene.size) as pilot:
        await scene.run_before(pilot)
        target = HERE / f"{scene.name}.svg"
        app.save_screenshot(filename=target.name, path=str(HERE))
    app.journal.close()
    return target


def main() -> None:
    wanted = set(sys.argv[1:])
    for scene in SCENES:
        if wanted and scene.name not in wanted:
            continue
        with tempfile.TemporaryDirectory() as home:
            target = asyncio.run(shoot(scene, Path(home)))
        print(f"wrote {target.relative_to(HERE.parent)}  ({scene.title})")
    if not wanted or report.NAME in wanted:
        from screenshots.scenes import TODAY, prepare_home

        with tempfile.TemporaryDirectory() as home:
            for page in report.shoot(prepare_home(Path(home), True), HERE, TODAY):
                print(f"wrote {page.relative_to(HERE.parent)}  ({report.TITLE})")


if __name__ == "__main__":
    main()
