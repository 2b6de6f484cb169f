"""Shoes: add, find, retire, and the distance run in each (the SQL behind ``backjournal shoes``
and ``backjournal log --shoe``)."""

from __future__ import annotations

import sqlite3

from backjournal.domain.models import Shoe, ValidationError
from backjournal.store.journal import Journal, _now

_SELECT = """
    SELECT s.id, s.name, s.limit_m, s.retired,
        (SELECT coalesce(sum(distance_m), 0) FROM run WHERE run.shoe_id = s.id),
        (SELECT count(*) FROM run WHERE run.shoe_id = s.id)
    FROM shoe s
"""


def _shoe(row: tuple) -> Shoe:
    return Shoe(
        id=row[0],
        name=row[1],
        limit_m=row[2],
        retired=bool(row[3]),
        distance_m=row[4],
        runs=row[5],
    )


def list_shoes(journal: Journal, *, include_retired: bool = False) -> list[Shoe]:
    """The shoes with their distance and runs, by name; retired ones only when asked."""
    where = "" if include_retired else "WHERE s.retired = 0"
    with journal._lock:
        rows = journal.conn.execute(f"{_SELECT} {where} ORDER BY s.name COLLATE NOCASE").fetchall()
    return [_shoe(r) for r in rows]


def picker_shoes(journal: Journal, keep: int | None = None) -> list[Shoe]:
    """What a shoe picker offers: the shoes in use, plus the shoe ``keep`` (a run's own) even if
    it is retired, so that editing an old run does not drop its shoe."""
    shoes = list_shoes(journal, include_retired=True)
    return [s for s in shoes if not s.retired or s.id == keep]


def _storable(name: str) -> bool:
    """A name SQLite can be asked about: text that is UTF-8 (a stored name always is). Invalid
    bytes in argv arrive as surrogates and failed the query with a UnicodeEncodeError
    (`shoes retire $'\\x80'`; found by issue #7's long hypothesis profile)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def find_shoe(journal: Journal, name: str) -> Shoe | None:
    """The shoe called ``name`` (any case), or None."""
    if not _storable(name):
        return None  # no stored name holds bytes that are not UTF-8
    with journal._lock:
        row = journal.conn.execute(
            f"{_SELECT} WHERE s.name = ? COLLATE NOCASE", (name.strip(),)
        ).fetchone()
    return _shoe(row) if row else None


def get_shoe(journal: Journal, shoe_id: int) -> Shoe | None:
    """The shoe with id ``shoe_id``, with its distance, or None."""
    with journal._lock:
        row = journal.conn.execute(f"{_SELECT} WHERE s.id = ?", (shoe_id,)).fetchone()
    return _shoe(row) if row else None


def add_shoe(journal: Journal, shoe: Shoe) -> Shoe:
    """Store a new shoe after validating it; a name already taken (any case) is refused."""
    errs = shoe.errors()
    if errs:
        raise ValidationError(errs)
    with journal._writing() as conn:
        try:
            cur = conn.execute(
                "INSERT INTO shoe (name, limit_m, retired, created_at) VALUES (?, ?, ?, ?)",
                (shoe.name, shoe.limit_m, int(shoe.retired), _now()),
            )
        except sqlite3.IntegrityError:
            raise ValidationError({"name": f"there is already a shoe called {shoe.name}"}) from None
        shoe_id = cur.lastrowid
    return get_shoe(journal, shoe_id)  # type: ignore[arg-type,return-value]


def set_retired(journal: Journal, name: str, retired: bool) -> Shoe:
    """Retire a shoe (hidden from pickers, its runs keep it) or bring it back."""
    if not _storable(name):
        raise ValidationError({"name": unknown_shoe(journal, name)})
    with journal._writing() as conn:
        cur = conn.execute(
            "UPDATE shoe SET retired = ? WHERE name = ? COLLATE NOCASE",
            (int(retired), name.strip()),
        )
        if cur.rowcount == 0:
            raise ValidationError({"name": unknown_shoe(journal, name)})
    return find_shoe(journal, name)  # type: ignore[return-value]


def unknown_shoe(journal: Journal, name: str) -> str:
    """The sentence for a shoe name that is not in the journal, naming the ones that are."""
    with journal._lock:
        names = [r[0] for r in journal.conn.execute("SELECT name FROM shoe ORDER BY name")]
    known = f" (the shoes are: {', '.join(names)})" if names else ""
    return f"there is no shoe called {name.strip()!r}{known}; add it with `backjournal shoes add`"
