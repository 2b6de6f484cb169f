"""The Oswestry Disability Index check-in (ODI 2.1a; Fairbank & Pynsent, Spine 2000).

Ten sections, each answered 0-5 (any may be skipped). Score = sum / (5 x answered) x 100:
skipped sections shrink the denominator (CLINICAL.md: 16 over 10 sections is 32 %, over 9 is
35.6 %). A check-in is scored only with at least :data:`ODI_MIN_ANSWERED` (8) of the 10 sections
answered; with fewer it is kept, "not scored (6 of 10 answered; 8 needed)".

The questions are paraphrased: the section names and the six steps of each follow ODI 2.1a, but
every sentence below is our own wording (each was compared with the published 2.1a text and
rewritten where it copied it), so the score is "Oswestry-style", and the dialog says so. Bands
(CLINICAL.md): 0-20 minimal, 21-40 moderate, 41-60 severe, 61-80 very severe, 81-100 extreme. A
change of 10 points or more is beyond measurement error (MDC and MCID about 10; Ostelo 2008).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ODI_VERSION = "2.1a-bj2"  # the scoring of ODI 2.1a, with backjournal's own wording (second)
ODI_MDC = 10  # points: a change this large is beyond measurement error (Ostelo 2008)
ODI_MIN_ANSWERED = 8  # sections that must be answered for a score
PARAPHRASED = (
    "Our own wording of the Oswestry Disability Index 2.1a (Fairbank & Pynsent 2000): an "
    "Oswestry-style score."
)

ODI_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Pain right now",
        (
            "No pain right now",
            "Very slight pain right now",
            "Middling pain right now",
            "Quite bad pain right now",
            "Very bad pain right now",
            "The worst pain I can imagine, right now",
        ),
    ),
    (
        "Washing and dressing",
        (
            "Washing and dressing go as usual and add no pain",
            "Washing and dressing go as usual, but they add to the pain",
            "Washing and dressing hurt, so I go slowly and with care",
            "With a little help I manage most of washing and dressing",
            "Most days I need help with most of washing and dressing",
            "I stay in bed, barely wash and do not get dressed",
        ),
    ),
    (
        "Lifting",
        (
            "Heavy things: I lift them and it adds no pain",
            "Heavy things: I lift them, but it adds to the pain",
            "Heavy things from the floor hurt too much; from a table or bench I manage",
            "Heavy things hurt too much; light or middling ones I manage when within easy reach",
            "Only very light things are possible for me to lift",
            "Nothing at all: lifting and carrying are beyond me",
        ),
    ),
    (
        "Walking",
        (
            "I walk as far as I like; pain sets no limit",
            "Pain cuts my walks short of about 1.5 km (1 mile)",
            "Pain cuts my walks short of about 800 m (half a mile)",
            "Pain cuts my walks short of about 100 m (100 yards)",
            "Walking needs a stick or crutches",
            "I spend most of the day in bed",
        ),
    ),
    (
        "Sitting",
        (
            "Any chair, for as long as I want",
            "Only my own favourite chair, for as long as I want",
            "Pain ends any sitting after about an hour",
            "Pain ends any sitting after about half an hour",
            "Pain ends any sitting after about ten minutes",
            "Pain makes sitting impossible",
        ),
    ),
    (
        "Standing",
        (
            "Standing for as long as I want adds no pain",
            "Standing for as long as I want is possible, but it adds to the pain",
            "Pain ends any standing after about an hour",
            "Pain ends any standing after about half an hour",
            "Pain ends any standing after about ten minutes",
            "Pain makes standing impossible",
        ),
    ),
    (
        "Sleep",
        (
            "Pain never wakes me or keeps me awake",
            "Pain now and then spoils a night",
            "Pain leaves me under 6 hours of sleep",
            "Pain leaves me under 4 hours of sleep",
            "Pain leaves me under 2 hours of sleep",
            "Pain allows me no sleep at all",
        ),
    ),
    (
        "Sex (skip if it does not apply)",
        (
            "Sex is as usual and adds no pain",
            "Sex is as usual but adds some pain",
            "Sex is almost as usual but hurts a lot",
            "Pain limits sex a great deal",
            "Because of pain there is hardly any sex",
            "Because of pain there is no sex at all",
        ),
    ),
    (
        "Social life",
        (
            "Going out and seeing people as usual, with no extra pain",
            "Going out and seeing people as usual, but it adds to the pain",
            "Pain limits only my more active pastimes, such as sport",
            "Because of pain I go out less than I used to",
            "Because of pain I see people only at home",
            "Pain keeps me from seeing anyone socially",
        ),
    ),
    (
        "Travel",
        (
            "Trips of any length, with no pain",
            "Trips of any length, but they add to the pain",
            "Trips hurt a lot, yet I manage ones of more than two hours",
            "Pain keeps my trips under an hour",
            "Pain keeps me to short trips I must make, under half an hour",
            "Pain keeps me from travelling, except to get treatment",
        ),
    ),
)

ODI_BANDS: tuple[tuple[float, str], ...] = (
    (20, "minimal"),
    (40, "moderate"),
    (60, "severe"),
    (80, "very severe"),
    (100, "extreme"),
)


@dataclass(frozen=True)
class OdiResult:
    """A check-in: the percentage (one decimal) and its band, or None for both when fewer than
    :data:`ODI_MIN_ANSWERED` sections were answered (not scored)."""

    score: float | None
    band: str | None
    answered: int

    @property
    def scored(self) -> bool:
        return self.score is not None

    @property
    def text(self) -> str:
        """``32 % (moderate)``, number first; or ``not scored (6 of 10 answered; 8 needed)``."""
        if self.score is None:
            return not_scored(self.answered)
        return f"{self.score:.0f} % ({self.band})"


def not_scored(answered: int) -> str:
    return f"not scored ({answered} of {len(ODI_SECTIONS)} answered; {ODI_MIN_ANSWERED} needed)"


def odi_score(answers: list[int | None]) -> OdiResult | None:
    """Score ten answers (0-5, None for skipped); None when every section was skipped, a result
    without a score when fewer than 8 were answered."""
    if len(answers) != len(ODI_SECTIONS):
        raise ValueError(f"the ODI has {len(ODI_SECTIONS)} sections, not {len(answers)}")
    given = [a for a in answers if a is not None]
    for answer in given:
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 5:
            raise ValueError(f"an ODI answer is 0-5, not {answer!r}")
    if not given:
        return None
    if len(given) < ODI_MIN_ANSWERED:
        return OdiResult(None, None, len(given))
    score = round(sum(given) / (5 * len(given)) * 100, 1)
    return OdiResult(score, odi_band(score), len(given))


def odi_band(score: float) -> str:
    """The band of an ODI percentage: 0-20 minimal ... 81-100 extreme (CLINICAL.md); a score
    above a band's upper bound is in the next band (20 minimal, 20.1 moderate)."""
    if not 0 <= score <= 100:
        raise ValueError(f"an ODI score is 0-100 %, not {score!r}")
    return next(band for upper, band in ODI_BANDS if score <= upper)


def odi_change(first: tuple[str, float], latest: tuple[str, float]) -> str | None:
    """The change from the first score (date, score) to the latest, and whether it passes the 10
    points of measurement error: ``-14 points since 2 Mar 2026, beyond the 10 points of
    measurement error``. None when the latest is the first."""
    if first[0] == latest[0]:
        return None
    change = round(latest[1] - first[1])
    since = dt.date.fromisoformat(first[0])
    when = f"since {since.day} {since:%b %Y}"
    if abs(change) >= ODI_MDC:
        verdict = f"beyond the {ODI_MDC} points of measurement error"
    else:
        verdict = f"within the {ODI_MDC} points of measurement error"
    return f"{change:+d} points {when}, {verdict}" if change else f"no change {when}"
