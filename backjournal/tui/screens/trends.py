"""Trends: what the data says (insights), pain against mileage, weekly load, the acute:chronic
ratio, sciatica extent and the Oswestry score, over 4 weeks, 12 weeks, a year or everything.

The journal is read in a thread worker for the range shown; the series are aggregated to about
one point per plot column (pure functions) and drawn by ``backjournal.charts``. A resize builds
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
from backjournal.domain.insights import insights
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
CHARTS = ("pain", "load", "acwr", "extent", "adherence")

stable_plotext()  # the same chart draws the same in every process (see charts.stable)


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
        self.range = "12w"
        self._data: TrendData | None = None
        self._bounds: tuple[dt.date, dt.date] | None = None

    def compose(self) -> ComposeResult:
        yield NavBar("trends", self.app.SCREENS_BY_KEY)
        yield Static("", id="range-bar")
        with VerticalScroll(id="trends-body", can_focus=True):
            yield Static("Reading the journal…", id="insights")
            for name in CHARTS:
                yield Chart(id=f"chart-{name}", classes="chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
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
        found = insights(
            data,
            start,
            end,
            units=settings.units,
            week_start=settings.week_start,
            shoes=journal.trends.shoe_names(),
        )
        self.app.call_from_thread(self._show, name, data, (start, end), found)

    def _show(self, name: str, data: TrendData, bounds, found) -> None:
        if name != self.range:
            return  # another range was asked for meanwhile
        self._data, self._bounds = data, bounds
        self._show_insights(found)
        self._draw()
        self.loaded = True

    def _show_insights(self, found) -> None:
        start, end = self._bounds
        lines = [f"[b $accent]What the data says[/]  [dim]{start:%d %b %Y} to {end:%d %b %Y}[/]"]
        enough = [i for i in found if i.main.enough] if found else []
        # The largest differences first: those are the ones worth a runner's attention.
        # Ties in a stable order of their own: the order of sets differs from run to run.
        enough.sort(key=lambda i: (-abs(i.main.difference or 0.0), i.key))
        for item in enough[:MAX_INSIGHTS]:
            lines.append(f"• {escape(item.text)}")  # a shoe's name is the user's text
        if not enough:
            lines.append("• Not enough data yet: comparisons need 3 days or more on each side.")
        lines.append("[dim]Associations in your own data, not causes; guidance, not a verdict.[/]")
        self.query_one("#insights", Static).update("\n".join(lines))

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
        plots["pain"].declare = partial(draw.pain_mileage, buckets=charts.pain_mileage, units=units)
        plots["load"].declare = partial(draw.weekly_load, buckets=charts.load, units=units)
        if charts.has_acwr:
            plots["acwr"].declare = partial(draw.acwr, buckets=charts.acwr)
        else:
            plots["acwr"].declare = partial(
                _empty, message="Acute:chronic load appears after 28 days of history."
            )
        if charts.has_extent or charts.has_odi:
            plots["extent"].declare = partial(
                draw.extent_odi, extent=charts.extent, odi=charts.odi if charts.has_odi else []
            )
        else:
            plots["extent"].declare = partial(
                _empty, message="No body map or Oswestry check-in in this range yet."
            )
        if charts.has_adherence:
            plots["adherence"].declare = partial(draw.adherence, buckets=charts.adherence)
        else:
            plots["adherence"].declare = partial(
                _empty, message="No exercise programme in this range yet (key 3 starts one)."
            )
        for plot in plots.values():
            plot.refresh()

    def on_resize(self) -> None:
        if self.loaded:
            self._draw()

    def action_next_range(self) -> None:
        self.action_show_range(next_range(self.range))

    def action_show_range(self, name: str) -> None:
        """Show the range ``name`` (4w, 12w, 1y or all)."""
        if name in RANGES:
            self.range = name
            self.loaded = False
            self.reload()


def _empty(plt, message: str) -> None:
    plt.clear_figure()
    plt.title(message)
