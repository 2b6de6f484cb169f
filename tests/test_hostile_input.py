"""Hostile input: every validator and every command-line option, driven by generated values.

Whatever arrives (any Python value in a domain object, any bytes a shell can put in argv), the
answer is a stored valid value or a refusal: a ``ValidationError``, or exit status 1 or 2 with a
message and no traceback, and nothing at all written. Run the long profile (10,000 examples per
test) with ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_hostile_input.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import os
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, examples
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from backjournal.cli import cli
from backjournal.domain.body import QUALITIES, REGION_IDS
from backjournal.domain.models import DayEntry, Run, Settings, Shoe, ValidationError
from backjournal.domain.parse import (
    InvalidValue,
    parse_date,
    parse_distance,
    parse_duration,
    parse_score,
)
from backjournal.domain.questionnaires import odi_score
from backjournal.domain.symptoms import Mark, parse_where
from backjournal.domain.values import (
    MAX_DAY_DISTANCE_M,
    MAX_RUN_DURATION_S,
    RUN_TYPES,
    SURFACES,
    UNITS,
    WEEKDAYS,
)
from backjournal.io.activities import MAX_UNPACKED_BYTES, ActivityError, read_activities
from backjournal.launch import SCREENS, plain_open
from backjournal.store import Journal, JournalError
from backjournal.store.shoes import add_shoe

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

# --- values for the domain objects ----------------------------------------------------------------


def mostly(valid: st.SearchStrategy, hostile: st.SearchStrategy) -> st.SearchStrategy:
    """A valid value nine times in ten, else a hostile one: a record of many fields then has a
    fair chance to be stored whole, and each field still meets every kind of bad value."""
    return st.integers(0, 9).flatmap(lambda n: hostile if n == 0 else valid)


# Text as a runner, a file or a broken terminal might produce it: any characters, lone surrogates
# (what Python makes of invalid bytes in argv), NUL and control characters.
any_text = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=10),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.sampled_from(["", " ", "\x00", "\n", "é", "😀", "\u202e", "'; DROP TABLE day; --"]),
)
any_number = st.one_of(
    st.integers(),
    st.integers(min_value=-2, max_value=12),
    st.floats(),
    st.floats(min_value=-1, max_value=MAX_DAY_DISTANCE_M + 1),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False).map(float),
)
any_value = st.one_of(st.none(), any_number, any_text, st.binary(max_size=4), st.just([]))
scores = mostly(st.one_of(st.none(), st.integers(0, 10)), any_value)
dates = mostly(
    st.dates(min_value=dt.date(1970, 1, 1), max_value=TODAY).map(str),
    st.one_of(
        st.dates().map(str),
        st.sampled_from(
            ["20261120", "2026-W47-3", "2026-11-20T10:00", "2026-11-20 ", "2026-02-30"]
        ),
        any_value,
    ),
)
runs = st.builds(
    Run,
    distance_m=mostly(st.one_of(st.integers(0, 50_000), st.floats(0, 50_000)), any_value),
    duration_s=mostly(st.one_of(st.none(), st.integers(1, MAX_RUN_DURATION_S)), any_value),
    type=mostly(st.sampled_from(RUN_TYPES), any_value),
    surface=mostly(st.sampled_from(SURFACES), any_value),
    notes=mostly(st.text(max_size=40), any_value),
)
entries = st.builds(
    DayEntry,
    date=dates,
    **{
        name: scores
        for name in DayEntry.__dataclass_fields__
        if name.endswith(("_wake", "_before", "_during", "_after"))
    },
    stiffness=scores,
    sleep=mostly(st.one_of(st.none(), st.integers(1, 5)), st.one_of(st.integers(), any_value)),
    note=mostly(st.text(max_size=80), any_value),
    runs=st.lists(runs, max_size=3),
)


def stored_state(journal: Journal) -> list[tuple]:
    """Every row of the journal's days and runs, for "nothing was written" comparisons."""
    conn = journal.conn
    return (
        conn.execute("SELECT * FROM day ORDER BY date").fetchall()
        + conn.execute("SELECT * FROM run ORDER BY id").fetchall()
    )


def same_day(stored: DayEntry, saved: DayEntry, kept: list[Run]) -> bool:
    """``stored`` holds the values of ``saved``, and its runs are ``kept`` plus the saved ones
    (save_day keeps the runs already stored: another program may have added them)."""

    def fields(entry: DayEntry) -> dict:
        d = dataclasses.asdict(entry)
        del d["runs"]
        if saved.marks is None:  # None saves no marks: the stored ones stay
            d.pop("marks", None)
        if saved.activities is None:  # likewise for other activity
            d.pop("activities", None)
        return d

    def runs(items: list[Run]) -> list[tuple]:
        return sorted(
            (r.distance_m, r.duration_s or 0, r.type, r.surface, r.notes, r.shoe_id or 0)
            for r in items
        )

    return fields(stored) == fields(saved) and runs(stored.runs) == runs([*kept, *saved.runs])


def day_before(journal: Journal, date: object) -> DayEntry | None:
    """What the journal holds for ``date`` now (nothing for a value that cannot be a date)."""
    try:
        return journal.get_day(date)
    except Exception:  # noqa: BLE001 - a generated "date" that SQLite cannot even bind
        return None


# --- validators ----------------------------------------------------------------------------------


@settings(max_examples=examples(), suppress_health_check=FIXTURES)
@given(entry=entries)
@example(entry=DayEntry("2026-11-20", note="\udcff"))
@example(entry=DayEntry("20261120"))
@example(entry=DayEntry("2026-11-20", runs=[Run(5000, duration_s=90.5)]))
@example(entry=DayEntry("2026-11-20", runs=[Run(5000, duration_s="40")]))
@example(entry=DayEntry("2026-11-20", note=None))
def test_a_day_is_stored_valid_or_refused_whole(journal, entry):
    """save_day stores a day that reads back the same and valid, or refuses it, storing nothing."""
    before = stored_state(journal)
    previous = day_before(journal, entry.date)
    try:
        stored = journal.save_day(entry, TODAY)
        event("stored")
    except ValidationError as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())
        assert stored_state(journal) == before
        return
    except JournalError as exc:  # a value the validator let through and SQLite refused
        pytest.fail(f"validate() let through what the journal refused: {exc}")
    stored.validate(TODAY)
    kept = previous.runs if previous else []
    assert same_day(stored, entry, kept), "what is read back is what was saved"
    assert same_day(journal.get_day(entry.date), entry, kept)


@settings(max_examples=examples(), suppress_health_check=FIXTURES)
@given(
    units=mostly(st.sampled_from(UNITS), any_value),
    week_start=mostly(st.sampled_from(WEEKDAYS), any_value),
    theme=mostly(st.sampled_from(["textual-dark", "nord"]), any_value),
)
def test_settings_are_stored_valid_or_refused(journal, units, week_start, theme):
    """save_settings stores settings that read back the same, or refuses them and stores nothing."""
    before = journal.settings()
    wanted = Settings(units=units, week_start=week_start, theme=theme)
    try:
        journal.save_settings(wanted)
    except ValidationError as exc:
        assert set(exc.errors) <= {"units", "week_start", "theme"}
        assert journal.settings() == before
        return
    assert journal.settings() == wanted
    assert journal.settings().errors() == {}


@settings(max_examples=examples())
@given(text=any_text, units=st.sampled_from(UNITS))
def test_every_parser_returns_a_valid_value_or_invalid_value(text, units):
    """Each parser answers any text with a value in range or an InvalidValue (and a message)."""
    for parse, check in (
        (lambda t: parse_date(t, TODAY), lambda d: d <= TODAY),
        (lambda t: parse_distance(t, units), lambda m: 0 <= m <= MAX_DAY_DISTANCE_M),
        (parse_duration, lambda s: isinstance(s, int) and 0 < s <= MAX_RUN_DURATION_S),
        (parse_score, lambda s: s is None or 0 <= s <= 10),
    ):
        try:
            value = parse(text)
        except InvalidValue as exc:
            assert str(exc)
        else:
            assert check(value), value


@settings(max_examples=examples())
@given(st.lists(any_text, max_size=5))
def test_plain_open_reads_any_argv(argv):
    """The fast path of the command reads any argv: a valid (db, screen) or "ask click"."""
    result = plain_open(argv)
    assert result is None or result[1] in SCREENS


# --- the command line ----------------------------------------------------------------------------

# What a shell can put in argv: any bytes but NUL, which Python decodes with surrogateescape.
argv_text = st.one_of(
    st.binary(max_size=12).filter(lambda b: b"\x00" not in b).map(os.fsdecode),
    st.text(max_size=12).filter(lambda t: "\x00" not in t),
    st.from_regex(r"\A-?\d{1,6}([.,:]\d{1,3}){0,3}\s?(k|km|mi|m|h|min|s)?\Z"),
)


def invoke(*args: str):
    """Run the CLI in-process; the result and what it wrote to stderr."""
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


def assert_no_traceback(result) -> None:
    """Exit 0, 1 or 2 (usage), never an exception escaping to the user."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code:
        assert result.stderr.strip(), "a refusal says why"


def dump(path: Path) -> list[tuple]:
    """Every row of the journal's days, runs and settings (none for no file: opening a missing
    journal creates an empty one, which holds nothing)."""
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return [
            (table, *row)
            for table in ("day", "run", "setting")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")
        ]
    finally:
        conn.close()


def all_days(path: Path) -> list[DayEntry]:
    """Every day of the journal at ``path`` (none when there is no file)."""
    if not path.exists():
        return []
    with Journal.open(path) as journal:
        return [journal.get_day(s.date) for s in journal.day_summaries()]


def all_runs(path: Path) -> list[tuple[float, str]]:
    """(metres, notes) of every run of the journal at ``path``."""
    return [(r.distance_m, r.notes) for day in all_days(path) for r in day.runs]


@settings(max_examples=examples(0.5), suppress_health_check=FIXTURES)
@given(
    distance=mostly(
        st.tuples(st.integers(0, 320), st.sampled_from(["", "k", "mi", "m", ".5k"])).map(
            lambda t: f"{t[0]}{t[1]}"
        ),
        argv_text,
    ),
    duration=mostly(st.sampled_from([None, "42:10", "1:05:30", "45", "1h05m"]), argv_text),
    date=mostly(st.sampled_from([None, "today", "yesterday", "-3", "2026-01-31"]), argv_text),
    pain=mostly(st.one_of(st.none(), st.integers(0, 10).map(str)), argv_text),
    leg=mostly(st.one_of(st.none(), st.integers(0, 10).map(str)), argv_text),
    run_type=mostly(st.one_of(st.none(), st.sampled_from(RUN_TYPES)), argv_text),
    surface=mostly(st.one_of(st.none(), st.sampled_from(SURFACES)), argv_text),
    note=mostly(st.one_of(st.none(), st.text(max_size=300)), argv_text),
)
@example(
    distance="8k",
    duration=None,
    date=None,
    pain=None,
    leg=None,
    run_type=None,
    surface=None,
    note="\udcff",
)
def test_log_with_any_options_stores_valid_runs_or_refuses(
    db_path, distance, duration, date, pain, leg, run_type, surface, note
):
    """log with generated values for every option: a valid run stored, or a refusal that
    changes nothing; never a traceback."""
    options = [
        f"{flag}={value}"
        for flag, value in (
            ("--date", date),
            ("--pain", pain),
            ("--leg", leg),
            ("--type", run_type),
            ("--surface", surface),
            ("--note", note),
        )
        if value is not None
    ]
    before = dump(db_path)
    runs_before = all_runs(db_path)
    result = invoke("log", *options, "--", distance, *([duration] if duration else []))
    assert_no_traceback(result)
    event(f"exit {result.exit_code}")
    if result.exit_code:
        assert dump(db_path) == before, "a refused log writes nothing"
        return
    assert result.stdout.startswith("Logged "), result.stdout  # (warnings may follow it)
    days = all_days(db_path)
    for day in days:
        day.validate(TODAY)
    added = all_runs(db_path)
    for run in runs_before:
        added.remove(run)
    assert added == [(parse_distance(distance), note or "")], "exactly the run typed was added"


@settings(max_examples=examples(0.1), suppress_health_check=FIXTURES)
@given(
    # Mostly short journals: the options are under test here, not the generator (test_demo.py).
    years=mostly(st.integers(1, 3).map(str), st.one_of(st.integers().map(str), argv_text)),
    seed=mostly(st.integers().map(str), argv_text),
    force=st.booleans(),
)
@example(years="30", seed="7", force=True)
@example(years="31", seed="7", force=True)
@example(years="1", seed=str(2**200), force=True)
def test_demo_with_any_options_writes_a_valid_journal_or_refuses(db_path, years, seed, force):
    """demo with generated --years, --seed and --force: a valid journal, or a refusal."""
    before = dump(db_path)
    result = invoke("demo", f"--years={years}", f"--seed={seed}", *(["--force"] if force else []))
    assert_no_traceback(result)
    event(f"exit {result.exit_code}")
    if result.exit_code:
        assert dump(db_path) == before
        return
    with Journal.open(db_path) as journal:
        assert journal.count_days() > 300 * int(years)
        for summary in journal.day_summaries(limit=400):
            journal.get_day(summary.date).validate(TODAY)


# Path pieces under the test's own folder: any bytes but NUL and "/", and no "..", so that a
# generated --db never leaves tmp_path (a shell cannot pass NUL in argv anyway).
path_part = (
    st.binary(min_size=1, max_size=12)
    .filter(lambda b: b"\x00" not in b and b"/" not in b and b not in (b".", b".."))
    .map(os.fsdecode)
)


@settings(max_examples=examples(0.5), suppress_health_check=FIXTURES)
@given(
    parts=st.lists(path_part, min_size=1, max_size=3),
    screen=mostly(st.sampled_from(SCREENS), argv_text),
    command=st.sampled_from(["where", "log", "demo"]),
)
@example(parts=["x" * 300], screen="today", command="log")
@example(parts=["\udcff.db"], screen="today", command="where")
def test_db_and_screen_with_any_values(tmp_path, monkeypatch, parts, screen, command):
    """--db and --screen with generated values, before each command: an answer or a refusal."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    db = os.path.join(str(tmp_path), *parts)
    extra = {"log": ["8k"], "demo": ["--force"], "where": []}[command]
    result = invoke(f"--db={db}", f"--screen={screen}", command, *extra)
    assert_no_traceback(result)
    event(f"exit {result.exit_code}")
    if screen not in SCREENS:
        assert result.exit_code == 2
    elif result.exit_code == 0 and command == "where":
        assert result.stdout_bytes == os.fsencode(db) + b"\n", "the exact path, as bytes"
    elif result.exit_code == 0:
        assert Journal.open(db).count_days() >= 1


# --- a few real processes: what a shell really passes ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [b"log", b"8k", b"--note", b"caf\xe9 (latin-1)"],
        [b"log", b"8\xff"],
        [b"log", b"8k", b"--date", b"\xff\xfe"],
        [b"--db", b"\xff\xfe.db", b"where"],
        [b"--db", b"\xff\xfe.db", b"log", b"8k"],
        [b"shoes", b"add", b"Peg\xe9sus"],
        [b"shoes", b"retire", b"Peg\xe9sus"],
        [b"backup", b"\xff-backups"],
        [b"export", b"json", b"--out", b"\xff.json"],
    ],
    ids=["note", "distance", "date", "where", "db", "shoe", "retire", "backup", "export"],
)
@pytest.mark.parametrize("stdout", ["utf-8:strict", "utf-8:surrogateescape"])
def test_invalid_bytes_in_argv_in_a_real_process(tmp_path, args, stdout):
    """Bytes that are not UTF-8 in argv: a clean answer or one-line refusal, no traceback, with
    a strict UTF-8 output (as under en_US.UTF-8) or a lenient one (as under C.UTF-8)."""
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"backjournal", *args],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": stdout},
        timeout=60,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    if proc.returncode:
        assert len(proc.stderr.splitlines()) == 1


def test_a_day_over_300_km_is_refused_whatever_was_stored_before(journal):
    """Runs already stored count towards the day's 300 km: save_day refuses the run that
    would pass it, and stores nothing of that save."""
    journal.save_day(DayEntry("2026-11-20", runs=[Run(200_000)]), TODAY)
    before = stored_state(journal)
    with pytest.raises(ValidationError, match="300 km"):
        journal.save_day(DayEntry("2026-11-20", back_wake=2, runs=[Run(200_000)]), TODAY)
    assert stored_state(journal) == before


# --- the validators of the body map, the Oswestry check-in and shoes ------------------------------


@settings(max_examples=examples(), suppress_health_check=FIXTURES)
@given(
    date=dates,
    marks=st.lists(
        st.builds(
            Mark,
            region=mostly(st.sampled_from(REGION_IDS), any_value),
            intensity=mostly(st.integers(0, 10), any_value),
            qualities=mostly(
                st.lists(st.sampled_from(QUALITIES), max_size=3).map(tuple), any_value
            ),
        ),
        max_size=4,
    ),
)
def test_marks_are_stored_valid_or_refused(journal, date, marks):
    """save_marks stores marks that read back the same, or refuses them and stores nothing."""
    before = stored_state(journal)
    try:
        journal.symptoms.save_marks(date, marks, TODAY)
    except ValidationError as exc:
        assert exc.errors
        assert stored_state(journal) == before
        return
    event("stored")
    stored = journal.symptoms.marks(date)
    assert sorted((m.region, m.intensity) for m in stored) == sorted(
        (m.region, m.intensity) for m in marks
    )
    journal.get_day(date).validate(TODAY)


@settings(max_examples=examples())
@given(text=any_text)
def test_where_text_is_read_or_refused(text):
    """parse_where (log --where) answers any text with valid marks or an InvalidValue."""
    try:
        marks = parse_where(text)
    except InvalidValue as exc:
        assert str(exc)
    else:
        assert all(not m.errors() for m in marks)


@settings(max_examples=examples())
@given(answers=st.lists(mostly(st.one_of(st.none(), st.integers(0, 5)), any_value), max_size=12))
def test_oswestry_answers_are_scored_or_refused(answers):
    """Any ten (or other number of) answers: a score of 0-100 in a band, "not scored" (fewer
    than 8 answered), None, or a ValueError."""
    try:
        result = odi_score(answers)
    except ValueError as exc:
        assert str(exc)
    else:
        assert (
            result is None
            or (result.score is None and result.answered < 8)
            or (0 <= result.score <= 100 and result.band)
        )


@settings(max_examples=examples(), suppress_health_check=FIXTURES)
@given(
    name=mostly(st.text(min_size=1, max_size=45), any_value),
    limit=mostly(st.one_of(st.none(), st.floats(1, 5_000_000)), any_value),
)
@example(name="Pegasus \udcff", limit=None)
@example(name="Pegasus\x00", limit=800_000)
def test_shoes_are_stored_valid_or_refused(journal, name, limit):
    """add_shoe stores a shoe that reads back the same, or refuses it and stores nothing."""
    with journal._lock:
        before = journal.conn.execute("SELECT * FROM shoe").fetchall()
    try:
        stored = add_shoe(journal, Shoe(name, limit))
    except ValidationError as exc:
        assert exc.errors
        with journal._lock:
            assert journal.conn.execute("SELECT * FROM shoe").fetchall() == before
        return
    event("stored")
    assert (stored.name, stored.limit_m) == (name, limit)
    assert stored.errors() == {}


# --- every command, every option ------------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><gpx>&lol2;</gpx>'
)
# Files the commands may be pointed at (made in the test's folder before the examples run).
PATHS = ["exp", "exp/day.csv", "exp/run.csv", "all.json", "rnd.bin", "bomb.gpx", "missing", "-"]


def _opt(name: str, values: st.SearchStrategy) -> st.SearchStrategy:
    """Either no option, or ``--name=VALUE``."""
    return st.one_of(st.just([]), values.map(lambda v: [f"{name}={v}"]))


def _flag(name: str) -> st.SearchStrategy:
    return st.sampled_from([[], [name]])


def _line(*parts: st.SearchStrategy) -> st.SearchStrategy:
    """A command line from its parts (each a list of words)."""
    return st.tuples(*parts).map(lambda ps: [word for part in ps for word in part])


def _words(*words: str) -> st.SearchStrategy:
    return st.just(list(words))


_date = mostly(
    st.sampled_from(["2026-01-01", "yesterday", "-30", "today", "2026-11-30"]), argv_text
)
_path = mostly(st.sampled_from(PATHS), argv_text.filter(lambda t: "/" not in t))
_name = mostly(st.sampled_from(["Pegasus", "pegasus", "Old trail"]), argv_text)
_table = mostly(st.sampled_from(["day", "run", "setting", "daily", "shoe", "symptom"]), argv_text)
_where = mostly(st.sampled_from(["buttock-l:4", "thigh-back-l:2:tingling+numbness"]), argv_text)
COMMAND_LINES = st.one_of(
    _line(
        _words("stats"),
        _opt("--from", _date),
        _opt("--to", _date),
        _flag("--weeks"),
        _flag("--json"),
    ),
    _line(_words("shoes"), _flag("--all")),
    _line(
        _words("shoes", "add"),
        _opt("--limit", mostly(st.sampled_from(["800", "500mi"]), argv_text)),
        _words("--"),
        _name.map(lambda n: [n]),
    ),
    _line(
        st.sampled_from([["shoes", "retire"], ["shoes", "unretire"]]),
        _words("--"),
        _name.map(lambda n: [n]),
    ),
    _line(
        _words("log"),
        _opt("--where", _where),
        _opt("--shoe", _name),
        _opt("--date", _date),
        _words("--"),
        mostly(st.sampled_from(["8k", "5mi"]), argv_text).map(lambda d: [d]),
    ),
    _line(
        _words("export", "csv"),
        _opt("--out", _path),
        _opt("--table", _table),
        _opt("--from", _date),
        _opt("--to", _date),
        _flag("--raw"),
    ),
    _line(_words("export", "json"), _opt("--out", _path)),
    _line(
        _words("import", "csv"),
        _opt("--table", _table),
        _flag("--skip-bad"),
        _flag("--raw"),
        _words("--"),
        _path.map(lambda p: [p]),
    ),
    _line(
        st.sampled_from([["import", k] for k in ("gpx", "tcx", "fit", "strava")]),
        _words("--"),
        _path.map(lambda p: [p]),
    ),
    _line(_words("restore", "--"), _path.map(lambda p: [p])),
    _line(_words("backup"), st.one_of(st.just([]), _path.map(lambda p: ["--", p]))),
)


def test_every_command_with_any_values(tmp_path, monkeypatch, db_path):
    """Each command with generated values for its arguments and options: an answer or a
    refusal (exit 0, 1 or 2), never a traceback; the journal stays healthy and valid."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    for setup in (
        ["demo"],
        ["shoes", "add", "Pegasus", "--limit", "800"],
        ["export", "csv", "--out", "exp"],
        ["export", "json", "--out", "all.json"],
    ):
        assert invoke(*setup).exit_code == 0
    (tmp_path / "rnd.bin").write_bytes(os.urandom(2048))
    (tmp_path / "bomb.gpx").write_bytes(BILLION_LAUGHS)
    seen: set[str] = set()
    exits: list[int] = []

    @settings(max_examples=examples(0.5), suppress_health_check=FIXTURES, deadline=None)
    @given(args=COMMAND_LINES)
    @example(args=["shoes", "retire", "--", "\udc80"])  # found by the long profile
    @example(args=["log", "--shoe=\udc80", "--", "8k"])
    @example(args=["restore", "--", "~0"])  # found by the long profile: ~user of no user
    def run(args):
        result = invoke(*args)
        assert_no_traceback(result)
        seen.add(" ".join(args[:2]))
        exits.append(result.exit_code)

    run()
    print(f"{len(exits)} command lines: {[exits.count(c) for c in (0, 1, 2)]} exit 0/1/2")
    assert len(seen) >= 10, f"every command must have been tried: {sorted(seen)}"
    assert exits.count(0) > len(exits) // 5, "many command lines must have been valid"
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    for day in all_days(db_path):
        day.validate(TODAY)


# --- activity files: entity bombs ----------------------------------------------------------------


def _laughs(levels: int) -> bytes:
    """A billion-laughs document: each entity ten of the one before (10**levels "lol"s)."""
    entities = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, levels + 1)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE gpx [{"".join(entities)}]>'
        f"<gpx><trk><name>&l{levels};</name></trk></gpx>"
    ).encode()


BOMBS = {
    "billion-laughs.gpx": _laughs(9),
    "external.tcx": b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<TrainingCenterDatabase>&x;</TrainingCenterDatabase>",
    "parameter.gpx": b'<!DOCTYPE gpx [<!ENTITY % p SYSTEM "http://example.com/x.dtd"> %p;]><gpx/>',
    "utf16.gpx": (
        "\ufeff<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE g [<!ENTITY a 'b'>]><gpx/>"
    ).encode("utf-16-le"),
    "spaced.gpx": b"<?xml version='1.0'?>\n<!   DOCTYPE gpx><gpx/>",
    "bomb.gpx.gz": gzip.compress(b"<gpx>" + b" " * 300_000_000 + b"</gpx>", compresslevel=9),
}
# The same bomb with its trailer's size forged to look small: caught while unpacking.
FORGED = BOMBS["bomb.gpx.gz"][:-4] + (1000).to_bytes(4, "little")


@pytest.mark.parametrize("name", BOMBS)
def test_entity_bombs_are_refused_quickly_with_bounded_memory(name):
    """GPX/TCX with entities (expanding, external, parameter, in UTF-16) or a gzip bomb: refused
    before any parser expands anything, within a fraction of a second and a few MB."""
    data = BOMBS[name]
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ActivityError) as info:
            read_activities(data, name)
        took = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    reason = str(info.value)
    # "<!   DOCTYPE" is not XML at all: the parser refuses it before reading any declaration.
    expected = "is not a GPX file" if name == "spaced.gpx" else "DOCTYPE"
    assert expected in reason or "unpacks to more" in reason, reason
    assert took < 0.5, f"{took:.2f} s"
    assert peak < 4 * 2**20, f"{peak / 2**20:.1f} MB"


def test_a_gzip_bomb_with_a_forged_size_is_refused_within_its_limit():
    """A gzip bomb whose trailer lies about its size is refused while unpacking, its memory held
    to about twice the unpacked limit (never the whole 300 MB, let alone more)."""
    tracemalloc.start()
    try:
        with pytest.raises(ActivityError, match="unpacks to more"):
            read_activities(FORGED, "forged.gpx.gz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= 2 * MAX_UNPACKED_BYTES + 2**24, f"{peak / 2**20:.0f} MB"


def test_an_entity_bomb_through_the_command_is_one_refusal(tmp_path, db_path):
    """backjournal import gpx on a billion-laughs file: named with its reason, nothing stored."""
    path = tmp_path / "bomb.gpx"
    path.write_bytes(BOMBS["billion-laughs.gpx"])
    before = dump(db_path)
    result = invoke("import", "gpx", str(path))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "DOCTYPE" in result.stderr and str(path) in result.stderr
    assert dump(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--db", "~nosuchuser-bj/journal.db", "log", "8k"],
        ["restore", "~nosuchuser-bj/all.json"],
        ["backup", "~nosuchuser-bj"],
        ["export", "json", "--out", "~nosuchuser-bj.json"],
    ],
    ids=lambda a: a[0],
)
def test_a_tilde_naming_no_user_is_taken_literally(tmp_path, monkeypatch, args):
    """``~name`` where no user is called name is a plain file name, as in the shell, not a
    RuntimeError ("Could not determine home directory") escaping as a traceback."""
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert_no_traceback(result)
    if args[0] == "--db":
        assert result.exit_code == 0
        assert (tmp_path / "~nosuchuser-bj" / "journal.db").is_file()
