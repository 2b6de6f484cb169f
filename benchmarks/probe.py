"""One timed process: start an app headless, leave as soon as its screen is painted.

``python -m benchmarks.probe --app hello`` is the reference (Header, Static, Footer);
``--app backjournal --db PATH --until today|history`` opens the journal through ``make_app``
exactly as the ``backjournal`` command does (CLI module included), switches to ``--until``'s
mode if that is not the one it starts in, and waits for that screen's ``loaded`` flag.

"Painted" is the first frame the app hands to its (headless) driver once the screen is done:
for hello-world its first frame; for backjournal the first frame of the ``--until`` screen drawn
after the screen set ``loaded = True`` (its data is in its widgets by then). The frame is seen by
wrapping ``App._display``, the one method every screen update goes through, so neither polling
nor callbacks queued by the app delay the mark. The probe then leaves at once with
``os._exit``: the question is how long the user waits for the screen, and tearing eighty widgets
down (or History appending the rest of its rows) is not part of that wait.

Just before leaving, the probe writes one JSON line of ``time.perf_counter()`` marks. The parent
subtracts its own start time from them: ``perf_counter`` is a system-wide monotonic clock on
Linux, macOS and Windows, so the marks break the wall time down into interpreter start, imports,
app ready (first screen mounted) and painted. They are diagnostics; the benchmark itself is the
parent's wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

MARKS: dict[str, float] = {"main": time.perf_counter()}
LOAD_TIMEOUT_S = 60.0


def hello_app():
    """The reference: the smallest Textual app that still has a header and a footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class HelloApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    return HelloApp()


def backjournal_app(db: str, screen: str):
    """The app as ``backjournal --db DB --screen SCREEN`` builds it (``backjournal.launch``)."""
    import backjournal.launch  # noqa: F401  (the command's entry module: count it too)
    from backjournal.paths import today
    from backjournal.tui.app import make_app

    return make_app(db, today=today(), screen=screen)


def leave() -> None:
    """Write the marks and end the process now (no teardown: see the module docstring)."""
    # Straight to the file descriptor: Textual may be capturing sys.stdout.
    os.write(sys.__stdout__.fileno(), (json.dumps(MARKS) + "\n").encode())
    os._exit(0)


def watch_frames(app, until: str | None) -> None:
    """Leave at the first frame that shows ``until``'s screen loaded (any frame if None)."""
    display = app._display

    def _display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is None or getattr(app, "_batch_count", 0):
            return  # nothing was drawn
        if until is None or (app.screen_name == until and getattr(screen, "loaded", False)):
            MARKS["painted"] = time.perf_counter()
            leave()

    app._display = _display


def make_pilot(until: str | None):
    """The auto-pilot: switch to ``until``'s mode if needed, then give the app time to paint."""

    async def drive(pilot) -> None:
        import asyncio  # here, not at the top: the "main" mark should be the interpreter alone

        MARKS["ready"] = time.perf_counter()
        app = pilot.app
        if until is not None:
            if app.screen_name != until:
                await app.run_action(f"show_screen('{until}')")
            if not hasattr(app.screen, "loaded"):
                raise RuntimeError(f"{type(app.screen).__name__} has no 'loaded' flag")
        await asyncio.sleep(LOAD_TIMEOUT_S)  # watch_frames ends the process long before this
        raise TimeoutError(f"{until or 'the app'} was not painted within {LOAD_TIMEOUT_S:.0f} s")

    return drive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe", description=__doc__)
    parser.add_argument("--app", choices=("hello", "backjournal"), required=True)
    parser.add_argument("--db", help="journal file (--app backjournal)")
    parser.add_argument("--until", choices=("today", "history"), default="today")
    parser.add_argument(
        "--start",
        choices=("until", "today"),
        default="until",
        help="the screen to start on: --until's own (as --screen opens it), or Today",
    )
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    args = parser.parse_args(argv)

    if args.app == "hello":
        app, until = hello_app(), None
    else:
        if not args.db:
            parser.error("--app backjournal needs --db")
        start = args.until if args.start == "until" else args.start
        app, until = backjournal_app(args.db, start), args.until
    MARKS["imported"] = time.perf_counter()

    watch_frames(app, until)
    app.run(headless=True, size=(args.width, args.height), auto_pilot=make_pilot(until))
    # watch_frames leaves the process at the painted frame; arriving here means the app stopped
    # first (its error, if any, is on stderr already).
    print("probe: the app exited before its screen was painted", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
