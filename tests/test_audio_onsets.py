"""Check (a): from ``export_audio(parts=("drums",))`` every note's onset is found within 1 ms.

The WAV is written and read back, and onsets are detected blindly (without the chart); then
every distinct note time must have a detected onset within 1 ms, and no onset may be more
than 1 ms from a note. Charts: hand-built grooves with random velocities (8th and dense 16th
hats, snare-roll fills, crashes over hats) at several tempos, and generated charts of every
style, unison and split.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_audio_charts import C, H, K, S, chart_from_notes, generated, groove_chart

from drumsync.audio.export import export_audio
from drumsync.audio.onsets import detect_onsets
from drumsync.audio.render import chart_drum_notes
from drumsync.audio.wav import read_wav

TOLERANCE_S = 0.001


def check_onsets(chart, tmp_path, rate: float = 1.0) -> float:
    path = tmp_path / "drums.wav"
    export_audio(chart, path, parts=("drums",), rate=rate)
    samples, rate_hz = read_wav(path)
    found = detect_onsets(samples, rate_hz) * rate  # back to song time
    times = np.unique(np.round(chart_drum_notes(chart)[0], 9))
    assert len(found) > 0
    idx = np.clip(np.searchsorted(found, times), 1, len(found) - 1)
    nearest = np.minimum(np.abs(found[idx] - times), np.abs(found[idx - 1] - times))
    missed = times[nearest > TOLERANCE_S]
    assert len(missed) == 0, f"{len(missed)} of {len(times)} notes without an onset: {missed[:5]}"
    idx = np.clip(np.searchsorted(times, found), 1, len(times) - 1)
    stray = np.minimum(np.abs(times[idx] - found), np.abs(times[idx - 1] - found))
    assert np.all(stray <= TOLERANCE_S), f"onsets where no note is: {found[stray > TOLERANCE_S]}"
    return float(nearest.max())


@pytest.mark.parametrize(
    ("bpm", "hat_step"), [(90.0, 0.5), (140.0, 0.5), (200.0, 0.5), (90.0, 0.25), (160.0, 0.25)]
)
def test_hand_built_grooves(tmp_path, bpm, hat_step):
    worst = check_onsets(groove_chart(bpm=bpm, hat_step=hat_step, bars=8), tmp_path)
    print(f"bpm {bpm} hats every {hat_step} beat: worst onset error {1000 * worst:.3f} ms")


def test_overlaps_velocities_and_simultaneous_notes(tmp_path):
    notes = [
        (0.0, C, 1.0),
        (0.0, K, 1.0),
        (0.0, H, 0.9),  # three at once: one onset
        (0.5, H, 0.6),  # hat over the ringing crash
        (0.75, K, 0.4),  # soft kick over the crash tail
        (1.0, S, 1.0),
        (1.25, H, 0.7),  # hat right after a loud snare
        (1.5, S, 0.35),  # ghost note
        (2.0, H, 1.0),  # open hat (accent, a beat of room) ...
        (3.0, H, 0.5),  # ... choked here
        (3.0, K, 0.8),
        (3.5, C, 0.6),
        (3.75, S, 0.9),  # snare on the crash
    ]
    check_onsets(chart_from_notes(notes, bpm=100.0, bars=2), tmp_path)


def test_practice_rate(tmp_path):
    check_onsets(groove_chart(bpm=150.0, hat_step=0.25, bars=4), tmp_path, rate=0.5)


@pytest.mark.parametrize("style", ["dance-pop", "rock", "metal", "euclidean"])
@pytest.mark.parametrize("parts", ["unison", "split"])
def test_generated_charts(tmp_path, style, parts):
    bpm = 180.0 if style == "metal" else 140.0
    check_onsets(generated(style, difficulty=10, bpm=bpm, parts=parts), tmp_path)


def test_detector_on_a_synthetic_signal():
    rate = 44100
    rng = np.random.default_rng(3)
    x = np.zeros(rate)
    starts = [1000, 9000, 9900, 30000]  # 9900: 20 ms after 9000, on top of its decay
    for s in starts:
        n = 4000
        x[s : s + n] += rng.standard_normal(n) * np.exp(-np.arange(n) / 400) * 0.5
    found = np.rint(detect_onsets(x, rate) * rate).astype(int)
    assert len(found) == len(starts)
    assert np.all(np.abs(found - np.array(starts)) <= rate // 1000)
    assert len(detect_onsets(np.zeros(1000), rate)) == 0
