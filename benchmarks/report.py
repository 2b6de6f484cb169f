"""The report for a clinician (issue #18): its cost follows the period, and the whole command
costs little more than loading the chart library.

* ``report_data``: a 6-week report (gather and the whole PDF, charts included) from the ten-year
  demo journal against the same from a one-year demo journal, in-process. Target 1.2: the
  journal's age must not show.
* ``report_command``: ``backjournal report`` (a new process: start-up, matplotlib and fpdf2,
  reading, drawing, writing) against ``python -c "import matplotlib.pyplot"`` in the same run.
  Target 2.5.
"""

from __future__ import annotations

from benchmarks.common import (
    TODAY,
    Command,
    Context,
    Result,
    benchmark,
    compare,
    python_command,
    result,
    ten_years_against_one,
)

DATA_TARGET = 1.2
COMMAND_TARGET = 2.5
REFERENCE = "import matplotlib.pyplot"


def six_weeks(journal) -> bytes:
    """The default report (the last 6 weeks) as PDF bytes, as the command makes it."""
    from backjournal.report.data import report_range
    from backjournal.report.write import render

    start, end = report_range(TODAY, weeks=6, start=None, end=None)
    return render(journal, start, end, today=TODAY)


@benchmark("report_data", "a 6-week report, in-process: ten-year vs one-year journal")
def report_data(ctx: Context) -> Result:
    return ten_years_against_one(ctx, "report_data", six_weeks, target=DATA_TARGET, calls=1)


@benchmark("report_command", "backjournal report (6 weeks), ten-year journal")
def report_command(ctx: Context) -> Result:
    out = ctx.workdir / "report.pdf"
    measured = Command(
        "backjournal report",
        python_command("-m", "backjournal", "report", "--out", str(out)),
        ctx.env(),
    )
    reference = Command(REFERENCE, python_command("-c", REFERENCE), ctx.env())
    m, r = compare(ctx, measured, reference)
    return result("report_command", COMMAND_TARGET, m, REFERENCE, r)
