"""The demo journal's generators: seeded, pure sample data for ``backjournal demo``, the
screenshots, the snapshot tests and the benchmarks.

Pure like ``domain`` (no Textual, no SQL, no clock, no I/O): each module yields values of the
domain's types for ``(today, years, seed)``, and ``backjournal.store.demo`` writes them. One
module per thing generated, all following one story:

- ``story``: the runner's years (flare-ups, sciatica, rehab, maintenance) as one state per day.
- ``days``: the day entries (runs, pain scores, body-map marks) that follow the story.
- ``shoes``: the demo's shoes and which run is run in which pair.
- ``exercises``: the exercise programme, its phase history and the ticks.

New demo data (treatments, other activities...) goes in a module of its own here that reads the
story's day states (``story.day_states``) and draws from a random generator of its own, so that
the days already generated stay the same; ``store/demo.py`` then writes it.
"""
