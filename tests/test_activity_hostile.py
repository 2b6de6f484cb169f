"""Hostile activity files (issue #12): a corpus made here by code, each case one clean line for
its file (or a clean import), the other files imported, nothing read outside a Strava export,
and a seeded mutation fuzzer over FIT, GPX and TCX that finds no traceback.

``ACTIVITY_FUZZ_SECONDS=300`` runs the fuzzer for longer (the suite gives it about two seconds).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import re
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from activitykit import UTC, fit, fit_bytes, fit_crc, gpx, gz, invoke, strava_export, tcx, utc_clock  # noqa: F401

from backjournal.io import activities
from backjournal.io.activities import ActivityError, Parsed, read_activities
from backjournal.store import Journal

START = dt.datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
GOOD = START - dt.timedelta(days=5)
ESC = "\x1b"


def stored_runs(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    with Journal.open(db) as journal:
        return journal.conn.execute(
            "SELECT date, distance_m, source FROM run ORDER BY id"
        ).fetchall()


def _gpx_points(points: list[tuple[str, str, str | None]]) -> bytes:
    body = "".join(
        f'<trkpt lat="{lat}" lon="{lon}">' + (f"<time>{t}</time>" if t else "") + "</trkpt>"
        for lat, lon, t in points
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


def _tcx_lap(seconds: str, metres: str) -> bytes:
    return (
        tcx(START, [(0, 0)])
        .replace(
            b"<TotalTimeSeconds>0</TotalTimeSeconds>",
            f"<TotalTimeSeconds>{seconds}</TotalTimeSeconds>".encode(),
        )
        .replace(
            b"<DistanceMeters>0</DistanceMeters>",
            f"<DistanceMeters>{metres}</DistanceMeters>".encode(),
        )
    )


DOCTYPE_UTF16 = (
    "<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE g [<!ENTITY a 'b'>]><gpx>&a;</gpx>"
)

# (file name, bytes, what its one line says)
CORPUS = [
    ("inf.tcx", _tcx_lap("inf", "5000"), "lap time (activity 1) of inf, out of range"),
    ("nan.tcx", _tcx_lap("1800", "nan"), "lap distance (activity 1) of nan, out of range"),
    ("abc.tcx", _tcx_lap("abc", "5000"), "lap time (activity 1) that is not a number (abc)"),
    ("huge.tcx", _tcx_lap("1e400", "5000"), "lap time (activity 1) of 1e400, out of range"),
    (
        "lat-inf.gpx",
        _gpx_points([("inf", "7", "2026-11-20T07:00:00Z"), ("45", "7", "2026-11-20T07:30:00Z")]),
        "has a latitude (point 1 of track 1) of inf, out of range",
    ),
    (
        "lat-91.gpx",
        _gpx_points([("91", "7", "2026-11-20T07:00:00Z"), ("45", "7", "2026-11-20T07:30:00Z")]),
        "latitude (point 1 of track 1) of 91, out of range",
    ),
    (
        "year1.gpx",
        _gpx_points(
            [("45", "7", "0001-01-01T00:00:00+05:00"), ("45.1", "7", "0001-01-01T01:00:00+05:00")]
        ),
        "has a time (point 1 of track 1) out of range (0001-01-01T00:00:00+05:00)",
    ),
    (
        "year9999.gpx",
        _gpx_points(
            [("45", "7", "9999-12-31T23:00:00-05:00"), ("45.1", "7", "9999-12-31T23:30:00-05:00")]
        ),
        "has a time (point 1 of track 1) out of range (9999-12-31T23:00:00-05:00)",
    ),
    (
        "badtime.gpx",
        _gpx_points([("45", "7", "yesterday"), ("45.1", "7", "2026-11-20T07:30:00Z")]),
        "has a time (point 1 of track 1) that is not a date and time (yesterday)",
    ),
    (
        "array.fit",
        fit(START, 5000, 1500, array_distance=True),
        "distance (session 1) that is not one number",
    ),
    ("doctype-utf16.gpx", DOCTYPE_UTF16.encode("utf-16-le"), "declares a DOCTYPE or an ENTITY"),
    ("doctype-utf16be.tcx", DOCTYPE_UTF16.encode("utf-16-be"), "declares a DOCTYPE or an ENTITY"),
    ("truncated.gpx.gz", gz(gpx(START, 5000, 1800))[:-30], "is not a whole gzip file"),
    ("text.fit", b"hello, this is not a FIT file at all", "is not a FIT file, or a damaged one"),
    ("zero.tcx", b"\x00" * 100, "is not a TCX file"),
]


@pytest.mark.parametrize(("name", "data", "reason"), CORPUS, ids=[c[0] for c in CORPUS])
def test_hostile_file_is_one_line_and_the_good_one_is_imported(
    db_path, tmp_path, name, data, reason
):
    """Each hostile file is one line on stderr naming it and its reason; the good file beside
    it is imported; no traceback."""
    kind = activities.kind_of(name)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    maker = {"gpx": lambda: gpx(GOOD, 6000, 1800), "fit": lambda: fit(GOOD, 6000, 1800)}
    (folder / f"good.{kind}").write_bytes(maker.get(kind, lambda: tcx(GOOD, [(6000, 1800)]))())
    result = invoke("import", kind, str(folder))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 1 run (6 km) from 2 files")
    bad_lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(bad_lines) == 1, result.stderr
    assert bad_lines[0].startswith(f"  {folder / name}: ") and reason in bad_lines[0], bad_lines
    assert [r[1] for r in stored_runs(db_path)] == [6000.0] or [
        round(r[1], -2) for r in stored_runs(db_path)
    ] == [6000.0]


def test_naive_and_zoned_times_mixed_are_read_as_one_track(tmp_path):
    """A track whose times mix no zone (UTC, as GPX means it), Z and an offset is one outing of
    30 minutes, not a comparison error."""
    data = _gpx_points(
        [
            ("45.0", "7", "2026-11-20T07:00:00"),
            ("45.01", "7", "2026-11-20T07:10:00Z"),
            ("45.02", "7", "2026-11-20T08:20:00+01:00"),
            ("45.03", "7", "2026-11-20T07:30:00.5+00:00"),
        ]
    )
    (run,) = read_activities(data, "mixed.gpx").activities
    assert (run.started_utc, run.duration_s) == ("2026-11-20T07:00:00+00:00", 1800)
    assert run.distance_m == pytest.approx(3339.6, abs=0.1)  # 0.03 degree of latitude


def test_strava_moving_time_1e400_is_that_line_only(db_path, tmp_path):
    """A Strava row with a moving time of 1e400 is named by its line; the other rows import."""
    export = strava_export(
        tmp_path / "s",
        [
            {"id": "1", "start": START, "seconds": 1800, "metres": 5000},
            {"id": "2", "start": START - dt.timedelta(days=1), "seconds": 1500, "metres": 4000},
        ],
    )
    table = export / "activities.csv"
    lines = table.read_text().splitlines()
    lines[2] = lines[2].replace(",1500,", ",1e400,")
    table.write_text("\n".join(lines) + "\n")
    result = invoke("import", "strava", str(export))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 1 run (5 km) from 1 Strava activities")
    assert f"  {table} line 3: time '1e400' is out of range" in result.stderr.splitlines()


def test_a_parser_failure_of_any_kind_is_that_files_reason(db_path, tmp_path, monkeypatch):
    """A reader raising an AssertionError or an OverflowError on one file (as fitdecode and
    gpxpy did on mutated files) is that file's one line; the other file is imported."""
    from backjournal.io import activity_fit

    real = activity_fit.read_messages
    errors = iter([AssertionError("bad header"), OverflowError("date value out of range")])

    def reader(data, wanted):
        messages = real(data, wanted)
        if any(m.get(9) == 900_000 for _, m in messages):  # the 9 km sessions of b and c
            raise next(errors)
        return messages

    monkeypatch.setattr(activity_fit, "read_messages", reader)
    (tmp_path / "a.fit").write_bytes(fit(GOOD, 6000, 1800))
    (tmp_path / "b.fit").write_bytes(fit(START, 9000, 3000))
    (tmp_path / "c.fit").write_bytes(fit(START, 9000, 3000))
    result = invoke("import", "fit", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported 1 run (6 km) from 3 files · 2 not imported")
    failed = "cannot be read: the FIT reader failed (AssertionError: bad header)"
    assert f"  {tmp_path / 'b.fit'}: {failed}" in result.stderr.splitlines()
    assert "the FIT reader failed (OverflowError: date value out of range)" in result.stderr


def test_fit_values_are_fitdecodes():
    """Our FIT reader gives what fitdecode gives for every session of the test files
    (multisport, sub-sport, local time, unset clock, a benchmark file with records)."""
    import fitdecode

    from backjournal.io.activity_fit import _SESSION_FIELDS, SESSION, _session, read_messages
    from benchmarks.activity_files import fit_file, track

    files = [
        fit(START, 10012.5, 3000.4, sub_sport="trail", local_offset_s=3600),
        fit(START, 5000, 1500, relative=True, more=[(START, 20000, 3600, "cycling")]),
        fit_file(START, track(random.Random(3), START, False), False),
    ]
    names = ("start_time", "total_timer_time", "total_distance", "sport", "sub_sport")
    for data in files:
        theirs = []
        with fitdecode.FitReader(data) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "session":
                    theirs.append(
                        {n: frame.get_value(n) if frame.has_field(n) else None for n in names}
                    )
        wanted = {SESSION: _SESSION_FIELDS}
        ours = [_session(m) for _, m in read_messages(data, wanted)]
        assert [{n: s[n] for n in names} for s in ours] == theirs


def test_strava_filenames_are_read_only_inside_the_export(db_path, tmp_path):
    """Filename cells naming /dev/zero, an absolute path, ../, a link leading out, a FIFO and a
    folder are each one note; their runs come from activities.csv; nothing hangs."""
    outside = tmp_path / "outside.gpx"
    outside.write_bytes(gpx(START, 9999, 3000))
    export = tmp_path / "export"
    rows = [
        {"id": str(i), "start": START - dt.timedelta(days=i), "seconds": 1800, "metres": 5000}
        for i in range(1, 8)
    ]
    strava_export(export, rows)
    (export / "activities" / "link.gpx").symlink_to(outside)
    os.mkfifo(export / "activities" / "fifo.gpx")
    (export / "activities" / "folder.gpx").mkdir()
    (export / "activities" / "zero.gpx").symlink_to("/dev/zero")
    names = [
        "/dev/zero",
        str(outside),
        "../outside.gpx",
        "activities/link.gpx",
        "activities/fifo.gpx",
        "activities/folder.gpx",
        "activities/zero.gpx",
    ]
    table = export / "activities.csv"
    lines = table.read_text().splitlines()
    for i, name in enumerate(names, 1):
        cells = lines[i].split(",")
        cells[-4] = name  # the Filename column
        lines[i] = ",".join(cells)
    table.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = invoke("import", "strava", str(export))
    assert time.perf_counter() - started < 5
    assert result.exit_code == 0, result.output
    assert result.stdout == "Imported 7 runs (35 km) from 7 Strava activities\n"
    notes = result.stderr.splitlines()
    expected = [
        "is an absolute path: only files inside the export are read",
        "is an absolute path: only files inside the export are read",
        "leads out of the export folder (..): only files inside it are read",
        "is a link leading out of the export folder: not read",
        "is not a regular file (a device, a FIFO or a folder)",
        "is not a regular file (a device, a FIFO or a folder)",
        "is a link leading out of the export folder: not read",
    ]
    assert len(notes) == 7, notes
    for note, name, reason in zip(notes, names, expected, strict=True):
        assert note == f"backjournal: {export / name}: {reason} (activities.csv used)"
    assert all(r[1] == 5000.0 for r in stored_runs(db_path))


def test_a_device_named_on_the_command_line_is_refused(db_path):
    """backjournal import gpx /dev/zero: one line, status 1, nothing read."""
    result = invoke("import", "gpx", "/dev/zero")
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[1]
        == "  /dev/zero: is not a regular file (a device, a FIFO or a folder)"
    )


def test_names_with_escapes_are_shown_safely(db_path, tmp_path):
    """A file name and a Strava sport holding ESC, OSC 52 and BEL reach the terminal as visible
    pictures, never as escape sequences."""
    folder = tmp_path / f"in{ESC}]0;title{ESC}\\"
    folder.mkdir()
    (folder / f"x{ESC}[2J.gpx").write_bytes(b"<gpx><trk>")
    (folder / "run.gpx").write_bytes(gpx(GOOD, 5000, 1800))
    result = invoke("import", "gpx", str(folder))
    assert result.exit_code == 0, result.output
    assert ESC not in result.output
    assert "in␛]0;title␛\\/x␛[2J.gpx: is not a GPX file" in result.stderr
    export = strava_export(
        tmp_path / "s",
        [{"id": "1", "start": START, "seconds": 1800, "metres": 20000,
          "type": f"Ride{ESC}]52;c;AAAA\a", "name": f"{ESC}[31m"}],
    )  # fmt: skip
    result = invoke("import", "strava", "--runs-only", str(export))
    assert result.exit_code == 0, result.output
    assert ESC not in result.output and "\a" not in result.output
    assert "1 not a run (Ride␛]52;c;AAAA␇ 1)" in result.stdout


# --- memory and time on the largest files --------------------------------------------------------


def _big_gpx(points: int) -> bytes:
    """A long, valid GPX track: ``points`` points a second apart, heading north."""
    head = (
        b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        b"<trk><type>running</type><trkseg>"
    )
    body = b"".join(
        b'<trkpt lat="%.6f" lon="7.000000"><ele>400.0</ele>'
        b"<time>2026-11-%02dT%02d:%02d:%02dZ</time></trkpt>"
        % (45 + i * 2.5e-5, 1 + i // 86400, i // 3600 % 24, i // 60 % 60, i % 60)
        for i in range(points)
    )
    return head + body + b"</trkseg></trk></gpx>"


def test_a_large_gzipped_gpx_is_read_in_bounded_memory(monkeypatch):
    """A gzipped GPX of 10,000 points (0.95 MB unpacked), unpacked 32 KB at a time, is read
    with a peak under 0.4 MB: the stream is measured as it goes, never held whole (an 8.7 MB
    .gpx.gz took 2.3 GB before)."""
    monkeypatch.setattr(activities, "CHUNK", 32 * 1024)
    data = gz(_big_gpx(10_000))
    tracemalloc.start()
    try:
        (run,) = read_activities(data, "long.gpx.gz").activities
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert run.duration_s == 9_999
    assert run.distance_m == pytest.approx(9_999 * 2.5e-5 * 111_319.49, rel=1e-6)
    assert peak < 0.4 * 2**20, f"{peak / 2**20:.2f} MB"


def test_the_unpacked_cap_is_counted_while_streaming(monkeypatch):
    """A .gpx.gz whose trailer lies about its size is stopped once it unpacks past the cap."""
    monkeypatch.setattr(activities, "MAX_UNPACKED_BYTES", 200_000)
    data = gz(_big_gpx(20_000))
    forged = data[:-4] + (1000).to_bytes(4, "little")
    with pytest.raises(ActivityError, match="unpacks to more than an activity file can be"):
        read_activities(forged, "forged.gpx.gz")


# --- the fuzzer ----------------------------------------------------------------------------------

_XML_NUMBER = re.compile(rb"-?\d+(\.\d+)?")
_NASTY = [
    b"inf", b"-inf", b"nan", b"1e400", b"-1", b"0", b"abc", b"", b"99999999999999999999",
    b"0001-01-01T00:00:00+14:00", b"9999-12-31T23:59:59-14:00", b"2026-02-30T07:00:00Z",
    b"<!DOCTYPE x>", b"&amp;", b"]]>", b"\x00", b"\xff\xfe", "é".encode(), b"<trk>", b"</trkseg>",
]  # fmt: skip


def _seeds() -> list[tuple[str, bytes]]:
    multi = _gpx_points(
        [
            ("45", "7", "2026-11-20T07:00:00Z"),
            ("45.01", "7", None),
            ("45.02", "7", "2026-11-20T07:20:00+01:00"),
        ]
    )
    return [
        ("a.gpx", gpx(START, 5000, 1800)),
        ("b.gpx", multi),
        ("a.tcx", tcx(START, [(4000, 960), (1000.5, 180.4)])),
        ("a.fit", fit(START, 10012.5, 3000.4, sub_sport="trail", local_offset_s=3600)),
        ("b.fit", fit(START, 5000, 1500, relative=True, more=[(START, 20000, 3600, "cycling")])),
    ]


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        i = rng.randrange(len(out) or 1)
        if op == 0 and out:
            out[i] = rng.randrange(256)
        elif op == 1:
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2 and out:
            del out[i : i + rng.randint(1, 16)]
        elif op == 3 and out:
            j = rng.randrange(len(out))
            out[i:i] = out[j : j + rng.randint(1, 64)]
        elif out:
            out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _mutate_xml(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.5:
        matches = list(_XML_NUMBER.finditer(data))
        for _ in range(rng.randint(1, 3)):
            m = rng.choice(matches)
            data = data[: m.start()] + rng.choice(_NASTY) + data[m.end() :]
            matches = list(_XML_NUMBER.finditer(data)) or matches
            if not matches:
                break
        return data
    return _mutate_bytes(rng, data)


def _mutate_fit(rng: random.Random, data: bytes) -> bytes:
    """Mutate a FIT file's records, then write their CRCs again, so that the mutation reaches
    the decoder instead of stopping at the checksum."""
    records = data[14:-2]
    records = _mutate_bytes(rng, records)
    if rng.random() < 0.3:
        return _mutate_bytes(rng, data)  # the header or the CRCs themselves
    if rng.random() < 0.2:
        out = fit_bytes(records)
        size = struct.pack("<I", rng.choice([0, 1, len(records) + 7, 2**32 - 1]))
        head = out[:4] + size + out[8:12]
        head += struct.pack("<H", fit_crc(head))
        return head + out[14:]
    return fit_bytes(records)


def _check(parsed: Parsed) -> None:
    for a in parsed.activities:
        assert math.isfinite(a.distance_m) and 0 <= a.distance_m <= 1e8
        assert a.duration_s is None or 0 < a.duration_s <= 250 * 366 * 86400
        if a.started_at is not None:
            assert a.started_at.tzinfo is not None
            assert a.started_utc
        assert isinstance(a.sport, str) and isinstance(a.name, str)
    for reason in parsed.skipped:
        assert "\n" not in reason


def fuzz(seconds: float, seed: int = 12) -> tuple[int, list[str]]:
    """Mutated seeds for ``seconds``: (files tried, tracebacks found as "name seed: error")."""
    rng = random.Random(seed)
    seeds = _seeds()
    tried, failures = 0, []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        name, data = seeds[tried % len(seeds)]
        case_seed = rng.randrange(2**32)
        case = random.Random(case_seed)
        mutated = _mutate_fit(case, data) if name.endswith(".fit") else _mutate_xml(case, data)
        if case.random() < 0.15:
            name, mutated = (
                name + ".gz",
                (
                    gz(mutated)
                    if case.random() < 0.7
                    else _mutate_bytes(case, zlib.compress(mutated))
                ),
            )
        tried += 1
        try:
            _check(read_activities(mutated, name))
        except ActivityError as exc:
            if "\n" in str(exc):
                failures.append(f"{name} case {case_seed}: a reason on two lines: {exc!r}")
        except Exception as exc:  # what the fuzzer is looking for
            failures.append(f"{name} case {case_seed}: {type(exc).__name__}: {exc}")
    return tried, failures


def test_the_fuzzer_finds_no_traceback():
    """Mutated FIT, GPX and TCX files (seeded; about two seconds, or ACTIVITY_FUZZ_SECONDS) are
    each read or refused in one line: no exception escapes, every value read is sane."""
    seconds = float(os.environ.get("ACTIVITY_FUZZ_SECONDS", "2"))
    tried, failures = fuzz(seconds)
    print(f"fuzzer: {tried} files tried, {len(failures)} tracebacks")
    assert tried > 100
    assert not failures, failures[:5]
