"""Placing sounds at exact samples: drums, clicks, practice rate, part mixing."""

from __future__ import annotations

import numpy as np
import pytest
from test_audio_charts import C, H, K, S, chart_from_notes

from drumsync.audio.kit import PAN, get_kit, velocity_gain
from drumsync.audio.render import (
    chart_drum_notes,
    click_times,
    open_hat_mask,
    pan_gains,
    place,
    render_click,
    render_drums,
    track_frames,
)
from drumsync.audio.song import check_parts, render_song
from drumsync.audio.timebase import check_rate, sample_index

RATE = 44100


def test_sample_index_rounds_song_time_scaled_by_rate():
    assert sample_index(1.0) == 44100
    assert sample_index(1.0, rate=0.5) == 88200
    assert sample_index(0.5 / 44100 + 1e-9) == 1
    assert list(sample_index(np.array([0.0, 0.25]), 1.0)) == [0, 11025]
    with pytest.raises(ValueError):
        check_rate(0.25)
    with pytest.raises(ValueError):
        check_rate("fast")


@pytest.mark.parametrize("rate", [1.0, 0.75, 0.5])
def test_a_single_note_starts_exactly_at_its_sample(rate):
    # bpm 97 puts the note at a time whose sample index needs rounding.
    chart = chart_from_notes([(1.37, S, 0.8)], bpm=97.0, bars=2)
    track = render_drums(chart, rate=rate)
    t = float(chart.parts[0].time_s[0])
    start = round(t / rate * RATE)
    assert np.all(track[:start] == 0.0)
    kit = get_kit()
    sound = kit.layer("snare", 0.8) * np.float32(velocity_gain(0.8))
    left, right = pan_gains(PAN["snare"])
    np.testing.assert_allclose(track[start : start + len(sound), 0], sound * left, atol=1e-6)
    np.testing.assert_allclose(track[start : start + len(sound), 1], sound * right, atol=1e-6)


def test_unison_notes_sound_once_and_split_parts_add_up():
    notes = [(0.0, K, 0.7), (1.0, S, 0.9)]
    unison = chart_from_notes(notes)
    t, v, vel = chart_drum_notes(unison)
    assert len(t) == 2
    split = chart_from_notes(notes, parts="split", p2_notes=[(0.0, K, 0.9), (0.5, H, 0.6)])
    t, v, vel = chart_drum_notes(split)
    assert len(t) == 3  # the shared kick once, at the louder velocity
    assert vel[(v == int(K))][0] == pytest.approx(0.9)
    assert np.all(np.diff(t) >= 0)


def test_open_hat_needs_an_accent_and_room_and_is_choked_by_the_next_hat():
    notes = [(0.0, H, 1.0), (2.0, H, 1.0), (2.5, H, 0.5), (3.0, H, 0.95)]
    chart = chart_from_notes(notes)
    t, v, vel = chart_drum_notes(chart)
    assert list(open_hat_mask(chart, t, v, vel)) == [True, False, False, True]
    track = render_drums(chart)
    start0 = round(float(t[0]) * RATE)
    start1 = round(float(t[1]) * RATE)
    # Choked: the first (open) hat stops within 5 ms after the second hat starts.
    tail = track[start1 - 200 : start1, 0]
    assert np.max(np.abs(tail)) < 0.05 * np.max(np.abs(track[start0 : start0 + 2000, 0]))


def test_click_track_counts_in_with_an_accent_then_beats():
    chart = chart_from_notes([(0.0, K, 0.8)], bpm=120.0, bars=2)
    times, accented = click_times(chart, through_song=True)
    assert len(times) == 4 + 8
    np.testing.assert_allclose(times[:5], [0.0, 0.5, 1.0, 1.5, 2.0])
    assert list(accented[:5]) == [True, False, False, False, True]
    count_in, acc = click_times(chart, through_song=False)
    assert len(count_in) == 4 and acc[0]
    track = render_click(chart, through_song=False)
    starts = [round(t * RATE) for t in count_in]
    for s in starts:
        assert track[s, 0] != 0.0 and track[s - 1, 0] == 0.0 if s else track[s, 0] != 0.0
    assert np.all(track[starts[-1] + RATE // 10 :] == 0.0)


def test_clicks_before_song_time_zero_are_dropped():
    chart = chart_from_notes([(0.0, K, 0.8)], bpm=120.0, bars=1, lead_in_beats=2)
    times, _ = click_times(chart, through_song=False)
    np.testing.assert_allclose(times, [0.0, 0.5])


def test_place_cuts_at_both_ends():
    track = np.zeros((10, 2), dtype=np.float32)
    place(track, np.ones(4, dtype=np.float32), -2, 1.0, 0.5)
    place(track, np.ones(4, dtype=np.float32), 8, 1.0, 0.5)
    assert list(track[:, 0]) == [1, 1, 0, 0, 0, 0, 0, 0, 1, 1]
    assert list(track[:, 1]) == [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0.5, 0.5]


def test_all_parts_share_one_length_and_the_mix_never_clips():
    chart = chart_from_notes([(b * 0.5, H, 1.0) for b in range(16)] + [(0.0, C, 1.0)], bars=2)
    frames = track_frames(chart)
    assert frames == round(chart.duration_s * RATE) + round(2.5 * RATE)
    mix = render_song(chart, ("backing", "click", "count-in", "drums", "guide"))
    assert mix.shape == (frames, 2) and mix.dtype == np.float32
    assert np.max(np.abs(mix)) <= 0.89 + 1e-6
    with pytest.raises(ValueError, match="unknown audio part"):
        check_parts(["drums", "cowbell"])
    with pytest.raises(ValueError, match="at least one"):
        check_parts([])
    assert check_parts(["drums", "drums", "click"]) == ("drums", "click")
