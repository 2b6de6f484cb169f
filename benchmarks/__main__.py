"""``python -m benchmarks``: build the demo journal, run the benchmarks, print one table.

Exit status is 0 whatever the numbers say, unless ``--check`` is given: then 1 when a target is
missed (for CI). A failing command (a crash, a screen that never paints) or an unknown benchmark
name is exit 2 (argparse's own usage errors are 2 as well).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REGISTRY, Context, Result, details, machine, make_demo_journal, table

# Modules that register benchmarks, in table order. A new benchmark module goes here.
MODULES = (
    "benchmarks.startup",
    "benchmarks.quick_entry",
    "benchmarks.body_map",
    "benchmarks.exchange",
    "benchmarks.trends_data",
    "benchmarks.exercises_data",
    "benchmarks.trends_screen",
    "benchmarks.report",
)
DEFAULT_REPEAT = 7
QUICK_REPEAT = 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time backjournal against references measured in the same run.",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        metavar="N",
        help=f"timed runs of each side (default {DEFAULT_REPEAT}; {QUICK_REPEAT} with --quick)",
    )
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPEAT} runs of each side")
    parser.add_argument(
        "--warmup", type=int, default=1, metavar="N", help="untimed runs first (default 1)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark (repeat or comma-separate for several)",
    )
    parser.add_argument(
        "--years", type=int, default=10, help="years in the demo journal (default 10)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="also print every sample and where time goes"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = QUICK_REPEAT if args.quick else DEFAULT_REPEAT
    if args.repeat < 1 or args.warmup < 0 or args.years < 1:
        parser.error("--repeat and --years must be at least 1, --warmup at least 0")
    return args


def selected(only: list[str] | None) -> list[str]:
    """The benchmarks named by ``--only`` (all of them without it), in table order."""
    if not only:
        return list(REGISTRY)
    names = {n.strip() for item in only for n in item.split(",") if n.strip()}
    unknown = sorted(names - REGISTRY.keys())
    if unknown:
        known = ", ".join(REGISTRY)
        raise ValueError(f"unknown benchmark(s): {', '.join(unknown)}; known: {known}")
    return [n for n in REGISTRY if n in names]


def cache_bytecode() -> None:
    """Write the bytecode cache of backjournal and of the probes, as a user's first start does.

    See ``Context.env``: without it, a machine that sets PYTHONDONTWRITEBYTECODE would charge
    every timed start of backjournal a compile of its modules that textual never pays.
    """
    import compileall

    import backjournal

    for package in (Path(backjournal.__file__).parent, Path(__file__).parent):
        compileall.compile_dir(package, quiet=1)


def main(argv: list[str] | None = None) -> int:
    for module in MODULES:
        importlib.import_module(module)
    args = parse_args(argv)
    if args.list:
        for name, (description, _) in REGISTRY.items():
            print(f"{name:<14} {description}")
        return 0
    try:
        names = selected(args.only)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2

    results: list[Result] = []
    started = time.perf_counter()
    cache_bytecode()
    with tempfile.TemporaryDirectory(prefix="backjournal-bench-") as tmp:
        journal = make_demo_journal(Path(tmp) / "demo.db", args.years)
        ctx = Context(Path(tmp), journal, args.years, args.repeat, args.warmup)
        for name in names:
            print(f"running {name} ({args.repeat} runs each side)...", file=sys.stderr, flush=True)
            try:
                results.append(REGISTRY[name][1](ctx))
            except RuntimeError as exc:
                print(f"benchmark {name} failed: {exc}", file=sys.stderr)
                return 2

    print(machine())
    print(
        f"journal: {args.years}-year demo · {args.repeat} timed runs each side, interleaved, "
        f"after {args.warmup} warm-up · medians · took {time.perf_counter() - started:.0f} s"
    )
    print()
    print(table(results))
    if args.verbose:
        print()
        print(details(results))
    missed = [r.name for r in results if not r.met]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
