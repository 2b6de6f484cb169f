"""Startup benchmarks (issue #2): a fresh process until Today, or History, is painted.

Both are compared with a hello-world Textual app (Header, Static, Footer) started the same way,
in a fresh process each time, through :mod:`benchmarks.probe`. Target: at most 1.5 times as long.
"""

from __future__ import annotations

from benchmarks.common import Command, Context, Result, benchmark, compare, python_command, result

TARGET = 1.5
REFERENCE = "hello-world textual"


def _hello(ctx: Context) -> Command:
    argv = python_command("-m", "benchmarks.probe", "--app", "hello")
    return Command(REFERENCE, argv, ctx.env(), marks=True)


def _app(ctx: Context, until: str, start: str = "until") -> Command:
    # A copy of its own: the probe leaves without closing the journal, so its WAL side files stay
    # behind, and the demo journal must stay a closed, single file for the other benchmarks.
    db = ctx.fresh_copy(f"{until}-{start}.db")
    argv = python_command(
        "-m",
        "benchmarks.probe",
        "--app",
        "backjournal",
        "--db",
        str(db),
        "--until",
        until,
        "--start",
        start,
    )
    return Command(f"backjournal {until}", argv, ctx.env(db), marks=True)


def _startup_to(
    ctx: Context, name: str, until: str, start: str = "until", target: float = TARGET
) -> Result:
    measured, reference = compare(ctx, _app(ctx, until, start), _hello(ctx))
    return result(name, target, measured, REFERENCE, reference)


@benchmark("startup", "process start to Today painted, ten-year journal")
def startup(ctx: Context) -> Result:
    return _startup_to(ctx, "startup", "today")


@benchmark(
    "history",
    "process start (backjournal --screen history) to History's first rows painted, ten years",
)
def history(ctx: Context) -> Result:
    return _startup_to(ctx, "history", "history")


@benchmark(
    "today_then_history",
    "process start on Today, then key 5, to History's first rows painted, ten years",
)
def today_then_history(ctx: Context) -> Result:
    # No target in the issue: Today's start-up plus the switch. Tracked so that it cannot creep.
    return _startup_to(ctx, "today_then_history", "history", start="today", target=2.5)
