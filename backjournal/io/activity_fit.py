"""FIT files: one activity per session message.

The file is read here, at the message level, rather than by fitdecode: a run's file holds
thousands of record messages (a point each) and the few messages we need (file_id, session,
activity) come last, so the reader walks the definitions, skips every other message by its
size, and decodes only those fields. It checks what fitdecode checks (the header, the
declared size, both CRCs) and reads chained files; the values are the same as fitdecode's (its
profile names the sports), which a test checks. Decoding every record with fitdecode took about
eight times as long (``python -m benchmarks``).

A multisport file has one session per sport (a triathlon's run is a run, its ride a ride). The
sub-sport says the surface (treadmill, trail, track, indoor running). The activity message's
``local_timestamp`` minus its ``timestamp`` is the zone the watch was in: the run's local date is
taken in it. A watch whose clock was never set writes times counted from when it was switched on
(below 0x10000000): such a session has no start (``started_at`` None) and is placed on the date
given with ``--date``.

Every value is checked before use: a field may hold several values (an array) or a number out
of range in a damaged or forged file, and every length is checked against the bytes there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct

from backjournal.io.activities import Activity, ActivityError, Parsed, number, utc

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
    messages = read_messages(data, {FILE_ID: (0,), SESSION: _SESSION_FIELDS, ACTIVITY: (253, 5)})
    file_type = next((m[0] for g, m in messages if g == FILE_ID and 0 in m), None)
    sessions = [_session(m) for g, m in messages if g == SESSION]
    offset = next((_local_offset(m) for g, m in messages if g == ACTIVITY), None)
    if not sessions:
        if file_type is not None and file_type != 4:
            name = _enum("file", file_type)
            raise ActivityError(f"is a FIT file of another kind ({name}), not an activity")
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
        if sport in ("training", "fitness_equipment") and sub_sport not in ("", "generic"):
            sport = sub_sport  # the sub-sport says which: elliptical, yoga, indoor rowing...
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


FILE_ID, SESSION, ACTIVITY = 0, 18, 34
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.timezone.utc)
DEVICE_TIME_BELOW = 0x10000000  # smaller date_time values count from the device's power-on
# Session fields: start_time, total_elapsed_time, total_timer_time, total_distance, sport,
# sub_sport, timestamp.
_SESSION_FIELDS = (2, 7, 8, 9, 5, 6, 253)
# Base types by their number (the low 5 bits): (struct format, the value meaning "none").
_BASE = {
    0: ("B", 0xFF), 1: ("b", 0x7F), 2: ("B", 0xFF), 3: ("h", 0x7FFF), 4: ("H", 0xFFFF),
    5: ("i", 0x7FFFFFFF), 6: ("I", 0xFFFFFFFF), 7: ("s", None), 8: ("f", None), 9: ("d", None),
    10: ("B", 0), 11: ("H", 0), 12: ("I", 0), 13: ("B", None), 14: ("q", 0x7FFFFFFFFFFFFFFF),
    15: ("Q", 0xFFFFFFFFFFFFFFFF), 16: ("Q", 0),
}  # fmt: skip


def _damaged(why: str) -> ActivityError:
    return ActivityError(f"is not a FIT file, or a damaged one ({why})")


_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def crc(data: bytes | memoryview) -> int:
    """The FIT protocol's CRC-16 (the protocol's nibble table, a byte at a time)."""
    value = 0
    table = _CRC_TABLE
    for byte in data:
        tmp = table[value & 0xF]
        value = ((value >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]
        tmp = table[value & 0xF]
        value = ((value >> 4) & 0x0FFF) ^ tmp ^ table[byte >> 4]
    return value


def read_messages(data: bytes, wanted: dict[int, tuple[int, ...]]) -> list[tuple[int, dict]]:
    """The messages of the global numbers in ``wanted`` as (global number, {field: value}),
    with only the wanted fields decoded; every other message is skipped by its size. Chained
    FIT files are read one after the other. A field holding several values gives a tuple."""
    out: list[tuple[int, dict]] = []
    view = memoryview(data)
    at = 0
    while at < len(data):
        at = _read_one(view, at, wanted, out)
        if not any(data[at : at + 64]) and not any(data[at:]):
            break  # zeros after the file: padding
    return out


def _read_one(view: memoryview, at: int, wanted: dict, out: list) -> int:
    if len(view) - at < 12:
        raise _damaged("too short for a FIT header")
    size = view[at]
    if size not in (12, 14) or bytes(view[at + 8 : at + 12]) != b".FIT":
        raise _damaged("no FIT header")
    if len(view) - at < size:
        raise _damaged("too short for a FIT header")
    length = struct.unpack_from("<I", view, at + 4)[0]
    if size == 14:
        declared = struct.unpack_from("<H", view, at + 12)[0]
        if declared and declared != crc(view[at : at + 12]):
            raise _damaged("the header's CRC does not match")
    end = at + size + length
    if end + 2 > len(view):
        raise _damaged("the file is shorter than its header says")
    if struct.unpack_from("<H", view, end)[0] != crc(view[at:end]):
        raise _damaged("the file's CRC does not match")
    defs: dict[int, tuple] = {}
    pos = at + size
    while pos < end:
        header = view[pos]
        pos += 1
        if header & 0x80:  # a data message with a compressed timestamp header
            local = (header >> 5) & 0x3
        elif header & 0x40:  # a definition message
            local = header & 0x0F
            if pos + 5 > end:
                raise _damaged("a definition runs past the end")
            big = view[pos + 1] == 1
            number, count = struct.unpack_from(">HB" if big else "<HB", view, pos + 2)
            pos += 5
            fields = []
            offset = 0
            for _ in range(count):
                if pos + 3 > end:
                    raise _damaged("a definition runs past the end")
                field, width, base = view[pos], view[pos + 1], view[pos + 2]
                fields.append((field, offset, width, base))
                offset += width
                pos += 3
            if header & 0x20:  # developer fields: only their sizes matter here
                if pos + 1 > end:
                    raise _damaged("a definition runs past the end")
                dev = view[pos]
                pos += 1
                for _ in range(dev):
                    if pos + 3 > end:
                        raise _damaged("a definition runs past the end")
                    offset += view[pos + 1]
                    pos += 3
            keep = wanted.get(number)
            chosen = [f for f in fields if f[0] in keep] if keep else []
            defs[local] = (number, big, offset, chosen)
            continue
        else:
            local = header & 0x0F
        definition = defs.get(local)
        if definition is None:
            raise _damaged(f"a message of local type {local} has no definition")
        number, big, width, chosen = definition
        if pos + width > end:
            raise _damaged("a message runs past the end")
        if chosen:
            out.append((number, _decode(view, pos, big, chosen)))
        pos += width
    return end + 2


def _decode(view: memoryview, pos: int, big: bool, fields: list) -> dict:
    values = {}
    order = ">" if big else "<"
    for field, offset, width, base in fields:
        fmt, invalid = _BASE.get(base & 0x1F, ("B", None))
        if fmt == "s":
            continue
        step = struct.calcsize(fmt)
        if not width or width % step:
            raise ActivityError(f"has a field {field} of {width} bytes for its type")
        raw = struct.unpack_from(f"{order}{width // step}{fmt}", view, pos + offset)
        found = [v for v in raw if v != invalid]
        if not found:
            continue
        values[field] = found[0] if len(raw) == 1 else tuple(raw)
    return values


def _session(message: dict) -> dict:
    """A session's fields by fitdecode's names, scaled as its profile says."""
    start = message.get(2)
    if isinstance(start, int) and start >= DEVICE_TIME_BELOW:
        start = FIT_EPOCH + dt.timedelta(seconds=start)

    def scaled(field: int, scale: int):
        value = message.get(field)
        return value / scale if isinstance(value, (int, float)) else value

    return {
        "start_time": start,
        "total_elapsed_time": scaled(7, 1000),
        "total_timer_time": scaled(8, 1000),
        "total_distance": scaled(9, 100),
        "sport": _enum("sport", message[5]) if 5 in message else None,
        "sub_sport": _enum("sub_sport", message[6]) if 6 in message else None,
    }


def _enum(kind: str, value: object) -> object:
    """An enum's name in fitdecode's profile ("running"), else the value itself."""
    if not isinstance(value, int):
        return value
    from fitdecode import profile

    return profile.FIELD_TYPES[kind].enum.get(value, value)


def _text(value: object, default: str) -> str:
    if value is None:
        return default
    if isinstance(value, (tuple, list)):
        raise ActivityError(f"has a sport that is not one value ({value!r:.40})")
    return str(value)


def _local_offset(message: dict) -> int | None:
    """The watch's zone: local_timestamp - timestamp, whole quarter hours within +-14 h."""
    local, moment = message.get(5), message.get(253)
    if not isinstance(local, int) or not isinstance(moment, int):
        return None
    quarter = round((local - moment) / 900) * 900
    return quarter if abs(quarter) <= 14 * 3600 else None
