"""The mutation runner (.ci/mutants.py) finds each kind of mutation and applies only one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "mutants", Path(__file__).resolve().parent.parent / ".ci" / "mutants.py"
)
mutants = importlib.util.module_from_spec(SPEC)
sys.modules["mutants"] = mutants  # dataclasses look their module up there
SPEC.loader.exec_module(mutants)

SOURCE = '''"""Doc 5."""
def f(x, y):
    """Doc 7."""
    if x >= 10 and not y:
        return x + 2.5
    return True
'''


def test_each_kind_of_mutation_is_found_once():
    """A comparison, two numbers, and/or, not, + and a returned bool: seven points (children
    before their parent), docstrings left alone."""
    found = [m.description for m in mutants.mutants(SOURCE)]
    assert found == [
        "10 -> 11",
        "GtE -> Gt",
        "drop not",
        "And -> Or",
        "2.5 -> 2.75",
        "Add -> Sub",
        "True -> False",
    ]


def test_one_mutant_changes_one_place():
    """Applying the comparison's mutant changes that comparison and nothing else."""
    changed = mutants.mutated(SOURCE, 1)
    assert "x > 10 and (not y)" in changed
    assert "x + 2.5" in changed and "return True" in changed
