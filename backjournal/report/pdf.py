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

from backjournal.domain.safe_text import shown
from backjournal.report import text as t
from backjournal.report.data import ReportData

PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN = 15.0
BODY = 8.5  # pt
SMALL = 7.0
LINE = 3.6  # mm per line of body text (page 1 must hold a lot: see page_one.py)
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
    """The whole report as PDF bytes. Page 1 is reserved, its lists capped by measuring, and
    drawn last, once the pages it points to ("see page K") are known (see ``page_one.py``)."""
    from dataclasses import replace

    from backjournal.report import page_one

    pdf = _document(report, paper)
    pdf.add_page()
    caps = page_one.choose(pdf, report, pdf.page_break_trigger - pdf.get_y())
    pages: dict[str, int] = {}

    def draw_page_one(doc, _outline) -> None:
        doc.set_auto_page_break(False, margin=16)  # measured to fit: never a second page
        writer = page_one.Writer(doc, draw=True, dense=caps.dense)
        page_one.write(writer, report, replace(caps, pages=pages))
        doc.set_auto_page_break(True, margin=16)

    pdf.insert_toc_placeholder(draw_page_one, pages=1)
    pages.update(_detail(pdf, report, page_one.shortened(report, caps)))
    return bytes(pdf.output())


def line_height(size: float) -> float:
    """mm per line of text at ``size`` pt (body text: :data:`LINE`)."""
    return LINE if size >= BODY else round(LINE * size / BODY, 3)


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
    pdf.multi_cell(0, line_height(size), line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=BODY)


def _labelled(pdf, label: str, value: str) -> None:
    pdf.set_font(FONT, "B", BODY)
    pdf.write(LINE, f"{label}: ")
    pdf.set_font(FONT, size=BODY)
    pdf.write(LINE, value)
    pdf.ln(LINE)


def _table(pdf, header, rows, widths, size=SMALL, aligns=None, row=None):
    """A plain table: bold header, thin rules, numbers right-aligned (by default all but the
    first and the last column); ``row`` mm a row (default: by the size)."""
    pdf.set_font(FONT, "B", size)
    height = row or size * 0.55
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


def weeks_note(report: ReportData) -> str:
    """The key under the weeks table."""
    note = "active min: timed runs and other activity (walks, rides...), as stats counts them."
    if any(not w.complete for w in report.weeks):
        note = "* part of this week: so far. " + note
    return note


def _weeks_table(pdf, report: ReportData, row: float | None = None, note: bool = True) -> None:
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
            str(w.active_minutes),
        ]
        for w in report.weeks
    ]
    header = [
        "week of", "distance", "runs", "back", "leg", "extent L/R", "spikes", "done", "active min",
    ]  # fmt: skip
    pdf.ln(1)
    _table(
        pdf, header, rows, [26, 22, 12, 14, 14, 20, 14, 16, 20], aligns=["L"] + ["R"] * 8, row=row
    )
    if note:
        _para(pdf, weeks_note(report), size=SMALL)


# --- the detail ----------------------------------------------------------------------------------


def _detail(pdf, report: ReportData, shortened: list[str]) -> dict[str, int]:
    """The pages after page 1 (on the page reserved after it): the lists page 1 shortened, in
    full; the charts, body maps, timeline, sources; the appendix. Returns the page each list of
    page 1 continues on (``shortened`` and the weeks table)."""
    from backjournal.report import charts, page_one, vector

    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, t.DETAIL, new_x="LMARGIN", new_y="NEXT")
    lists = [key for key in shortened if key != "weeks"]
    pages = page_one.write_in_full(pdf, report, lists) if lists else {}
    if len(report.weeks) > 8 or "weeks" in shortened:
        _heading(pdf, "Weeks")
        pages["weeks"] = pdf.page_no()
        _weeks_table(pdf, report)
    width = pdf.w - 2 * MARGIN
    height = width * charts.HEIGHT_IN / charts.WIDTH_IN
    shown_any = report.has_entries and bool(report.series.starts)
    for title, draw, has in (
        ("Distance with back and leg pain", charts.pain_and_distance, shown_any),
        ("Leg symptoms: how far down each leg", charts.extent, shown_any),
        ("Oswestry-style score", charts.oswestry, bool(report.series.odi)),
        ("Patient-Specific Functional Scale (PSFS)", charts.psfs, bool(report.series.psfs)),
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

    _heading(pdf, "Body map", room=_map_size(pdf)[3] + 8 if report.body_maps else 15)
    if report.body_maps:
        _body_maps(pdf, report)
    else:
        _para(pdf, f"No body-map marks: {t.NONE} in this period.")

    _heading(pdf, t.TIMELINE)
    events = report.timeline
    if events:
        from fpdf.enums import MethodReturnValue

        rows = []
        pdf.set_font(FONT, size=SMALL)
        for e in events:  # a long detail wraps onto rows of its own, never cut
            lines = pdf.multi_cell(
                138, 3.85, shown(e.text), dry_run=True, output=MethodReturnValue.LINES
            )
            rows.append([e.date.isoformat(), e.kind, lines[0] if lines else ""])
            rows.extend(["", "", line] for line in lines[1:])
        _table(pdf, ["date", "what", "detail"], rows, [22, 16, 142], aligns=["L", "L", "L"])
    else:
        _para(pdf, t.NOTHING_NOTABLE)

    _heading(pdf, "Sources")
    for source in t.SOURCES:
        _para(pdf, f"- {source}", size=SMALL)

    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, t.APPENDIX, new_x="LMARGIN", new_y="NEXT")
    if not report.days:
        _para(pdf, t.EMPTY.format(start=report.start, end=report.end))
    else:
        _appendix(pdf, report)
    return pages


APPENDIX_SIZE = 6.5  # pt: eleven columns across the page
# date, distance, runs, back, leg, ext L/R, flags, ODI, other activity, treatments, note (mm)
APPENDIX_WIDTHS = (16, 14, 7, 7, 7, 11, 10, 8, 26, 40, 34)
NOTE_LINES = 2  # a day's note in the appendix: its first lines (the timeline has it in full)


def _appendix(pdf, report: ReportData) -> None:
    """Every day of the period with an entry (or a dose taken), one row each; the other
    activity, the treatments and the note wrap onto rows of their own, never cut, except a
    note longer than :data:`NOTE_LINES` lines (the timeline holds it whole). The flags column
    marks the days a red flag was *active*, as History does (!!T1, T2)."""
    from backjournal.domain.flags import TIER_MARKS

    pdf.set_font(FONT, size=APPENDIX_SIZE)
    *_, w_other, w_treat, w_note = APPENDIX_WIDTHS
    rows = []
    for d in report.days:
        other = _wrap(pdf, ", ".join(f"{sport} {m} min" for sport, m in d.other), w_other - 2)
        treat = _wrap(pdf, "; ".join(shown(t) for t in d.treatments), w_treat - 2)
        note = _wrap(pdf, shown(d.note), w_note - 2)
        if len(note) > NOTE_LINES:
            tail = _fit(pdf, " ".join(note[NOTE_LINES - 1 :]), w_note - 2)
            note = note[: NOTE_LINES - 1] + [tail]
        rows.append(
            [
                d.date.isoformat(),
                t.distance(report, d.distance_m) if d.runs else "-",
                str(d.runs),
                t.num(d.back, 0),
                t.num(d.leg, 0),
                f"{t.num(d.extent_left, 0)}/{t.num(d.extent_right, 0)}",
                TIER_MARKS[d.flags],
                t.num(d.odi),
                other[0] if other else "",
                treat[0] if treat else "",
                note[0] if note else "",
            ]
        )
        for i in range(1, max(len(other), len(treat), len(note))):
            rows.append(
                [""] * 8 + [part[i] if i < len(part) else "" for part in (other, treat, note)]
            )
    header = [
        "date", "distance", "runs", "back", "leg", "ext L/R", "flags", "ODI",
        "other activity", "treatments", "note",
    ]  # fmt: skip
    _table(
        pdf, header, rows, list(APPENDIX_WIDTHS), size=APPENDIX_SIZE,
        aligns=["L"] + ["R"] * 5 + ["L"] + ["R"] + ["L"] * 3,
    )  # fmt: skip
    _para(pdf, t.APPENDIX_KEY, size=SMALL)


def _wrap(pdf, text: str, width: float) -> list[str]:
    """``text`` broken greedily into lines of at most ``width`` mm in the current font, at
    spaces (a word longer than a line is broken where it must). Cheap: one width per word."""
    if not text:
        return []
    if pdf.get_string_width(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if pdf.get_string_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while pdf.get_string_width(word) > width:  # a word longer than a line
            cut = len(_fit(pdf, word, width + pdf.get_string_width("…"))) - 1
            cut = max(cut, 1)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


# --- body maps -----------------------------------------------------------------------------------

MAP_GAP = 4.0  # mm between a map's two figures
MAPS_GAP = 8.0  # mm between two maps side by side
HATCH_STEP = 1.1  # mm between the hatch lines of a nerve-like mark
LEGEND = (
    "Each map shows the figures of the body-map screen: the back seen from behind, the front "
    "facing you; L and R are the person's left and right. Start and end: each marked region's "
    "intensity (0-10, darker: higher) and the signs of its qualities ({glyphs}). Most marked: on "
    "how many of the days with marks each region was marked (darker: more often). Hatched, with "
    "a heavy edge: a nerve-like quality (shooting, tingling, numbness, burning, weakness), which "
    "counts toward the extent in a leg."
)


def _shade(value: int) -> int:
    """The grey of a marked region: light for 0, dark for 10 (readable in black and white)."""
    return round(228 - 15 * max(0, min(value, 10)))


def _hatch(pdf, points: list[tuple[float, float]], grey: int) -> None:
    """Diagonal lines clipped to the polygon ``points`` (mm, y down), as plain PDF operators:
    fpdf2 has no polygon clip. Black lines on a light fill, white on a dark one."""
    from backjournal.report.vector import _n

    k, page_h = pdf.k, pdf.h
    path = " ".join(
        f"{_n(x * k)} {_n((page_h - y) * k)} {'m' if i == 0 else 'l'}"
        for i, (x, y) in enumerate(points)
    )
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    lines = []
    c = x0 - (y1 - y0)
    while c <= x1:
        # the line through (c, y1) and (c + (y1 - y0), y0): rising to the right
        ax, ay, bx, by = c, y1, c + (y1 - y0), y0
        lines.append(
            f"{_n(ax * k)} {_n((page_h - ay) * k)} m {_n(bx * k)} {_n((page_h - by) * k)} l"
        )
        c += HATCH_STEP * 1.4142
    colour = "0 G" if grey > 140 else "1 G"
    pdf._out(f"q {path} h W n {colour} {_n(0.25 * k)} w {' '.join(lines)} S Q")


def _figure(pdf, body, view: str, left: float, top: float, height: float) -> None:
    """One figure of a map: the outline, every region of the view as an area (unmarked ones
    white with a thin grey edge), the marked ones shaded, hatched when nerve-like, labelled."""
    from backjournal.domain.figure import OUTLINE, REGION_SHAPES, place, region_centre

    pdf.set_draw_color(0)
    pdf.set_line_width(0.35)
    pdf.set_fill_color(242)
    pdf.polygon(place(OUTLINE, left, top, height), style="DF")
    labels = []
    for region, shape in REGION_SHAPES[view].items():
        points = place(shape, left, top, height)
        value, label = body.regions.get(region, (None, ""))
        if value is None:
            pdf.set_draw_color(150)
            pdf.set_line_width(0.15)
            pdf.set_fill_color(255)
            pdf.polygon(points, style="DF")
            continue
        grey = _shade(value)
        pdf.set_fill_color(grey)
        pdf.polygon(points, style="F")
        nerve = region in body.nerve
        if nerve:
            _hatch(pdf, points, grey)
        pdf.set_draw_color(0)
        pdf.set_line_width(0.6 if nerve else 0.3)
        pdf.polygon(points, style="D")
        if label:
            xs = [p[0] for p in points]
            pdf.set_font(FONT, "B", 6)
            if pdf.get_string_width(label) + 1.0 > max(xs) - min(xs) + 0.5:
                # the number alone where the qualities' signs do not fit
                label = label[: len(label) - len(label.lstrip("0123456789"))] or label
            _, x, y = region_centre(region)
            ((cx, cy),) = place(((x, y),), left, top, height)
            labels.append((cx, cy, label))
    pdf.set_font(FONT, "B", 6)
    pdf.set_line_width(0.1)
    pdf.set_draw_color(0)
    pdf.set_fill_color(255)
    for cx, cy, label in labels:  # after every region, so that no area covers a label
        w = pdf.get_string_width(label) + 1.0
        pdf.set_xy(cx - w / 2, cy - 1.3)
        pdf.cell(w, 2.6, label, border=1, align="C", fill=True)
    pdf.set_font(FONT, size=6)
    width = height * 0.46
    pdf.set_xy(left, top + height + 0.8)
    sides = ("L", "R") if view == "back" else ("R", "L")
    pdf.cell(4, 3, sides[0])
    pdf.cell(width - 8, 3, "back, from behind" if view == "back" else "front", align="C")
    pdf.cell(4, 3, sides[1], align="R")


def _map_size(pdf) -> tuple[float, float, float, float]:
    """A map's width, a figure's width and height, and a row's height (mm): two maps a row."""
    from backjournal.domain.figure import FIGURE_ASPECT

    map_w = (pdf.w - 2 * MARGIN - MAPS_GAP) / 2
    fig_w = (map_w - MAP_GAP) / 2
    fig_h = fig_w / FIGURE_ASPECT
    return map_w, fig_w, fig_h, 5 + fig_h + 6


def _body_maps(pdf, report: ReportData) -> None:
    """The maps two to a row, each as the screen's two figures drawn as vector shapes from the
    one region geometry (``backjournal.domain.figure``); the legend beside the last map, or
    below when a row is full."""
    from backjournal.domain.figure import QUALITY_GLYPHS, VIEWS

    map_w, fig_w, fig_h, row_h = _map_size(pdf)
    glyphs = ", ".join(f"{g} {q}" for q, g in QUALITY_GLYPHS.items())
    legend = LEGEND.format(glyphs=glyphs)
    maps = list(report.body_maps)
    for row in range(0, len(maps), 2):
        if pdf.get_y() + row_h > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y() + 1
        pair = maps[row : row + 2]
        for m, body in enumerate(pair):
            left = MARGIN + m * (map_w + MAPS_GAP)
            pdf.set_font(FONT, "B", SMALL)
            pdf.set_xy(left, top)
            pdf.cell(map_w, 4, body.title)
            for index, view in enumerate(VIEWS):
                _figure(pdf, body, view, left + index * (fig_w + MAP_GAP), top + 5, fig_h)
        if len(pair) == 1:
            pdf.set_xy(MARGIN + map_w + MAPS_GAP, top + 5)
            pdf.set_font(FONT, size=SMALL)
            pdf.multi_cell(map_w, 3.4, legend, align="L")
            legend = ""
        pdf.set_xy(MARGIN, top + row_h)
    pdf.set_font(FONT, size=BODY)
    if legend:
        _para(pdf, legend, size=SMALL)
