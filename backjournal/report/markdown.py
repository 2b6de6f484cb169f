"""The report's summary (page 1) as Markdown, for an email or a patient-portal message: the same
sections and sentences as the PDF (``text.py``) and its timeline of notable days, without the
charts and the appendix.

User text (notes, exercise names) is escaped so that it cannot turn into Markdown links or
headings in the reader's mail program.
"""

from __future__ import annotations

import re

from backjournal.domain.safe_text import shown
from backjournal.report import text as t
from backjournal.report.data import ReportData

_SPECIAL = re.compile(r"([\\`*_{}\[\]<#|!])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def render(report: ReportData) -> str:
    out = [f"# {t.TITLE}", "", escape(t.intro(report)), "", f"_{t.NOT_A_VERDICT}_", ""]
    if not report.has_entries:
        out += [f"**{t.EMPTY.format(start=report.start, end=report.end)}**", ""]

    def section(index: int, lines: list[str]) -> None:
        out.extend([f"## {t.SECTIONS[index]}", ""])
        out.extend(f"- {escape(line)}" for line in lines)
        out.append("")

    out.extend([f"## {t.SECTIONS[0]}", ""])
    for tier, line, action in t.flag_lines(report):
        text = escape(f"{line} {action}".strip())
        out.append(f"- **{text}**" if tier == 1 else f"- {text}")
    out.append("")
    section(1, t.pain_lines(report))
    section(2, t.leg_lines(report))
    section(3, t.questionnaire_lines(report))
    section(4, t.running_lines(report))
    if report.weeks and len(report.weeks) <= 8:
        out += [
            "| week of | distance | runs | back | leg | extent L/R | spikes | done | active min |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for w in report.weeks:
            done = "-" if w.adherence is None else f"{100 * w.adherence:.0f} %"
            out.append(
                f"| {w.start.isoformat()}{'' if w.complete else ' (so far)'} "
                f"| {t.distance(report, w.distance_m)} | {w.runs} | {t.num(w.back_mean)} "
                f"| {t.num(w.leg_mean)} | {t.num(w.extent_left, 0)}/{t.num(w.extent_right, 0)} "
                f"| {w.spikes} | {done} | {w.active_minutes} |"
            )
        out.append("")
    section(5, t.exercise_lines(report))
    section(6, t.insight_lines(report))
    out.extend([f"## {t.SECTIONS[7]}", ""])
    for label, lines in t.own_lines(report):
        if len(lines) == 1:
            out.append(f"- **{label}:** {escape(lines[0])}")
        elif not lines:
            out.append(f"- **{label}:** {t.NONE}")
        else:
            out.append(f"- **{label}:**")
            out.extend(f"  - {escape(line)}" for line in lines)
    out += ["", f"## {t.TIMELINE}", ""]
    if report.timeline:
        out.extend(
            f"- {e.date.isoformat()} · {e.kind}: {escape(' '.join(shown(e.text).split()))}"
            for e in report.timeline
        )
    else:
        out.append(f"- {t.NOTHING_NOTABLE}")
    out += ["", "## Sources", ""]
    out.extend(f"- {escape(s)}" for s in t.SOURCES)
    out += [
        "",
        f"_backjournal report · period {t.period(report)} · made {report.made.isoformat()}_",
        "",
    ]
    return "\n".join(out)
