"""A hostile corpus, made by code: text that tries to drive the terminal, journals that hold code
or lie about their types, files that cost too much to read.

Each maker writes a small file into a folder it is given and returns its path, so a test can
assert "one clean line, nothing written outside, the journal unchanged". Nothing here is stored
in the repository as data: the cases read as what they attack.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from uikit import TODAY, demo_journal

from backjournal.domain.models import DayEntry, Run, Shoe
from backjournal.store import Journal
from backjournal.store.shoes import add_shoe

# What an attacker writes into a text field: each one reaches a terminal as a control sequence
# if it is written raw. The Rich markup at the end would run an action if parsed as markup.
ESCAPES = {
    "osc-title": "\x1b]0;pwned\x1b\\",  # sets the window title
    "osc-52": "\x1b]52;c;cHduZWQ=\x07",  # writes the clipboard
    "csi-7bit": "\x1b[2J",  # clears the screen
    "csi-8bit": "\x9b2J",  # the same as one C1 byte (U+009B)
    "rlo": "\u202e",  # right-to-left override: text reads backwards
}
MARKUP = "[b]x[/b][/][@click=app.quit]q[/]"
PAYLOAD = "".join(ESCAPES.values()) + MARKUP


# The same for a file name, which cannot hold "/".
FILE_PAYLOAD = "".join(ESCAPES.values()) + "[b]x"


def hostile(text: str) -> str:
    """``text`` followed by every escape and the markup."""
    return f"{text}{PAYLOAD}"


def hostile_file(name: str) -> str:
    """A file name: ``name``'s stem, every escape, then its suffix."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}{FILE_PAYLOAD}{dot}{suffix}"


def leaks(output: str) -> list[str]:
    """The unsafe characters in ``output``: ESC, any other C0 control but tab and new line, C1
    controls and bidi overrides (what :func:`backjournal.domain.safe_text.shown` removes)."""
    return sorted(
        {
            f"U+{ord(ch):04X}"
            for ch in output
            if (ord(ch) < 0x20 and ch not in "\n")
            or 0x7F <= ord(ch) <= 0x9F
            or 0x202A <= ord(ch) <= 0x202E
            or 0x2066 <= ord(ch) <= 0x2069
        }
    )


# The free-text columns of the journal: what a shared journal's author controls. Seeded by SQL
# (a shared file is not written through our validation).
TEXT_COLUMNS = {
    "day": ("note",),
    "run": ("notes", "source", "source_id", "type"),
    "shoe": ("name",),
    "exercise": ("name", "targets", "steps", "stop_when"),
    "exercise_done": ("note",),
    "phase_change": ("why",),
    "red_flag": ("code", "reason"),
    "symptom": ("region", "qualities"),
}


def escape_journal(path: Path) -> Path:
    """The demo journal (one year) with :data:`PAYLOAD` appended to every free-text value, as a
    shared journal could hold it; a few rows gain such values where the demo has none."""
    demo_journal(path)
    with Journal.open(path) as journal:
        shoe = add_shoe(journal, Shoe("Trail shoe"))
        journal.save_day(
            DayEntry(
                TODAY.isoformat(),
                back_wake=3,
                note="Today's note",
                runs=[Run(5000, notes="Today's run", shoe_id=shoe.id)],
            ),
            TODAY,
        )
    conn = sqlite3.connect(path)
    try:
        for table, columns in TEXT_COLUMNS.items():
            for column in columns:
                try:
                    with conn:
                        conn.execute(
                            f"UPDATE {table} SET {column} = coalesce({column}, '') || ?",
                            (PAYLOAD,),
                        )
                except sqlite3.IntegrityError:
                    pass  # a CHECK of ours refuses it (run.type): the journal cannot hold it
    finally:
        conn.close()
    return path


# --- journals that hold code ---------------------------------------------------------------------

HOSTILE_SCHEMA = {
    "trigger-deletes-days": "CREATE TRIGGER evil AFTER INSERT ON run BEGIN DELETE FROM day; END",
    "trigger-on-migrations": (
        "CREATE TRIGGER on_upgrade AFTER INSERT ON _sqlite_migrations BEGIN DELETE FROM day; END"
    ),
    "recursive-trigger": (
        "CREATE TRIGGER again AFTER UPDATE ON setting BEGIN "
        "UPDATE setting SET value = value || 'x'; END"
    ),
    "view": "CREATE VIEW peek AS SELECT * FROM day",
    "cascade-link": (
        "CREATE TABLE spy (d TEXT REFERENCES day(date) ON DELETE CASCADE ON UPDATE CASCADE)"
    ),
}


def journal_with(path: Path, sql: str, *, older: bool = False) -> Path:
    """A journal with one day and one run, then ``sql`` run on it behind backjournal's back.
    ``older``: the journal also lacks its last migration (opening it would upgrade it)."""
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20", note="kept", runs=[Run(8000)]), TODAY)
    conn = sqlite3.connect(path)
    try:
        with conn:
            if older:
                last = conn.execute(
                    "SELECT name FROM _sqlite_migrations ORDER BY id DESC LIMIT 1"
                ).fetchone()[0]
                for table in (
                    "exercise",
                    "exercise_hidden",
                    "programme_item",
                    "exercise_done",
                    "phase_change",
                    "suggestion_dismissal",
                ):
                    conn.execute(f"DROP TABLE {table}")
                conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (last,))
            conn.execute(sql)
    finally:
        conn.close()
    return path


def journal_with_table_named(path: Path, name: str) -> Path:
    """A journal holding a table named ``name`` (``./../../X``) with one row."""
    return journal_with(path, f"CREATE TABLE \"{name}\" AS SELECT 'owned' AS what")


def journal_with_bad_values(path: Path, *, bad_date: bool = True) -> Path:
    """A journal whose rows pass ``integrity_check`` (our CHECKs included) but not our types: a
    note stored as a BLOB, a date of 2026-13-45 (unless not ``bad_date``: a journal holding one
    is refused on open, but by the exports), an infinite duration, and a formula in a number
    column."""
    with Journal.open(path) as journal:
        journal.save_day(DayEntry("2026-11-20", note="fine", runs=[Run(5000)]), TODAY)
        journal.save_day(DayEntry("2026-11-21", note="fine too", runs=[Run(6000)]), TODAY)
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("UPDATE day SET note = ? WHERE date = '2026-11-20'", (b"\xff\x00\x1b",))
            if bad_date:
                conn.execute(
                    "INSERT INTO day (date, note, updated_at) VALUES ('2026-13-45', 'odd', 'x')"
                )
            conn.execute("UPDATE run SET duration_s = 9e999 WHERE date = '2026-11-20'")
            conn.execute(
                "UPDATE run SET duration_s = '=HYPERLINK(\"http://x\")' WHERE date = '2026-11-21'"
            )
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    return path


# --- files that cost too much --------------------------------------------------------------------


def wide_csv(path: Path, columns: int = 40_000) -> Path:
    """A day.csv whose header has ``columns`` columns."""
    path.write_text(",".join(f"c{i}" for i in range(columns)) + "\r\n", encoding="utf-8")
    return path


def long_header_csv(path: Path, size: int = 10 * 2**20) -> Path:
    """A day.csv whose first line is ``size`` bytes of short column names."""
    path.write_bytes((b"ab," * (size // 3)) + b"\r\n")
    return path


def deep_json(path: Path, depth: int = 100_000) -> Path:
    """A JSON export whose first table's first record nests ``depth`` lists deep."""
    path.write_text(
        '{"format": "backjournal", "format_version": 1, "tables": {"day": ['
        + "[" * depth
        + "]" * depth
        + "]}}",
        encoding="utf-8",
    )
    return path


def json_with_number(path: Path, number: str) -> Path:
    """A JSON export with one day whose pain score is the JSON number ``number``."""
    doc = {
        "format": "backjournal",
        "format_version": 1,
        "tables": {"day": [{"date": "2026-11-20", "back_wake": 0, "updated_at": "x"}]},
    }
    path.write_text(json.dumps(doc).replace('"back_wake": 0', f'"back_wake": {number}'))
    return path
