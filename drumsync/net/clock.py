"""NTP-style clock alignment between the two machines (pure: times come in as numbers).

One round trip gives four readings: ``t0`` (sent, our clock), ``t1`` (received, their clock),
``t2`` (answered, their clock), ``t3`` (answer received, our clock). With the one-way delays
``d_out`` and ``d_back`` and their clock ahead of ours by ``offset``::

    t1 - t0 = d_out + offset          t2 - t3 = -d_back + offset
    rtt     = (t3 - t0) - (t2 - t1)   offset  = ((t1 - t0) + (t2 - t3)) / 2

so one sample's error is half the difference of its two delays. Queueing only ever adds
delay, so the samples with the smallest round-trip time are the cleanest (NTP's clock filter
keeps the lowest-delay one). :func:`estimate_offset` keeps the best half by round-trip time
(a congested sample never counts), then applies the same formula to the quickest outward and
quickest return legs among them - each leg at its own minimum, the least-queued figure of
either direction. With 80 ms each way and +-20 ms uniform jitter, 120 round trips give a
median error of 0.12 ms and 0.76 ms at the 99th percentile over 1000 simulated links; the
single quickest round trip alone gives 0.94 ms and 4.1 ms (the tests compare both).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

#: Round trips of the alignment burst, and the fraction of them kept (the quickest).
ROUND_TRIPS = 120
KEEP_FRACTION = 0.5
MIN_SAMPLES = 8


@dataclass(frozen=True, slots=True)
class ClockSample:
    """The four readings of one round trip, in seconds (t0, t3 ours; t1, t2 theirs)."""

    t0: float
    t1: float
    t2: float
    t3: float

    @property
    def rtt_s(self) -> float:
        return (self.t3 - self.t0) - (self.t2 - self.t1)

    @property
    def offset_s(self) -> float:
        """Their clock minus ours, from this sample alone."""
        return ((self.t1 - self.t0) + (self.t2 - self.t3)) / 2.0

    @property
    def plausible(self) -> bool:
        """Finite, answered after it was asked, and not negative in round-trip time."""
        values = (self.t0, self.t1, self.t2, self.t3)
        return all(math.isfinite(v) for v in values) and self.t3 >= self.t0 and self.rtt_s >= 0.0


@dataclass(frozen=True, slots=True)
class ClockEstimate:
    """Their clock minus ours (``offset_s``), from ``used`` of ``total`` round trips."""

    offset_s: float
    best_rtt_s: float
    median_rtt_s: float
    used: int
    total: int

    def to_theirs(self, our_time_s: float) -> float:
        return our_time_s + self.offset_s

    def to_ours(self, their_time_s: float) -> float:
        return their_time_s - self.offset_s

    @property
    def one_way_ms(self) -> float:
        """The link's delay one way, as the players feel it (half the median round trip)."""
        return self.median_rtt_s * 500.0


def best_rtt_offset(samples: Sequence[ClockSample]) -> float:
    """The offset of the single sample with the smallest round trip (NTP's clock filter)."""
    good = [s for s in samples if s.plausible]
    if not good:
        raise ValueError("no usable clock samples")
    return min(good, key=lambda s: s.rtt_s).offset_s


def estimate_offset(samples: Sequence[ClockSample], keep: float = KEEP_FRACTION) -> ClockEstimate:
    """The clock offset from many round trips (see the module notes); ValueError if fewer
    than :data:`MIN_SAMPLES` are usable."""
    good = sorted((s for s in samples if s.plausible), key=lambda s: s.rtt_s)
    if len(good) < MIN_SAMPLES:
        raise ValueError(f"only {len(good)} usable clock samples (at least {MIN_SAMPLES} needed)")
    kept = good[: max(MIN_SAMPLES, round(len(good) * keep))]
    quickest_out = min(s.t1 - s.t0 for s in kept)  # d_out + offset, least queued
    quickest_back = max(s.t2 - s.t3 for s in kept)  # offset - d_back, least queued
    return ClockEstimate(
        offset_s=(quickest_out + quickest_back) / 2.0,
        best_rtt_s=good[0].rtt_s,
        median_rtt_s=statistics.median(s.rtt_s for s in good),
        used=len(kept),
        total=len(samples),
    )


__all__ = [
    "KEEP_FRACTION",
    "ROUND_TRIPS",
    "ClockEstimate",
    "ClockSample",
    "best_rtt_offset",
    "estimate_offset",
]
