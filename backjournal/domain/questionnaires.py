"""The Oswestry Disability Index check-in (ODI 2.1a; Fairbank & Pynsent, Spine 2000).

Ten sections, each answered 0-5 (any may be skipped). Score = sum / (5 x answered) x 100:
skipped sections shrink the denominator (CLINICAL.md: 16 over 10 sections is 32 %, over 9 is
35.6 %). The answer texts below are our own words for the same ten topics and six steps; they are
not the licensed wording of the questionnaire.
"""

from __future__ import annotations

from dataclasses import dataclass

ODI_VERSION = "2.1a-bj1"  # the scoring of ODI 2.1a, with backjournal's own answer texts
ODI_MDC = 10  # minimal detectable change, in points

ODI_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Pain intensity",
        (
            "I have no pain at the moment",
            "The pain is very mild at the moment",
            "The pain is moderate at the moment",
            "The pain is fairly severe at the moment",
            "The pain is very severe at the moment",
            "The pain is the worst imaginable at the moment",
        ),
    ),
    (
        "Personal care (washing, dressing)",
        (
            "I look after myself normally without extra pain",
            "I look after myself normally, but it is painful",
            "Looking after myself is painful and I am slow and careful",
            "I need some help but manage most of my personal care",
            "I need help every day with most of my personal care",
            "I cannot dress, I wash with difficulty and stay in bed",
        ),
    ),
    (
        "Lifting",
        (
            "I can lift heavy things without extra pain",
            "I can lift heavy things, but it gives extra pain",
            "Pain stops me lifting heavy things off the floor, not from a table",
            "Pain stops me lifting heavy things; light to medium things are fine if handy",
            "I can lift only very light things",
            "I cannot lift or carry anything",
        ),
    ),
    (
        "Walking",
        (
            "Pain does not stop me walking any distance",
            "Pain stops me walking more than about 1.5 km (1 mile)",
            "Pain stops me walking more than about 800 m (half a mile)",
            "Pain stops me walking more than about 400 m (a quarter mile)",
            "I can only walk with a stick or crutches",
            "I am in bed most of the time",
        ),
    ),
    (
        "Sitting",
        (
            "I can sit in any chair as long as I like",
            "I can sit in my favourite chair as long as I like",
            "Pain stops me sitting for more than an hour",
            "Pain stops me sitting for more than half an hour",
            "Pain stops me sitting for more than ten minutes",
            "Pain stops me sitting at all",
        ),
    ),
    (
        "Standing",
        (
            "I can stand as long as I want without extra pain",
            "I can stand as long as I want, but it gives extra pain",
            "Pain stops me standing for more than an hour",
            "Pain stops me standing for more than half an hour",
            "Pain stops me standing for more than ten minutes",
            "Pain stops me standing at all",
        ),
    ),
    (
        "Sleeping",
        (
            "Pain never disturbs my sleep",
            "Pain occasionally disturbs my sleep",
            "Because of pain I sleep less than 6 hours",
            "Because of pain I sleep less than 4 hours",
            "Because of pain I sleep less than 2 hours",
            "Pain stops me sleeping at all",
        ),
    ),
    (
        "Sex life (skip if it does not apply)",
        (
            "My sex life is normal and causes no extra pain",
            "My sex life is normal but causes some extra pain",
            "My sex life is nearly normal but very painful",
            "My sex life is severely restricted by pain",
            "My sex life is nearly absent because of pain",
            "Pain prevents any sex life at all",
        ),
    ),
    (
        "Social life",
        (
            "My social life is normal and gives me no extra pain",
            "My social life is normal but increases the pain",
            "Pain only stops my more energetic interests, such as sport",
            "Pain restricts my social life and I go out less often",
            "Pain has restricted my social life to my home",
            "I have no social life because of pain",
        ),
    ),
    (
        "Travelling",
        (
            "I can travel anywhere without pain",
            "I can travel anywhere, but it gives extra pain",
            "Pain is bad, but I manage journeys over two hours",
            "Pain restricts me to journeys of less than an hour",
            "Pain restricts me to short necessary journeys under 30 minutes",
            "Pain prevents me from travelling except for treatment",
        ),
    ),
)

ODI_BANDS: tuple[tuple[float, str], ...] = (
    (20, "minimal disability"),
    (40, "moderate disability"),
    (60, "severe disability"),
    (80, "crippled"),
    (100, "bed-bound"),
)


@dataclass(frozen=True)
class OdiResult:
    """A scored check-in: the percentage (one decimal) and its band."""

    score: float
    band: str
    answered: int


def odi_score(answers: list[int | None]) -> OdiResult | None:
    """Score ten answers (0-5, None for skipped); None when every section was skipped."""
    if len(answers) != len(ODI_SECTIONS):
        raise ValueError(f"the ODI has {len(ODI_SECTIONS)} sections, not {len(answers)}")
    given = [a for a in answers if a is not None]
    for answer in given:
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 5:
            raise ValueError(f"an ODI answer is 0-5, not {answer!r}")
    if not given:
        return None
    score = round(sum(given) / (5 * len(given)) * 100, 1)
    return OdiResult(score, odi_band(score), len(given))


def odi_band(score: float) -> str:
    """The band of an ODI percentage: 0-20 minimal ... 81-100 bed-bound (CLINICAL.md)."""
    for upper, band in ODI_BANDS:
        if score <= upper:
            return band
    return ODI_BANDS[-1][1]
