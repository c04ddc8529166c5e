"""The fast forms of the coordination analysis against their straightforward definitions.

MA(1) quadratic forms from lagged products against a dense inverse; block moments against
:func:`lag_correlations` (whole series and every window, with gaps, constant series and
series that miss different intervals); the shared two-player bGLS against each player's
own :func:`player_gains`; the collinearity test against ``np.linalg.cond``; the drift
against a plain least-squares fit; the column-stored windows and sections as tuples.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from factories import grid_chart
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core import ma1_lags
from drumsync.core.coordination import drift_per_bar, pair_gains, player_gains, section_sync
from drumsync.core.coordination_series import (
    PhraseNames,
    SectionSeries,
    SectionSync,
    WindowSeries,
)
from drumsync.core.lags import BlockMoments, lag_correlations, window_lag_correlations
from drumsync.core.ma1_lags import (
    TOLERANCE,
    Ma1LagForms,
    kernel_ratio,
    lag_products,
    lags_needed,
)
from drumsync.core.phase_correction import identifiable


def dense_forms(rows: np.ndarray, variance: float, lag1: float) -> np.ndarray:
    n = rows.shape[1]
    k = np.diag(np.full(n, variance)) + lag1 * (np.eye(n, k=1) + np.eye(n, k=-1))
    return rows @ np.linalg.solve(k, rows.T)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 260),
    rhos=st.lists(st.floats(-0.5, 0.0), min_size=1, max_size=6),
    seed=st.integers(0, 2**32 - 1),
)
def test_lag_forms_match_a_dense_inverse(n, rhos, seed):
    """Any order of (variance, lag1), so the lags grow between calls, up to the bound."""
    rows = np.random.default_rng(seed).normal(0.0, 10.0, (3, n))
    forms = Ma1LagForms(rows)
    assert np.allclose(forms.gram0, rows @ rows.T)
    assert np.allclose(forms.gram1, rows[:, :-1] @ rows[:, 1:].T)
    if n == 0:
        return
    for rho in rhos:
        variance = 7.5
        want = dense_forms(rows, variance, rho * variance)
        got = forms(variance, rho * variance)
        scale = np.sqrt(np.outer(np.diag(want), np.diag(want)))
        assert np.all(np.abs(got - want) <= 1e-9 * scale + 1e-12)


def test_lag_products_across_chunk_edges(monkeypatch):
    monkeypatch.setattr(ma1_lags, "CHUNK", 7)
    rows = np.random.default_rng(1).normal(size=(2, 50))
    got = lag_products(rows, 2, 9)
    for m in range(2, 10):
        assert np.allclose(got[m - 2], rows[:, : 50 - m] @ rows[:, m:].T)
    assert np.all(lag_products(rows[:, :3], 0, 5)[3:] == 0.0)  # lags past the end: nothing


@pytest.mark.parametrize("rho", [0.0, -1e-6, -0.01, -0.13, -0.3, -0.45, -0.4999])
def test_kernel_lags_are_the_fewest_that_reach_float_precision(rho):
    s = kernel_ratio(rho)
    assert s / (1 + s * s) == pytest.approx(-rho, abs=1e-15)  # rho = -s / (1 + s^2)
    lags = lags_needed(s)
    assert s ** (lags + 1) / (1 - s) <= TOLERANCE or s == 0.0
    if lags > 0:
        assert s**lags / (1 - s) > TOLERANCE


def interval_series(rng, n: int, missing: float, kind: str) -> tuple[np.ndarray, np.ndarray]:
    d1 = rng.normal(rng.normal(0.0, 20.0), 8.0, n)
    d2 = rng.normal(0.0, 5.0, n)
    if kind == "constant":
        d2[:] = 3.7
    elif kind == "zero":
        d2[:] = 0.0
    gone = rng.random(n) < missing
    d1[gone] = np.nan
    if kind == "own gaps":
        d2[rng.random(n) < missing] = np.nan
    else:
        d2[gone] = np.nan
    return d1, d2


def assert_same_lags(got: dict, want: dict) -> None:
    for value, expected in zip(got.values(), want.values(), strict=True):
        assert (value is None) == (expected is None)
        if expected is not None:
            assert math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-12)


KINDS = st.sampled_from(["shared gaps", "own gaps", "constant", "zero"])


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(0, 200),
    missing=st.floats(0.0, 0.9),
    kind=KINDS,
    step=st.sampled_from([3, 8, 16]),
    seed=st.integers(0, 2**32 - 1),
)
def test_block_moments_match_lag_correlations(n, missing, kind, step, seed):
    d1, d2 = interval_series(np.random.default_rng(seed), n, missing, kind)
    have = [np.flatnonzero(np.isfinite(d)) for d in (d1, d2)]
    moments = BlockMoments((have[0], d1[have[0]]), (have[1], d2[have[1]]), n, step)
    whole, want = moments.whole(), lag_correlations(d1, d2)
    assert whole.intervals == want.intervals
    assert_same_lags(whole.as_dict(), want.as_dict())
    windows = window_lag_correlations(d1, d2, step)
    starts = list(range(0, n - 2 * step + 1, step))
    assert len(windows.zero) == len(starts)
    for i, first in enumerate(starts):
        expected = lag_correlations(d1[first : first + 2 * step], d2[first : first + 2 * step])
        assert windows.intervals[i] == expected.intervals
        got = {"-1": windows.minus1[i], "0": windows.zero[i], "1": windows.plus1[i]}
        assert_same_lags(
            {k: None if math.isnan(v) else float(v) for k, v in got.items()}, expected.as_dict()
        )


def asynchronies(rng, n: int, missing: float, kind: str):
    """Asynchronies (ms) at the points both hit and which of them start an interval."""
    a1 = np.cumsum(rng.normal(0.0, 4.0, n)) * 0.3 + rng.normal(0.0, 6.0, n)
    a2 = a1 * 0.5 + rng.normal(0.0, 6.0, n)
    if kind == "exact partner":
        a2[:] = 0.0
    elif kind == "same hits":
        a2 = a1.copy()
    played = rng.random(n) >= missing
    return a1, a2, played


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(0, 400),
    missing=st.floats(0.0, 0.5),
    kind=st.sampled_from(["play", "exact partner", "same hits"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_shared_gains_match_each_players_own_estimate(n, missing, kind, seed):
    a1, a2, played = asynchronies(np.random.default_rng(seed), n, missing, kind)
    full1, full2 = (np.where(played, a, np.nan) for a in (a1, a2))
    want = (
        player_gains(np.diff(full1), full1, full2),
        player_gains(np.diff(full2), full2, full1),
    )
    hit = np.flatnonzero(played)
    got = pair_gains((a1[hit], a2[hit]), hit[1:] == hit[:-1] + 1)
    for player_got, player_want in zip(got, want, strict=True):
        for gain, expected in zip(player_got, player_want, strict=True):
            assert (gain is None) == (expected is None)
            if expected is not None:
                assert gain.intervals == expected.intervals
                for field in ("alpha", "se", "timekeeper_sd_ms", "motor_sd_ms"):
                    assert math.isclose(
                        getattr(gain, field), getattr(expected, field), rel_tol=1e-7, abs_tol=1e-9
                    )


@pytest.mark.parametrize("tilt", [0.0, 1e-3, 1e-5, 1e-6, 1e-7, 1e-9, 1.0])
def test_collinearity_test_is_the_condition_number(tilt):
    rng = np.random.default_rng(2)
    a = rng.normal(size=500)
    b = a + tilt * rng.normal(size=500)
    columns = np.array([a - a.mean(), b - b.mean()])
    scaled = columns / np.sqrt(np.sum(columns * columns, axis=1))[:, None]
    expected = np.linalg.cond(scaled.T) <= 1e6
    assert identifiable(columns, columns @ columns.T) == expected


def test_a_column_that_does_not_vary_is_not_identifiable():
    columns = np.array([np.random.default_rng(3).normal(size=50), np.zeros(50)])
    assert not identifiable(columns, columns @ columns.T)
    assert identifiable(columns[:1], columns[:1] @ columns[:1].T)


@pytest.mark.parametrize("noise", [5.0, 1e-3, 0.0])
def test_drift_matches_a_plain_least_squares_fit(noise):
    rng = np.random.default_rng(4)
    x = np.sort(rng.uniform(0, 40, 200))
    y = -3.0 * x + 20.0 + noise * rng.normal(size=200)
    slope, se = drift_per_bar(x, y)
    (want_slope, _), covariance = np.polyfit(x, y, 1, cov="unscaled")
    residual = y - np.polyval((want_slope, _), x)
    want_se = math.sqrt(float(residual @ residual) / (len(x) - 2) * covariance[0, 0])
    assert slope == pytest.approx(want_slope, rel=1e-9)
    assert se == pytest.approx(want_se, rel=1e-6, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(bars=st.integers(1, 30), missing=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_section_sync_does_not_depend_on_the_order_of_the_points(bars, missing, seed):
    """In bar order it is checked against a mask per section (test_coordination_vectorised)."""
    rng = np.random.default_rng(seed)
    chart = grid_chart(bars * 8)
    points = np.asarray(chart.parts[0].time_s)
    delta_ms = rng.normal(0.0, 20.0, len(points))
    delta_ms[rng.random(len(points)) < missing] = np.nan
    order = rng.permutation(len(points))
    shuffled = section_sync(chart, points[order], delta_ms[order])
    in_order = section_sync(chart, points, delta_ms)
    assert shuffled.names == in_order.names and len(shuffled) == len(in_order)
    assert np.array_equal(shuffled.points, in_order.points)
    assert np.allclose(shuffled.percent, in_order.percent, rtol=1e-12, equal_nan=True)


WINDOW_COLUMNS = ([0.0, 1.0], [2.0, 3.0], [0.5, np.nan], [np.nan, -0.2], [0.1, 0.2], [30, 17])


def test_window_series_reads_as_a_tuple():
    series = WindowSeries(*WINDOW_COLUMNS)
    assert len(series) == 2 and series[-1] is series[1]  # made once, then kept
    first, second = series
    assert (first.start_s, first.end_s, first.lags.zero, first.lags.minus1) == (0.0, 2.0, None, 0.5)
    assert second.lags.as_dict() == {"-1": None, "0": -0.2, "1": 0.2}
    assert second.lags.intervals == 17 and isinstance(second.lags.intervals, int)
    assert series[:1] == (first,) and series == (first, second) == tuple(series)
    same = WindowSeries(*WINDOW_COLUMNS)
    assert series == same and hash(series) == hash(same)  # nan equals nan here
    assert series != WindowSeries.empty() and len(WindowSeries.empty()) == 0
    with pytest.raises(IndexError):
        series[2]
    with pytest.raises(ValueError):
        WindowSeries([0.0], [1.0, 2.0], [0.0], [0.0], [0.0], [1])
    with pytest.raises(ValueError):
        series.start_s[0] = 5.0  # read-only


def test_section_series_names_phrases_and_finds_the_extremes():
    names = PhraseNames(10, 4)
    assert list(names) == ["bars 1-4", "bars 5-8", "bars 9-10"] and len(PhraseNames(0, 4)) == 0
    assert names == ("bars 1-4", "bars 5-8", "bars 9-10")
    series = SectionSeries(names, [0, 4, 8], [4, 4, 2], [5, 0, 3], [80.0, np.nan, 80.0])
    assert series[1] == SectionSync("bars 5-8", 4, 4, 0, None)
    assert series.extreme(lowest=True) is series[0]  # first of equals
    assert series.extreme(lowest=False) is series[0]
    empty = SectionSeries((), [], [], [], [])
    assert empty.extreme(lowest=True) is None and tuple(empty) == ()
    assert SectionSeries(("verse",), [0], [4], [0], [np.nan]).extreme(lowest=False) is None
