"""Other activity: the walks, rides, swims and sessions that keep a runner moving.

The method behind backjournal begins with "stay active": people with back pain who keep up their
daily activity recover fastest, and a runner whose leg symptoms stop the running should keep
moving in other ways. So a day with a walk or a ride but no run is an *active day*, not a rest
day, and its minutes count as active minutes.

Running load (distance, spikes, ramps, ACWR) stays computed from runs only, as the studies behind
it did (CLINICAL.md, "Training load"): other activity is shown beside it, never mixed into it.

Pain during and after an activity is one score each (the worse of back and leg, NRS 0-10), read
with the same pain-monitoring zones as a run's (Silbernagel 2007).
"""

from __future__ import annotations

from dataclasses import dataclass

from backjournal.domain.parse import InvalidValue, check_score

# The sports, in the order a picker offers them, with the words a user or a file may use for each.
SPORTS: tuple[str, ...] = (
    "walk",
    "hike",
    "ride",
    "swim",
    "elliptical",
    "row",
    "strength",
    "yoga",
    "other",
)
SPORT_LABELS: dict[str, str] = {
    "walk": "Walk",
    "hike": "Hike",
    "ride": "Ride",
    "swim": "Swim",
    "elliptical": "Elliptical",
    "row": "Rowing",
    "strength": "Strength",
    "yoga": "Yoga/Pilates",
    "other": "Other",
}
_ALIASES: dict[str, str] = {
    "walking": "walk",
    "hiking": "hike",
    "bike": "ride",
    "cycle": "ride",
    "cycling": "ride",
    "swimming": "swim",
    "cross-trainer": "elliptical",
    "crosstrainer": "elliptical",
    "rowing": "row",
    "gym": "strength",
    "weights": "strength",
    "pilates": "yoga",
}

MAX_ACTIVITY_S = 24 * 3600  # a single session of more than a day is a typing error
MAX_ACTIVITY_M = 1_000_000  # 1,000 km: more than any ride in a day
MAX_ACTIVITY_NOTE = 500


# What watches and apps call the sports that are not runs (GPX <type>, TCX Sport, FIT sport and
# sub-sport, Strava's activity types, some in the languages Strava exports are written in),
# compared lower case without spaces, dashes and underscores; any other sport is "other".
_FILE_SPORTS: dict[str, tuple[str, ...]] = {
    "walk": ("walk", "walking", "nordicwalking", "speedwalking", "casualwalking", "marche",
             "gehen", "spaziergang", "caminata", "camminata", "wandeling", "caminhada"),
    "hike": ("hike", "hiking", "mountaineering", "snowshoe", "snowshoeing", "trekking",
             "wanderung", "wandern", "randonnée", "senderismo", "escursionismo", "wandelen",
             "trilha"),
    "ride": ("ride", "biking", "cycling", "bike", "virtualride", "ebikeride", "mountainbikeride",
             "emountainbikeride", "gravelride", "velomobile", "handcycle", "indoorcycling",
             "roadbiking", "mountainbiking", "ebiking", "gravelcycling", "spinning", "radfahrt",
             "radfahren", "vélo", "sortieàvélo", "ciclismo", "pedalada", "fietsrit", "fietsen",
             "giroinbici"),
    "swim": ("swim", "swimming", "openwaterswimming", "lapswimming", "poolswim", "schwimmen",
             "natation", "natación", "nuoto", "zwemmen", "natação"),
    "elliptical": ("elliptical", "crosstrainer", "ellipticaltrainer"),
    "row": ("rowing", "row", "indoorrowing", "virtualrow", "rudern", "aviron", "remo"),
    "strength": ("weighttraining", "strengthtraining", "strength", "crossfit", "krafttraining",
                 "musculation"),
    "yoga": ("yoga", "pilates"),
}  # fmt: skip
_FROM_FILE = {name: kind for kind, names in _FILE_SPORTS.items() for name in names}


def sport_from_file(name: str) -> str:
    """The journal's sport for a sport named in an activity file (``Biking`` -> ``ride``,
    ``Hike`` -> ``hike``, ``Weight Training`` -> ``strength``); any other one is ``other``."""
    key = "".join(ch for ch in name.lower() if ch not in " _-\t") if isinstance(name, str) else ""
    return _FROM_FILE.get(key, "other")


def sport_of(word: str) -> str:
    """The sport a user's word names (``cycling`` -> ``ride``); raises InvalidValue otherwise."""
    key = word.strip().lower() if isinstance(word, str) else ""
    key = _ALIASES.get(key, key)
    if key in SPORTS:
        return key
    raise InvalidValue(
        f"'{word}' is not an activity; one of {', '.join(SPORTS)}",
    )


@dataclass
class Activity:
    """One session of something other than running.

    ``duration_s`` is required (active minutes are the point); ``distance_m`` is optional (a swim
    or a yoga session may have none); ``effort`` is the CR-10 rating, 0-10, if given.
    """

    sport: str
    duration_s: int
    distance_m: float | None = None
    effort: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    notes: str = ""
    id: int | None = None

    @property
    def minutes(self) -> int:
        """Whole minutes, rounded (what the week line and History show)."""
        return round(self.duration_s / 60) if _whole(self.duration_s) else 0

    def errors(self, prefix: str = "activity") -> dict[str, str]:
        """What is wrong with this activity, by field name (empty when it can be stored)."""
        errs: dict[str, str] = {}
        if self.sport not in SPORTS:
            errs[f"{prefix}.sport"] = f"activity must be one of {', '.join(SPORTS)}"
        if not (_whole(self.duration_s) and 60 <= self.duration_s <= MAX_ACTIVITY_S):
            errs[f"{prefix}.duration"] = "an activity lasts from 1 minute to 24 hours"
        if self.distance_m is not None and not (
            _number(self.distance_m) and 0 <= self.distance_m <= MAX_ACTIVITY_M
        ):
            errs[f"{prefix}.distance"] = "distance must be from 0 to 1,000 km"
        for name, what in (("effort", "effort"), ("pain_during", "pain"), ("pain_after", "pain")):
            value = getattr(self, name)
            if value is None:
                continue
            try:
                check_score(value, low=0, high=10, what=what)
            except InvalidValue as exc:
                errs[f"{prefix}.{name}"] = exc.message
        if not isinstance(self.notes, str):
            errs[f"{prefix}.notes"] = "the activity's note must be text"
        elif len(self.notes) > MAX_ACTIVITY_NOTE:
            errs[f"{prefix}.notes"] = f"a note has at most {MAX_ACTIVITY_NOTE} characters"
        else:
            try:
                self.notes.encode("utf-8")
            except UnicodeEncodeError:
                errs[f"{prefix}.notes"] = "the activity's note holds bytes that are not text"
        return errs


def _number(value: object) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and value == value
    )  # NaN is not equal to itself


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def active_minutes(run_seconds: list[int | None], activities: list[Activity]) -> int:
    """A day's active minutes: timed runs plus other activity (an untimed run adds nothing)."""
    seconds = sum(s for s in run_seconds if s) + sum(a.duration_s for a in activities)
    return round(seconds / 60)


def day_kind(runs: int, activities: int) -> str:
    """``run day``, ``active day`` (activity but no run) or ``rest day``: the words everywhere."""
    if runs:
        return "run day"
    if activities:
        return "active day"
    return "rest day"
