"""A Strava bulk export: ``activities.csv`` and the activity files it names.

Headers of every vintage are read: today's (``Activity ID,Activity Date,...``, with "Elapsed
Time" and "Distance" written twice: first in the account's unit, then in seconds and metres),
the older ``id,date,name,type,description,elapsed_time,distance,commute,gear,filename``, and
today's layout in the account's language, recognised by its shape (the same name at columns 6
and 16, and at 7 and 18) since its names are translated.

The ``Filename`` column is not trusted (issue #12): a name is read only as a relative path
inside the export folder, without ``..``, that resolves (symlinks followed) inside the folder,
to a regular file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from backjournal.io.activities import ActivityError, utc

# The columns we read, under each name Strava has given them.
_NAMES = {
    "id": ("Activity ID", "id"),
    "date": ("Activity Date", "date"),
    "name": ("Activity Name", "name"),
    "type": ("Activity Type", "type"),
    "elapsed": ("Elapsed Time", "elapsed_time"),
    "moving": ("Moving Time", "moving_time"),
    "distance": ("Distance", "distance"),
    "filename": ("Filename", "filename"),
    "workout": ("Workout Type", "workout_type"),
}
# Today's layout by position (0-based), for headers in another language.
_POSITIONS = {
    "id": [0],
    "date": [1],
    "name": [2],
    "type": [3],
    "elapsed": [5, 15],
    "distance": [6, 17],
    "filename": [12],
    "moving": [16],
}
_WORKOUT_TYPES = {
    "1": "race",
    "race": "race",
    "2": "long",
    "longrun": "long",
    "long": "long",
    "3": "other",
    "workout": "other",
}
_MONTHS = {
    # English, German, French, Spanish, Italian, Dutch, Portuguese abbreviations.
    **dict.fromkeys(["jan", "jän", "janv", "ene", "gen", "janeiro"], 1),
    **dict.fromkeys(["feb", "févr", "fev", "fév", "fevereiro"], 2),
    **dict.fromkeys(["mar", "mär", "mars", "maart", "março", "marzo"], 3),
    **dict.fromkeys(["apr", "avr", "abr"], 4),
    **dict.fromkeys(["may", "mai", "mei", "mag", "maio", "mayo"], 5),
    **dict.fromkeys(["jun", "juin", "giu", "juni", "junio", "junho"], 6),
    **dict.fromkeys(["jul", "juil", "lug", "juli", "julio", "julho"], 7),
    **dict.fromkeys(["aug", "août", "ago", "agosto"], 8),
    **dict.fromkeys(["sep", "sept", "set", "setembro"], 9),
    **dict.fromkeys(["oct", "okt", "ott", "out"], 10),
    **dict.fromkeys(["nov"], 11),
    **dict.fromkeys(["dec", "dez", "déc", "dic", "des"], 12),
}
_WORDY_DATE = re.compile(
    r"(?:(?P<m1>[^\W\d]+)\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\.?\s+(?:de\s+)?(?P<m2>[^\W\d]+)\.?)"
    r",?\s+(?:de\s+)?(?P<y>\d{4}),?\s+(?:um\s+|à\s+|a las\s+)?"
    r"(?P<H>\d{1,2}):(?P<M>\d{2}):(?P<S>\d{2})\s*(?P<p>[AaPp]\.?\s?[Mm]\.?)?$"
)


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
        """Strava's workout type as a journal run type (race, long run, workout), else easy."""
        key = re.sub(r"[\s_-]", "", self.workout_type.lower()).split(".")[0]
        return _WORKOUT_TYPES.get(key, "easy")


def _columns(header: list[str]) -> dict[str, list[int]]:
    """Where each column we read is: by name (today's or the older header), else by position
    when the header has today's shape in another language."""
    names = [h.strip() for h in header]
    where: dict[str, list[int]] = {}
    for key, spellings in _NAMES.items():
        found = [i for i, n in enumerate(names) if n in spellings]
        if found:
            where[key] = found
    if {"id", "date", "type"} <= where.keys():
        return where
    shaped = len(names) > 17 and names[5] == names[15] and names[6] == names[17]
    if shaped and names[0] != names[1]:
        return dict(_POSITIONS)
    missing = [_NAMES[k][0] for k in ("id", "date", "type") if k not in where]
    raise ActivityError(f"is not Strava's activities.csv (no column {', '.join(missing)})")


def parse_strava_csv(data: bytes) -> tuple[list[StravaRow], list[tuple[int, str]]]:
    """The activities of a Strava ``activities.csv``, and the (line, reason) of unreadable ones.

    Times are in seconds, dates in UTC. With two "Distance" columns the second (metres) is
    used; with one (the older export) it is in kilometres.
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
    where = _columns(header)

    def cell(row: list[str], key: str, last: bool = False) -> str:
        positions = where.get(key)
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
            when = strava_date(cell(row, "date"))
            metres_text = cell(row, "distance", last=True)
            metres = _finite(metres_text, "distance", 10**8) if metres_text else None
            if metres is not None and len(where.get("distance", [])) == 1:
                metres *= 1000  # one column: kilometres
            seconds_text = cell(row, "moving") or cell(row, "elapsed", last=True)
            seconds = round(_finite(seconds_text, "time", 10**7)) if seconds_text else None
        except (ValueError, ActivityError) as exc:
            problems.append((start, str(exc)))
            continue
        rows.append(
            StravaRow(
                line=start,
                activity_id=cell(row, "id"),
                started_at=when,
                name=cell(row, "name"),
                sport=cell(row, "type"),
                distance_m=round(metres, 1) if metres is not None else None,
                duration_s=seconds or None,
                filename=cell(row, "filename"),
                workout_type=cell(row, "workout"),
            )
        )
    return rows, problems


def _finite(text: str, what: str, high: float) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise ValueError(f"{what} '{text[:40]}' is not a number") from None
    if not math.isfinite(value) or not 0 <= value <= high:
        raise ValueError(f"{what} '{text[:40]}' is out of range")
    return value


def strava_date(text: str) -> dt.datetime:
    """A date as Strava writes it (in UTC), in English, ISO, or another language's words."""
    for fmt in ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return utc(dt.datetime.strptime(text, fmt), "date")
        except ValueError:
            continue
    for fmt in ("%d.%m.%Y, %H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d/%m/%Y, %H:%M:%S"):
        try:
            return utc(dt.datetime.strptime(text, fmt), "date")
        except ValueError:
            continue
    match = _WORDY_DATE.match(text.strip())
    if match:
        month_word = (match["m1"] or match["m2"]).lower().rstrip(".")
        month = _MONTHS.get(month_word) or _MONTHS.get(month_word[:3])
        hour = int(match["H"])
        if match["p"]:
            hour = hour % 12 + (12 if match["p"].lower().startswith("p") else 0)
        if month:
            try:
                moment = dt.datetime(
                    int(match["y"]), month, int(match["d1"] or match["d2"]),
                    hour, int(match["M"]), int(match["S"]),
                )  # fmt: skip
            except ValueError:
                pass
            else:
                return utc(moment, "date")
    raise ValueError(f"'{text[:40]}' is not a date Strava writes (e.g. Nov 20, 2026, 7:00:00 AM)")


def export_file(export_dir: Path, filename: str) -> Path:
    """The file that ``filename`` (from activities.csv) names inside ``export_dir``, or
    ActivityError: an absolute path, a ``..``, or a link leading out is refused unread."""
    if "\x00" in filename:
        raise ActivityError("is not a file name")
    posix, windows = PurePosixPath(filename), PureWindowsPath(filename)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or filename.startswith("~"):
        raise ActivityError("is an absolute path: only files inside the export are read")
    if ".." in posix.parts or ".." in windows.parts:
        raise ActivityError("leads out of the export folder (..): only files inside it are read")
    root = export_dir.resolve()
    path = root / posix
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise FileNotFoundError(filename) from None
    except (OSError, RuntimeError) as exc:
        raise ActivityError(f"cannot be read ({exc})") from None
    if not real.is_relative_to(root):
        raise ActivityError("is a link leading out of the export folder: not read")
    return real
