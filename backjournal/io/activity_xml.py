"""GPX and TCX, read as a stream through ``defusedxml``.

The parser is ``defusedxml``'s, which refuses a DOCTYPE (and so every entity, internal or
external) wherever it appears and in any encoding expat understands (UTF-16 without a byte order
mark too): nothing is sniffed by hand. It is fed the file chunk by chunk, and our target keeps
only what a run needs (a segment's first and last time and its distance so far), so memory does
not grow with the file.

GPX. A track's segments, and the tracks of one file, are *pieces*; pieces of the same sport with
gaps under :data:`JOIN_GAP_S` are one outing (an old Garmin splits one run into several tracks of
its ACTIVE LOG). The outing's time is the sum of its pieces' times (the moving time), its
distance the sum of their distances: both over the same points, the timed ones (a point without a
time is left out of both). Distances are gpxpy's ``length_2d`` (the same formula, so the numbers
match it). A track with no time at all, or with one timed point, is named and left out.

TCX. One activity per ``<Activity>``: its laps' times and distances added up; the surface is a
treadmill when its track points have no position.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from backjournal.io.activities import (
    Activity,
    ActivityError,
    Parsed,
    first_line,
    iso_time,
    number,
    sport_name,
    zone_offset,
)

JOIN_GAP_S = 30 * 60
MAX_TEXT = 1000  # characters kept of one element's text (a name, a time, a number)
ONE_DEGREE = 6378137.0 * 2 * math.pi / 360  # gpxpy.geo.ONE_DEGREE, metres
_TEXT_OF = {"time", "name", "type", "Id", "TotalTimeSeconds", "DistanceMeters", "Notes"}


def _feed(target, chunks: Iterable[bytes], kind: str):
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    # defusedxml's defences are handlers on the expat parser (DOCTYPE, entities, external
    # references); the element handlers go straight to our target, without ElementTree's
    # pure-Python layer between them (twice as fast on a long track).
    expat = parser.parser
    expat.StartElementHandler = target.start
    expat.EndElementHandler = target.end
    expat.CharacterDataHandler = target.data
    try:
        for chunk in chunks:
            parser.feed(chunk)
        parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise ActivityError(
            "declares a DOCTYPE or an ENTITY, which activity files never need"
        ) from None
    except ParseError as exc:
        raise ActivityError(f"is not a {kind} file ({first_line(exc)})") from None
    return target


class _Target:
    """What every target shares: the element path and the text of the elements we read.
    Tags come as ``namespace}name``, attributes as a flat list (expat's ordered attributes).
    ``opens`` and ``closes`` name the elements whose start and end the format handles; every
    other element costs a dictionary lookup and a list append (a track point has a dozen)."""

    opens: frozenset[str] = frozenset()
    closes: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.path: list[str] = []
        self.text: list[str] | None = None
        self.size = 0
        self.names: dict[str, str] = {}

    def start(self, tag: str, attrs: list[str]) -> None:
        name = self.names.get(tag)
        if name is None:
            name = self.names[tag] = tag.rpartition("}")[2]
        self.path.append(name)
        if name in _TEXT_OF:
            self.text = []
            self.size = 0
        else:
            self.text = None
        if name in self.opens:
            self.opened(name, attrs)

    def data(self, text: str) -> None:
        if self.text is not None and self.size < MAX_TEXT:
            self.text.append(text)
            self.size += len(text)

    def end(self, tag: str) -> None:
        name = self.path.pop()
        if name in self.closes:
            text = "".join(self.text)[:MAX_TEXT].strip() if self.text is not None else ""
            self.closed(name, text)
        self.text = None

    def parent(self, depth: int = 1) -> str:
        return self.path[-depth] if len(self.path) >= depth else ""

    def opened(self, name: str, attrs: list[str]) -> None: ...

    def closed(self, name: str, text: str) -> None: ...

    def close(self) -> None:
        return None


def _attr(attrs: list[str], name: str) -> str | None:
    for i in range(0, len(attrs) - 1, 2):
        if attrs[i] == name:
            return attrs[i + 1]
    return None


# --- GPX -----------------------------------------------------------------------------------------


def distance_2d(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """gpxpy's 2D distance: flat-earth for close points, haversine for distant ones."""
    if abs(lat1 - lat2) > 0.2 or abs(lon1 - lon2) > 0.2:
        d_lat = math.radians(lat1 - lat2)
        d_lon = math.radians(lon1 - lon2)
        a = math.sin(d_lat / 2) ** 2 + math.sin(d_lon / 2) ** 2 * math.cos(
            math.radians(lat1)
        ) * math.cos(math.radians(lat2))
        return 6378137.0 * 2 * math.atan2(math.sqrt(a), math.sqrt(1 - a))
    coef = math.cos(math.radians(lat1))
    x = lat1 - lat2
    y = (lon1 - lon2) * coef
    return math.sqrt(x * x + y * y) * ONE_DEGREE


@dataclass
class _Piece:
    """The timed points of one track segment: first and last time, distance between them."""

    track: int
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    metres: float = 0.0
    points: int = 0
    lat: float = 0.0
    lon: float = 0.0


@dataclass
class _Track:
    number: int
    name: str = ""
    sport: str = ""
    timed: int = 0
    untimed: int = 0
    pieces: list[_Piece] = field(default_factory=list)


class _Gpx(_Target):
    opens = frozenset({"trk", "trkseg", "trkpt"})
    closes = frozenset({"time", "trkpt", "name", "type"})

    def __init__(self) -> None:
        super().__init__()
        self.tracks: list[_Track] = []
        self.name = ""
        self.offsets: set[int | None] = set()
        self.point: tuple[float, float] | None = None
        self.point_time: str = ""

    def opened(self, name: str, attrs: list[str]) -> None:
        if name == "trkpt":
            self.point = (self._degrees(attrs, "lat", 90), self._degrees(attrs, "lon", 180))
            self.point_time = ""
        elif name == "trk":
            self.tracks.append(_Track(len(self.tracks) + 1))
        elif name == "trkseg":
            track = self._track()
            track.pieces.append(_Piece(track.number))

    def _degrees(self, attrs: list[str], name: str, limit: float) -> float:
        text = _attr(attrs, name)
        try:
            value = float(text)  # type: ignore[arg-type]
            if -limit <= value <= limit:  # False for nan; inf is out of range
                return value
        except (TypeError, ValueError):
            pass
        track = self._track()
        where = f"point {track.timed + track.untimed + 1} of track {track.number}"
        what = "latitude" if name == "lat" else "longitude"
        return number(text, f"{what} ({where})", -limit, limit)  # raises, naming the value

    def _track(self) -> _Track:
        if not self.tracks:  # a segment outside a track: a file we still read
            self.tracks.append(_Track(1))
        return self.tracks[-1]

    def closed(self, name: str, text: str) -> None:
        parent = self.parent()
        if name == "time" and parent == "trkpt":
            self.point_time = text
        elif name == "trkpt" and self.point is not None:
            self._point(*self.point, self.point_time)
            self.point = None
        elif name == "name" and parent == "trk":
            self._track().name = text
        elif name == "type" and parent == "trk":
            self._track().sport = text
        elif name == "name" and parent in ("gpx", "metadata") and not self.name:
            self.name = text

    def _point(self, lat: float, lon: float, when: str) -> None:
        track = self._track()
        if not track.pieces:
            track.pieces.append(_Piece(track.number))
        piece = track.pieces[-1]
        if not when:
            track.untimed += 1
            return
        moment, offset = iso_time(when, f"time (point {track.timed + track.untimed + 1} "
                                        f"of track {track.number})")  # fmt: skip
        if piece.end is not None and moment < piece.end:
            track.untimed += 1  # a time that goes back: the point is left out
            return
        track.timed += 1
        self.offsets.add(offset)
        if piece.start is None:
            piece.start = moment
        else:
            piece.metres += distance_2d(piece.lat, piece.lon, lat, lon)
        piece.end = moment
        piece.lat, piece.lon = lat, lon
        piece.points += 1


def parse_gpx(chunks: Iterable[bytes]) -> Parsed:
    """The outings of a GPX file (see the module's rules), and the tracks left out."""
    gpx = _feed(_Gpx(), chunks, "GPX")
    parsed = Parsed()
    pieces: list[tuple[_Piece, _Track]] = []
    for track in gpx.tracks:
        label = f"track {track.number}" + (f" ({track.name})" if track.name else "")
        if not track.timed:
            if track.untimed:
                parsed.skipped.append(
                    f"{label} has no times, so when it was run cannot be told: left out"
                )
            continue
        pieces.extend((p, track) for p in track.pieces if p.start is not None)
    pieces.sort(key=lambda pt: pt[0].start)
    outings: list[list[tuple[_Piece, _Track]]] = []
    for piece, track in pieces:
        if outings:
            last, last_track = outings[-1][-1]
            gap = (piece.start - last.end).total_seconds()
            same_sport = sport_name(track.sport) == sport_name(last_track.sport)
            if same_sport and 0 <= gap < JOIN_GAP_S:
                outings[-1].append((piece, track))
                continue
        outings.append([(piece, track)])
    offset = zone_offset(gpx.offsets)
    for outing in outings:
        first, track = outing[0]
        points = sum(p.points for p, _ in outing)
        seconds = round(sum((p.end - p.start).total_seconds() for p, _ in outing))
        if points < 2 or not seconds:
            numbers = sorted({t.number for _, t in outing})
            parsed.skipped.append(
                f"track {', '.join(map(str, numbers))} has one timed point only "
                "(no distance, no time): left out"
            )
            continue
        parsed.activities.append(
            Activity(
                source="gpx",
                source_id=first.start.isoformat(timespec="seconds"),
                started_at=first.start,
                distance_m=round(sum(p.metres for p, _ in outing), 1),
                duration_s=seconds,
                sport=sport_name(track.sport),
                name=track.name or gpx.name,
                utc_offset_s=offset,
            )
        )
    if not parsed.activities:
        if not pieces:
            raise ActivityError("has no track with times, so when the run was cannot be told")
        raise ActivityError(_whole(parsed.skipped))
    return parsed


def _whole(skipped: list[str]) -> str:
    """The reasons the parts of a file were left out, as the reason for the whole file."""
    return "; ".join(reason.removesuffix(": left out") for reason in skipped)


# --- TCX -----------------------------------------------------------------------------------------


@dataclass
class _TcxActivity:
    number: int
    sport: str
    ident: str = ""
    notes: str = ""
    seconds: float = 0.0
    metres: float = 0.0
    trackpoints: int = 0
    positions: int = 0


class _Tcx(_Target):
    opens = frozenset({"Activity", "Trackpoint", "Position"})
    closes = frozenset({"Id", "Notes", "TotalTimeSeconds", "DistanceMeters"})

    def __init__(self) -> None:
        super().__init__()
        self.activities: list[_TcxActivity] = []

    def opened(self, name: str, attrs: list[str]) -> None:
        if name == "Activity":
            self.activities.append(
                _TcxActivity(len(self.activities) + 1, (_attr(attrs, "Sport") or "").strip())
            )
        elif self.activities and name == "Trackpoint":
            self.activities[-1].trackpoints += 1
        elif self.activities and name == "Position" and self.parent(2) == "Trackpoint":
            self.activities[-1].positions += 1

    def closed(self, name: str, text: str) -> None:
        if not self.activities or "Activity" not in self.path:
            return
        activity, parent = self.activities[-1], self.parent()
        where = f"(activity {activity.number})"
        if name == "Id" and parent == "Activity":
            activity.ident = text
        elif name == "Notes" and parent == "Activity":
            activity.notes = text
        elif name == "TotalTimeSeconds" and parent == "Lap":
            activity.seconds += number(text or 0, f"lap time {where}", 0, 10**7)
        elif name == "DistanceMeters" and parent == "Lap":
            activity.metres += number(text or 0, f"lap distance {where}", 0, 10**8)


def parse_tcx(chunks: Iterable[bytes]) -> Parsed:
    """One activity per ``<Activity>`` with a start (its Id), its laps added up."""
    tcx = _feed(_Tcx(), chunks, "TCX")
    parsed = Parsed()
    for activity in tcx.activities:
        if not activity.ident:
            parsed.skipped.append(f"activity {activity.number} has no Id (its start): left out")
            continue
        start, offset = iso_time(activity.ident, f"start (activity {activity.number})")
        treadmill = activity.trackpoints and not activity.positions
        parsed.activities.append(
            Activity(
                source="tcx",
                source_id=start.isoformat(timespec="seconds"),
                started_at=start,
                distance_m=round(activity.metres, 1),
                duration_s=round(activity.seconds) or None,
                sport=sport_name(activity.sport),
                name=activity.notes,
                file_surface="treadmill" if treadmill else None,
                utc_offset_s=offset,
            )
        )
    if not parsed.activities:
        if parsed.skipped:
            raise ActivityError(_whole(parsed.skipped))
        raise ActivityError("has no activity (TrainingCenterDatabase/Activities/Activity)")
    return parsed
