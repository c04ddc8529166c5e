"""Tempo from the autocorrelation of the onset envelope, globally and over time.

The envelope is cut into 12 s windows (half overlapping) and each window's autocorrelation
is taken, so a tempo that drifts keeps sharp peaks. A beat period is scored by its own peak
plus half the peak at 2x and a quarter at 4x its length (a beat level is supported by the
bar levels above it), each window's best within ±10 % of the period (drift), averaged over
the windows, and weighed by a log-normal preference for ``PREFERRED_BPM`` (the level most
listeners tap, Moelants & McKinney 2004: about 120 bpm, a spread of ~1 octave). Where that
preference cannot tell two octaves apart, the snare's backbeat does (``_backbeat_level``).
The local tempo (``tempo_curve``) is the best period near the global one in sliding 8 s
windows, so the beat tracker can follow drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_BPM, MAX_BPM = 60.0, 200.0
PREFERRED_BPM = 120.0
PREFERENCE_OCTAVES = 0.9
GLOBAL_WINDOW_S = 12.0  # windows of the global tempo's autocorrelations
WINDOW_S = 8.0
WINDOW_HOP_S = 1.0
DRIFT = 0.10  # a window's beat may sit this far from the song's
LOCAL_SPAN = 0.15  # the local period stays within ±15 % of the global one
BACKBEAT_WEIGHT = 2.0
AMBIGUOUS = 0.8  # preferences this close leave the octave to the backbeat
HINT_SPAN = 0.06  # a tapped tempo is trusted to within this
BACKBEAT_MARGIN = 0.15  # how much clearer the other level's backbeat must be


@dataclass(frozen=True, slots=True)
class TempoEstimate:
    bpm: float
    period_frames: float
    strength: float  # 0..1: autocorrelation at the period relative to lag 0


def _normalized(envelope: np.ndarray) -> np.ndarray:
    """The envelope minus its local mean (0.5 s), so steady loudness adds nothing."""
    x = np.asarray(envelope, dtype=np.float64)
    if len(x) == 0:
        return x
    width = 101
    kernel = np.ones(width) / width
    padded = np.pad(x, width // 2, mode="edge")
    return x - np.convolve(padded, kernel, mode="valid")[: len(x)]


def autocorrelation(x: np.ndarray, max_lag: int) -> np.ndarray:
    """Unbiased-free autocorrelation for lags 0..max_lag, via the FFT, ac[0] = 1."""
    n = len(x)
    size = 1 << int(np.ceil(np.log2(max(2, 2 * n))))
    spec = np.fft.rfft(x, size)
    ac = np.fft.irfft(spec * np.conj(spec), size)[: max_lag + 1]
    return ac / ac[0] if ac[0] > 0 else np.zeros(max_lag + 1)


def window_autocorrelations(x: np.ndarray, max_lag: int, window: int) -> np.ndarray:
    """(windows, max_lag + 1): the autocorrelation of each half-overlapping window."""
    if len(x) <= window + window // 2:
        return autocorrelation(x, max_lag)[None, :]
    starts = range(0, len(x) - window + 1, window // 2)
    return np.stack([autocorrelation(x[s : s + window], max_lag) for s in starts])


def _peaks(acs: np.ndarray, lags: np.ndarray) -> np.ndarray:
    """(windows, lags): each window's largest autocorrelation within ±2 % of each lag."""
    out = np.zeros((len(acs), len(lags)))
    for i, lag in enumerate(lags):
        width = max(1, round(0.02 * lag))
        lo, hi = round(lag) - width, min(acs.shape[1], round(lag) + width + 1)
        if 1 <= lo < hi:
            out[:, i] = acs[:, lo:hi].max(axis=1)
    return out


def _pooled(values: np.ndarray, lags: np.ndarray) -> np.ndarray:
    """Mean over windows of each window's best value within ±DRIFT of each lag, so a tempo
    that wanders (live music, a drifting band) still adds up at its central period."""
    out = np.zeros(len(lags))
    for i, lag in enumerate(lags):
        near = (lags >= lag / (1 + DRIFT)) & (lags <= lag * (1 + DRIFT))
        out[i] = values[:, near].max(axis=1).mean()
    return out


def _preference(bpm: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * (np.log2(bpm / PREFERRED_BPM) / PREFERENCE_OCTAVES) ** 2)


def global_tempo(
    envelope: np.ndarray,
    frame_rate_hz: float,
    snare: np.ndarray | None = None,
    hint_bpm: float | None = None,
) -> TempoEstimate:
    """The song's main tempo at the tapping level (the backbeat level when a snare plays);
    with ``hint_bpm`` (a player's tapped tempo) the best tempo within ±``HINT_SPAN`` of it."""
    x = _normalized(envelope)
    min_lag = int(np.floor(60.0 * frame_rate_hz / MAX_BPM))
    max_lag = int(np.ceil(60.0 * frame_rate_hz / MIN_BPM))
    window = int(GLOBAL_WINDOW_S * frame_rate_hz)
    acs = window_autocorrelations(x, 4 * max_lag + 8, window)
    if not np.any(acs[:, 1:]):
        return TempoEstimate(PREFERRED_BPM, 60.0 * frame_rate_hz / PREFERRED_BPM, 0.0)
    lags = np.arange(min_lag / 2, 2 * max_lag + 1, 0.5)
    beat = _peaks(acs, lags)
    double, quad = _peaks(acs, 2 * lags), _peaks(acs, 4 * lags)
    preference = _preference(60.0 * frame_rate_hz / lags)
    salience_w = beat + 0.5 * double + 0.25 * quad
    salience = _pooled(salience_w, lags)
    inside = (lags >= min_lag) & (lags <= max_lag)
    if hint_bpm is not None:
        hint_lag = 60.0 * frame_rate_hz / hint_bpm
        inside = (lags >= hint_lag / (1 + HINT_SPAN)) & (lags <= hint_lag * (1 + HINT_SPAN))
        best = int(np.argmax(np.where(inside, salience_w.mean(axis=0), -np.inf)))
        period, strength = _central_period(acs, float(lags[best]))
        return TempoEstimate(60.0 * frame_rate_hz / period, period, max(0.0, strength))
    best = _recentred(
        int(np.argmax(np.where(inside, salience * preference, -np.inf))),
        lags,
        salience_w.mean(axis=0),
    )
    if snare is not None:
        snare_acs = window_autocorrelations(_normalized(snare), 4 * max_lag + 8, window)
        backbeat = _pooled(
            np.maximum(0.0, _peaks(snare_acs, 2 * lags) - _peaks(snare_acs, lags)), lags
        )
        best = _backbeat_level(best, lags, inside, salience * preference, preference, backbeat)
    period, strength = _central_period(acs, float(lags[best]))
    return TempoEstimate(60.0 * frame_rate_hz / period, period, max(0.0, strength))


def _recentred(index: int, lags: np.ndarray, salience: np.ndarray) -> int:
    """The salience peak within ±DRIFT of a pooled pick (pooling and the preference together
    would pull the pick toward 120 bpm, off the peak it stands for)."""
    near = np.flatnonzero((lags >= lags[index] / (1 + DRIFT)) & (lags <= lags[index] * (1 + DRIFT)))
    return int(near[np.argmax(salience[near])])


def _backbeat_level(best, lags, inside, score, preference, backbeat) -> int:
    """Index of the tapping level among the best lag, its half and its double.

    Where the tempo preference cannot tell two octaves apart (84 or 168 bpm, 86 or 172 bpm
    lie about equally far from 120), the snare decides: drum music is tapped where kick and
    snare alternate, so the level with the snare clearly more on every other beat (by
    ``BACKBEAT_MARGIN``) wins when its backbeat-raised score is higher. A level that the
    preference clearly disfavours never wins this way (a slow reading of a one-bar snare
    figure would look like a backbeat too).
    """
    weighted = score * (1.0 + BACKBEAT_WEIGHT * backbeat)
    chosen = best
    for factor in (0.5, 2.0):
        other = int(np.argmin(np.abs(lags - lags[best] * factor)))
        if not inside[other] or abs(lags[other] - lags[best] * factor) > 0.5:
            continue
        clearer = backbeat[other] - backbeat[best] >= BACKBEAT_MARGIN
        close = preference[other] >= AMBIGUOUS * preference[best]
        if clearer and close and weighted[other] > weighted[chosen]:
            chosen = other
    return chosen


def _central_period(acs: np.ndarray, lag: float) -> tuple[float, float]:
    """The median over windows of each window's refined peak within ±DRIFT of ``lag``, and
    the mean height of those peaks (how periodic the onsets are, 0..1)."""
    lo, hi = int(np.floor(lag / (1 + DRIFT))), int(np.ceil(lag * (1 + DRIFT)))
    found, heights = [], []
    for ac in acs:
        if hi + 1 >= len(ac) or lo < 1:
            continue
        peak = lo + int(np.argmax(ac[lo : hi + 1]))
        found.append(_refine(ac, float(peak)))
        heights.append(float(ac[peak]))
    if not found:
        return lag, 0.0
    return float(np.median(found)), float(np.mean(heights))


def _refine(ac: np.ndarray, lag: float) -> float:
    """Sub-frame peak position near ``lag`` by a parabola through the top three values,
    refined again from the 4x multiple, which pins the period four times finer."""

    def parabola(center: int) -> float:
        if center < 1 or center + 1 >= len(ac):
            return float(center)
        a, b, c = ac[center - 1], ac[center], ac[center + 1]
        denom = a - 2 * b + c
        return center + (0.5 * (a - c) / denom if denom < 0 else 0.0)

    def local_max(target: float) -> int:
        width = max(1, round(0.03 * target))
        lo = max(1, round(target) - width)
        hi = min(len(ac) - 1, round(target) + width + 1)
        return lo + int(np.argmax(ac[lo:hi])) if hi > lo else round(target)

    one = parabola(local_max(lag))
    if 4 * one + 2 < len(ac):
        four = parabola(local_max(4 * one)) / 4.0
        if abs(four - one) < 1.0:
            return four
    return one


def tempo_curve(envelope: np.ndarray, frame_rate_hz: float, period_frames: float) -> np.ndarray:
    """Local beat period (frames) for every frame, within ±LOCAL_SPAN of ``period_frames``."""
    x = _normalized(envelope)
    n = len(x)
    win = int(WINDOW_S * frame_rate_hz)
    if n < win or period_frames <= 0:
        return np.full(n, period_frames)
    hop = int(WINDOW_HOP_S * frame_rate_hz)
    lo = int(np.floor(period_frames * (1 - LOCAL_SPAN)))
    hi = int(np.ceil(period_frames * (1 + LOCAL_SPAN)))
    centres, periods = [], []
    for start in range(0, n - win + 1, hop):
        ac = autocorrelation(x[start : start + win], 2 * hi + 4)
        cand = np.arange(lo, hi + 1)
        score = ac[cand] + 0.5 * _peaks(ac[None, :], 2.0 * cand)[0]
        periods.append(_refine(ac, float(cand[int(np.argmax(score))])))
        centres.append(start + win / 2)
    periods_arr = _median_smooth(np.array(periods), 5)
    return np.interp(np.arange(n), np.array(centres), periods_arr)


def _median_smooth(values: np.ndarray, width: int) -> np.ndarray:
    if len(values) < width:
        return values
    pad = width // 2
    padded = np.pad(values, pad, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, width)
    return np.median(windows, axis=1)
