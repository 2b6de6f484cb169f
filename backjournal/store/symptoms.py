"""Symptoms in the journal: body-map marks, the extent (how far down the leg), recorded red
flags, questionnaires.

Only SQL lives here; the rules (extent, red flags, ODI scoring) are pure functions in
``backjournal.domain``. A day's red flags are recomputed and recorded whenever the day or its
marks are written, inside the same transaction, so the record always matches the data.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING

from backjournal.domain.body import QUALITIES, REGION_IDS, extent
from backjournal.domain.flags import FLAG_CODES, RED_FLAG_FIELDS, Sign, day_signs
from backjournal.domain.questionnaires import ODI_VERSION, OdiResult, odi_score
from backjournal.domain.safety_words import SIGN_TEXT
from backjournal.domain.symptoms import Mark
from backjournal.domain.values import PAIN_FIELDS

if TYPE_CHECKING:
    from backjournal.store.journal import Journal

REGION_ORDER = {region: i for i, region in enumerate(REGION_IDS)}


QUALITY_SET = frozenset(QUALITIES)


def read_marks(conn: sqlite3.Connection, date: str) -> list[Mark]:
    """The marks of ``date``, in the catalogue's order.

    A row that no mark can be (a region or a quality the catalogue does not have, an intensity
    that is not a whole number: a damaged or shared journal's) is left out: every screen and
    rule looks regions up in the catalogue. The row stays in the file (and in the exports) until
    the day's marks are saved again.
    """
    rows = conn.execute(
        "SELECT region, intensity, qualities FROM symptom WHERE date = ?", (date,)
    ).fetchall()
    marks = [
        Mark(region, intensity, tuple(q for q in qualities.split("+") if q in QUALITY_SET))
        for region, intensity, qualities in rows
        if region in REGION_ORDER and type(intensity) is int and isinstance(qualities, str)
    ]
    return sorted(marks, key=lambda m: REGION_ORDER.get(m.region, 99))


def write_marks(conn: sqlite3.Connection, date: str, marks: list[Mark]) -> None:
    """Replace the marks of ``date`` (the day row exists) and store its extent."""
    conn.execute("DELETE FROM symptom WHERE date = ?", (date,))
    conn.executemany(
        "INSERT INTO symptom (date, region, intensity, qualities) VALUES (?, ?, ?, ?)",
        [(date, m.region, m.intensity, "+".join(m.qualities)) for m in marks],
    )
    left, right = extent(marks)
    conn.execute("UPDATE day SET extent_l = ?, extent_r = ? WHERE date = ?", (left, right, date))


def _day_values(conn: sqlite3.Connection, date: str) -> dict | None:
    columns = (*RED_FLAG_FIELDS, *PAIN_FIELDS)
    row = conn.execute(f"SELECT {', '.join(columns)} FROM day WHERE date = ?", (date,)).fetchone()
    return None if row is None else dict(zip(columns, row, strict=True))


def _signs_of(conn: sqlite3.Connection, date: str) -> list[Sign] | None:
    """The signs of ``date`` by the domain's rules, or None when the day is not recorded."""
    values = _day_values(conn, date)
    if values is None:
        return None
    checks = {
        name: bool(values[name]) if values[name] is not None else None for name in RED_FLAG_FIELDS
    }
    before = (dt.date.fromisoformat(date) - dt.timedelta(days=1)).isoformat()
    before_values = _day_values(conn, before)
    return day_signs(
        checks,
        read_marks(conn, date),
        {n: values[n] for n in PAIN_FIELDS},
        {n: before_values[n] for n in PAIN_FIELDS} if before_values else None,
        read_marks(conn, before) if before_values else None,
    )


def _record(conn: sqlite3.Connection, date: str) -> list[Sign]:
    conn.execute("DELETE FROM red_flag WHERE date = ?", (date,))
    signs = _signs_of(conn, date)
    if not signs:
        return []
    conn.executemany(
        "INSERT INTO red_flag (date, code, reason, tier, severity, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(date, s.code, _reason(s), s.tier, s.severity, s.detail) for s in signs],
    )
    return signs


def _reason(sign: Sign) -> str:
    """The stored sentence of a sign (what the daily CSV shows): its name and detail."""
    return SIGN_TEXT[sign.code] + (f" ({sign.detail})" if sign.detail else "")


def refresh_flags(conn: sqlite3.Connection, date: str) -> list[Sign]:
    """Recompute and record the signs of ``date`` from its check, marks and pain, and those of
    the day after (severe pain counts on 2 days running); return the signs of ``date``."""
    signs = _record(conn, date)
    after = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    _record(conn, after)
    return signs


def refresh_all_flags(conn: sqlite3.Connection) -> None:
    """Recompute the signs of every day (migration m006: the rules changed)."""
    conn.execute("DELETE FROM red_flag")
    for (date,) in conn.execute("SELECT date FROM day ORDER BY date").fetchall():
        _record(conn, date)


class SymptomStore:
    """The journal's symptom tables: ``journal.symptoms``."""

    def __init__(self, journal: Journal):
        self.journal = journal

    def marks(self, date: str) -> list[Mark]:
        """The body-map marks of ``date``."""
        with self.journal._lock:
            return read_marks(self.journal.conn, date)

    def save_marks(self, date: str, marks: list[Mark], today: dt.date) -> list[Sign]:
        """Replace the marks of ``date`` (creating the day if needed); return its red flags.

        Validated like any day: an unknown region, an intensity out of range or an unknown
        quality is refused and nothing is written.
        """
        from backjournal.domain.models import DayEntry

        DayEntry(date, marks=marks).validate(today)
        with self.journal._writing() as conn:
            conn.execute(
                "INSERT INTO day (date, updated_at) VALUES (?, ?) ON CONFLICT(date) DO NOTHING",
                (date, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
            )
            write_marks(conn, date, marks)
            return refresh_flags(conn, date)

    def flags(self, date: str) -> list[Sign]:
        """The signs recorded for ``date`` (Tier 1 first, in the domain's order)."""
        with self.journal._lock:
            rows = self.journal.conn.execute(
                "SELECT code, severity, detail FROM red_flag WHERE date = ? ORDER BY tier, rowid",
                (date,),
            ).fetchall()
        # A code this version does not know (a file edited by hand) has no words: left out.
        return [Sign(c, severity, detail) for c, severity, detail in rows if c in FLAG_CODES]

    def extents(self, start: str, end: str) -> list[tuple[str, int, int]]:
        """(date, left, right) for the days between ``start`` and ``end`` that have an extent."""
        with self.journal._lock:
            return self.journal.conn.execute(
                "SELECT date, extent_l, extent_r FROM day WHERE date BETWEEN ? AND ? "
                "AND extent_l IS NOT NULL ORDER BY date",
                (start, end),
            ).fetchall()

    # --- questionnaires --------------------------------------------------------------------------

    def save_odi(self, date: str, answers: list[int | None]) -> OdiResult | None:
        """Score and store an Oswestry check-in; None (and nothing stored) if all were skipped.
        With fewer than 8 sections answered it is stored without a score (``result.scored`` is
        False): the answers are kept, the charts and Today's score skip it."""
        result = odi_score(answers)
        if result is None:
            return None
        with self.journal._writing() as conn:
            conn.execute(
                "INSERT INTO questionnaire (date, kind, version, answers, score, band, created_at) "
                "VALUES (?, 'odi', ?, ?, ?, ?, ?)",
                (
                    date,
                    ODI_VERSION,
                    json.dumps(answers),
                    result.score,
                    result.band,
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                ),
            )
        return result

    def odi_scores(
        self, start: str | None = None, end: str | None = None
    ) -> list[tuple[str, float, str]]:
        """(date, score, band) of every scored Oswestry check-in, oldest first (the last scored
        one of a day; a check-in with fewer than 8 answers has no score and is left out)."""
        with self.journal._lock:
            return self.journal.conn.execute(
                "SELECT date, score, band FROM questionnaire WHERE kind = 'odi' "
                "AND date BETWEEN ? AND ? AND id IN "
                "(SELECT max(id) FROM questionnaire WHERE kind = 'odi' AND score IS NOT NULL "
                "GROUP BY date) "
                "ORDER BY date",
                (start or "0000-00-00", end or "9999-99-99"),
            ).fetchall()

    def last_odi_date(self) -> str | None:
        """The date of the latest Oswestry check-in, if any."""
        with self.journal._lock:
            row = self.journal.conn.execute(
                "SELECT max(date) FROM questionnaire WHERE kind = 'odi'"
            ).fetchone()
        return row[0]
