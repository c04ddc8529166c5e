"""Small numpy building blocks for synthesis: envelopes, filters, oscillators.

All functions are pure: randomness comes from the ``numpy.random.Generator`` passed in.
Filters work in the frequency domain (one FFT per call), which is exact, fast for the short
buffers a note or a drum hit needs, and needs no per-sample Python loop.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.fft
import numpy.random

TABLE_SIZE = 4096
_FRACTION_BITS = 20
_ONE = 1 << _FRACTION_BITS


def time_axis(frames: int, rate_hz: int) -> np.ndarray:
    """Seconds of each frame: ``0, 1/rate_hz, ...`` (float64)."""
    return np.arange(frames, dtype=np.float64) / rate_hz


def exp_decay(frames: int, rate_hz: int, decay_s: float) -> np.ndarray:
    """``exp(-t / decay_s)``: falls to 1/e after ``decay_s`` seconds."""
    return np.exp(-time_axis(frames, rate_hz) / decay_s)


def fade_in_out(frames: int, rate_hz: int, attack_s: float, release_s: float) -> np.ndarray:
    """A gate of ``frames`` with linear attack and release ramps (no clicks at the ends)."""
    env = np.ones(frames, dtype=np.float64)
    a = min(frames, max(1, round(attack_s * rate_hz)))
    r = min(frames - a, max(1, round(release_s * rate_hz))) if frames > a else 0
    env[:a] = np.linspace(0.0, 1.0, a, endpoint=False) if attack_s > 0 else 1.0
    if r > 0:
        env[frames - r :] *= np.linspace(1.0, 0.0, r)
    return env


def _band_gain(freqs: np.ndarray, low_hz: float | None, high_hz: float | None, order: int):
    """Magnitude response ``1 / sqrt((1 + (low/f)**2n) * (1 + (f/high)**2n))``."""
    denominator = np.ones_like(freqs)
    if low_hz is not None:
        ratio = np.zeros_like(freqs)
        np.divide(low_hz, freqs, out=ratio, where=freqs > 0)
        ratio *= ratio
        denominator += _power(ratio, order)
        denominator[freqs <= 0] = np.inf  # no DC through a high-pass
    if high_hz is not None:
        ratio = freqs / high_hz
        ratio *= ratio
        denominator *= 1.0 + _power(ratio, order)
    return 1.0 / np.sqrt(denominator)


def _power(x: np.ndarray, order: int) -> np.ndarray:
    out = x.copy()
    for _ in range(order - 1):
        out *= x
    return out


def band_filter_many(
    signal: np.ndarray,
    rate_hz: int,
    bands: list[tuple[float | None, float | None]],
    order: int = 2,
) -> list[np.ndarray]:
    """``band_filter`` with several ``(low_hz, high_hz)`` bands: one forward FFT for all."""
    n = signal.shape[-1]
    # Zero padding keeps the (short) pre-ringing of the zero-phase filter off the tail.
    size = -(-(n + 2048) // 2048) * 2048  # 2**11 times a small factor: a fast FFT size
    spectrum = np.fft.rfft(signal, size)
    freqs = np.fft.rfftfreq(size, 1.0 / rate_hz)
    return [
        np.fft.irfft(spectrum * _band_gain(freqs, low, high, order), size)[..., :n]
        for low, high in bands
    ]


def band_filter(
    signal: np.ndarray,
    rate_hz: int,
    low_hz: float | None = None,
    high_hz: float | None = None,
    order: int = 2,
) -> np.ndarray:
    """Zero-phase Butterworth-shaped high-pass (``low_hz``) and/or low-pass (``high_hz``).

    ``order`` sets the slope (6 dB/octave per order). Works on the last axis.
    """
    return band_filter_many(signal, rate_hz, [(low_hz, high_hz)], order)[0]


def peak_normalise(signal: np.ndarray, peak: float = 1.0) -> np.ndarray:
    """Scale so that ``max |signal| == peak`` (silence stays silence)."""
    top = float(np.max(np.abs(signal))) if signal.size else 0.0
    return signal * (peak / top) if top > 0 else signal


def soft_clip(signal: np.ndarray, drive: float) -> np.ndarray:
    """``tanh`` saturation normalised so that full scale stays full scale."""
    return np.tanh(drive * signal) / np.tanh(drive)


@cache
def _table(shape: str, harmonics: int) -> np.ndarray:
    """One period of a band-limited waveform with ``harmonics`` partials (peak 1)."""
    k = np.arange(1, harmonics + 1)
    if shape == "saw":
        amps = 1.0 / k
    elif shape == "square":
        amps = np.where(k % 2 == 1, 1.0 / k, 0.0)
    elif shape == "triangle":
        amps = np.where(k % 2 == 1, ((-1.0) ** ((k - 1) // 2)) / (k * k), 0.0)
    elif shape == "sine":
        amps = (k == 1).astype(np.float64)
    else:
        raise ValueError(f"unknown waveform {shape!r}")
    spectrum = np.zeros(TABLE_SIZE // 2 + 1, dtype=np.complex128)
    spectrum[1 : harmonics + 1] = -0.5j * TABLE_SIZE * amps  # sin(2 pi k x) partials
    wave = np.fft.irfft(spectrum, TABLE_SIZE)
    wave /= np.max(np.abs(wave))
    wave.flags.writeable = False
    return wave


def oscillator(
    shape: str,
    freq_hz: float,
    frames: int,
    rate_hz: int,
    *,
    max_hz: float = 12000.0,
    phase: float = 0.0,
) -> np.ndarray:
    """A band-limited periodic waveform from a wavetable (partials up to ``max_hz``)."""
    harmonics = max(1, min(64, int(min(max_hz, 0.45 * rate_hz) // freq_hz)))
    table = _table(shape, harmonics)
    # Fixed-point phase (20 fractional bits): exact, and several times faster than floats.
    step = round(freq_hz / rate_hz * TABLE_SIZE * _ONE)
    start = round((phase % 1.0) * TABLE_SIZE * _ONE)
    idx = (np.arange(frames, dtype=np.int64) * step + start) >> _FRACTION_BITS
    idx &= TABLE_SIZE - 1
    return table[idx]


def swept_sine(freq_hz: np.ndarray, rate_hz: int, phase: float = 0.0) -> np.ndarray:
    """A sine whose frequency follows ``freq_hz`` sample by sample (phase-continuous)."""
    cycles = phase + np.concatenate(([0.0], np.cumsum(freq_hz[:-1]) / rate_hz))
    return np.sin(2 * np.pi * cycles)


def midi_to_hz(note: float) -> float:
    """Equal temperament, A4 (MIDI 69) = 440 Hz."""
    return 440.0 * 2.0 ** ((note - 69) / 12.0)
