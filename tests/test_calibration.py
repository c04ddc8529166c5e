"""Calibration maths on simulated tappers: offset, spread, outlier rejection, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drumsync.core.calibration import (
    MIN_TAPS,
    asynchronies,
    beat_times,
    estimate_offset,
    histogram,
)

BPM = 100.0


def simulated_taps(seed: int, mean_ms: float, beats: np.ndarray, sd_ms: float = 15.0):
    """A tapper ``mean_ms`` late (negative: early), SD ``sd_ms``, seeded.

    One beat in 20 is missed and three in 20 get a wild tap (120..290 ms off) beside the
    real one.
    """
    rng = np.random.default_rng(seed)
    taps = beats + rng.normal(mean_ms, sd_ms, size=len(beats)) / 1000.0
    taps = taps[np.arange(len(beats)) % 20 != 7]  # missed beats
    wild_beats = beats[rng.choice(len(beats), size=max(1, 3 * len(beats) // 20), replace=False)]
    wild_ms = rng.uniform(120.0, 290.0, size=len(wild_beats)) * rng.choice([-1, 1], len(wild_beats))
    return np.sort(np.concatenate([taps, wild_beats + wild_ms / 1000.0]))


def calibrate(seed: int, mean_ms: float, beats: int):
    grid = beat_times(BPM, beats, start_s=2.0)
    return estimate_offset(asynchronies(simulated_taps(seed, mean_ms, grid), grid))


# The median of n taps with SD 15 ms has a standard error of about 1.25 * 15 / sqrt(n) ms:
# 4.3 ms for a 20-beat session, so no estimator can promise +-2 ms from one session. The
# estimator itself must be unbiased to that precision, which a long run of taps shows.


@pytest.mark.parametrize("seed", range(5))
def test_a_tapper_40_ms_late_gives_40_ms(seed):
    result = calibrate(seed, 40.0, beats=1000)
    assert result.offset_ms == pytest.approx(40.0, abs=2.0)
    assert result.spread_ms == pytest.approx(15.0, abs=2.0)
    assert result.error_ms < 1.0


@pytest.mark.parametrize("seed", range(5))
def test_an_early_tapper_gives_a_negative_offset(seed):
    result = calibrate(seed, -45.0, beats=1000)
    assert result.offset_ms == pytest.approx(-45.0, abs=2.0)


def test_20_beat_sessions_land_within_their_statistical_error():
    results = [calibrate(seed, 40.0, beats=20) for seed in range(50)]
    offsets = np.array([r.offset_ms for r in results])
    assert np.all(np.abs(offsets - 40.0) <= 15.0)
    assert offsets.mean() == pytest.approx(40.0, abs=2.0)
    for r in results:
        assert r.used + r.rejected == 19 + 3
        assert r.rejected >= 3
        assert 2.0 < r.error_ms < 10.0


def test_wild_taps_are_rejected_and_do_not_move_the_offset():
    grid = beat_times(BPM, 40)
    rng = np.random.default_rng(11)
    clean = asynchronies(grid + rng.normal(30.0, 10.0, len(grid)) / 1000.0, grid)
    wild = np.array([150.0, 180.0, -140.0, 240.0, -200.0])
    base = estimate_offset(clean)
    result = estimate_offset(np.concatenate([clean, wild]))
    assert result.rejected >= len(wild)
    assert result.offset_ms == pytest.approx(base.offset_ms, abs=1.0)


def test_taps_far_from_every_beat_are_rejected_outright():
    values = np.array([30.0] * 10 + [260.0, -300.0, 1000.0])
    result = estimate_offset(values)
    assert result.offset_ms == 30.0
    assert (result.used, result.rejected) == (10, 3)


def test_identical_taps_keep_all_taps_and_zero_spread():
    result = estimate_offset(np.full(12, -20.0))
    assert result.offset_ms == -20.0
    assert result.spread_ms == 0.0
    assert result.used == 12


def test_the_histogram_counts_the_used_taps_in_10_ms_bins():
    result = calibrate(1, 40.0, beats=20)
    hist = result.histogram
    assert sum(hist.counts) == result.used
    assert len(hist.edges_ms) == len(hist.counts) + 1
    assert np.allclose(np.diff(hist.edges_ms), 10.0)
    assert all(edge % 10.0 == 0 for edge in hist.edges_ms)
    assert hist.peak == max(hist.counts)


def test_too_few_taps_is_a_clear_error():
    with pytest.raises(ValueError, match=f"at least {MIN_TAPS}"):
        estimate_offset([10.0] * (MIN_TAPS - 1))
    with pytest.raises(ValueError, match="at least"):
        estimate_offset([10.0] * 5 + [400.0] * 10)


def test_no_taps_is_a_clear_error():
    with pytest.raises(ValueError, match="only 0 of 0 taps"):
        estimate_offset(asynchronies([], beat_times(BPM, 20)))


def test_nonfinite_input_is_refused():
    with pytest.raises(ValueError, match="finite"):
        asynchronies([1.0, float("nan")], beat_times(BPM, 20))
    with pytest.raises(ValueError, match="finite"):
        estimate_offset([1.0] * 8 + [float("inf")])
    with pytest.raises(ValueError, match="numbers"):
        estimate_offset(["a", "b"])
    with pytest.raises(ValueError, match="at least one beat"):
        asynchronies([1.0], [])


def test_each_tap_goes_to_its_nearest_beat():
    beats = np.array([1.0, 2.0, 3.0])
    taps = np.array([0.5, 1.04, 1.6, 2.95, 9.0])
    assert np.allclose(asynchronies(taps, beats), [-500.0, 40.0, -400.0, -50.0, 6000.0])


def test_beat_times_follow_the_tempo():
    assert np.allclose(beat_times(120, 4, start_s=1.0), [1.0, 1.5, 2.0, 2.5])
    with pytest.raises(ValueError):
        beat_times(0, 4)


@given(
    st.lists(st.integers(-240, 240), min_size=MIN_TAPS, max_size=60),
    st.integers(-100, 100),
)
def test_shifting_every_tap_shifts_the_offset(values, shift):
    values = np.array(values, dtype=float)  # whole ms: exact arithmetic
    try:
        base = estimate_offset(values)
    except ValueError:
        return
    moved = values + shift
    if np.any(np.abs(moved) > 250.0):
        return
    shifted = estimate_offset(moved)
    assert shifted.offset_ms == pytest.approx(base.offset_ms + shift, abs=1e-6)
    assert shifted.used == base.used


def test_histogram_of_nothing_is_empty():
    assert histogram([]).counts == ()
