"""The reference of ``import_strava``: a plain script that parses the same files, one process,
with gpxpy (GPX), fitdecode (FIT) and ElementTree (TCX) alone, and adds up each file's
distance. ``python -m benchmarks.activity_reference EXPORT_DIR``."""

from __future__ import annotations

import gzip
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import fitdecode
import gpxpy

NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def main(folder: Path) -> None:
    total = 0.0
    for path in sorted((folder / "activities").iterdir()):
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        if ".gpx" in path.name:
            total += sum(t.length_2d() for t in gpxpy.parse(data.decode()).tracks)
        elif ".fit" in path.name:
            with fitdecode.FitReader(data) as fit:
                for frame in fit:
                    if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "session":
                        total += frame.get_value("total_distance")
        else:
            root = ET.fromstring(data)
            total += sum(
                float(lap.findtext(f"{NS}DistanceMeters")) for lap in root.iter(f"{NS}Lap")
            )
    print(f"{total / 1000:.0f} km")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
