"""The report as a PDF (fpdf2): page 1, the summary in the issue's order; then the charts, the body
maps, the timeline, and the daily table as an appendix.

Printed in black and white, so nothing depends on colour: shades of grey, line styles and
markers. The font is DejaVu Sans from matplotlib's own data (embedded, subset), so no system font
is needed and any language a user writes their notes in shows. Every page carries the period,
the report's date and "page n of N". The same :class:`~backjournal.report.data.ReportData` gives
the same bytes: the creation date is the journal's last change, fpdf2's file id is a hash of the
content, and the charts are drawn as plain paths and text (see ``vector.py``).
"""

from __future__ import annotations

from pathlib import Path

from backjournal.domain.body import FIGURES, REGIONS
from backjournal.domain.safe_text import shown
from backjournal.report import text as t
from backjournal.report.data import ReportData

PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN = 15.0
BODY = 8.5  # pt
SMALL = 7.0
LINE = 3.9  # mm per line of body text
FONT = "DejaVu Sans"  # matplotlib's default family: the charts' text is measured in it


def _fonts_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _document(report: ReportData, paper: str):
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font(FONT, size=SMALL)
            self.set_text_color(60)
            self.cell(0, 4, "backjournal report for my clinician", align="L")
            self.set_x(self.l_margin)
            self.cell(
                0, 4, f"Period {t.period(report)} · made {report.made.isoformat()}", align="R"
            )
            self.ln(5)
            self.set_draw_color(0)
            self.set_line_width(0.2)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(3)
            self.set_text_color(0)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, size=SMALL)
            self.set_text_color(60)
            self.cell(0, 4, "Guidance, not a verdict. backjournal does not diagnose.", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(0)

    pdf = Report(format=PAPERS[paper])
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    fonts = _fonts_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_creation_date(report.created)
    pdf.set_title(f"backjournal report {t.period(report)}")
    pdf.set_author("backjournal")
    pdf.set_creator("backjournal")
    pdf.set_producer("backjournal (fpdf2)")
    return pdf


def render(report: ReportData, paper: str = "a4") -> bytes:
    """The whole report as PDF bytes."""
    pdf = _document(report, paper)
    pdf.add_page()
    _summary(pdf, report)
    _detail(pdf, report)
    return bytes(pdf.output())


# --- writing helpers -----------------------------------------------------------------------------


def _heading(pdf, title: str, size: float = 10.5, room: float = 12) -> None:
    """A section title, on a new page when less than ``room`` mm would follow it."""
    if pdf.get_y() + room > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(1)
    pdf.set_font(FONT, "B", size)
    pdf.cell(0, 5.5, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=BODY)


def _para(pdf, line: str, bold: bool = False, size: float = BODY) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, LINE, line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=BODY)


def _labelled(pdf, label: str, value: str) -> None:
    pdf.set_font(FONT, "B", BODY)
    pdf.write(LINE, f"{label}: ")
    pdf.set_font(FONT, size=BODY)
    pdf.write(LINE, value)
    pdf.ln(LINE)


def _table(pdf, header, rows, widths, size=SMALL, aligns=None):
    """A plain table: bold header, thin rules, numbers right-aligned (by default all but the
    first and the last column)."""
    pdf.set_font(FONT, "B", size)
    height = size * 0.55
    aligns = aligns or ["L"] + ["R"] * (len(header) - 2) + ["L"]

    def head():
        pdf.set_font(FONT, "B", size)
        for h, w, a in zip(header, widths, aligns, strict=True):
            pdf.cell(w, height, h, border="B", align=a)
        pdf.ln(height)
        pdf.set_font(FONT, size=size)

    head()
    for row in rows:
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            head()
        for cell, w, a in zip(row, widths, aligns, strict=True):
            pdf.cell(w, height, cell, align=a)
        pdf.ln(height)
    pdf.set_font(FONT, size=BODY)


def _fit(pdf, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` mm in the current font (a binary search:
    fpdf2 measures a string character by character)."""
    if pdf.get_string_width(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if pdf.get_string_width(text[:mid] + "…") <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


# --- page 1 --------------------------------------------------------------------------------------


def _summary(pdf, report: ReportData) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 8, t.TITLE, new_x="LMARGIN", new_y="NEXT")
    _para(pdf, t.intro(report))
    _para(pdf, t.NOT_A_VERDICT, size=SMALL)
    if not report.has_entries:
        pdf.ln(1)
        _para(pdf, t.EMPTY.format(start=report.start, end=report.end), bold=True)

    _heading(pdf, t.SECTIONS[0])
    for tier, line, action in t.flag_lines(report):
        if tier == 1:  # emphasised and boxed: an emergency sign is never softened
            pdf.set_line_width(0.6)
            pdf.set_font(FONT, "B", BODY)
            pdf.multi_cell(
                0, LINE, f"{line}\n{action}", border=1, padding=1, align="L",
                new_x="LMARGIN", new_y="NEXT",
            )  # fmt: skip
            pdf.set_font(FONT, size=BODY)
            pdf.set_line_width(0.2)
            pdf.ln(1)
        else:
            _para(pdf, line + (f" {action}" if action else ""))

    _heading(pdf, t.SECTIONS[1])
    for line in t.pain_lines(report):
        _para(pdf, line)

    _heading(pdf, t.SECTIONS[2])
    for line in t.leg_lines(report):
        _para(pdf, line)

    _heading(pdf, t.SECTIONS[3])
    for line in t.questionnaire_lines(report):
        _para(pdf, line)

    _heading(pdf, t.SECTIONS[4])
    for line in t.running_lines(report):
        _para(pdf, line)
    if len(report.weeks) <= 8:
        _weeks_table(pdf, report)

    _heading(pdf, t.SECTIONS[5])
    for line in t.exercise_lines(report):
        _para(pdf, line)

    _heading(pdf, t.SECTIONS[6])
    for line in t.insight_lines(report):
        _para(pdf, line)
    if report.insights:
        _para(
            pdf,
            "Associations, not causes: people often run or exercise differently when "
            "they hurt more.",
            size=SMALL,
        )

    _heading(pdf, t.SECTIONS[7])
    for label, value in t.own_lines(report):
        _labelled(pdf, label, value)


def _weeks_table(pdf, report: ReportData) -> None:
    rows = [
        [
            w.start.isoformat() + ("" if w.complete else " *"),
            t.distance(report, w.distance_m),
            str(w.runs),
            t.num(w.back_mean),
            t.num(w.leg_mean),
            f"{t.num(w.extent_left, 0)}/{t.num(w.extent_right, 0)}",
            str(w.spikes),
            "-" if w.adherence is None else f"{100 * w.adherence:.0f} %",
        ]
        for w in report.weeks
    ]
    header = ["week of", "distance", "runs", "back", "leg", "extent L/R", "spikes", "done"]
    pdf.ln(1)
    _table(pdf, header, rows, [26, 22, 12, 14, 14, 20, 14, 16], aligns=["L"] + ["R"] * 7)
    if any(not w.complete for w in report.weeks):
        _para(pdf, "* part of this week: so far", size=SMALL)


# --- the detail ----------------------------------------------------------------------------------


def _detail(pdf, report: ReportData) -> None:
    from backjournal.report import charts, vector

    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, t.DETAIL, new_x="LMARGIN", new_y="NEXT")
    if len(report.weeks) > 8:
        _heading(pdf, "Weeks")
        _weeks_table(pdf, report)
    width = pdf.w - 2 * MARGIN
    height = width * charts.HEIGHT_IN / charts.WIDTH_IN
    shown_any = report.has_entries and bool(report.series.starts)
    for title, draw, has in (
        ("Distance with back and leg pain", charts.pain_and_distance, shown_any),
        ("Leg symptoms: how far down each leg", charts.extent, shown_any),
        ("Oswestry-style score", charts.oswestry, bool(report.series.odi)),
        (
            "Programme done per week",
            charts.adherence,
            any(v is not None for _, v in report.series.adherence),
        ),
    ):
        _heading(pdf, title, room=height + 8 if has else 15)
        if not has:
            _para(pdf, f"Nothing to chart: {t.NONE} in this period.")
            continue
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        drawn = vector.draw_figure(pdf, draw(report), MARGIN, pdf.get_y(), width, FONT)
        pdf.set_y(pdf.get_y() + drawn + 1)

    _heading(pdf, "Body map", room=80)
    if report.body_maps:
        _body_maps(pdf, report)
    else:
        _para(pdf, f"No body-map marks: {t.NONE} in this period.")

    _heading(pdf, "Timeline of notable days")
    events = report.timeline + report.flare_ups
    if events:
        rows = [[e.date.isoformat(), e.kind, ""] for e in events]
        pdf.set_font(FONT, size=SMALL)
        for row, e in zip(rows, events, strict=True):
            row[2] = _fit(pdf, shown(e.text), 132)
        _table(pdf, ["date", "what", "detail"], rows, [22, 16, 142], aligns=["L", "L", "L"])
    else:
        _para(pdf, f"Nothing notable: {t.NONE}.")

    _heading(pdf, "Sources")
    for source in t.SOURCES:
        _para(pdf, f"- {source}", size=SMALL)

    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, t.APPENDIX, new_x="LMARGIN", new_y="NEXT")
    if not report.days:
        _para(pdf, t.EMPTY.format(start=report.start, end=report.end))
        return
    pdf.set_font(FONT, size=SMALL)
    rows = [
        [
            d.date.isoformat(),
            t.distance(report, d.distance_m) if d.runs else "-",
            str(d.runs),
            t.num(d.back, 0),
            t.num(d.leg, 0),
            f"{t.num(d.extent_left, 0)}/{t.num(d.extent_right, 0)}",
            str(d.flags) if d.flags else "",
            t.num(d.odi),
            _fit(pdf, shown(d.note), 68),
        ]
        for d in report.days
    ]
    header = ["date", "distance", "runs", "back", "leg", "ext L/R", "flags", "ODI", "note"]
    _table(pdf, header, rows, [20, 20, 10, 10, 10, 14, 10, 14, 72])
    _para(
        pdf,
        "back, leg: the day's worst score (0-10). ext L/R: leg symptoms extent (0-5). "
        "ODI: Oswestry-style score (%).",
        size=SMALL,
    )


# --- body maps -----------------------------------------------------------------------------------


def _boxes() -> dict[str, tuple[str, int, int, int, int]]:
    """Each region's box in its figure: view, x0, y0, x1, y1 (template cells, inclusive)."""
    by_code = {(r.view, r.code): r.id for r in REGIONS}
    boxes: dict[str, list] = {}
    for view, rows in FIGURES:
        for y, row in enumerate(rows):
            for x, char in enumerate(row):
                if char in " .":
                    continue
                region = by_code[(view, char)]
                box = boxes.setdefault(region, [view, x, y, x, y])
                box[1], box[2] = min(box[1], x), min(box[2], y)
                box[3], box[4] = max(box[3], x), max(box[4], y)
    return {k: tuple(v) for k, v in boxes.items()}


def _body_maps(pdf, report: ReportData) -> None:
    """Each map as the screen's two figures (back seen from behind, front facing), drawn as
    vector boxes from the same region geometry; a marked region is shaded by its value and
    labelled with it."""
    cw, ch, gap = 1.4, 2.7, 3.0
    fig_w = len(FIGURES[0][1][0]) * cw
    fig_h = len(FIGURES[0][1]) * ch
    map_w = 2 * fig_w + gap
    if pdf.get_y() + fig_h + 18 > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y() + 1
    boxes = _boxes()
    pdf.set_line_width(0.2)
    for m, body in enumerate(report.body_maps):
        left = MARGIN + m * (map_w + 5)
        pdf.set_font(FONT, "B", SMALL)
        pdf.set_xy(left, top)
        pdf.cell(map_w, 4, body.title)
        y0 = top + 5
        for index, (view, rows) in enumerate(FIGURES):
            x0 = left + index * (fig_w + gap)
            pdf.set_fill_color(235)
            for y, row in enumerate(rows):
                x = 0
                while x < len(row):
                    if row[x] == ".":
                        run = x
                        while run < len(row) and row[run] == ".":
                            run += 1
                        pdf.rect(x0 + x * cw, y0 + y * ch, (run - x) * cw, ch, style="F")
                        x = run
                    else:
                        x += 1
            for region, (rview, bx0, by0, bx1, by1) in boxes.items():
                if rview != view:
                    continue
                shade, label = body.regions.get(region, (None, ""))
                rx, ry = x0 + bx0 * cw, y0 + by0 * ch
                rw, rh = (bx1 - bx0 + 1) * cw, (by1 - by0 + 1) * ch
                if shade is None:
                    pdf.set_fill_color(255)
                else:
                    pdf.set_fill_color(255 - 11 * max(0, min(shade, 10)) - 10)
                pdf.rect(rx, ry, rw, rh, style="DF")
                if label:
                    pdf.set_font(FONT, "B", 6)
                    pdf.set_xy(rx, ry + rh / 2 - 1.5)
                    pdf.cell(rw, 3, label, align="C")
            pdf.set_font(FONT, size=6)
            pdf.set_xy(x0, y0 + fig_h + 0.5)
            sides = ("L", "R") if view == "back" else ("R", "L")
            pdf.cell(4, 3, sides[0])
            pdf.cell(fig_w - 8, 3, "back, from behind" if view == "back" else "front", align="C")
            pdf.cell(4, 3, sides[1], align="R")
    pdf.set_xy(MARGIN, top + 5 + fig_h + 5)
    _para(
        pdf,
        "Start and end: each marked region's intensity (0-10) on that day. Most marked: on how "
        "many of the days with marks each region was marked (darker: more often). L and R are "
        "the person's left and right.",
        size=SMALL,
    )
