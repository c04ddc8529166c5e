"""Onset strength envelopes: spectral flux of log band energies.

``flux[t] = sum over bands of max(0, L[b, t] - max(L[b-1..b+1, t - LAG]))`` where
``L = log(1 + GAIN * energy)`` (the max over neighbouring bands ignores vibrato, as in
Böck & Widmer's SuperFlux). The envelope is then shifted by the detector's own lag,
``DETECTOR_LAG_S``, measured on isolated drum hits of DrumSync's kit (a 23 ms window sees a
hit's energy rise before the hit reaches its centre, so the raw flux peaks early or late
by a fixed amount). Frame times (``Envelopes.frame_time_s``) include that lag, to a fraction
of a frame, so a peak's time is the hit's start.

Four envelopes come out: all bands (beats), kick bands (below 160 Hz), snare bands
(1.5..5 kHz) and cymbal bands (above 5 kHz), the last three for placing the bar lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .spectrum import Spectrum

GAIN = 100.0
LAG_S = 0.012  # compare each frame with the one this far before it
#: Peak time of the raw flux minus the true onset time, measured (see the tests).
DETECTOR_LAG_S = 0.0015
CHUNK_FRAMES = 1 << 14


@dataclass(frozen=True, slots=True)
class Envelopes:
    """Onset strength per frame; ``frame_time_s`` of a peak is the onset's time."""

    all: np.ndarray
    kick: np.ndarray
    snare: np.ndarray
    cymbal: np.ndarray
    frame_rate_hz: float
    first_frame_s: float

    def frame_time_s(self, frame) -> np.ndarray:
        return self.first_frame_s + np.asarray(frame, dtype=np.float64) / self.frame_rate_hz

    def frame_at(self, time_s) -> np.ndarray:
        """Nearest frame index of ``time_s`` (clipped into the envelope)."""
        idx = np.rint(
            (np.asarray(time_s, dtype=np.float64) - self.first_frame_s) * self.frame_rate_hz
        )
        return np.clip(idx, 0, max(0, len(self.all) - 1)).astype(np.int64)


def _band_flux(log_bands: np.ndarray, lag: int) -> np.ndarray:
    """(frames, bands) rectified rise against the band neighbourhood ``lag`` frames before."""
    ref = log_bands.copy()
    ref[:, 1:] = np.maximum(ref[:, 1:], log_bands[:, :-1])
    ref[:, :-1] = np.maximum(ref[:, :-1], log_bands[:, 1:])
    rise = np.zeros_like(log_bands)
    rise[lag:] = log_bands[lag:] - ref[:-lag]
    np.maximum(rise, 0.0, out=rise)
    return rise


def envelopes(spec: Spectrum) -> Envelopes:
    """The four onset envelopes of a spectrum, lag-compensated. The flux is worked out
    ``CHUNK_FRAMES`` frames at a time (each chunk with the ``lag`` frames before it), so
    its working arrays stay small for a long song."""
    scale = float(np.percentile(spec.bands, 99.5)) if spec.bands.size else 0.0
    gain = np.float32(GAIN / scale if scale > 0 else 1.0)
    lag = max(1, round(LAG_S * spec.frame_rate_hz))
    total = len(spec.bands)
    masks = (slice(None), spec.kick_bands, spec.snare_bands, spec.cymbal_bands)
    sums = [np.zeros(total, dtype=np.float64) for _ in masks]
    for start in range(0, total, CHUNK_FRAMES):
        stop = min(total, start + CHUNK_FRAMES)
        before = max(0, start - lag)
        rise = _band_flux(np.log1p(spec.bands[before:stop] * gain), lag)[start - before :]
        for out, mask in zip(sums, masks, strict=True):
            out[start:stop] = rise[:, mask].sum(axis=1)
    allb, kick, snare, cymbal = sums
    return Envelopes(
        allb, kick, snare, cymbal, spec.frame_rate_hz, spec.first_frame_s - DETECTOR_LAG_S
    )
