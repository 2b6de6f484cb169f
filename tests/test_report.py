"""``backjournal report``: page 1 read back from the PDF (pypdf) against ``stats --json`` and the
insights, the sections in order, Tier 1 first, an empty period, byte-identical output, the
Markdown summary, and every refusal (one line, exit 1, nothing written).

One small journal is built once for the module and one report rendered from it (matplotlib and
fpdf2 are slow to import and to draw: the tests share them).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.symptoms import Mark
from backjournal.paths import ENV_DB, ENV_TODAY
from backjournal.store import Journal

# Six Monday weeks up to today (Wednesday 25 November): 12 October .. 25 November.
START = dt.date(2026, 10, 19)


def _entries() -> list[DayEntry]:
    """Runs on Monday, Wednesday and Saturday with back pain easing from 5 to 2 and leg pain from
    4 to 1; a long run that is a spike; a Tier 2 flag (severe back pain) early on, and a Tier 1
    flag (symptoms in both legs) later; notes."""
    out = []
    for week in range(6):
        monday = START + dt.timedelta(weeks=week)
        for offset, km in ((0, 6), (2, 8), (5, 10)):
            day = monday + dt.timedelta(days=offset)
            if day > TODAY:
                continue
            back = 5 - week * 3 // 5 if week < 5 else 2
            entry = DayEntry(
                day.isoformat(),
                back_wake=back,
                leg_wake=max(4 - week, 1),
                back_after=back,
                runs=[Run(km * 1000.0 + (9000.0 if (week, offset) == (3, 5) else 0.0))],
            )
            out.append(entry)
    for day, km in (("2026-10-12", 6), ("2026-10-14", 8), ("2026-10-17", 10)):  # the lead-in
        out.append(DayEntry(day, runs=[Run(km * 1000.0)]))
    out.append(DayEntry("2026-10-20", back_wake=8, note="Bad morning"))
    out.append(
        DayEntry(
            "2026-11-10",
            back_wake=3,
            note="Tingling in both thighs",
            marks=[
                Mark("thigh-back-l", 3, ("tingling",)),
                Mark("thigh-back-r", 2, ("tingling",)),
            ],
        )
    )
    out.append(DayEntry("2026-10-27", marks=[Mark("buttock-l", 4, ("ache",))]))
    return sorted(out, key=lambda e: e.date)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """The module's journal, its report (PDF bytes, pages' text) and ``stats --json``."""
    folder = tmp_path_factory.mktemp("report")
    db = folder / "journal.db"
    with Journal.open(db) as journal:
        for entry in _entries():
            journal.save_day(entry, TODAY)
        journal.exercises.start("relief", on="2026-10-19", why="physio", today=TODAY)
        journal.exercises.tick("2026-10-19", "mcgill-curl-up", today=TODAY)
        journal.symptoms.save_odi("2026-10-19", [2] * 10)
        journal.symptoms.save_odi("2026-11-23", [1] * 10)
    env = {ENV_DB: str(db), ENV_TODAY: TODAY.isoformat()}
    before = db.read_bytes()
    out = folder / "r.pdf"
    result = invoke("report", "--out", str(out), "--note", "Can I race in March?", env=env)
    assert result.exit_code == 0, result.output
    pdf = out.read_bytes()
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    stats = invoke("stats", "--weeks", "--json", "--from", START.isoformat(), env=env)
    assert stats.exit_code == 0, stats.output
    return {
        "db": db,
        "env": env,
        "folder": folder,
        "out": out,
        "pdf": pdf,
        "pages": pages,
        "stats": json.loads(stats.output),
        "before": before,
        "result": result,
    }


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), prog_name="backjournal", env=env)


def flat(text: str) -> str:
    """Page text with its line breaks as spaces (multi_cell wraps sentences)."""
    return " ".join(text.split())


def test_writes_the_file_it_names_0600(built):
    """The command says where the report went, and the file is private (0600) and a PDF."""
    assert f"Wrote {built['out']} (2026-10-19 to 2026-11-25)" in built["result"].output
    assert stat.S_IMODE(os.stat(built["out"]).st_mode) == 0o600
    assert built["pdf"].startswith(b"%PDF-")


def test_the_journal_is_not_changed(built):
    """A report only reads: the journal's bytes are the same before and after."""
    assert built["db"].read_bytes() == built["before"]


def test_page_one_sections_in_order(built):
    """Page 1 holds the eight sections in the issue's order."""
    page = built["pages"][0]
    titles = [
        "1. Red flags",
        "2. Back and leg pain",
        "3. Leg symptoms",
        "4. Questionnaires",
        "5. Running",
        "6. Exercise",
        "7. What the data says",
        "8. My own lines",
    ]
    positions = [page.index(t) for t in titles]
    assert positions == sorted(positions)


def test_tier_one_flag_comes_first(built):
    """The Tier 1 flag (both legs, 10 November) is listed before the earlier Tier 2 one (severe
    pain, 20 October), with the emergency action."""
    page = flat(built["pages"][0])
    flags = page[page.index("1. Red flags") : page.index("2. Back and leg pain")]
    assert flags.index("Tier 1, emergency: symptoms in both legs, on 2026-11-10") < flags.index(
        "Tier 2, see a doctor within days: severe pain (7 or more), on 2026-10-20"
    )
    assert "Go to an emergency department now" in flags
    assert "no outcome recorded (still active)" in flags


def test_weekly_numbers_equal_stats_json(built):
    """Every week's distance, runs, pain means, extents, spikes and adherence on page 1 are the
    numbers of ``stats --weeks --json`` for the same range."""
    page = built["pages"][0]
    lines = {line.split()[0]: line for line in page.splitlines() if line[:4] == "2026"}
    rows = built["stats"]["rows"]
    assert len(rows) == 6
    for row in rows:
        cells = lines[row["start"]].replace(" km", "").replace(" %", "").split()
        cells = [c for c in cells if c != "*"]
        distance = f"{row['distance']:.2f}".rstrip("0").rstrip(".")
        assert cells[1] == distance
        assert cells[2] == str(row["runs"])
        assert cells[3] == (f"{row['back_mean']:.1f}" if row["back_mean"] is not None else "-")
        assert cells[4] == (f"{row['leg_mean']:.1f}" if row["leg_mean"] is not None else "-")
        left = "-" if row["extent_left_max"] is None else str(row["extent_left_max"])
        right = "-" if row["extent_right_max"] is None else str(row["extent_right_max"])
        assert cells[5] == f"{left}/{right}"
        assert cells[6] == str(row["spikes"])
        done = "-" if row["adherence"] is None else f"{100 * row['adherence']:.0f}"
        assert cells[7] == done


def test_pain_first_against_last_week(built):
    """Back and leg pain: the first and last weekly means of stats, their change, and the
    2-point rule (back 5.0 -> 2.0 is a meaningful change)."""
    rows = built["stats"]["rows"]
    page = flat(built["pages"][0])
    first, last = rows[0]["back_mean"], rows[-1]["back_mean"]
    assert (first, last) == (5.75, 2.0)  # 5, 8 (20 October), 5, 5; then 2, 2
    assert (
        f"{first:.1f} (week of 2026-10-19) to {last:.1f} (week of 2026-11-23, so far): "
        f"change {last - first:+.1f}: 2 points or more, a clinically meaningful change "
        "(Farrar 2001)" in page
    )
    leg_first, leg_last = rows[0]["leg_mean"], rows[-1]["leg_mean"]
    assert f"{leg_first:.1f} (week of 2026-10-19) to {leg_last:.1f}" in page


def test_runs_against_the_pain_monitoring_model(built):
    """Pain after each run: back 5, 5, 4, 4, 3 in the first five weeks (15 run days), 2 in the
    last (2 run days)."""
    page = flat(built["pages"][0])
    assert (
        "17 run days: low (0-2) on 2, acceptable (3-5) on 15, too high (above 5) on 0; "
        "not recorded on 0" in page
    )


def test_running_totals_and_spike_tiers(built):
    """Total distance and runs are the sum of the stats rows; the 19 km run is one spike
    (90 % over 10 km: the 30-100 % tier)."""
    rows = built["stats"]["rows"]
    page = flat(built["pages"][0])
    total = sum(r["distance"] for r in rows)
    assert f"{total:.0f} km in {sum(r['runs'] for r in rows)} runs over 6 weeks" in page
    assert "Longest run: 19 km on 2026-11-14" in page
    assert "10-30 % longer (HR 1.64): 0; 30-100 % longer (HR 1.52): 1" in page


def test_questionnaires_and_legs(built):
    """Oswestry-style first against last (40 % -> 20 %: beyond 10 points) and each leg's
    furthest extent."""
    page = flat(built["pages"][0])
    assert "Oswestry-style disability (0-100 %): 40.0 % (2026-10-19) to 20.0 % (2026-11-23)" in page
    assert "change -20.0: 10 points or more, a change beyond measurement error" in page
    assert "PSFS): none recorded" in page
    assert (
        "Left leg, furthest extent: 2 (buttock) (first week recorded) to 3 (thigh) "
        "(last week recorded)" in page
    )


def test_insights_and_own_lines(built):
    """No association passes the bar in six weeks; the note is printed under section 8."""
    page = flat(built["pages"][0])
    assert "No clear associations in this period." in page
    assert "Questions for my appointment: Can I race in March?" in page
    assert "Treatments: none recorded" in page


def test_every_page_has_period_date_and_number(built):
    """Each page names the period, the report's date and its number of the total."""
    n = len(built["pages"])
    assert n >= 3
    for i, page in enumerate(built["pages"], start=1):
        assert "Period 2026-10-19 to 2026-11-25 · made 2026-11-25" in page
        assert f"Page {i} of {n}" in page
        assert "Guidance, not a verdict" in page


def test_detail_after_page_one(built):
    """The detail follows: charts, body map, timeline, sources, then the daily appendix."""
    rest = flat(" ".join(built["pages"][1:]))
    order = ["Distance with back and leg pain", "Body map", "Timeline of notable days", "Sources"]
    positions = [rest.index(t) for t in order]
    assert positions == sorted(positions)
    assert rest.index("Appendix: every day") > positions[-1]
    assert "Tingling in both thighs" in rest
    assert "pain (0-10)" in rest and "5 foot" in rest  # the charts' labels are text


def test_fonts_are_embedded(built):
    """Every font in the PDF is embedded (a FontFile2 stream), none is a base-14 font."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(built["pdf"]))
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for font in fonts.values():
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]


def test_same_journal_same_bytes(built):
    """The same journal and options give a byte-identical PDF (fixed creation date and ids)."""
    again = built["folder"] / "again.pdf"
    result = invoke(
        "report", "--out", str(again), "--note", "Can I race in March?", env=built["env"]
    )
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == built["pdf"]


def test_markdown_summary(built):
    """--format md writes the same page 1 as Markdown, Tier 1 first, with the note."""
    out = built["folder"] / "r.md"
    result = invoke("report", "--format", "md", "--out", str(out), env=built["env"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Back pain and running")
    assert text.index("**Tier 1, emergency") < text.index("Tier 2, see a doctor")
    assert "## 8. My own lines" in text
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_empty_period_says_so(built):
    """A period without entries is a report that says so, not an error."""
    out = built["folder"] / "empty.md"
    result = invoke(
        "report", "--from", "2020-01-06", "--to", "2020-02-01", "--format", "md",
        "--out", str(out), env=built["env"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "No entries in this period: nothing was recorded between 2020-01-06 and 2020-02-01" in (
        text
    )
    assert "None recorded in this period." in text


def test_empty_period_pdf(built):
    """The PDF of an empty period says so on page 1."""
    from pypdf import PdfReader

    from backjournal.report.data import gather
    from backjournal.report.pdf import render

    with Journal.open(built["db"]) as journal:
        data = gather(journal, dt.date(2020, 1, 6), dt.date(2020, 1, 12), today=TODAY)
    page = PdfReader(io.BytesIO(render(data))).pages[0].extract_text()
    assert "No entries in this period" in flat(page)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weeks", "0"], "--weeks must be 1 to 520, not 0"),
        (["--weeks", "1000"], "--weeks must be 1 to 520, not 1000"),
        (["--from", "2026-11-10", "--to", "2026-11-01"], "--from 2026-11-10 is after --to"),
        (["--to", "2026-12-01"], "--to: 2026-12-01 is in the future; today is 2026-11-25"),
        (["--from", "2026-11-30"], "--from: 2026-11-30 is in the future"),
        (["--weeks", "3", "--from", "2026-11-01"], "give --weeks or --from, not both"),
        (["--out", "/nonexistent-folder/r.pdf"], "the folder /nonexistent-folder does not exist"),
    ],
)
def test_bad_input_is_one_line_and_nothing_written(built, tmp_path, args, message):
    """Each refusal is one line on stderr, exit 1, and no file."""
    env = dict(built["env"])
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = invoke("report", *args, env=env)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and message in result.output
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder(built, tmp_path):
    """A folder that cannot be written is refused before any work, and nothing is left."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        result = invoke("report", "--out", str(locked / "r.pdf"), env=built["env"])
        assert result.exit_code == 1
        assert "is not writable" in result.output
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_folder_that_refuses_writes(built):
    """A folder where even root cannot create files (/proc): one line, exit 1, no traceback."""
    result = invoke("report", "--format", "md", "--out", "/proc/report.md", env=built["env"])
    assert result.exit_code == 1
    assert result.output.startswith("backjournal: cannot write /proc/report.md")
    assert result.output.count("\n") == 1
    assert not Path("/proc/report.md").exists()


def test_failed_write_leaves_nothing(built, tmp_path, monkeypatch):
    """A write that fails half way (disk full) leaves neither the file nor its temporary."""
    from backjournal.report import write

    def broken(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "write", broken)
    with pytest.raises(write.ReportError, match="No space left on device"):
        write.write_atomic(tmp_path / "r.pdf", b"%PDF-")
    assert list(tmp_path.iterdir()) == []


def test_default_file_name(tmp_path):
    """Without --out: ./backjournal-report-YYYY-MM-DD.pdf (or .md)."""
    from backjournal.report.write import default_path

    assert default_path(TODAY, "pdf", tmp_path) == tmp_path / "backjournal-report-2026-11-25.pdf"
    assert default_path(TODAY, "md", Path("x")).name == "backjournal-report-2026-11-25.md"


def test_report_range_default_six_weeks():
    """The default range is the current week and the five before it; --from moves back to its
    week's first day."""
    from backjournal.report.data import report_range

    assert report_range(TODAY, weeks=None, start=None, end=None) == (START, TODAY)
    assert report_range(TODAY, weeks=1, start=None, end=None) == (dt.date(2026, 11, 23), TODAY)
    assert report_range(
        TODAY, weeks=None, start=dt.date(2026, 11, 4), end=dt.date(2026, 11, 20)
    ) == (dt.date(2026, 11, 2), dt.date(2026, 11, 20))


def test_letter_and_a4_paper(built):
    """--paper letter gives US Letter pages (215.9 x 279.4 mm), the default A4."""
    from backjournal.report.data import gather
    from backjournal.report.pdf import _document

    with Journal.open(built["db"]) as journal:
        data = gather(journal, START, TODAY, today=TODAY)
    for paper, size in (("a4", (210.0, 297.0)), ("letter", (215.9, 279.4))):
        pdf = _document(data, paper)
        pdf.add_page()
        assert (round(pdf.w, 1), round(pdf.h, 1)) == size


def test_markdown_keeps_user_text_as_text():
    """A note cannot become a Markdown link, image or heading in the reader's mail."""
    from backjournal.report.markdown import escape

    assert escape("[x](http://evil) ![i](y) # h <b>") == (
        r"\[x\](http://evil) \!\[i\](y) \# h \<b>"
    )


def test_vector_renderer_writes_paths_and_text(built):
    """A figure becomes PDF path operators (a dashed, clipped line; a filled bar) and its labels
    become text in the page's font, all inside one placed q ... Q block."""
    from fpdf import FPDF
    from matplotlib.figure import Figure

    from backjournal.report.pdf import FONT, _fonts_dir
    from backjournal.report.vector import PdfPathRenderer, draw_figure

    fig = Figure(figsize=(2, 1))
    ax = fig.add_axes((0.2, 0.2, 0.7, 0.7))
    ax.plot([0, 1], [0, 1], "--", color="black")
    ax.bar([0.5], [0.5], color="0.8")
    ax.set_xlabel("km")
    renderer = PdfPathRenderer(144, 72)
    fig.draw(renderer)
    ops = "\n".join(renderer.ops)
    assert " d" in ops and "re W n" in ops and "0.8 g" in ops
    assert "km" in [text for _, _, text, *_ in renderer.texts]

    pdf = FPDF()
    pdf.add_font(FONT, "", str(_fonts_dir() / "DejaVuSans.ttf"))
    pdf.add_page()
    height = draw_figure(pdf, fig, 10, 20, 100, FONT)
    assert height == pytest.approx(50)
    content = bytes(pdf.pages[1].contents)
    # 100 mm = 283.46 pt over the figure's 144 pt; left 10 mm = 28.35 pt; bottom (297 - 20 - 50)
    # mm = 643.46 pt from the foot of the A4 page.
    assert b"q 1.97 0 0 1.97 28.35 643.46 cm" in content


def test_an_association_that_passes_is_stated_with_its_numbers(journal):
    """Long (15 km) and short (5 km) runs on alternate days, next-morning back pain 6 after the
    long ones and 2 after the short: page 1 states the insights' own sentence, 6.0 against 2.0."""
    from backjournal.domain.insights import insights
    from backjournal.report import markdown
    from backjournal.report.data import gather

    day = START
    while day <= TODAY:
        long = (day - START).days % 2 == 0
        after_long = (day - START).days % 2 == 1
        journal.save_day(
            DayEntry(
                day.isoformat(),
                back_wake=(6 if after_long else 2) if day > START else 2,
                runs=[Run(15000.0 if long else 5000.0)],
            ),
            TODAY,
        )
        day += dt.timedelta(days=1)
    report = gather(journal, START, TODAY, today=TODAY)
    (stated,) = [i for i in report.insights if i.key == "back:distance"]
    assert (stated.mean_a, stated.mean_b, stated.difference) == (6.0, 2.0, 4.0)
    expected = next(i for i in insights(journal.trends.data(START, TODAY)) if i.key == "distance")
    assert stated.text == expected.text
    summary = markdown.render(report)
    section = summary[summary.index("## 7.") : summary.index("## 8.")]
    assert "Next-morning back pain averages 6.0 after runs over 14 km and 2.0" in section
