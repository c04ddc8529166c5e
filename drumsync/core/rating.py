"""Difficulty rating from the notes alone, in the spirit of osu!'s star rating.

Per player: notes at one time form an onset. Each onset gets a weight from its speed
(mean gap to its neighbours), its chord size, a voice change, a rhythm change and its
syncopation (metric position). A strain accumulates those weights and decays over time;
the peaks of 1 s sections, strongest first, are averaged with geometric weights. The
resulting peak strain (about "hard notes per second") maps logarithmically to a scale where
1 is a quarter-note groove at ~150 bpm and 10 a dense 16th-note groove at 120 bpm. The
chart rating is the quadratic mean of the two players' ratings, rounded to 2 decimals.
"""

from __future__ import annotations

import math

import numpy as np

from .chart import Chart, Part

STRAIN_KEPT_PER_S = 0.5  # share of strain left after one second
STRAIN_DECAY = -math.log(STRAIN_KEPT_PER_S)
SECTION_S = 1.0
PEAK_WEIGHT = 0.9
SPEED_TAU_S = 0.14
MIN_GAP_S = 0.03
LOCAL_GAPS = 2
STRAIN_BLOCK = 256
CHORD_BONUS = 0.35
SWITCH_BONUS = 0.2
RHYTHM_BONUS = 0.15
SYNC_BONUS = 0.25
SYNC_BY_LEVEL = np.array([0.0, 0.4, 0.8, 1.0])
# rating = strain / STRAIN_AT_ONE up to 1, then 1 + PER_DOUBLING * log2(strain / STRAIN_AT_ONE)
STRAIN_AT_ONE, PER_DOUBLING = 5.0, 4.1


def _metric_level(beat: np.ndarray) -> np.ndarray:
    """0 on the beat, 1 on 8ths, 2 on 16ths, 3 on anything finer or off the grid."""
    level = np.full(len(beat), 3, dtype=np.intp)
    frac = beat - np.floor(beat)
    for lvl, div in ((2, 4), (1, 2), (0, 1)):
        scaled = frac * div
        level[np.abs(scaled - np.round(scaled)) < 1e-6] = lvl
    return level


def local_gaps(times: np.ndarray) -> np.ndarray:
    """Mean of the (up to) ``LOCAL_GAPS`` gaps on each side of every onset: a lone short
    gap inside a slower groove counts less than a stream of them."""
    if len(times) < 2:
        return np.full(len(times), np.inf)
    gaps = np.diff(times)
    padded = np.concatenate(([0.0] * LOCAL_GAPS, gaps, [0.0] * LOCAL_GAPS))
    counts = np.concatenate(([0] * LOCAL_GAPS, np.ones(len(gaps)), [0] * LOCAL_GAPS))
    sums, weights = (
        np.cumsum(np.concatenate(([0.0], padded))),
        np.cumsum(np.concatenate(([0.0], counts))),
    )
    width = 2 * LOCAL_GAPS  # onset i sits between padded gaps i+L-1 and i+L
    total = sums[width:] - sums[:-width]
    used = weights[width:] - weights[:-width]
    return total / used


def onset_weights(time_s, beat, voice) -> tuple[np.ndarray, np.ndarray]:
    """Onset times and per-onset difficulty weights of one player's notes."""
    time_s = np.asarray(time_s, dtype=np.float64)
    order = np.argsort(time_s, kind="stable")
    time_s = time_s[order]
    beat = np.asarray(beat, dtype=np.float64)[order]
    voice = np.asarray(voice, dtype=np.int64)[order]
    times, starts = np.unique(time_s, return_index=True)
    sizes = np.diff(np.append(starts, len(time_s)))
    masks = np.bitwise_or.reduceat(np.left_shift(1, voice), starts)
    gaps = np.diff(times, prepend=-np.inf)
    speed = 1.0 + (SPEED_TAU_S / np.maximum(local_gaps(times), MIN_GAP_S)) ** 2
    chord = 1.0 + CHORD_BONUS * (np.minimum(sizes, 3) - 1)
    switch = np.ones(len(times))
    switch[1:] += SWITCH_BONUS * (masks[1:] != masks[:-1])
    rhythm = np.ones(len(times))
    if len(times) > 2:
        ratio = np.abs(np.log2(np.maximum(gaps[2:], MIN_GAP_S) / np.maximum(gaps[1:-1], MIN_GAP_S)))
        rhythm[2:] += RHYTHM_BONUS * (ratio > 0.2)
    sync = 1.0 + SYNC_BONUS * SYNC_BY_LEVEL[_metric_level(beat[starts])]
    return times, speed * chord * switch * rhythm * sync


def strain_curve(times: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Strain just after each onset: the previous strain decayed over the gap, plus the weight.

    Vectorised in blocks: inside a block, ``s_i = sum_j w_j exp(-k (t_i - t_j))`` is a
    cumulative sum scaled by ``exp(k t)``; blocks spanning too long a time fall back to
    the plain recurrence (so nothing overflows).
    """
    out = np.empty(len(times))
    carry, last = 0.0, -math.inf
    for start in range(0, len(times), STRAIN_BLOCK):
        t = times[start : start + STRAIN_BLOCK]
        w = weights[start : start + STRAIN_BLOCK]
        rel = t - t[0]
        if rel[-1] * STRAIN_DECAY < 500.0:
            grow = np.exp(STRAIN_DECAY * rel)
            block = np.cumsum(w * grow) / grow + carry * np.exp(-STRAIN_DECAY * (t - last))
        else:
            block = np.empty(len(t))
            strain, previous = carry, last
            for i, (ti, wi) in enumerate(zip(t.tolist(), w.tolist(), strict=True)):
                strain = strain * math.exp(-STRAIN_DECAY * (ti - previous)) + wi
                block[i], previous = strain, ti
        out[start : start + len(t)] = block
        carry, last = float(block[-1]), float(t[-1])
    return out


def peak_strain(times: np.ndarray, strain: np.ndarray) -> float:
    """Geometric-weighted mean of the section peaks, strongest first, in weight per second."""
    if len(times) == 0:
        return 0.0
    section = np.floor((times - times[0]) / SECTION_S).astype(np.int64)
    starts = np.flatnonzero(np.diff(section, prepend=-1))
    peaks = np.sort(np.maximum.reduceat(strain, starts))[::-1]
    weights = PEAK_WEIGHT ** np.arange(len(peaks))
    return float(np.dot(peaks, weights) / weights.sum() * STRAIN_DECAY)


def part_strain(time_s, beat, voice) -> float:
    """One player's peak strain (about weighted notes per second at the hardest parts)."""
    if len(time_s) == 0:
        return 0.0
    times, weights = onset_weights(time_s, beat, voice)
    return peak_strain(times, strain_curve(times, weights))


def strain_to_rating(strain: float) -> float:
    """Linear up to 1 (at ``STRAIN_AT_ONE``), then ``PER_DOUBLING`` per doubling of strain."""
    if strain <= STRAIN_AT_ONE:
        return max(0.0, strain / STRAIN_AT_ONE)
    return 1.0 + PER_DOUBLING * math.log2(strain / STRAIN_AT_ONE)


def rate_notes(time_s, beat, voice) -> float:
    """Unrounded rating of one player's notes."""
    return strain_to_rating(part_strain(time_s, beat, voice))


def combine(ratings) -> float:
    """The chart rating from the players' ratings: their quadratic mean."""
    values = np.asarray(list(ratings), dtype=np.float64)
    return float(np.sqrt(np.mean(values**2))) if len(values) else 0.0


def rate_part(part: Part) -> float:
    return rate_notes(part.time_s, part.beat, part.voice)


def rate_chart(chart: Chart) -> float:
    """Difficulty rating of a chart from its notes (not its requested difficulty)."""
    return round(combine(rate_part(p) for p in chart.parts), 2)


def _ranks(values: np.ndarray) -> np.ndarray:
    """Ranks starting at 1, ties sharing their average rank."""
    order = np.argsort(values, kind="stable")
    sorted_values = values[order]
    ranks = np.empty(len(values))
    _, first, counts = np.unique(sorted_values, return_index=True, return_counts=True)
    average = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(average, counts)
    return ranks


def spearman(x, y) -> float:
    """Spearman rank correlation (ties get average ranks); nan if either side is constant."""
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    if len(x) != len(y):
        raise ValueError("spearman: x and y differ in length")
    rx, ry = _ranks(x) - (len(x) + 1) / 2.0, _ranks(y) - (len(y) + 1) / 2.0
    denom = math.sqrt(float(np.dot(rx, rx) * np.dot(ry, ry)))
    return float(np.dot(rx, ry) / denom) if denom > 0 else math.nan


__all__ = ["rate_chart", "rate_notes", "rate_part", "spearman"]
