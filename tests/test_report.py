"""``backjournal report``: page 1 read back from the PDF (pypdf) against ``stats --json`` and the
insights, the sections in order, Tier 1 first, an empty period, byte-identical output, the
Markdown summary, and every refusal (one line, exit 1, nothing written).

One small journal is built once for the module and one report rendered from it (matplotlib and
fpdf2 are slow to import and to draw: the tests share them).
"""

from __future__ import annotations

import dataclasses
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
from backjournal.domain.activity import Activity
from backjournal.domain.models import DayEntry, Run
from backjournal.domain.symptoms import Mark
from backjournal.paths import ENV_DB, ENV_TODAY
from backjournal.store import Journal

# Six Monday weeks up to today (Wednesday 25 November): 12 October .. 25 November.
START = dt.date(2026, 10, 19)


def _entries() -> list[DayEntry]:
    """Runs on Monday, Wednesday and Saturday with back pain easing from 5 to 2 and leg pain from
    4 to 1; a long run that is a spike; a Tier 2 flag (severe back pain 2 days running) early
    on, and a Tier 1 flag (symptoms in both legs) later; notes."""
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
                # 20 and 21 October: severe back pain on 2 days running (a Tier 2 flag)
                back_wake=7 if day == dt.date(2026, 10, 21) else back,
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
    out.append(DayEntry("2026-10-27", marks=[Mark("buttock-l", 4, ("ache", "shooting"))]))
    # A 40-minute walk with 3 km on a Thursday without a run.
    out.append(DayEntry("2026-11-05", activities=[Activity("walk", 2400, 3000.0)]))
    return sorted(out, key=lambda e: e.date)


def _clinical(journal: Journal) -> None:
    """The user's own lines: a course of naproxen, two doses of ibuprofen as needed, a physio
    appointment with two rules, a flare-up, two PSFS check-ins, and the Tier 2 flag seen by a
    clinician on 23 October."""
    from backjournal.domain.clinical import Appointment, FlareUp, PlanRule, Treatment
    from backjournal.domain.flags import Outcome

    c = journal.clinical
    c.add_treatment(
        Treatment("naproxen", "medication", "course", "2026-10-20", "2026-10-26", "500 mg"), TODAY
    )
    c.took("ibuprofen", "400 mg", "2026-11-02", TODAY)
    c.took("ibuprofen", "400 mg", "2026-11-06", TODAY)
    c.add_appointment(
        Appointment(
            "2026-11-03",
            "physio",
            "easy running only",
            "at most 8k per run; no runs on consecutive days",
            "2026-12-01",
        ),
        [
            PlanRule("max-distance-per-run", "2026-11-03", 8000.0, "at most 8k per run"),
            PlanRule("no-consecutive-days", "2026-11-03", None, "no runs on consecutive days"),
        ],
        TODAY,
    )
    c.start_flare(FlareUp("2026-10-20", "2026-10-23", "bad week"), TODAY)
    c.set_psfs_items(["run 10 km", "sit for an hour", "lift the children"], "2026-10-19")
    c.record_psfs("2026-10-19", [2, 5, 3], TODAY)
    c.record_psfs("2026-11-23", [6, 6, 4], TODAY)
    journal.flags.record_outcome(
        Outcome("severe-pain", "2026-10-23", "seen", "muscular, keep moving"), TODAY
    )


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
        _clinical(journal)
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
    tier1 = (
        "Tier 1, emergency: nerve-like symptoms marked in both legs, at the thigh or below, on "
        "2026-11-10 (extent left 3, right 3). Outcome: none recorded, still active on 2026-11-25."
    )
    tier2 = (
        "Tier 2, see a doctor within days: severe pain (7 or more) in the back or down a leg on 2 "
        "days running, on 2026-10-21 (8 the day before, 7 this day). Outcome: seen by a clinician "
        "on 2026-10-23: muscular, keep moving."
    )
    assert flags.index(tier1) < flags.index(tier2)
    # The action goes with the flag still active; the one seen by a clinician keeps its source.
    assert flags.count("Go to an emergency department now") == 1
    assert "keep moving. (the source article's own advice, not NICE)" in flags
    assert "Contact your doctor in the next few days" not in flags


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
        assert cells[8] == str(row["active_minutes"])


def test_pain_first_against_last_week(built):
    """Back and leg pain: the first and last weekly means of stats, their change, and the
    2-point rule (back 5.0 -> 2.0 is a meaningful change)."""
    rows = built["stats"]["rows"]
    page = flat(built["pages"][0])
    first, last = rows[0]["back_mean"], rows[-1]["back_mean"]
    assert (first, last) == (6.25, 2.0)  # 5, 8 (20 October), 7 (21 October), 5; then 2, 2
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
    assert (
        "Patient-Specific Functional Scale (PSFS, mean of 0-10): 3.3 (2026-10-19) to 5.3 "
        "(2026-11-23): change +2.0: 2 points or more, a meaningful change (Abbott & Schmitt 2014)."
        in page
    )
    assert (
        "PSFS activities, first to last (0 unable, 10 as before; 3 points or more for one "
        "activity is meaningful): run 10 km 2 to 6 (+4, 3 or more: meaningful); sit for an hour "
        "5 to 6 (+1); lift the children 3 to 4 (+1)." in page
    )
    # 10 November, the last day with an extent, has none of the 7 days before to compare with.
    assert (
        "Left leg, furthest extent: 2 (buttock) (first week recorded) to 3 (thigh) "
        "(last week recorded); 7-day trend on 2026-11-10: unknown (no extent recorded in the 7 "
        "days before)." in page
    )


def test_insights_and_own_lines(built):
    """No association passes the bar in six weeks; the note, the treatments and the clinician's
    plan are printed under section 8, in the issue's order."""
    pages = flat(" ".join(built["pages"]))
    own = pages[pages.index("8. My own lines") : pages.index("Detail")]
    assert "No clear associations in this period." in pages
    expected = [
        "Treatments:",
        "- naproxen 500 mg (medication, course from 2026-10-20 to 2026-10-26)",
        "- ibuprofen as needed (medication): 2 doses on 2 days, 2026-11-02 to 2026-11-06 (400 mg)",
        "The clinician's plan:",
        "- 2026-11-03 with physio: they said: easy running only; instructions: at most 8k per run; "
        "no runs on consecutive days; next appointment 2026-12-01.",
        "- In force on 2026-11-25: at most 8 km per run (said on 2026-11-03); no runs on "
        "consecutive days (said on 2026-11-03).",
        "- Next appointment: 2026-12-01.",
        "Questions for my appointment: Can I race in March?",
    ]
    positions = [own.index(line) for line in expected]
    assert positions == sorted(positions)


def test_flare_ups_counted_and_in_the_timeline(built):
    """Page 1 counts the flare-up with its dates; the timeline lists it on its first day."""
    page = flat(built["pages"][0])
    assert "Flare-ups: 1 in this period: 2026-10-20 to 2026-10-23 (bad week)." in page
    rest = flat(" ".join(built["pages"][1:]))
    assert "2026-10-20 flare-up 2026-10-20 to 2026-10-23 (4 days): bad week" in rest
    assert (
        "2026-10-23 outcome severe pain (7 or more) in the back or down a leg on 2 days running: "
        "seen by a clinician (muscular, keep moving)" in rest
    )
    assert "2026-11-03 visit physio: at most 8k per run; no runs on consecutive days" in rest


def test_other_activity_beside_running(built):
    """The walk is listed by sport beside running, and each week's active minutes are those of
    ``stats --json`` (the walk's 40 minutes; the runs are untimed)."""
    page = flat(built["pages"][0])
    assert "Other activity beside running: Walk once, 40 min, 3 km." in page
    rows = built["stats"]["rows"]
    total = sum(r["active_minutes"] for r in rows)
    assert total == 40
    assert f"Active minutes (timed runs and other activity): {total} in the period, 7 a week" in (
        page
    )


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
    assert "PSFS (0 unable, 10 as before)" in rest  # the PSFS check-ins are charted


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
    for line in (
        "- **Treatments:** none recorded",
        "- **The clinician's plan:** none recorded",
        "- Patient-Specific Functional Scale (PSFS): none recorded in this period.",
        "- Flare-ups: none recorded.",
        "- Other activity beside running: none recorded.",
    ):
        assert line in text


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
    long ones and 2 after the short: the change by the next morning is +4 after long runs and -4
    after short ones, and page 1 states the insights' own sentence (+8.0 points)."""
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
    assert (stated.mean_a, stated.mean_b, stated.difference) == (4.0, -4.0, 8.0)
    expected = next(
        i for i in insights(journal.trends.data(START, TODAY)) if i.key == "distance/back"
    )
    assert stated.text == expected.text
    summary = markdown.render(report)
    section = summary[summary.index("## 7.") : summary.index("## 8.")]
    assert (
        "Runs over 10 km (the median) are associated with a difference in the change in back pain "
        "by the next morning: +8.0 points against shorter runs" in section
    )


def test_an_own_factor_is_stated_in_the_report_as_on_trends(journal):
    """A yes/no factor answered yes on the long-run days and no on the short ones: the report
    states the insights' own sentence for it, caveat included, as Trends and the shell do."""
    from backjournal.domain.clinical import Factor
    from backjournal.report import markdown
    from backjournal.report.data import gather

    drive = journal.clinical.add_factor(Factor("long drive"))
    day = START
    while day <= TODAY:
        long = (day - START).days % 2 == 0
        journal.save_day(
            DayEntry(
                day.isoformat(),
                back_wake=(2 if long else 6) if day > START else 2,
                runs=[Run(15000.0 if long else 5000.0)],
            ),
            TODAY,
        )
        journal.clinical.set_factor(day.isoformat(), drive, int(long), TODAY)
        day += dt.timedelta(days=1)
    report = gather(journal, START, TODAY, today=TODAY)
    (own,) = [i for i in report.insights if i.key == f"back:own:{drive.id}"]
    assert own.difference == 8.0
    summary = flat(markdown.render(report))
    assert (
        'Days with "long drive" are associated with a difference in the change in back pain by '
        "the next morning: +8.0 points against days answered no" in summary
    )
    assert (
        "People often change what they do, and how they feel, when they hurt more, so the link "
        "may run the other way." in summary
    )


def test_body_maps_are_vector_figures_with_marks_legible_in_grey(built):
    """The body maps are drawn from the screen's region geometry: the start map (27 October)
    labels the left buttock with its intensity and the signs of its qualities (4, ache ~,
    shooting ↯), the nerve-like marks are hatched (a clipped path), and the legend says how
    to read them without colour."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(built["pdf"]))
    index = next(i for i, p in enumerate(built["pages"]) if "Body map" in p)
    text = flat(" ".join(built["pages"][index : index + 2]))
    assert "Start: 2026-10-27" in text and "End: 2026-11-10" in text
    assert "Most marked: days, of 2 with marks" in text
    assert "4~↯" in text
    assert "Hatched, with a heavy edge: a nerve-like quality" in text
    content = reader.pages[index].get_contents().get_data()
    assert b" h W n 0 G" in content  # a hatch clipped to a region's outline, black on light grey


def test_body_map_data_marks_nerve_like_regions():
    """A day's map labels each region with intensity and quality signs; regions with a
    nerve-like quality (tingling) are the hatched ones, a plain ache is not."""
    from backjournal.report.data import _body_maps

    marks = {
        "2026-11-01": [Mark("low-back", 5, ("ache",)), Mark("calf-l", 3, ("tingling",))],
        "2026-11-02": [Mark("low-back", 2, ("ache",))],
    }
    start, end, most = _body_maps(marks)
    assert start.regions == {"low-back": (5, "5~"), "calf-l": (3, "3∴")}
    assert start.nerve == frozenset({"calf-l"})
    assert end.nerve == frozenset()
    assert most.regions == {"low-back": (10, "2"), "calf-l": (5, "1")}
    assert most.nerve == frozenset({"calf-l"})


def _rows(extents: dict[str, tuple[int | None, int | None]]):
    from types import SimpleNamespace

    return [
        SimpleNamespace(date=d, extent_l=left, extent_r=right)
        for d, (left, right) in extents.items()
    ]


@pytest.mark.parametrize(
    ("before", "today", "word"),
    [
        (2, 3, "peripheralising"),  # a spread on the last day is seen at once
        (2, 2, "stable"),
        (3, 2, "centralising"),
        (1, 1, "none"),
    ],
)
def test_leg_trend_is_the_seven_day_rule(before, today, word):
    """The report's trend word is the screens' 7-day rule on the last day with an extent: 7
    days at ``before`` then ``today`` (the old 14-day slope called 2,2,...,2,3 stable)."""
    from backjournal.report import text
    from backjournal.report.data import _legs

    extents = {f"2026-11-{d:02d}": (before, 1) for d in range(1, 8)}
    extents["2026-11-08"] = (today, 1)
    left, right = _legs((), extents, _rows(extents))
    assert (left.trend, left.trend_day) == (word, dt.date(2026, 11, 8))
    assert right.trend == "none"
    assert text.TREND_MEANINGS["peripheralising"] == (
        "further down the leg than the lowest of the 7 days before"
    )


def test_leg_trend_looks_back_seven_days_only():
    """A day 8 days before does not count: with nothing in the 7 days before, the word is
    unknown."""
    from backjournal.report.data import _legs

    extents = {"2026-11-01": (2, 2), "2026-11-09": (4, 2)}
    left, _ = _legs((), extents, _rows(extents))
    assert left.trend == "unknown"


def _occ(date: str, code: str, severity: int = 1):
    from backjournal.domain.flags import Occurrence, Sign

    return Occurrence(date, Sign(code, severity))


def test_flag_outcomes_by_the_persistence_rule():
    """In a period 10..20 November: a flag resolved in it ("resolved on D"), one active since
    before it and still active, one seen by a clinician that stays there day after day (one
    line, the same sign), and one that fired again after "resolved"; Tier 1 first."""
    from backjournal.domain.flags import Outcome
    from backjournal.report.data import _flag_items

    occurrences = [
        _occ("2026-11-01", "thoracic"),  # before the period, never answered
        _occ("2026-11-11", "saddle"),
        _occ("2026-11-12", "fever"),
        _occ("2026-11-13", "fever"),
        _occ("2026-11-14", "fever"),  # the day after "seen": the same sign
        _occ("2026-11-12", "trauma"),
        _occ("2026-11-18", "trauma"),  # after "resolved": a new flag
    ]
    outcomes = [
        Outcome("saddle", "2026-11-12", "resolved"),
        Outcome("fever", "2026-11-13", "seen", "viral", "2026-11-16"),
        Outcome("trauma", "2026-11-15", "resolved"),
    ]
    items = _flag_items(occurrences, outcomes, dt.date(2026, 11, 10), dt.date(2026, 11, 20))
    got = [(f.code, f.first.isoformat(), f.last.isoformat(), f.days, f.outcome) for f in items]
    assert got == [
        ("saddle", "2026-11-11", "2026-11-11", 1, "resolved"),
        ("thoracic", "2026-11-01", "2026-11-01", 0, None),
        ("fever", "2026-11-12", "2026-11-14", 3, "seen"),
        ("trauma", "2026-11-12", "2026-11-12", 1, "resolved"),
        ("trauma", "2026-11-18", "2026-11-18", 1, None),
    ]
    fever = items[2]
    assert (fever.outcome_date, fever.outcome_note, fever.outcome_until) == (
        dt.date(2026, 11, 13), "viral", "2026-11-16",
    )  # fmt: skip


def test_flag_lines_words():
    """The words of each case: the outcome dates, "active since" for a flag from before the
    period, the action only while still active."""
    from backjournal.domain.flags import Outcome
    from backjournal.report import text
    from backjournal.report.data import _flag_items

    occurrences = [_occ("2026-11-01", "thoracic"), _occ("2026-11-11", "saddle")]
    outcomes = [Outcome("saddle", "2026-11-12", "resolved")]
    start, end = dt.date(2026, 11, 10), dt.date(2026, 11, 20)
    report = _bare_report(start, end, _flag_items(occurrences, outcomes, start, end))
    (tier1, line1, action1), (tier2, line2, action2) = text.flag_lines(report)
    assert (tier1, tier2) == (1, 2)
    assert line1 == (
        "Tier 1, emergency: numbness or tingling in the saddle area (between the legs, genitals, "
        "back passage, inner buttocks), on 2026-11-11. Outcome: resolved on 2026-11-12."
    )
    assert action1.startswith("(GIRFT")
    assert line2 == (
        "Tier 2, see a doctor within days: new pain in the mid or upper back, active since "
        "2026-11-01. Outcome: none recorded, still active on 2026-11-20."
    )
    assert action2.startswith("Contact your doctor in the next few days, sooner if it gets worse.")


def _bare_report(start, end, flags):
    from backjournal.report.data import Change, ReportData, RunPain

    none = Change("x", None, None, 2)
    return ReportData(
        start, end, end, dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc), "km", "monday",
        False, 0, flags, (), none, none, RunPain(0, (), 0), (), none,
    )  # fmt: skip


def test_no_running_until_from_a_flag_outcome_is_part_of_the_plan():
    """A clinician's "no running until" recorded with a flag's outcome shows as a rule in force."""
    from backjournal.domain.flags import Outcome
    from backjournal.report import text
    from backjournal.report.data import _held_rules

    rules = _held_rules([Outcome("trauma", "2026-11-18", "seen", "", "2026-11-30")])
    start, end = dt.date(2026, 11, 10), dt.date(2026, 11, 20)
    report = dataclasses.replace(_bare_report(start, end, ()), plan_rules=rules)
    assert text.plan_lines(report) == [
        "In force on 2026-11-20: no running until 2026-11-30 (said on 2026-11-18)."
    ]
