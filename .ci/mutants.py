"""Mutation testing of the modules that speak about a body: a small, dependency-free runner.

Each mutant changes one thing in one module (a comparison, a number, ``and``/``or``, a ``not``, a
returned ``True``/``False``, a ``+``/``-``) and runs the tests that cover the module against it.
A mutant that no test fails "survives": either the change does not alter behaviour (an
equivalent mutant), or a test is missing. The goal is at least 90 % killed.

    python .ci/mutants.py backjournal/domain/load.py tests/test_load.py
    python .ci/mutants.py --all            # every module in TARGETS, with its tests
    python .ci/mutants.py --all --jobs 2 --list-survivors

Why our own and not mutmut: mutmut 3 rewrites the whole package into a ``mutants/`` folder with
trampolines and needs its own test layout; these modules are pure functions with fast tests, so
one AST pass and a copy of the tree per worker are enough, and nothing here is installed.

The working tree is never modified: each worker copies ``backjournal/``, ``tests/`` and
``pyproject.toml`` into a temporary folder and writes its mutants there.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures as futures
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The modules whose rules users act on, and the tests that pin them. Keep in step with the code.
TARGETS: dict[str, list[str]] = {
    "backjournal/domain/flags.py": ["tests/test_flags.py"],
    "backjournal/domain/extent_trend.py": ["tests/test_extent_trend.py"],
    "backjournal/domain/readiness.py": ["tests/test_readiness.py", "tests/test_effort_load.py"],
    "backjournal/domain/load.py": ["tests/test_load.py", "tests/test_effort_load.py"],
    "backjournal/domain/body.py": ["tests/test_body.py"],
    "backjournal/domain/questionnaires.py": [
        "tests/test_questionnaires.py",
        "tests/test_tui_odi.py",
    ],
    # The JSON document (document()) is pinned by the CLI's tests.
    "backjournal/domain/insights.py": [
        "tests/test_insights.py",
        "tests/test_insights_own.py",
        "tests/test_cli_insights.py",
    ],
}

_SWAP_COMPARE = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_SWAP_BINOP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One change: the node's position in the walk, where it is, and what it does."""

    index: int
    line: int
    description: str


class _Mutator(ast.NodeTransformer):
    """Walks the tree in a fixed order; counts mutation points, or applies the one asked for."""

    def __init__(self, target: int | None = None) -> None:
        self.target = target
        self.count = 0
        self.found: list[Mutant] = []
        self._docstring_ids: set[int] = set()

    def _point(self, node: ast.AST, description: str) -> bool:
        index = self.count
        self.count += 1
        if self.target is None:
            self.found.append(Mutant(index, getattr(node, "lineno", 0), description))
            return False
        return index == self.target

    def visit_Module(self, node: ast.Module) -> ast.AST:
        self._mark_docstrings(node)
        return self.generic_visit(node)

    def _mark_docstrings(self, tree: ast.AST) -> None:
        for sub in ast.walk(tree):
            body = getattr(sub, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                value = body[0].value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    self._docstring_ids.add(id(value))

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            swap = _SWAP_COMPARE.get(type(op))
            if swap and self._point(node, f"{type(op).__name__} -> {swap.__name__}"):
                node.ops[i] = swap()
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        swap = _SWAP_BINOP.get(type(node.op))
        if swap and not _is_string_op(node):
            if self._point(node, f"{type(node.op).__name__} -> {swap.__name__}"):
                node.op = swap()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self._point(node, f"{type(node.op).__name__} -> {other.__name__}"):
            node.op = other()
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._point(node, "drop not"):
            return node.operand
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if id(node) in self._docstring_ids:
            return node
        if isinstance(value, bool):
            if self._point(node, f"{value} -> {not value}"):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, int):
            if self._point(node, f"{value} -> {value + 1}"):
                return ast.copy_location(ast.Constant(value + 1), node)
        elif isinstance(value, float):
            changed = value * 1.1 if value else 0.1
            if self._point(node, f"{value} -> {changed:g}"):
                return ast.copy_location(ast.Constant(changed), node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return node  # the numbers inside an f-string's format spec are not rules

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_arguments(self, node: ast.arguments) -> ast.AST:
        return self.generic_visit(node)


def _is_string_op(node: ast.BinOp) -> bool:
    return any(
        isinstance(side, ast.Constant) and isinstance(side.value, str)
        for side in (node.left, node.right)
    ) or isinstance(node.left, ast.JoinedStr)


def mutants(source: str) -> list[Mutant]:
    """Every mutation point of ``source``, in a fixed order."""
    mutator = _Mutator()
    mutator.visit(ast.parse(source))
    return mutator.found


def mutated(source: str, index: int) -> str:
    """``source`` with mutation ``index`` applied."""
    tree = ast.parse(source)
    _Mutator(index).visit(tree)
    ast.fix_missing_locations(tree)
    return ast.unparse(tree)


def _copy_tree(dest: Path) -> None:
    shutil.copytree(ROOT / "backjournal", dest / "backjournal", ignore=_ignore)
    shutil.copytree(ROOT / "tests", dest / "tests", ignore=_ignore)
    shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")


def _ignore(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n in ("__pycache__", ".hypothesis", ".pytest_cache")]


def _run_tests(workdir: Path, tests: list[str], timeout: float) -> str:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(workdir))
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        proc = subprocess.run(
            cmd, cwd=workdir, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return "killed (timeout)"
    return "survived" if proc.returncode == 0 else "killed"


def _worker(module: str, tests: list[str], indexes: list[int], timeout: float) -> list[tuple]:
    source = (ROOT / module).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        workdir = Path(tmp)
        _copy_tree(workdir)
        target = workdir / module
        results = []
        for index in indexes:
            target.write_text(mutated(source, index), encoding="utf-8")
            results.append((index, _run_tests(workdir, tests, timeout)))
        target.write_text(source, encoding="utf-8")
    return results


def run(module: str, tests: list[str], jobs: int, list_survivors: bool) -> tuple[int, int]:
    """Runs every mutant of ``module``; prints a summary; returns (killed, total)."""
    source = (ROOT / module).read_text(encoding="utf-8")
    found = mutants(source)
    baseline = _run_tests(ROOT, tests, timeout=600)
    if baseline != "survived":
        print(f"{module}: the tests fail without any mutant; fix them first", flush=True)
        return 0, len(found)
    started = time.monotonic()
    chunks = [[m.index for m in found[i::jobs]] for i in range(jobs)]
    outcome: dict[int, str] = {}
    with futures.ProcessPoolExecutor(jobs) as pool:
        for done in pool.map(_worker, [module] * jobs, [tests] * jobs, chunks, [120.0] * jobs):
            outcome.update(done)
    survivors = [m for m in found if outcome.get(m.index) == "survived"]
    killed = len(found) - len(survivors)
    share = killed / len(found) if found else 1.0
    print(
        f"{module}: {killed} of {len(found)} mutants killed ({share:.0%}) "
        f"in {time.monotonic() - started:.0f} s",
        flush=True,
    )
    if list_survivors:
        for m in survivors:
            print(f"  survived: line {m.line}: {m.description}")
    return killed, len(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", nargs="?", help="a module path, e.g. backjournal/domain/load.py")
    parser.add_argument("tests", nargs="*", help="the test files that cover it")
    parser.add_argument("--all", action="store_true", help="every module in TARGETS")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--list-survivors", action="store_true")
    parser.add_argument("--min", type=float, default=0.90, help="the share to reach (0.90)")
    args = parser.parse_args(argv)
    if args.all:
        work = [(m, t) for m, t in TARGETS.items() if (ROOT / m).exists()]
    elif args.module:
        work = [(args.module, args.tests or TARGETS.get(args.module, []))]
    else:
        parser.error("name a module and its tests, or --all")
    total_killed = total = 0
    for module, tests in work:
        tests = [t for t in tests if (ROOT / t).exists()]
        killed, count = run(module, tests, args.jobs, args.list_survivors)
        total_killed += killed
        total += count
    share = total_killed / total if total else 1.0
    print(f"all: {total_killed} of {total} killed ({share:.0%}); the goal is {args.min:.0%}")
    return 0 if share >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
