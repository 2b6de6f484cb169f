"""Activity files from watches and apps: GPX, TCX, FIT (plain or gzipped) and a Strava bulk export.

Each file becomes one or more :class:`Activity`: when it started (UTC), how far, how long, what
sport. The store decides what becomes a run (``store/activities.py``). Pure Python: no SQL, no
Textual; gpxpy and fitdecode are imported only when a file of theirs is read.

The files are untrusted:

* a file larger than :data:`MAX_FILE_BYTES` is refused before it is read, and a gzipped one may
  not unpack to more than :data:`MAX_UNPACKED_BYTES` (no decompression bomb);
* XML (GPX, TCX) holding ``<!DOCTYPE`` or ``<!ENTITY`` is refused before any parser sees it (no
  entity expansion, no external entities): activity files never need either.

The time of a run is the timer's where the file has it (TCX laps, FIT sessions, Strava's moving
time), else the time from the first to the last point (GPX).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import PurePath

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
KINDS = ("gpx", "tcx", "fit")

_FORBIDDEN_XML = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_TCX_NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
# Sports that are runs, whatever the spelling ("Run", "running", "Trail Run", "trail_running"...).
_RUN_SPORTS = {
    "run",
    "running",
    "trailrun",
    "trailrunning",
    "virtualrun",
    "treadmill",
    "treadmillrunning",
    "indoorrunning",
    "streetrunning",
    "trackrunning",
}


class ActivityError(ValueError):
    """A file that cannot be read as an activity; the message says why, in one line."""


@dataclass(frozen=True)
class Activity:
    """One activity: ``source`` is the file kind (or "strava"), ``source_id`` its id there."""

    source: str
    source_id: str
    started_at: dt.datetime  # timezone-aware
    distance_m: float
    duration_s: int | None
    sport: str
    name: str = ""
    type: str = "easy"  # the journal's run type

    @property
    def is_run(self) -> bool:
        return re.sub(r"[\s_-]", "", self.sport.lower()) in _RUN_SPORTS

    @property
    def surface(self) -> str:
        sport = self.sport.lower()
        if "trail" in sport:
            return "trail"
        if any(word in sport for word in ("virtual", "treadmill", "indoor")):
            return "treadmill"
        if "track" in sport:
            return "track"
        return "road"

    @property
    def started_utc(self) -> str:
        """The start as stored: ISO 8601 in UTC, to the second."""
        return self.started_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def kind_of(name: str) -> str | None:
    """``gpx``, ``tcx`` or ``fit`` from a file name (``.gz`` allowed), or None."""
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    kind = suffixes[-1][1:] if suffixes else ""
    return kind if kind in KINDS else None


def unpack(data: bytes, name: str) -> bytes:
    """The file's bytes, gunzipped if its name ends in .gz (at most MAX_UNPACKED_BYTES)."""
    if len(data) > MAX_FILE_BYTES:
        raise ActivityError(f"is {len(data) // 2**20} MB, more than an activity file can be")
    if not name.lower().endswith(".gz"):
        return data
    # A gzip file ends with its unpacked size (modulo 4 GB): refuse an honest bomb before
    # unpacking anything. Unpacking one up to the limit took 0.8 s and 0.5 GB (issue #7's
    # hostile-input test); a forged size is still caught by the limit below.
    if len(data) >= 18 and int.from_bytes(data[-4:], "little") > MAX_UNPACKED_BYTES:
        raise ActivityError("unpacks to more than an activity file can be")
    unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unzip.decompress(data, MAX_UNPACKED_BYTES + 1)
    except zlib.error as exc:
        raise ActivityError(f"is not a gzip file ({exc})") from None
    if len(out) > MAX_UNPACKED_BYTES or unzip.unconsumed_tail:
        raise ActivityError("unpacks to more than an activity file can be")
    return out


def read_activities(data: bytes, name: str, kind: str | None = None) -> list[Activity]:
    """Every activity in the file ``name`` (GPX, TCX or FIT by its suffix, or ``kind``)."""
    kind = kind or kind_of(name)
    if kind not in KINDS:
        raise ActivityError("is not a GPX, TCX or FIT file")
    data = unpack(data, name)
    if kind == "gpx":
        return parse_gpx(data)
    if kind == "tcx":
        return parse_tcx(data)
    return parse_fit(data)


# --- XML -----------------------------------------------------------------------------------------


def xml_text(data: bytes) -> str:
    """The XML as text, refused if it declares a DOCTYPE or an ENTITY."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActivityError("is not UTF-8 or UTF-16 text") from None
    if _FORBIDDEN_XML.search(text):
        raise ActivityError("declares a DOCTYPE or an ENTITY, which activity files never need")
    if text.startswith("<?xml"):
        # The declaration names an encoding that no longer applies to the decoded text.
        text = text[text.index("?>") + 2 :] if "?>" in text else text
    return text


def parse_gpx(data: bytes) -> list[Activity]:
    """One activity per track that has timed points (gpxpy)."""
    import gpxpy
    import gpxpy.gpx

    text = xml_text(data)
    try:
        gpx = gpxpy.parse(text)
    except (gpxpy.gpx.GPXException, ValueError) as exc:
        raise ActivityError(f"is not a GPX file ({_first_line(exc)})") from None
    out = []
    for track in gpx.tracks:
        times = [p.time for seg in track.segments for p in seg.points if p.time is not None]
        if not times:
            continue
        start, end = min(times), max(times)
        start = _aware(start)
        seconds = round((_aware(end) - start).total_seconds())
        out.append(
            Activity(
                source="gpx",
                source_id=_aware(start).astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
                started_at=start,
                distance_m=round(track.length_2d() or 0.0, 1),
                duration_s=seconds or None,
                sport=track.type or "running",
                name=track.name or gpx.name or "",
            )
        )
    if not out:
        raise ActivityError("has no track with times, so when the run was cannot be told")
    return out


def parse_tcx(data: bytes) -> list[Activity]:
    """One activity per <Activity> (ElementTree), its laps added up."""
    import xml.etree.ElementTree as ET

    text = xml_text(data)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ActivityError(f"is not a TCX file ({exc})") from None
    out = []
    for activity in root.iter(f"{_TCX_NS}Activity"):
        ident = activity.findtext(f"{_TCX_NS}Id")
        if not ident:
            continue
        start = _iso_time(ident)
        laps = activity.findall(f"{_TCX_NS}Lap")
        seconds = sum(float(lap.findtext(f"{_TCX_NS}TotalTimeSeconds") or 0) for lap in laps)
        metres = sum(float(lap.findtext(f"{_TCX_NS}DistanceMeters") or 0) for lap in laps)
        out.append(
            Activity(
                source="tcx",
                source_id=start.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
                started_at=start,
                distance_m=round(metres, 1),
                duration_s=round(seconds) or None,
                sport=activity.get("Sport") or "running",
                name=(activity.findtext(f"{_TCX_NS}Notes") or "").strip(),
            )
        )
    if not out:
        raise ActivityError("has no activity (TrainingCenterDatabase/Activities/Activity)")
    return out


# --- FIT -----------------------------------------------------------------------------------------


def parse_fit(data: bytes) -> list[Activity]:
    """One activity per session message (fitdecode; its CRCs are checked)."""
    import fitdecode

    out = []
    try:
        reader = fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        )
        with reader as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA or frame.name != "session":
                    continue
                start = _value(frame, "start_time")
                if not isinstance(start, dt.datetime):
                    continue
                seconds = _value(frame, "total_timer_time") or _value(frame, "total_elapsed_time")
                sport = _value(frame, "sport")
                start = _aware(start)
                out.append(
                    Activity(
                        source="fit",
                        source_id=start.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
                        started_at=start,
                        distance_m=round(float(_value(frame, "total_distance") or 0.0), 1),
                        duration_s=round(float(seconds)) if seconds else None,
                        sport=str(sport) if sport is not None else "running",
                    )
                )
    except fitdecode.FitError as exc:
        raise ActivityError(f"is not a FIT file, or a damaged one ({_first_line(exc)})") from None
    if not out:
        raise ActivityError("has no session: it is not the FIT file of an activity")
    return out


def _value(frame, name: str):
    return frame.get_value(name) if frame.has_field(name) else None


# --- Strava --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StravaRow:
    """One line of a Strava export's activities.csv."""

    line: int
    activity_id: str
    started_at: dt.datetime
    name: str
    sport: str
    distance_m: float | None
    duration_s: int | None
    filename: str
    workout_type: str = ""

    def run_type(self) -> str:
        """Strava's workout type as a journal run type (1 race, 2 long run, 3 workout)."""
        return {"1": "race", "2": "long", "3": "other"}.get(self.workout_type.split(".")[0], "easy")


def parse_strava_csv(data: bytes) -> tuple[list[StravaRow], list[tuple[int, str]]]:
    """The activities of a Strava ``activities.csv``, and the (line, reason) of unreadable ones.

    Strava repeats some column names: the first "Distance" is in the account's unit (km or mi),
    a second one, when present, in metres; it is the one used. Times are in seconds, dates in
    UTC ("Nov 20, 2026, 7:00:00 AM").
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActivityError("is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ActivityError("is empty") from None
    except csv.Error as exc:
        raise ActivityError(f"cannot be read ({exc})") from None
    where: dict[str, list[int]] = {}
    for i, name in enumerate(header):
        where.setdefault(name.strip(), []).append(i)
    missing = [c for c in ("Activity ID", "Activity Date", "Activity Type") if c not in where]
    if missing:
        raise ActivityError(f"is not Strava's activities.csv (no column {', '.join(missing)})")

    def cell(row: list[str], name: str, last: bool = False) -> str:
        positions = where.get(name)
        if not positions:
            return ""
        i = positions[-1] if last else positions[0]
        return row[i].strip() if i < len(row) else ""

    rows: list[StravaRow] = []
    problems: list[tuple[int, str]] = []
    line = reader.line_num + 1
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append((start, f"cannot be read ({exc})"))
            break
        line = reader.line_num + 1
        if not row:
            continue
        try:
            when = _strava_date(cell(row, "Activity Date"))
            metres_text = cell(row, "Distance", last=True)
            if len(where.get("Distance", [])) == 1 and metres_text:
                metres = float(metres_text.replace(",", "")) * 1000  # one column: kilometres
            else:
                metres = float(metres_text.replace(",", "")) if metres_text else None
            seconds_text = cell(row, "Moving Time") or cell(row, "Elapsed Time")
            seconds = round(float(seconds_text)) if seconds_text else None
        except ValueError as exc:
            problems.append((start, str(exc)))
            continue
        rows.append(
            StravaRow(
                line=start,
                activity_id=cell(row, "Activity ID"),
                started_at=when,
                name=cell(row, "Activity Name"),
                sport=cell(row, "Activity Type"),
                distance_m=metres,
                duration_s=seconds or None,
                filename=cell(row, "Filename"),
                workout_type=cell(row, "Workout Type"),
            )
        )
    return rows, problems


def _strava_date(text: str) -> dt.datetime:
    for fmt in ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=dt.timezone.utc)
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date Strava writes (e.g. Nov 20, 2026, 7:00:00 AM)")


# --- helpers -------------------------------------------------------------------------------------


def _aware(moment: dt.datetime) -> dt.datetime:
    """Activity files give UTC; a time without a zone is taken as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _iso_time(text: str) -> dt.datetime:
    try:
        return _aware(dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        raise ActivityError(f"has a start time that is not a date and time ({text!r})") from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
