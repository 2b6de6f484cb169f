"""Activity files of our own making for the tests: GPX, TCX, FIT (a tiny FIT writer: a file_id
and a session message, with the protocol's CRCs) and a Strava export folder."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import struct
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from backjournal.cli import cli

UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch):
    """Local time is UTC for the tests of a module that imports this fixture (imported, it is
    theirs: ``from activitykit import utc_clock  # noqa: F401``)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def invoke(*args: str):
    """The command line, in-process."""
    return CliRunner().invoke(cli, list(args), prog_name="backjournal")


METRES_PER_DEGREE_LAT = 111_319.49  # on gpxpy's sphere (radius 6,378,137 m)


def gpx(start: dt.datetime, metres: float, seconds: int, sport: str | None = "running") -> bytes:
    """A GPX track due north from (45, 7): ``metres`` long over ``seconds``, a point a minute."""
    steps = max(2, seconds // 60)
    points = []
    for i in range(steps + 1):
        lat = 45 + metres / METRES_PER_DEGREE_LAT * i / steps
        when = (start + dt.timedelta(seconds=seconds * i / steps)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(f'<trkpt lat="{lat:.7f}" lon="7.0"><time>{when}</time></trkpt>')
    kind = f"<type>{sport}</type>" if sport else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Morning Run</name>{kind}<trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def gpx_tracks(
    tracks: list[list[list[tuple[float, dt.datetime | None]]]], sport="running"
) -> bytes:
    """A GPX file of several tracks, each a list of segments of (metres north of (45, 7),
    time or None) points."""
    body = ""
    for segments in tracks:
        body += f"<trk><type>{sport}</type>"
        for points in segments:
            body += "<trkseg>"
            for metres, when in points:
                lat = 45 + metres / METRES_PER_DEGREE_LAT
                stamp = f"<time>{when.strftime('%Y-%m-%dT%H:%M:%SZ')}</time>" if when else ""
                body += f'<trkpt lat="{lat:.9f}" lon="7.0">{stamp}</trkpt>'
            body += "</trkseg>"
        body += "</trk>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">{body}</gpx>'
    ).encode()


def tcx(
    start: dt.datetime,
    laps: list[tuple[float, float]],
    sport: str = "Running",
    *,
    positions: bool | None = None,
) -> bytes:
    """A TCX activity with ``laps`` of (metres, seconds); with ``positions`` set, each lap has
    a track of two points, with or without a position."""
    stamp = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    where = "<Position><LatitudeDegrees>45</LatitudeDegrees></Position>" if positions else ""
    track = (
        f"<Track><Trackpoint><Time>{stamp}</Time>{where}</Trackpoint>"
        f"<Trackpoint><Time>{stamp}</Time>{where}</Trackpoint></Track>"
        if positions is not None
        else ""
    )
    body = "".join(
        f'<Lap StartTime="{stamp}"><TotalTimeSeconds>{s}</TotalTimeSeconds>'
        f"<DistanceMeters>{m}</DistanceMeters>{track}</Lap>"
        for m, s in laps
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{stamp}</Id>{body}'
        "<Notes>Track session</Notes></Activity></Activities></TrainingCenterDatabase>"
    ).encode()


# --- FIT ---------------------------------------------------------------------------------------

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=UTC)
FIT_SPORTS = {"generic": 0, "running": 1, "cycling": 2}
_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def fit_crc(data: bytes, value: int = 0) -> int:
    """The FIT protocol's CRC-16."""
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC_TABLE[value & 0xF]
            value = ((value >> 4) & 0x0FFF) ^ tmp ^ _CRC_TABLE[nibble]
    return value


def _message(local: int, global_num: int, fields: list[tuple[int, int, str, int]]) -> bytes:
    """A definition message and its data message; fields are (number, base type, format, value)."""
    out = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
    for number, base, fmt, _ in fields:
        out += struct.pack("<BBB", number, struct.calcsize("<" + fmt), base)
    out += struct.pack("<B", local)
    for _, _, fmt, value in fields:
        out += struct.pack("<" + fmt, *(value if isinstance(value, tuple) else (value,)))
    return out


FIT_SUB_SPORTS = {"generic": 0, "treadmill": 1, "street": 2, "trail": 3, "track": 4}


def fit(
    start: dt.datetime,
    metres: float,
    seconds: float,
    sport: str = "running",
    *,
    sub_sport: str | None = None,
    local_offset_s: int | None = None,
    relative: bool = False,
    array_distance: bool = False,
    more: list[tuple[dt.datetime, float, float, str]] = (),
) -> bytes:
    """A FIT activity file: file_id, one session (and one per ``more`` item: a multisport
    file), then an activity message with the local time when ``local_offset_s`` is given.
    ``relative`` writes device-relative times (a watch whose clock was never set);
    ``array_distance`` writes the session's distance as an array of two values."""

    def stamp(moment: dt.datetime) -> int:
        if relative:
            return 1000 + int((moment - start).total_seconds())
        return int((moment - FIT_EPOCH).total_seconds())

    records = _message(
        0, 0, [(0, 0x00, "B", 4), (3, 0x8C, "I", 4242), (4, 0x86, "I", stamp(start))]
    )
    for n, (when, m, s, kind) in enumerate([(start, metres, seconds, sport), *more]):
        fields = [
            (2, 0x86, "I", stamp(when)),  # start_time
            (253, 0x86, "I", stamp(when) + int(s)),  # timestamp
            (7, 0x86, "I", int(s * 1000)),  # total_elapsed_time (ms)
            (8, 0x86, "I", int(s * 1000)),  # total_timer_time (ms)
            (5, 0x00, "B", FIT_SPORTS[kind]),  # sport
        ]
        if array_distance and n == 0:
            fields.append((9, 0x86, "II", (int(m * 100), int(m * 100))))
        else:
            fields.append((9, 0x86, "I", int(m * 100)))  # total_distance (cm)
        if sub_sport and n == 0:
            fields.append((6, 0x00, "B", FIT_SUB_SPORTS[sub_sport]))
        records += _message(1, 18, fields)
    if local_offset_s is not None:
        end = stamp(start) + int(seconds)
        records += _message(2, 34, [(253, 0x86, "I", end), (5, 0x86, "I", end + local_offset_s)])
    return fit_bytes(records)


def fit_bytes(records: bytes) -> bytes:
    """A FIT file around ``records``: the 14-byte header and both CRCs."""
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    body = header + records
    return body + struct.pack("<H", fit_crc(body))


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


# --- Strava ------------------------------------------------------------------------------------

STRAVA_HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Filename",
    "Moving Time",
    "Distance",
    "Workout Type",
]


def strava_export(folder: Path, activities: list[dict]) -> Path:
    """A Strava bulk export folder: activities.csv (Strava's repeated column names included)
    and the files its rows name. Each dict: id, start, name, type, seconds, metres, and an
    optional file (name, bytes) and workout type."""
    (folder / "activities").mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(STRAVA_HEADER)
    for a in activities:
        filename = ""
        if a.get("file"):
            name, data = a["file"]
            filename = f"activities/{name}"
            (folder / filename).write_bytes(data)
        writer.writerow(
            [
                a["id"],
                a["start"].strftime("%b %d, %Y, %I:%M:%S %p").replace(" 0", " "),
                a.get("name", "Run"),
                a.get("type", "Run"),
                "",
                a["seconds"] + 60,
                f"{a['metres'] / 1000:.2f}",
                filename,
                a["seconds"],
                f"{a['metres']:.1f}",
                a.get("workout", ""),
            ]
        )
    (folder / "activities.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return folder
