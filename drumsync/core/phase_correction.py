"""Phase-correction gain (alpha) of the linear phase-correction model, by bounded GLS.

The model (Vorberg & Wing 1996; Vorberg & Schulze 2002), for a player whose taps are
``t[n]`` against a reference (a metronome or a partner) with asynchrony ``A[n] = t[n] - r[n]``::

    t[n+1] = t[n] + T[n] - alpha * A[n] + M[n+1] - M[n]

``T`` is the player's timekeeper interval (variance sigma_T^2) and ``M`` the motor delay
(variance sigma_M^2). In terms of the inter-tap interval ``I[n] = t[n+1] - t[n]``::

    I[n] - mean = -alpha * (A[n] - mean_A) + e[n],   e[n] = T[n] - mean_T + M[n+1] - M[n]

so the noise ``e`` is MA(1): var = sigma_T^2 + 2 sigma_M^2, lag-1 covariance = -sigma_M^2,
and ordinary least squares is biased. Jacoby, Tishby, Repp, Ahissar & Keller (2015, "Parameter
estimation of linear sensorimotor synchronization models", Timing & Time Perception 3:52-87)
estimate alpha by *bounded* generalised least squares (bGLS): alternate a GLS fit of alpha
under the current noise covariance with a re-estimate of (sigma_T^2, sigma_M^2) from the
residuals, keeping both variances non-negative (so -var/2 <= lag-1 covariance <= 0). This is
the estimator Wing, Endo, Bradbury & Vorberg (2014, J R Soc Interface 11:20131125) use for
string quartets. Its standard error is the GLS one, sqrt of (X' K^-1 X)^-1 with K the fitted
noise covariance; the confidence interval is estimate +/- 1.96 SE (95 %).

Inputs here are *deviations from the chart* (a player's hit time minus the note's time),
which turns any rhythm into the isochronous case the model is written for: the chart's
own intervals cancel in ``I[n]`` and the reference's asynchrony is the partner's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .ma1_lags import Ma1LagForms, kernel_ratio, ma1_scale, powers

#: Fewest intervals for an estimate (fewer: None).
MIN_INTERVALS = 8
#: bGLS iterations (Jacoby et al. 2015 use 20; the fit settles in a few).
ITERATIONS = 20
Z_95 = 1.959963984540054
#: Columns whose condition number exceeds this cannot be told apart (gains not identifiable).
MAX_CONDITION = 1e6


@dataclass(frozen=True, slots=True)
class GainEstimate:
    """alpha with its standard error, 95 % interval and the fitted noise SDs (ms)."""

    alpha: float
    se: float
    ci_low: float
    ci_high: float
    timekeeper_sd_ms: float
    motor_sd_ms: float
    intervals: int


def _bounded(variance: float, lag1: float) -> tuple[float, float]:
    """Clamp the MA(1) moments so sigma_T^2 >= 0 and sigma_M^2 >= 0."""
    variance = max(variance, 1e-12)
    lag1 = min(0.0, max(lag1, -variance / 2))
    return variance, lag1


class RegressionForms:
    """bGLS's view of some of the rows of a :class:`Ma1LagForms`: the columns (each row
    times its sign) and last the fitted series. Calls give nested lists: the fit's
    arithmetic on a 2 x 2 or 3 x 3 matrix is quicker in plain floats than in numpy."""

    def __init__(self, forms: Ma1LagForms, index: tuple[int, ...], signs: tuple[float, ...]):
        self._forms = forms
        self._index = np.asarray(index)
        self._signs = np.outer(signs, signs)
        select = np.ix_(self._index, self._index)
        self.gram0 = (forms.gram0[select] * self._signs).tolist()
        self.gram1 = (forms.gram1[select] * self._signs).tolist()
        self._series_of: np.ndarray | None = None
        self._series = np.zeros((0, 0))

    def __call__(self, variance: float, lag1: float) -> list[list[float]]:
        forms = self._forms
        s = kernel_ratio(lag1 / variance)
        size = len(self._index)
        lags = forms.lags_for(s)
        if lags is None:
            select = np.ix_(self._index, self._index)
            return (forms.transform(variance, lag1)[select] * self._signs).tolist()
        full = forms.series(lags)
        if full is not self._series_of:  # the lags grew: select this view's entries again
            self._series_of = full
            self._series = (full[:, self._index][:, :, self._index] * self._signs).reshape(
                len(full), size * size
            )
        if lags == 0:
            flat = self._series[0] / variance
        else:
            flat = powers(s, lags) @ self._series[: lags + 1] * ma1_scale(variance, lag1)
        values = flat.tolist()
        return [values[i * size : (i + 1) * size] for i in range(size)]


def _quadratic(c: list[float], matrix: list[list[float]]) -> float:
    """``c' matrix c`` in plain floats."""
    total = 0.0
    for ci, row in zip(c, matrix, strict=True):
        inner = 0.0
        for m, cj in zip(row, c, strict=True):
            inner += m * cj
        total += ci * inner
    return total


def _solve(q: list[list[float]], p: int) -> list[float]:
    """The GLS coefficients: ``q[:p, :p] beta = q[:p, p]``."""
    if p == 1:
        return [q[0][1] / q[0][0]]
    if p == 2:
        det = q[0][0] * q[1][1] - q[0][1] * q[1][0]
        return [
            (q[0][2] * q[1][1] - q[0][1] * q[1][2]) / det,
            (q[0][0] * q[1][2] - q[1][0] * q[0][2]) / det,
        ]
    a = np.array(q)
    return np.linalg.solve(a[:p, :p], a[:p, p]).tolist()


def _inverse_diagonal(q: list[list[float]], p: int) -> list[float]:
    """The diagonal of ``q[:p, :p]^-1`` (the GLS variances of the coefficients)."""
    if p == 1:
        return [1.0 / q[0][0]]
    if p == 2:
        det = q[0][0] * q[1][1] - q[0][1] * q[1][0]
        return [q[1][1] / det, q[0][0] / det]
    return np.diag(np.linalg.inv(np.array(q)[:p, :p])).tolist()


def fit_gains(forms: RegressionForms, n: int) -> tuple[GainEstimate, ...]:
    """The bGLS fit (Jacoby et al. 2015) of the last row of ``forms`` on the others."""
    p = len(forms.gram0) - 1
    variance, lag1 = 1.0, 0.0
    beta = [0.0] * p
    for _ in range(ITERATIONS):
        quadratic = forms(variance, lag1)
        beta = _solve(quadratic, p)
        c = [-b for b in beta] + [1.0]
        new_variance, new_lag1 = _bounded(
            max(0.0, _quadratic(c, forms.gram0)) / n, _quadratic(c, forms.gram1) / (n - 1)
        )
        settled = abs(new_variance - variance) < 1e-9 * variance and abs(new_lag1 - lag1) < 1e-9
        variance, lag1 = new_variance, new_lag1
        if settled:
            break
    # Standard errors under the final covariance (K in ms^2, so the scale is absolute).
    coefficient_variance = _inverse_diagonal(forms(variance, lag1), p)
    motor_var = -lag1
    timekeeper_sd = math.sqrt(max(0.0, variance - 2 * motor_var))
    out = []
    for j in range(p):
        alpha = -beta[j]
        se = math.sqrt(max(0.0, coefficient_variance[j]))
        out.append(
            GainEstimate(
                alpha=alpha,
                se=se,
                ci_low=alpha - Z_95 * se,
                ci_high=alpha + Z_95 * se,
                timekeeper_sd_ms=timekeeper_sd,
                motor_sd_ms=math.sqrt(motor_var),
                intervals=n,
            )
        )
    return tuple(out)


def identifiable(columns: np.ndarray, gram: np.ndarray) -> bool:
    """True unless a centred column (row of ``columns``) does not vary or the columns are
    collinear: condition number of the columns scaled to unit length above MAX_CONDITION.
    ``gram`` is ``columns @ columns.T``."""
    p, n = columns.shape
    scale = np.sqrt(np.diag(gram))
    if np.any(scale <= 1e-6 * math.sqrt(n)):
        return False
    if p == 1:
        return True
    if p > 2:
        return bool(np.linalg.cond((columns / scale[:, None]).T) <= MAX_CONDITION)
    # Two unit columns u, v: singular values^2 are 1 +/- |u.v|, so the condition number
    # is sqrt(|u+v|^2 / |u-v|^2) (or its inverse); |u-v| straight from the columns
    # where they are nearly parallel, as the cosine loses the digits that matter there.
    cosine = abs(float(gram[0, 1])) / float(scale[0] * scale[1])
    if cosine < 1.0 - 1e-8:
        return (1.0 + cosine) / (1.0 - cosine) <= MAX_CONDITION**2
    unit = columns / scale[:, None]
    near = float(np.sum(np.square(unit[0] - unit[1])))
    far = float(np.sum(np.square(unit[0] + unit[1])))
    near, far = min(near, far), max(near, far)
    return near > 0.0 and far / near <= MAX_CONDITION**2


def estimate_gains(interval_dev_ms, *asynchrony_ms) -> tuple[GainEstimate, ...] | None:
    """bGLS gains from interval deviations ``I[n]`` and one asynchrony series per reference.

    ``interval_dev_ms[n]`` is the interval that starts at tap n (its deviation from the
    chart's interval) and each ``asynchrony_ms[r][n]`` the asynchrony to reference r at tap
    n: one reference is the single-partner model, several the ensemble model
    ``I[n] = -sum_r alpha_r A_r[n] + e[n]`` (Wing et al. 2014's quartets; Jacoby et al.
    2015). None when there are fewer than :data:`MIN_INTERVALS` finite intervals or the
    asynchronies are collinear or do not vary (the gains are then not identifiable).
    """
    y = np.asarray(interval_dev_ms, dtype=np.float64)
    columns = [np.asarray(a, dtype=np.float64) for a in asynchrony_ms]
    ok = np.isfinite(y)
    for column in columns:
        ok &= np.isfinite(column)
    p = len(columns)
    n = int(np.count_nonzero(ok))
    if n < max(MIN_INTERVALS, p + 2):
        return None
    rows = np.array([c[ok] for c in (*columns, y)])
    rows -= rows.mean(axis=1)[:, None]
    forms = Ma1LagForms(rows)
    if not identifiable(rows[:p], forms.gram0[:p, :p]):
        return None
    return fit_gains(RegressionForms(forms, tuple(range(p + 1)), (1.0,) * (p + 1)), n)


def estimate_gain(interval_dev_ms, asynchrony_ms) -> GainEstimate | None:
    """The single-reference :func:`estimate_gains`: alpha to one partner or metronome."""
    gains = estimate_gains(interval_dev_ms, asynchrony_ms)
    return None if gains is None else gains[0]


__all__ = [
    "ITERATIONS",
    "MIN_INTERVALS",
    "GainEstimate",
    "RegressionForms",
    "estimate_gain",
    "estimate_gains",
    "fit_gains",
    "identifiable",
]
