"""Beat analysis: onset timing, tempo, beats, bars and sections against known material."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from drumsync.analysis import analyze_audio, f_measure
from drumsync.analysis.evaluate import matched_pairs, median_error_s
from drumsync.analysis.onsets import envelopes
from drumsync.analysis.spectrum import spectrum
from drumsync.audio.kit import get_kit
from drumsync.bench.beat_songs import (
    HOUSE_LOOP_BEATS,
    band_song,
    drifting_song,
    house_loop_path,
    house_loop_true_bpm,
    midi_band_song,
    midi_sample_path,
    read_wav_mono,
)

SONGS = [
    (1, "rock", 120.0),
    (3, "metal", 172.0),
    (4, "euclidean", 140.0),
    (5, "rock", 84.0),
    (6, "dance-pop", 128.0),
]


def test_f_measure_follows_the_mirex_definition():
    ref = np.arange(5.0, 25.0, 0.5)
    assert f_measure(ref, ref) == 1.0
    assert f_measure(ref, ref + 0.069) == 1.0
    assert f_measure(ref, ref + 0.071) == 0.0
    # every other beat found: precision 1, recall 0.5 -> F = 2/3
    assert f_measure(ref, ref[::2]) == pytest.approx(2 / 3)
    # one estimate cannot claim two references
    assert matched_pairs(np.array([1.0, 1.05]), np.array([1.02])) == 1
    # beats in the first 5 s are not counted
    assert f_measure(np.arange(0, 4.9, 0.5), np.arange(0, 4.9, 0.5)) == 0.0


def test_onset_peaks_sit_at_kit_hits_within_a_frame():
    """The detector's lag is compensated: flux peaks land on the hits' first samples."""
    kit = get_kit()
    rate = kit.rate_hz
    rng = np.random.default_rng(3)
    for sound in ("kick", "snare", "hihat_closed", "crash"):
        signal = np.zeros(rate * 8, np.float32)
        times = 0.5 + np.arange(14) * 0.5 + rng.uniform(0.0, 0.01, 14)
        hit = kit.sample(sound, 0.8)
        for t in times:
            i = round(t * rate)
            signal[i : i + len(hit)] += hit[: len(signal) - i]
        env = envelopes(spectrum(signal, rate))
        errors = []
        for t in times:
            centre = int(env.frame_at(t))
            lo = max(0, centre - 20)
            errors.append(float(env.frame_time_s(lo + np.argmax(env.all[lo : centre + 20])) - t))
        frame_s = 1.0 / env.frame_rate_hz
        assert abs(np.median(errors)) <= 0.6 * frame_s + 0.001, (sound, errors)


@pytest.mark.parametrize(("seed", "style", "bpm"), SONGS)
def test_band_songs_at_constant_tempo(seed, style, bpm):
    song = band_song(seed, style, bpm, 32)
    result = analyze_audio(song.samples, song.rate_hz)
    assert result.bpm == pytest.approx(bpm, rel=0.02)
    assert f_measure(song.beat_times_s, result.beat_times_s) >= 0.95
    assert abs(median_error_s(song.beat_times_s, result.beat_times_s)) < 0.010
    assert result.confidence > 0.5 and not result.low_confidence


@pytest.mark.parametrize(("seed", "style", "bpm"), SONGS)
def test_band_songs_with_drifting_tempo(seed, style, bpm):
    song = drifting_song(band_song(seed, style, bpm, 48), 0.08)
    gaps = np.diff(song.beat_times_s)
    assert gaps.max() / gaps.min() > 1.15  # the material really drifts by ±8 %
    result = analyze_audio(song.samples, song.rate_hz)
    assert f_measure(song.beat_times_s, result.beat_times_s) >= 0.90


def test_midi_sample_played_by_the_band():
    """pygame-ce's General MIDI song (syncopated kick, snare on 2 and 4), its drums on the
    kit and its other channels by the band; the reference beats come from its tempo map."""
    path = midi_sample_path()
    if path is None:
        pytest.skip("this pygame-ce wheel ships no examples/data/MIDI_sample.mid")
    song = midi_band_song(path)
    assert len(song.beat_times_s) > 250
    result = analyze_audio(song.samples, song.rate_hz)
    assert result.bpm == pytest.approx(120.0, rel=0.02)
    assert f_measure(song.beat_times_s, result.beat_times_s) >= 0.90


def test_bar_lines_and_sections_of_a_band_song():
    song = band_song(1, "rock", 120.0, 64)
    result = analyze_audio(song.samples, song.rate_hz)
    first = result.beat_times_s[result.first_downbeat]
    assert np.min(np.abs(song.beat_times_s[::4] - first)) < 0.07  # "1" is a bar's first beat
    assert result.bars >= 60
    starts = {b.bar for b in result.boundaries}
    # the chart's sections start at bars 4, 20, 28, 44, 52 (intro, verse, chorus...)
    assert len(starts & {4, 20, 28, 44, 52}) >= 4
    assert all(0.0 < b.confidence <= 1.0 for b in result.boundaries)
    assert len(result.bar_energy) == result.bars and result.bar_energy.max() == 1.0


def test_house_loop_tempo_within_two_percent():
    path = house_loop_path()
    if path is None:
        pytest.skip("this pygame-ce wheel ships no examples/data/house_lo.wav")
    samples, rate = read_wav_mono(path)
    true_bpm = house_loop_true_bpm(len(samples), rate)
    # Independent evidence for 16 beats: the strongest onset in each sixteenth of the loop
    # falls on a straight line (even spacing) whose slope is the loop length / 16.
    env = envelopes(spectrum(samples, rate))
    edges = np.linspace(0, len(env.all), HOUSE_LOOP_BEATS + 1).astype(int)
    peaks = np.array([a + np.argmax(env.all[a:b]) for a, b in itertools.pairwise(edges)])
    times = env.frame_time_s(peaks)
    slope, intercept = np.polyfit(np.arange(HOUSE_LOOP_BEATS), times, 1)
    residual = times - (slope * np.arange(HOUSE_LOOP_BEATS) + intercept)
    assert np.abs(residual).max() < 0.03
    assert 60.0 / slope == pytest.approx(true_bpm, rel=0.01)
    for copies in (1, 4):
        result = analyze_audio(np.tile(samples, copies), rate)
        assert result.bpm == pytest.approx(true_bpm, rel=0.02)


@pytest.mark.parametrize(
    "case", ["silence", "noise", "two seconds", "sine", "empty", "scattered clicks"]
)
def test_no_steady_beat_gives_low_confidence(case):
    rate = 22050
    rng = np.random.default_rng(5)
    if case == "silence":
        samples = np.zeros(rate * 20, np.float32)
    elif case == "noise":
        samples = rng.standard_normal(rate * 20).astype(np.float32) * 0.3
    elif case == "two seconds":
        samples = band_song(1, "rock", 120.0, 4).samples[: 2 * 44100]
    elif case == "sine":
        samples = np.sin(np.arange(rate * 20) * 2 * np.pi * 440 / rate).astype(np.float32)
    elif case == "empty":
        samples = np.zeros(0, np.float32)
    else:
        samples = np.zeros(rate * 30, np.float32)
        for i in rng.choice(rate * 30 - 500, 50, replace=False):
            samples[i : i + 400] += rng.standard_normal(400).astype(np.float32)
    result = analyze_audio(samples, rate)
    assert result.low_confidence
    assert np.all(np.isfinite(result.beat_times_s))


def test_analysis_is_deterministic_and_immutable():
    song = band_song(2, "dance-pop", 97.0, 16)
    a = analyze_audio(song.samples, song.rate_hz)
    b = analyze_audio(song.samples.copy(), song.rate_hz)
    assert a == b
    with pytest.raises(ValueError):
        a.beat_times_s[0] = 1.0
