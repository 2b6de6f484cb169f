"""Page 1 of the PDF, the summary read in a minute: the eight sections in the issue's order, on
one page of A4 or Letter.

How it stays one page: the layout is tight (8.5 pt on 3.6 mm lines), and the lists that grow
with a journal (Tier 2 flags, flare-ups, phase changes, the programme, PSFS activities,
insights, treatments, appointments, the ``--note``) are capped, step by step
(:func:`choose`), until page 1's measured height fits: "and N more (see page K)". Whatever a cap
leaves out is listed in full under "Page 1 in full" at the start of the detail, and K is the page
it is on. Tier 1 flags are never capped: every one stays on page 1 (so only a period with
dozens of Tier 1 episodes could still run past it; the tests hold four with everything else
at its worst).

Page 1 is drawn last, into the page reserved for it (fpdf2's ``insert_toc_placeholder``), so that
K is known; the caps are chosen first by measuring (:func:`height`), with the same lines the
drawing writes, wrapped a little narrower than fpdf2 wraps them, so that the measure is never
short. Measuring is cheap (one string width per word), and a journal that fits at once is drawn
exactly as measured, once.
"""

from __future__ import annotations

from dataclasses import replace

from backjournal.report import text as t
from backjournal.report.data import ReportData
from backjournal.report.pdf import BODY, LINE, SMALL
from backjournal.report.text import Caps

HEAD_SIZE = 10.0  # pt: a section's title
HEAD_H = 5.0  # mm
HEAD_GAP = 0.4  # mm above a section's title
ROW = 3.3  # mm per row of the weeks table
BOX_PAD = 1.0  # mm inside the Tier 1 box
INDENT = 3.0  # mm: a list under its label
SLACK = 0.4  # mm narrower than fpdf2 wraps: the measure errs long, never short

# The fewest items a cap leaves of each list (Tier 1 flags are never capped), and of the
# characters of the note and of one treatment or appointment line.
FLOORS: dict[str, int] = {
    "tier2": 1, "flares": 1, "phases": 1, "programme": 2, "psfs": 1, "insights": 1,
    "treatments": 1, "visits": 1, "note": 100, "item_chars": 110,
}  # fmt: skip
DENSE = 0.92  # line spacing when every list is at its floor (3.3 mm for 8.5 pt)
CHARS_A_LINE = 110  # about a line of body text: how long text weighs against list items

# The lists a cap can shorten, in the order "Page 1 in full" lists them, with their titles.
FULL_LISTS: tuple[tuple[str, str], ...] = (
    ("flags", "Red flags"),
    ("flares", "Flare-ups"),
    ("psfs", "PSFS activities, first to last"),
    ("phases", "Phase changes"),
    ("programme", "Programme in force"),
    ("insights", "What the data says"),
    ("treatments", "Treatments"),
    ("plan", "The clinician's plan"),
    ("note", "Questions for my appointment"),
)
TIER1_HEAD = "Tier 1, emergency:"  # as text.flag_lines begins each Tier 1 line
IN_FULL = "Page 1 in full"
IN_FULL_INTRO = "The lists that page 1 shortens, each in full."


# --- the writer: draws page 1, or only measures it ----------------------------------------------


class Writer:
    """Page 1's primitives. With ``draw`` False nothing is written: each call adds the height it
    would take to :attr:`height` (wrapping as :func:`backjournal.report.pdf._wrap` does, a
    little narrower than fpdf2)."""

    def __init__(self, pdf, draw: bool, dense: bool = False):
        self.pdf = pdf
        self.draw = draw
        self.height = 0.0
        self.scale = DENSE if dense else 1.0  # lines closer together: a last resort

    def _lines(self, text: str, width: float, style: str = "", size: float = BODY) -> int:
        from backjournal.report.pdf import FONT, _wrap

        self.pdf.set_font(FONT, style, size)
        room = width - 2 * self.pdf.c_margin - SLACK
        return sum(max(1, len(_wrap(self.pdf, part, room))) for part in text.split("\n"))

    def title(self, text: str) -> None:
        from backjournal.report.pdf import FONT

        if self.draw:
            self.pdf.set_x(self.pdf.l_margin)
            self.pdf.set_font(FONT, "B", 15)
            self.pdf.cell(0, 7.5, text, new_x="LMARGIN", new_y="NEXT")
        self.height += 7.5

    def heading(self, text: str) -> None:
        from backjournal.report.pdf import FONT

        if self.draw:
            self.pdf.ln(HEAD_GAP)
            self.pdf.set_font(FONT, "B", HEAD_SIZE)
            self.pdf.cell(0, HEAD_H, text, new_x="LMARGIN", new_y="NEXT")
        self.height += HEAD_GAP + HEAD_H

    def para(self, text: str, bold: bool = False, size: float = BODY, indent: float = 0.0):
        from backjournal.report.pdf import FONT, line_height

        line = line_height(size) * self.scale
        if self.draw:
            self.pdf.set_font(FONT, "B" if bold else "", size)
            self.pdf.set_x(self.pdf.l_margin + indent)
            self.pdf.multi_cell(0, line, text, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            style = "B" if bold else ""
            self.height += line * self._lines(text, self.pdf.epw - indent, style, size)

    def labelled(self, label: str, value: str) -> None:
        """``label: value`` on one line, the label bold (measured all bold: never short)."""
        from backjournal.report.pdf import FONT

        if self.draw:
            self.pdf.set_font(FONT, "B", BODY)
            self.pdf.write(LINE * self.scale, f"{label}: ")
            self.pdf.set_font(FONT, size=BODY)
            self.pdf.write(LINE * self.scale, value)
            self.pdf.ln(LINE * self.scale)
        else:
            self.height += LINE * self.scale * self._lines(f"{label}: {value}", self.pdf.epw, "B")

    def box(self, text: str) -> None:
        """A Tier 1 flag: bold, in a heavy box (an emergency sign is never softened)."""
        from backjournal.report.pdf import FONT

        if self.draw:
            self.pdf.set_line_width(0.6)
            self.pdf.set_font(FONT, "B", BODY)
            self.pdf.multi_cell(
                0, LINE * self.scale, text, border=1, padding=BOX_PAD, align="L",
                new_x="LMARGIN", new_y="NEXT",
            )  # fmt: skip
            self.pdf.set_line_width(0.2)
            self.pdf.ln(1)
        else:
            lines = self._lines(text, self.pdf.epw - 2 * BOX_PAD, "B")
            self.height += LINE * self.scale * lines + 2 * BOX_PAD + 1

    def weeks(self, report: ReportData) -> None:
        from backjournal.report.pdf import _weeks_table

        if self.draw:
            _weeks_table(self.pdf, report, row=ROW, note=False)
        else:
            self.height += 1 + ROW * (len(report.weeks) + 1)
        self.para(_weeks_note(report), size=SMALL)


def _weeks_note(report: ReportData) -> str:
    from backjournal.report.pdf import weeks_note

    return weeks_note(report)


# --- page 1 --------------------------------------------------------------------------------------


def write(w: Writer, report: ReportData, caps: Caps) -> None:
    """Page 1, in the issue's order, with the lists as ``caps`` shortens them."""
    w.title(t.TITLE)
    w.para(t.intro(report))
    w.para(t.NOT_A_VERDICT, size=SMALL)
    if not report.has_entries:
        w.para(t.EMPTY.format(start=report.start, end=report.end), bold=True)

    w.heading(t.SECTIONS[0])
    _flags(w, report, caps)

    w.heading(t.SECTIONS[1])
    for line in t.pain_lines(report, caps):
        w.para(line)

    w.heading(t.SECTIONS[2])
    for line in t.leg_lines(report):
        w.para(line)

    w.heading(t.SECTIONS[3])
    for line in t.questionnaire_lines(report, caps):
        w.para(line)

    w.heading(t.SECTIONS[4])
    for line in t.running_lines(report):
        w.para(line)
    if report.weeks and len(report.weeks) <= 8 and caps.weeks_table:
        w.weeks(report)
    elif report.weeks:
        w.para(f"The table of the {len(report.weeks)} weeks: page {caps.page('weeks')}.")

    w.heading(t.SECTIONS[5])
    for line in t.exercise_lines(report, caps):
        w.para(line)

    w.heading(t.SECTIONS[6])
    for line in t.insight_lines(report, caps):
        w.para(line)
    if report.insights:
        w.para(t.ASSOCIATIONS_NOT_CAUSES, size=SMALL)

    w.heading(t.SECTIONS[7])
    for label, lines in t.own_lines(report, caps):
        if len(lines) <= 1:
            w.labelled(label, lines[0] if lines else t.NONE)
            continue
        w.labelled(label, "")
        for line in lines:
            w.para(f"- {line}", indent=INDENT)


def _flags(w: Writer, report: ReportData, caps: Caps) -> None:
    """Tier 1 first, all of them, in one heavy box: each sign, and the action once while any is
    still active, with the source (once when they share it); then the Tier 2 flags, each with
    its action (or source)."""
    lines = t.flag_lines(report, caps)
    tier1 = [(line, action) for tier, line, action in lines if tier == 1]
    if len(tier1) == 1:
        line, action = tier1[0]
        w.box(f"{line}\n{action}")
    elif tier1:
        active = [f for f in report.flags if f.tier == 1 and f.outcome is None]
        sources = [f.source for f in report.flags if f.tier == 1]
        # the tier named once, then each sign with its day and outcome
        signs = [line.removeprefix(TIER1_HEAD + " ").rsplit(" Outcome: ", 1) for line, _ in tier1]
        outcomes = {sign[-1] for sign in signs}
        if len(outcomes) == 1 and all(len(sign) == 2 for sign in signs):  # said once
            head = f"{TIER1_HEAD[:-1]}; outcome of each: {outcomes.pop()}"
            lines1 = [head] + [f"- {sign[0]}" for sign in signs]
        else:
            lines1 = [TIER1_HEAD] + [f"- {' Outcome: '.join(sign)}" for sign in signs]
        if len(set(sources)) == 1:  # one source for all: said once, after the action
            text = "\n".join(lines1)
            end = f"{active[0].action} ({sources[0]})" if active else f"({sources[0]})"
        else:
            pairs = zip(lines1[1:], sources, strict=True)
            text = "\n".join([TIER1_HEAD] + [f"{line} ({source})" for line, source in pairs])
            end = active[0].action if active else ""
        w.box(f"{text}\n{end}" if end else text)
    for tier, line, action in lines:
        if tier != 1:
            w.para(line + (f" {action}" if action else ""))


def height(pdf, report: ReportData, caps: Caps) -> float:
    """The height (mm) page 1 takes with ``caps``; never less than drawn."""
    w = Writer(pdf, draw=False, dense=caps.dense)
    write(w, report, caps)
    return w.height


def _sizes(report: ReportData) -> dict[str, int]:
    """What page 1 would show of each list uncapped: items, or characters for the note and the
    longest treatment or appointment line."""
    own = t.own_lines(report)
    return {
        "tier2": sum(f.tier == 2 for f in report.flags),
        "flares": len(report.flare_ups),
        "phases": len(report.phase_changes),
        "programme": len(report.programme),
        "psfs": len(report.psfs_activities),
        "insights": len(report.insights),
        "treatments": len(own[0][1]),
        "visits": len(report.appointments),
        "note": len(own[2][1][0]) if own[2][1] else 0,
        "item_chars": max((len(line) for _, lines in own[:2] for line in lines), default=0),
    }


def choose(pdf, report: ReportData, room: float) -> Caps:
    """The caps with which page 1 fits in ``room`` mm: none when it fits as it is; else, one
    step at a time, the longest list (text weighs a line per :data:`CHARS_A_LINE` characters)
    is shortened, to its :data:`FLOORS` at the least, until page 1 fits. Page numbers are not
    known yet (measured as two digits)."""
    sizes = _sizes(report)
    caps = Caps()
    while height(pdf, report, caps) > room:
        text = ("note", "item_chars")
        weights = {
            key: (n / CHARS_A_LINE if key in text else n)
            for key, n in sizes.items()
            if n > FLOORS[key]
        }
        if not weights:  # every list at its floor: lines closer, the Tier 2 flags, the weeks
            if not caps.dense:
                caps = replace(caps, dense=True)
            elif sizes["tier2"]:
                caps, sizes["tier2"] = replace(caps, tier2=0), 0
            elif caps.weeks_table and report.weeks and len(report.weeks) <= 8:
                caps = replace(caps, weeks_table=False)
            else:
                break
            continue
        key = max(weights, key=lambda k: weights[k])  # the first of the heaviest
        n = sizes[key]
        if key in text:
            n = max(FLOORS[key], int(n * 0.6))
        else:  # an uncapped list loses two ("and N more" takes one line)
            n = max(FLOORS[key], n - (1 if getattr(caps, key) is not None else 2))
        sizes[key] = n
        caps = replace(caps, **{key: n})
    return caps


# --- "Page 1 in full" ---------------------------------------------------------------------------


def shortened(report: ReportData, caps: Caps) -> list[str]:
    """The keys of :data:`FULL_LISTS` that ``caps`` shortens on page 1 (in that order)."""
    full, capped = t.FULL, replace(caps, pages={})

    def differs(render) -> bool:
        return render(full) != render(capped)

    checks = {
        "flags": lambda c: t.flag_lines(report, c),
        "flares": lambda c: t.flare_line(report, c),
        "psfs": lambda c: t.questionnaire_lines(report, c),
        "phases": lambda c: t.exercise_lines(report, replace(c, programme=None)),
        "programme": lambda c: t.exercise_lines(report, replace(c, phases=None)),
        "insights": lambda c: t.insight_lines(report, c),
        "treatments": lambda c: t.own_lines(report, c)[0],
        "plan": lambda c: t.own_lines(report, c)[1],
        "note": lambda c: t.own_lines(report, c)[2],
    }
    keys = [key for key, _ in FULL_LISTS if differs(checks[key])]
    return keys + ([] if caps.weeks_table else ["weeks"])


def full_lines(report: ReportData, key: str) -> list[str]:
    """One list of page 1, in full (the sentences the Markdown summary gives)."""
    if key == "flags":
        return [f"{line} {action}".strip() for _, line, action in t.flag_lines(report)]
    if key == "flares":
        return [t.flare_line(report)]
    if key == "psfs":
        return t.psfs_items(report)
    if key == "phases":
        return t.phase_lines(report)
    if key == "programme":
        return t.programme_items(report)
    if key == "insights":
        return t.insight_lines(report)
    own = dict(t.own_lines(report))
    label = {"treatments": "Treatments", "plan": "The clinician's plan"}.get(key)
    return own[label] if label else own["Questions for my appointment"]


def write_in_full(pdf, report: ReportData, keys: list[str]) -> dict[str, int]:
    """ "Page 1 in full": each list of ``keys`` under its title; returns the page each is on."""
    from backjournal.report.pdf import _heading, _para

    titles = dict(FULL_LISTS)
    pages: dict[str, int] = {}
    _heading(pdf, IN_FULL)
    _para(pdf, IN_FULL_INTRO, size=SMALL)
    for key in keys:
        _heading(pdf, titles[key], size=9, room=10)
        pages[key] = pdf.page_no()
        for line in full_lines(report, key):
            _para(pdf, f"- {line}")
    return pages
