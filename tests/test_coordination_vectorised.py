"""The whole-array forms of the coordination analysis against their one-at-a-time definitions.

bGLS against a dense GLS with the MA(1) covariance written out; windowed cross-correlations
against :func:`lag_correlations` per window; section sync against a mask per section.
"""

from __future__ import annotations

import math

import numpy as np
from factories import grid_chart
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core.coordination import (
    WINDOW_INTERVALS,
    WINDOW_STEP,
    chart_sections,
    section_sync,
    sliding_correlations,
)
from drumsync.core.lags import lag_correlations
from drumsync.core.ma1_forms import Ma1QuadraticForms, smooth_length
from drumsync.core.phase_correction import ITERATIONS, estimate_gains
from drumsync.core.sync import sync_credits


def dense_bgls(y: np.ndarray, *columns: np.ndarray) -> list[float]:
    """bGLS as Jacoby et al. (2015) write it: the covariance as a full matrix, solved densely."""
    y = y - y.mean()
    x = np.column_stack([c - c.mean() for c in columns])
    n = len(y)
    variance, lag1 = 1.0, 0.0
    for _ in range(ITERATIONS):
        k = np.diag(np.full(n, variance)) + lag1 * (np.eye(n, k=1) + np.eye(n, k=-1))
        kx = np.linalg.solve(k, x)
        beta = np.linalg.solve(x.T @ kx, kx.T @ y)
        r = y - x @ beta
        new_variance = max(float(np.mean(r * r)), 1e-12)
        new_lag1 = min(0.0, max(float(np.mean(r[:-1] * r[1:])), -new_variance / 2))
        settled = abs(new_variance - variance) < 1e-9 * variance and abs(new_lag1 - lag1) < 1e-9
        variance, lag1 = new_variance, new_lag1
        if settled:
            break
    return [-float(b) for b in beta]


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(10, 160),
    alpha=st.floats(-0.3, 1.2),
    motor_ms=st.floats(0.0, 8.0),
    ensemble=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_bgls_matches_dense_gls(n, alpha, motor_ms, ensemble, seed):
    rng = np.random.default_rng(seed)
    partner = rng.normal(0.0, 10.0, n)
    own = rng.normal(0.0, 10.0, n)
    motor = rng.normal(0.0, motor_ms, n + 1)
    y = -alpha * partner + rng.normal(0.0, 5.0, n) + motor[1:] - motor[:-1]
    columns = (partner, own) if ensemble else (partner,)
    gains = estimate_gains(y, *columns)
    assert gains is not None
    expected = dense_bgls(y, *columns)
    for gain, want in zip(gains, expected, strict=True):
        assert math.isclose(gain.alpha, want, rel_tol=1e-7, abs_tol=1e-9)
        assert gain.intervals == n and gain.se > 0.0


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 300),
    variance=st.floats(1e-3, 1e3),
    correlation=st.floats(-0.5, 0.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_quadratic_forms_match_a_dense_inverse(n, variance, correlation, seed):
    """Padded or not (n = 1, 2, 4, 7 need none), up to the bound lag1 = -variance / 2."""
    columns = np.random.default_rng(seed).normal(0.0, 10.0, (n, 3))
    lag1 = correlation * variance
    k = np.diag(np.full(n, variance)) + lag1 * (np.eye(n, k=1) + np.eye(n, k=-1))
    want = columns.T @ np.linalg.solve(k, columns)
    got = Ma1QuadraticForms(columns)(variance, lag1)
    scale = np.sqrt(np.outer(np.diag(want), np.diag(want)))
    assert np.all(np.abs(got - want) <= 1e-8 * scale + 1e-12)


def test_smooth_lengths_are_the_least_with_factors_2_3_5():
    def smooth(x: int) -> bool:
        for p in (2, 3, 5):
            while x % p == 0:
                x //= p
        return x == 1

    for minimum in [1, 2, 3, 7, 97, 1000, 38_002, 2_000_002]:
        length = smooth_length(minimum)
        assert length >= minimum and smooth(length)
        assert not any(smooth(x) for x in range(minimum, length))


def nan_series(rng, n: int, missing: float, constant: bool) -> np.ndarray:
    d = np.zeros(n) if constant else rng.normal(0.0, 5.0, n)
    d[rng.random(n) < missing] = np.nan
    return d


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 200),
    missing=st.floats(0.0, 0.9),
    constant=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_windows_match_one_window_at_a_time(n, missing, constant, seed):
    rng = np.random.default_rng(seed)
    d1 = nan_series(rng, n, missing, False)
    d2 = nan_series(rng, n, missing, constant)
    start_s = np.arange(n + 1) * 0.5
    windows = sliding_correlations(d1, d2, start_s)
    expected = []
    for first in range(0, max(0, n - WINDOW_INTERVALS) + 1, WINDOW_STEP):
        last = first + WINDOW_INTERVALS
        if last > n:
            break
        lags = lag_correlations(d1[first:last], d2[first:last])
        if lags.intervals >= WINDOW_INTERVALS // 2:
            expected.append((start_s[first], start_s[last], lags))
    assert len(windows) == len(expected)
    for window, (begin, end, lags) in zip(windows, expected, strict=True):
        assert (window.start_s, window.end_s) == (begin, end)
        assert window.lags.intervals == lags.intervals
        for got, want in zip(window.lags.as_dict().values(), lags.as_dict().values(), strict=True):
            assert (got is None) == (want is None)
            if want is not None:
                assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=40, deadline=None)
@given(bars=st.integers(1, 40), missing=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_section_sync_matches_a_mask_per_section(bars, missing, seed):
    rng = np.random.default_rng(seed)
    chart = grid_chart(bars * 8)
    points = np.asarray(chart.parts[0].time_s)
    delta_ms = rng.normal(0.0, 20.0, len(points))
    delta_ms[rng.random(len(points)) < missing] = np.nan
    got = section_sync(chart, points, delta_ms)
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    bar_of_point = np.floor((points - chart.music_start_s) / bar_s + 1e-9)
    credits = np.where(np.isnan(delta_ms), 0.0, sync_credits(np.nan_to_num(np.abs(delta_ms))))
    sections = chart_sections(chart)
    assert [s.name for s in got] == [s.name for s in sections]
    for result, section in zip(got, sections, strict=True):
        inside = (bar_of_point >= section.start_bar) & (
            bar_of_point < section.start_bar + section.bars
        )
        assert result.points == int(np.count_nonzero(inside))
        if result.points == 0:
            assert result.percent is None
        else:
            assert math.isclose(result.percent, 100.0 * float(np.mean(credits[inside])))
