"""Beat accuracy as in the MIREX beat-tracking evaluation (and ``mir_eval.beat``).

``f_measure``: an estimated beat is correct when it lies within ±70 ms of a reference beat,
each reference beat matching at most one estimate; F = 2PR / (P + R). Beats in the first
5 s are ignored on both sides (``mir_eval.beat.trim_beats``), since listeners need a few
seconds to find the beat too.
"""

from __future__ import annotations

import numpy as np

TOLERANCE_S = 0.070
SKIP_S = 5.0


def trim(beats_s, skip_s: float = SKIP_S) -> np.ndarray:
    beats = np.sort(np.asarray(beats_s, dtype=np.float64).reshape(-1))
    return beats[beats >= skip_s]


def matched_pairs(reference_s, estimated_s, tolerance_s: float = TOLERANCE_S) -> int:
    """The largest one-to-one matching within the tolerance (greedy in time order, which is
    optimal for sorted points and a window narrower than half the beat interval)."""
    ref, est = np.sort(reference_s), np.sort(estimated_s)
    i = j = hits = 0
    while i < len(ref) and j < len(est):
        delta = est[j] - ref[i]
        if abs(delta) <= tolerance_s:
            hits, i, j = hits + 1, i + 1, j + 1
        elif delta < 0:
            j += 1
        else:
            i += 1
    return hits


def f_measure(reference_s, estimated_s, tolerance_s: float = TOLERANCE_S, skip_s=SKIP_S) -> float:
    ref, est = trim(reference_s, skip_s), trim(estimated_s, skip_s)
    if len(ref) == 0 or len(est) == 0:
        return 0.0
    hits = matched_pairs(ref, est, tolerance_s)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(est), hits / len(ref)
    return 2 * precision * recall / (precision + recall)


def median_error_s(reference_s, estimated_s, tolerance_s: float = TOLERANCE_S) -> float:
    """Median signed error (estimate minus reference) of beats within the tolerance."""
    ref, est = np.sort(reference_s), np.asarray(estimated_s, dtype=np.float64)
    if len(ref) == 0 or len(est) == 0:
        return float("nan")
    idx = (
        np.clip(np.searchsorted(ref, est), 1, len(ref) - 1)
        if len(ref) > 1
        else np.zeros(len(est), dtype=np.int64)
    )
    near = ref[idx]
    if len(ref) > 1:
        left = ref[idx - 1]
        near = np.where(np.abs(est - left) < np.abs(est - near), left, near)
    err = est - near
    err = err[np.abs(err) <= tolerance_s]
    return float(np.median(err)) if len(err) else float("nan")
