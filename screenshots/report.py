"""The report's pages as PNG (``python -m screenshots report``): the demo journal's spring
flare-up and leg-symptoms episode (6 weeks from 30 March 2026), as ``backjournal report`` writes
it, rendered with pdftoppm (poppler-utils) where it is installed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

FROM, TO = dt.date(2026, 3, 30), dt.date(2026, 5, 10)
NOTE = "Is it all right to start running twice a week again? When should I come back?"
NAME = "report"
TITLE = "backjournal report: page 1 and the detail"


def shoot(journal_path: Path, here: Path, today: dt.date) -> list[Path]:
    """Write ``report.pdf``'s pages as ``report-page-N.png`` in ``here`` (PNG only: the PDF
    itself is made again by anyone with the demo)."""
    from backjournal.report.write import render
    from backjournal.store import Journal

    with Journal.open(journal_path) as journal:
        pdf = render(journal, FROM, TO, today=today, note=NOTE)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("skipped the report's pages: pdftoppm is not installed (apt install poppler-utils)")
        return []
    for old in here.glob(f"{NAME}-page-*.png"):
        old.unlink()
    source = here / f".{NAME}.pdf"
    source.write_bytes(pdf)
    try:
        subprocess.run(
            [pdftoppm, "-r", "90", "-png", str(source), str(here / f"{NAME}-page")], check=True
        )
    finally:
        source.unlink()
    return sorted(here.glob(f"{NAME}-page-*.png"))
