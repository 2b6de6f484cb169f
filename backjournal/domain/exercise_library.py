"""The built-in exercise library as data: one row per exercise (id, name, kind, what it targets,
how to do it in short steps, the default dose as people write it, and when to stop).

The staples of CLINICAL.md ("Exercise programme"): strengthening for the trunk and hips,
stretches, and gentle mobility, walking first. Steps are our own words; doses are starting points,
not prescriptions, and a clinician's programme replaces them. Every stop rule ends with
:data:`SPREAD_RULE`. :mod:`backjournal.domain.exercises` turns each row into an ``Exercise``
(reading the dose with its own parser, so a typo here fails at import and in the tests).
"""

from __future__ import annotations

# id, name, kind, targets, steps, dose, when to stop
Row = tuple[str, str, str, str, tuple[str, ...], str, str]

_STOP_SHARP = "Stop if back pain rises more than 2 points."
# Part of every exercise's stop rule (CLINICAL.md, "Exercise programme"); added by
# backjournal.domain.exercises to each row's own rule.
SPREAD_RULE = (
    "Stop if symptoms spread further down a leg, or tingling, numbness or weakness appear or grow."
)
# The prone press-up's caution (CLINICAL.md): its first step, shown before how to do it.
EXTENSION_CAUTION = (
    "Not if bending backwards brings on leg symptoms; ask a clinician first if you have spinal "
    "stenosis or spondylolysis."
)

# In the order a list shows them: strength, then stretches, then mobility.
BUILTIN_ROWS: tuple[Row, ...] = (
    (
        "glute-bridge",
        "Glute bridge",
        "strength",
        "glutes, hamstrings, lower back support",
        (
            "Lie on your back, knees bent, feet flat and hip-width apart.",
            "Tighten your belly and squeeze your buttocks.",
            "Lift your hips until knees, hips and shoulders line up.",
            "Hold for two breaths, then lower slowly.",
        ),
        "3 x 10",
        "Stop if you feel it in your lower back more than your buttocks, or pain goes down a leg.",
    ),
    (
        "bird-dog",
        "Bird dog",
        "strength",
        "deep back muscles, glutes, balance",
        (
            "Kneel on all fours, hands under shoulders, knees under hips.",
            "Keep your back flat, as if a glass sat on it.",
            "Reach one arm forward and the opposite leg back.",
            "Hold a moment, return, and switch sides.",
        ),
        "3 x 8 per side",
        "Stop if your back sags or twists and you cannot keep it still, or pain rises.",
    ),
    (
        "dead-bug",
        "Dead bug",
        "strength",
        "deep abdominals, trunk control",
        (
            "Lie on your back, arms up, hips and knees bent to 90 degrees.",
            "Press your lower back gently into the floor.",
            "Lower one arm and the opposite leg towards the floor.",
            "Come back and switch, keeping your back down.",
        ),
        "3 x 8 per side",
        "Stop if your lower back arches off the floor or pain rises.",
    ),
    (
        "side-plank",
        "Side plank",
        "strength",
        "obliques, quadratus lumborum, hip stabilisers",
        (
            "Lie on your side, elbow under your shoulder, knees bent (easier) or legs straight.",
            "Lift your hips so your body makes a straight line.",
            "Breathe normally while you hold.",
            "Lower with control and change sides.",
        ),
        "3 x 20 s hold per side",
        "Stop if your shoulder hurts or back pain rises; drop to the knees version first.",
    ),
    (
        "mcgill-curl-up",
        "McGill curl-up",
        "strength",
        "abdominals without bending the spine",
        (
            "Lie on your back, one knee bent, the other leg straight.",
            "Slide your hands under the small of your back.",
            "Lift head and shoulders a little, keeping your neck still.",
            "Hold for a breath or two, then lower; switch legs halfway.",
        ),
        "3 x 8",
        "Stop if your neck strains or back pain rises.",
    ),
    (
        "clamshell",
        "Clamshell",
        "strength",
        "gluteus medius, hip stability",
        (
            "Lie on your side, hips and knees bent, feet together.",
            "Keep your feet touching and your pelvis still.",
            "Open the top knee like a shell, then close it slowly.",
        ),
        "3 x 12 per side",
        "Stop if you feel it in your back rather than the side of the hip.",
    ),
    (
        "plank",
        "Plank",
        "strength",
        "whole trunk",
        (
            "Rest on forearms and toes (or knees, to start).",
            "Make a straight line from head to heels.",
            "Tighten your belly; do not let your hips sag.",
            "Breathe steadily while you hold.",
        ),
        "3 x 30 s hold",
        _STOP_SHARP,
    ),
    (
        "single-leg-rdl",
        "Single-leg Romanian deadlift",
        "strength",
        "hamstrings, glutes, balance for running",
        (
            "Stand on one leg with a soft knee.",
            "Hinge at the hip, reaching the other leg back, back flat.",
            "Go only as far as your back stays straight.",
            "Squeeze your buttock to stand tall again.",
        ),
        "3 x 8 per side",
        "Stop if your back rounds or pain rises; hold a wall for balance.",
    ),
    (
        "calf-raise",
        "Calf raise",
        "strength",
        "calves and Achilles, push-off",
        (
            "Stand with the balls of your feet on a step, holding a rail.",
            "Rise onto your toes as high as you can.",
            "Lower slowly below the step's edge.",
            "Move to one leg at a time when two is easy.",
        ),
        "3 x 15",
        "Stop if the Achilles or calf hurts sharply.",
    ),
    (
        "wall-sit",
        "Wall sit",
        "strength",
        "quadriceps, endurance without load on the spine",
        (
            "Lean your back against a wall, feet a step away.",
            "Slide down until your knees are bent about 60 to 90 degrees.",
            "Keep your back against the wall and hold.",
        ),
        "3 x 30 s hold",
        "Stop if a knee hurts; do not go deeper than is comfortable.",
    ),
    (
        "knee-to-chest",
        "Knee to chest",
        "stretch",
        "lower back, glutes",
        (
            "Lie on your back, knees bent.",
            "Bring one knee towards your chest, hands behind the thigh.",
            "Hold, breathing slowly, then change legs.",
            "Try both knees together when one is easy.",
        ),
        "2 x 30 s hold per side",
        _STOP_SHARP,
    ),
    (
        "hamstring-stretch",
        "Hamstring stretch",
        "stretch",
        "hamstrings",
        (
            "Lie on your back and loop a towel around one foot.",
            "Raise the leg, knee nearly straight, until you feel a gentle pull.",
            "Hold without bouncing, then change legs.",
        ),
        "2 x 30 s hold per side",
        "Stop if you feel tingling or pain down the leg (a nerve, not a muscle).",
    ),
    (
        "hip-flexor-stretch",
        "Hip flexor stretch (half-kneeling)",
        "stretch",
        "hip flexors, front of the hip",
        (
            "Kneel on one knee, the other foot flat in front.",
            "Tuck your pelvis under and squeeze the back buttock.",
            "Shift forward a little until the front of the hip stretches.",
            "Hold, then change sides.",
        ),
        "2 x 30 s hold per side",
        "Stop if your lower back arches and hurts; tuck the pelvis more.",
    ),
    (
        "piriformis-stretch",
        "Piriformis stretch (figure 4)",
        "stretch",
        "piriformis and deep hip rotators",
        (
            "Lie on your back, knees bent.",
            "Cross one ankle over the other knee.",
            "Pull the lower thigh towards you until the buttock stretches.",
            "Hold, then change sides.",
        ),
        "2 x 30 s hold per side",
        "Stop if it sends pain or tingling down the leg.",
    ),
    (
        "childs-pose",
        "Child's pose",
        "stretch",
        "lower back, lats",
        (
            "Kneel, big toes together, knees apart.",
            "Sit back towards your heels.",
            "Walk your hands forward and rest your forehead down.",
            "Breathe slowly into your back.",
        ),
        "3 x 30 s hold",
        "Stop if your knees hurt or back pain rises.",
    ),
    (
        "cat-camel",
        "Cat-camel",
        "mobility",
        "gentle spine movement",
        (
            "Kneel on all fours.",
            "Round your back slowly up towards the ceiling.",
            "Then let it sag gently, lifting your head.",
            "Move within what is comfortable; it is motion, not a stretch.",
        ),
        "2 x 10",
        "Stop at any sharp pain; keep the movement small.",
    ),
    (
        "prone-press-up",
        "Prone press-up",
        "mobility",
        "lower back extension",
        (
            EXTENSION_CAUTION,
            "Lie face down, hands under your shoulders.",
            "Push your upper body up, letting your hips and back relax.",
            "Go only as far as is comfortable, then lower.",
        ),
        "2 x 10",
        "Pain moving up towards the back is fine.",
    ),
    (
        "pelvic-tilt",
        "Pelvic tilt",
        "mobility",
        "lower back, deep abdominals",
        (
            "Lie on your back, knees bent, feet flat.",
            "Flatten your lower back into the floor by tilting your pelvis.",
            "Hold for a few seconds, then relax.",
        ),
        "2 x 10",
        "Stop at any sharp pain.",
    ),
    (
        "walking",
        "Walking",
        "mobility",
        "staying active: the first step for most back pain",
        (
            "Walk at an easy pace on even ground, upright, arms swinging.",
            "Start with what is comfortable, even five minutes, and add a little each day.",
            "Several short walks count as much as one long one.",
        ),
        "1 x 10 min",
        "Slow down or stop if pain rises more than 2 points.",
    ),
    (
        "nerve-glide",
        "Sciatic nerve slider",
        "mobility",
        "sciatic nerve (leg symptoms)",
        (
            "Sit tall on a chair.",
            "Straighten one knee while tilting your head back.",
            "Bend the knee while bringing your chin down.",
            "Move smoothly; it should feel like a gentle glide, not a stretch.",
            "Only when there are leg symptoms, and only if it eases rather than stirs them.",
        ),
        "2 x 10 per side",
        "Stop if tingling or numbness lasts after you stop.",
    ),
)
