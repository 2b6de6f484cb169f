"""Red flags in the journal: the signs recorded per day (table ``red_flag``, kept by
``store/symptoms.py``), the outcomes the user records (``flag_outcome``) and the profile
(``profile``): ``journal.flags``.

Only SQL lives here; which flags are active, and what an outcome may say, are decided by
:mod:`backjournal.domain.flags`. The reads are small: a journal records a sign on few days, so
"active on a day" reads every sign and outcome up to that day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from backjournal.domain.flags import (
    FLAG_CODES,
    PROFILE_FACTORS,
    ActiveDays,
    ActiveFlag,
    Occurrence,
    Outcome,
    Profile,
    Sign,
    active_flags,
    active_spans,
    birth_year_problem,
    outcome_problem,
    profile_signs,
    restrictions,
)
from backjournal.domain.models import ValidationError

if TYPE_CHECKING:
    from backjournal.domain.readiness import Readiness
    from backjournal.store.journal import Journal

PROFILE_ASKED = "profile_asked"  # a setting: the date the profile was first offered
KEEP = "keep"  # save_profile: leave the year of birth as it is


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class FlagStore:
    """Recorded signs, outcomes and the profile."""

    def __init__(self, journal: Journal):
        self.journal = journal

    # --- reading ---------------------------------------------------------------------------------

    def occurrences(self, until: str) -> list[Occurrence]:
        """Every sign recorded up to ``until`` (days and profile), oldest first."""
        with self.journal.reading() as conn:
            rows = conn.execute(
                "SELECT date, code, severity, detail FROM red_flag WHERE date <= ? "
                "ORDER BY date, tier, rowid",
                (until,),
            ).fetchall()
            profile = self._profile(conn)
            first = self._first_episode(conn)
        # A code this version does not know can only come from a file edited by hand (a newer
        # version's journal is refused on open): it has no words to show, and is left out.
        found = [
            Occurrence(d, Sign(code, sev, detail))
            for d, code, sev, detail in rows
            if code in FLAG_CODES
        ]
        found += [Occurrence(d, s) for d, s in profile_signs(profile, first) if d <= until]
        return sorted(found, key=lambda o: o.date)

    def outcomes(self, until: str | None = None) -> list[Outcome]:
        """Every outcome recorded (up to ``until``), oldest first."""
        with self.journal.reading() as conn:
            rows = conn.execute(
                "SELECT code, date, kind, note, until FROM flag_outcome WHERE date <= ? "
                "ORDER BY date, code",
                (until or "9999-99-99",),
            ).fetchall()
        return [Outcome(*row) for row in rows]

    def active(self, day: str) -> list[ActiveFlag]:
        """The flags active on ``day``, Tier 1 first."""
        with self.journal.reading():
            return active_flags(self.occurrences(day), self.outcomes(day), day)

    def active_days(self) -> ActiveDays:
        """Which tiers of flag are active on each day of the journal (History marks every day
        a flag was active, not only the day it was recorded): every sign and outcome read in one
        read transaction, whatever the number of days looked up afterwards."""
        with self.journal.reading():
            return ActiveDays(active_spans(self.occurrences("9999-12-31"), self.outcomes()))

    def held(self, day: str) -> list[Outcome]:
        """The clinicians' "no running until" in force on ``day``."""
        return restrictions(self.outcomes(day), day)

    def readiness(self, day: dt.date, now: dt.date | None = None) -> Readiness:
        """Run today? for ``day``: its data, active flags and restrictions, read in one read
        transaction (the CLI's ``check`` and the Today screen call this alike); with ``now``
        later than ``day``, worded about that past day."""
        from backjournal.domain.readiness import readiness, readiness_range

        journal = self.journal
        settings = journal.settings()
        iso = day.isoformat()
        with journal.reading():
            data = journal.trends.data(*readiness_range(day))
            active = self.active(iso)
            held = self.held(iso)
            plan = journal.clinical.rules_in_force(iso)
        return readiness(
            data,
            day,
            active=active,
            held=held,
            plan=plan,
            week_start=settings.week_start,
            units=settings.units,
            now=now,
        )

    # --- outcomes --------------------------------------------------------------------------------

    def record_outcome(self, outcome: Outcome, today: dt.date) -> None:
        """Record an outcome for an active flag; refused (ValidationError, nothing stored) when
        :func:`~backjournal.domain.flags.outcome_problem` finds a problem."""
        with self.journal._writing() as conn:
            problem = outcome_problem(outcome, self.active(today.isoformat()), today)
            if problem:
                raise ValidationError({"outcome": problem})
            conn.execute(
                "INSERT INTO flag_outcome (code, date, kind, note, until, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code, date) DO UPDATE SET "
                "kind = excluded.kind, note = excluded.note, until = excluded.until",
                (outcome.code, outcome.date, outcome.kind, outcome.note, outcome.until, _now()),
            )

    # --- the profile -----------------------------------------------------------------------------

    def profile(self) -> Profile:
        """The stored profile (nothing answered: an empty one)."""
        with self.journal.reading() as conn:
            return self._profile(conn)

    @staticmethod
    def _profile(conn) -> Profile:
        rows = conn.execute("SELECT key, value, since FROM profile").fetchall()
        factors: dict[str, bool | None] = {}
        since: dict[str, str] = {}
        year = None
        for key, value, when in rows:
            if key == "birth_year":
                year = int(value) if str(value).isdigit() else None
            else:
                factors[key] = value == "1"
                since[key] = when
        return Profile(factors, since, year)

    @staticmethod
    def _first_episode(conn) -> str | None:
        """The first day with back or leg pain above 0 or a body-map mark."""
        row = conn.execute(
            "SELECT min(date) FROM (SELECT min(date) AS date FROM day WHERE "
            "max(coalesce(back_wake, 0), coalesce(leg_wake, 0), coalesce(back_before, 0), "
            "coalesce(leg_before, 0), coalesce(back_during, 0), coalesce(leg_during, 0), "
            "coalesce(back_after, 0), coalesce(leg_after, 0)) > 0 "
            "UNION ALL SELECT min(date) FROM symptom WHERE intensity > 0)"
        ).fetchone()
        return row[0]

    def save_profile(
        self,
        factors: dict[str, bool | None],
        birth_year: int | str | None,
        today: dt.date,
    ) -> None:
        """Store the profile's answers (None: not answered, removed; ``birth_year`` :data:`KEEP`
        leaves it). A factor newly answered "yes" counts from today; one already "yes" keeps its
        date. A year of birth in the future or before 1900 is refused, and nothing is stored."""
        errors = {}
        for key in factors:
            if key not in PROFILE_FACTORS:
                errors[key] = f"unknown risk factor '{key}'; they are {', '.join(PROFILE_FACTORS)}"
        if birth_year is not None and birth_year != KEEP:
            problem = birth_year_problem(birth_year, today)
            if problem:
                errors["birth_year"] = problem
        if errors:
            raise ValidationError(errors)
        stamp = today.isoformat()
        with self.journal._writing() as conn:
            old = self._profile(conn)
            for key, value in factors.items():
                if value is None:
                    conn.execute("DELETE FROM profile WHERE key = ?", (key,))
                    continue
                keep = old.factors.get(key) is value and key in old.since
                conn.execute(
                    "INSERT INTO profile (key, value, since) VALUES (?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value, since = excluded.since",
                    (key, "1" if value else "0", old.since[key] if keep else stamp),
                )
            if birth_year is None:
                conn.execute("DELETE FROM profile WHERE key = 'birth_year'")
            elif birth_year != KEEP:
                conn.execute(
                    "INSERT INTO profile (key, value, since) VALUES ('birth_year', ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (str(birth_year), stamp),
                )
            self.mark_profile_asked(today, conn)

    def profile_asked(self) -> bool:
        """True once the profile was offered (answered or skipped)."""
        with self.journal.reading() as conn:
            row = conn.execute("SELECT 1 FROM setting WHERE key = ?", (PROFILE_ASKED,)).fetchone()
        return row is not None

    def mark_profile_asked(self, today: dt.date, conn=None) -> None:
        """Remember that the profile was offered, so that it is asked only once."""
        sql = "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING"
        if conn is not None:
            conn.execute(sql, (PROFILE_ASKED, today.isoformat()))
            return
        with self.journal._writing() as c:
            c.execute(sql, (PROFILE_ASKED, today.isoformat()))
