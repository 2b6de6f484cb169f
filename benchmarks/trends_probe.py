"""One timed process for the Trends benchmarks (issue #5).

``python -m benchmarks.trends_probe --db PATH`` starts the app on Trends (headless, 120x40) and
prints JSON: ``open`` (from the app running to the first frame with every chart drawn),
``resize`` (a terminal resize until its frame) and ``range`` (a range change, ``r``, until its
charts are drawn), each in seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.trends_probe")
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    from backjournal.tui.app import make_app

    today = dt.date.fromisoformat(os.environ["BACKJOURNAL_TODAY"])
    app = make_app(args.db, today=today, screen="trends")
    frame = {"at": 0.0}
    display = app._display

    def _display(screen, renderable) -> None:
        display(screen, renderable)
        # Only frames of the Trends screen with its charts drawn count.
        if renderable is not None and getattr(screen, "loaded", False):
            frame["at"] = time.perf_counter()

    app._display = _display
    result: dict[str, list[float]] = {"open": [], "resize": [], "range": []}
    started = {"at": time.perf_counter()}

    async def until_frame(after: float, limit: float = 20.0) -> float:
        deadline = time.perf_counter() + limit
        while frame["at"] < after:
            if time.perf_counter() > deadline:
                raise TimeoutError("no frame")
            await asyncio.sleep(0.0005)
        return frame["at"] - after

    async def drive(pilot) -> None:
        result["open"].append(await until_frame(started["at"]))
        for i in range(args.repeats):
            await pilot.pause(0.05)
            start = time.perf_counter()
            await pilot.resize_terminal(118 if i % 2 == 0 else 120, 40)
            result["resize"].append(await until_frame(start))
            await pilot.pause(0.05)
            start = time.perf_counter()
            await pilot.press("r")
            await pilot.pause()
            result["range"].append(await until_frame(start))
        pilot.app.exit()

    started["at"] = time.perf_counter()
    app.run(headless=True, size=(120, 40), auto_pilot=drive)
    os.write(sys.__stdout__.fileno(), (json.dumps(result) + "\n").encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
