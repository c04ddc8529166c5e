"""Playability limits at every difficulty and several tempos, in both part modes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from drumsync.core.chart import STYLES
from drumsync.core.generator import generate_chart, min_gap_ms
from drumsync.core.voices import Voice

KICK, SNARE, HIHAT, CRASH = (int(v) for v in Voice)


def check_part(part, difficulty, bpm):
    times = part.time_s
    # Sorted by (time, voice), at most one note per voice and two notes per time.
    keys = list(zip(times.tolist(), part.voice.tolist(), strict=True))
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    _, per_time = np.unique(times, return_counts=True)
    assert per_time.max(initial=0) <= 2
    # The minimum gap between consecutive distinct note times.
    distinct = np.unique(times)
    if len(distinct) > 1:
        assert np.diff(distinct).min() * 1000.0 >= min_gap_ms(difficulty, bpm) - 1e-6
    assert np.all((part.velocity > 0.0) & (part.velocity <= 1.0))


@pytest.mark.parametrize(
    ("style", "difficulty", "bpm"),
    list(itertools.product(STYLES, range(1, 11), (60.0, 100.0, 140.0, 180.0, 240.0))),
)
def test_limits_hold_in_both_part_modes(style, difficulty, bpm):
    seed = difficulty * 7 + int(bpm)
    unison = generate_chart(seed, style, bpm, difficulty, 8, "unison")
    split = generate_chart(seed, style, bpm, difficulty, 8, "split")
    for chart in (unison, split):
        for part in chart.parts:
            check_part(part, difficulty, bpm)
    # Unison: both players play the same notes.
    assert unison.parts[0] == unison.parts[1]
    # Split: complementary voices, meeting on many time points.
    p1, p2 = split.parts
    assert set(p1.voice.tolist()) <= {KICK, SNARE}
    assert set(p2.voice.tolist()) <= {HIHAT, CRASH}
    t1, t2 = set(p1.time_s.tolist()), set(p2.time_s.tolist())
    assert len(t1 & t2) >= 0.5 * min(len(t1), len(t2))


@pytest.mark.parametrize("bpm", [40.0, 300.0])
@pytest.mark.parametrize("difficulty", [1, 10])
def test_limits_hold_at_the_tempo_extremes(bpm, difficulty):
    for style in STYLES:
        for parts in ("unison", "split"):
            chart = generate_chart(3, style, bpm, difficulty, 9, parts)
            for part in chart.parts:
                check_part(part, difficulty, bpm)


def onset_rate(chart):
    """Distinct note times per second of music, averaged over the players."""
    seconds = chart.end_beat * chart.seconds_per_beat
    return np.mean([len(np.unique(p.time_s)) / seconds for p in chart.parts])


def offbeat_share(chart):
    beats = np.concatenate([p.beat for p in chart.parts])
    return float(np.mean(beats % 1 != 0))


@pytest.mark.parametrize("style", STYLES)
def test_difficulty_shapes_density_and_syncopation(style):
    rates, offbeats = [], []
    for difficulty in range(1, 11):
        charts = [generate_chart(s, style, 120.0, difficulty, 16) for s in range(3)]
        rates.append(np.mean([onset_rate(c) for c in charts]))
        offbeats.append(np.mean([offbeat_share(c) for c in charts]))
    assert rates[-1] > 2.0 * rates[0]
    assert np.corrcoef(np.arange(10), rates)[0, 1] > 0.9
    assert np.corrcoef(np.arange(10), offbeats)[0, 1] > 0.7
    assert offbeats[-1] > offbeats[0]
