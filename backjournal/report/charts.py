"""The report's charts: matplotlib figures (no pyplot), drawn into the PDF as vector paths by
``vector.py`` (text as glyph outlines, so the charts need no font of their own).

Black and white on purpose: a report is printed on an office printer. Distance is grey bars,
back pain a solid line with circles, leg pain a dashed line with squares, each named in a legend.

Deterministic on purpose: the same data gives the same paths, so that the same journal gives the
same PDF. Reads only :class:`~backjournal.report.data.ReportData`; each function returns a
``matplotlib.figure.Figure``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backjournal.report.data import ReportData

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_IN = 7.0
HEIGHT_IN = 2.3
EXTENT_TICKS = {
    0: "0 none",
    1: "1 back",
    2: "2 buttock",
    3: "3 thigh",
    4: "4 below knee",
    5: "5 foot",
}

_ready = False


def _setup() -> None:
    """Select Agg and the fixed settings once (importing matplotlib is the slow part)."""
    global _ready
    if _ready:
        return
    import matplotlib

    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "axes.linewidth": 0.6,
            "axes.spines.top": False,
            "lines.linewidth": 1.2,
            "hatch.linewidth": 0.5,
        }
    )
    _ready = True


def _figure():
    _setup()
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=72)


def _x_ticks(ax, report: ReportData, n: int, labels) -> None:
    step = max(1, round(n / 8))
    ticks = list(range(0, n, step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([labels[i] for i in ticks])
    ax.set_xlim(-0.7, n - 0.3)


def _date_label(day, grain: str) -> str:
    return day.strftime("%d %b") if grain in ("day", "week") else day.strftime("%b %Y")


def pain_and_distance(report: ReportData) -> Figure:
    """Distance per day (or week) as bars, back and leg pain as lines on a 0-10 axis."""
    from backjournal.domain.parse import metres_to_unit

    s = report.series
    n = len(s.starts)
    fig = _figure()
    ax = fig.add_axes((0.07, 0.2, 0.84, 0.7))
    km = [metres_to_unit(m, report.units) for m in s.distance_m]
    ax.bar(range(n), km, color="0.8", edgecolor="0.35", linewidth=0.4, label="distance")
    ax.set_ylabel(f"distance ({report.units})")
    ax.spines["right"].set_visible(True)
    pain = ax.twinx()
    for values, style, marker, name in (
        (s.back, "-", "o", "back pain"),
        (s.leg, "--", "s", "leg pain"),
    ):
        xs = [i for i, v in enumerate(values) if v is not None]
        ys = [values[i] for i in xs]
        pain.plot(xs, ys, linestyle=style, marker=marker, markersize=2.5, color="black", label=name)
    pain.set_ylim(0, 10.5)
    pain.set_yticks([0, 2, 4, 6, 8, 10])
    pain.set_ylabel("pain (0-10)")
    _x_ticks(ax, report, n, [_date_label(d, s.grain) for d in s.starts])
    handles = ax.get_legend_handles_labels()[0] + pain.get_legend_handles_labels()[0]
    pain.legend(handles=handles, loc="upper left", ncols=3, frameon=False, fontsize=7)
    return fig


def extent(report: ReportData) -> Figure:
    """How far down each leg symptoms reached, per day (or week): left solid, right dashed."""
    s = report.series
    n = len(s.starts)
    fig = _figure()
    ax = fig.add_axes((0.13, 0.2, 0.84, 0.7))
    for values, style, marker, name in (
        (s.extent_left, "-", "o", "left leg"),
        (s.extent_right, "--", "s", "right leg"),
    ):
        xs = [i for i, v in enumerate(values) if v is not None]
        ax.plot(
            xs,
            [values[i] for i in xs],
            linestyle=style,
            marker=marker,
            markersize=2.5,
            color="black",
            label=name,
        )
    ax.set_ylim(-0.3, 5.5)
    ax.set_yticks(list(EXTENT_TICKS))
    ax.set_yticklabels(list(EXTENT_TICKS.values()))
    _x_ticks(ax, report, n, [_date_label(d, s.grain) for d in s.starts])
    ax.legend(loc="upper left", ncols=2, frameon=False, fontsize=7)
    return fig


def _checkins(points, *, marker, label, band, top, ylabel, corner, **ylabel_style) -> Figure:
    """A questionnaire's check-ins (date, score) in order, with the band of its meaningful
    change around the first (``band`` points either side)."""
    fig = _figure()
    ax = fig.add_axes((0.07, 0.2, 0.9, 0.7))
    xs = list(range(len(points)))
    ax.plot(xs, [p[1] for p in points], marker, color="black", markersize=3, label=label)
    if points:
        first = points[0][1]
        ax.axhspan(
            first - band, first + band, color="0.9", label=f"within {band} points of the first"
        )
    ax.set_ylim(0, top)
    ax.set_ylabel(ylabel, **ylabel_style)
    ax.set_xticks(xs)
    ax.set_xticklabels([p[0].strftime("%d %b %Y") for p in points])
    ax.legend(loc=corner, ncols=2, frameon=False, fontsize=7)
    return fig


def oswestry(report: ReportData) -> Figure:
    """Each Oswestry-style check-in of the period, with the 10-point change band of the first."""
    return _checkins(
        report.series.odi,
        marker="-o",
        label="score (%)",
        band=10,
        top=100,
        ylabel="Oswestry-style (%)",
        corner="upper right",
    )


def psfs(report: ReportData) -> Figure:
    """Each PSFS check-in of the period (the mean of the activities' ratings), with the 2-point
    band of the first (Abbott & Schmitt 2014)."""
    return _checkins(
        report.series.psfs,
        marker="-s",
        label="mean (0-10)",
        band=2,
        top=10,
        ylabel="PSFS (0 unable, 10 as before)",
        corner="lower right",
        fontsize=7,
    )


def adherence(report: ReportData) -> Figure:
    """The share of the programme done each week (no bar where nothing was scheduled)."""
    weeks = report.series.adherence
    fig = _figure()
    ax = fig.add_axes((0.07, 0.2, 0.9, 0.7))
    xs = [i for i, (_, v) in enumerate(weeks) if v is not None]
    ax.bar(
        xs,
        [weeks[i][1] for i in xs],
        color="0.85",
        edgecolor="black",
        linewidth=0.6,
    )
    ax.axhline(70, color="black", linestyle=":", linewidth=0.8)
    ax.text(len(weeks) - 0.5, 72, "70 %", ha="right", fontsize=7)
    ax.set_ylim(0, 105)
    ax.set_ylabel("programme done (%)")
    step = max(1, round(len(weeks) / 10))
    ticks = list(range(0, len(weeks), step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([weeks[i][0].strftime("%d %b") for i in ticks])
    ax.set_xlim(-0.7, len(weeks) - 0.3)
    return fig
