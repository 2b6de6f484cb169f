"""Simulated journals for the insights' statistics bar: pain that follows nothing but itself
(AR(1), rho 0.8), or that rises 3 points the morning after runs above the median. Built at the
domain level (a TrendData), not through SQLite, so that hundreds of them take seconds."""

from __future__ import annotations

import datetime as dt
import random

from backjournal.domain.trends import DayRow, RunRow, TrendData

START = dt.date(2026, 6, 1)  # a Monday
RHO = 0.8


def ar1(rng: random.Random, n: int, mean: float, sd: float) -> list[float]:
    """A stationary AR(1) series with correlation RHO from one day to the next."""
    noise = sd * (1 - RHO**2) ** 0.5
    x = [rng.gauss(0, sd)]
    for _ in range(n - 1):
        x.append(RHO * x[-1] + rng.gauss(0, noise))
    return [mean + v for v in x]


def clip(value: float, top: int = 10) -> int:
    return max(0, min(top, round(value)))


def journal(
    seed: int, weeks: int = 12, effect: float = 0.0, sd: float = 1.5, per_week: int = 4
) -> TrendData:
    """A journal of ``weeks`` weeks: ``per_week`` runs a week (the longest on trails, a fifth of
    the others too, shoes at random), back and leg pain AR(1) (rho 0.8, back with a spread of
    ``sd`` points), the body map filled in about one day in five with the extent following leg
    pain; ``effect`` points added to the next morning's back pain after each run above the
    journal's median distance, carried on by the AR(1)."""
    rng = random.Random(seed)
    n = weeks * 7
    runs: list[RunRow] = []
    distance: dict[int, float] = {}
    for week in range(weeks):
        days = sorted(rng.sample(range(7), per_week))
        for k, day in enumerate(days):
            i = week * 7 + day
            long = k == len(days) - 1
            metres = float(rng.randint(14, 22) * 1000 if long else rng.randint(5, 12) * 1000)
            distance[i] = metres
            runs.append(
                RunRow(
                    (START + dt.timedelta(days=i)).isoformat(),
                    metres,
                    type="long" if long else "easy",
                    surface="trail" if long or rng.random() < 0.2 else "road",
                    shoe_id=rng.choice((1, 2)),
                )
            )
    leg = ar1(rng, n + 1, 2.0, 1.2)
    # Back pain: AR(1) around 3 (around 1 with the effect, whose bumps raise the level), with
    # ``effect`` points added to the next morning after each run above the median, carried on
    # by the same AR(1) (pain eases back at the rate it always does).
    values = sorted(distance.values())
    m = len(values)
    median = (values[(m - 1) // 2] + values[m // 2]) / 2
    noise = sd * (1 - RHO**2) ** 0.5
    mean = 1.0 if effect else 3.0
    back = [mean + rng.gauss(0, sd)]
    for i in range(n):
        bump = effect if distance.get(i, 0.0) > median else 0.0
        back.append(mean + RHO * (back[-1] - mean) + rng.gauss(0, noise) + bump)
    rows = []
    for i in range(n + 1):
        # The body map is filled in now and then (about one day in five), as runners do.
        level = clip(leg[i] / 2, 5) if rng.random() < 0.2 else None
        rows.append(
            DayRow(
                (START + dt.timedelta(days=i)).isoformat(),
                back_wake=clip(back[i]),
                leg_wake=clip(leg[i]),
                extent_l=level,
                extent_r=None if level is None else 0,
            )
        )
    end = START + dt.timedelta(days=n - 1)
    return TrendData(
        start=START,
        end=end + dt.timedelta(days=1),
        first_day=START,
        daily=tuple(sorted((r.date, r.distance_m, 1) for r in runs)),
        runs=tuple(runs),
        days=tuple(rows),
    )


def stated(data: TrendData, outcome: str | None = None) -> list:
    """The comparisons of the journal's 12 weeks that state a difference (of ``outcome``)."""
    from backjournal.domain.insights import insights

    found = insights(data, data.start, data.end - dt.timedelta(days=1))
    return [i for i in found if i.stated and (outcome is None or i.outcome == outcome)]
