"""The report's page 1 stays one page (issue #18), on A4 and Letter, for a worst-case journal:
every red flag, a long clinician's plan, five treatments, flare-ups, phase changes, five PSFS
activities and the longest ``--note``. What page 1 shortens reads "and N more (see page K)" and
is listed in full on page K; no Tier 1 flag ever leaves page 1. Also: the appendix's flags,
treatments and other activity, and the Markdown timeline.

The journal is built once for the module; each PDF is read back with pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from conftest import TODAY

from backjournal.domain.activity import Activity
from backjournal.domain.models import DayEntry, Run
from backjournal.store import Journal

START = dt.date(2026, 10, 19)  # a Monday: six weeks to Wednesday 25 November
TITLES = [
    "1. Red flags",
    "2. Back and leg pain",
    "3. Leg symptoms",
    "4. Questionnaires",
    "5. Running",
    "6. Exercise",
    "7. What the data says",
    "8. My own lines",
]
# The longest note the command takes (2,000 characters), ending with words to look for.
NOTE = ("Why does my leg tingle after long runs, and should I stop when it does? " * 27)[
    :1960
] + " LAST QUESTION: race in March?"
TIER1_SIGNS = [
    "numbness or tingling in the saddle area",
    "new difficulty passing urine",
    "new sexual dysfunction",
    "leg weakness that is getting worse",
]


def _worst(journal: Journal) -> None:
    """Every daily-check sign on its own day (Tier 1 and Tier 2), two risk factors, outcomes
    for some, five treatments, four appointments with long instructions, three flare-ups,
    three phase changes, five PSFS activities, runs and walks."""
    from backjournal.domain.clinical import Appointment, FlareUp, Treatment
    from backjournal.domain.flags import Outcome

    signs = [
        "rf_saddle", "rf_bladder", "rf_sexual", "rf_weakness_worse",
        "rf_weakness", "rf_fever", "rf_night", "rf_thoracic", "rf_trauma",
    ]  # fmt: skip
    offsets = (2, 5, 8, 9, 12, 15, 16, 19, 22)  # never a Monday or Thursday (the run days)
    for i, (field, offset) in enumerate(zip(signs, offsets, strict=True)):
        day = START + dt.timedelta(days=offset)
        entry = DayEntry(day.isoformat(), back_wake=4, leg_wake=2, note=f"day {i}")
        setattr(entry, field, True)
        journal.save_day(entry, TODAY)
    for week in range(6):
        for offset in (0, 3):
            day = START + dt.timedelta(weeks=week, days=offset)
            if day > TODAY:
                continue
            journal.save_day(
                DayEntry(
                    day.isoformat(),
                    back_wake=5 - week // 2,
                    leg_wake=3,
                    runs=[Run(5000.0 + 500 * week)],
                    activities=[Activity("walk", 1800 + 60 * week, 2500.0)],
                ),
                TODAY,
            )
    journal.flags.save_profile({"cancer": True, "steroids": True}, None, START)
    journal.flags.record_outcome(Outcome("fever", "2026-11-05", "resolved"), TODAY)
    journal.flags.record_outcome(
        Outcome("night", "2026-11-09", "seen", "mechanical pain, review in a month"), TODAY
    )
    c = journal.clinical
    for name, start, end, dose in (
        ("naproxen", "2026-10-20", "2026-10-30", "500 mg twice a day"),
        ("amitriptyline", "2026-10-25", None, "10 mg at night"),
        ("physiotherapy", "2026-10-21", "2026-11-20", "weekly"),
        ("acupuncture", "2026-11-02", "2026-11-16", "twice a week"),
    ):
        c.add_treatment(Treatment(name, "medication", "course", start, end, dose), TODAY)
    c.took("ibuprofen", "400 mg", "2026-11-02", TODAY)
    c.took("ibuprofen", "400 mg", "2026-11-06", TODAY)
    long = (
        "walk every day for at least twenty minutes, keep the runs short and easy, stop if the "
        "tingling spreads below the knee, and book a scan if it does not settle in two weeks"
    )
    for i, date in enumerate(("2026-10-22", "2026-11-01", "2026-11-12", "2026-11-20")):
        c.add_appointment(
            Appointment(date, f"clinician {i}", f"visit {i}: {long}", long, "2026-12-03"),
            [],
            TODAY,
        )
    for start, end, note in (
        ("2026-10-20", "2026-10-23", "bad week"),
        ("2026-11-03", "2026-11-06", "after the long run"),
        ("2026-11-15", "2026-11-18", "sitting all day"),
    ):
        c.start_flare(FlareUp(start, end, note), TODAY)
    items = ["run 10 km", "sit for an hour", "lift the children", "sleep through", "drive 2 h"]
    c.set_psfs_items(items, "2026-10-19")
    c.record_psfs("2026-10-19", [2, 5, 3, 4, 5], TODAY)
    c.record_psfs("2026-11-23", [6, 6, 4, 8, 6], TODAY)
    journal.exercises.start("relief", on="2026-10-19", why="physio", today=TODAY)
    journal.exercises.start("strengthening", on="2026-11-02", why="settling", today=TODAY)
    journal.exercises.start("relief", on="2026-11-10", why="flare again", today=TODAY)


@pytest.fixture(scope="module")
def worst(tmp_path_factory) -> dict:
    """The worst-case journal's report on A4 and Letter: pages' text and the report data."""
    from pypdf import PdfReader

    from backjournal.report.data import gather
    from backjournal.report.write import render

    db = tmp_path_factory.mktemp("fit") / "journal.db"
    out = {}
    with Journal.open(db) as journal:
        _worst(journal)
        for paper in ("a4", "letter"):
            pdf = render(journal, START, TODAY, today=TODAY, paper=paper, note=NOTE)
            pages = PdfReader(io.BytesIO(pdf)).pages
            out[paper] = [p.extract_text() for p in pages]
            out[f"{paper}-low"] = _lowest_body_text(pages[0])
        out["data"] = gather(journal, START, TODAY, today=TODAY, note=NOTE)
        out["md"] = render(journal, START, TODAY, today=TODAY, fmt="md", note=NOTE).decode()
    return out


FOOTER = ("Guidance, not a verdict. backjournal does not diagnose.", "Page 1 of")
BOTTOM_PT = 16 / 25.4 * 72  # the body ends 16 mm above the page's edge; the footer is below


def _lowest_body_text(page) -> float:
    """The height (pt above the page's bottom edge) of page 1's lowest line of body text."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() and not any(text.strip().startswith(f) for f in FOOTER):
            found.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return min(found)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_page_one_holds_every_section_in_order(worst, paper):
    """Page 1 holds the eight sections in order, section 8's heading and its last line (the
    note's beginning), and the page-2 pointer; its footer says page 1."""
    page = flat(worst[paper][0])
    positions = [page.index(title) for title in TITLES]
    assert positions == sorted(positions)
    own = page[page.index("8. My own lines") :]
    assert "Questions for my appointment: Why does my leg tingle after long runs" in own
    assert re.search(r"… \(the whole note: see page \d\)$", own)
    assert "Page 1 of" in page
    assert worst[f"{paper}-low"] >= BOTTOM_PT  # nothing runs into the footer


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_tier_one_flag_stays_on_page_one(worst, paper):
    """Each of the four Tier 1 signs is named on page 1 with its day, in one box under the tier
    and the outcome they share, with the emergency action and its source once; only Tier 2
    flags are counted as "more"."""
    page = flat(worst[paper][0])
    flags = page[page.index("1. Red flags") : page.index("2. Back and leg pain")]
    assert flags.startswith(
        "1. Red flags Tier 1, emergency; outcome of each: none recorded, still active on "
        "2026-11-25. - numbness or tingling in the saddle area (between the legs, genitals, back "
        "passage, inner buttocks), on 2026-10-21."
    )
    for sign, day in zip(TIER1_SIGNS, ("10-21", "10-24", "10-27", "10-28"), strict=True):
        assert re.search(f"- {re.escape(sign)}[^-]*, on 2026-{day}\\.", flags)
    assert (
        "Do not wait to see whether it settles. (GIRFT National Suspected Cauda Equina Syndrome "
        "Pathway 2023; SBNS/BASS standards 2018; NICE CKS sciatica)"
    ) in flags
    assert flags.count("GIRFT") == 1
    assert flags.index(TIER1_SIGNS[-1]) < flags.index("Tier 2")
    assert re.search(r"And \d+ more Tier 2 flags \(see page \d+\)\.", flags)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_what_page_one_shortens_is_in_full_on_the_page_it_names(worst, paper):
    """Every "(see page K)" of page 1 names a page that holds "Page 1 in full"'s lists; there,
    the whole note (its last words), every treatment and appointment, every Tier 2 flag."""
    pages = worst[paper]
    page_one = flat(pages[0])
    named = {int(k) for k in re.findall(r"see page (\d+)\)", page_one)}
    assert named, "page 1 shortened nothing"
    rest = " ".join(flat(pages[k - 1]) for k in sorted(named))
    assert "Page 1 in full" in flat(pages[min(named) - 1])
    assert "LAST QUESTION: race in March?" in rest
    for name in ("naproxen", "amitriptyline", "physiotherapy", "acupuncture", "ibuprofen"):
        assert name in rest
    for i in range(4):
        assert f"with clinician {i}" in rest
    for sign in ("a history of cancer", "long-term steroid use", "new pain in the mid or upper"):
        assert sign in rest


def test_each_more_counts_what_is_left_out(worst):
    """ "and N more" counts the items page 1 leaves out: treatments listed plus N is five."""
    page = flat(worst["a4"][0])
    own = page[page.index("Treatments:") : page.index("The clinician's plan:")]
    listed = own.count("- ") - own.count("- and ")
    more = re.search(r"- and (\d+) more \(see page \d+\)", own)
    assert more is not None
    assert listed + int(more.group(1)) == 5


def test_a_journal_that_fits_is_not_shortened():
    """Caps stay off when page 1 fits: an empty period's page 1 is drawn in full, nothing in
    "Page 1 in full"."""
    from backjournal.report import page_one
    from backjournal.report import pdf as layout
    from backjournal.report import text as t

    report = _bare()
    doc = layout._document(report, "a4")
    doc.add_page()
    caps = page_one.choose(doc, report, doc.page_break_trigger - doc.get_y())
    assert caps == t.FULL
    assert page_one.shortened(report, caps) == []


def test_no_room_still_keeps_every_tier_one_flag(worst):
    """With almost no room every cap is at its floor, yet all four Tier 1 flags stay listed."""
    from backjournal.report import page_one
    from backjournal.report import pdf as layout
    from backjournal.report import text as t

    report = worst["data"]
    doc = layout._document(report, "a4")
    doc.add_page()
    caps = page_one.choose(doc, report, 10.0)
    assert caps.tier2 == 0 and caps.dense and not caps.weeks_table
    tier1 = [line for tier, line, _ in t.flag_lines(report, caps) if tier == 1]
    assert len(tier1) == sum(f.tier == 1 for f in report.flags) == 4


def _bare():
    from backjournal.report.data import Change, ReportData, RunPain

    nothing = Change("x", None, None, 2)
    return ReportData(
        start=START, end=TODAY, made=TODAY,
        created=dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc),
        units="km", week_start="monday", has_entries=False, days_recorded=0, flags=(),
        weeks=(), back=nothing, leg=nothing, run_pain=RunPain(0, (), 0), legs=(), odi=nothing,
    )  # fmt: skip


# --- the appendix -------------------------------------------------------------------------------


def test_appendix_marks_days_a_flag_was_active(worst):
    """A flag is marked on every day from the day recorded until its outcome, as History marks
    it: saddle numbness (21 October) still unanswered on the last day, with Tier 2 signs (a day
    with both tiers: !!T1+2); the profile's risk factors from the day they were answered."""
    days = {d.date.isoformat(): d for d in worst["data"].days}
    assert days["2026-10-19"].flags == (2,)  # risk factors from the profile, since 19 October
    assert days["2026-10-21"].flags == (1, 2)  # saddle numbness recorded that day
    assert days["2026-10-22"].flags == (1, 2)  # ... nothing recorded: still active
    assert days["2026-11-23"].flags == (1, 2)


def test_appendix_rows_carry_treatments_and_other_activity(worst):
    """A day's treatments (courses in force with their dose, each dose taken) and its other
    activity (sport and minutes), as the appendix prints them."""
    days = {d.date.isoformat(): d for d in worst["data"].days}
    assert days["2026-11-02"].treatments == (
        "physiotherapy weekly",
        "amitriptyline 10 mg at night",
        "acupuncture twice a week",
        "ibuprofen 400 mg",
    )
    assert days["2026-10-19"].other == (("walk", 30),)
    assert days["2026-10-19"].treatments == ()


def test_appendix_page_shows_the_columns_and_their_key(worst):
    """The appendix's header names the new columns; the key explains them word for word; a
    row shows !!T1+2, a walk and a course."""
    pages = [flat(p) for p in worst["a4"]]
    appendix = " ".join(pages[next(i for i, p in enumerate(pages) if "Appendix: every day" in p) :])
    assert "flags ODI other activity treatments note" in appendix
    assert (
        "flags: a red flag active that day, from the day recorded until its outcome (!!T1 "
        "emergency, Tier 1; T2 see a doctor within days). ODI: Oswestry-style score (%). other "
        "activity: minutes of each walk, ride... that day. treatments: a course in force or a "
        "session that day, and each dose taken, as written."
    ) in appendix
    assert "!!T1+2" in appendix
    assert "walk 35 min" in appendix
    assert "amitriptyline 10 mg at night" in appendix


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_has_the_timeline_of_notable_days(worst):
    """``--format md`` carries the timeline: flags, outcomes, flare-ups, visits, phase changes
    and notes, one dated line each, after section 8; and the full note (no page to fill)."""
    md = worst["md"]
    timeline = md[md.index("## Timeline of notable days") : md.index("## Sources")]
    assert md.index("## 8. My own lines") < md.index("## Timeline of notable days")
    for line in (
        "- 2026-10-20 · flare-up: 2026-10-20 to 2026-10-23 (4 days): bad week",
        "- 2026-11-02 · phase: Relief to Strengthening: settling",
        "- 2026-11-05 · outcome: fever or feeling generally unwell with the back pain, or "
        "unexplained weight loss: resolved",
        "- 2026-10-21 · note: day 0",
    ):
        assert line in timeline
    assert "· red flag: " in timeline
    assert "· visit: clinician 0: " in timeline
    assert "LAST QUESTION: race in March?" in md
    assert "see page" not in md


def test_markdown_timeline_when_nothing_is_notable():
    """A period with nothing notable says so in the Markdown timeline."""
    from backjournal.report import markdown

    md = markdown.render(_bare())
    assert "## Timeline of notable days\n\n- Nothing notable: none recorded.\n" in md
