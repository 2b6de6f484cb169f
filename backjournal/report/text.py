"""The report's words, shared by the PDF and the Markdown: section titles, the sentences of page 1
built from :class:`~backjournal.report.data.ReportData`, the sources. One place, so that the two
formats say the same thing, and so that tests can check the wording once.

Words follow CLINICAL.md: "low / acceptable / too high", "is associated with", "leg symptoms",
"Oswestry-style"; guidance names its source; no diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backjournal.domain.safe_text import shown
from backjournal.domain.safety_words import OUTCOME_LABELS
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
TIMELINE = "Timeline of notable days"
NOTHING_NOTABLE = "Nothing notable: none recorded."
APPENDIX_KEY = (
    "back, leg: the day's worst score (0-10). ext L/R: leg symptoms extent (0-5). flags: a red "
    "flag active that day, from the day recorded until its outcome (!!T1 emergency, Tier 1; T2 "
    "see a doctor within days). ODI: Oswestry-style score (%). other activity: minutes of each "
    "walk, ride... that day. treatments: a course in force or a session that day, and each dose "
    "taken, as written."
)
EMPTY = "No entries in this period: nothing was recorded between {start} and {end}."
ASSOCIATIONS_NOT_CAUSES = (
    "Associations, not causes: people often run or exercise differently when they hurt more."
)
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
    "Leg symptoms extent (0 none, 1 back only, 2 buttock, 3 thigh, 4 below the knee, 5 foot; "
    "only nerve-like marks count) and its 7-day trend (peripheralising: further down than the "
    "lowest of the 7 days before; centralising: higher up than the furthest of them): McKenzie; "
    "centralisation is associated with a better prognosis.",
    "Oswestry-style score: our paraphrase of the Oswestry Disability Index 2.1a (Fairbank & "
    "Pynsent, Spine 2000), not its licensed wording; a change of 10 points is beyond measurement "
    "error (Ostelo et al. 2008). PSFS: Stratford 1995; Abbott & Schmitt, JOSPT 2014.",
    "Single-run spikes (a run more than 10 % longer than the longest of the 30 days before) and "
    "their hazard ratios: Frandsen et al., BJSM 2025.",
)


@dataclass(frozen=True)
class Caps:
    """How much of each list page 1 of the PDF shows (None: all of it). The rest is listed in
    full on the detail pages, at the page numbers in ``pages`` (see :func:`more`). The Markdown
    summary has no page to fill and passes none. Tier 1 flags are never capped."""

    tier2: int | None = None  # Tier 2 flags
    flares: int | None = None
    phases: int | None = None  # phase changes
    programme: int | None = None  # exercises of the programme in force
    psfs: int | None = None  # PSFS activities
    insights: int | None = None
    treatments: int | None = None
    visits: int | None = None  # appointments of the clinician's plan (the latest are kept)
    note: int | None = None  # characters of the --note
    item_chars: int | None = None  # characters of one treatment or appointment line
    weeks_table: bool = True  # False: the weeks table moves to the detail (a last resort)
    dense: bool = False  # page 1's lines closer together (layout only)
    pages: dict[str, int] = field(default_factory=dict)  # list -> page where it is in full

    def page(self, key: str) -> int:
        return self.pages.get(key, 99)


FULL = Caps()


def more(n: int, page: int) -> str:
    """``and 3 more (see page 2)``."""
    return f"and {n} more (see page {page})"


def capped(items: list[str], limit: int | None, page: int) -> list[str]:
    """The first ``limit`` of ``items``, then "and N more (see page K)" for the rest."""
    if limit is None or len(items) <= limit:
        return items
    return items[:limit] + [more(len(items) - limit, page)]


def cut(text: str, limit: int | None, page: int, what: str = "in full") -> str:
    """``text``, or its first ``limit`` characters (at a word) and "… (in full: see page K)"."""
    if limit is None or len(text) <= limit:
        return text
    head = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return f"{head.rstrip()}… ({what}: see page {page})"


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


def flag_lines(report: ReportData, caps: Caps = FULL) -> list[tuple[int, str, str]]:
    """(tier, what and when with its outcome, action with its source) per flag in force in the
    period, Tier 1 first; a tier of 0 and "None recorded" when the period has none. The action
    goes with a flag still active at the end of the period; a flag with an outcome keeps only
    its source."""
    if not report.flags:
        return [(0, "None recorded in this period.", "")]
    out = []
    for f in report.flags:
        first, last = f.first.isoformat(), f.last.isoformat()
        if f.covered:
            when = (
                f"on {first}" if f.days == 1 else f"on {f.days} days, {first} to {last}"
            ) + ", the same sign a clinician had seen"
        elif f.first < report.start:
            when = f"active since {first}"
            if f.days:
                when += f"; recorded on {f.days} days in this period, the last on {last}"
        elif f.days <= 1 and f.first == f.last:
            when = f"on {first}"
        else:
            when = f"on {f.days} days, {first} to {last}"
        extra = "; ".join(shown(p) for p in (f.detail, f.worse_than) if p)
        if extra:
            when += f" ({extra})"
        tier = "Tier 1, emergency" if f.tier == 1 else "Tier 2, see a doctor within days"
        out.append(
            (
                f.tier,
                f"{tier}: {shown(f.reason)}, {when}. Outcome: {outcome_text(f, report)}.",
                f"{f.action} ({f.source})" if f.outcome is None else f"({f.source})",
            )
        )
    tier2 = [i for i, f in enumerate(report.flags) if f.tier == 2]
    if caps.tier2 is not None and len(tier2) > caps.tier2:
        # those still active first, then in their order
        kept = set(sorted(tier2, key=lambda i: report.flags[i].outcome is not None)[: caps.tier2])
        rest = len(tier2) - caps.tier2
        out = [line for i, line in enumerate(out) if line[0] == 1 or i in kept]
        out.append((2, f"And {rest} more Tier 2 flags (see page {caps.page('flags')}).", ""))
    return out


def outcome_text(flag, report: ReportData) -> str:
    """``seen by a clinician on D: what they said; no running until D``, ``resolved on D``, or
    ``none recorded, still active on END``."""
    if flag.outcome is None:
        return f"none recorded, still active on {report.end.isoformat()}"
    label = OUTCOME_LABELS.get(flag.outcome, flag.outcome)
    text = f"{label} on {flag.outcome_date.isoformat()}"
    if flag.outcome_note:
        text += f": {shown(flag.outcome_note)}"
    if flag.outcome_until:
        text += f"; no running until {flag.outcome_until}"
    return text


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


def pain_lines(report: ReportData, caps: Caps = FULL) -> list[str]:
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
    lines.append(flare_line(report, caps))
    return lines


def flare_line(report: ReportData, caps: Caps = FULL) -> str:
    """The flare-ups overlapping the period, counted with their dates (the first
    ``caps.flares``, and how many more)."""
    if not report.flare_ups:
        return f"Flare-ups: {NONE}."
    spans = []
    for f in report.flare_ups:
        span = (
            f"{f.start.isoformat()} to {f.end.isoformat()}"
            if f.end
            else (f"from {f.start.isoformat()}, no end recorded")
        )
        spans.append(span + (f" ({shown(f.note)})" if f.note else ""))
    n = len(report.flare_ups)
    if caps.flares == 0 and n:
        return f"Flare-ups: {n} in this period (see page {caps.page('flares')})."
    shown_spans = capped(spans, caps.flares, caps.page("flares"))
    return f"Flare-ups: {n} in this period: {'; '.join(shown_spans)}."


TREND_MEANINGS: dict[str, str] = {
    "peripheralising": "further down the leg than the lowest of the 7 days before",
    "centralising": "higher up than the furthest of the 7 days before; centralisation is "
    "associated with a better prognosis",
    "stable": "neither further down nor higher up than the 7 days before",
    "none": "no leg symptoms that day or in the 7 days before",
    "unknown": "no extent recorded in the 7 days before",
}
"""What each trend word of :mod:`backjournal.domain.extent_trend` means (CLINICAL.md, "Leg
symptoms: extent"; McKenzie)."""


def leg_lines(report: ReportData) -> list[str]:
    out = []
    for leg in report.legs:
        if leg.first is None:
            out.append(f"{leg.side.capitalize()} leg: {NONE}.")
            continue
        last = f" to {leg.label(leg.last)} (last week recorded)" if leg.last is not None else ""
        when = f" on {leg.trend_day.isoformat()}" if leg.trend_day else ""
        out.append(
            f"{leg.side.capitalize()} leg, furthest extent: {leg.label(leg.first)} "
            "(first week recorded)"
            f"{last}; 7-day trend{when}: {leg.trend} ({TREND_MEANINGS[leg.trend]})."
        )
    return out


def questionnaire_lines(report: ReportData, caps: Caps = FULL) -> list[str]:
    lines = [change_line(report.odi, " %", "a change beyond measurement error", "Ostelo 2008")]
    if report.psfs is None:
        lines.append(f"Patient-Specific Functional Scale (PSFS): {NONE} in this period.")
        return lines
    lines.append(change_line(report.psfs, "", "a meaningful change", "Abbott & Schmitt 2014"))
    if report.psfs_activities:
        items = "; ".join(capped(psfs_items(report), caps.psfs, caps.page("psfs")))
        lines.append(
            f"PSFS activities, first to last (0 unable, 10 as before; 3 points or more for one "
            f"activity is meaningful): {items}."
        )
    return lines


def psfs_items(report: ReportData) -> list[str]:
    """Each PSFS activity first to last, with its change."""
    return [
        f"{shown(a.name)} {a.first} to {a.last} ({a.change:+d}".replace("(+0", "(0")
        + (", 3 or more: meaningful)" if a.meaningful else ")")
        for a in report.psfs_activities
    ]


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
    lines += activity_lines(report)
    return lines


def activity_lines(report: ReportData) -> list[str]:
    """Other activity beside running, by sport, and the active minutes a week (timed runs and
    other activity, as ``stats`` counts them; other activity is not running load)."""
    from backjournal.domain.activity import SPORT_LABELS

    if report.other_activity:
        parts = []
        for a in report.other_activity:
            label = SPORT_LABELS.get(a.sport, a.sport.capitalize())
            times = "once" if a.count == 1 else f"{a.count} times"
            far = f", {distance(report, a.distance_m)}" if a.distance_m > 0 else ""
            parts.append(f"{label} {times}, {a.minutes} min{far}")
        other = f"Other activity beside running: {'; '.join(parts)}."
    else:
        other = f"Other activity beside running: {NONE}."
    weeks = len(report.weeks)
    total = sum(w.active_minutes for w in report.weeks)
    mean = total / weeks if weeks else 0
    active = (
        f"Active minutes (timed runs and other activity): {total} in the period, "
        f"{mean:.0f} a week on average."
    )
    return [other, active]


def phase_lines(report: ReportData) -> list[str]:
    out = []
    for c in report.phase_changes:
        was = c.from_phase.capitalize() if c.from_phase else "no phase"
        why = f" ({shown(c.why)})" if c.why else ""
        out.append(f"{c.date.isoformat()}: {was} to {c.to_phase.capitalize()}{why}.")
    return out


def programme_items(report: ReportData) -> list[str]:
    return [f"{shown(p.name)} {p.dose} ({p.days})" for p in report.programme]


def exercise_lines(report: ReportData, caps: Caps = FULL) -> list[str]:
    lines = [f"Phase at the end of the period: {report.phase}."]
    changes = phase_lines(report)
    if caps.phases is not None and len(changes) > caps.phases:  # the latest changes
        rest = len(changes) - caps.phases
        changes = [f"Phase changes: {rest} earlier (see page {caps.page('phases')})."] + (
            changes[rest:]
        )
    lines += changes
    done = [
        f"{w.start.strftime('%d %b')} {num(100 * w.adherence, 0)} %"
        for w in report.weeks
        if w.adherence is not None
    ]
    lines.append(
        "Programme done per week: " + (", ".join(done) if done else "nothing scheduled") + "."
    )
    if report.programme:
        items = "; ".join(capped(programme_items(report), caps.programme, caps.page("programme")))
        lines.append(f"Programme in force: {items}.")
    else:
        lines.append(f"Programme in force: {NONE}.")
    return lines


def insight_lines(report: ReportData, caps: Caps = FULL) -> list[str]:
    if not report.insights:
        return [NO_ASSOCIATIONS]
    return capped([shown(i.text) for i in report.insights], caps.insights, caps.page("insights"))


def treatment_line(report: ReportData, items) -> str:
    """One treatment (or a name's single sessions) in words."""
    from backjournal.domain.clinical import TREATMENT_LABELS

    t = items[0]
    kind = TREATMENT_LABELS.get(t.kind, t.kind).lower()
    name = shown(t.name) + (f" {shown(t.dose)}" if t.dose and t.schedule == "course" else "")
    if t.schedule == "once":
        days = ", ".join(i.start.isoformat() for i in items)
        text = f"{name} ({kind}) on {days}"
    elif t.schedule == "as-needed":
        doses = "1 dose" if t.doses == 1 else f"{t.doses} doses on {t.dose_days} days"
        span = (
            f"on {t.first_dose.isoformat()}"
            if t.first_dose == t.last_dose
            else f"{t.first_dose.isoformat()} to {t.last_dose.isoformat()}"
        )
        texts = t.dose_texts or ((t.dose,) if t.dose else ())
        taken = f" ({', '.join(shown(d) for d in texts)})" if texts else ""
        text = f"{name} as needed ({kind}): {doses}, {span}{taken}"
    else:
        until = f"to {t.end.isoformat()}" if t.end else "ongoing"
        text = f"{name} ({kind}, course from {t.start.isoformat()} {until})"
    notes = [shown(i.note) for i in items if i.note]
    return text + (f"; note: {'; '.join(notes)}" if notes else "")


def treatment_lines(report: ReportData) -> list[str]:
    """The treatments of the period, oldest first; single sessions of one name on one line."""
    groups: dict[tuple, list] = {}
    for t in report.treatments:
        key = (t.name.casefold(), t.kind, "once") if t.schedule == "once" else (id(t),)
        groups.setdefault(key, []).append(t)
    return [treatment_line(report, items) for items in groups.values()]


def plan_lines(report: ReportData) -> list[str]:
    """The clinician's plan: each appointment of the period (what they said and the
    instructions, in the user's words), the rules in force on the last day, the next
    appointment."""
    lines = []
    for a in report.appointments:
        text = a.date.isoformat() + (f" with {shown(a.who)}" if a.who else "")
        parts = []
        if a.said:
            parts.append(f"they said: {shown(a.said)}")
        if a.instructions:
            parts.append(f"instructions: {shown(a.instructions)}")
        if a.next_date:
            parts.append(f"next appointment {a.next_date}")
        lines.append(text + (": " + "; ".join(parts) if parts else "") + ".")
    end = report.end.isoformat()
    if report.plan_rules:
        rules = "; ".join(f"{r.text} (said on {r.since})" for r in report.plan_rules)
        lines.append(f"In force on {end}: {rules}.")
    elif lines:
        lines.append(f"In force on {end}: no rule the journal follows.")
    if report.next_appointment:
        lines.append(f"Next appointment: {report.next_appointment}.")
    return lines


def own_lines(report: ReportData, caps: Caps = FULL) -> list[tuple[str, list[str]]]:
    """(label, lines) for treatments, the clinician's plan and the questions for the visit; no
    lines: "none recorded". With ``caps``: the first treatments, the latest appointments (the
    rules in force and the next appointment always), the note's beginning."""
    note = cut(shown(report.note).strip(), caps.note, caps.page("note"), "the whole note")
    treatments = [
        cut(line, caps.item_chars, caps.page("treatments"))
        for line in capped(treatment_lines(report), caps.treatments, caps.page("treatments"))
    ]
    plan = plan_lines(report)
    visits, rest = plan[: len(report.appointments)], plan[len(report.appointments) :]
    if caps.visits is not None and len(visits) > caps.visits:
        earlier = len(visits) - caps.visits
        visits = [f"{earlier} earlier appointments (see page {caps.page('plan')})."] + visits[
            earlier:
        ]
    visits = [cut(line, caps.item_chars, caps.page("plan")) for line in visits]
    return [
        ("Treatments", treatments),
        ("The clinician's plan", visits + rest),
        ("Questions for my appointment", [note] if note else []),
    ]
