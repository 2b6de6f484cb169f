"""Property tests (hypothesis) of the CSV round trip and of formula neutralisation: any text in a
note, any valid scores and runs, come back exactly."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from conftest import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backjournal.domain.models import DayEntry, Run
from backjournal.domain.values import RUN_TYPES, SURFACES
from backjournal.io import csv_export
from backjournal.io.csv_import import read_csv
from backjournal.store import Journal
from backjournal.store.exchange import export_csv, export_rows, tables
from backjournal.store.importer import import_csv

# Any text, weighted towards what breaks CSV and spreadsheets: separators, quotes, line breaks,
# formula characters at the start, apostrophes, non-ASCII, control characters.
TRICKY = st.sampled_from(
    [
        ",",
        '"',
        "\n",
        "\r",
        "\r\n",
        "=",
        "+",
        "-",
        "@",
        "\t",
        "'",
        "''=",
        ";",
        "\x00",
        "é",
        "走",
        "✓",
    ]
)
NOTES = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(TRICKY, st.text(max_size=5)), max_size=8).map("".join),
)
SCORE = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def runs(draw) -> Run:
    return Run(
        distance_m=draw(
            st.floats(min_value=0, max_value=100_000) | st.integers(0, 9999).map(float)
        ),
        duration_s=draw(st.one_of(st.none(), st.integers(1, 48 * 3600))),
        type=draw(st.sampled_from(RUN_TYPES)),
        surface=draw(st.sampled_from(SURFACES)),
        notes=draw(NOTES),
    )


@st.composite
def days(draw) -> list[DayEntry]:
    offsets = draw(st.lists(st.integers(0, 3000), min_size=1, max_size=6, unique=True))
    return [
        DayEntry(
            (TODAY - dt.timedelta(days=offset)).isoformat(),
            back_wake=draw(SCORE),
            leg_after=draw(SCORE),
            stiffness=draw(SCORE),
            sleep=draw(st.one_of(st.none(), st.integers(1, 5))),
            note=draw(NOTES),
            runs=draw(st.lists(runs(), max_size=3)),
        )
        for offset in offsets
    ]


@given(text=st.text())
def test_unneutralise_undoes_neutralise(text):
    """For every text, reading back a neutralised cell gives the text itself."""
    assert csv_export.unneutralise(csv_export.neutralise(text)) == text


@given(text=st.text(min_size=1))
def test_a_neutralised_cell_never_starts_a_formula(text):
    """After neutralisation no text cell starts with = + - @ tab or CR."""
    assert not csv_export.neutralise(text).startswith(csv_export.FORMULA_STARTS)


@given(number=st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_pass_untouched(number):
    """Number columns are written exactly as Python writes the number, minus sign included."""
    text = csv_export.to_text(["n", "t"], [(number, "-x")], [False, True])
    assert text == f"n,t\r\n{number!r},'-x\r\n"


@settings(max_examples=60, deadline=None)
@given(entries=days(), raw=st.booleans())
def test_day_and_run_files_read_back_to_the_same_values(entries, raw):
    """The CSV text of any days and runs reads back (with or without neutralisation) to exactly
    the values written."""
    with tempfile.TemporaryDirectory() as tmp, Journal.open(Path(tmp) / "j.db") as journal:
        journal.replace_all_days(entries)
        by_name = {t.name: t for t in tables(journal)}
        for rows in export_rows(journal):
            if rows.name == "daily":
                continue
            text = csv_export.to_text(rows.header, rows.rows, rows.text_columns, raw=raw)
            data = read_csv(text.encode(), by_name[rows.name], rows.file_name, TODAY, raw=raw)
            assert data.problems == []
            assert [tuple(r.values[c] for c in rows.header) for r in data.records] == rows.rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=days())
def test_export_import_export_is_byte_identical_for_any_notes(entries):
    """Export any journal, import it into an empty one, export again: the same bytes; and a
    second import adds nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with Journal.open(tmp / "a.db") as source:
            source.replace_all_days(entries)
            export_csv(source, tmp / "first")
        with Journal.open(tmp / "b.db") as copy:
            result, _ = import_csv(copy, tmp / "first", TODAY)
            assert result.written and result.problems == []
            export_csv(copy, tmp / "second")
            again, _ = import_csv(copy, tmp / "first", TODAY)
            assert again.added == 0
            for entry in entries:
                stored = copy.get_day(entry.date)
                assert stored.note == entry.note
                assert [r.notes for r in stored.runs] == [r.notes for r in entry.runs]
        first = {p.name: p.read_bytes() for p in (tmp / "first").iterdir()}
        second = {p.name: p.read_bytes() for p in (tmp / "second").iterdir()}
        assert first == second
