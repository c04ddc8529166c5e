"""Cross-correlations of two players' inter-onset interval deviations at lags -1, 0 and +1.

``xcorr[lag] = corr(d1[n], d2[n + lag])``: lag +1 pairs P2's interval with P1's previous one
(positive when P2 follows P1), lag -1 the reverse; see :mod:`.coordination` for the research
behind it. Intervals are nan where a point was missed; those pairs are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class LagCorrelations:
    """Cross-correlations at lags -1, 0, +1 (None where undefined) and their interval count."""

    minus1: float | None
    zero: float | None
    plus1: float | None
    intervals: int

    def as_dict(self) -> dict[str, float | None]:
        return {"-1": self.minus1, "0": self.zero, "1": self.plus1}


def dot(x: np.ndarray, y: np.ndarray) -> float:
    """``x . y`` of two 1-D arrays in numpy's own loop, not BLAS: BLAS spreads a long dot
    product over threads, and on a busy machine they wait for each other far longer than the
    sum takes (milliseconds instead of microseconds for 14,000 points, measured)."""
    return float(np.einsum("i,i->", x, y))


def pearson(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson r over the pairs where both are finite; None with fewer than 3 such pairs or
    when either series does not vary."""
    return _pearson_where(x, y, np.isfinite(x) & np.isfinite(y))


def _pearson_where(x: np.ndarray, y: np.ndarray, ok: np.ndarray) -> float | None:
    """:func:`pearson` over the pairs ``ok`` marks (each a pair of finite values)."""
    if int(np.count_nonzero(ok)) < 3:
        return None
    return pearson_in_place(x[ok], y[ok])


def pearson_in_place(x: np.ndarray, y: np.ndarray) -> float | None:
    """:func:`pearson` of pairs already picked out (all finite), centring ``x`` and ``y``
    in place."""
    count = len(x)
    if count < 3:
        return None
    x -= np.add.reduce(x) / count  # as x.mean(), bit for bit
    y -= np.add.reduce(y) / count
    sxx, syy = float(dot(x, x)), float(dot(y, y))
    if not (sxx > 1e-12 and syy > 1e-12):
        return None
    return min(1.0, max(-1.0, float(dot(x, y)) / math.sqrt(sxx * syy)))


def lag_correlations(d1: np.ndarray, d2: np.ndarray) -> LagCorrelations:
    """xcorr[lag] = corr(d1[n], d2[n + lag]) for lag -1, 0, +1 (nan entries left out)."""
    f1, f2 = np.isfinite(d1), np.isfinite(d2)
    both = f1 & f2
    return LagCorrelations(
        minus1=_pearson_where(d1[1:], d2[:-1], f1[1:] & f2[:-1]),
        zero=_pearson_where(d1, d2, both),
        plus1=_pearson_where(d1[:-1], d2[1:], f1[:-1] & f2[1:]),
        intervals=int(np.count_nonzero(both)),
    )


def lag_correlations_in_place(
    pairs: tuple[tuple[np.ndarray, np.ndarray], ...],
) -> LagCorrelations:
    """:func:`lag_correlations` from the pairs each lag (-1, 0, +1) takes, already picked
    out (``d1[1:]``/``d2[:-1]``, ``d1``/``d2`` and ``d1[:-1]``/``d2[1:]`` where both are
    finite: lag 0's are the intervals both series have); the pairs are centred in place."""
    intervals = len(pairs[1][0])
    minus1, zero, plus1 = (pearson_in_place(x, y) for x, y in pairs)
    return LagCorrelations(minus1=minus1, zero=zero, plus1=plus1, intervals=intervals)


#: Blocks handled at a time by :class:`BlockMoments` (its working arrays fit the cache).
CACHE_BLOCKS = 1024


@dataclass(frozen=True, slots=True)
class WindowLags:
    """:func:`lag_correlations` of many windows: one entry per window, nan where undefined."""

    minus1: np.ndarray
    zero: np.ndarray
    plus1: np.ndarray
    intervals: np.ndarray


def _pearson_of_sums(count, sx, sy, sxx, syy, sxy) -> np.ndarray:
    """:func:`pearson` from sums of (x, y, x^2, y^2, xy) about any reference near the
    means (nan where it gives None)."""
    safe = np.maximum(count, 1)
    cxx = sxx - sx * sx / safe
    cyy = syy - sy * sy / safe
    cxy = sxy - sx * sy / safe
    defined = (count >= 3) & (cxx > 1e-12) & (cyy > 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.clip(cxy / np.sqrt(cxx * cyy), -1.0, 1.0)
    return np.where(defined, r, np.nan)


class BlockMoments:
    """Moments of two interval series in blocks of ``step`` intervals, each series centred on
    its own mean in each block, from which any run of whole blocks gives its lag correlations.

    Each series is given as the (increasing) indices of the intervals it has and its values
    there. Per block and lag (-1, 0, +1): the count and the sums of x, y, x^2, y^2 and xy
    over the pairs inside the block where both are there (lag +1 pairs x at k with y at
    k + 1, lag -1 x at k + 1 with y at k), and for lags -1 and +1 the one pair across into
    the next block. Sums about each block's own means keep a series that is constant in a
    window exactly constant (undefined), as the straightforward two-pass definition has it.
    """

    def __init__(
        self,
        x: tuple[np.ndarray, np.ndarray],
        y: tuple[np.ndarray, np.ndarray],
        intervals: int,
        step: int,
    ) -> None:
        blocks = -(-intervals // step)
        self.step, self.blocks, self.intervals = step, blocks, intervals
        self.count = np.zeros((2, blocks))  # [series, block]
        mean = np.zeros((2, blocks))
        self.inside = np.zeros((3, 6, blocks))  # [lag -1, 0, +1][n, sx, sy, sxx, syy, sxy]
        edge = np.zeros((4, 2, blocks))  # first slot's value and presence, last slot's
        # A few hundred blocks at a time, so the dozen passes over them stay in the cache.
        for first in range(0, blocks, CACHE_BLOCKS):
            stop = min(blocks, first + CACHE_BLOCKS)
            part = slice(first, stop)
            ok, c = _grids((x, y), first * step, stop * step)
            ok, c = ok.reshape(2, -1, step), c.reshape(2, -1, step)
            count = self.count[:, part] = np.einsum("sbj->sb", ok)
            block_mean = mean[:, part] = np.einsum("sbj->sb", c) / np.maximum(count, 1.0)
            c -= block_mean[:, :, None]
            c *= ok  # 0 where missing
            sq = c * c
            # Lag -1 pairs x at k + 1 with y at k; lag +1 x at k with y at k + 1.
            for lag, (xs, ys) in enumerate(
                (
                    (slice(1, None), slice(None, -1)),
                    (slice(None), slice(None)),
                    (slice(None, -1), slice(1, None)),
                )
            ):
                self.inside[lag, :, part] = _pair_sums(c, sq, ok, xs, ys)
            edge[:, :, part] = c[:, :, 0], ok[:, :, 0], c[:, :, -1], ok[:, :, -1]
        self.mean = _filled(mean, self.count)
        # Across blocks b, b + 1: the last slot of b and the first of b + 1 (about their
        # own blocks' means, 0 where missing): [series, block].
        self.last, self.last_ok = edge[2, :, :-1], edge[3, :, :-1]
        self.next_first, self.next_ok = edge[0, :, 1:], edge[1, :, 1:]

    def _across(self, shift_last: np.ndarray, shift_next: np.ndarray, blocks) -> np.ndarray:
        """Sums of the pairs across ``blocks`` -> the next, for lags -1 and +1, with each
        end shifted to the reference means (``shift_*[series]``): [lag, component, block]."""
        last = self.last[:, blocks] + shift_last * self.last_ok[:, blocks]
        later = self.next_first[:, blocks] + shift_next * self.next_ok[:, blocks]
        # lag -1: x at k + 1 (later), y at k (last); lag +1: x at k, y at k + 1.
        pair = np.stack(
            [
                self.next_ok[0, blocks] * self.last_ok[1, blocks],
                self.last_ok[0, blocks] * self.next_ok[1, blocks],
            ]
        )
        x = np.stack([later[0], last[0]]) * pair
        y = np.stack([last[1], later[1]]) * pair
        return np.stack([pair, x, y, x * x, y * y, x * y], axis=1)

    def windows(self) -> WindowLags:
        """Lag correlations of every two consecutive blocks (windows of 2 steps, every
        step) that lie inside the series."""
        count = max(0, (self.intervals - 2 * self.step) // self.step + 1)
        here, after = slice(0, count), slice(1, count + 1)
        shift = self.mean[:, after] - self.mean[:, here]  # block b + 1 about block b's means
        sums = self.inside[:, :, here] + _shifted(self.inside[:, :, after], shift)
        sums[::2] += self._across(np.zeros((2, 1)), shift, here)
        r = _pearson_of_sums(*sums.transpose(1, 0, 2))
        return WindowLags(minus1=r[0], zero=r[1], plus1=r[2], intervals=sums[1, 0].astype(np.int64))

    def whole(self) -> LagCorrelations:
        """Lag correlations of all blocks together (the whole series)."""
        total = float(self.inside[1, 0].sum())
        centre = (self.mean * self.count).sum(axis=1) / np.maximum(self.count.sum(axis=1), 1.0)
        shift = self.mean - centre[:, None]  # each block's means about the whole's
        sums = _shifted(self.inside, shift).sum(axis=2)
        crossing = slice(0, max(0, self.blocks - 1))
        sums[::2] += self._across(shift[:, :-1], shift[:, 1:], crossing).sum(axis=2)
        r = _pearson_of_sums(*sums.T).tolist()
        return LagCorrelations(_defined(r[0]), _defined(r[1]), _defined(r[2]), int(total))


def _grids(series, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
    """Presence (1.0 / 0.0) and values (0 where missing) of each (position, values) series
    over the slots ``start:stop``."""
    ok = np.zeros((len(series), stop - start))
    grid = np.zeros((len(series), stop - start))
    for row, (position, values) in enumerate(series):
        lo, hi = np.searchsorted(position, (start, stop))
        ok[row][position[lo:hi] - start] = 1.0
        grid[row][position[lo:hi] - start] = values[lo:hi]
    return ok, grid


def _pair_sums(c: np.ndarray, sq: np.ndarray, ok: np.ndarray, xs: slice, ys: slice):
    """Per block: the count and sums of x, y, x^2, y^2, xy over pairs (x at slots ``xs``,
    y at the matching slots ``ys``) where both are there; ``c`` is 0 where missing."""
    cx, cy, okx, oky = c[0][:, xs], c[1][:, ys], ok[0][:, xs], ok[1][:, ys]
    return (
        _rows(okx, oky),
        _rows(cx, oky),
        _rows(cy, okx),
        _rows(sq[0][:, xs], oky),
        _rows(sq[1][:, ys], okx),
        _rows(cx, cy),
    )


def _filled(mean: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Block means [series, block] with each empty block given its series' nearest earlier
    (else first) played block's means, so no shift between blocks spans a made-up 0."""
    out = mean.copy()
    for series in range(len(mean)):
        played = count[series] > 0
        if played.all() or not played.any():
            continue
        first = int(np.argmax(played))
        source = np.maximum.accumulate(np.where(played, np.arange(len(played)), first))
        out[series] = mean[series, source]
    return out


def _shifted(sums: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """``sums`` [lag, component, block] of x, y about means moved by ``-shift[series, block]``:
    the sums of (x + dx, y + dy)."""
    n, sx, sy, sxx, syy, sxy = sums.transpose(1, 0, 2)
    dx, dy = shift
    return np.stack(
        [
            n,
            sx + n * dx,
            sy + n * dy,
            sxx + (2 * sx + n * dx) * dx,
            syy + (2 * sy + n * dy) * dy,
            sxy + dx * sy + dy * sx + n * dx * dy,
        ],
        axis=1,
    )


def _rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", a, b)


def _defined(r: float) -> float | None:
    return None if math.isnan(r) else float(r)


def window_lag_correlations(d1: np.ndarray, d2: np.ndarray, step: int) -> WindowLags:
    """:func:`lag_correlations` of ``d1[f:f+2*step]``, ``d2[f:f+2*step]`` for f = 0, step,
    2 step, ... (every window inside the series), from per-block sums (:class:`BlockMoments`)."""
    return _moments(d1, d2, step).windows()


def _moments(d1: np.ndarray, d2: np.ndarray, step: int) -> BlockMoments:
    have = [np.flatnonzero(np.isfinite(d)) for d in (d1, d2)]
    return BlockMoments((have[0], d1[have[0]]), (have[1], d2[have[1]]), len(d1), step)


__all__ = [
    "BlockMoments",
    "LagCorrelations",
    "WindowLags",
    "dot",
    "lag_correlations",
    "lag_correlations_in_place",
    "pearson",
    "pearson_in_place",
    "window_lag_correlations",
]
