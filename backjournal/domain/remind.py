"""What ``backjournal remind`` says: one line when something is due, nothing otherwise.

Meant for a shell prompt, cron or a desktop notification, so it must be short and silent when
there is nothing to do. Three things can be due: today not logged yet, the weekly Oswestry
check-in, and an active red flag (one with no outcome recorded yet: it is never left unmentioned).
Pure: the command gathers the facts, this module words them.
"""

from __future__ import annotations

import datetime as dt

ODI_EVERY_DAYS = 7  # the weekly check-in, as Today's Oswestry line counts it


def reminder(
    today: dt.date,
    *,
    logged_today: bool,
    last_odi: dt.date | None,
    flags: dict[str, tuple[str, ...]],
) -> str | None:
    """The one line of what is due, or ``None`` when nothing is.

    ``flags`` maps the ISO date an active red flag began to its signs, each with what to do
    (the words of ``domain.safety_words``); the latest come first in the line.
    """
    parts = []
    recent = sorted(
        (date for date, reasons in flags.items() if reasons),
        reverse=True,
    )
    if recent:
        date = recent[0]
        when = "today" if date == today.isoformat() else f"since {date}"
        parts.append(f"red flag {when}: {'; '.join(flags[date])}")
    if not logged_today:
        parts.append("today not logged (backjournal log, or open the app)")
    if last_odi is None:
        parts.append("Oswestry check-in due (none yet; ctrl+o in the app)")
    elif (today - last_odi).days >= ODI_EVERY_DAYS:
        parts.append(f"Oswestry check-in due (last {last_odi.isoformat()}; ctrl+o in the app)")
    if not parts:
        return None
    return "backjournal: " + " · ".join(parts)
