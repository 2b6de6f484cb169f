"""Is an imported activity a run a person could have run? (issue #16)

A file can call anything a run: a car journey recorded with the watch in running mode (195.7 km
in two hours), a GPS glitch of 28 m. Such a "run" would distort every load figure, so an import
refuses it with its numbers, and ``--force`` keeps it. The bar is generous: faster than the men's
world record pace over that distance (interpolated between record distances on a log scale), or
shorter than :data:`MIN_RUN_M`.
"""

from __future__ import annotations

import math

MIN_RUN_M = 100.0
# (metres, seconds): world records on the road or track, men's, as of 2025; 24 hours at the end.
WORLD_RECORDS = (
    (100.0, 9.58),
    (200.0, 19.19),
    (400.0, 43.03),
    (800.0, 100.91),
    (1500.0, 206.0),
    (5000.0, 755.36),
    (10000.0, 1571.0),
    (21097.5, 3402.0),
    (42195.0, 7235.0),
    (100000.0, 21935.0),
    (319614.0, 86400.0),
)


def record_speed(metres: float) -> float:
    """The world record's average speed (m/s) over ``metres``."""
    points = [(math.log(m), m / s) for m, s in WORLD_RECORDS]
    x = math.log(max(metres, WORLD_RECORDS[0][0]))
    if x >= points[-1][0]:
        return points[-1][1]
    for (x0, v0), (x1, v1) in zip(points, points[1:], strict=False):
        if x <= x1:
            return v0 + (v1 - v0) * (x - x0) / (x1 - x0)
    return points[-1][1]  # pragma: no cover


def implausible(metres: float, seconds: int | None) -> str | None:
    """Why a run of ``metres`` in ``seconds`` cannot be a run, with its numbers, or None."""
    if metres < MIN_RUN_M:
        return f"{metres:.0f} m is under {MIN_RUN_M:.0f} m: not a run"
    if seconds:
        speed = metres / seconds
        if speed > record_speed(metres):
            return (
                f"{metres / 1000:.1f} km in {_hms(seconds)} is {speed * 3.6:.1f} km/h, faster "
                "than the world record over that distance: not a run"
            )
    return None


def _hms(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
