"""How an import or a restore tells what it did: counts per table, then every bad line."""

from __future__ import annotations

from backjournal.cli.base import say


def counts_line(counts) -> str:
    """``day 3,535 added · run 1,910 added, 2 already there``, tables in import order."""
    parts = []
    for count in counts:
        bits = []
        if count.added or not (count.existing or count.bad):
            bits.append(f"{count.added:,} added")
        if count.existing:
            bits.append(f"{count.existing:,} already there")
        if count.bad:
            bits.append(f"{count.bad:,} bad")
        parts.append(f"{count.name} {', '.join(bits)}")
    return " · ".join(parts)


def print_problems(problems) -> None:
    """Every problem on its own line on stderr, in file and line order."""
    for problem in sorted(problems, key=lambda p: (p.source, p.line)):
        say(f"  {problem}", err=True)


def how_many(problems) -> str:
    """``3 bad lines``, ``1 bad file``, or ``1 bad file, 2 bad lines``."""
    files = sum(1 for p in problems if not p.line)
    lines = len(problems) - files
    parts = []
    if files:
        parts.append(f"{files:,} bad file{'s' if files != 1 else ''}")
    if lines or not files:
        parts.append(f"{lines:,} bad line{'s' if lines != 1 else ''}")
    return ", ".join(parts)
