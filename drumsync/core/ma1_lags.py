"""Quadratic forms ``x' K^-1 y`` under an MA(1) covariance K, from lagged products of the series.

``K = variance I + lag1 (S + S')`` (n x n, S the shift, ``-variance/2 <= lag1 <= 0``). Its
inverse is the Green's function of a second-order difference equation with zero ends (the
method of images)::

    K^-1[i, j] = (s^|i-j| - s^(i+j) - s^(2(n+1)-i-j) + ...) / D      i, j = 1..n

with ``s = -2 rho / (1 + sqrt(1 - 4 rho^2))`` for ``rho = lag1 / variance`` and
``D = sqrt(variance^2 - 4 lag1^2)``; the terms left out carry ``s^(n+1)`` or less. So every
form is a power series in s: lag-m products of the series (``sum_i x[i] y[i+m]``) for the
Toeplitz part, and products of the first and of the last few entries for the two ends.
When s is small (a motor noise well under the timekeeper's) a few lags reach float
precision, and those lags are all a bGLS fit of any number of iterations needs: once they
are known, each iteration costs a dot product of a few dozen numbers instead of a pass
over the series. Lags are computed as iterations ask for them, in cache-sized chunks.

When s comes close to 1 (``rho`` near its bound -1/2) or the series is short, the forms
come from the sine-basis transform of :mod:`.ma1_forms` instead; both are exact.
"""

from __future__ import annotations

import math

import numpy as np

from .ma1_forms import Ma1QuadraticForms

#: Terms below this fraction of the largest are left out of the series (float precision).
TOLERANCE = 2.0**-56
#: Most lags worth computing; beyond them the sine-basis transform is cheaper.
MAX_LAGS = 48
#: Columns per block of the lagged products: a block of a few rows stays in the cache.
CHUNK = 16384


def kernel_ratio(rho: float) -> float:
    """s of ``K^-1[i, j] ~ s^|i-j|`` for ``rho = lag1 / variance`` in [-1/2, 0]."""
    return -2.0 * rho / (1.0 + math.sqrt(max(0.0, 1.0 - 4.0 * rho * rho)))


def lags_needed(s: float) -> int:
    """The least M with ``s^(M+1) / (1 - s) <= TOLERANCE`` (None-like large when s >= 1)."""
    if s <= 0.0:
        return 0
    if s >= 1.0:
        return 1 << 30
    return max(0, math.ceil(math.log(TOLERANCE * (1.0 - s)) / math.log(s)) - 1)


def lag_products(rows: np.ndarray, first: int, last: int) -> np.ndarray:
    """``out[m - first] = rows[:, :n-m] @ rows[:, m:].T`` for m = first..last (inclusive).

    In chunks of :data:`CHUNK` columns so each chunk is read once for all its lags.
    """
    count, n = rows.shape
    out = np.zeros((last - first + 1, count, count))
    for start in range(0, n, CHUNK):
        block = rows[:, start : start + CHUNK]
        width = block.shape[1]
        for m in range(first, last + 1):
            stop = min(width, n - m - start)
            if stop <= 0:
                break
            out[m - first] += block[:, :stop] @ rows[:, start + m : start + m + stop].T
    return out


def _end_products(ends: np.ndarray) -> np.ndarray:
    """``out[k][a, b] = sum_{i+j=k} ends[a, i-1] ends[b, j-1]`` (i, j >= 1), for k = 0..2M."""
    count, width = ends.shape
    out = np.zeros((2 * width + 1, count, count))
    outer = ends[:, None, :, None] * ends[None, :, None, :]  # [a, b, i, j]
    k = (np.arange(width)[:, None] + np.arange(width)[None, :] + 2).ravel()
    np.add.at(out, k, outer.reshape(count, count, -1).transpose(2, 0, 1))
    return out


class Ma1LagForms:
    """``rows' K^-1 rows`` (an R x R matrix) for the R x n ``rows`` and any MA(1) K.

    ``gram0`` and ``gram1`` are the lag-0 and lag-1 products (the residual moments of bGLS
    come from them). :meth:`coefficients` gives the power series of a few entries, for a
    caller that evaluates the same entries at many (variance, lag1).
    """

    def __init__(self, rows: np.ndarray) -> None:
        self.rows = np.ascontiguousarray(rows, dtype=np.float64)
        count, self.n = self.rows.shape
        self._lags = lag_products(self.rows, 0, min(1, max(0, self.n - 1)))
        if len(self._lags) < 2:
            self._lags = np.concatenate([self._lags, np.zeros((1, count, count))])
        self.gram0 = self._lags[0]
        self.gram1 = self._lags[1]
        self._series: np.ndarray | None = None  # [k, a, b] for k = 0..M
        self._fallback: Ma1QuadraticForms | None = None

    @property
    def lags(self) -> int:
        return len(self._lags) - 1

    def lags_for(self, s: float) -> int | None:
        """The lags the power series in ``s`` needs, None when it cannot be exact (to float
        precision) for this n or would need more than MAX_LAGS."""
        lags = lags_needed(s)
        return lags if lags <= MAX_LAGS and self.n >= 2 * lags + 2 else None

    def series(self, lags: int) -> np.ndarray:
        """``out[k]``, k = 0..(at least) lags: ``rows' K^-1 rows = sum_k s^k out[k] / D``."""
        if lags > self.lags:  # a few lags more than asked: the fit's s grows as it settles
            more = min(MAX_LAGS, (self.n - 2) // 2, max(lags, self.lags + 4))
            self._lags = np.concatenate([self._lags, lag_products(self.rows, self.lags + 1, more)])
            self._series = None
        if self._series is None:
            toeplitz = self._lags.copy()
            toeplitz[1:] += self._lags[1:].transpose(0, 2, 1)
            width = self.lags
            head, tail = self.rows[:, :width], self.rows[:, ::-1][:, :width]
            ends = _end_products(head) + _end_products(tail)
            self._series = toeplitz - ends[: width + 1]
        return self._series

    def __call__(self, variance: float, lag1: float) -> np.ndarray:
        s = kernel_ratio(lag1 / variance)
        lags = self.lags_for(s)
        if lags is None:
            return self.transform(variance, lag1)
        series = self.series(lags)[: lags + 1]
        return np.tensordot(powers(s, lags), series, 1) * ma1_scale(variance, lag1)

    def transform(self, variance: float, lag1: float) -> np.ndarray:
        """The forms by the sine-basis transform (:mod:`.ma1_forms`), for any s and n."""
        if self._fallback is None:
            self._fallback = Ma1QuadraticForms(self.rows.T)
        return self._fallback(variance, lag1)


_ORDERS = np.arange(MAX_LAGS + 1, dtype=np.float64)


def powers(s: float, lags: int) -> np.ndarray:
    """``s^k`` for k = 0..lags."""
    return s ** _ORDERS[: lags + 1]


def ma1_scale(variance: float, lag1: float) -> float:
    """``1 / D``: the forms are ``sum_k s^k series[k] / D``."""
    return 1.0 / math.sqrt((variance - 2 * lag1) * (variance + 2 * lag1))


__all__ = [
    "CHUNK",
    "MAX_LAGS",
    "Ma1LagForms",
    "kernel_ratio",
    "lag_products",
    "lags_needed",
    "ma1_scale",
    "powers",
]
