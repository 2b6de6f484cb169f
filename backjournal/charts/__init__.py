"""Chart declarations: aggregated series in, a plotext figure declared on a ``plt`` object.

No Textual and no SQL here (a test checks it): the Trends screen passes its PlotextPlot's ``plt``,
and the series come already aggregated to about one point per plot column.
"""
