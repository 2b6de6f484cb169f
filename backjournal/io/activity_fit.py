"""FIT files (fitdecode, CRCs checked): one activity per session message.

A multisport file has one session per sport (a triathlon's run is a run, its ride a ride). The
sub-sport says the surface (treadmill, trail, track, indoor running). The activity message's
``local_timestamp`` minus its ``timestamp`` is the zone the watch was in: the run's local date is
taken in it. A watch whose clock was never set writes times counted from when it was switched on
(below 0x10000000): such a session has no start (``started_at`` None) and is placed on the date
given with ``--date``.

Every value is checked before use: a field may hold several values (an array) or a number out
of range in a damaged or forged file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from backjournal.io.activities import Activity, ActivityError, Parsed, first_line, number, utc

_SURFACES = {
    "treadmill": "treadmill",
    "indoor_running": "treadmill",
    "virtual_activity": "treadmill",
    "trail": "trail",
    "track": "track",
    "street": "road",
}
_FILE_TYPES = {"activity", 4}


def parse_fit(data: bytes) -> Parsed:
    """The sessions of a FIT activity file."""
    import fitdecode

    sessions: list[dict] = []
    file_type = None
    offset = None
    try:
        reader = fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        )
        with reader as fit:
            for frame in fit:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                if frame.name == "file_id" and file_type is None:
                    file_type = _value(frame, "type")
                elif frame.name == "session":
                    sessions.append({f: _value(frame, f) for f in _SESSION_FIELDS})
                elif frame.name == "activity":
                    offset = _local_offset(frame) if offset is None else offset
    except fitdecode.FitError as exc:
        raise ActivityError(f"is not a FIT file, or a damaged one ({first_line(exc)})") from None
    if not sessions:
        if (
            file_type is not None
            and not isinstance(file_type, tuple)
            and file_type not in (_FILE_TYPES)
        ):
            raise ActivityError(f"is a FIT file of another kind ({file_type}), not an activity")
        raise ActivityError("has no session: it is not the FIT file of an activity")
    parsed = Parsed()
    digest = None
    for n, session in enumerate(sessions, 1):
        where = f"(session {n})"
        start = session["start_time"]
        if isinstance(start, dt.datetime):
            started: dt.datetime | None = utc(start, f"start {where}")
            source_id = started.isoformat(timespec="seconds")
        elif isinstance(start, int) and not isinstance(start, bool):
            started = None  # the device's own clock: seconds since it was switched on
            digest = digest or hashlib.sha256(data).hexdigest()[:16]
            source_id = f"unset-clock:{digest}#{n}"
        else:
            parsed.skipped.append(f"session {n} has no start time: left out")
            continue
        seconds = session["total_timer_time"]
        if seconds is None:
            seconds = session["total_elapsed_time"]
        seconds = number(seconds, f"time {where}", 0, 10**7) if seconds is not None else None
        metres = session["total_distance"]
        metres = number(metres, f"distance {where}", 0, 10**8) if metres is not None else 0.0
        sport = _text(session["sport"], "running")
        sub_sport = _text(session["sub_sport"], "")
        parsed.activities.append(
            Activity(
                source="fit",
                source_id=source_id,
                started_at=started,
                distance_m=round(metres, 1),
                duration_s=round(seconds) or None if seconds is not None else None,
                sport=sport,
                file_surface=_SURFACES.get(sub_sport),
                utc_offset_s=offset,
            )
        )
    if not parsed.activities:
        raise ActivityError("; ".join(parsed.skipped))
    return parsed


_SESSION_FIELDS = (
    "start_time",
    "total_timer_time",
    "total_elapsed_time",
    "total_distance",
    "sport",
    "sub_sport",
)


def _value(frame, name: str):
    return frame.get_value(name) if frame.has_field(name) else None


def _text(value: object, default: str) -> str:
    if value is None:
        return default
    if isinstance(value, (tuple, list)):
        raise ActivityError(f"has a sport that is not one value ({value!r:.40})")
    return str(value)


def _local_offset(frame) -> int | None:
    """The watch's zone: local_timestamp - timestamp, whole quarter hours within +-14 h."""
    local, moment = _value(frame, "local_timestamp"), _value(frame, "timestamp")
    if not isinstance(local, dt.datetime) or not isinstance(moment, dt.datetime):
        return None
    try:
        seconds = (local.replace(tzinfo=None) - moment.replace(tzinfo=None)).total_seconds()
    except (OverflowError, ValueError):
        return None
    quarter = round(seconds / 900) * 900
    return quarter if abs(quarter) <= 14 * 3600 else None
