"""The tempo map: exact beat <-> time, bars from time signatures, chart JSON version 2."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.audio.render import click_times
from drumsync.core import ChartError, chart_hash, dumps_chart, generate_chart, loads_chart
from drumsync.core.chart import Chart, ChartMeta, Part
from drumsync.core.rating import rate_chart
from drumsync.core.tempo_map import TempoMap

# Two generated charts and their hashes / file digests before tempo maps existed.
OLD_HASHES = {
    (
        7,
        "rock",
        133.0,
        5,
        12,
        "split",
    ): "92c9ca05a0655ff900a898123078406c39772229530ec8d253f60a4e0ccada2a",
    (
        1,
        "euclidean",
        90.0,
        2,
        8,
        "unison",
    ): "002f5ab871df773a4bb7d2156cda42e3fb617e82f020d162bbd3a061ac59383c",
}


def changing_map() -> TempoMap:
    return TempoMap(
        tempo_beat=[0.0, 8.0],
        bpm=[120.0, 60.0],
        meter_beat=[0.0, 8.0],
        meter_num=[4, 3],
        meter_den=[4, 4],
        delay_beat=[4.0],
        delay_s=[0.5],
    )


def test_generated_charts_keep_their_hash_and_version_1():
    for (seed, style, bpm, difficulty, bars, parts), expected in OLD_HASHES.items():
        chart = generate_chart(
            seed=seed, style=style, bpm=bpm, difficulty=difficulty, bars=bars, parts=parts
        )
        assert chart.tempo_map is None
        assert chart_hash(chart) == expected
        assert json.loads(dumps_chart(chart))["version"] == 1


def test_seconds_follow_tempo_changes_and_delays():
    tm = changing_map()
    # 4 beats at 120 bpm = 2 s, the delay adds 0.5 s at beat 4, 4 more beats = 2 s, then 60 bpm
    got = tm.seconds_at([0.0, 2.0, 3.5, 4.0, 8.0, 9.0, -1.0])
    assert got == pytest.approx([0.0, 1.0, 1.75, 2.5, 4.5, 5.5, -0.5], abs=1e-12)


def test_bar_lines_follow_time_signatures():
    tm = changing_map()
    assert tm.bar_lines(5).tolist() == [0.0, 4.0, 8.0, 11.0, 14.0, 17.0]
    assert tm.bars_until(13.0) == 4
    six_eight = TempoMap([0.0], [90.0], [0.0], [6], [8])
    assert six_eight.bar_lines(3).tolist() == [0.0, 3.0, 6.0, 9.0]


def test_bad_maps_are_refused():
    for kwargs, fragment in (
        (dict(tempo_beat=[0.0], bpm=[-120.0]), "positive"),
        (dict(tempo_beat=[0.0], bpm=[0.0]), "positive"),
        (dict(tempo_beat=[1.0], bpm=[120.0]), "beat 0"),
        (dict(tempo_beat=[0.0, 0.0], bpm=[120.0, 100.0]), "increasing"),
        (
            dict(tempo_beat=[0.0], bpm=[120.0], meter_beat=[0.0], meter_num=[0], meter_den=[4]),
            "positive",
        ),
    ):
        with pytest.raises(ValueError, match=fragment):
            TempoMap(**kwargs)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 64), st.integers(30, 300)), min_size=0, max_size=6),
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 2000)), max_size=4),
    st.integers(30, 300),
    st.lists(st.integers(0, 800), min_size=1, max_size=30),
)
def test_beat_time_round_trip_matches_exact_arithmetic(changes, delays, first_bpm, quarters):
    """seconds_at agrees with Fraction arithmetic; beat_at inverts it away from delays."""
    beats, bpms = [0], [first_bpm]
    for step, bpm in changes:
        beats.append(beats[-1] + step)
        bpms.append(bpm)
    delay_beat = sorted(b / 4 for b, _ in delays)
    delay_ms = [ms for _, ms in delays]
    tm = TempoMap(beats, bpms, delay_beat=delay_beat, delay_s=[ms / 1000 for ms in delay_ms])
    for q in quarters:
        beat = Fraction(q, 4)
        exact = Fraction(0)
        for i, start in enumerate(beats):
            end = beats[i + 1] if i + 1 < len(beats) else None
            if beat > start:
                span = (beat if end is None else min(beat, Fraction(end))) - start
                exact += span * 60 / bpms[i]
        exact += sum(
            Fraction(ms, 1000) for b, ms in zip(delay_beat, delay_ms, strict=True) if b <= beat
        )
        assert abs(float(tm.seconds_at(float(beat))) - float(exact)) < 1e-9
        if float(beat) not in delay_beat:
            assert abs(float(tm.beat_at(tm.seconds_at(float(beat)))) - float(beat)) < 1e-6


def mapped_chart() -> Chart:
    tm = changing_map()
    meta = ChartMeta("mapped", "tja", 120.0, 4, 4, 0, 1, 0.0, "unison", 0)
    beats = np.array([0.0, 3.0, 4.0, 8.0, 9.5])
    part = Part(beat=beats, time_s=0.25 + tm.seconds_at(beats), voice=[0, 1, 2, 0, 3])
    return Chart(meta, (part, part), (), 0, 0.25, tm, "song.ogg")


def test_chart_follows_its_map():
    chart = mapped_chart()
    assert chart.end_beat == 14.0  # 4/4, 4/4, then two bars of 3/4
    assert chart.duration_s == pytest.approx(0.25 + 4.5 + 6.0)
    assert chart.bar_of_beat(np.array([0.0, 7.9, 8.0, 11.0])).tolist() == [0, 1, 2, 3]
    assert chart.time_to_beat(chart.beat_to_time(9.5)) == pytest.approx(9.5)
    times, accents = click_times(chart)
    assert times[accents].tolist() == pytest.approx(chart.beat_to_time([0, 4, 8, 11]).tolist())
    assert rate_chart(chart) > 0


def test_version_2_round_trip_and_hash():
    chart = mapped_chart()
    text = dumps_chart(chart)
    data = json.loads(text)
    assert data["version"] == 2 and data["audio_file"] == "song.ogg"
    assert data["tempo_map"]["tempos"] == [[0.0, 120.0], [8.0, 60.0]]
    back = loads_chart(text)
    assert back == chart and dumps_chart(back) == text
    assert chart_hash(back) == chart_hash(chart)
    slower = dataclasses.replace(
        chart, tempo_map=dataclasses.replace(chart.tempo_map, bpm=[120.0, 61.0])
    )
    assert chart_hash(slower) != chart_hash(chart)


def test_version_2_checks_times_against_the_map():
    data = json.loads(dumps_chart(mapped_chart()))
    data["parts"]["p1"][3]["time_s"] += 0.01
    with pytest.raises(ChartError, match=r"parts.p1\[3\].time_s: .* does not match beat 8.0"):
        loads_chart(json.dumps(data))
    data = json.loads(dumps_chart(mapped_chart()))
    data["tempo_map"]["tempos"][1][1] = -60.0
    with pytest.raises(ChartError, match=r"tempo_map.tempos\[1\]\[1\]"):
        loads_chart(json.dumps(data))


def test_highway_grid_and_bar_positions_follow_the_map():
    chart = mapped_chart()
    beats, is_bar = chart.grid_lines()
    assert beats[is_bar].tolist() == [0.0, 4.0, 8.0, 11.0, 14.0]  # the 3/4 bars included
    assert np.all(np.diff(beats) > 0) and beats[-1] == 14.0
    assert np.asarray(chart.bar_position([0.0, 6.0, 9.5, 14.0])).tolist() == [0.0, 1.5, 2.5, 4.0]
    generated = generate_chart(seed=3, style="rock", bpm=100.0, difficulty=2, bars=4)
    beats, is_bar = generated.grid_lines()
    assert beats[0] == -4.0 and beats[is_bar].tolist() == [-4.0, 0.0, 4.0, 8.0, 12.0, 16.0]
