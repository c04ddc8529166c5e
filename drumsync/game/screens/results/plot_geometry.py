"""What the results plots show and where, in pixels: pure numpy, no pygame.

Two plots: each player's timing offset over the song (x = song time, y = offset, late up,
zero on the centre line, clipped to the miss window) and a histogram of the delta between the
players at the chart times they share (``delta_ms = t_p1 - t_p2``, negative = P1 first).
The drawing code in :mod:`drumsync.game.screens.results.plots` only turns these numbers into shapes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ....core.chart import Chart
from ....core.judgement import MatchJudgements
from ....core.voices import Player
from ....core.windows import Tier

#: Histogram range (± ms) and bin width.
DELTA_LIMIT_MS = 100.0
DELTA_BIN_MS = 5.0
#: Steps (s) the time axis may use between ticks.
TIME_TICK_STEPS_S = (1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0, 300.0)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in canvas pixels."""

    x: float
    y: float
    width: float
    height: float

    def __post_init__(self) -> None:
        if not (self.width > 0 and self.height > 0):
            raise ValueError(f"a plot box needs a positive size, got {self.width}x{self.height}")

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether each point lies inside (edges included)."""
        x, y = np.asarray(x), np.asarray(y)
        return (x >= self.x) & (x <= self.right) & (y >= self.y) & (y <= self.bottom)


@dataclass(frozen=True, slots=True)
class OffsetAxes:
    """Song time ``start_s..end_s`` across the box; offset ``-limit_ms..+limit_ms`` up it.

    ``inset_px`` keeps the axes' ends that far inside the box on every side, so a marker of
    that radius centred on any point (an offset clipped to the limit, the first or last note)
    is drawn wholly inside the box."""

    box: Box
    start_s: float
    end_s: float
    limit_ms: float
    inset_px: float = 0.0

    def __post_init__(self) -> None:
        if not self.end_s > self.start_s:
            raise ValueError(f"empty time range {self.start_s}..{self.end_s}")
        if not self.limit_ms > 0:
            raise ValueError(f"offset limit must be positive, got {self.limit_ms}")
        if not 0.0 <= 2 * self.inset_px < min(self.box.width, self.box.height):
            raise ValueError(
                f"inset {self.inset_px} px leaves no room in a "
                f"{self.box.width}x{self.box.height} box"
            )

    @property
    def zero_y(self) -> float:
        return self.box.centre_y

    @property
    def inner(self) -> Box:
        """Where points land: the box less the inset on every side."""
        i = self.inset_px
        return Box(self.box.x + i, self.box.y + i, self.box.width - 2 * i, self.box.height - 2 * i)

    def x_px(self, time_s) -> np.ndarray:
        """x of each song time, clipped to the box (less the inset)."""
        t = np.asarray(time_s, dtype=np.float64)
        fraction = np.clip((t - self.start_s) / (self.end_s - self.start_s), 0.0, 1.0)
        return self.box.x + self.inset_px + fraction * (self.box.width - 2 * self.inset_px)

    def y_px(self, offset_ms) -> np.ndarray:
        """y of each offset (late = up), clipped to the box (less the inset)."""
        o = np.clip(np.asarray(offset_ms, dtype=np.float64), -self.limit_ms, self.limit_ms)
        return self.zero_y - o / self.limit_ms * (self.box.height / 2 - self.inset_px)

    def band(self, half_ms: float) -> tuple[float, float]:
        """(top, bottom) pixels of the band ``-half_ms..+half_ms``."""
        top, bottom = self.y_px([half_ms, -half_ms])
        return float(top), float(bottom)


@dataclass(frozen=True, eq=False)
class OffsetSeries:
    """One player's notes for the offset plot.

    ``hit_*``: notes a hit consumed (``hit_miss`` marks those judged a miss, outside the good
    window); ``missed_time_s``: notes nobody hit.
    """

    hit_time_s: np.ndarray
    hit_offset_ms: np.ndarray
    hit_miss: np.ndarray
    missed_time_s: np.ndarray


def offset_series(chart: Chart, judgements: MatchJudgements, player: Player) -> OffsetSeries:
    times = np.asarray(chart.part(player).time_s, dtype=np.float64)
    judged = judgements.player(player)
    hit = judged.hit_mask
    return OffsetSeries(
        hit_time_s=times[hit],
        hit_offset_ms=np.asarray(judged.offset_ms[hit], dtype=np.float64),
        hit_miss=judged.tier[hit] == int(Tier.MISS),
        missed_time_s=times[~hit],
    )


@dataclass(frozen=True, eq=False)
class DeltaHistogram:
    """Counts per bin over ``-limit_ms..+limit_ms``; ``below``/``above`` count what fell outside."""

    counts: np.ndarray
    edges_ms: np.ndarray
    below: int
    above: int

    @property
    def total(self) -> int:
        return int(self.counts.sum()) + self.below + self.above


def delta_histogram(
    delta_ms, limit_ms: float = DELTA_LIMIT_MS, bin_ms: float = DELTA_BIN_MS
) -> DeltaHistogram:
    """Bins centred on zero: an even number of bins so 0 is an edge and each side is mirrored
    (a delta of exactly 0 falls in the bin just right of the centre)."""
    bins_per_side = max(1, math.ceil(limit_ms / bin_ms))
    edges = np.linspace(-limit_ms, limit_ms, 2 * bins_per_side + 1)
    values = np.asarray(delta_ms, dtype=np.float64)
    values = values[np.isfinite(values)]
    inside = (values >= -limit_ms) & (values <= limit_ms)
    counts, _ = np.histogram(values[inside], bins=edges)
    return DeltaHistogram(
        counts=counts.astype(np.int64),
        edges_ms=edges,
        below=int(np.sum(values < -limit_ms)),
        above=int(np.sum(values > limit_ms)),
    )


def histogram_x_px(box: Box, limit_ms: float, delta_ms) -> np.ndarray:
    """x of a delta on the histogram's axis (0 at the box's centre), clipped to the box."""
    d = np.clip(np.asarray(delta_ms, dtype=np.float64), -limit_ms, limit_ms)
    return box.x + (d + limit_ms) / (2 * limit_ms) * box.width


def histogram_bars(hist: DeltaHistogram, box: Box, gap_px: float = 1.0) -> np.ndarray:
    """One row ``(x, y, width, height)`` per bin, standing on the box's bottom; the tallest bin
    reaches the top. Zero counts give zero height."""
    limit = float(hist.edges_ms[-1])
    left = histogram_x_px(box, limit, hist.edges_ms[:-1])
    right = histogram_x_px(box, limit, hist.edges_ms[1:])
    peak = max(1, int(hist.counts.max())) if len(hist.counts) else 1
    height = hist.counts / peak * box.height
    width = np.maximum(right - left - gap_px, 1.0)
    return np.column_stack((left, box.bottom - height, width, height))


def time_ticks(start_s: float, end_s: float, max_ticks: int = 8) -> np.ndarray:
    """Times (s after ``start_s``) for axis labels: a round step, at most ``max_ticks`` + 1."""
    length = max(0.0, end_s - start_s)
    step = next((s for s in TIME_TICK_STEPS_S if length / s <= max_ticks), TIME_TICK_STEPS_S[-1])
    return np.arange(0.0, length + 1e-9, step)


__all__ = [
    "DELTA_BIN_MS",
    "DELTA_LIMIT_MS",
    "Box",
    "DeltaHistogram",
    "OffsetAxes",
    "OffsetSeries",
    "delta_histogram",
    "histogram_bars",
    "histogram_x_px",
    "offset_series",
    "time_ticks",
]
