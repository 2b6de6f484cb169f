"""One timed process for redraw benchmarks: key presses in a running app, each until its frame.

``python -m benchmarks.redraw --app body-map --db PATH`` opens the body map of the ten-year
journal and presses arrows, digits and quality letters; ``--app hello`` presses a key that changes
a Static in a hello-world app (the reference). Each sample is the time from sending the key to the
first frame the app hands to its (headless) driver afterwards. Prints one JSON list of seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time

KEYS = ("right", "down", "3", "t", "left", "up", "5", "n", "down", "right", "0", "space")


def hello_app():
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class HelloApp(App[None]):
        BINDINGS = [(k, "bump", "Bump") for k in ("right", "left", "up", "down", "space")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello", id="text")
            yield Footer()

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#text", Static).update(f"hello {self.count}")

        def on_key(self, event) -> None:
            if event.character and event.character.isalnum():
                self.action_bump()

    return HelloApp()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.redraw")
    parser.add_argument("--app", choices=("hello", "body-map"), required=True)
    parser.add_argument("--db")
    parser.add_argument("--presses", type=int, default=36)
    args = parser.parse_args(argv)

    if args.app == "hello":
        app = hello_app()
    else:
        import datetime as dt

        from backjournal.tui.app import make_app

        app = make_app(
            args.db, today=dt.date.fromisoformat(os.environ["BACKJOURNAL_TODAY"]), screen="body-map"
        )

    frame = {"at": 0.0}
    display = app._display

    def _display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            frame["at"] = time.perf_counter()

    app._display = _display
    samples: list[float] = []

    async def drive(pilot) -> None:
        await pilot.pause()
        while not getattr(pilot.app.screen, "loaded", True):
            await pilot.pause(0.01)
        await pilot.pause(0.1)
        for i in range(args.presses):
            key = KEYS[i % len(KEYS)]
            start = time.perf_counter()
            frame["at"] = 0.0
            await pilot.press(key)
            deadline = start + 20.0  # never spin for ever: a lost frame fails the run instead
            while frame["at"] < start:
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"no frame after {key!r}")
                await asyncio.sleep(0.0005)
            samples.append(frame["at"] - start)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.02)
        pilot.app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=drive)
    os.write(sys.__stdout__.fileno(), (json.dumps(samples) + "\n").encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
