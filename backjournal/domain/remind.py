"""What ``backjournal remind`` says: one line when something is due, nothing otherwise.

Meant for a shell prompt, cron or a desktop notification, so it must be short and silent when
there is nothing to do. Three things can be due: today not logged yet, the weekly Oswestry
check-in, and a red flag recorded in the last days (a red flag is never left unmentioned).
Pure: the command gathers the facts, this module words them.
"""

from __future__ import annotations

import datetime as dt

ODI_EVERY_DAYS = 7  # the weekly check-in, as Today's Oswestry line counts it
FLAG_DAYS = 7  # a red flag recorded within this many days (today included) is still shown


def reminder(
    today: dt.date,
    *,
    logged_today: bool,
    last_odi: dt.date | None,
    flags: dict[str, tuple[str, ...]],
) -> str | None:
    """The one line of what is due, or ``None`` when nothing is.

    ``flags`` maps an ISO date of the last :data:`FLAG_DAYS` days to its red-flag reasons; the
    latest day's come first in the line, because they matter most.
    """
    parts = []
    recent = sorted(
        (date for date, reasons in flags.items() if reasons and _within(date, today)),
        reverse=True,
    )
    if recent:
        date = recent[0]
        when = "today" if date == today.isoformat() else date
        parts.append(f"red flag {when}: {'; '.join(flags[date])}: see a physician")
    if not logged_today:
        parts.append("today not logged (backjournal log, or open the app)")
    if last_odi is None:
        parts.append("Oswestry check-in due (none yet; ctrl+o in the app)")
    elif (today - last_odi).days >= ODI_EVERY_DAYS:
        parts.append(f"Oswestry check-in due (last {last_odi.isoformat()}; ctrl+o in the app)")
    if not parts:
        return None
    return "backjournal: " + " · ".join(parts)


def _within(date: str, today: dt.date) -> bool:
    day = dt.date.fromisoformat(date)
    return 0 <= (today - day).days < FLAG_DAYS
