"""A minimal matplotlib renderer that draws a figure straight into an fpdf2 page as PDF path
operators: vector charts without a detour through SVG.

Why: fpdf2's SVG import took about half of the report's time (it deep-copies every element), and
the command must stay within 2.5 times ``import matplotlib.pyplot`` (issue #18). matplotlib
already breaks everything it draws (lines, bars, markers) into paths; this renderer only writes
each path with its stroke and fill, clipped to its axes, as plain PDF operators (``m l c h``,
``re W n``, ``RG rg w d J j``) inside one ``q ... Q`` that places the figure on the page. Text is
written as text in the report's own embedded font (DejaVu Sans, the font matplotlib measured it
with), which is faster than glyph outlines and keeps the labels selectable and searchable. The
same figure gives the same bytes.
"""

from __future__ import annotations

from matplotlib.backend_bases import FigureCanvasBase, RendererBase
from matplotlib.path import Path

CAPS = {"butt": 0, "round": 1, "projecting": 2}
JOINS = {"miter": 0, "round": 1, "bevel": 2}


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class PdfPathRenderer(RendererBase):
    """Collects PDF path operators for a figure whose units are points (``dpi = 72``), with
    y upward as in PDF."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height
        self.ops: list[str] = []
        self.texts: list[tuple[float, float, str, float, float, tuple]] = []

    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self):
        return self.width, self.height

    def points_to_pixels(self, points):
        return points

    def draw_image(self, gc, x, y, im, transform=None):  # the charts draw no images
        pass

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        """Keep the text for :func:`draw_figure`, which writes it after the paths."""
        self.texts.append((x, y, s, prop.get_size_in_points(), angle, tuple(gc.get_rgb())))

    def draw_path(self, gc, path, transform, rgbFace=None):
        stroke = gc.get_linewidth() > 0 and gc.get_rgb()[3] > 0
        fill = rgbFace is not None and (len(rgbFace) < 4 or rgbFace[3] > 0)
        if not stroke and not fill:
            return
        ops = ["q"]
        clip = gc.get_clip_rectangle()
        if clip is not None:
            x, y, w, h = clip.bounds
            ops.append(f"{_n(x)} {_n(y)} {_n(w)} {_n(h)} re W n")
        if stroke:
            rgb = gc.get_rgb()
            ops.append(_stroke_colour(rgb))
            ops.append(f"{_n(gc.get_linewidth())} w")
            ops.append(f"{CAPS.get(gc.get_capstyle(), 0)} J {JOINS.get(gc.get_joinstyle(), 0)} j")
            offset, dashes = gc.get_dashes()
            if dashes:
                ops.append(f"[{' '.join(_n(d) for d in dashes)}] {_n(offset or 0)} d")
        if fill:
            ops.append(_fill_colour(rgbFace))
        last = (0.0, 0.0)
        for vertices, code in path.iter_segments(transform, simplify=False, curves=True):
            if code == Path.MOVETO:
                ops.append(f"{_n(vertices[0])} {_n(vertices[1])} m")
            elif code == Path.LINETO:
                ops.append(f"{_n(vertices[0])} {_n(vertices[1])} l")
            elif code == Path.CURVE3:  # quadratic: as the cubic with the same shape
                cx, cy, x, y = vertices
                x0, y0 = last
                ops.append(
                    f"{_n(x0 + 2 / 3 * (cx - x0))} {_n(y0 + 2 / 3 * (cy - y0))} "
                    f"{_n(x + 2 / 3 * (cx - x))} {_n(y + 2 / 3 * (cy - y))} {_n(x)} {_n(y)} c"
                )
            elif code == Path.CURVE4:
                ops.append(" ".join(_n(v) for v in vertices) + " c")
            elif code == Path.CLOSEPOLY:
                ops.append("h")
                continue
            last = (vertices[-2], vertices[-1])
        ops.append("B" if stroke and fill else "f" if fill else "S")
        ops.append("Q")
        self.ops.extend(ops)


def _stroke_colour(rgb) -> str:
    r, g, b = (float(c) for c in rgb[:3])
    return f"{_n(r)} G" if r == g == b else f"{_n(r)} {_n(g)} {_n(b)} RG"


def _fill_colour(rgb) -> str:
    r, g, b = (float(c) for c in rgb[:3])
    return f"{_n(r)} g" if r == g == b else f"{_n(r)} {_n(g)} {_n(b)} rg"


def draw_figure(pdf, fig, x: float, y: float, w: float, font: str) -> float:
    """Draw ``fig`` on ``pdf``'s current page with its top left at (``x``, ``y``) mm, ``w`` mm
    wide, its text in ``font`` (a family added to ``pdf``); return its height in mm."""
    fig.set_dpi(72)
    width, height = fig.get_size_inches() * 72
    if fig.canvas is None or type(fig.canvas) is not FigureCanvasBase:
        FigureCanvasBase(fig)
    renderer = PdfPathRenderer(width, height)
    fig.draw(renderer)
    k = 72 / 25.4  # points per mm
    scale = w * k / width
    h = height * scale / k
    tx, ty = x * k, (pdf.h - y - h) * k
    body = "\n".join(renderer.ops)
    pdf._out(f"q {_n(scale)} 0 0 {_n(scale)} {_n(tx)} {_n(ty)} cm\n{body}\nQ")
    for tx_pt, ty_pt, text, size, angle, rgb in renderer.texts:
        px = x + tx_pt * scale / k
        py = y + h - ty_pt * scale / k
        pdf.set_font(font, size=size * scale)
        pdf.set_text_color(*(round(255 * c) for c in rgb[:3]))
        if angle:
            with pdf.rotation(angle, px, py):
                pdf.text(px, py, text)
        else:
            pdf.text(px, py, text)
    pdf.set_text_color(0)
    return h
