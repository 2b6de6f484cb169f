"""A seeded Strava bulk export of realistic activity files, for ``benchmarks.activity_import``.

Runs of 20 to 90 minutes at 2.6 to 3.6 m/s, heading wandering like a street run, recorded the
way watches do with "smart recording" (a point every 1 to 8 seconds), with elevation and heart
rate: GPX as Strava and Garmin write them (one file in five gzipped), FIT with record, lap,
session and activity messages (written here, CRCs included; some gzipped), and TCX with laps and
track points. One activity in ten is a ride. ``activities.csv`` is today's Strava header.

``python -m benchmarks.activity_files DIR [N]`` writes one.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import math
import random
import struct
import sys
from pathlib import Path

UTC = dt.timezone.utc
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=UTC)
SEMICIRCLES = 2**31 / 180
HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,"
    "Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed"
).split(",")


def track(rng: random.Random, start: dt.datetime, ride: bool):
    """(seconds, lat, lon, metres so far, elevation, heart rate) points of one outing."""
    lat, lon = 45 + rng.random(), 7 + rng.random()
    heading = rng.random() * 2 * math.pi
    speed = rng.uniform(6, 9) if ride else rng.uniform(2.6, 3.6)
    seconds, total = 0, rng.randint(20, 90) * 60
    metres, ele = 0.0, 300 + rng.random() * 500
    points = []
    while seconds <= total:
        points.append((seconds, lat, lon, metres, ele, 120 + rng.randint(0, 50)))
        step = rng.randint(1, 8)
        heading += rng.gauss(0, 0.15)
        d = speed * step * rng.uniform(0.9, 1.1)
        lat += d * math.cos(heading) / 111_319.49
        lon += d * math.sin(heading) / (111_319.49 * math.cos(math.radians(lat)))
        metres += d
        ele += rng.gauss(0, 0.5)
        seconds += step
    return points


def gpx_file(start: dt.datetime, points, ride: bool) -> bytes:
    out = io.StringIO()
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="StravaGPX" version="1.1" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        f"<metadata><time>{start:%Y-%m-%dT%H:%M:%SZ}</time></metadata>\n"
        f"<trk><name>Morning {'Ride' if ride else 'Run'}</name><type>{1 if ride else 9}</type>"
        "<trkseg>\n"
    )
    for s, lat, lon, _, ele, hr in points:
        when = start + dt.timedelta(seconds=s)
        out.write(
            f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele>'
            f"<time>{when:%Y-%m-%dT%H:%M:%SZ}</time><extensions><gpxtpx:TrackPointExtension>"
            f"<gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>\n"
        )
    out.write("</trkseg></trk></gpx>\n")
    return out.getvalue().encode()


def tcx_file(start: dt.datetime, points, ride: bool) -> bytes:
    out = io.StringIO()
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="{"Biking" if ride else "Running"}"><Id>{start:%Y-%m-%dT%H:%M:%SZ}</Id>'
        f'<Lap StartTime="{start:%Y-%m-%dT%H:%M:%SZ}">'
        f"<TotalTimeSeconds>{points[-1][0]}</TotalTimeSeconds>"
        f"<DistanceMeters>{points[-1][3]:.1f}</DistanceMeters><Track>\n"
    )
    for s, lat, lon, metres, ele, hr in points:
        when = start + dt.timedelta(seconds=s)
        out.write(
            f"<Trackpoint><Time>{when:%Y-%m-%dT%H:%M:%SZ}</Time><Position>"
            f"<LatitudeDegrees>{lat:.7f}</LatitudeDegrees><LongitudeDegrees>{lon:.7f}"
            f"</LongitudeDegrees></Position><AltitudeMeters>{ele:.1f}</AltitudeMeters>"
            f"<DistanceMeters>{metres:.1f}</DistanceMeters><HeartRateBpm><Value>{hr}</Value>"
            "</HeartRateBpm></Trackpoint>\n"
        )
    out.write("</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n")
    return out.getvalue().encode()


_CRC = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def _crc(data: bytes, value: int = 0) -> int:
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC[value & 0xF]
            value = ((value >> 4) & 0x0FFF) ^ tmp ^ _CRC[nibble]
    return value


def _definition(local: int, global_num: int, fields: list[tuple[int, str, int]]) -> bytes:
    out = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
    for number, fmt, base in fields:
        out += struct.pack("<BBB", number, struct.calcsize("<" + fmt), base)
    return out


def fit_file(start: dt.datetime, points, ride: bool) -> bytes:
    ts = int((start - FIT_EPOCH).total_seconds())
    end = ts + points[-1][0]
    parts = [
        _definition(0, 0, [(0, "B", 0x00), (1, "H", 0x84), (4, "I", 0x86)]),
        struct.pack("<BBHI", 0, 4, 1, ts),
    ]
    record = [(253, "I", 0x86), (0, "i", 0x85), (1, "i", 0x85), (5, "I", 0x86), (2, "H", 0x84)]
    record += [(3, "B", 0x02)]
    parts.append(_definition(1, 20, record))
    for s, lat, lon, metres, ele, hr in points:
        parts.append(
            struct.pack(
                "<BIiiIHB",
                1,
                ts + s,
                round(lat * SEMICIRCLES),
                round(lon * SEMICIRCLES),
                round(metres * 100),
                round((ele + 500) * 5),
                hr,
            )
        )
    totals = [(253, "I", 0x86), (2, "I", 0x86), (7, "I", 0x86), (8, "I", 0x86), (9, "I", 0x86)]
    millis, cm = points[-1][0] * 1000, round(points[-1][3] * 100)
    parts.append(_definition(2, 19, totals))  # lap
    parts.append(struct.pack("<BIIIII", 2, end, ts, millis, millis, cm))
    parts.append(_definition(3, 18, [*totals, (5, "B", 0x00), (6, "B", 0x00)]))  # session
    parts.append(struct.pack("<BIIIIIBB", 3, end, ts, millis, millis, cm, 2 if ride else 1, 0))
    parts.append(_definition(4, 34, [(253, "I", 0x86), (5, "I", 0x86), (1, "H", 0x84)]))
    parts.append(struct.pack("<BIIH", 4, end, end + 3600, 1))  # activity, local time UTC+1
    records = b"".join(parts)
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    header += struct.pack("<H", _crc(header))
    body = header + records
    return body + struct.pack("<H", _crc(body))


def write_export(folder: Path, count: int = 1000, seed: int = 16) -> Path:
    """Write the export (activities.csv and ``count`` files) into ``folder``."""
    rng = random.Random(seed)
    (folder / "activities").mkdir(parents=True, exist_ok=True)
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(HEADER)
    start = dt.datetime(2024, 1, 1, 7, 0, tzinfo=UTC)
    for i in range(count):
        when = start + dt.timedelta(days=i * 0.7, minutes=rng.randint(0, 600))
        ride = rng.random() < 0.1
        points = track(rng, when, ride)
        kind = rng.choice(("gpx", "gpx", "fit", "fit", "tcx"))
        data = {"gpx": gpx_file, "fit": fit_file, "tcx": tcx_file}[kind](when, points, ride)
        name = f"activities/{10_000_000 + i}.{kind}"
        if kind != "tcx" and rng.random() < 0.2:
            data, name = gzip.compress(data, compresslevel=6, mtime=0), name + ".gz"
        (folder / name).write_bytes(data)
        seconds, metres = points[-1][0], points[-1][3]
        writer.writerow(
            [10_000_000 + i, f"{when:%b %d, %Y, %I:%M:%S %p}", "Morning", "Ride" if ride else "Run",
             "", seconds, f"{metres / 1000:.2f}", "", "", "false", "", "", name, "", "", seconds,
             seconds, f"{metres:.1f}", ""]
        )  # fmt: skip
    (folder / "activities.csv").write_text(rows.getvalue(), encoding="utf-8")
    return folder


if __name__ == "__main__":
    write_export(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
