"""Onset detection: where new sounds start in a recording, to the sample.

Used by the tests (is every note where the chart says?) and by latency calibration (where did
a click come back?). The detector splits the signal into frequency bands and, in each band,
compares the energy just after each sample (``after_s``) with the energy just before it
(``before_s``). A sound that starts at sample n0 makes that ratio peak exactly at n0, even on
top of another sound still ringing, as long as it adds enough energy to its band. The
strongest band decides; peaks closer than ``min_gap_s`` merge into the strongest.
"""

from __future__ import annotations

import numpy as np

from .dsp import band_filter_many

BANDS_HZ = ((1000.0, 4000.0), (4000.0, 9000.0), (9000.0, None), (13000.0, None))


def _mono(signal: np.ndarray) -> np.ndarray:
    x = np.asarray(signal, dtype=np.float64)
    return x.mean(axis=1) if x.ndim == 2 else x


def onset_strength(
    signal: np.ndarray,
    rate_hz: int,
    after_s: float = 0.003,
    before_s: float = 0.010,
    floor_db: float = -50.0,
) -> np.ndarray:
    """Per-sample onset strength in dB: the largest energy rise over the bands."""
    x = _mono(signal)
    n = len(x)
    if n == 0:
        return np.zeros(0)
    wa = max(1, round(after_s * rate_hz))
    wb = max(1, round(before_s * rate_hz))
    bands = [(lo, hi if hi is None or hi < 0.5 * rate_hz else None) for lo, hi in BANDS_HZ]
    strength = np.full(n, -np.inf)
    for band in band_filter_many(x, rate_hz, bands):
        energy = np.concatenate(([0.0], np.cumsum(band * band)))
        floor = max(float(np.max(band * band)) * 10 ** (floor_db / 10), 1e-20)
        idx = np.arange(n)
        after = (energy[np.minimum(idx + wa, n)] - energy[idx]) / wa
        before = (energy[idx] - energy[np.maximum(idx - wb, 0)]) / wb
        ratio_db = 10 * np.log10((after + floor) / (before + floor))
        np.maximum(strength, ratio_db, out=strength)
    return strength


def detect_onsets(
    signal: np.ndarray,
    rate_hz: int,
    threshold_db: float = 5.0,
    min_gap_s: float = 0.012,
) -> np.ndarray:
    """Onset times in seconds (sorted) of a mono or ``(frames, channels)`` signal."""
    strength = onset_strength(signal, rate_hz)
    return onset_frames_from_strength(strength, rate_hz, threshold_db, min_gap_s) / rate_hz


def onset_frames_from_strength(
    strength: np.ndarray,
    rate_hz: int,
    threshold_db: float = 5.0,
    min_gap_s: float = 0.012,
    plateau_db: float = 1.0,
) -> np.ndarray:
    """Frames where ``strength`` peaks above ``threshold_db``, at least ``min_gap_s`` apart.

    While the *after* window slides over a new sound's attack and the *before* window still
    holds only what came earlier, the strength stays near its peak; it falls as soon as the
    before window reaches the new sound. So the onset is the end of that plateau: the last
    frame, from the peak on, within ``plateau_db`` of the peak.
    """
    candidates = np.flatnonzero(strength >= threshold_db)
    if len(candidates) == 0:
        return candidates
    gap = max(1, round(min_gap_s * rate_hz))
    kept: list[int] = []
    # Runs of candidates further apart than the gap are separate onsets; inside a run (dense
    # hits) every peak that dominates its +-gap neighbourhood is one.
    for run in np.split(candidates, np.flatnonzero(np.diff(candidates) > gap) + 1):
        order = np.argsort(-strength[run], kind="stable")
        taken: list[int] = []
        for i in order:
            frame = int(run[i])
            if all(abs(frame - t) > gap for t in taken):
                taken.append(frame)
        kept.extend(_plateau_end(strength, frame, plateau_db, gap) for frame in sorted(taken))
    return np.array(kept, dtype=np.int64)


def _plateau_end(strength: np.ndarray, peak: int, plateau_db: float, limit: int) -> int:
    window = strength[peak : peak + limit]
    below = np.flatnonzero(window < strength[peak] - plateau_db)
    return peak + (int(below[0]) - 1 if len(below) else len(window) - 1)
