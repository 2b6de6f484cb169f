"""Trends: what the data says (insights), pain against mileage, active minutes against pain,
weekly load (distance, or effort x minutes when Settings says so), the acute:chronic ratio, how far
down the leg symptoms reach and the Oswestry score, the PSFS activities, over 4 weeks, 12 weeks, a
year or everything.

The journal is read in a thread worker for the range shown; the series are aggregated to about
one point per plot column (pure functions) and drawn by ``backjournal.charts``. The insights
(thousands of bootstrap resamples per comparison; about a second for ten years) are weighed in
the same worker after the charts are shown, so that the charts never wait for them. A resize builds
the charts again from the data already read; a range change reads again. Only the charts in view
are drawn, so scrolling costs what one chart costs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from backjournal.charts import trends as draw
from backjournal.charts.stable import stable_plotext
from backjournal.domain.insights import FOOTER, METHOD, insights, panel
from backjournal.domain.safe_text import shown
from backjournal.domain.trends import (
    RANGE_LABELS,
    RANGES,
    TrendData,
    build,
    next_range,
    range_bounds,
)
from backjournal.tui.widgets.navbar import NavBar

MAX_INSIGHTS = 4
CHARTS = ("distance", "pain", "active", "load", "acwr", "extent", "psfs", "adherence")

stable_plotext()  # the same chart draws the same in every process (see charts.stable)


CHART_LINES, MAX_CHART_LINES, TALL_LINES = 15, 24, 45


def load_note(missing: int, sessions: int) -> str:
    """The line over the charts when the load is by effort (the "load" setting)."""
    text = "Load and ratios by effort x minutes of runs and other activity (Settings; Foster 2001)."
    if missing:
        text += (
            f" {missing} of {sessions} session{'s' if sessions != 1 else ''} in this range "
            f"{'has' if missing == 1 else 'have'} no effort or no time and "
            f"{'counts' if missing == 1 else 'count'} as 0."
        )
    return text


class Chart(PlotextPlot):
    """A plot that declares its figure right before it is drawn, at the size it is drawn.

    (Tick labels that moved a column from run to run were not a leak between figures but
    plotext's set-ordered de-duplication, which follows the process's hash seed: fixed by
    :func:`~backjournal.charts.stable.stable_plotext` above.)
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.declare: Callable[[object], None] | None = None

    def render(self):
        if self.declare is not None:
            self.declare(self.plt)
        return super().render()


class TrendsScreen(Screen):
    """Charts and insights over a chosen range."""

    CSS_PATH = "trends.tcss"

    TITLE = "backjournal"
    SUB_TITLE = "Trends"
    BINDINGS = [Binding("r", "next_range", "Range", tooltip="4 weeks, 12 weeks, 1 year, all")]

    def __init__(self) -> None:
        super().__init__(id="trends")
        self.loaded = False
        self.insights_loaded = False
        self.range = "12w"
        self._data: TrendData | None = None
        self._bounds: tuple[dt.date, dt.date] | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("trends", self.app.SCREENS_BY_KEY)
        yield Static("", id="range-bar")
        with VerticalScroll(id="trends-body", can_focus=True):
            yield Static("Reading the journal…", id="insights")
            yield Static("", id="load-note", markup=False)
            for name in CHARTS:
                yield Chart(id=f"chart-{name}", classes="chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fit_charts()
        self.watch(self.app, "settings", lambda: self.reload(), init=False)
        self.reload()

    def reload(self) -> None:
        """Read the range again (a range change, a setting, another program's write)."""
        self._show_range_bar()
        self._read(self.range)

    refresh_from_journal = reload

    def _show_range_bar(self) -> None:
        parts = [
            f"[reverse b] {RANGE_LABELS[r]} [/]"
            if r == self.range
            else f"[@click=screen.show_range('{r}')] {RANGE_LABELS[r]} [/]"
            for r in RANGES
        ]
        self.query_one("#range-bar", Static).update(
            "Range  " + " ".join(parts) + "   [dim]r cycles[/]"
        )

    @work(thread=True, exclusive=True, group="trends-read")
    def _read(self, name: str) -> None:
        journal = self.app.journal
        settings = self.app.settings
        start, end = range_bounds(
            name, self.app.today(), journal.trends.first_date(), settings.week_start
        )
        data = journal.trends.data(start, end)
        shoes = journal.trends.shoe_names()
        own = journal.clinical.factor_series(start, end)
        self.app.call_from_thread(self._show, name, data, (start, end))
        found = insights(
            data,
            start,
            end,
            units=settings.units,
            week_start=settings.week_start,
            shoes=shoes,
            own=own,
        )
        self.app.call_from_thread(self._show_insights, name, found)

    def _show(self, name: str, data: TrendData, bounds) -> None:
        if name != self.range:
            return  # another range was asked for meanwhile
        self._data, self._bounds = data, bounds
        self.insights_loaded = False
        self.query_one("#insights", Static).update(
            self._insight_lines(["Weighing the comparisons…"])
        )
        self._draw()
        self.loaded = True

    def _insight_lines(self, sentences: list[str]) -> str:
        start, end = self._bounds
        lines = [f"[b $accent]What the data says[/]  [dim]{start:%d %b %Y} to {end:%d %b %Y}[/]"]
        # A shoe's name is the user's text: shown safely, never as markup.
        lines += [f"• {escape(shown(sentence))}" for sentence in sentences]
        lines.append(f"[dim]{METHOD} {FOOTER}[/]")
        return "\n".join(lines)

    def _show_insights(self, name: str, found) -> None:
        if name != self.range or self._bounds is None:
            return
        sentences = panel(found, limit=MAX_INSIGHTS)
        if not sentences:
            sentences = ["Not enough data yet: nothing recorded in this range."]
        self.query_one("#insights", Static).update(self._insight_lines(sentences))
        self.insights_loaded = True

    def _draw(self) -> None:
        if self._data is None or self._bounds is None:
            return
        # About one point per plot column. From the screen's width, which is known from the
        # start (a chart's own size is not until its first layout), so the same terminal always
        # gets the same buckets.
        width = max(20, self.size.width - 16)
        units = self.app.settings.units
        charts = build(
            self._data, *self._bounds, max_points=width, week_start=self.app.settings.week_start
        )
        plots = {name: self.query_one(f"#chart-{name}", Chart) for name in CHARTS}
        # When the days do not fit one a column, distance per day would be the weekly chart
        # again: it steps aside, and the pain chart says its grain (issue #15).
        plots["distance"].display = charts.grain != charts.load_grain
        plots["distance"].declare = partial(
            draw.distance, buckets=charts.pain_mileage, units=units, grain=charts.grain
        )
        plots["pain"].declare = partial(
            draw.pain, buckets=charts.pain_mileage, grain=charts.grain, flares=charts.flares
        )
        plots["load"].declare = partial(
            draw.weekly_load,
            buckets=charts.load,
            units=units,
            grain=charts.load_grain,
            mode=charts.load_mode,
        )
        plots["active"].declare = partial(
            draw.active_minutes, buckets=charts.active, grain=charts.load_grain
        )
        plots["psfs"].declare = partial(
            draw.psfs,
            buckets=charts.psfs,
            names=[shown(name) for name in charts.psfs_names],  # the user's words, made safe
            checkins=charts.psfs_checkins,
        )
        note = self.query_one("#load-note", Static)
        note.display = charts.load_mode == "srpe"
        note.update(load_note(*charts.load_missing) if note.display else "")
        # Each chart says itself when it has too little to draw (backjournal.charts.trends).
        plots["acwr"].declare = partial(draw.acwr, buckets=charts.acwr)
        plots["extent"].declare = partial(
            draw.extent_odi, extent=charts.extent, odi=charts.odi if charts.has_odi else []
        )
        if charts.has_adherence:
            plots["adherence"].declare = partial(draw.adherence, buckets=charts.adherence)
        else:
            plots["adherence"].declare = partial(
                draw.empty, message="No exercise programme in this range yet (key 3 starts one)."
            )
        for plot in plots.values():
            plot.refresh()

    def on_resize(self) -> None:
        self._fit_charts()
        if self.loaded:
            self._draw()

    def _fit_charts(self) -> None:
        """Taller charts on a tall terminal: two of them fill the screen from 45 lines up (up to
        24 lines each); below that they keep their 15 lines, as at 80x24 and 120x40."""
        height = CHART_LINES
        if self.size.height >= TALL_LINES:
            height = min(MAX_CHART_LINES, (self.size.height - 8) // 2)
        for chart in self.query(Chart):
            chart.styles.height = height

    def action_next_range(self) -> None:
        self.action_show_range(next_range(self.range))

    def action_show_range(self, name: str) -> None:
        """Show the range ``name`` (4w, 12w, 1y or all)."""
        if name in RANGES:
            self.range = name
            self.loaded = False
            self.reload()
