"""Clock alignment from round trips (simulated links with known offsets and delays)."""

from __future__ import annotations

import random

import pytest

from drumsync.net.clock import (
    ROUND_TRIPS,
    ClockSample,
    best_rtt_offset,
    estimate_offset,
)
from drumsync.net.song_clock import SongClock


def simulated_samples(offset_s, seed, n=ROUND_TRIPS, delay_s=0.08, jitter_s=0.02, spacing=0.015):
    rng = random.Random(seed)
    samples = []
    for i in range(n):
        t0 = 100.0 + i * spacing
        t1 = t0 + delay_s + rng.uniform(-jitter_s, jitter_s) + offset_s
        t2 = t1 + rng.uniform(0.0, 0.0005)  # the answer takes a moment to write
        t3 = t2 - offset_s + delay_s + rng.uniform(-jitter_s, jitter_s)
        samples.append(ClockSample(t0, t1, t2, t3))
    return samples


def test_one_clean_round_trip_gives_the_offset_and_rtt():
    sample = ClockSample(t0=10.0, t1=15.05, t2=15.06, t3=10.11)
    assert sample.offset_s == pytest.approx(5.0)
    assert sample.rtt_s == pytest.approx(0.1)


def test_symmetric_link_without_jitter_is_exact():
    estimate = estimate_offset(simulated_samples(-3.25, seed=1, jitter_s=0.0))
    assert estimate.offset_s == pytest.approx(-3.25, abs=1e-3)
    assert estimate.one_way_ms == pytest.approx(80.0, abs=0.5)


@pytest.mark.parametrize("offset_s", [0.0, 5.0, -1234.5678])
def test_error_under_2_ms_with_80_ms_and_20_ms_jitter(offset_s):
    errors_ms = [
        abs(estimate_offset(simulated_samples(offset_s, seed)).offset_s - offset_s) * 1000
        for seed in range(300)
    ]
    assert max(errors_ms) < 2.0
    # the single quickest round trip (NTP's clock filter alone) is clearly worse
    single_ms = [
        abs(best_rtt_offset(simulated_samples(offset_s, seed)) - offset_s) * 1000
        for seed in range(300)
    ]
    assert sorted(errors_ms)[150] < sorted(single_ms)[150]


def test_congested_samples_do_not_count():
    samples = simulated_samples(2.0, seed=3)
    # a third of the answers sat in a queue for 300 ms on the way back
    slow = [ClockSample(s.t0, s.t1, s.t2, s.t3 + 0.3) for s in samples[::3]]
    estimate = estimate_offset(samples[1::3] + samples[2::3] + slow)
    assert abs(estimate.offset_s - 2.0) < 0.002


def test_too_few_or_impossible_samples_refused():
    with pytest.raises(ValueError, match="usable"):
        estimate_offset(simulated_samples(0.0, seed=1, n=5))
    backwards = [ClockSample(10.0, 5.0, 5.0, 9.0)] * 50  # answered before it was asked
    nan = [ClockSample(float("nan"), 1.0, 1.0, 2.0)] * 50
    with pytest.raises(ValueError):
        estimate_offset(backwards + nan)


def test_song_clock_runs_pauses_and_resumes():
    clock = SongClock()
    assert not clock.started and clock.shared_time_of(1.0) is None
    with pytest.raises(ValueError):
        clock.song_time(0.0)
    clock.start(at=100.0, song_s=-2.0)
    assert clock.song_time(99.0) == -3.0  # counting down
    assert clock.song_time(104.5) == 2.5
    assert clock.shared_time_of(0.0) == 102.0
    assert clock.pause(105.0) == 3.0 and clock.paused
    assert clock.song_time(200.0) == 3.0 and clock.shared_time_of(4.0) is None
    assert clock.pause(300.0) == 3.0  # a second pause keeps the first point
    clock.start(at=210.0, song_s=1.0)
    assert not clock.paused and clock.song_time(212.0) == 3.0
