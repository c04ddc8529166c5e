"""Quadratic forms ``x' K^-1 y`` under a tridiagonal Toeplitz (MA(1)) covariance K, for many K.

``K = variance I + lag1 (S + S')`` (S the shift) is diagonal in the orthonormal sine basis
``u_k[i] = sqrt(2/(N+1)) sin(pi k (i+1)/(N+1))``, with eigenvalues
``variance + 2 lag1 cos(pi k/(N+1))``: once the series are in that basis (the type-I
discrete sine transform, through one real FFT of length 2(N+1)), every ``x' K^-1 y`` is a
weighted dot product, whatever (variance, lag1) an iteration of bGLS asks for.

The FFT is fast only for lengths with small prime factors, so the n-long series are padded
with zeros to an N whose 2(N+1) has none above 5. The leading n x n block of the N x N
inverse is the inverse of ``K_n - s e e'`` (Schur complement; e the last of the n unit
vectors, ``s = lag1^2 (K_m^-1)_00`` with m = N - n), and Sherman-Morrison turns it back into
``K_n^-1`` exactly: one more column (e in the sine basis, known in closed form) does it.
"""

from __future__ import annotations

import functools
import math

import numpy as np


def smooth_length(minimum: int) -> int:
    """The least 2^a 3^b 5^c >= ``minimum`` (a length the FFT handles fast)."""
    best = 1 << max(0, (minimum - 1).bit_length())
    threes = 1
    while threes < best:
        fives = threes
        while fives < best:
            length = fives
            while length < minimum:
                length *= 2
            best = min(best, length)
            fives *= 5
        threes *= 3
    return best


def _sine_basis_entry(index: int, size: int) -> np.ndarray:
    """``u_k[index]`` for k = 1..size: one coordinate of each sine basis vector."""
    k = np.arange(1, size + 1)
    return math.sqrt(2.0 / (size + 1)) * np.sin(np.pi * k * (index + 1) / (size + 1))


@functools.lru_cache(maxsize=4)
def _basis_tables(n: int) -> tuple[int, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]:
    """What depends on the length alone (both players of a match share it), read-only:
    the padded size N, e in the sine basis, the eigenvalue cosines, and the same two for the
    m = N - n padding (for ``(K_m^-1)_00``)."""
    size = smooth_length(2 * n + 2) // 2 - 1
    pad = size - n
    tables = (
        _sine_basis_entry(n - 1, size),  # e, the last of the n
        2.0 * np.cos(np.pi * np.arange(1, size + 1) / (size + 1)),
        _sine_basis_entry(0, pad) ** 2 if pad else None,
        2.0 * np.cos(np.pi * np.arange(1, pad + 1) / (pad + 1)),
    )
    for table in tables:
        if table is not None:
            table.flags.writeable = False
    return (size, *tables)


class Ma1QuadraticForms:
    """``columns' K^-1 columns`` (an m x m matrix) for the n x m ``columns`` and any MA(1) K."""

    def __init__(self, columns: np.ndarray) -> None:
        n, m = columns.shape
        size, e, self._two_cos, self._pad_first, self._pad_two_cos = _basis_tables(n)
        odd = np.zeros((m, 2 * size + 2))  # odd about 0 and size + 1: its FFT is the sine one
        odd[:, 1 : n + 1] = columns.T
        odd[:, 2 * size + 2 - n :] = -columns.T[:, ::-1]
        coordinates = np.fft.rfft(odd, axis=1)[:, 1 : size + 1].imag
        self._coordinates = np.empty((m + 1, size))
        self._coordinates[:m] = coordinates * -math.sqrt(0.5 / (size + 1))
        self._coordinates[m] = e
        self._weighted = np.empty_like(self._coordinates)

    def __call__(self, variance: float, lag1: float) -> np.ndarray:
        np.multiply(self._coordinates, 1.0 / (variance + lag1 * self._two_cos), out=self._weighted)
        padded = self._weighted @ self._coordinates.T  # [columns e]' G [columns e]
        forms, g_e = padded[:-1, :-1], padded[:-1, -1]
        if self._pad_first is None:
            return forms
        pad_inverse_00 = float(self._pad_first @ (1.0 / (variance + lag1 * self._pad_two_cos)))
        s = lag1 * lag1 * pad_inverse_00
        return forms - (s / (1.0 + s * padded[-1, -1])) * np.outer(g_e, g_e)


__all__ = ["Ma1QuadraticForms", "smooth_length"]
