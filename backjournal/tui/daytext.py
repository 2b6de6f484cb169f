"""Display text shared by the screens that show one day: the date as a title, and Today's
one-line summaries of the body map, the exercise checklist, the Oswestry score and the readiness
answer (Textual markup, with links that switch screens). Pure functions of the data: the screens
decide where the lines go."""

from __future__ import annotations

import datetime as dt

from backjournal.domain.body import EXTENT_LABELS, extent
from backjournal.domain.questionnaires import odi_band, odi_change
from backjournal.domain.symptoms import Mark, format_marks


def fmt_date(day: dt.date) -> str:
    """``Tue 24 Nov 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def date_title(day: dt.date, today: dt.date) -> str:
    """``Tue 24 Nov 2026 · yesterday`` (or ``· today``; other days plain)."""
    suffix = {0: " · today", 1: " · yesterday"}.get((today - day).days, "")
    return f"{fmt_date(day)}{suffix}"


def days_before(days: int) -> str:
    """``1 day before``, ``7 days before``."""
    return f"{days} day before" if days == 1 else f"{days} days before"


def bullet(text: str, width: int, *, mark: str = "·", indent: int = 2) -> list[str]:
    """``text`` as a bullet wrapped to ``width`` columns, its later lines indented under its
    first word rather than under the bullet (a wrapped reason started at column 0 on Today at
    80x24, issue #15). Plain lines; the caller styles them."""
    import textwrap

    lead = " " * indent + mark + " "
    return textwrap.wrap(
        text,
        max(20, width),
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_on_hyphens=False,
    ) or [lead]


def marks_text(marks: list[Mark]) -> str:
    """The day's body map in one line, and how far down each leg it reaches."""
    link = "[@click=app.show_screen('body-map')]2: {}[/]"
    if not marks:
        return f"[b $accent]Body map[/]  [dim]nothing marked · {link.format('mark it')}[/]"
    left, right = extent(marks)
    return (
        f"[b $accent]Body map[/]  {format_marks(marks)}\n"
        f"[dim]extent: left {left} {EXTENT_LABELS[left]}, right {right} {EXTENT_LABELS[right]}"
        f" · {link.format('open the map')}[/]"
    )


def exercises_text(summary: tuple[int, int]) -> str:
    """``Exercises 3 of 5 done · 3: open the checklist``."""
    done, scheduled = summary
    link = "[@click=app.show_screen('exercises')]3: {}[/]"
    if scheduled == 0:
        return f"[b $accent]Exercises[/]  [dim]none scheduled · {link.format('programme')}[/]"
    colour = "$success" if done >= scheduled else ("$warning" if done else "$text-muted")
    return (
        f"[b $accent]Exercises[/]  [{colour}]{done} of {scheduled} done[/]"
        f"  [dim]· {link.format('open the checklist')}[/]"
    )


def odi_text(
    last: tuple[str, float, str] | None,
    today: dt.date,
    first: tuple[str, float, str] | None = None,
) -> str:
    """The latest Oswestry-style score, number first, its change from the journal's first score
    and whether that passes the 10 points of measurement error, and whether the weekly check-in
    is due."""
    link = "[@click=app.oswestry]ctrl+o: check in[/]"
    if last is None:
        return f"[b $accent]Oswestry[/]  [dim]no check-in yet · weekly · {link}[/]"
    date, score, _ = last
    band = odi_band(score)  # from the score: a band stored by an older release may be renamed
    age = (today - dt.date.fromisoformat(date)).days
    due = " · [b $warning]due[/]" if age >= 7 else ""
    change = odi_change(first[:2], last[:2]) if first is not None else None
    change_text = f" · {change}" if change else ""
    return (
        f"[b $accent]Oswestry[/]  {score:.0f} % ({band}) on "
        f"{fmt_date(dt.date.fromisoformat(date))}{change_text}{due} [dim]· {link}[/]"
    )
