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

from .ma1_forms import Ma1QuadraticForms

#: Fewest intervals for an estimate (fewer: None).
MIN_INTERVALS = 8
#: bGLS iterations (Jacoby et al. 2015 use 20; the fit settles in a few).
ITERATIONS = 20
Z_95 = 1.959963984540054


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
    if int(np.count_nonzero(ok)) < max(MIN_INTERVALS, len(columns) + 2):
        return None
    y = y[ok] - y[ok].mean()
    x = np.column_stack([c[ok] - c[ok].mean() for c in columns])
    n, p = x.shape
    if n < max(MIN_INTERVALS, p + 2):
        return None
    scale = np.sqrt(np.sum(x * x, axis=0))
    if np.any(scale <= 1e-6 * math.sqrt(n)) or np.linalg.cond(x / scale) > 1e6:
        return None
    # [x y]' K^-1 [x y] for any noise covariance K (Ma1QuadraticForms), and the residuals'
    # moments from the lag-0 and lag-1 Gram matrices of [x y] (residual = [x y] c).
    both = np.column_stack([x, y])
    gls = Ma1QuadraticForms(both)
    gram0 = both.T @ both
    gram1 = both[:-1].T @ both[1:]
    variance, lag1 = 1.0, 0.0
    beta = np.zeros(p)
    for _ in range(ITERATIONS):
        quadratic = gls(variance, lag1)
        beta = np.linalg.solve(quadratic[:p, :p], quadratic[:p, p])
        c = np.append(-beta, 1.0)
        new_variance, new_lag1 = _bounded(
            max(0.0, float(c @ gram0 @ c)) / n, float(c @ gram1 @ c) / (n - 1)
        )
        settled = abs(new_variance - variance) < 1e-9 * variance and abs(new_lag1 - lag1) < 1e-9
        variance, lag1 = new_variance, new_lag1
        if settled:
            break
    # Standard errors under the final covariance (K in ms^2, so the scale is absolute).
    covariance = np.linalg.inv(gls(variance, lag1)[:p, :p])
    motor_var = -lag1
    timekeeper_sd = math.sqrt(max(0.0, variance - 2 * motor_var))
    out = []
    for j in range(p):
        alpha = -float(beta[j])
        se = math.sqrt(max(0.0, float(covariance[j, j])))
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


def estimate_gain(interval_dev_ms, asynchrony_ms) -> GainEstimate | None:
    """The single-reference :func:`estimate_gains`: alpha to one partner or metronome."""
    gains = estimate_gains(interval_dev_ms, asynchrony_ms)
    return None if gains is None else gains[0]


__all__ = ["ITERATIONS", "MIN_INTERVALS", "GainEstimate", "estimate_gain", "estimate_gains"]
