"""The reads behind Trends, Today's readiness and ``backjournal stats``: ``journal.trends``.

Only SQL lives here; every number (load, ratios, ramps, buckets, insights, readiness) is computed
by the pure functions of ``backjournal.domain`` from the
:class:`~backjournal.domain.trends.TrendData` that :meth:`TrendStore.data` returns.

Cheap for a ten-year journal: each query reads only the requested dates through an index (the
``day`` primary key, ``run_date`` on ``run(date, seq)``, the ``red_flag`` primary key on
``(date, code)``, ``questionnaire_kind_date``), so the cost follows the range shown, not the age of
the journal. :meth:`TrendStore.data` adds :data:`~backjournal.domain.load.LEAD_IN_DAYS` (120) days
of daily load before the range (grouped rows of the ``run`` table only), which the 28-day ratios
and the two-week ramp need and which makes the EWMA's seeding error negligible (see
``backjournal.domain.load``), and the single runs of the 30 days before it (the spike window).
Pain, extent, flags and Oswestry scores are read for the range alone.

Weekly sums are not computed in SQL: the daily rows are needed anyway (for the ratios and the
daily charts), a range and its lead-in are at most a few hundred rows for every range but "all",
and summing them in :mod:`backjournal.domain.aggregate` keeps one definition of week edges (the
week-start setting) that is tested once, instead of a second one in ``strftime`` arithmetic.
The day's distance is grouped in SQL (``GROUP BY date`` over the ``run_date`` index).

All of a call's queries run in one read transaction, so a writer committing in between cannot make
the runs and the days disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from backjournal.domain.load import (
    LEAD_IN_DAYS,
    LOAD_MODES,
    LOAD_SRPE,
    SPIKE_WINDOW_DAYS,
    DateLike,
    as_date,
)
from backjournal.domain.trends import DayRow, RunRow, TrendData, fetch_start
from backjournal.domain.values import PAIN_FIELDS

if TYPE_CHECKING:
    import sqlite3

    from backjournal.store.journal import Journal

PAIN_COLUMNS = PAIN_FIELDS  # the day's eight pain scores, in DayRow's order


def _iso(value: DateLike) -> str:
    return as_date(value).isoformat()


def _psfs_ratings(answers: str) -> tuple[tuple[str, int], ...]:
    """The (activity, rating) pairs of a stored PSFS check-in; () for anything else."""
    import json

    try:
        items = json.loads(answers)
    except (TypeError, ValueError):
        return ()
    if not isinstance(items, list):
        return ()
    out = []
    for item in items:
        if not isinstance(item, dict):
            return ()
        name, rating = item.get("activity"), item.get("rating")
        if not isinstance(name, str) or isinstance(rating, bool) or not isinstance(rating, int):
            return ()
        if not 0 <= rating <= 10:
            return ()
        out.append((name, rating))
    return tuple(out)


# A run's time as a number of seconds, or NULL: the column's CHECK (> 0) lets a REAL infinity or
# text through in a journal written by another program, which the sums would carry (an infinite
# week crashed Trends' active-minutes chart). Activity's column is checked as an integer.
RUN_SECONDS = (
    "CASE WHEN typeof(duration_s) IN ('integer', 'real') AND duration_s < 1e9 THEN duration_s END"
)


class TrendStore:
    """The journal's trend reads: ``journal.trends``. Dates are ``datetime.date`` or ISO text;
    ranges are inclusive."""

    def __init__(self, journal: Journal):
        self.journal = journal

    def _reading(self):
        """One read transaction (a consistent snapshot across several queries)."""
        return self.journal.reading()

    def first_date(self) -> dt.date | None:
        """The journal's first recorded day (history starts there), None for an empty journal."""
        with self._reading() as conn:
            return self._first_date(conn)

    def _first_date(self, conn: sqlite3.Connection) -> dt.date | None:
        row = conn.execute("SELECT min(date) FROM day").fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None

    def daily_distance(self, start: DateLike, end: DateLike) -> list[tuple[str, float, int]]:
        """``(date, metres, runs)`` for each date from ``start`` to ``end`` that has runs."""
        with self._reading() as conn:
            return self._daily_distance(conn, _iso(start), _iso(end))

    def _daily_distance(self, conn, start: str, end: str) -> list[tuple[str, float, int]]:
        return conn.execute(
            "SELECT date, sum(distance_m), count(*) FROM run WHERE date BETWEEN ? AND ? "
            "GROUP BY date ORDER BY date",
            (start, end),
        ).fetchall()

    def runs(self, start: DateLike, end: DateLike) -> list[RunRow]:
        """Every run from ``start`` to ``end``, in date order."""
        with self._reading() as conn:
            return self._runs(conn, _iso(start), _iso(end))

    def _runs(self, conn, start: str, end: str) -> list[RunRow]:
        return [
            RunRow(*row)
            for row in conn.execute(
                "SELECT date, distance_m, type, surface, shoe_id FROM run "
                "WHERE date BETWEEN ? AND ? ORDER BY date, seq, id",
                (start, end),
            )
        ]

    def shoe_names(self) -> dict[int, str]:
        """Every shoe's name by id, retired ones too (their runs keep them): the insights name
        the shoes they compare."""
        with self._reading() as conn:
            return dict(conn.execute("SELECT id, name FROM shoe ORDER BY id").fetchall())

    def days(self, start: DateLike, end: DateLike) -> list[DayRow]:
        """The recorded days from ``start`` to ``end``: pain scores, extent, red-flag count."""
        with self._reading() as conn:
            return self._days(conn, _iso(start), _iso(end))

    def _days(self, conn, start: str, end: str) -> list[DayRow]:
        return [
            DayRow(*row)
            for row in conn.execute(
                f"SELECT d.date, {', '.join('d.' + c for c in PAIN_COLUMNS)}, d.extent_l, "
                "d.extent_r, (SELECT count(*) FROM red_flag f WHERE f.date = d.date) "
                "FROM day d WHERE d.date BETWEEN ? AND ? ORDER BY d.date",
                (start, end),
            )
        ]

    def flags(self, start: DateLike, end: DateLike) -> dict[str, tuple[str, ...]]:
        """The red-flag reasons recorded per date from ``start`` to ``end``."""
        with self._reading() as conn:
            return self._flags(conn, _iso(start), _iso(end))

    def _flags(self, conn, start: str, end: str) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for date, reason in conn.execute(
            "SELECT date, reason FROM red_flag WHERE date BETWEEN ? AND ? ORDER BY date, rowid",
            (start, end),
        ):
            out.setdefault(date, []).append(reason)
        return {date: tuple(reasons) for date, reasons in out.items()}

    def _odi(self, start: str, end: str) -> list[tuple[str, float]]:
        return [(d, s) for d, s, _ in self.journal.symptoms.odi_scores(start, end)]

    def data(
        self,
        start: DateLike,
        end: DateLike,
        *,
        lead_in: int = LEAD_IN_DAYS,
        load: str | None = None,
    ) -> TrendData:
        """Everything the charts, stats, insights and readiness need for ``start``..``end``.

        The day rows, flags and Oswestry scores cover the range; the daily load begins
        ``lead_in`` days earlier (not before the journal's first day: ``TrendData.load_start``)
        and the single runs :data:`SPIKE_WINDOW_DAYS` earlier. ``load`` is the load the ratios
        and ramps use ("distance" or "srpe"); by default the "load" setting's, read in the same
        transaction, so that every screen and command follows the setting. By effort, each run's
        and other activity's effort and time are read too, over the load's span.
        """
        first, last = as_date(start), as_date(end)
        if last < first:
            raise ValueError(f"the range ends ({last}) before it starts ({first})")
        if load is not None and load not in LOAD_MODES:
            raise ValueError(f"unknown load {load!r}; loads are {', '.join(LOAD_MODES)}")
        lo, hi = first.isoformat(), last.isoformat()
        with self._reading() as conn:
            mode = load or self.journal.settings().load
            if mode not in LOAD_MODES:  # a value no screen stores (a hand-edited file)
                mode = LOAD_MODES[0]
            first_day = self._first_date(conn)
            load_start = fetch_start(first, first_day, lead_in)
            runs_from = max(first - dt.timedelta(days=SPIKE_WINDOW_DAYS), load_start)
            return TrendData(
                start=first,
                end=last,
                first_day=first_day,
                load_start=load_start,
                daily=tuple(self._daily_distance(conn, load_start.isoformat(), hi)),
                runs=tuple(self._runs(conn, runs_from.isoformat(), hi)),
                days=tuple(self._days(conn, lo, hi)),
                flags=self._flags(conn, lo, hi),
                odi=tuple(self._odi(lo, hi)),
                exercise_days=self._exercise_days(conn, first, last),
                active=self._active(conn, lo, hi),
                psfs=self._psfs(conn, lo, hi),
                flares=tuple(
                    conn.execute(
                        'SELECT start, "end" FROM flare_up WHERE start <= ? '
                        'AND ("end" IS NULL OR "end" >= ?) ORDER BY start',
                        (hi, lo),
                    ).fetchall()
                ),
                load_mode=mode,
                sessions=(
                    self._sessions(conn, load_start.isoformat(), hi) if mode == LOAD_SRPE else ()
                ),
            )

    def _psfs(self, conn, start: str, end: str) -> tuple[tuple[str, tuple[tuple[str, int], ...]]]:
        """Each PSFS check-in of the range (the last of a day): (date, ((activity, rating),
        ...)), through the ``questionnaire_kind_date`` index. Answers that are not the list the
        check-in writes (a hand-edited file) are left out, not guessed at."""
        out = []
        for date, answers in conn.execute(
            "SELECT date, answers FROM questionnaire WHERE kind = 'psfs' AND id IN "
            "(SELECT max(id) FROM questionnaire WHERE kind = 'psfs' AND date BETWEEN ? AND ? "
            "GROUP BY date) ORDER BY date",
            (start, end),
        ):
            ratings = _psfs_ratings(answers)
            if ratings:
                out.append((date, ratings))
        return tuple(out)

    def _sessions(self, conn, start: str, end: str) -> tuple[tuple[str, int | None, int | None]]:
        """(date, effort, duration_s) of every run and other activity, by date (the effort load:
        ``backjournal.domain.load.effort_loads``); through the ``run_date`` and
        ``activity_date`` indexes."""
        return tuple(
            conn.execute(
                f"SELECT date, effort, {RUN_SECONDS} FROM run WHERE date BETWEEN ? AND ? "
                "UNION ALL SELECT date, effort, duration_s FROM activity "
                "WHERE date BETWEEN ? AND ? ORDER BY 1",
                (start, end, start, end),
            ).fetchall()
        )

    def _active(self, conn, start: str, end: str) -> tuple[tuple[str, int, int], ...]:
        """Per date: seconds of timed runs and other activity, and how many activities."""
        return tuple(
            conn.execute(
                "SELECT date, sum(s), sum(n) FROM ("
                f" SELECT date, coalesce({RUN_SECONDS}, 0) AS s, 0 AS n FROM run"
                " WHERE date BETWEEN ? AND ?"
                " UNION ALL SELECT date, duration_s, 1 FROM activity WHERE date BETWEEN ? AND ?"
                ") GROUP BY date ORDER BY date",
                (start, end, start, end),
            ).fetchall()
        )

    def _exercise_days(
        self, conn, first: dt.date, last: dt.date
    ) -> tuple[tuple[str, int, int], ...]:
        counts = self.journal.exercises._counts(conn, first, last)
        return tuple((d.isoformat(), s, n) for d, (s, n) in sorted(counts.items()) if s)
