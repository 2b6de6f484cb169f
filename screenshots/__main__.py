"""``python -m screenshots``: regenerate every SVG in this folder from the demo journal."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

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


if __name__ == "__main__":
    main()
