"""Generation on a song's own beat grid: notes on the song's beats, its form, its tempo."""

from __future__ import annotations

import numpy as np
import pytest

from drumsync.core import generate_chart
from drumsync.core.chart_io import dumps_chart, loads_chart
from drumsync.core.errors import ChartError
from drumsync.core.generator import fill_bars
from drumsync.core.generator.song_grid import SongGrid, grid_sections


def drifting_beats(bars: int, bpm: float = 110.0, start_s: float = 2.3) -> np.ndarray:
    k = np.arange(bars * 4)
    gaps = 60.0 / (bpm * (1.0 + 0.08 * np.sin(2 * np.pi * k / len(k))))
    return start_s + np.concatenate([[0.0], np.cumsum(gaps)])


def grid(bars: int = 32, **kwargs) -> SongGrid:
    energy = np.where((np.arange(bars) // 8) % 2 == 1, 1.0, 0.4)
    defaults = {"section_bars": (8, 16, 24), "bar_energy": energy, "audio_file": "song.ogg"}
    return SongGrid(beat_times_s=drifting_beats(bars), **{**defaults, **kwargs})


def test_notes_sound_on_the_songs_beats():
    g = grid()
    chart = generate_chart(3, "rock", g, 5, parts="split")
    assert chart.meta.bars == 32 and chart.tempo_map is not None
    offset = chart.tempo_map.audio_offset_s
    for part in chart.parts:
        on_beat = np.abs(part.beat - np.round(part.beat)) < 1e-9
        audio_s = part.time_s[on_beat] - offset
        expected = g.beat_times_s[np.round(part.beat[on_beat]).astype(int)]
        np.testing.assert_allclose(audio_s, expected, atol=1e-9)
        # off-beat notes fall between their beats, in proportion
        beat = part.beat[~on_beat]
        lo = g.beat_times_s[np.floor(beat).astype(int)]
        hi = g.beat_times_s[np.floor(beat).astype(int) + 1]
        frac = (part.time_s[~on_beat] - offset - lo) / (hi - lo)
        np.testing.assert_allclose(frac, beat - np.floor(beat), atol=1e-9)
    # the count-in fits before the first downbeat, and the audio never starts before time 0
    assert offset >= 0 and chart.count_in_start_s >= 0


def test_sections_follow_the_songs_form_and_energy():
    g = grid()
    sections = grid_sections(g)
    assert [s.start_bar for s in sections] == [0, 8, 16, 24]
    names = [s.name for s in sections]
    assert names[1] == names[3] == "chorus"  # the loud sections
    chart = generate_chart(3, "dance-pop", g, 6)
    assert chart.sections == sections
    fills = set(fill_bars(chart))
    assert {7, 15, 23, 31} <= fills  # a fill ends each section
    per_bar = np.bincount(chart.bar_of_beat(chart.parts[0].beat).astype(int), minlength=32)
    loud = per_bar[8:16].sum() + per_bar[24:32].sum()
    quiet = per_bar[0:8].sum() + per_bar[16:24].sum()
    assert loud > quiet  # density follows the energy


@pytest.mark.parametrize("difficulty", [1, 5, 10])
def test_difficulty_is_rated_as_before(difficulty):
    chart = generate_chart(9, "metal", grid(), difficulty)
    assert abs(chart.meta.rating - difficulty) <= 1.0


def test_same_seed_and_grid_give_the_same_bytes_and_the_chart_round_trips():
    a = dumps_chart(generate_chart(4, "euclidean", grid(), 4, parts="split"))
    b = dumps_chart(generate_chart(4, "euclidean", grid(), 4, parts="split"))
    assert a == b
    assert dumps_chart(loads_chart(a)) == a
    assert a != dumps_chart(generate_chart(5, "euclidean", grid(), 4, parts="split"))


def test_bars_shorten_and_a_grid_without_form_gets_an_invented_one():
    chart = generate_chart(2, "rock", grid(section_bars=None), 3, 16)
    assert chart.meta.bars == 16
    assert chart.sections and chart.sections[0].start_bar == 0
    with pytest.raises(ChartError, match="at most the song's 32"):
        generate_chart(2, "rock", grid(), 3, 40)


def test_constant_tempo_charts_are_unchanged():
    chart = generate_chart(7, "rock", 120.0, 4, 16)
    assert chart.tempo_map is None and chart.audio_file is None
    np.testing.assert_allclose(chart.parts[0].time_s, chart.lead_in_s + chart.parts[0].beat * 0.5)


@pytest.mark.parametrize(
    ("beats", "message"),
    [
        (np.arange(0.0, 4.0, 0.5), "whole bars"),
        (np.array([0.0, 1.0, 0.5, 2.0, 3.0] * 4), "increasing"),
        (np.arange(0.0, 85.0, 5.0), "bpm"),
    ],
)
def test_bad_grids_are_one_chart_error(beats, message):
    with pytest.raises(ChartError, match=message):
        SongGrid(beat_times_s=beats)
