"""Latency calibration maths: from taps on a metronome to a player's offset.

The player taps along to a click (audio offset) or a flashing beat (video offset). Each tap's
*asynchrony* is ``tap - nearest beat`` in ms (negative = early). The offset is the median
asynchrony after rejecting outliers, as osu! calibrates from the median hit error. A positive
offset means the player's hits arrive late; the judge subtracts it from their hit times.

Outliers are rejected in two steps: anything further than ``MAX_ASYNCHRONY_MS`` from its beat
(a tap for another beat, a slip of the hand), then anything beyond ``OUTLIER_MADS`` scaled
median absolute deviations from the median of what is left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: Fewest usable taps (after outlier rejection) a calibration needs.
MIN_TAPS = 8
#: Taps further than this from every beat are rejected outright.
MAX_ASYNCHRONY_MS = 250.0
#: Taps further than this many scaled MADs from the median are rejected.
OUTLIER_MADS = 3.0
#: The MAD-based rejection threshold never drops below this (identical taps have MAD 0).
MIN_OUTLIER_THRESHOLD_MS = 10.0
#: Width of the histogram's bins.
HISTOGRAM_BIN_MS = 10.0
#: MAD * this estimates the standard deviation of normally distributed values.
MAD_TO_SD = 1.4826
#: Standard error of a median of n normal values is about this * SD / sqrt(n).
MEDIAN_SE_FACTOR = math.sqrt(math.pi / 2)


@dataclass(frozen=True, slots=True)
class Histogram:
    """Counts of the used asynchronies in bins ``[edges_ms[i], edges_ms[i + 1])``."""

    edges_ms: tuple[float, ...]
    counts: tuple[int, ...]

    @property
    def peak(self) -> int:
        return max(self.counts, default=0)


@dataclass(frozen=True, slots=True)
class CalibrationResult:
    """The estimated offset and how much to trust it.

    ``offset_ms`` is the median asynchrony of the used taps (negative = the player is early);
    ``spread_ms`` the MAD-based standard deviation of the used taps; ``used`` and ``rejected``
    count taps kept and thrown out; ``histogram`` bins the used taps.
    """

    offset_ms: float
    spread_ms: float
    used: int
    rejected: int
    histogram: Histogram

    @property
    def error_ms(self) -> float:
        """Standard error of ``offset_ms`` (the median of ``used`` taps of this spread).

        About 4 ms for 20 taps with a 15 ms spread: worth showing beside the offset.
        """
        return MEDIAN_SE_FACTOR * self.spread_ms / math.sqrt(self.used)


def beat_times(bpm: float, beats: int, start_s: float = 0.0) -> np.ndarray:
    """Times (s) of ``beats`` metronome clicks at ``bpm``, the first at ``start_s``."""
    if not (math.isfinite(bpm) and bpm > 0):
        raise ValueError(f"bpm must be a positive number, got {bpm!r}")
    if beats < 0:
        raise ValueError(f"beats must be 0 or more, got {beats}")
    return start_s + np.arange(int(beats), dtype=np.float64) * (60.0 / bpm)


def asynchronies(tap_times_s, beat_times_s) -> np.ndarray:
    """Each tap's distance (ms) to its nearest beat: ``tap - beat``, negative = early.

    A missed beat simply has no tap; an extra tap is matched to its nearest beat too (and is
    usually rejected later as an outlier). Ties between two beats go to the earlier one.
    """
    taps = _finite_1d(tap_times_s, "tap times")
    beats = np.sort(_finite_1d(beat_times_s, "beat times"))
    if len(beats) == 0:
        raise ValueError("calibration needs at least one beat")
    if len(taps) == 0:
        return np.empty(0, dtype=np.float64)
    right = np.clip(np.searchsorted(beats, taps, side="left"), 0, len(beats) - 1)
    left = np.clip(right - 1, 0, len(beats) - 1)
    to_left = taps - beats[left]
    to_right = taps - beats[right]
    nearest = np.where(np.abs(to_left) <= np.abs(to_right), to_left, to_right)
    return nearest * 1000.0


def estimate_offset(asynchronies_ms, bin_ms: float = HISTOGRAM_BIN_MS) -> CalibrationResult:
    """Median asynchrony after outlier rejection; ValueError if fewer than ``MIN_TAPS`` remain."""
    values = _finite_1d(asynchronies_ms, "asynchronies")
    if not (math.isfinite(bin_ms) and bin_ms > 0):
        raise ValueError(f"histogram bin width must be positive, got {bin_ms!r}")
    near = values[np.abs(values) <= MAX_ASYNCHRONY_MS]
    if len(near) < MIN_TAPS:
        raise ValueError(_too_few(len(near), len(values)))
    center = float(np.median(near))
    threshold = max(OUTLIER_MADS * _scaled_mad(near, center), MIN_OUTLIER_THRESHOLD_MS)
    used = near[np.abs(near - center) <= threshold]
    if len(used) < MIN_TAPS:
        raise ValueError(_too_few(len(used), len(values)))
    offset = float(np.median(used))
    return CalibrationResult(
        offset_ms=offset,
        spread_ms=_scaled_mad(used, offset),
        used=len(used),
        rejected=len(values) - len(used),
        histogram=histogram(used, bin_ms),
    )


def histogram(values_ms, bin_ms: float = HISTOGRAM_BIN_MS) -> Histogram:
    """Bins of ``bin_ms`` aligned to multiples of ``bin_ms``, spanning the values."""
    values = _finite_1d(values_ms, "values")
    if len(values) == 0:
        return Histogram(edges_ms=(), counts=())
    low = math.floor(float(values.min()) / bin_ms)
    high = math.floor(float(values.max()) / bin_ms) + 1
    edges = np.arange(low, high + 1, dtype=np.float64) * bin_ms
    counts, _ = np.histogram(values, bins=edges)
    return Histogram(edges_ms=tuple(float(e) for e in edges), counts=tuple(int(c) for c in counts))


def _scaled_mad(values: np.ndarray, center: float) -> float:
    return float(MAD_TO_SD * np.median(np.abs(values - center)))


def _too_few(usable: int, total: int) -> str:
    return (
        f"only {usable} of {total} taps were close enough to the beat to use; "
        f"calibration needs at least {MIN_TAPS}"
    )


def _finite_1d(values, what: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be numbers") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what} must be finite numbers")
    return arr
