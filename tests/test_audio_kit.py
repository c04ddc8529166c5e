"""The synthesized drum kit: complete, unclipped, deterministic, velocity-sensitive, fast."""

from __future__ import annotations

import numpy as np
import pytest

from drumsync.audio.kit import (
    LEVEL,
    OPEN_HAT_VELOCITY,
    SOUNDS,
    VELOCITY_LAYERS,
    build_kit,
    get_kit,
    layer_index,
    sound_for,
    velocity_gain,
)
from drumsync.core.voices import Voice

RATE = 44100


def centroid_hz(x: np.ndarray, rate: int = RATE) -> float:
    spectrum = np.abs(np.fft.rfft(x.astype(np.float64)))
    freqs = np.fft.rfftfreq(len(x), 1.0 / rate)
    return float(np.sum(freqs * spectrum) / np.sum(spectrum))


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))


def test_every_sound_has_every_layer_peak_normalised_without_clipping():
    kit = get_kit()
    assert set(kit.layers) == set(SOUNDS)
    for name in SOUNDS:
        assert len(kit.layers[name]) == VELOCITY_LAYERS
        for wave in kit.layers[name]:
            assert wave.dtype == np.float32 and wave.ndim == 1
            assert np.all(np.isfinite(wave))
            assert np.max(np.abs(wave)) == pytest.approx(LEVEL[name], rel=1e-5)
            assert np.max(np.abs(wave)) <= 1.0
            assert abs(float(wave[-1])) < 1e-3, f"{name} must fade out, not stop with a click"


def test_kit_is_deterministic_and_cached():
    a, b = build_kit(), build_kit()
    for name in SOUNDS:
        for wa, wb in zip(a.layers[name], b.layers[name], strict=True):
            assert np.array_equal(wa, wb)
    assert get_kit() is get_kit()


@pytest.mark.parametrize("name", ["kick", "snare", "hihat_closed", "hihat_open", "crash"])
def test_harder_hits_are_brighter_and_louder(name):
    kit = get_kit()
    centroids = [centroid_hz(w) for w in kit.layers[name]]
    assert centroids == sorted(centroids), centroids
    assert centroids[-1] > 1.1 * centroids[0]
    loudness = [rms(kit.sample(name, v)) for v in (0.2, 0.45, 0.7, 0.95)]
    assert loudness == sorted(loudness)
    assert loudness[-1] > 2.0 * loudness[0]


def test_sounds_have_their_character():
    kit = get_kit()
    kick, snare = kit.layers["kick"][-1], kit.layers["snare"][-1]
    hat, crash = kit.layers["hihat_closed"][-1], kit.layers["crash"][-1]

    # Kick: most energy below 200 Hz; hats and crash: almost none there.
    def low_share(x):
        spectrum = np.abs(np.fft.rfft(x.astype(np.float64))) ** 2
        freqs = np.fft.rfftfreq(len(x), 1.0 / RATE)
        return float(spectrum[freqs < 200].sum() / spectrum.sum())

    assert low_share(kick) > 0.6
    assert low_share(hat) < 0.01 and low_share(crash) < 0.01
    assert centroid_hz(hat) > centroid_hz(snare) > centroid_hz(kick)
    # Lengths: a closed hat is short, an open hat rings, a crash rings longest.
    assert len(hat) < len(snare) < len(kit.layers["hihat_open"][-1]) < len(crash)


def test_velocity_gain_and_layers():
    assert velocity_gain(1.0) == pytest.approx(1.0)
    assert 0.3 < velocity_gain(0.3) < velocity_gain(0.5) < velocity_gain(0.9) < 1.0
    assert [layer_index(v) for v in (0.0, 0.3, 0.6, 0.8, 1.0)] == [0, 1, 2, 3, 3]


def test_open_hat_rule():
    assert sound_for(Voice.HIHAT, 1.0) == "hihat_closed"  # live hits: no look-ahead
    assert sound_for(Voice.HIHAT, OPEN_HAT_VELOCITY, open_hat=True) == "hihat_open"
    assert sound_for(Voice.HIHAT, OPEN_HAT_VELOCITY - 0.01, open_hat=True) == "hihat_closed"
    assert sound_for(Voice.KICK, 1.0, open_hat=True) == "kick"
    assert sound_for(Voice.CRASH) == "crash" and sound_for(Voice.SNARE) == "snare"
