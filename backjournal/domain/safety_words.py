"""Every safety sentence backjournal shows, in one place (CLINICAL.md, "Red flags: two tiers",
"Run today?").

The TUI banner, ``backjournal log``, ``check``, ``flags``, ``help-now``, ``stats`` and the report
all import their words from here, so that an emergency is worded the same way everywhere and a
change of wording is one change. Nothing here decides anything: the rules live in
:mod:`backjournal.domain.flags` and :mod:`backjournal.domain.readiness`.

Never diagnose, never say "safe" or "cure"; every piece of guidance names its source, and goes
with "guidance, not a verdict".
"""

from __future__ import annotations

# --- sources, named on screen --------------------------------------------------------------------

SOURCE_TIER1 = (
    "GIRFT National Suspected Cauda Equina Syndrome Pathway 2023; SBNS/BASS standards 2018; "
    "NICE CKS sciatica"
)
SOURCE_TIER2 = "NICE NG59 and NICE CKS low back pain"
SOURCE_ARTICLE = "the source article's own advice, not NICE"
SOURCE_PAIN = "Silbernagel et al. 2007, pain-monitoring model (from Achilles tendinopathy rehab)"
SOURCE_NRS = "NRS-11; a change of 2 points is clinically meaningful (Farrar 2001; Ostelo 2008)"
SOURCE_EXTENT = "extent of leg symptoms over 7 days (McKenzie)"
SOURCE_SPIKE = "Frandsen et al., BJSM 2025"
SOURCE_RAMP = "Nielsen et al., JOSPT 2014 (a weak signal)"
SOURCE_WEEKLY = "the traditional 10 % rule: not linked to injury (Nielsen 2014; Frandsen 2025)"
SOURCE_ACWR = "Williams et al. 2017 (EWMA ACWR); debated (Impellizzeri 2020)"
SOURCE_CLINICIAN = "your clinician"
SOURCE_STAY_ACTIVE = (
    "stay active: NICE CKS low back pain and sciatica; pain zones: Silbernagel et al. 2007"
)

GUIDANCE = "Guidance, not a verdict."

# --- the two tiers ------------------------------------------------------------------------------

TIER1_TITLE = "EMERGENCY: possible cauda equina syndrome"
TIER2_TITLE = "See a doctor within days"
TIER1_MESSAGE = (
    "These can be signs of cauda equina syndrome, which needs treatment within hours. "
    "Go to an emergency department now (UK: A&E or 999; US: ER or 911; EU: 112). "
    "Do not wait to see whether it settles."
)
TIER2_MESSAGE = "Contact your doctor in the next few days, sooner if it gets worse."
TIER_TITLES = {1: TIER1_TITLE, 2: TIER2_TITLE}
TIER_MESSAGES = {1: TIER1_MESSAGE, 2: TIER2_MESSAGE}
TIER_SOURCES = {1: SOURCE_TIER1, 2: SOURCE_TIER2}

# What each sign is called, by its code: the sentence that names it wherever it is shown.
SIGN_TEXT: dict[str, str] = {
    # Tier 1, from the daily check
    "saddle": "numbness or tingling in the saddle area (between the legs, genitals, back passage, "
    "inner buttocks)",
    "bladder": "new difficulty passing urine, new loss of bladder control or of its sensation, "
    "or new bowel incontinence",
    "sexual": "new sexual dysfunction (loss of genital sensation, new erection or ejaculation "
    "problems)",
    "weakness-worse": "leg weakness that is getting worse, weakness in both legs, or a foot that "
    "drops or slaps",
    # Tier 1, from the body map
    "saddle-map": "numbness or tingling marked on both buttocks",
    "both-legs": "nerve-like symptoms marked in both legs, at the thigh or below",
    "weakness-both": "weakness marked in both legs",
    # Tier 2, from the daily check
    "weakness": "an episode of weakness in one leg",
    "fever": "fever or feeling generally unwell with the back pain, or unexplained weight loss",
    "night": "pain that is constant, not eased by rest or position, or worse at night",
    "thoracic": "new pain in the mid or upper back",
    "trauma": "back pain after a fall, accident or other trauma",
    # Tier 2, from the body map and the scores
    "weakness-mark": "weakness marked on the body map",
    "severe-pain": "severe pain (7 or more) in the back or down a leg on 2 days running",
    # Tier 2, from the profile
    "cancer": "a history of cancer",
    "steroids": "long-term steroid use",
    "immunosuppression": "immunosuppression or IV drug use",
    "osteoporosis": "osteoporosis",
    "age-onset": "back pain that began before age 20 or after age 50",
}
# Signs whose advice comes from somewhere other than their tier's guideline.
SIGN_SOURCE: dict[str, str] = {"severe-pain": SOURCE_ARTICLE}
SEVERE_PAIN_ADVICE = (
    'The source article advises: "severe pain in the back or down the legs: consult your '
    'physician".'
)

# The daily check's questions: the full question (dialog, help-now) and a short label (Today).
CHECK_QUESTIONS: dict[str, str] = {
    "rf_saddle": "Numbness or tingling between the legs, genitals, back passage or inner buttocks?",
    "rf_bladder": "New trouble passing urine, new loss of bladder control or feeling, or new "
    "bowel incontinence?",
    "rf_sexual": "New loss of genital sensation, or new erection or ejaculation problems?",
    "rf_weakness_worse": "Leg weakness getting worse, weakness in both legs, or a foot that drops "
    "or slaps?",
    "rf_weakness": "An episode of weakness in one leg?",
    "rf_fever": "Fever or feeling generally unwell, or unexplained weight loss?",
    "rf_night": "Pain that is constant, not eased by rest or position, or worse at night?",
    "rf_thoracic": "New pain in the mid or upper back?",
    "rf_trauma": "Back pain after a fall, accident or other trauma?",
}
CHECK_SHORT: dict[str, str] = {
    "rf_saddle": "saddle numbness",
    "rf_bladder": "bladder/bowel",
    "rf_sexual": "sexual function",
    "rf_weakness_worse": "weakness worse/both legs",
    "rf_weakness": "one-leg weakness",
    "rf_fever": "fever/unwell",
    "rf_night": "constant/night pain",
    "rf_thoracic": "mid/upper back",
    "rf_trauma": "fall/trauma",
}
NONE_APPLY = "None of these today"

# The profile's questions.
PROFILE_QUESTIONS: dict[str, str] = {
    "cancer": "Have you ever had cancer?",
    "steroids": "Do you take steroids long-term (e.g. prednisolone)?",
    "immunosuppression": "Are you immunosuppressed, or have you used IV drugs?",
    "osteoporosis": "Have you been told you have osteoporosis?",
    "birth_year": "Year of birth",
}
PROFILE_INTRO = (
    "A few questions, asked once: some risk factors make back pain worth a doctor's look "
    "(NICE NG59). Skip any you prefer not to answer; change them later in Settings."
)

# --- outcomes ------------------------------------------------------------------------------------

OUTCOME_LABELS = {"seen": "seen by a clinician", "resolved": "resolved"}

# --- the safety net ------------------------------------------------------------------------------

HELP_TITLE = "When to get help"
BANNER_TIER1_HEAD = "!! EMERGENCY: GO TO AN EMERGENCY DEPARTMENT NOW !!"
BANNER_ACTIONS = "[o] record an outcome (seen by a clinician, or resolved) · [f1] when to get help"


def safety_net() -> str:
    """The "When to get help" card: both tiers, their signs and actions. Needs no data."""
    tier1 = [
        "saddle",
        "bladder",
        "sexual",
        "both-legs",
        "weakness-worse",
    ]
    tier2 = ["fever", "night", "thoracic", "trauma", "weakness", "severe-pain"]
    lines = [
        HELP_TITLE,
        "",
        f"!! {TIER1_TITLE.upper()} !!",
        "Any one of:",
        *(f"  - {SIGN_TEXT[code]}" for code in tier1),
        TIER1_MESSAGE,
        f"({SOURCE_TIER1})",
        "",
        f"{TIER2_TITLE}, sooner if worse:",
        *(f"  - {SIGN_TEXT[code]}" for code in tier2),
        "  - risk factors: a history of cancer, long-term steroids, immunosuppression or IV drug "
        "use, osteoporosis, back pain that began before 20 or after 50",
        TIER2_MESSAGE,
        f"({SOURCE_TIER2}; severe pain on 2 days running: {SOURCE_ARTICLE})",
        "",
        "backjournal records and points to help; it cannot tell what causes your symptoms. "
        + GUIDANCE,
    ]
    return "\n".join(lines)


# --- flags, as sentences -------------------------------------------------------------------------


def sign_line(code: str, since: str, detail: str = "") -> str:
    """``numbness or tingling ... (recorded 2026-11-20)``, with what made it worse if it did."""
    text = f"{SIGN_TEXT[code]} (recorded {since}"
    if detail:
        text += f"; {detail}"
    return text + ")"


def tier_block(tier: int, lines: list[str]) -> str:
    """One tier's message with the signs it names, for a terminal line or a banner."""
    head = TIER_TITLES[tier].upper() if tier == 1 else TIER_TITLES[tier]
    signs = "; ".join(lines)
    return f"{head}: {signs}. {TIER_MESSAGES[tier]} ({TIER_SOURCES[tier]})"


# --- a past day ----------------------------------------------------------------------------------
# Looking back at a day (PgUp on Today, ``check --date``), a flag active on that day is said to
# be active *then*. The action of its tier is about *now*: it is given, word for word, for a flag
# that is still active today (no outcome since, so the urgency stands: never softened); a flag
# answered since is named with the day, without an action that no longer applies.


def past_check_hint(day: str) -> str:
    """The daily check's hint on a past day (``day`` as shown, e.g. "Thu 3 Dec")."""
    return f"tick any sign of {day} (f1: when to get help)"


def past_check_collapsed(day: str) -> str:
    """The daily check folded to one line on a past day."""
    return f"□ none of these on {day} · Tab or a click to tick a sign"


CHECK_HINT = "tick any sign of today (f1: when to get help)"
CHECK_COLLAPSED = "□ none of these today · Tab or a click to tick a sign"


def past_flag_blocks(on_day, now, day: str) -> list[str]:
    """The banner's words on a past day: ``on_day`` the flags active on that day, ``now`` those
    active today. Those still active today: "Still active today" and their tier's words (the
    action is about now); the others: active on the day, with an outcome recorded since."""
    # The same flag is the same code recorded since the same day (one that was answered and
    # recorded again later is another).
    then = {(f.code, f.since) for f in on_day}
    still = [f for f in now if (f.code, f.since) in then]
    kept = {(f.code, f.since) for f in still}
    answered = [f for f in on_day if (f.code, f.since) not in kept]
    out = []
    if still:
        out.append(f"Active on {day} and still active today, with no outcome recorded:")
        out += flag_blocks(still)
    for f in answered:
        line = sign_line(f.code, f.since)
        out.append(f"Active on {day}, with an outcome recorded since: {line}.")
    return out


# --- readiness -----------------------------------------------------------------------------------

# Said with an amber or red "Run today?" that comes from pain (issue #20): what still counts.
STAY_ACTIVE = (
    "Staying active still counts: walking, cycling or swimming as comfortable, while pain during "
    "and after stays at 5 or below and settles by the next morning."
)

HEADLINES: dict[str, str] = {
    "unknown": "Unknown: record this morning's back and leg pain first.",
    "green": "Green: nothing recorded argues against running today.",
    "no-baseline": (
        "Not judged yet: this morning has no baseline to compare with (waking pain on 3 of the "
        "7 mornings before)."
    ),
    "amber": "Amber: if you run, keep it easy and no longer than usual.",
    "red": "Red: better not to run today.",
    "tier1": "Red: do not run: go to an emergency department now.",
    "tier2": "Red: contact your doctor before running.",
    "after-run": "Today's run is logged: here it is against the pain-monitoring model.",
}
RECORD_FIRST = "Record this morning's pain first (back and leg, on waking)."
# Run today? asked of a past day (``check --date``): the same rules, in words about that day
# (``{day}``, e.g. "Tue 24 Nov 2026"). A flag's action is about now: see past_flag_blocks.
PAST_HEADLINES: dict[str, str] = {
    "unknown": "Unknown: the back and leg pain on waking of {day} were not recorded.",
    "green": "Green: nothing recorded argued against running on {day}.",
    "no-baseline": (
        "Not judged: {day} had no baseline to compare with (waking pain on 3 of the 7 mornings "
        "before)."
    ),
    "amber": "Amber: on {day}, a run was better kept easy and no longer than usual.",
    "red": "Red: on {day}, better not to run.",
    "tier1": "Red: on {day}, an emergency sign was active: no running.",
    "tier2": "Red: on {day}, a red flag not yet seen by a clinician was active: no running.",
    "after-run": "The run on {day} is logged: here it is against the pain-monitoring model.",
}
PAST_RECORD_FIRST = "The pain on waking of {day} is not recorded (back and leg)."
ZONE_WORDS: dict[str, str] = {
    "low": "low (0-2)",
    "acceptable": "acceptable (3-5)",
    "too high": "too high (above 5)",
}
REST_DAY_AFTER = "no run today: not pain after a run"
# Today's pain columns on a rest day: no "during" or "after the run" (readiness reads neither).
REST_DAY_COLUMNS = {"during": "(no run)", "after": "End of day"}
REST_DAY_HINT = "No run: a rest day. Pain, sleep and a note still count; no pain after a run."


def _details(flag) -> str:
    """What was seen (regions, scores) and why a flag fired again, when known."""
    parts = (getattr(flag, "detail", ""), getattr(flag, "worse_than", ""))
    return "; ".join(p for p in parts if p)


def flag_blocks(flags) -> list[str]:
    """One sentence block per tier (Tier 1 first) for flags with ``tier``, ``code``, ``since``
    and ``worse_than`` (active flags): what the banner, ``log`` and ``check`` print."""
    out = []
    for tier in (1, 2):
        lines = [sign_line(f.code, f.since, _details(f)) for f in flags if f.tier == tier]
        if lines:
            out.append(tier_block(tier, lines))
    severe = [f for f in flags if f.code == "severe-pain"]
    if severe:
        out.append(SEVERE_PAIN_ADVICE + f" ({SOURCE_ARTICLE})")
    return out
