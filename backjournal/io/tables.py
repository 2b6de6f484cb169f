"""How a journal table looks to the files that carry it: its columns, links and natural keys.

The store reads these from the journal's own schema (``store/schema.py``), so a table that a later
migration adds is exported and imported without a change here. The CSV and JSON modules use them
to know which cells are text (formula neutralisation applies only to those) and how to read a
cell back (a number, a whole number, text, or nothing).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column. ``affinity`` is SQLite's: INTEGER, REAL, TEXT, NUMERIC or BLOB."""

    name: str
    affinity: str = "TEXT"
    notnull: bool = False
    has_default: bool = False
    pk: bool = False

    @property
    def is_text(self) -> bool:
        """True for text cells: the only ones a spreadsheet could take for a formula."""
        return self.affinity == "TEXT"

    @property
    def required(self) -> bool:
        """A file must give this column: it cannot be NULL and has no default."""
        return self.notnull and not self.has_default


@dataclass(frozen=True)
class ForeignKey:
    """``column`` refers to ``table.target``."""

    column: str
    table: str
    target: str


@dataclass(frozen=True)
class Table:
    """A table as files carry it.

    ``row_id`` is the INTEGER PRIMARY KEY column (its values are renumbered on import when they
    are taken, and the links to them follow). ``natural_keys`` are the column sets that say two
    rows are the same thing (a day's date; a run's source id, or its date and place in the day):
    a row whose first complete key is already in the journal is not imported again.
    """

    name: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    row_id: str | None = None
    natural_keys: tuple[tuple[str, ...], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def text_columns(self) -> tuple[bool, ...]:
        """For each column, whether it holds text (in column order)."""
        return tuple(c.is_text for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def key_of(self, values: dict[str, object]) -> tuple[tuple[str, ...], tuple] | None:
        """The row's natural key: the first key whose columns all have a value, and its values."""
        for key in self.natural_keys:
            found = tuple(map(values.get, key))
            if None not in found:
                return key, found
        return None
