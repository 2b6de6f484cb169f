"""The report's words, shared by the PDF and the Markdown: section titles, the sentences of page 1
built from :class:`~backjournal.report.data.ReportData`, the sources. One place, so that the two
formats say the same thing, and so that tests can check the wording once.

Words follow CLINICAL.md: "low / acceptable / too high", "is associated with", "leg symptoms",
"Oswestry-style"; guidance names its source; no diagnosis.
"""

from __future__ import annotations

from backjournal.domain.safe_text import shown
from backjournal.report.data import ReportData

TITLE = "Back pain and running: a summary for my clinician"
SECTIONS: tuple[str, ...] = (
    "1. Red flags",
    "2. Back and leg pain",
    "3. Leg symptoms",
    "4. Questionnaires",
    "5. Running",
    "6. Exercise",
    "7. What the data says",
    "8. My own lines",
)
DETAIL = "Detail"
APPENDIX = "Appendix: every day"
NOT_A_VERDICT = (
    "Guidance, not a verdict: backjournal records and shows; it does not diagnose. Sources are "
    "named beside each rule and listed at the end."
)
EMPTY = "No entries in this period: nothing was recorded between {start} and {end}."
NO_ASSOCIATIONS = "No clear associations in this period."
NONE = "none recorded"
SOURCES: tuple[str, ...] = (
    "Pain scale NRS-11; a change of 2 points (or 30 %) is clinically meaningful: Farrar et al. "
    "2001; Ostelo et al. 2008.",
    "Pain-monitoring model (pain during or after activity 0-2 low, 3-5 acceptable, above 5 too "
    "high): Silbernagel et al., Am J Sports Med 2007, developed for Achilles tendinopathy and "
    "widely used in running rehabilitation.",
    "Red flags, Tier 1 (possible cauda equina syndrome): GIRFT National Suspected Cauda Equina "
    "Syndrome Pathway 2023; SBNS/BASS standards 2018; NICE CKS sciatica. Tier 2: NICE NG59 and "
    "CKS low back pain.",
    "Leg symptoms extent (0 none, 1 back only, 2 buttock, 3 thigh, 4 below the knee, 5 foot) and "
    "centralising / peripheralising: McKenzie.",
    "Oswestry-style score: our paraphrase of the Oswestry Disability Index 2.1a (Fairbank & "
    "Pynsent, Spine 2000), not its licensed wording; a change of 10 points is beyond measurement "
    "error (Ostelo et al. 2008). PSFS: Stratford 1995; Abbott & Schmitt, JOSPT 2014.",
    "Single-run spikes (a run more than 10 % longer than the longest of the 30 days before) and "
    "their hazard ratios: Frandsen et al., BJSM 2025.",
)


def distance(report: ReportData, metres: float) -> str:
    from backjournal.domain.parse import format_distance

    return format_distance(metres, report.units)


def num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def signed(value: float) -> str:
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def period(report: ReportData) -> str:
    return f"{report.start.isoformat()} to {report.end.isoformat()}"


def intro(report: ReportData) -> str:
    days = (report.end - report.start).days + 1
    weeks = report.week_start.capitalize()
    return (
        f"Period {period(report)} ({days} days; {report.days_recorded} with an entry). "
        f"Weeks begin on {weeks}. Distances in {report.units}."
    )


def flag_lines(report: ReportData) -> list[tuple[int, str, str]]:
    """(tier, what and when, action with its source) per flag, Tier 1 first; a tier of 0 and
    "None recorded" when the period has none."""
    if not report.flags:
        return [(0, "None recorded in this period.", "")]
    out = []
    for f in report.flags:
        when = (
            f"on {f.first.isoformat()}"
            if f.days == 1
            else f"on {f.days} days, {f.first.isoformat()} to {f.last.isoformat()}"
        )
        tier = "Tier 1, emergency" if f.tier == 1 else "Tier 2, see a doctor within days"
        outcome = f.outcome or "no outcome recorded (still active)"
        out.append(
            (
                f.tier,
                f"{tier}: {shown(f.reason)}, {when}. Outcome: {outcome}.",
                f"{f.action} ({f.source})",
            )
        )
    return out


def change_line(c, unit: str = "", meaning: str = "", source: str = "") -> str:
    """``name: first (when) to last (when): change +x.x: N points or more, <meaning> (source).``"""
    if c.first is None:
        return f"{c.name}: {c.note or NONE}."
    if c.last is None:
        return f"{c.name}: {num(c.first)}{unit} ({c.first_label}); only one value in the period."
    points = f"{c.threshold:g} points"
    verdict = (
        f"{points} or more, {meaning}" if c.meaningful else f"less than the {points} of {meaning}"
    )
    return (
        f"{c.name}: {num(c.first)}{unit} ({c.first_label}) to {num(c.last)}{unit} "
        f"({c.last_label}): change {signed(c.change)}: {verdict} ({source})."
    )


NRS_CHANGE = ("a clinically meaningful change", "Farrar 2001")


def pain_lines(report: ReportData) -> list[str]:
    rp = report.run_pain
    lines = [
        change_line(report.back, "", *NRS_CHANGE),
        change_line(report.leg, "", *NRS_CHANGE),
    ]
    if rp.run_days:
        zones = ", ".join(f"{label} on {n}" for label, n in rp.zones)
        lines.append(
            f"Pain during or after the runs (the higher of back and leg), {rp.run_days} run "
            f"days: {zones}; not recorded on {rp.unknown} (pain-monitoring model, Silbernagel "
            "2007)."
        )
    else:
        lines.append("No runs in this period.")
    return lines


def leg_lines(report: ReportData) -> list[str]:
    out = []
    for leg in report.legs:
        if leg.first is None:
            out.append(f"{leg.side.capitalize()} leg: {NONE}.")
            continue
        last = f" to {leg.label(leg.last)} (last week recorded)" if leg.last is not None else ""
        out.append(
            f"{leg.side.capitalize()} leg, furthest extent: {leg.label(leg.first)} "
            "(first week recorded)"
            f"{last}; last 14 days: {leg.trend}."
        )
    return out


def questionnaire_lines(report: ReportData) -> list[str]:
    lines = [change_line(report.odi, " %", "a change beyond measurement error", "Ostelo 2008")]
    if report.psfs is None:
        lines.append(f"Patient-Specific Functional Scale (PSFS): {NONE}.")
    else:
        lines.append(change_line(report.psfs, "", "a meaningful change", "Abbott & Schmitt 2014"))
    return lines


def running_lines(report: ReportData) -> list[str]:
    weeks = len(report.weeks)
    mean = report.total_m / weeks if weeks else 0.0
    lines = [
        f"{distance(report, report.total_m)} in {report.runs} runs over {weeks} weeks "
        f"(mean {distance(report, mean)} a week)."
    ]
    if report.longest_m is not None and report.longest_date is not None:
        lines.append(
            f"Longest run: {distance(report, report.longest_m)} on "
            f"{report.longest_date.isoformat()}."
        )
    tiers = "; ".join(f"{label} (HR {hr:.2f}): {n}" for label, hr, n in report.spike_tiers)
    lines.append(
        f"Single-run spikes, by how much longer than the longest of the 30 days before: {tiers} "
        "(Frandsen 2025)."
    )
    return lines


def exercise_lines(report: ReportData) -> list[str]:
    lines = [f"Phase at the end of the period: {report.phase}."]
    for c in report.phase_changes:
        was = c.from_phase.capitalize() if c.from_phase else "no phase"
        why = f" ({shown(c.why)})" if c.why else ""
        lines.append(f"{c.date.isoformat()}: {was} to {c.to_phase.capitalize()}{why}.")
    done = [
        f"{w.start.strftime('%d %b')} {num(100 * w.adherence, 0)} %"
        for w in report.weeks
        if w.adherence is not None
    ]
    lines.append(
        "Programme done per week: " + (", ".join(done) if done else "nothing scheduled") + "."
    )
    if report.programme:
        items = "; ".join(f"{shown(p.name)} {p.dose} ({p.days})" for p in report.programme)
        lines.append(f"Programme in force: {items}.")
    else:
        lines.append(f"Programme in force: {NONE}.")
    return lines


def insight_lines(report: ReportData) -> list[str]:
    if not report.insights:
        return [NO_ASSOCIATIONS]
    return [shown(i.text) for i in report.insights]


def own_lines(report: ReportData) -> list[tuple[str, str]]:
    """(label, text) for treatments, the clinician's plan and the questions for the visit."""
    return [
        ("Treatments", "; ".join(shown(t) for t in report.treatments) or NONE),
        ("The clinician's plan", "; ".join(shown(p) for p in report.plan) or NONE),
        ("Questions for my appointment", shown(report.note).strip() or NONE),
    ]
