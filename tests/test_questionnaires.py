"""The Oswestry-style check-in (issue #14): scored only with 8 of 10 sections answered, number
first with CLINICAL.md's neutral bands, the change from the first score against the 10 points of
measurement error, and questions in our own words."""

from __future__ import annotations

import pytest
from conftest import TODAY

from backjournal.domain.questionnaires import (
    ODI_SECTIONS,
    PARAPHRASED,
    odi_band,
    odi_change,
    odi_score,
)
from backjournal.tui.daytext import odi_text

# Sentences of the published ODI 2.1a that our wording must not repeat (a sample per section,
# as remembered from the published form).
PUBLISHED = (
    "I have no pain at the moment",
    "The pain is very mild at the moment",
    "The pain is fairly severe at the moment",
    "The pain is the worst imaginable at the moment",
    "I can look after myself normally without causing extra pain",
    "It is painful to look after myself and I am slow and careful",
    "I can lift heavy weights without extra pain",
    "I can only lift very light weights",
    "I cannot lift or carry anything",
    "Pain does not prevent me walking any distance",
    "I am in bed most of the time",
    "I can sit in any chair as long as I like",
    "Pain prevents me from sitting at all",
    "I can stand as long as I want without extra pain",
    "My sleep is never disturbed by pain",
    "Pain prevents me from sleeping at all",
    "My sex life is normal and causes no extra pain",
    "Pain prevents any sex life at all",
    "My social life is normal and gives me no extra pain",
    "I have no social life because of pain",
    "I can travel anywhere without pain",
    "Pain restricts me to journeys of less than one hour",
)


@pytest.mark.parametrize(
    ("answers", "text"),
    [
        ([2] * 8 + [None] * 2, "40 % (moderate)"),
        ([1] * 10, "20 % (minimal)"),
        ([5] * 9 + [None], "100 % (extreme)"),
        ([3] * 7 + [None] * 3, "not scored (7 of 10 answered; 8 needed)"),
        ([0] + [None] * 9, "not scored (1 of 10 answered; 8 needed)"),
    ],
)
def test_scored_only_with_eight_of_ten(answers, text):
    """Eight answered sections or more give a score, number first; fewer, "not scored"."""
    result = odi_score(answers)
    assert result.text == text
    assert result.scored is (len([a for a in answers if a is not None]) >= 8)


def test_the_change_from_the_first_score():
    """-14 points passes the 10 points of measurement error; +6 does not; the first is none."""
    first = ("2026-03-02", 40.0)
    assert odi_change(first, ("2026-11-20", 26.0)) == (
        "-14 points since 2 Mar 2026, beyond the 10 points of measurement error"
    )
    assert odi_change(first, ("2026-11-20", 46.0)) == (
        "+6 points since 2 Mar 2026, within the 10 points of measurement error"
    )
    assert odi_change(first, ("2026-11-20", 30.0)).startswith("-10 points since 2 Mar 2026, beyond")
    assert odi_change(first, first) is None


def test_today_shows_the_number_first_and_the_change():
    """Today's line: the score and band (from the score, not an old stored name), the change."""
    text = odi_text(("2026-11-20", 26.0, "crippled"), TODAY, ("2026-03-02", 40.0, "moderate"))
    assert "26 % (moderate) on Fri 20 Nov 2026 · -14 points since 2 Mar 2026, beyond" in text
    assert "crippled" not in text


def test_a_short_check_in_is_stored_without_a_score(journal):
    """Six answers: kept with its answers, no score, left out of the scores read."""
    result = journal.symptoms.save_odi("2026-11-20", [1] * 6 + [None] * 4)
    assert not result.scored and result.answered == 6
    assert journal.symptoms.odi_scores() == []
    row = journal.conn.execute("SELECT score, band, answers FROM questionnaire").fetchone()
    assert row[0] is None and row[1] is None and row[2].startswith("[1, 1")
    journal.symptoms.save_odi("2026-11-21", [2] * 10)
    assert journal.symptoms.odi_scores() == [("2026-11-21", 40.0, "moderate")]


def test_the_questions_are_our_own_words():
    """No answer repeats a sentence of the published ODI 2.1a; the dialog says they are
    paraphrased and that the score is Oswestry-style."""
    ours = [text.lower() for _, texts in ODI_SECTIONS for text in texts]
    for sentence in PUBLISHED:
        assert sentence.lower() not in ours, sentence
        assert not any(sentence.lower() in text for text in ours), sentence
    assert len(ODI_SECTIONS) == 10 and all(len(t) == 6 for _, t in ODI_SECTIONS)
    assert "Oswestry-style" in PARAPHRASED and "wording" in PARAPHRASED


def test_no_band_calls_anyone_crippled():
    """The band names are CLINICAL.md's neutral ones."""
    bands = {odi_score([a] * 10).band for a in range(6)}
    assert bands <= {"minimal", "moderate", "severe", "very severe", "extreme"}


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "minimal"),
        (20, "minimal"),
        (20.1, "moderate"),
        (40, "moderate"),
        (40.1, "severe"),
        (60, "severe"),
        (60.1, "very severe"),
        (80, "very severe"),
        (80.1, "extreme"),
        (100, "extreme"),
    ],
)
def test_each_band_ends_at_its_upper_bound(score, band):
    """CLINICAL.md's bands 0-20, 21-40, 41-60, 61-80, 81-100: each bound is in its band."""
    assert odi_band(score) == band


@pytest.mark.parametrize("score", [-0.1, 100.1])
def test_a_score_outside_0_to_100_has_no_band(score):
    with pytest.raises(ValueError, match="0-100"):
        odi_band(score)


def test_the_score_has_one_decimal():
    """CLINICAL.md's example: 16 points over 9 sections is 35.6 %."""
    result = odi_score([2] * 7 + [1, 1] + [None])
    assert result.score == 35.6 and result.text == "36 % (moderate)"


@pytest.mark.parametrize("answer", [6, -1, True, "3", 2.0])
def test_an_answer_outside_0_to_5_is_refused(answer):
    with pytest.raises(ValueError, match="an ODI answer is 0-5"):
        odi_score([answer] + [1] * 9)


def test_a_result_cannot_be_changed():
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        odi_score([1] * 10).score = 0  # type: ignore[misc]
