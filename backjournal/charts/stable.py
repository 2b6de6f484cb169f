"""Make plotext draw the same figure the same way in every process.

plotext removes duplicate points and tick labels with ``list(set(...))``
(``plotext._utility.no_duplicates``, used by ``brush`` in ``set_xticks``/``set_yticks`` and for
every plotted series). The order of a set of tuples holding strings (a tick's label, a point's
colour and marker) follows the strings' hashes, which Python randomises per process
(``PYTHONHASHSEED``). The order matters: tick labels are placed one after another with
``alignment="dynamic", check_space=True``, so a label moves a column when its neighbour was
placed first, and where two series meet, the one drawn last wins the cell. So the same chart at
the same size came out differently from one run of the app (or of the test suite) to the next:
the Trends snapshots' "tick labels a column apart", which looked like a timing problem under load
but followed the hash seed of each process (reproduced with ``PYTHONHASHSEED=0`` vs ``3``).

:func:`stable_plotext` replaces ``no_duplicates`` with the order-keeping version that plotext
itself leaves in a comment (``list(dict.fromkeys(data))``): the same duplicates are removed, the
first occurrence kept, in the order the chart declared them. Idempotent; the Trends screen calls
it when imported. This module imports plotext only when called, and never Textual.
"""

from __future__ import annotations

from collections.abc import Iterable


def _no_duplicates(data: Iterable) -> list:
    """``data`` without duplicates, in first-seen order (plotext's own commented alternative)."""
    return list(dict.fromkeys(data))


def stable_plotext() -> None:
    """Patch plotext (once) so that removing duplicates keeps the declared order, and so that
    its legend marks no axis with ``L`` or ``⅃`` (cryptic, and ``⅃`` is missing from common
    fonts): our legends name the axis in words (issue #15)."""
    import plotext._utility as ut

    if getattr(ut.no_duplicates, "__name__", "") != _no_duplicates.__name__:
        ut.no_duplicates = _no_duplicates
    for key in list(ut.side_symbols):
        ut.side_symbols[key] = " "
