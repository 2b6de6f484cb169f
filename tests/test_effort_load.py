"""Load by effort (issue #17): the "load" setting chooses distance or session RPE (effort x
minutes, Foster 2001) for the ratios and ramps. Hand-computed values through the store, Trends'
series, "Run today?", ``stats`` and the screens' words; spikes stay distance-based."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from conftest import TODAY

from backjournal.cli import cli
from backjournal.domain.activity import Activity
from backjournal.domain.load import LEAD_IN_DAYS
from backjournal.domain.models import DayEntry, Run, Settings, ValidationError
from backjournal.domain.readiness import acwr_reason, readiness, readiness_range
from backjournal.domain.trends import DayRow, RunRow, TrendData, build
from backjournal.store.trends import _psfs_ratings

WEEK = dt.date(2026, 11, 23)  # Monday of TODAY's week


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def srpe_data(sessions, runs=(), *, wake=(0, 0)) -> TrendData:
    """TrendData for readiness on TODAY, load by effort: ``sessions`` (date, effort, seconds),
    ``runs`` (date, km) for the distance side, this morning's waking scores known."""
    start, end = readiness_range(TODAY)
    first_day = TODAY - dt.timedelta(days=400)
    run_rows = tuple(RunRow(d, km * 1000) for d, km in sorted(runs))
    return TrendData(
        start=start,
        end=end,
        first_day=first_day,
        load_start=start - dt.timedelta(days=LEAD_IN_DAYS),
        daily=tuple((r.date, r.distance_m, 1) for r in run_rows),
        runs=run_rows,
        days=(DayRow(TODAY.isoformat(), back_wake=wake[0], leg_wake=wake[1]),),
        load_mode="srpe",
        sessions=tuple(sorted(sessions, key=lambda s: s[0])),
    )


def reasons(result, rule):
    return [r for r in result.reasons if r.rule == rule]


# --- the setting -------------------------------------------------------------------------------


def test_the_load_setting_is_stored_and_defaults_to_distance(journal):
    """A new journal uses distance; "srpe" is stored and read back; anything else is refused
    with the choices named, nothing stored."""
    assert journal.settings().load == "distance"
    journal.save_settings(Settings(load="srpe"))
    assert journal.settings().load == "srpe"
    with pytest.raises(ValidationError) as caught:
        journal.save_settings(Settings(load="heart rate"))
    assert caught.value.errors == {"load": "load must be distance or srpe (effort x minutes)"}
    assert journal.settings().load == "srpe"


# --- the store ---------------------------------------------------------------------------------


def fill(journal) -> None:
    """Runs and other activity with and without an effort, in the week of 16 November."""
    journal.save_day(
        DayEntry(
            "2026-11-16",
            runs=[Run(8000.0, duration_s=2400, effort=5)],  # 200 AU
            activities=[Activity("walk", 3600, effort=2)],  # 120 AU
        ),
        TODAY,
    )
    journal.save_day(DayEntry("2026-11-17", runs=[Run(5000.0, duration_s=1500)]), TODAY)
    journal.save_day(DayEntry("2026-11-18", runs=[Run(6000.0, effort=4)]), TODAY)  # no time


def test_data_follows_the_setting_and_reads_runs_and_other_activity(journal):
    """By effort, every run's and other activity's (date, effort, seconds) is read; by distance
    none is; the load of a day is then effort x minutes of both, missing ones counted."""
    fill(journal)
    plain = journal.trends.data("2026-11-16", "2026-11-22")
    assert (plain.load_mode, plain.sessions) == ("distance", ())
    journal.save_settings(Settings(load="srpe"))
    data = journal.trends.data("2026-11-16", "2026-11-22")
    assert data.load_mode == "srpe"
    assert sorted(data.sessions, key=str) == sorted(
        [
            ("2026-11-16", 5, 2400),
            ("2026-11-16", 2, 3600),
            ("2026-11-17", None, 1500),
            ("2026-11-18", 4, None),
        ],
        key=str,
    )
    i = (dt.date(2026, 11, 16) - data.loads_from).days
    assert data.loads()[i : i + 3] == [320.0, 0.0, 0.0]
    assert data.distances()[i : i + 3] == [8000.0, 5000.0, 6000.0]
    assert journal.trends.data("2026-11-16", "2026-11-22", load="distance").sessions == ()


def test_an_unknown_load_is_refused(journal):
    """data(load=...) names the loads it knows."""
    with pytest.raises(ValueError, match="unknown load 'pace'; loads are distance, srpe"):
        journal.trends.data("2026-11-16", "2026-11-22", load="pace")


def test_psfs_check_ins_are_read_for_the_range(journal):
    """Each PSFS check-in of the range, its activities and ratings in order."""
    journal.clinical.set_psfs_items(["run 10 km", "sit an hour", "lift"], "2026-11-01")
    journal.clinical.record_psfs("2026-11-02", [2, 4, 6], TODAY)
    journal.clinical.record_psfs("2026-11-09", [3, 5, 6], TODAY)
    journal.clinical.record_psfs("2026-11-09", [4, 5, 7], TODAY)  # the last of a day counts
    data = journal.trends.data("2026-11-03", "2026-11-22")
    assert data.psfs == (("2026-11-09", (("run 10 km", 4), ("sit an hour", 5), ("lift", 7))),)


@pytest.mark.parametrize(
    "answers",
    [
        "not json",
        '{"activity": "run", "rating": 3}',
        '[{"activity": "run", "rating": 11}]',
        '[{"activity": "run", "rating": true}]',
        '[{"activity": 3, "rating": 3}]',
        '["run"]',
    ],
)
def test_psfs_answers_not_as_written_are_left_out(answers):
    """A hand-edited check-in that is not the list of (activity, 0-10 rating) the journal writes
    is left out of the chart, not guessed at."""
    assert _psfs_ratings(answers) == ()


# --- Trends' series ----------------------------------------------------------------------------


def test_trends_series_by_effort(journal):
    """The load chart's buckets carry the load in AU beside the distance in metres; the distance
    chart stays in metres; the range's missing sessions are counted; spikes are the same."""
    fill(journal)
    journal.save_settings(Settings(load="srpe"))
    data = journal.trends.data("2026-11-16", "2026-11-22")
    charts = build(data, "2026-11-16", "2026-11-22", max_points=80)
    week = charts.load[0].values
    assert (week["load"], week["distance_m"], week["missing"]) == (320.0, 19000.0, 2)
    assert charts.load_mode == "srpe"
    assert charts.load_missing == (2, 4)
    assert [b.values["distance_m"] for b in charts.pain_mileage[:3]] == [8000.0, 5000.0, 6000.0]
    distance = build(
        journal.trends.data("2026-11-16", "2026-11-22", load="distance"),
        "2026-11-16",
        "2026-11-22",
        max_points=80,
    )
    assert distance.load[0].values["load"] == 19000.0
    assert distance.load_missing == (0, 0)
    assert charts.spikes == distance.spikes


def test_active_minutes_and_psfs_series(journal):
    """Active minutes per week add timed runs and other activity (40 + 60 + 25 = 125 min); the
    PSFS series holds each activity's rating and the mean on its check-in day."""
    fill(journal)
    journal.clinical.set_psfs_items(["run", "sit", "lift"], "2026-11-01")
    journal.clinical.record_psfs("2026-11-18", [2, 4, 9], TODAY)
    charts = build(
        journal.trends.data("2026-11-16", "2026-11-22"), "2026-11-16", "2026-11-22", max_points=80
    )
    assert [b.values["minutes"] for b in charts.active] == [125]
    assert charts.psfs_names == ("run", "sit", "lift")
    assert charts.psfs_checkins == 1
    on_day = charts.psfs[2].values
    assert (on_day["item0"], on_day["item1"], on_day["item2"], on_day["score"]) == (
        2.0,
        4.0,
        9.0,
        5.0,
    )
    assert charts.psfs[0].values["score"] is None


# --- Run today? --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "chronic", "level", "text"),
    [
        (
            1.6,
            560.0,
            "amber",
            "Load ratio by effort (EWMA) 1.60: above 1.5; never a red on its own.",
        ),
        (1.5, 560.0, "info", "Load ratio by effort (EWMA) 1.50."),
        (
            1.6,
            559.9,
            "info",
            "Load ratio by effort 1.60 not judged: under 20 AU (effort x minutes) a day over the "
            "last 28 days.",
        ),
    ],
)
def test_acwr_by_effort_floor_and_threshold(ratio, chronic, level, text):
    """By effort the ratio is judged from 20 AU a day over 28 days (560 AU: our choice), amber
    only above 1.5, and names Foster beside the ACWR sources."""
    r = acwr_reason(ratio, chronic, "srpe")
    assert (r.level, r.text) == (level, text)
    assert r.source == (
        "Williams et al. 2017 (EWMA ACWR); debated (Impellizzeri 2020); "
        "Foster et al., J Strength Cond Res 2001 (session RPE)"
    )


def test_two_week_ramp_by_effort():
    """300 AU two weeks ago (effort 5 for an hour), 420 AU this week (7 for an hour): +40 %,
    amber, said in AU; the runs' distances (all 10 km) have no ramp."""
    sessions = [("2026-11-09", 5, 3600), ("2026-11-16", 5, 3600), ("2026-11-23", 7, 3600)]
    runs = [("2026-11-09", 10.0), ("2026-11-16", 10.0), ("2026-11-23", 10.0)]
    result = readiness(srpe_data(sessions, runs), TODAY)
    [r] = reasons(result, "two-week-ramp")
    assert (r.level, r.text) == (
        "amber",
        "This week so far: 420 AU (effort x minutes), 40 % more than two weeks before "
        "(above 30 %).",
    )


def test_exactly_thirty_percent_by_effort_is_no_ramp():
    """300 AU then 390 AU (effort 6.5 is not a rating: 6 for 65 min) is exactly +30 %: no flag."""
    sessions = [("2026-11-09", 5, 3600), ("2026-11-23", 6, 3900)]
    assert reasons(readiness(srpe_data(sessions), TODAY), "two-week-ramp") == []


@pytest.mark.parametrize(
    ("missing", "tail"),
    [
        (0, ""),
        (1, " 1 of 28 sessions in the last 28 days has no effort or no time and counts as 0."),
        (2, " 2 of 28 sessions in the last 28 days have no effort or no time and count as 0."),
    ],
)
def test_the_effort_note_says_what_counts_and_what_is_missing(missing, tail):
    """Every day of the 28 to today has a session; ``missing`` of them lack an effort. The note
    names what the load is, and how many sessions count as 0 (none: nothing said about it)."""
    sessions = [(ago(n), 4, 1800) for n in range(missing, 28)]
    sessions += [(ago(n), None, 1800) for n in range(missing)]
    sessions.append((ago(28), None, 1800))  # outside the 28 days: not counted
    result = readiness(srpe_data(sessions), TODAY)
    [r] = reasons(result, "effort-load")
    assert r.level == "info"
    assert r.text == (
        "Load by effort: effort x minutes of runs and other activity (chosen in Settings)." + tail
    )
    assert r.source == "Foster et al., J Strength Cond Res 2001 (session RPE)"


def test_by_distance_there_is_no_effort_note():
    """The default load says nothing about efforts."""
    data = srpe_data([(ago(1), None, 1800)])
    from dataclasses import replace

    assert reasons(readiness(replace(data, load_mode="distance"), TODAY), "effort-load") == []


# --- stats -------------------------------------------------------------------------------------


def test_stats_json_and_table_by_effort(journal):
    """stats --json names the load and its unit; each row carries its load in AU and its
    sessions without an effort or a time; the table's legend says the same in words."""
    fill(journal)
    journal.save_settings(Settings(load="srpe"))
    runner = CliRunner()
    out = runner.invoke(
        cli, ["stats", "--weeks", "--from", "2026-11-16", "--to", "2026-11-22", "--json"]
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert (doc["load"], doc["load_unit"]) == ("srpe", "AU")
    row = doc["rows"][0]
    assert (row["load"], row["load_missing"], row["distance_m"]) == (320.0, 2, 19000.0)
    table = runner.invoke(cli, ["stats", "--weeks", "--from", "2026-11-16", "--to", "2026-11-22"])
    assert table.stdout.rstrip().endswith(
        "Load by effort (Settings): ACWR, EWMA and ramp use effort x minutes of runs and other "
        "activity (Foster 2001); 2 sessions without an effort or a time count as 0."
    )


def test_stats_json_by_distance_names_metres(journal):
    """The default load is distance, in metres: a row's load is its distance_m."""
    fill(journal)
    out = CliRunner().invoke(
        cli, ["stats", "--weeks", "--from", "2026-11-16", "--to", "2026-11-22", "--json"]
    )
    doc = json.loads(out.stdout)
    assert (doc["load"], doc["load_unit"]) == ("distance", "m")
    assert (doc["rows"][0]["load"], doc["rows"][0]["load_missing"]) == (19000.0, 0)


# --- the screens' words ------------------------------------------------------------------------


def test_trends_load_note_words():
    """The line over Trends' charts by effort, with none, one and several sessions missing."""
    from backjournal.tui.screens.trends import load_note

    head = "Load and ratios by effort x minutes of runs and other activity (Settings; Foster 2001)."
    assert load_note(0, 12) == head
    assert load_note(1, 1) == (
        head + " 1 of 1 session in this range has no effort or no time and counts as 0."
    )
    assert load_note(6, 55) == (
        head + " 6 of 55 sessions in this range have no effort or no time and count as 0."
    )


def test_effort_chart_titles():
    """The weekly chart by effort is titled in AU and draws the load, not the distance; with too
    little data it says so in the same pattern as the distance chart."""
    from test_charts import Recorder, bucket

    from backjournal.charts import trends as draw

    plt = Recorder()
    draw.weekly_load(
        plt,
        [bucket(0, load=300.0, distance_m=9.0), bucket(1, load=420.0, distance_m=9.0)],
        "km",
        mode="srpe",
    )
    assert plt.named("title")[0][0] == (
        "Effort x min (AU) per week · orange: two-week ramp over +30 % · △▲◆ spike",
    )
    [(args, _)] = plt.named("bar")
    assert list(args[1]) == [300.0, 420.0]
    plt = Recorder()
    draw.weekly_load(plt, [bucket(0, load=300.0)], "km", mode="srpe")
    assert plt.named("title")[0][0] == (
        "Weekly load by effort: too little data yet (2 weeks needed).",
    )


async def test_settings_choose_the_load_and_trends_follow(db_path):
    """Settings offers the load with its meaning spelled out; choosing effort x minutes stores it
    and Trends says, over its charts, what the load is and how many sessions it misses."""
    from textual.widgets import Static
    from uikit import build_app, settle

    from backjournal.store import Journal

    with Journal.open(db_path) as journal:
        fill(journal)
    app = build_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        assert str(app.screen.query_one("#load-hint", Static).content) == (
            "Effort x minutes (session RPE, Foster 2001): each run's and other activity's effort "
            "(0-10) times its minutes; other activity counts only in this mode. A session without "
            "an effort or a time counts as 0, and the screens say how many. Spikes stay "
            "distance-based."
        )
        select = app.screen.query_one("#load")
        assert select.value == "distance"
        await pilot.click("#load")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.journal.settings().load == "srpe"
        await pilot.press("4")
        await settle(pilot)
        note = app.screen.query_one("#load-note", Static)
        assert note.display
        assert str(note.content) == (
            "Load and ratios by effort x minutes of runs and other activity (Settings; Foster "
            "2001). 2 of 4 sessions in this range have no effort or no time and count as 0."
        )
    app.journal.close()


def test_a_stored_load_no_screen_offers_reads_as_distance(journal):
    """A hand-edited journal whose load setting is "heart rate": the ratios use distance."""
    with journal._writing() as conn:
        conn.execute("INSERT INTO setting (key, value) VALUES ('load', 'heart rate')")
    assert journal.trends.data("2026-11-16", "2026-11-22").load_mode == "distance"
