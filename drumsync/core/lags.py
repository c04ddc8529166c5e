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


def pearson(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson r over the pairs where both are finite; None with fewer than 3 such pairs or
    when either series does not vary."""
    ok = np.isfinite(x) & np.isfinite(y)
    if int(np.count_nonzero(ok)) < 3:
        return None
    x = x[ok] - x[ok].mean()
    y = y[ok] - y[ok].mean()
    sxx, syy = float(np.dot(x, x)), float(np.dot(y, y))
    if not (sxx > 1e-12 and syy > 1e-12):
        return None
    return min(1.0, max(-1.0, float(np.dot(x, y)) / math.sqrt(sxx * syy)))


def lag_correlations(d1: np.ndarray, d2: np.ndarray) -> LagCorrelations:
    """xcorr[lag] = corr(d1[n], d2[n + lag]) for lag -1, 0, +1 (nan entries left out)."""
    return LagCorrelations(
        minus1=pearson(d1[1:], d2[:-1]),
        zero=pearson(d1, d2),
        plus1=pearson(d1[:-1], d2[1:]),
        intervals=int(np.count_nonzero(np.isfinite(d1) & np.isfinite(d2))),
    )


__all__ = ["LagCorrelations", "lag_correlations", "pearson"]
