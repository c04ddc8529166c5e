"""Beat tracking by dynamic programming (Ellis 2007) with a tempo that may change.

Each frame ``t`` gets the best score of a beat sequence ending there:
``C[t] = O[t] + max(0, max_p C[p] - TIGHTNESS * log((t - p) / tau[t]) ** 2)``, with ``tau`` the
local beat period (``tempo.tempo_curve``) and ``p`` between ``t - 2 tau`` and ``t - tau / 2``.
Because no predecessor is nearer than half the shortest period, a block of that many frames
can be scored at once, which keeps the tracker vectorised. The best end in the last period
is traced back. Beats then move to the local peak within a few ms, and runs of beats at the
start or end where the music is silent are dropped.
"""

from __future__ import annotations

import numpy as np

TIGHTNESS = 100.0
SNAP_S = 0.012  # a beat may move this far to the envelope's nearest peak
QUIET_FRACTION = 0.08  # trim end beats whose neighbourhood is this quiet (of the median)


def local_score(envelope: np.ndarray, period_frames: float) -> np.ndarray:
    """Envelope normalised by its spread and smoothed by a Gaussian of period / 32."""
    x = np.asarray(envelope, dtype=np.float64)
    spread = float(np.std(x))
    x = x / spread if spread > 0 else x
    sigma = max(1.0, period_frames / 32.0)
    offsets = np.arange(-int(3 * sigma), int(3 * sigma) + 1)
    window = np.exp(-0.5 * (offsets / sigma) ** 2)
    return np.convolve(x, window / window.sum(), mode="same")


def track(envelope: np.ndarray, periods: np.ndarray) -> np.ndarray:
    """Frame indices of the beats (int64, increasing) for per-frame beat ``periods``."""
    n = len(envelope)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    tau = np.asarray(periods, dtype=np.float64)
    score = local_score(envelope, float(np.median(tau)))
    cumulative = np.zeros(n)
    back = np.full(n, -1, dtype=np.int64)
    block = max(1, int(np.floor(tau.min() / 2)))
    for start in range(0, n, block):
        frames = np.arange(start, min(n, start + block))
        taus = tau[frames]
        offsets = np.arange(int(np.floor(taus.min() / 2)), int(np.ceil(2 * taus.max())) + 1)
        offsets = offsets[offsets >= 1]
        pred = frames[:, None] - offsets[None, :]
        penalty = -TIGHTNESS * np.log(offsets[None, :] / taus[:, None]) ** 2
        cand = np.where(pred >= 0, cumulative[np.maximum(pred, 0)] + penalty, -np.inf)
        pick = np.argmax(cand, axis=1)
        best = cand[np.arange(len(frames)), pick]
        linked = best > 0
        cumulative[frames] = score[frames] + np.where(linked, best, 0.0)
        back[frames] = np.where(linked, pred[np.arange(len(frames)), pick], -1)
    tail = max(1, round(tau[-1]))
    beat = n - tail + int(np.argmax(cumulative[n - tail :]))
    out = []
    while beat >= 0:
        out.append(beat)
        beat = int(back[beat])
    return np.array(out[::-1], dtype=np.int64)


def snap_to_peaks(beats: np.ndarray, envelope: np.ndarray, frame_rate_hz: float) -> np.ndarray:
    """Each beat moved to the envelope's largest value within ±SNAP_S (order kept)."""
    reach = max(1, round(SNAP_S * frame_rate_hz))
    n = len(envelope)
    offsets = np.arange(-reach, reach + 1)
    idx = np.clip(beats[:, None] + offsets[None, :], 0, n - 1)
    weights = np.exp(-0.5 * (offsets / reach) ** 2)  # prefer staying put on flat stretches
    moved = idx[np.arange(len(beats)), np.argmax(envelope[idx] * weights, axis=1)]
    return np.maximum.accumulate(moved) if len(moved) else moved


def trim_quiet_ends(beats: np.ndarray, envelope: np.ndarray, period_frames: float) -> np.ndarray:
    """Drop beats at the start and end whose surrounding period holds almost no onsets."""
    if len(beats) < 3:
        return beats
    half = max(1, int(period_frames / 2))
    cumsum = np.concatenate([[0.0], np.cumsum(envelope)])
    lo = np.clip(beats - half, 0, len(envelope))
    hi = np.clip(beats + half, 0, len(envelope))
    energy = (cumsum[hi] - cumsum[lo]) / np.maximum(1, hi - lo)
    loud = energy >= QUIET_FRACTION * float(np.median(energy))
    if not loud.any():
        return beats[:0]
    first, last = int(np.argmax(loud)), len(loud) - 1 - int(np.argmax(loud[::-1]))
    return beats[first : last + 1]
