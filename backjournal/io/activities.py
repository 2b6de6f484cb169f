"""Activity files from watches and apps: GPX, TCX, FIT (plain or gzipped) and a Strava bulk export.

Each file becomes one or more :class:`Activity`: when it started, how far, how long, what sport,
and what the file says about the surface and the time zone. Runs and other sports come out
alike (a ride keeps its sport, start, time and distance); the store decides what becomes a run.
Pure Python: no SQL, no Textual. The formats live beside this module: ``activity_xml`` (GPX,
TCX), ``activity_fit`` (FIT) and ``strava`` (activities.csv and the files it names).

The files are untrusted (issue #12), so every file is read in isolation:

* it is opened only if it is a regular file (no device, FIFO or socket: ``/dev/zero`` and a
  FIFO were read forever), and read in chunks with the size caps counted while reading, never
  trusting ``stat``: at most :data:`MAX_FILE_BYTES` read, at most :data:`MAX_UNPACKED_BYTES`
  once gunzipped (a gzip bomb is stopped at the cap, its trailer is not trusted either);
* XML is parsed by ``defusedxml`` (no DOCTYPE, no entity, no external reference, whatever the
  encoding, UTF-16 without a byte order mark included) as a stream: a point is measured and
  forgotten, so memory does not grow with the file (an 8.7 MB ``.gpx.gz`` took 2.3 GB in gpxpy);
* every number must be finite and in its range, every time in range and given a zone;
* any failure inside a parser, ours or fitdecode's, becomes :class:`ActivityError` with a
  one-line reason for that file: the other files of a batch are still read.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a day at one point a second is about 30 MB of GPX
MAX_FIT_BYTES = 64 * 1024 * 1024  # a FIT file is read whole: 30 hours at 1 s is about 10 MB
CHUNK = 256 * 1024  # bytes read, or unpacked, at a time: what a stream holds
KINDS = ("gpx", "tcx", "fit")
# A watch or an app cannot have recorded before the first GPS watches nor far in the future:
# a time outside these years is a damaged or forged file.
FIRST_YEAR, LAST_YEAR = 1980, 2200

# Sports that are runs, whatever the spelling ("Run", "running", "Trail Run", "trail_running"...),
# with Strava's names in some of the languages its exports are written in.
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
    "lauf",
    "laufen",
    "trailrunningde",
    "courseàpied",
    "coursetrail",
    "carrera",
    "carreraportrail",
    "corsa",
    "corsaintrail",
    "hardlopen",
    "hardloopsessie",
    "corrida",
    "corridatrail",
}
# Strava's numeric activity types, as its GPX files write them in <type>.
STRAVA_TYPE_NUMBERS = {
    "1": "Ride",
    "2": "Alpine Ski",
    "3": "Backcountry Ski",
    "4": "Hike",
    "5": "Ice Skate",
    "6": "Inline Skate",
    "7": "Nordic Ski",
    "8": "Roller Ski",
    "9": "Run",
    "10": "Walk",
    "11": "Workout",
    "12": "Snowboard",
    "13": "Snowshoe",
    "14": "Kitesurf",
    "15": "Windsurf",
    "16": "Swim",
    "17": "Virtual Ride",
    "18": "E-Bike Ride",
    "19": "Velomobile",
    "21": "Canoe",
    "22": "Kayak",
    "23": "Rowing",
    "24": "Stand Up Paddling",
    "25": "Surf",
    "26": "Crossfit",
    "27": "Elliptical",
    "28": "Rock Climbing",
    "29": "Stair Stepper",
    "30": "Weight Training",
    "31": "Yoga",
    "51": "Handcycle",
    "52": "Wheelchair",
    "53": "Virtual Run",
}


class ActivityError(ValueError):
    """A file that cannot be read as an activity; the message says why, in one line."""


@dataclass(frozen=True)
class Activity:
    """One activity (a run or any other sport).

    ``source`` is the file kind (or "strava") and ``source_id`` its id there. ``started_at`` is
    timezone-aware, or None when the file cannot say when (a FIT file from a watch whose clock was
    never set: the run is placed with ``--date``). ``utc_offset_s`` is the zone the file says it
    was recorded in (FIT local time, an ISO time with an offset), None when it does not say.
    ``surface`` is what the file says (treadmill, trail...), else the sport's name decides.
    """

    source: str
    source_id: str
    started_at: dt.datetime | None
    distance_m: float
    duration_s: int | None
    sport: str
    name: str = ""
    type: str = "easy"  # the journal's run type
    file_surface: str | None = None
    utc_offset_s: int | None = None

    @property
    def is_run(self) -> bool:
        return sport_key(self.sport) in _RUN_SPORTS

    @property
    def surface(self) -> str:
        if self.file_surface:
            return self.file_surface
        sport = self.sport.lower()
        if "trail" in sport:
            return "trail"
        if any(word in sport for word in ("virtual", "treadmill", "indoor")):
            return "treadmill"
        if "track" in sport:
            return "track"
        return "road"

    @property
    def started_utc(self) -> str | None:
        """The start as stored: ISO 8601 in UTC, to the second (None when unknown)."""
        if self.started_at is None:
            return None
        return self.started_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds")

    def local_start(self, tz: dt.tzinfo | None = None) -> dt.datetime | None:
        """The start in the zone the file says, else in ``tz`` (else this computer's)."""
        if self.started_at is None:
            return None
        if self.utc_offset_s is not None:
            return self.started_at.astimezone(dt.timezone(dt.timedelta(seconds=self.utc_offset_s)))
        return self.started_at.astimezone(tz)

    def with_(self, **changes) -> Activity:
        return replace(self, **changes)


@dataclass
class Parsed:
    """What one file gave: its activities, and the parts of it left out with their reasons
    ("track 2 has no times: left out"), which are named to the user, never dropped silently."""

    activities: list[Activity] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def sport_key(sport: str) -> str:
    """A sport's name for comparison: lower case, without spaces, dashes and underscores."""
    return re.sub(r"[\s_-]", "", sport.lower())


def sport_name(text: str | None, default: str = "running") -> str:
    """A sport as a file writes it, Strava's numbers (``<type>9</type>``) as their names."""
    text = (text or "").strip()
    if not text:
        return default
    return STRAVA_TYPE_NUMBERS.get(text.lstrip("0") or "0", text)


def kind_of(name: str) -> str | None:
    """``gpx``, ``tcx`` or ``fit`` from a file name (``.gz`` allowed), or None. String work
    only: the import folder asks it of every file at each start."""
    base = name.rpartition("/")[2].lower()
    if base.endswith(".gz"):
        base = base[:-3]
    stem, dot, kind = base.rpartition(".")
    if not dot or not stem.strip("."):
        return None
    return kind if kind in KINDS else None


# --- reading: regular files only, caps counted while reading -------------------------------------


def _too_big(read: int) -> ActivityError:
    return ActivityError(f"is {read // 2**20} MB, more than an activity file can be")


def file_chunks(path: Path) -> Iterator[bytes]:
    """The bytes of ``path`` in chunks: a regular file only (opened without blocking, so that a
    FIFO cannot hang the import), at most :data:`MAX_FILE_BYTES`, counted as they are read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ActivityError(f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ActivityError("is not a regular file (a device, a FIFO or a folder)")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(info.st_size)
        read = 0
        while True:
            try:
                chunk = os.read(fd, CHUNK)
            except OSError as exc:
                raise ActivityError(f"cannot be read ({exc.strerror or exc})") from None
            if not chunk:
                return
            read += len(chunk)
            if read > MAX_FILE_BYTES:
                raise _too_big(read)
            yield chunk
    finally:
        os.close(fd)


def _unpacked(chunks: Iterable[bytes], gzipped: bool) -> Iterator[bytes]:
    """The chunks, gunzipped as they come when ``gzipped``, at most MAX_UNPACKED_BYTES in all."""
    if not gzipped:
        yield from chunks
        return
    unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
    total = 0
    try:
        for chunk in chunks:
            while chunk and not unzip.eof:
                out = unzip.decompress(chunk, CHUNK)
                chunk = unzip.unconsumed_tail
                total += len(out)
                if total > MAX_UNPACKED_BYTES:
                    raise ActivityError("unpacks to more than an activity file can be")
                if out:
                    yield out
            if unzip.eof:
                break
        if not unzip.eof:
            raise ActivityError("is not a whole gzip file (it ends too early)")
    except zlib.error as exc:
        raise ActivityError(f"is not a gzip file ({exc})") from None


def _gzipped(name: str) -> bool:
    return name.lower().endswith(".gz")


def unpack(data: bytes, name: str) -> bytes:
    """The file's bytes, gunzipped if its name ends in .gz (at most MAX_UNPACKED_BYTES)."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    _check_trailer(data, name)
    return b"".join(_unpacked([data], _gzipped(name)))


def _check_trailer(data: bytes, name: str) -> None:
    # A gzip file ends with its unpacked size (modulo 4 GB): refuse an honest bomb before
    # unpacking anything; a forged size is still caught while unpacking.
    if _gzipped(name) and len(data) >= 18:
        if int.from_bytes(data[-4:], "little") > MAX_UNPACKED_BYTES:
            raise ActivityError("unpacks to more than an activity file can be")


def read_activities(data: bytes, name: str, kind: str | None = None) -> Parsed:
    """Every activity in the file ``name`` whose bytes are ``data`` (see :func:`parse`)."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))
    _check_trailer(data, name)
    return parse([data], name, kind)


def read_activity_file(path: Path, kind: str | None = None) -> Parsed:
    """Every activity in the file at ``path``, read as a stream (see :func:`file_chunks`)."""
    return parse(file_chunks(path), path.name, kind)


def parse(chunks: Iterable[bytes], name: str, kind: str | None = None) -> Parsed:
    """Every activity in a file given as chunks of bytes (GPX, TCX or FIT by its name's
    suffix, or ``kind``). Any failure is an :class:`ActivityError` with a one-line reason."""
    kind = kind or kind_of(name)
    if kind not in KINDS:
        raise ActivityError("is not a GPX, TCX or FIT file")
    stream = _unpacked(chunks, _gzipped(name))
    try:
        if kind == "fit":
            from backjournal.io.activity_fit import parse_fit

            return parse_fit(_joined(stream, MAX_FIT_BYTES))
        from backjournal.io.activity_xml import parse_gpx, parse_tcx

        return (parse_gpx if kind == "gpx" else parse_tcx)(stream)
    except ActivityError:
        raise
    except MemoryError:
        raise ActivityError("is too large to read") from None
    except Exception as exc:  # a parser's own failure (fitdecode's asserts...): this file only
        raise ActivityError(
            f"cannot be read: the {kind.upper()} reader failed ({type(exc).__name__}: "
            f"{first_line(exc)})"
        ) from None
    finally:
        close = getattr(chunks, "close", None)
        if close:
            close()


def _joined(chunks: Iterable[bytes], limit: int) -> bytes:
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise _too_big(total)
        parts.append(chunk)
    return b"".join(parts)


# --- values: finite numbers, times in range ------------------------------------------------------


def number(text: object, what: str, low: float, high: float) -> float:
    """``text`` as a finite number within [low, high], or ActivityError naming ``what``."""
    if isinstance(text, bool) or isinstance(text, (tuple, list)):
        raise ActivityError(f"has a {what} that is not one number ({_short(text)})")
    try:
        value = float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ActivityError(f"has a {what} that is not a number ({_short(text)})") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise ActivityError(f"has a {what} of {_short(text)}, out of range")
    return value


def utc(moment: dt.datetime, what: str = "time") -> dt.datetime:
    """``moment`` in UTC (a time without a zone is taken as UTC, as GPX, TCX and FIT mean it),
    refused when it is outside FIRST_YEAR..LAST_YEAR or cannot be converted."""
    try:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        moment = moment.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        raise ActivityError(f"has a {what} out of range ({moment.isoformat()})") from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ActivityError(f"has a {what} out of range ({moment.isoformat()})")
    return moment


def iso_time(text: str, what: str = "time") -> tuple[dt.datetime, int | None]:
    """An ISO 8601 time as UTC, and its offset in seconds when it states one other than Z."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = dt.datetime.fromisoformat(text.strip().upper().replace("Z", "+00:00"))
        except ValueError:
            raise ActivityError(
                f"has a {what} that is not a date and time ({_short(text)})"
            ) from None
    zone = moment.tzinfo
    if zone is dt.timezone.utc and FIRST_YEAR <= moment.year <= LAST_YEAR:
        return moment, None  # the common case, "...Z"
    offset = None
    if zone is not None:
        delta = moment.utcoffset()
        if delta and not text.rstrip().upper().endswith("Z"):
            offset = round(delta.total_seconds())
    return utc(moment, what), offset


def zone_offset(offsets: Iterable[int | None]) -> int | None:
    """The zone of a file's times when they all state the same one (else None)."""
    found = set(offsets)
    if len(found) == 1:
        only = found.pop()
        if only is not None and abs(only) <= 14 * 3600:
            return only
    return None


def _short(value: object) -> str:
    """A value quoted in a reason: on one line, at most 40 characters."""
    text = repr(value) if not isinstance(value, str) else " ".join(value.split())
    return text if len(text) <= 40 else text[:37] + "..."


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]


def hms(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


# --- many files: both cores where it pays --------------------------------------------------------

PARALLEL_FROM = 16  # files: fewer are read in this process (starting workers costs ~50 ms)


def read_or_reason(job: tuple[Path, str | None]) -> Parsed | str:
    """The :class:`Parsed` content of one file, or the one-line reason it cannot be read."""
    path, kind = job
    try:
        return read_activity_file(path, kind)
    except ActivityError as exc:
        return str(exc)
    except Exception as exc:  # pragma: no cover - parse() turns failures into ActivityError
        return f"cannot be read ({type(exc).__name__}: {first_line(exc)})"


def read_files(jobs: list[tuple[Path, str | None]], workers: int | None = None) -> Iterator:
    """:func:`read_or_reason` of every job, in order; in worker processes when there are many
    files and more than one core (each file is parsed in isolation either way)."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        yield from map(read_or_reason, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for result in pool.map(read_or_reason, jobs, chunksize=4):
                done += 1
                yield result
    except BrokenProcessPool:  # a worker was killed (out of memory...): go on in this process
        yield from map(read_or_reason, jobs[done:])
