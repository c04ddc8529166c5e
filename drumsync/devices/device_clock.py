"""A device's own clock on the ``time.perf_counter`` scale, by a measured offset.

PortMidi stamps each MIDI message with its own millisecond clock (``Pt_Time``, the clock
``pygame.midi.time()`` reads) when the driver receives it, before the game polls. That is
the best time of a strike we can get: it does not depend on how often the game polls. To use
it, the offset between the two clocks is measured by reading them together:

    before_s = perf_counter(); device_ms = midi.time(); after_s = perf_counter()
    offset_s = (before_s + after_s) / 2 - device_ms / 1000

A sample is only as good as its bracket (``after_s - before_s``, a descheduled thread makes
it wide) and the device clock's 1 ms steps, so the clock keeps the recent samples and uses the
narrowest half of them. Two clocks from different crystals drift apart (tens of ppm: about a
millisecond in half a minute), so the offset is a robust line through those samples, offset
against device time: the Theil-Sen estimator (median of the pairwise slopes, then the median
intercept). One bad sample cannot move it, and since old samples leave the window, it follows
a drift that changes.

A converted stamp is checked against when the message arrived: it cannot be later than that
(it is pulled back to the arrival), and a stamp far earlier than the arrival means the
device gives no usable time (some drivers stamp 0): then the caller's own stamp is used.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from statistics import median

WINDOW_SAMPLES = 32
#: Samples with a wider bracket than this are not used at all.
MAX_BRACKET_S = 0.005
#: A device stamp more than this before the message's arrival is not believed.
MAX_LAG_S = 0.25
#: The device clock counts whole milliseconds.
TICK_S = 0.001


#: Fewest samples, and shortest span of device time, over which a drift is estimated.
MIN_DRIFT_SAMPLES = 4
MIN_DRIFT_SPAN_S = 1.0


@dataclass(frozen=True, slots=True)
class ClockSample:
    device_s: float
    offset_s: float
    bracket_s: float


class DeviceClock:
    """Converts a device's millisecond stamps to perf-counter seconds."""

    def __init__(self, window: int = WINDOW_SAMPLES) -> None:
        self._samples: deque[ClockSample] = deque(maxlen=window)
        self._fit: tuple[float, float] | None = None  # (slope, intercept), until a new sample
        self.converted = 0
        self.fallbacks = 0

    @property
    def measured(self) -> bool:
        return bool(self._samples)

    def measure(self, before_s: float, device_ms: float, after_s: float) -> bool:
        """Add one reading of both clocks; False (and ignored) when the bracket is too wide."""
        bracket_s = after_s - before_s
        if not 0.0 <= bracket_s <= MAX_BRACKET_S:
            return False
        midpoint_s = before_s + bracket_s / 2.0
        device_s = device_ms / 1000.0
        self._samples.append(ClockSample(device_s, midpoint_s - device_s, bracket_s))
        self._fit = None
        return True

    def _best(self) -> list[ClockSample]:
        """The narrowest half of the samples (the newer first among equals)."""
        newest_first = list(reversed(self._samples))
        ranked = sorted(newest_first, key=lambda s: s.bracket_s)
        return ranked[: max(1, (len(ranked) + 1) // 2)]

    def _drift(self, samples: list[ClockSample]) -> float:
        """Theil-Sen slope of offset against device time (0 with too little to go on)."""
        times = [s.device_s for s in samples]
        if len(samples) < MIN_DRIFT_SAMPLES or max(times) - min(times) < MIN_DRIFT_SPAN_S:
            return 0.0
        slopes = [
            (b.offset_s - a.offset_s) / (b.device_s - a.device_s)
            for i, a in enumerate(samples)
            for b in samples[i + 1 :]
            if b.device_s != a.device_s
        ]
        return median(slopes) if slopes else 0.0

    def offset_at(self, device_s: float) -> float | None:
        """perf_counter seconds minus device seconds at device time ``device_s``; None
        before the first sample."""
        if not self._samples:
            return None
        if self._fit is None:
            best = self._best()
            slope = self._drift(best)
            self._fit = (slope, median(s.offset_s - slope * s.device_s for s in best))
        slope, intercept = self._fit
        return intercept + slope * device_s

    @property
    def offset_s(self) -> float | None:
        """The offset at the newest sample's device time."""
        if not self._samples:
            return None
        return self.offset_at(self._samples[-1].device_s)

    @property
    def uncertainty_s(self) -> float | None:
        """Half the spread of the used samples around the fitted line, plus half a tick."""
        if not self._samples:
            return None
        best = self._best()
        residuals = [s.offset_s - self.offset_at(s.device_s) for s in best]
        return (max(residuals) - min(residuals)) / 2.0 + TICK_S / 2.0

    def to_perf(self, device_ms: float, arrived_s: float, fallback_s: float) -> tuple[float, bool]:
        """The perf-counter time of a message stamped ``device_ms`` that the game read at
        ``arrived_s``; ``(fallback_s, False)`` when the device time cannot be used."""
        offset_s = self.offset_at(device_ms / 1000.0)
        if offset_s is None:
            self.fallbacks += 1
            return fallback_s, False
        stamp_s = device_ms / 1000.0 + offset_s
        if stamp_s < arrived_s - MAX_LAG_S:
            self.fallbacks += 1
            return fallback_s, False
        self.converted += 1
        return min(stamp_s, arrived_s), True
