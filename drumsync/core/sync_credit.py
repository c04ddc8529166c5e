"""The sync credit of one shared point: how much a pair earns for playing it ``|delta|`` apart.

1 up to ``FLAT_MS``, then Etterna's Wife3 shape
``erf((ZERO_MS - |d|) / WIDTH_MS) / erf((ZERO_MS - FLAT_MS) / WIDTH_MS)`` clipped to [0, 1]:
it reaches 0 at ``ZERO_MS`` and never rises as |delta| grows (see :mod:`.sync`).
"""

from __future__ import annotations

import numpy as np

FLAT_MS = 5.0
ZERO_MS = 45.0
WIDTH_MS = 20.0


# erf by Abramowitz & Stegun 7.1.26 (|error| <= 1.5e-7): numpy has no erf, and calling
# math.erf once per point made the sync credit the slowest part of scoring a long match.
_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def erf_approx(x: np.ndarray) -> np.ndarray:
    """Vectorised error function, absolute error below 1.5e-7 (A&S 7.1.26)."""
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x)
    t = 1.0 / (1.0 + _ERF_P * ax)
    a1, a2, a3, a4, a5 = _ERF_A
    poly = t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5))))
    return np.copysign(1.0 - poly * np.exp(-ax * ax), x)


_CREDIT_NORM = float(erf_approx(np.float64((ZERO_MS - FLAT_MS) / WIDTH_MS)))


def sync_credits(abs_delta_ms: np.ndarray) -> np.ndarray:
    """Credit in [0, 1] for each shared point played ``abs_delta_ms`` apart (vectorised)."""
    values = np.atleast_1d(np.asarray(abs_delta_ms, dtype=np.float64))
    credit = (values <= FLAT_MS).astype(np.float64)  # exactly nothing from the cut-off on
    sloped = np.flatnonzero((values > FLAT_MS) & (values < ZERO_MS))
    if len(sloped):
        shape = values[sloped]
        np.subtract(ZERO_MS, shape, out=shape)
        shape /= WIDTH_MS
        shape = erf_approx(shape)
        shape /= _CREDIT_NORM
        credit[sloped] = np.clip(shape, 0.0, 1.0, out=shape)
    return credit


def sync_credit(abs_delta_ms: float) -> float:
    """Credit in [0, 1] for one shared point played ``abs_delta_ms`` apart."""
    return float(sync_credits(np.float64(abs_delta_ms))[0])


__all__ = ["FLAT_MS", "WIDTH_MS", "ZERO_MS", "erf_approx", "sync_credit", "sync_credits"]
